//! Deciding many proposals at once: every row a queue filter shows,
//! accepted or rejected in one edit (one undo step), with the same rules as
//! deciding them one by one (a claim's proposed spans follow it; a span
//! another live claim still uses is kept).

use std::collections::{HashMap, HashSet};

use super::{Proposal, QueueRow, Reviewer, review_claim};
use crate::edit::Edit;
use crate::model::{ClaimId, DocId, Document, Project, ReviewStatus, SpanId};

/// The edit for a bulk decision and what it touches.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkDecision {
    pub edit: Edit,
    /// Claims whose status changes.
    pub claims: usize,
    /// Spans whose status changes (standalone ones and claims' own).
    pub spans: usize,
    /// Documents with at least one change.
    pub documents: usize,
}

impl BulkDecision {
    pub fn is_empty(&self) -> bool {
        self.claims == 0 && self.spans == 0
    }
}

/// Gives every row's proposal `status`, as one batch. Rows already in that
/// status, or no longer in the project, are left alone.
pub fn decide_all<'a>(
    project: &Project,
    rows: impl IntoIterator<Item = &'a QueueRow>,
    status: ReviewStatus,
    reviewer: &Reviewer,
) -> BulkDecision {
    let mut by_doc: Vec<(&DocId, Vec<Proposal>)> = Vec::new();
    let mut doc_slot: HashMap<&DocId, usize> = HashMap::new();
    for row in rows {
        let slot = *doc_slot.entry(&row.doc).or_insert_with(|| {
            by_doc.push((&row.doc, Vec::new()));
            by_doc.len() - 1
        });
        by_doc[slot].1.push(row.proposal);
    }
    let mut decision = BulkDecision {
        edit: Edit::Batch(Vec::new()),
        claims: 0,
        spans: 0,
        documents: 0,
    };
    let mut edits = Vec::new();
    for (doc_id, proposals) in by_doc {
        let Some(doc) = project.document(doc_id) else {
            continue;
        };
        let before = edits.len();
        let (claims, spans) = decide_in_document(doc, &proposals, status, reviewer, &mut edits);
        decision.claims += claims;
        decision.spans += spans;
        if edits.len() > before {
            decision.documents += 1;
        }
    }
    decision.edit = Edit::Batch(edits);
    decision
}

