//! Property tests of the merge: random edit sequences on both sides of one
//! base.

use super::merge;
use super::tests::*;
use crate::edit::Edit;
use crate::model::{
    Argument, Claim, ClaimId, ConflictItem, Name, Project, ReviewStatus, Span, SpanId,
};
use crate::storage::project_file::{from_ron, to_ron};
use proptest::prelude::*;

/// One random change to the article's annotations.
#[derive(Debug, Clone)]
enum Change {
    AddSpan {
        start: usize,
        len: usize,
        label: usize,
    },
    Relabel {
        span: u32,
        label: usize,
    },
    Note {
        span: u32,
        note: u8,
    },
    RemoveSpan {
        span: u32,
    },
    AddClaim {
        person: u32,
    },
    Review {
        claim: u32,
        reject: bool,
    },
    RemoveClaim {
        claim: u32,
    },
    AddTriggeredClaim {
        trigger: u32,
    },
}

const LABELS: [&str; 4] = ["person", "organization", "place", "date"];

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..100usize, 1..12usize, 0..4usize).prop_map(|(start, len, label)| Change::AddSpan {
            start,
            len,
            label
        }),
        (1..9u32, 0..4usize).prop_map(|(span, label)| Change::Relabel { span, label }),
        (1..9u32, 0..3u8).prop_map(|(span, note)| Change::Note { span, note }),
        (1..9u32).prop_map(|span| Change::RemoveSpan { span }),
        (1..9u32).prop_map(|person| Change::AddClaim { person }),
        (1..4u32, any::<bool>()).prop_map(|(claim, reject)| Change::Review { claim, reject }),
        (1..4u32).prop_map(|claim| Change::RemoveClaim { claim }),
        (1..9u32).prop_map(|trigger| Change::AddTriggeredClaim { trigger }),
    ]
}

/// Applies what applies; a change the model refuses is skipped, as the
/// window would refuse it.
fn apply(project: &Project, changes: &[Change]) -> Project {
    let mut project = project.clone();
    for change in changes {
        let doc = doc(&project);
        let len = doc.text.char_len();
        let edit = match *change {
            Change::AddSpan {
                start,
                len: n,
                label,
            } => {
                let start = start % len;
                let end = (start + n).min(len);
                new_span(&project, start, end, LABELS[label])
            }
            Change::Relabel { span, label } => relabel(span, LABELS[label]),
            Change::Note { span, note } => Edit::SetSpanNote {
                doc: doc_id(),
                span: SpanId(span),
                note: format!("note {note}"),
            },
            Change::RemoveSpan { span } => {
                crate::edit::remove_span_with_arguments(doc, SpanId(span))
            }
            Change::AddClaim { person } => {
                let mut claim = Claim::new(doc.next_claim_id(), name("release"));
                claim.arguments = vec![Argument::new(name("released_person"), SpanId(person))];
                Edit::InsertClaim {
                    doc: doc_id(),
                    claim,
                }
            }
            Change::RemoveClaim { claim } => Edit::RemoveClaim {
                doc: doc_id(),
                claim: ClaimId(claim),
            },
            Change::AddTriggeredClaim { trigger } => {
                let mut claim = Claim::new(doc.next_claim_id(), name("arrest"));
                claim.arguments = vec![Argument::new(name("trigger"), SpanId(trigger))];
                Edit::InsertClaim {
                    doc: doc_id(),
                    claim,
                }
            }
            Change::Review { claim, reject } => Edit::SetClaimReview {
                doc: doc_id(),
                claim: ClaimId(claim),
                status: if reject {
                    ReviewStatus::Rejected
                } else {
                    ReviewStatus::Accepted
                },
                provenance: None,
            },
        };
        let _ = edit.apply(&mut project);
    }
    project
}

fn added_spans<'a>(base: &Project, side: &'a Project) -> Vec<&'a Span> {
    let base_doc = doc(base);
    doc(side)
        .spans()
        .iter()
        .filter(|s| base_doc.span(s.id).is_none_or(|b| b.range != s.range))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_merge_keeps_every_annotation_either_side_added(
        a in prop::collection::vec(change(), 0..8),
        b in prop::collection::vec(change(), 0..8),
    ) {
        let base = base();
        let ours = apply(&base, &a);
        let theirs = apply(&base, &b);
        let result = merge(&base, &ours, &theirs).unwrap();
        let merged = &result.project;
        prop_assert!(merged.problems().is_empty(), "{:?}", merged.problems());
        prop_assert_eq!(&from_ron(&to_ron(merged)).unwrap(), merged);
        let merged_doc = doc(merged);
        for side in [&ours, &theirs] {
            for span in added_spans(&base, side) {
                let kept = merged_doc.spans().iter().any(|m| m.range == span.range && m.label == span.label)
                    || merged.conflicts.iter().any(|c| matches!(&c.item,
                        ConflictItem::Span { ours, theirs, .. }
                            if ours.iter().chain(theirs).any(|v| v.range == span.range && v.label == span.label)));
                prop_assert!(kept, "span {:?} lost", span);
            }
        }
        // Every claim either side made is there, its arguments on the
        // same text (their span ids may have been renumbered).
        let shape = |d: &crate::model::Document, c: &Claim| -> (Name, Vec<(Name, Option<crate::model::CharRange>)>) {
            (c.claim_type.clone(), c.arguments.iter().map(|a| (a.role.clone(), d.span(a.span).map(|s| s.range))).collect())
        };
        for side in [&ours, &theirs] {
            let side_doc = doc(side);
            for claim in side_doc.claims().iter().filter(|c| doc(&base).claim(c.id).is_none()) {
                let wanted = shape(side_doc, claim);
                let kept = merged_doc.claims().iter().any(|m| shape(merged_doc, m) == wanted);
                prop_assert!(kept, "claim {:?} lost from {}", claim, to_ron(merged));
            }
        }
    }

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other_exactly(
        a in prop::collection::vec(change(), 0..10),
    ) {
        let base = base();
        let side = apply(&base, &a);
        prop_assert_eq!(&merge(&base, &side, &base).unwrap().project, &side);
        prop_assert_eq!(&merge(&base, &base, &side).unwrap().project, &side);
        // And the same change on both sides is taken once.
        prop_assert_eq!(&merge(&base, &side, &side).unwrap().project, &side);
    }
}
