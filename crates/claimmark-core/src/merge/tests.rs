use super::*;
use crate::edit::Edit;
use crate::model::notation;
use crate::model::{
    Argument, Claim, ClaimId, ConflictItem, DocId, Entity, EntityId, Name, ReviewStatus, Side,
    Span, SpanId, ValueKind,
};
use crate::storage::project_file::{from_ron, to_ron};

pub(super) const ARTICLE: &str = "[person|Ales Bialiatski] was [event|freed] on [date|14 December] with [count|31] others; [person|Maria Kalesnikava] was not.";

pub(super) fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

pub(super) fn doc_id() -> DocId {
    DocId::parse("freed").unwrap()
}

/// A project with one article (spans s1 person, s2 event, s3 date, s4
/// count, s5 person) and one release claim using s2, s1 and s3.
pub(super) fn base() -> Project {
    let mut project = Project::default();
    let mut doc = notation::document("freed", ARTICLE).unwrap();
    let mut claim = Claim::new(ClaimId(1), name("release"));
    claim.arguments = vec![
        Argument::new(name("trigger"), SpanId(2)),
        Argument::new(name("released_person"), SpanId(1)),
        Argument::new(name("date"), SpanId(3)),
    ];
    doc.insert_claim(claim);
    project.documents.push(doc);
    project
}

pub(super) fn edited(project: &Project, edits: Vec<Edit>) -> Project {
    let mut copy = project.clone();
    Edit::Batch(edits).apply(&mut copy).unwrap();
    copy
}

pub(super) fn doc(project: &Project) -> &crate::model::Document {
    project.document(&doc_id()).unwrap()
}

pub(super) fn span(project: &Project, id: u32) -> &Span {
    doc(project).span(SpanId(id)).unwrap()
}

pub(super) fn new_span(project: &Project, start: usize, end: usize, label: &str) -> Edit {
    Edit::InsertSpan {
        doc: doc_id(),
        span: Span::new(
            doc(project).next_span_id(),
            crate::model::CharRange::from_offsets(start, end),
            name(label),
        ),
    }
}

pub(super) fn relabel(id: u32, label: &str) -> Edit {
    Edit::SetSpanLabel {
        doc: doc_id(),
        span: SpanId(id),
        label: name(label),
    }
}

fn review(project: &Project, status: ReviewStatus) -> Edit {
    let claim = doc(project).claim(ClaimId(1)).unwrap();
    Edit::SetClaimReview {
        doc: doc_id(),
        claim: claim.id,
        status,
        provenance: None,
    }
}

fn merged(base: &Project, ours: &Project, theirs: &Project) -> Merged {
    let merged = merge(base, ours, theirs).unwrap();
    assert!(
        merged.project.problems().is_empty(),
        "{:?}",
        merged.project.problems()
    );
    // What is merged survives the file, conflicts and all.
    let text = to_ron(&merged.project);
    assert_eq!(from_ron(&text).unwrap(), merged.project, "{text}");
    merged
}

#[test]
fn changes_on_one_side_only_are_taken() {
    let base = base();
    let ours = edited(&base, vec![relabel(5, "organization")]);
    let theirs = edited(
        &base,
        vec![Edit::SetSpanNote {
            doc: doc_id(),
            span: SpanId(1),
            note: "checked".into(),
        }],
    );
    let result = merged(&base, &ours, &theirs);
    assert_eq!(span(&result.project, 5).label, name("organization"));
    assert_eq!(span(&result.project, 1).note, "checked");
    assert!(result.project.conflicts.is_empty());
    assert_eq!(result.report.ours.spans, 1);
    assert_eq!(result.report.theirs.spans, 1);
}

#[test]
fn the_same_field_changed_the_same_way_and_other_fields_combine() {
    let base = base();
    let ours = edited(
        &base,
        vec![
            relabel(5, "organization"),
            Edit::SetSpanNote {
                doc: doc_id(),
                span: SpanId(5),
                note: "a group?".into(),
            },
        ],
    );
    let theirs = edited(
        &base,
        vec![
            relabel(5, "organization"),
            Edit::SetSpanStatus {
                doc: doc_id(),
                span: SpanId(5),
                status: ReviewStatus::Corrected,
            },
        ],
    );
    let result = merged(&base, &ours, &theirs);
    let s5 = span(&result.project, 5);
    assert_eq!(
        (s5.label.as_str(), s5.note.as_str(), s5.status),
        ("organization", "a group?", ReviewStatus::Corrected)
    );
    assert!(result.project.conflicts.is_empty());
}

