//! Reviewing machine proposals: which ones are waiting, in text order, and
//! the edits that accept, reject or mark them corrected. Every review action
//! is one `Edit::Batch`, so it is undoable like any other change.
//!
//! [`queue`] lists every proposal of a project as rows to sort and filter;
//! [`bulk`] decides every row of a filter at once, in one edit;
//! [`calibration`] says how often each extractor's claims were kept, by
//! confidence.

pub mod bulk;
pub mod calibration;
pub mod queue;

pub use bulk::{BulkDecision, decide_all};
pub use queue::{QueueFilter, QueueRow, QueueSort, RowFlag, RowKind};

use std::fmt::Write as _;

use crate::edit::Edit;
use crate::model::{
    Agent, CharOffset, Claim, ClaimId, DocId, Document, Provenance, ReviewStatus, SpanId, Timestamp,
};

/// Something waiting for review: a proposed claim, or a proposed span that
/// no live claim uses (a claim's own spans are reviewed with the claim).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proposal {
    Claim(ClaimId),
    Span(SpanId),
}

/// Who reviews, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    pub agent: Agent,
    pub at: Timestamp,
}

/// "by regex-extractor 0.3.1 · confidence 0.87", for the window.
pub fn describe_origin(agent: &Agent, confidence: Option<crate::model::Confidence>) -> String {
    let mut text = format!("by {}", agent.id);
    if let Some(version) = &agent.version {
        text.push(' ');
        text.push_str(version);
    }
    if let Some(confidence) = confidence {
        let _ = write!(text, " · confidence {:.2}", confidence.get());
    }
    text
}

/// "made by regex-extractor 0.3.1, 2026-12-01T00:00:00Z · reviewed by
/// analyst-1, 2026-12-06T10:00:00Z (bulk decision)", for the window.
pub fn describe_provenance(provenance: &Provenance) -> String {
    let agent = |agent: &Agent| match &agent.version {
        Some(version) => format!("{} {version}", agent.id),
        None => agent.id.clone(),
    };
    let mut text = format!(
        "made by {}, {}",
        agent(&provenance.creator),
        provenance.created.as_str()
    );
    if let Some(reviewer) = &provenance.reviewer {
        let _ = write!(text, " · reviewed by {}", agent(reviewer));
        if let Some(at) = &provenance.reviewed {
            let _ = write!(text, ", {}", at.as_str());
        }
        if provenance.bulk_review {
            text.push_str(" (bulk decision)");
        }
    }
    text
}

/// Where a proposal starts in the text: a claim by its trigger, else its
/// earliest span.
pub fn position(doc: &Document, proposal: Proposal) -> CharOffset {
    match proposal {
        Proposal::Span(id) => doc.span(id).map_or(CharOffset::ZERO, |s| s.range.start()),
        Proposal::Claim(id) => doc
            .claim(id)
            .map_or(CharOffset::ZERO, |claim| claim_position(doc, claim)),
    }
}

fn claim_position(doc: &Document, claim: &Claim) -> CharOffset {
    let trigger = claim
        .arguments
        .iter()
        .find(|a| a.role.as_str() == crate::model::schema::TRIGGER_ROLE)
        .and_then(|a| doc.span(a.span));
    trigger
        .map(|s| s.range.start())
        .or_else(|| {
            claim
                .arguments
                .iter()
                .filter_map(|a| doc.span(a.span))
                .map(|s| s.range.start())
                .min()
        })
        .unwrap_or(CharOffset::ZERO)
}

/// The proposals of a document waiting for review, in text order (claims
/// before spans at the same place).
pub fn pending(doc: &Document) -> Vec<Proposal> {
    let mut used_by_live_claim = std::collections::HashSet::new();
    for claim in doc.claims() {
        if claim.status != ReviewStatus::Rejected {
            used_by_live_claim.extend(claim.arguments.iter().map(|a| a.span));
        }
    }
    let mut found: Vec<(CharOffset, u8, Proposal)> = doc
        .claims()
        .iter()
        .filter(|claim| claim.status == ReviewStatus::Proposed)
        .map(|claim| (claim_position(doc, claim), 0, Proposal::Claim(claim.id)))
        .collect();
    found.extend(
        doc.spans()
            .iter()
            .filter(|span| {
                span.status == ReviewStatus::Proposed && !used_by_live_claim.contains(&span.id)
            })
            .map(|span| (span.range.start(), 1, Proposal::Span(span.id))),
    );
    found.sort_by_key(|(at, kind, proposal)| {
        let id = match proposal {
            Proposal::Claim(id) => id.0,
            Proposal::Span(id) => id.0,
        };
        (*at, *kind, id)
    });
    found.into_iter().map(|(_, _, proposal)| proposal).collect()
}

