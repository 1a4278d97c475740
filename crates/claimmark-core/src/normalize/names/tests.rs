use super::*;
use crate::model::{Claim, ClaimId, ImplicitArgument, Name, notation};

fn entity(id: u32, kind: ValueKind, name: &str, aliases: &[&str]) -> Entity {
    Entity {
        id: EntityId(id),
        kind,
        name: name.to_owned(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

fn registry() -> Vec<Entity> {
    vec![
        entity(1, ValueKind::Person, "Ales Bialiatski", &[]),
        entity(2, ValueKind::Person, "Maria Kolesnikova", &[]),
        entity(3, ValueKind::Person, "Sviatlana Tsikhanouskaya", &[]),
        entity(4, ValueKind::Person, "Alexander Lukashenko", &[]),
        entity(5, ValueKind::Person, "Andrey Kuznechyk", &[]),
        entity(6, ValueKind::Person, "Siarhei Tsikhanouski", &[]),
        entity(
            7,
            ValueKind::Organization,
            "Viasna",
            &["Viasna Human Rights Centre"],
        ),
        entity(8, ValueKind::Place, "Minsk", &[]),
    ]
}

#[test]
fn mentions_link_to_the_right_person_or_to_nobody() {
    let entities = registry();
    // (mention, entity it must link to, or None for "ask the analyst").
    let cases: &[(&str, Option<u32>)] = &[
        ("Ales Bialiatski", Some(1)),
        ("ales bialiatski", Some(1)),
        ("ALES BIALIATSKI", Some(1)),
        ("Bialiatski", Some(1)),
        ("Byalyatski", Some(1)),
        ("Ales Byalyatski", Some(1)),
        ("Białiatski", Some(1)),
        ("Bialiatski's", Some(1)),
        ("kolesnikova", Some(2)),
        ("Kolesnikova", Some(2)),
        ("Maria Kalesnikava", Some(2)),
        ("Maryia Kalesnikava", Some(2)),
        ("Tsikhanouskaya", Some(3)),
        ("Tikhanovskaya", Some(3)),
        ("Svetlana Tikhanovskaya", Some(3)),
        ("Sviatlana Tsikhanoŭskaja", Some(3)),
        ("Lukashenko", Some(4)),
        ("Lukashenka", Some(4)),
        ("President Lukashenko", Some(4)),
        ("Lukashenko’s", Some(4)),
        ("A. Lukashenko", Some(4)),
        ("Aliaksandr Lukashenka", Some(4)),
        ("Kuznechyk's", Some(5)),
        ("Kuznechyk’s", Some(5)),
        ("Andrei Kuznechik", Some(5)),
        ("Tsikhanouski", Some(6)),
        ("Tikhanovsky", Some(6)),
        // Clear non-matches.
        ("Bialik", None),
        ("Kolesnikov", None),
        ("Viktar Babaryka", None),
        ("Pavel Bialiatski", None),
        ("Marc Fogel", None),
        ("", None),
        ("’s", None),
    ];
    for (mention, expected) in cases {
        let matches = best_matches(&entities, ValueKind::Person, mention);
        assert_eq!(
            should_link(&matches),
            expected.map(EntityId),
            "{mention}: {matches:?}"
        );
    }
}

#[test]
fn gendered_surnames_are_different_people() {
    for (mention, name) in [
        ("Kolesnikov", "Maria Kolesnikova"),
        ("Tsikhanouski", "Sviatlana Tsikhanouskaya"),
        ("Tsikhanouskaya", "Siarhei Tsikhanouski"),
        ("Ivanova", "Ivanov"),
    ] {
        assert!(
            name_score(ValueKind::Person, mention, name) < MIN_SCORE,
            "{mention} / {name}"
        );
    }
}

#[test]
fn near_misses_are_offered_but_not_linked() {
    let entities = registry();
    // "Belyatsky" is a real Russian spelling of Bialiatski: offered, the
    // analyst decides.
    let matches = best_matches(&entities, ValueKind::Person, "Belyatsky");
    assert_eq!(
        matches.first().map(|m| m.0),
        Some(EntityId(1)),
        "{matches:?}"
    );
    assert_eq!(should_link(&matches), None);
    // A relative with the same surname is offered at the floor score.
    let matches = best_matches(&entities, ValueKind::Person, "Pavel Bialiatski");
    assert_eq!(matches, vec![(EntityId(1), MIN_SCORE)]);
}

#[test]
fn matching_is_by_kind_and_sorted() {
    let entities = registry();
    assert_eq!(
        should_link(&best_matches(&entities, ValueKind::Organization, "viasna")),
        Some(EntityId(7))
    );
    assert_eq!(
        should_link(&best_matches(
            &entities,
            ValueKind::Organization,
            "Viasna human rights centre"
        )),
        Some(EntityId(7))
    );
    assert!(best_matches(&entities, ValueKind::Person, "Minsk").is_empty());
    assert_eq!(
        should_link(&best_matches(&entities, ValueKind::Place, "Minsk")),
        Some(EntityId(8))
    );
    // Two people with one surname: a surname alone links to neither.
    let mut two = registry();
    two.push(entity(9, ValueKind::Person, "Natallia Bialiatskaya", &[]));
    two.push(entity(10, ValueKind::Person, "Ihar Bialiatski", &[]));
    let matches = best_matches(&two, ValueKind::Person, "Bialiatski");
    assert_eq!(
        matches.iter().map(|m| m.0).collect::<Vec<_>>(),
        vec![EntityId(1), EntityId(10)]
    );
    assert_eq!(should_link(&matches), None);
}

#[test]
fn mentions_are_cleaned() {
    let cases = [
        ("Kuznechyk's", "Kuznechyk"),
        ("Kuznechyk’s", "Kuznechyk"),
        ("Belarus’", "Belarus"),
        ("  Ales \n Bialiatski, ", "Ales Bialiatski"),
        ("“Viasna”", "Viasna"),
        ("O'Brien", "O'Brien"),
    ];
    for (mention, cleaned) in cases {
        assert_eq!(clean_mention(mention), cleaned, "{mention}");
    }
    assert_eq!(
        fold_words("President Alexander Łukašenka"),
        ["alexander", "lukasenka"]
    );
    assert_eq!(fold_words("President"), ["president"]);
    assert_eq!(skeleton("tsikhanouskaya"), skeleton("tikhanovskaya"));
}

// --- Edits ------------------------------------------------------------------

/// A project with one document: "Bialiatski" (1), "Ales Bialiatski" (2),
/// "Byalyatski’s" (3), "Viasna" (4), "Minsk" (5).
fn project() -> (Project, DocId) {
    let mut doc = notation::document(
        "doc",
        "[person|Bialiatski] is [person|Ales Bialiatski]; [person|Byalyatski’s] group \
         [organization|Viasna] works in [place|Minsk].",
    )
    .unwrap();
    doc.published = Some(time::macros::date!(2024 - 07 - 04));
    let id = doc.id.clone();
    let mut project = Project::default();
    project.documents.push(doc);
    (project, id)
}

fn apply(project: &mut Project, edit: Edit) -> Edit {
    edit.apply(project).unwrap()
}

fn span(project: &Project, doc: &DocId, id: u32) -> Span {
    project
        .document(doc)
        .unwrap()
        .span(SpanId(id))
        .unwrap()
        .clone()
}

#[test]
fn create_link_rename_and_undo() {
    let (mut project, doc) = project();
    let original = project.clone();
    let mut undos = Vec::new();

    let create = create_entity_from_span(&project, &doc, SpanId(2)).unwrap();
    undos.push(apply(&mut project, create));
    let ales = project.entities[0].clone();
    assert_eq!(ales.name, "Ales Bialiatski");
    assert_eq!(ales.kind, ValueKind::Person);
    let linked = span(&project, &doc, 2);
    assert_eq!(linked.entity, Some(ales.id));
    assert_eq!(
        linked.value.map(|v| (v.value, v.source)),
        Some((
            Value::Person {
                name: "Ales Bialiatski".into(),
                entity_id: Some("e1".into())
            },
            ValueSource::Normalizer
        ))
    );

    // Linking a new spelling adds it as an alias (possessive removed).
    let link = link_span(&project, &doc, SpanId(3), ales.id).unwrap();
    undos.push(apply(&mut project, link));
    assert_eq!(project.entities[0].aliases, ["Byalyatski"]);
    let link = link_span(&project, &doc, SpanId(1), ales.id).unwrap();
    undos.push(apply(&mut project, link));
    assert_eq!(project.entities[0].aliases, ["Byalyatski", "Bialiatski"]);
    // Linking a known spelling (case aside) adds no alias edit.
    let Edit::Batch(edits) = link_span(&project, &doc, SpanId(1), ales.id).unwrap() else {
        panic!("a batch")
    };
    assert!(matches!(edits.as_slice(), [Edit::ReplaceSpan { .. }]));

    // A hand-typed value survives renaming; the normaliser's follows.
    let mut hand = span(&project, &doc, 1);
    hand.value = Some(SpanValue {
        value: Value::Person {
            name: "Bialiatski (by hand)".into(),
            entity_id: Some("e1".into()),
        },
        source: ValueSource::Hand,
    });
    undos.push(apply(
        &mut project,
        Edit::ReplaceSpan {
            doc: doc.clone(),
            span: hand.clone(),
        },
    ));
    let rename = rename_entity(&project, ales.id, "Ales  Bialiatsky").unwrap();
    undos.push(apply(&mut project, rename));
    assert_eq!(project.entities[0].name, "Ales Bialiatsky");
    assert_eq!(
        project.entities[0].aliases,
        ["Byalyatski", "Bialiatski", "Ales Bialiatski"]
    );
    assert_eq!(span(&project, &doc, 1).value, hand.value);
    assert!(matches!(
        span(&project, &doc, 2).value.unwrap().value,
        Value::Person { name, .. } if name == "Ales Bialiatsky"
    ));
    // Renaming back drops the name from the aliases again.
    let back = rename_entity(&project, ales.id, "Ales Bialiatski").unwrap();
    undos.push(apply(&mut project, back));
    assert_eq!(
        project.entities[0].aliases,
        ["Byalyatski", "Bialiatski", "Ales Bialiatsky"]
    );

    // Undo every step in reverse: the project is exactly as it was.
    for undo in undos.into_iter().rev() {
        apply(&mut project, undo);
    }
    assert_eq!(project, original);
}

#[test]
fn errors_say_what_is_wrong() {
    let (mut project, doc) = project();
    assert_eq!(
        create_entity_from_span(&project, &doc, SpanId(99)),
        Err(NamesError::NoSpan {
            doc: doc.clone(),
            span: SpanId(99)
        })
    );
    let place = create_entity_from_span(&project, &doc, SpanId(5)).unwrap();
    apply(&mut project, place);
    let error = link_span(&project, &doc, SpanId(1), EntityId(1)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("span s1 is a person but entity e1 is a place"),
        "{error}"
    );
    assert_eq!(
        rename_entity(&project, EntityId(1), "  "),
        Err(NamesError::EmptyName)
    );
    assert_eq!(
        merge_entities(&project, EntityId(1), EntityId(1)),
        Err(NamesError::SameEntity(EntityId(1)))
    );
    assert_eq!(
        merge_entities(&project, EntityId(1), EntityId(2)),
        Err(NamesError::NoEntity(EntityId(2)))
    );
    let mut bad = project.clone();
    bad.documents[0] = notation::document("doc", "[date|Thursday] came").unwrap();
    assert!(matches!(
        create_entity_from_span(&bad, &doc, SpanId(1)),
        Err(NamesError::NotAName { .. })
    ));
}

#[test]
fn merge_moves_spans_and_names_and_undo_restores_exactly() {
    let (mut project, doc) = project();
    // A = "Ales Bialiatski" (span 2), B = "Byalyatski" (spans 1 and 3).
    let a = create_entity_from_span(&project, &doc, SpanId(2)).unwrap();
    apply(&mut project, a);
    let b = create_entity_from_span(&project, &doc, SpanId(3)).unwrap();
    apply(&mut project, b);
    let link = link_span(&project, &doc, SpanId(1), EntityId(2)).unwrap();
    apply(&mut project, link);
    let (a, b) = (EntityId(1), EntityId(2));
    assert_eq!(project.entities[1].aliases, ["Bialiatski"]);
    // Span 1 carries a hand value naming B, and a claim an implicit B.
    let mut hand = span(&project, &doc, 1);
    hand.value = Some(SpanValue {
        value: Value::Person {
            name: "Byalyatski".into(),
            entity_id: Some("e2".into()),
        },
        source: ValueSource::Hand,
    });
    apply(
        &mut project,
        Edit::ReplaceSpan {
            doc: doc.clone(),
            span: hand,
        },
    );
    let mut claim = Claim::new(ClaimId(1), Name::parse("release").unwrap());
    claim.implicit.push(ImplicitArgument {
        role: Name::parse("released_person").unwrap(),
        value: Value::Person {
            name: "Byalyatski".into(),
            entity_id: Some("e2".into()),
        },
    });
    apply(
        &mut project,
        Edit::InsertClaim {
            doc: doc.clone(),
            claim,
        },
    );
    let before = project.clone();

    let merge = merge_entities(&project, a, b).unwrap();
    let undo = apply(&mut project, merge);
    assert_eq!(project.entities.len(), 1);
    assert_eq!(project.entities[0].name, "Ales Bialiatski");
    assert_eq!(project.entities[0].aliases, ["Byalyatski", "Bialiatski"]);
    for id in [1, 2, 3] {
        assert_eq!(span(&project, &doc, id).entity, Some(a), "span {id}");
    }
    // The hand value keeps its name but now names A.
    let hand = span(&project, &doc, 1).value.unwrap();
    assert_eq!(hand.source, ValueSource::Hand);
    assert_eq!(
        hand.value,
        Value::Person {
            name: "Byalyatski".into(),
            entity_id: Some("e1".into())
        }
    );
    // The normaliser's value follows A.
    assert!(matches!(
        span(&project, &doc, 3).value.unwrap().value,
        Value::Person { name, entity_id } if name == "Ales Bialiatski" && entity_id.as_deref() == Some("e1")
    ));
    let claim = project.document(&doc).unwrap().claim(ClaimId(1)).unwrap();
    assert!(matches!(
        &claim.implicit[0].value,
        Value::Person { entity_id, .. } if entity_id.as_deref() == Some("e1")
    ));
    assert!(project.problems().is_empty(), "{:?}", project.problems());

    let redo = apply(&mut project, undo);
    assert_eq!(project, before, "undo restores the project exactly");
    apply(&mut project, redo);
    assert_eq!(project.entities.len(), 1);
}

#[test]
fn merge_refuses_entities_of_different_kinds() {
    let (mut project, doc) = project();
    let person = create_entity_from_span(&project, &doc, SpanId(2)).unwrap();
    apply(&mut project, person);
    let place = create_entity_from_span(&project, &doc, SpanId(5)).unwrap();
    apply(&mut project, place);
    let error = merge_entities(&project, EntityId(1), EntityId(2)).unwrap_err();
    assert!(matches!(error, NamesError::MergeKinds { .. }), "{error}");
}