#[test]
fn spans_both_sides_added_are_all_kept_with_ids_that_never_collide() {
    let base = base();
    // Both sides make span 6, on different text; theirs also makes a claim
    // that uses its span 6.
    let ours = edited(&base, vec![new_span(&base, 0, 4, "person")]);
    let mut theirs = edited(&base, vec![new_span(&base, 5, 16, "person")]);
    let mut claim = Claim::new(ClaimId(2), name("release"));
    claim.arguments = vec![
        Argument::new(name("trigger"), SpanId(2)),
        Argument::new(name("released_person"), SpanId(6)),
    ];
    theirs = edited(
        &theirs,
        vec![Edit::InsertClaim {
            doc: doc_id(),
            claim,
        }],
    );
    let result = merged(&base, &ours, &theirs);
    let merged_doc = doc(&result.project);
    assert_eq!(merged_doc.spans().len(), 7);
    assert_eq!(
        span(&result.project, 6).range.start().get(),
        0,
        "ours keeps its id"
    );
    let theirs_span = span(&result.project, 7);
    assert_eq!(theirs_span.range.start().get(), 5, "theirs is renumbered");
    let theirs_claim = merged_doc.claim(ClaimId(2)).unwrap();
    assert!(theirs_claim.uses_span(SpanId(7)), "the reference follows");
    assert_eq!(result.report.renumbered, 1);
    // Existing ids never change.
    for id in 1..=5 {
        assert_eq!(span(&result.project, id), span(&base, id));
    }
}

#[test]
fn the_same_annotation_added_on_both_sides_is_taken_once_even_under_other_ids() {
    let base = base();
    let first = edited(&base, vec![new_span(&base, 0, 4, "person")]);
    let ours = edited(&first, vec![new_span(&first, 5, 16, "person")]);
    // Theirs makes only the second one, so it gets ours' first id.
    let theirs = edited(&base, vec![new_span(&base, 5, 16, "person")]);
    let result = merged(&base, &ours, &theirs);
    assert_eq!(doc(&result.project).spans().len(), 7);
    assert!(result.project.conflicts.is_empty());
    assert_eq!(result.report.renumbered, 0);
}

#[test]
fn a_span_relabelled_differently_is_a_conflict_resolved_in_one_undoable_edit() {
    let base = base();
    let ours = edited(&base, vec![relabel(5, "person"), relabel(5, "place")]);
    let theirs = edited(&base, vec![relabel(5, "organization")]);
    let result = merged(&base, &ours, &theirs);
    let mut project = result.project;
    assert_eq!(project.conflicts.len(), 1);
    let conflict = &project.conflicts[0];
    assert_eq!(conflict.fields, vec!["label".to_owned()]);
    assert!(
        conflict.to_string().contains("span s5 in freed: label"),
        "{conflict}"
    );
    assert_eq!(
        span(&project, 5).label,
        name("place"),
        "ours stays in place"
    );
    let before = project.clone();
    let edit = resolution(&project, 0, Resolution::Take(Side::Theirs)).unwrap();
    let undo = edit.apply(&mut project).unwrap();
    assert_eq!(span(&project, 5).label, name("organization"));
    assert!(project.conflicts.is_empty());
    undo.apply(&mut project).unwrap();
    assert_eq!(project, before);
    // Keep both: theirs becomes a second span on the same text.
    let edit = resolution(&project, 0, Resolution::KeepBoth).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(span(&project, 5).label, name("place"));
    assert_eq!(span(&project, 6).label, name("organization"));
    assert_eq!(span(&project, 6).range, span(&project, 5).range);
}

#[test]
fn a_claim_accepted_here_and_rejected_there_is_a_conflict_on_its_review() {
    let mut base = base();
    Edit::SetClaimReview {
        doc: doc_id(),
        claim: ClaimId(1),
        status: ReviewStatus::Proposed,
        provenance: None,
    }
    .apply(&mut base)
    .unwrap();
    let ours = edited(&base, vec![review(&base, ReviewStatus::Accepted)]);
    let theirs = edited(&base, vec![review(&base, ReviewStatus::Rejected)]);
    let result = merged(&base, &ours, &theirs);
    let conflict = &result.project.conflicts[0];
    assert_eq!(conflict.fields, vec!["review".to_owned()]);
    assert!(
        matches!(&conflict.item, ConflictItem::Claim { ours: Some(o), theirs: Some(t), .. }
        if o.status == ReviewStatus::Accepted && t.status == ReviewStatus::Rejected)
    );
    let mut project = result.project;
    resolution(&project, 0, Resolution::Take(Side::Theirs))
        .unwrap()
        .apply(&mut project)
        .unwrap();
    assert_eq!(
        doc(&project).claim(ClaimId(1)).unwrap().status,
        ReviewStatus::Rejected
    );
}