/// How far review of a document has got: (reviewed, all) over everything a
/// machine proposed (spans and claims with an origin or provenance from
/// software, plus anything still proposed).
pub fn progress(doc: &Document) -> (usize, usize) {
    let machine_spans = doc
        .spans()
        .iter()
        .filter(|s| s.origin.is_some() || s.status == ReviewStatus::Proposed);
    let machine_claims = doc.claims().iter().filter(|c| {
        c.status == ReviewStatus::Proposed
            || c.provenance.as_ref().is_some_and(|p| {
                p.creator.kind == crate::model::AgentKind::Software || p.reviewer.is_some()
            })
    });
    let mut all = 0;
    let mut reviewed = 0;
    for status in machine_spans
        .map(|s| s.status)
        .chain(machine_claims.map(|c| c.status))
    {
        all += 1;
        if status != ReviewStatus::Proposed {
            reviewed += 1;
        }
    }
    (reviewed, all)
}

/// The edit that gives a claim a status, recording the reviewer.
pub(crate) fn review_claim(
    doc: &DocId,
    claim: &Claim,
    status: ReviewStatus,
    reviewer: &Reviewer,
) -> Edit {
    let mut provenance = claim.provenance.clone().unwrap_or_else(|| Provenance {
        creator: reviewer.agent.clone(),
        created: reviewer.at.clone(),
        reviewer: None,
        reviewed: None,
        bulk_review: false,
    });
    provenance.reviewer = Some(reviewer.agent.clone());
    provenance.reviewed = Some(reviewer.at.clone());
    provenance.bulk_review = false;
    Edit::SetClaimReview {
        doc: doc.clone(),
        claim: claim.id,
        status,
        provenance: Some(provenance),
    }
}

/// Sets a proposal's status. Accepting a claim accepts its proposed spans;
/// rejecting one rejects the proposed spans no other live claim uses.
/// Marking it corrected keeps its spans as they are. `None` when the
/// proposal no longer exists.
pub fn set_status(
    doc: &Document,
    proposal: Proposal,
    status: ReviewStatus,
    reviewer: &Reviewer,
) -> Option<Edit> {
    let doc_id: DocId = doc.id.clone();
    let mut edits = Vec::new();
    match proposal {
        Proposal::Span(id) => {
            let span = doc.span(id)?;
            if span.status == status {
                return Some(Edit::Batch(Vec::new()));
            }
            edits.push(Edit::SetSpanStatus {
                doc: doc_id,
                span: id,
                status,
            });
        }
        Proposal::Claim(id) => {
            let claim = doc.claim(id)?;
            edits.push(review_claim(&doc_id, claim, status, reviewer));
            let spans_to_change: Vec<SpanId> = match status {
                ReviewStatus::Accepted => claim.arguments.iter().map(|a| a.span).collect(),
                ReviewStatus::Rejected => claim
                    .arguments
                    .iter()
                    .map(|a| a.span)
                    .filter(|span| {
                        !doc.claims_using(*span)
                            .any(|other| other.id != id && other.status != ReviewStatus::Rejected)
                    })
                    .collect(),
                ReviewStatus::Proposed | ReviewStatus::Corrected => Vec::new(),
            };
            let mut seen = std::collections::HashSet::new();
            for span_id in spans_to_change {
                let Some(span) = doc.span(span_id) else {
                    continue;
                };
                if span.status != ReviewStatus::Proposed || !seen.insert(span_id) {
                    continue;
                }
                edits.push(Edit::SetSpanStatus {
                    doc: doc_id.clone(),
                    span: span_id,
                    status,
                });
            }
        }
    }
    Some(Edit::Batch(edits))
}

/// When the analyst changes a proposed or machine-made claim, it becomes
/// `corrected` (with the reviewer). Returns the edit for that, if needed.
pub fn mark_claim_corrected(doc: &Document, claim: ClaimId, reviewer: &Reviewer) -> Option<Edit> {
    let claim = doc.claim(claim)?;
    if claim.status != ReviewStatus::Proposed {
        return None;
    }
    Some(review_claim(
        &doc.id,
        claim,
        ReviewStatus::Corrected,
        reviewer,
    ))
}

