use super::*;
use crate::model::value::Anchoring;
use crate::model::{LabelDef, Rgb, notation};
use time::macros::date;

/// Our own text: a Thursday-published note with every kind of proposal.
const NOTE: &str = "Belarus frees 31 prisoners\n\
    MINSK — President Alexander Lukashenko pardoned 31 political prisoners on Thursday, \
    his office said. Someone said that three of them are ill. Journalist Andrey Kuznechyk, \
    arrested on November 25, 2021, was freed too; Kuznechyk’s colleagues at Viasna \
    say around 1,229 people remain behind bars.";

fn doc(marked: &str) -> Document {
    let mut doc = notation::document("note", marked).unwrap();
    doc.published = Some(date!(2024 - 11 - 14));
    doc
}

fn proposed(doc: &Document, spans: &[Span]) -> Vec<(String, String)> {
    spans
        .iter()
        .map(|s| (s.label.to_string(), doc.span_text(s).to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn proposes_every_kind_with_values_and_origin() {
    let doc = doc(NOTE);
    let spans = suggest_document(&doc, &Schema::default_news(), &[]);
    assert_eq!(
        proposed(&doc, &spans),
        pairs(&[
            ("place", "Belarus"),
            ("event", "frees"),
            ("count", "31"),
            ("place", "MINSK"),
            ("person", "Alexander Lukashenko"),
            ("event", "pardoned"),
            ("count", "31"),
            ("date", "Thursday"),
            ("count", "three"),
            ("person", "Andrey Kuznechyk"),
            ("event", "arrested"),
            ("date", "November 25, 2021"),
            ("event", "freed"),
            ("person", "Kuznechyk"),
            ("organization", "Viasna"),
            ("count", "around 1,229"),
        ])
    );
    // "one" inside "Someone" is no count; ids count up from the next free id.
    let ids: Vec<u32> = spans.iter().map(|s| s.id.0).collect();
    assert_eq!(ids, (1..=16).collect::<Vec<_>>());
    for span in &spans {
        assert_eq!(span.status, ReviewStatus::Proposed);
        let origin = span.origin.as_ref().unwrap();
        assert_eq!(origin.agent, agent());
        assert_eq!(
            origin.agent.version.as_deref(),
            Some(env!("CARGO_PKG_VERSION"))
        );
        assert!(origin.confidence.is_some());
        assert_eq!(span.value.as_ref().unwrap().source, ValueSource::Normalizer);
    }
    let thursday = &spans[7].value.as_ref().unwrap().value;
    assert!(matches!(
        thursday,
        Value::Date(d) if d.value == "2024-11-14" && d.anchoring == Anchoring::Published
    ));
    assert!(matches!(
        &spans[3].value.as_ref().unwrap().value,
        Value::Place { name, .. } if name == "Minsk"
    ));
    // The same input gives the same proposals.
    assert_eq!(spans, suggest_document(&doc, &Schema::default_news(), &[]));
}

#[test]
fn a_date_that_needs_the_analyst_is_proposed_without_a_value() {
    let mut doc = doc("He was freed on Thursday.");
    doc.published = None;
    let spans = suggest_document(&doc, &Schema::default_news(), &[]);
    let thursday = spans.iter().find(|s| s.label.as_str() == "date").unwrap();
    assert_eq!(thursday.value, None);
    assert!(
        thursday.note.contains("publication date"),
        "{}",
        thursday.note
    );
}

#[test]
fn proposals_never_touch_the_analysts_spans() {
    // The analyst's spans: "31" as a count (exact), "Alexander" as a person
    // (overlaps the proposal "Alexander Lukashenko"), "Thursday" as an event
    // (another label, same chars), and a rejected count proposal on "three".
    let mut doc = doc(
        "President [person|Alexander] Lukashenko [event|pardoned] [count|31] prisoners on \
         [event|Thursday]; [count|three] are ill.",
    );
    let three = doc.spans()[4].clone();
    doc.span_mut(three.id).unwrap().status = ReviewStatus::Rejected;
    let before = doc.clone();
    let spans = suggest_document(&doc, &Schema::default_news(), &[]);
    assert_eq!(doc, before, "suggesting changes nothing");
    assert_eq!(proposed(&doc, &spans), Vec::<(String, String)>::new());
    assert_eq!(doc.next_span_id(), SpanId(6));

    // Applied as edits, every analyst span is untouched and undo restores.
    let mut project = Project::default();
    project.documents.push(doc);
    let edit = suggest_edits(&project, None, &|_, _| {}).unwrap();
    let original = project.clone();
    let undo = edit.apply(&mut project).unwrap();
    assert_eq!(project, original, "nothing was proposed");
    undo.apply(&mut project).unwrap();
}

#[test]
fn proposals_skip_same_label_overlaps_but_may_nest_in_other_labels() {
    let doc = doc("[event|Ales Bialiatski was freed] on Thursday.");
    let spans = suggest_document(&doc, &Schema::default_news(), &[]);
    // "freed" overlaps the analyst's event: dropped. The person inside the
    // event span and the date are proposed.
    assert_eq!(
        proposed(&doc, &spans),
        pairs(&[("person", "Ales Bialiatski"), ("date", "Thursday")])
    );
    assert_eq!(spans[0].id, SpanId(2));
}

#[test]
fn suggest_edits_is_one_undoable_batch_with_progress() {
    let mut project = Project::default();
    project.documents.push(doc(NOTE));
    let mut second =
        notation::document("second", "Viasna counts 1,278 political prisoners.").unwrap();
    second.published = Some(date!(2024 - 11 - 16));
    project.documents.push(second);
    let original = project.clone();

    let calls = std::cell::RefCell::new(Vec::new());
    let edit = suggest_edits(&project, None, &|done, total| {
        calls.borrow_mut().push((done, total));
    })
    .unwrap();
    assert_eq!(calls.into_inner(), [(0, 2), (1, 2), (2, 2)]);
    let undo = edit.apply(&mut project).unwrap();
    assert_eq!(project.documents[0].spans().len(), 16);
    assert_eq!(project.documents[1].spans().len(), 2);
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    undo.apply(&mut project).unwrap();
    assert_eq!(project, original);

    // Only the named documents; an unknown id is an error.
    let second = DocId::parse("second").unwrap();
    let Edit::Batch(edits) =
        suggest_edits(&project, Some(std::slice::from_ref(&second)), &|_, _| {}).unwrap()
    else {
        panic!("a batch")
    };
    assert_eq!(edits.iter().map(Edit::size).sum::<usize>(), 2);
    assert!(edits.iter().all(|e| e.document() == Some(&second)));
    let missing = DocId::parse("missing").unwrap();
    assert_eq!(
        suggest_edits(&project, Some(std::slice::from_ref(&missing)), &|_, _| {}),
        Err(SuggestError::NoDocument(missing))
    );
}

#[test]
fn registry_entities_are_found_and_linked() {
    let entities = vec![
        Entity {
            id: EntityId(1),
            kind: ValueKind::Person,
            name: "Sviatlana Tsikhanouskaya".into(),
            aliases: Vec::new(),
        },
        Entity {
            id: EntityId(2),
            kind: ValueKind::Organization,
            name: "Belarusian PEN".into(),
            aliases: Vec::new(),
        },
    ];
    let doc = doc("Tikhanovskaya thanked Belarusian PEN; Sviatlana Tsikhanouskaya spoke.");
    let spans = suggest_document(&doc, &Schema::default_news(), &entities);
    let linked: Vec<(String, Option<EntityId>)> = spans
        .iter()
        .map(|s| (doc.span_text(s).to_owned(), s.entity))
        .collect();
    assert_eq!(
        linked,
        [
            ("Tikhanovskaya".to_owned(), Some(EntityId(1))),
            ("Belarusian PEN".to_owned(), Some(EntityId(2))),
            ("Sviatlana Tsikhanouskaya".to_owned(), Some(EntityId(1))),
        ]
    );
    assert!(matches!(
        &spans[0].value.as_ref().unwrap().value,
        Value::Person { name, entity_id } if name == "Sviatlana Tsikhanouskaya" && entity_id.as_deref() == Some("e1")
    ));
}

#[test]
fn durations_are_proposed_when_the_schema_has_a_duration_label() {
    let mut schema = Schema::default_news();
    schema.labels.push(LabelDef {
        name: Name::parse("term").unwrap(),
        color: Rgb([0, 0, 0]),
        key: Some('7'),
        value_kind: ValueKind::Duration,
    });
    let doc = doc(
        "He got a six-year sentence, then 10 years; 31 people got three to five years, \
         and four years ago it cost $3 a month.",
    );
    let spans = suggest_document(&doc, &schema, &[]);
    let found: Vec<(String, String, Option<Value>)> = spans
        .iter()
        .filter(|s| s.label.as_str() != "event")
        .map(|s| {
            (
                s.label.to_string(),
                doc.span_text(s).to_owned(),
                s.value.clone().map(|v| v.value),
            )
        })
        .collect();
    let duration = |text: &str, iso: &str| {
        (
            "term".to_owned(),
            text.to_owned(),
            Some(Value::Duration { value: iso.into() }),
        )
    };
    assert_eq!(found[0], duration("six-year", "P6Y"));
    assert_eq!(found[1], duration("10 years", "P10Y"));
    let labels: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(labels, ["term", "term", "count", "count", "date"]);
    // Without a duration label, "10 years" is the count 10.
    let counts = suggest_document(&doc, &Schema::default_news(), &[]);
    assert!(counts.iter().any(|s| doc.span_text(s) == "10"));
}

#[test]
fn tag_all_occurrences_in_one_or_all_documents() {
    let mut project = Project::default();
    let mut first = doc(
        "[organization|Viasna] says Viasnaya and viasna are not it; Viasna, again: “Viasna”. \
         [date|Thursday] and Thursday.",
    );
    first.published = Some(date!(2024 - 11 - 14));
    let mut second =
        notation::document("second", "Thursday: Viasna and [organization|Viasna].").unwrap();
    second.published = Some(date!(2024 - 11 - 22));
    project.documents.push(first);
    project.documents.push(second);
    project.entities.push(Entity {
        id: EntityId(3),
        kind: ValueKind::Organization,
        name: "Viasna Human Rights Centre".into(),
        aliases: vec!["Viasna".into()],
    });
    let note = DocId::parse("note").unwrap();
    let mut linked = project.documents[0].spans()[0].clone();
    linked.entity = Some(EntityId(3));
    Edit::ReplaceSpan {
        doc: note.clone(),
        span: linked,
    }
    .apply(&mut project)
    .unwrap();

    let edit = tag_all_occurrences(&project, &note, SpanId(1), false).unwrap();
    let Edit::Batch(edits) = &edit else {
        panic!("a batch")
    };
    let texts: Vec<(usize, &str)> = edits
        .iter()
        .map(|e| match e {
            Edit::InsertSpan { span, .. } => (
                span.range.start().get(),
                project.documents[0].span_text(span),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    // Case-sensitive, whole words, the source span itself skipped.
    assert_eq!(texts, [(44, "Viasna"), (60, "Viasna")]);
    let Edit::InsertSpan { span, .. } = &edits[0] else {
        unreachable!()
    };
    assert_eq!(span.id, SpanId(3));
    assert_eq!(span.entity, Some(EntityId(3)));
    assert_eq!(span.status, ReviewStatus::Proposed);
    assert_eq!(span.origin.as_ref().unwrap().agent.id, TAG_ALL_AGENT_ID);

    // All documents; dates resolve against each document's own date.
    let original = project.clone();
    let edit = tag_all_occurrences(&project, &note, SpanId(2), true).unwrap();
    let undo = edit.apply(&mut project).unwrap();
    let dates: Vec<(String, Option<Value>)> = project
        .documents
        .iter()
        .flat_map(|d| d.spans().iter().map(move |s| (d, s)))
        .filter(|(_, s)| s.status == ReviewStatus::Proposed)
        .map(|(d, s)| (d.id.to_string(), s.value.clone().map(|v| v.value)))
        .collect();
    let day = |value: &str| match normalize_span_date(value) {
        Normalized::Value(v) => Some(v),
        _ => None,
    };
    assert_eq!(
        dates,
        [
            ("note".to_owned(), day("2024-11-14")),
            ("second".to_owned(), day("2024-11-21")),
        ]
    );
    undo.apply(&mut project).unwrap();
    assert_eq!(project, original);

    assert_eq!(
        tag_all_occurrences(&project, &note, SpanId(9), false),
        Err(SuggestError::NoSpan {
            doc: note,
            span: SpanId(9)
        })
    );
}

fn normalize_span_date(iso: &str) -> Normalized {
    Normalized::Value(Value::Date(crate::model::value::DateValue {
        value: iso.to_owned(),
        granularity: crate::model::value::Granularity::Day,
        modifier: None,
        anchoring: Anchoring::Published,
    }))
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            " ",
            "\n",
            ", ",
            ".",
            "-",
            "’s",
            "🎉",
            "é\u{301}",
            "“",
            "”",
            "31",
            "1,229",
            "2020",
            "June",
            "8",
            "Thursday",
            "in",
            "last",
            "week",
            "more",
            "than",
            "thousands",
            "one",
            "someone",
            "freed",
            "set",
            "free",
            "Ales",
            "Bialiatski",
            "Minsk",
            "Viasna",
            "President",
            "Lukashenko",
            "The",
            "Radio",
            "Free",
            "Europe",
            "years",
            "ago",
            "six",
        ]);
        prop::collection::vec(pieces, 1..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn proposals_apply_cleanly_and_are_deterministic(text in text_strategy()) {
            prop_assume!(!text.trim().is_empty());
            let mut doc = Document::new(
                DocId::parse("p").unwrap(),
                String::new(),
                crate::model::CanonicalText::from_bytes(text.as_bytes()).unwrap(),
            );
            doc.published = Some(date!(2024 - 07 - 04));
            let mut project = Project::default();
            project.documents.push(doc);
            let edit = suggest_edits(&project, None, &|_, _| {}).unwrap();
            prop_assert_eq!(&edit, &suggest_edits(&project, None, &|_, _| {}).unwrap());
            let original = project.clone();
            let undo = edit.apply(&mut project).unwrap();
            prop_assert!(project.problems().is_empty(), "{:?}", project.problems());
            // A second run proposes nothing: every proposal now blocks itself.
            let Edit::Batch(again) = suggest_edits(&project, None, &|_, _| {}).unwrap() else {
                unreachable!()
            };
            prop_assert!(again.is_empty(), "{:?}", again);
            undo.apply(&mut project).unwrap();
            prop_assert_eq!(project, original);
        }
    }
}