#[test]
fn an_argument_removed_here_and_changed_there_is_a_conflict_on_its_role() {
    let base = base();
    // Ours removes the date; theirs points it at the count's text (a new
    // date span).
    let ours = edited(
        &base,
        vec![Edit::RemoveArgument {
            doc: doc_id(),
            claim: ClaimId(1),
            index: 2,
        }],
    );
    let theirs = edited(
        &base,
        vec![
            new_span(&base, 0, 4, "date"),
            Edit::RemoveArgument {
                doc: doc_id(),
                claim: ClaimId(1),
                index: 2,
            },
            Edit::InsertArgument {
                doc: doc_id(),
                claim: ClaimId(1),
                index: 2,
                argument: Argument::new(name("date"), SpanId(6)),
            },
        ],
    );
    let result = merged(&base, &ours, &theirs);
    assert_eq!(result.project.conflicts.len(), 1);
    assert_eq!(
        result.project.conflicts[0].fields,
        vec!["role date".to_owned()]
    );
    let claim = doc(&result.project).claim(ClaimId(1)).unwrap();
    assert_eq!(
        claim.spans_in_role(&name("date")).count(),
        0,
        "ours in place"
    );
    // Arguments in roles that take several spans merge as sets.
    let ours = edited(
        &base,
        vec![
            new_span(&base, 0, 4, "person"),
            Edit::InsertArgument {
                doc: doc_id(),
                claim: ClaimId(1),
                index: 3,
                argument: Argument::new(name("released_person"), SpanId(6)),
            },
        ],
    );
    let theirs = edited(
        &base,
        vec![
            Edit::InsertArgument {
                doc: doc_id(),
                claim: ClaimId(1),
                index: 3,
                argument: Argument::new(name("released_person"), SpanId(5)),
            },
            Edit::RemoveArgument {
                doc: doc_id(),
                claim: ClaimId(1),
                index: 2,
            },
        ],
    );
    let result = merged(&base, &ours, &theirs);
    assert!(
        result.project.conflicts.is_empty(),
        "{:?}",
        result.project.conflicts
    );
    let claim = doc(&result.project).claim(ClaimId(1)).unwrap();
    let released: Vec<SpanId> = claim.spans_in_role(&name("released_person")).collect();
    assert_eq!(released, vec![SpanId(1), SpanId(6), SpanId(5)]);
    assert_eq!(claim.spans_in_role(&name("date")).count(), 0);
}

#[test]
fn a_document_removed_on_one_side_and_annotated_on_the_other_is_kept_as_a_conflict() {
    let base = base();
    let ours = edited(&base, vec![Edit::RemoveDocument { doc: doc_id() }]);
    let theirs = edited(&base, vec![new_span(&base, 0, 4, "person")]);
    let result = merged(&base, &ours, &theirs);
    assert_eq!(
        doc(&result.project).spans().len(),
        6,
        "theirs' work is kept"
    );
    assert!(matches!(
        &result.project.conflicts[0].item,
        ConflictItem::Document {
            ours: None,
            theirs: Some(_),
            ..
        }
    ));
    let mut project = result.project;
    resolution(&project, 0, Resolution::Take(Side::Ours))
        .unwrap()
        .apply(&mut project)
        .unwrap();
    assert!(project.documents.is_empty());
    // Removed on one side and untouched on the other: removed.
    let result = merged(&base, &ours, &base.clone());
    assert!(result.project.documents.is_empty());
}