/// The same for a proposed span the analyst relabels or edits.
pub fn mark_span_corrected(doc: &Document, span: SpanId) -> Option<Edit> {
    let span = doc.span(span)?;
    if span.status != ReviewStatus::Proposed {
        return None;
    }
    Some(Edit::SetSpanStatus {
        doc: doc.id.clone(),
        span: span.id,
        status: ReviewStatus::Corrected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Argument, Name, Project, SpanOrigin, notation};

    fn name(raw: &str) -> Name {
        Name::parse(raw).unwrap()
    }

    /// A document with a proposed claim (trigger "freed", count "31"), a
    /// proposed standalone span ("Minsk") and a hand-made span.
    fn project() -> Project {
        let mut doc = notation::document(
            "d",
            "[place|Minsk]: Lukashenko [event|freed] [count|31] people, [organization|Viasna] says.",
        )
        .unwrap();
        let extractor = Agent::software("x", None);
        for id in [1, 2, 3] {
            let span = doc.span_mut(SpanId(id)).unwrap();
            span.status = ReviewStatus::Proposed;
            span.origin = Some(SpanOrigin {
                agent: extractor.clone(),
                confidence: None,
            });
        }
        doc.insert_claim(Claim {
            status: ReviewStatus::Proposed,
            arguments: vec![
                Argument::new(name("trigger"), SpanId(2)),
                Argument::new(name("count"), SpanId(3)),
            ],
            ..Claim::new(ClaimId(1), name("release"))
        });
        let mut project = Project::default();
        project.documents.push(doc);
        assert!(project.problems().is_empty(), "{:?}", project.problems());
        project
    }

    fn reviewer() -> Reviewer {
        Reviewer {
            agent: Agent::person("analyst-1"),
            at: Timestamp::parse("2026-11-22T12:00:00Z").unwrap(),
        }
    }

    #[test]
    fn pending_proposals_come_in_text_order_without_a_claims_own_spans() {
        let project = project();
        assert_eq!(
            pending(&project.documents[0]),
            vec![Proposal::Span(SpanId(1)), Proposal::Claim(ClaimId(1))]
        );
        assert_eq!(progress(&project.documents[0]), (0, 4));
    }

    #[test]
    fn accepting_a_claim_accepts_its_spans_and_undo_restores() {
        let mut project = project();
        let original = project.clone();
        let edit = set_status(
            &project.documents[0],
            Proposal::Claim(ClaimId(1)),
            ReviewStatus::Accepted,
            &reviewer(),
        )
        .unwrap();
        let undo = edit.apply(&mut project).unwrap();
        let doc = &project.documents[0];
        let claim = doc.claim(ClaimId(1)).unwrap();
        assert_eq!(claim.status, ReviewStatus::Accepted);
        let provenance = claim.provenance.as_ref().unwrap();
        assert_eq!(provenance.reviewer.as_ref().unwrap().id, "analyst-1");
        assert_eq!(
            provenance.reviewed.as_ref().unwrap().as_str(),
            "2026-11-22T12:00:00Z"
        );
        assert_eq!(doc.span(SpanId(2)).unwrap().status, ReviewStatus::Accepted);
        assert_eq!(doc.span(SpanId(3)).unwrap().status, ReviewStatus::Accepted);
        assert_eq!(doc.span(SpanId(1)).unwrap().status, ReviewStatus::Proposed);
        assert_eq!(pending(doc), vec![Proposal::Span(SpanId(1))]);
        assert_eq!(progress(doc), (3, 4));
        undo.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn rejecting_a_claim_rejects_spans_no_other_claim_needs() {
        let mut project = project();
        let mut other = Claim::new(ClaimId(2), name("prisoner_count"));
        other
            .arguments
            .push(Argument::new(name("count"), SpanId(3)));
        Edit::InsertClaim {
            doc: project.documents[0].id.clone(),
            claim: other,
        }
        .apply(&mut project)
        .unwrap();
        let edit = set_status(
            &project.documents[0],
            Proposal::Claim(ClaimId(1)),
            ReviewStatus::Rejected,
            &reviewer(),
        )
        .unwrap();
        edit.apply(&mut project).unwrap();
        let doc = &project.documents[0];
        assert_eq!(doc.span(SpanId(2)).unwrap().status, ReviewStatus::Rejected);
        assert_eq!(
            doc.span(SpanId(3)).unwrap().status,
            ReviewStatus::Proposed,
            "claim 2 still uses it"
        );
    }

    #[test]
    fn editing_a_proposal_marks_it_corrected_once() {
        let mut project = project();
        let doc = &project.documents[0];
        let edit = mark_claim_corrected(doc, ClaimId(1), &reviewer()).unwrap();
        edit.apply(&mut project).unwrap();
        let doc = &project.documents[0];
        assert_eq!(
            doc.claim(ClaimId(1)).unwrap().status,
            ReviewStatus::Corrected
        );
        assert!(mark_claim_corrected(doc, ClaimId(1), &reviewer()).is_none());
        assert!(
            mark_span_corrected(doc, SpanId(4)).is_none(),
            "hand-made spans stay as they are"
        );
        assert!(mark_span_corrected(doc, SpanId(1)).is_some());
    }
}