/// Pushes one document's edits; returns (claims, spans) changed.
fn decide_in_document(
    doc: &Document,
    proposals: &[Proposal],
    status: ReviewStatus,
    reviewer: &Reviewer,
    edits: &mut Vec<Edit>,
) -> (usize, usize) {
    let deciding: HashSet<ClaimId> = proposals
        .iter()
        .filter_map(|p| match p {
            Proposal::Claim(id) => doc.claim(*id).filter(|c| c.status != status).map(|c| c.id),
            Proposal::Span(_) => None,
        })
        .collect();
    // Which claims, other than the ones being decided, keep a span alive.
    let mut live_users: HashMap<SpanId, usize> = HashMap::new();
    for claim in doc.claims() {
        let rejected_after = if deciding.contains(&claim.id) {
            status == ReviewStatus::Rejected
        } else {
            claim.status == ReviewStatus::Rejected
        };
        if !rejected_after {
            for argument in &claim.arguments {
                *live_users.entry(argument.span).or_default() += 1;
            }
        }
    }
    let mut spans_changed: HashSet<SpanId> = HashSet::new();
    let mut change_span = |span: SpanId, edits: &mut Vec<Edit>| {
        if doc.span(span).is_some_and(|s| s.status != status) && spans_changed.insert(span) {
            edits.push(Edit::SetSpanStatus {
                doc: doc.id.clone(),
                span,
                status,
            });
        }
    };
    let mut claims = 0;
    let mut seen_claims = HashSet::new();
    for proposal in proposals {
        match *proposal {
            Proposal::Span(id) => change_span(id, edits),
            Proposal::Claim(id) => {
                let Some(claim) = doc.claim(id).filter(|_| deciding.contains(&id)) else {
                    continue;
                };
                if !seen_claims.insert(id) {
                    continue;
                }
                claims += 1;
                let mut edit = review_claim(&doc.id, claim, status, reviewer);
                if let Edit::SetClaimReview {
                    provenance: Some(provenance),
                    ..
                } = &mut edit
                {
                    provenance.bulk_review = true;
                }
                edits.push(edit);
                for argument in &claim.arguments {
                    let proposed = doc
                        .span(argument.span)
                        .is_some_and(|s| s.status == ReviewStatus::Proposed);
                    let follows = match status {
                        ReviewStatus::Accepted => proposed,
                        ReviewStatus::Rejected => {
                            proposed && !live_users.contains_key(&argument.span)
                        }
                        ReviewStatus::Proposed | ReviewStatus::Corrected => false,
                    };
                    if follows {
                        change_span(argument.span, edits);
                    }
                }
            }
        }
    }
    (claims, spans_changed.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Agent, Argument, Claim, Confidence, Name, Provenance, SpanOrigin, Timestamp, notation,
    };
    use crate::review::queue::{self, QueueFilter, QueueSort};

    fn name(raw: &str) -> Name {
        Name::parse(raw).unwrap()
    }

    fn reviewer() -> Reviewer {
        Reviewer {
            agent: Agent::person("lead"),
            at: Timestamp::parse("2026-12-06T09:00:00Z").unwrap(),
        }
    }

    /// Two documents; claims 1 and 2 of "a" share the count span 2.
    fn project() -> Project {
        let mut a = notation::document(
            "a",
            "Officials [event|freed] [count|31] and [event|released] more.",
        )
        .unwrap();
        let b = notation::document("b", "The court [event|pardoned] [count|12] people.").unwrap();
        let mut project = Project::default();
        let x = Agent::software("x", Some("1".into()));
        for span in 1..=3 {
            let s = a.span_mut(SpanId(span)).unwrap();
            s.status = ReviewStatus::Proposed;
            s.origin = Some(SpanOrigin {
                agent: x.clone(),
                confidence: None,
            });
        }
        for (id, trigger, confidence) in [(1, 1, 0.2), (2, 3, 0.9)] {
            a.insert_claim(Claim {
                status: ReviewStatus::Proposed,
                confidence: Confidence::new(confidence),
                provenance: Some(Provenance {
                    creator: x.clone(),
                    created: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
                    reviewer: None,
                    reviewed: None,
                    bulk_review: false,
                }),
                arguments: vec![
                    Argument::new(name("trigger"), SpanId(trigger)),
                    Argument::new(name("count"), SpanId(2)),
                ],
                ..Claim::new(ClaimId(id), name("release"))
            });
        }
        project.documents.push(a);
        project.documents.push(b);
        project
    }

    #[test]
    fn rejecting_every_claim_sharing_a_span_rejects_the_span_too() {
        let mut project = project();
        let original = project.clone();
        let rows = queue::build(&project, &QueueFilter::default(), QueueSort::DocumentOrder);
        assert_eq!(rows.len(), 2, "the claims' spans are not rows of their own");
        let decision = decide_all(&project, &rows, ReviewStatus::Rejected, &reviewer());
        assert_eq!(
            (decision.claims, decision.spans, decision.documents),
            (2, 3, 1)
        );
        let undo = decision.edit.apply(&mut project).unwrap();
        let doc = &project.documents[0];
        assert!(
            doc.spans()
                .iter()
                .all(|s| s.status == ReviewStatus::Rejected)
        );
        let provenance = doc.claim(ClaimId(1)).unwrap().provenance.clone().unwrap();
        assert_eq!(provenance.reviewer.unwrap().id, "lead");
        assert_eq!(
            provenance.creator.id, "x",
            "the creator stays the extractor"
        );
        assert!(provenance.bulk_review, "recorded as a bulk decision");
        // Saved, exported and read back, the mark stays.
        let saved =
            crate::storage::project_file::from_ron(&crate::storage::project_file::to_ron(&project))
                .unwrap();
        assert!(
            saved.documents[0]
                .claim(ClaimId(1))
                .unwrap()
                .provenance
                .as_ref()
                .unwrap()
                .bulk_review
        );
        let mut lines = Vec::new();
        crate::claim_format::export::write_claims(
            &project,
            &crate::claim_format::export::Filter::default(),
            &mut lines,
        )
        .unwrap();
        let first = String::from_utf8(lines)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned();
        assert!(first.contains(r#""bulk_review":true"#), "{first}");
        let line = crate::claim_format::line::parse_line(&first).unwrap();
        assert!(line.provenance.bulk_review);
        undo.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn rejecting_one_of_two_claims_keeps_the_shared_span() {
        let mut project = project();
        let filter = QueueFilter {
            max_confidence: Some(0.5),
            ..QueueFilter::default()
        };
        let rows = queue::build(&project, &filter, QueueSort::ConfidenceAscending);
        assert_eq!(rows.len(), 1);
        let decision = decide_all(&project, &rows, ReviewStatus::Rejected, &reviewer());
        assert_eq!(
            (decision.claims, decision.spans),
            (1, 1),
            "only the trigger"
        );
        decision.edit.apply(&mut project).unwrap();
        let doc = &project.documents[0];
        assert_eq!(doc.span(SpanId(2)).unwrap().status, ReviewStatus::Proposed);
        assert_eq!(doc.span(SpanId(1)).unwrap().status, ReviewStatus::Rejected);
    }

    #[test]
    fn deciding_again_changes_nothing() {
        let mut project = project();
        let rows = queue::build(&project, &QueueFilter::default(), QueueSort::DocumentOrder);
        let decision = decide_all(&project, &rows, ReviewStatus::Accepted, &reviewer());
        assert_eq!((decision.claims, decision.spans), (2, 3));
        decision.edit.apply(&mut project).unwrap();
        let again = decide_all(&project, &rows, ReviewStatus::Accepted, &reviewer());
        assert!(again.is_empty());
        assert_eq!(again.documents, 0);
    }
}