#[test]
fn one_document_id_with_two_texts_keeps_both_documents() {
    let base = Project::default();
    let mut ours = base.clone();
    ours.documents
        .push(notation::document("freed", "[person|Ales] was freed.").unwrap());
    let mut theirs = base.clone();
    theirs
        .documents
        .push(notation::document("freed", "[person|Maria] was not.").unwrap());
    let result = merged(&base, &ours, &theirs);
    let ids: Vec<&str> = result
        .project
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, vec!["freed", "freed-theirs"]);
    assert!(matches!(
        &result.project.conflicts[0].item,
        ConflictItem::DocumentText { theirs, .. } if theirs.as_str() == "freed-theirs"
    ));
    let mut project = result.project;
    resolution(&project, 0, Resolution::Take(Side::Theirs))
        .unwrap()
        .apply(&mut project)
        .unwrap();
    assert_eq!(project.documents.len(), 1);
    assert_eq!(doc(&project).text.as_str(), "Maria was not.");
}

#[test]
fn an_entity_merged_on_one_side_takes_the_other_sides_new_references_along() {
    let mut base = base();
    let person = |id, name: &str| Entity {
        id: EntityId(id),
        kind: ValueKind::Person,
        name: name.into(),
        aliases: Vec::new(),
    };
    base.entities = vec![person(1, "Ales Bialiatski"), person(2, "A. Bialiatski")];
    let mut s1 = span(&base, 1).clone();
    s1.entity = Some(EntityId(2));
    base = edited(
        &base,
        vec![Edit::ReplaceSpan {
            doc: doc_id(),
            span: s1.clone(),
        }],
    );
    // Ours merges entity 2 into 1.
    s1.entity = Some(EntityId(1));
    let ours = edited(
        &base,
        vec![
            Edit::ReplaceSpan {
                doc: doc_id(),
                span: s1,
            },
            Edit::RemoveEntity { id: EntityId(2) },
        ],
    );
    // Theirs links another span to entity 2 and renames entity 1.
    let mut s5 = span(&base, 5).clone();
    s5.entity = Some(EntityId(2));
    let theirs = edited(
        &base,
        vec![
            Edit::ReplaceSpan {
                doc: doc_id(),
                span: s5,
            },
            Edit::ReplaceEntity {
                entity: person(1, "Aleś Bialiacki"),
            },
        ],
    );
    let result = merged(&base, &ours, &theirs);
    assert!(
        result.project.conflicts.is_empty(),
        "{:?}",
        result.project.conflicts
    );
    assert_eq!(result.project.entities, vec![person(1, "Aleś Bialiacki")]);
    assert_eq!(span(&result.project, 5).entity, Some(EntityId(1)));
}

#[test]
fn a_span_removed_on_one_side_and_used_by_a_new_claim_on_the_other_comes_back() {
    let base = base();
    let ours = edited(
        &base,
        vec![Edit::RemoveSpan {
            doc: doc_id(),
            span: SpanId(4),
        }],
    );
    let mut claim = Claim::new(ClaimId(2), name("prisoner_count"));
    claim.arguments = vec![Argument::new(name("count"), SpanId(4))];
    let theirs = edited(
        &base,
        vec![Edit::InsertClaim {
            doc: doc_id(),
            claim,
        }],
    );
    let result = merged(&base, &ours, &theirs);
    assert!(doc(&result.project).span(SpanId(4)).is_some());
    assert!(matches!(
        &result.project.conflicts[0].item,
        ConflictItem::Span {
            ours: None,
            theirs: Some(_),
            ..
        }
    ));
}

#[test]
fn an_unchanged_side_gives_the_other_side_exactly() {
    let base = base();
    let ours = edited(
        &base,
        vec![relabel(5, "organization"), new_span(&base, 0, 4, "person")],
    );
    assert_eq!(merged(&base, &ours, &base).project, ours);
    assert_eq!(merged(&base, &base, &ours).project, ours);
}

#[test]
fn merges_are_deterministic() {
    let base = base();
    let ours = edited(
        &base,
        vec![relabel(5, "place"), new_span(&base, 0, 4, "person")],
    );
    let theirs = edited(
        &base,
        vec![relabel(5, "organization"), new_span(&base, 5, 16, "person")],
    );
    let first = to_ron(&merged(&base, &ours, &theirs).project);
    for _ in 0..5 {
        assert_eq!(to_ron(&merged(&base, &ours, &theirs).project), first);
    }
}

#[test]
fn a_base_that_is_no_ancestor_merges_two_way_with_every_difference_a_conflict() {
    let mut unrelated = Project::default();
    unrelated
        .documents
        .push(notation::document("other", "[person|Someone] else.").unwrap());
    let base = base();
    let ours = edited(&base, vec![relabel(5, "place")]);
    let theirs = edited(
        &base,
        vec![relabel(5, "organization"), new_span(&base, 0, 4, "person")],
    );
    let result = merged(&unrelated, &ours, &theirs);
    assert!(result.report.unrelated_base);
    assert!(result.report.lines()[0].contains("not their common ancestor"));
    assert_eq!(
        result.project.conflicts.len(),
        1,
        "{:?}",
        result.project.conflicts
    );
    assert_eq!(
        doc(&result.project).spans().len(),
        6,
        "theirs' new span is kept"
    );
}

#[test]
fn schema_changes_merge_and_a_removed_label_in_use_comes_back() {
    let base = base();
    let mut ours = base.clone();
    ours.schema.labels.retain(|l| l.name.as_str() != "place");
    let mut theirs = base.clone();
    theirs = edited(&theirs, vec![relabel(5, "place")]);
    let result = merged(&base, &ours, &theirs);
    assert!(result.project.schema.label(&name("place")).is_some());
    assert!(matches!(
        &result.project.conflicts[0].item,
        ConflictItem::Label {
            ours: None,
            theirs: Some(_)
        }
    ));
}

#[test]
fn conflicts_still_open_on_both_sides_are_kept_and_ones_resolved_on_a_side_go() {
    let base = base();
    let conflicted = merged(
        &base,
        &edited(&base, vec![relabel(5, "place")]),
        &edited(&base, vec![relabel(5, "organization")]),
    )
    .project;
    assert_eq!(conflicted.conflicts.len(), 1);
    // Both sides go on working with the conflict open: it stays.
    let ours = edited(&conflicted, vec![relabel(4, "date")]);
    let theirs = edited(&conflicted, vec![relabel(3, "count")]);
    assert_eq!(
        merged(&conflicted, &ours, &theirs).project.conflicts.len(),
        1
    );
    // Ours resolves it: it is gone from the merge.
    let mut resolved = ours.clone();
    resolution(&resolved, 0, Resolution::Take(Side::Theirs))
        .unwrap()
        .apply(&mut resolved)
        .unwrap();
    let result = merged(&conflicted, &resolved, &theirs).project;
    assert!(result.conflicts.is_empty());
    assert_eq!(span(&result, 5).label, name("organization"));
}

#[test]
fn a_fresh_id_never_takes_the_id_of_a_removed_span_that_comes_back() {
    let base = base();
    // Ours moves s1 and makes a claim with s5; theirs relabels s1 and
    // removes s5 (the newest).
    let ours = edited(
        &base,
        vec![
            Edit::SetSpanRange {
                doc: doc_id(),
                span: SpanId(1),
                range: crate::model::CharRange::from_offsets(0, 4),
            },
            Edit::InsertClaim {
                doc: doc_id(),
                claim: Claim {
                    arguments: vec![Argument::new(name("released_person"), SpanId(5))],
                    ..Claim::new(ClaimId(2), name("release"))
                },
            },
        ],
    );
    let theirs = edited(
        &base,
        vec![
            relabel(1, "organization"),
            Edit::RemoveSpan {
                doc: doc_id(),
                span: SpanId(5),
            },
        ],
    );
    let result = merged(&base, &ours, &theirs).project;
    let claim = doc(&result).claim(ClaimId(2)).unwrap();
    let used = doc(&result).span(claim.arguments[0].span).unwrap();
    assert_eq!(
        used.range,
        span(&base, 5).range,
        "the claim keeps its words"
    );
}

#[test]
fn an_entity_id_given_again_is_never_taken_for_the_old_entity() {
    let mut base = base();
    let entity = |id, name: &str, kind| Entity {
        id: EntityId(id),
        kind,
        name: name.into(),
        aliases: Vec::new(),
    };
    base.entities = vec![
        entity(1, "Ales Bialiatski", ValueKind::Person),
        entity(2, "A. Bialiatski", ValueKind::Person),
    ];
    let mut s1 = span(&base, 1).clone();
    s1.entity = Some(EntityId(2));
    base = edited(
        &base,
        vec![Edit::ReplaceSpan {
            doc: doc_id(),
            span: s1.clone(),
        }],
    );
    // Theirs folds e2 into e1, then a new organization gets id e2.
    s1.entity = Some(EntityId(1));
    let theirs = edited(
        &base,
        vec![
            Edit::ReplaceSpan {
                doc: doc_id(),
                span: s1,
            },
            Edit::RemoveEntity { id: EntityId(2) },
            Edit::InsertEntity {
                entity: entity(2, "Viasna", ValueKind::Organization),
            },
        ],
    );
    // Ours links Maria's span to e2, the person.
    let mut s5 = span(&base, 5).clone();
    s5.entity = Some(EntityId(2));
    let ours = edited(
        &base,
        vec![Edit::ReplaceSpan {
            doc: doc_id(),
            span: s5,
        }],
    );
    let result = merged(&base, &ours, &theirs).project;
    let linked = result.entity(span(&result, 5).entity.unwrap()).unwrap();
    assert_eq!(linked.kind, ValueKind::Person, "{:?}", result.entities);
    assert!(result.entities.iter().any(|e| e.name == "Viasna"));
}

#[test]
fn a_role_removed_on_one_side_and_used_on_the_other_comes_back() {
    let base = base();
    let mut ours = base.clone();
    crate::edit::Edit::Schema(crate::edit::SchemaEdit::RemoveRole {
        claim_type: name("release"),
        role: name("count"),
    })
    .apply(&mut ours)
    .unwrap();
    let theirs = edited(
        &base,
        vec![Edit::InsertArgument {
            doc: doc_id(),
            claim: ClaimId(1),
            index: 3,
            argument: Argument::new(name("count"), SpanId(4)),
        }],
    );
    let result = merged(&base, &ours, &theirs).project;
    assert!(
        result
            .schema
            .claim_type(&name("release"))
            .unwrap()
            .role(&name("count"))
            .is_some()
    );
    assert!(doc(&result).claim(ClaimId(1)).unwrap().uses_span(SpanId(4)));
    assert!(matches!(
        result.conflicts[0].item,
        ConflictItem::ClaimType { .. }
    ));
}

#[test]
fn a_text_resolved_on_one_side_stays_resolved() {
    let base = Project::default();
    let mut ours = base.clone();
    ours.documents
        .push(notation::document("freed", "[person|Ales] was freed.").unwrap());
    let mut theirs = base.clone();
    theirs
        .documents
        .push(notation::document("freed", "[person|Maria] was not.").unwrap());
    let conflicted = merged(&base, &ours, &theirs).project;
    let mut resolved = conflicted.clone();
    resolution(&resolved, 0, Resolution::Take(Side::Theirs))
        .unwrap()
        .apply(&mut resolved)
        .unwrap();
    let result = merged(&conflicted, &resolved, &conflicted).project;
    assert_eq!(result, resolved);
}

#[test]
fn a_conflict_about_a_removed_document_is_not_written_and_the_file_still_loads() {
    let base = Project::default();
    let mut ours = base.clone();
    ours.documents
        .push(notation::document("freed", "[person|Ales] was freed.").unwrap());
    let mut theirs = base.clone();
    theirs
        .documents
        .push(notation::document("freed", "[person|Maria] was not.").unwrap());
    let mut project = merged(&base, &ours, &theirs).project;
    Edit::RemoveDocument {
        doc: DocId::parse("freed-theirs").unwrap(),
    }
    .apply(&mut project)
    .unwrap();
    let reloaded = from_ron(&to_ron(&project)).unwrap();
    assert!(reloaded.conflicts.is_empty());
}

#[test]
fn taking_the_side_that_removed_an_entity_in_use_unlinks_its_spans() {
    let mut base = base();
    base.entities = vec![Entity {
        id: EntityId(1),
        kind: ValueKind::Person,
        name: "Maria Kalesnikava".into(),
        aliases: Vec::new(),
    }];
    let ours = edited(&base, vec![]);
    let mut s5 = span(&base, 5).clone();
    s5.entity = Some(EntityId(1));
    let theirs = edited(
        &base,
        vec![Edit::ReplaceSpan {
            doc: doc_id(),
            span: s5,
        }],
    );
    let mut ours = ours;
    ours.entities.clear();
    let mut project = merged(&base, &ours, &theirs).project;
    assert_eq!(project.conflicts.len(), 1, "{:?}", project.conflicts);
    resolution(&project, 0, Resolution::Take(Side::Ours))
        .unwrap()
        .apply(&mut project)
        .unwrap();
    assert!(project.entities.is_empty());
    assert_eq!(span(&project, 5).entity, None);
}
