//! Review of machine proposals in the window: A accept, X reject, E edit,
//! J/K next/previous, across documents; and marking edited proposals
//! corrected in the same undo step as the edit.

use super::{ClaimmarkApp, View};
use claimmark_core::edit::Edit;
use claimmark_core::model::{Agent, CharRange, ClaimId, DocId, ReviewStatus, SpanId, Timestamp};
use claimmark_core::review::{self, Proposal, Reviewer};

impl ClaimmarkApp {
    /// The analyst, as provenance records them, now.
    pub(crate) fn reviewer(&self) -> Reviewer {
        let name = self.settings.analyst.trim();
        Reviewer {
            agent: Agent::person(if name.is_empty() { "analyst" } else { name }),
            at: Timestamp::now(),
        }
    }

    /// The proposal the view is on: the selected claim if proposed, else the
    /// selected span if proposed.
    pub fn current_proposal(&self) -> Option<Proposal> {
        let doc = self.current_document()?;
        if let Some(claim) = self.view.claim.and_then(|id| doc.claim(id))
            && claim.status == ReviewStatus::Proposed
        {
            return Some(Proposal::Claim(claim.id));
        }
        let span = self.view.span.and_then(|id| doc.span(id))?;
        (span.status == ReviewStatus::Proposed).then_some(Proposal::Span(span.id))
    }

    /// The first decision of a run without an analyst name asks for one,
    /// so provenance names a person; asked once, a cancel is respected.
    pub(crate) fn asks_for_analyst_first(&mut self) -> bool {
        if !self.settings.analyst.trim().is_empty() || self.asked_for_analyst {
            return false;
        }
        self.asked_for_analyst = true;
        self.modal = Some(super::Modal::Preferences(crate::view::Preferences {
            analyst: String::new(),
            ..self.preferences()
        }));
        self.set_status(
            "Who is reviewing? Your name goes into each decision's provenance; then decide again.",
        );
        true
    }

    pub(crate) fn review_current(&mut self, status: ReviewStatus) {
        let Some(proposal) = self.current_proposal() else {
            self.set_status("Select a proposal first: J goes to the next one.");
            return;
        };
        if self.asks_for_analyst_first() {
            return;
        }
        let Some(doc) = self.current_document() else {
            return;
        };
        let reviewer = self.reviewer();
        let Some(edit) = review::set_status(doc, proposal, status, &reviewer) else {
            return;
        };
        let what = match proposal {
            Proposal::Claim(id) => format!("claim {id}"),
            Proposal::Span(id) => format!("span {id}"),
        };
        let verb = match status {
            ReviewStatus::Accepted => "Accept",
            ReviewStatus::Rejected => "Reject",
            ReviewStatus::Corrected => "Mark corrected",
            ReviewStatus::Proposed => "Reopen",
        };
        let at = review::position(doc, proposal);
        let (queue_at, queue_next) = self.queue_position();
        if self.apply(edit, format!("{verb} {what}")) && status != ReviewStatus::Corrected {
            if self.review_queue.open {
                self.queue_after_decision(queue_at, queue_next);
            } else {
                self.step_proposal_from(at, true);
            }
        }
    }

    /// E: marks the proposal corrected and leaves it selected for editing.
    pub(crate) fn edit_current_proposal(&mut self) {
        self.review_current(ReviewStatus::Corrected);
        if self.status.as_ref().is_none_or(|s| !s.is_error) {
            self.set_status("Marked corrected: change its spans, label or roles in the form.");
        }
    }

    /// J or K.
    pub(crate) fn step_proposal(&mut self, forward: bool) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let at = self
            .current_proposal()
            .map(|p| review::position(doc, p))
            .or_else(|| {
                self.view
                    .span
                    .and_then(|id| doc.span(id))
                    .map(|s| s.range.start())
            })
            .or_else(|| self.view.selection.map(CharRange::start))
            // Nothing selected: from where the analyst has scrolled to.
            .or_else(|| self.article.first_visible_offset());
        match at {
            Some(at) => self.step_proposal_from(at, forward),
            None if forward => self.go_to_proposal_in(0, true),
            None => self.go_to_proposal_in(0, false),
        }
    }

    /// Goes to the next (or previous) pending proposal after (before) `at`
    /// in this document, else in the following (preceding) documents.
    fn step_proposal_from(&mut self, at: claimmark_core::model::CharOffset, forward: bool) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let current = self.current_proposal();
        let pending = review::pending(doc);
        let next = if forward {
            pending
                .iter()
                .find(|p| Some(**p) != current && review::position(doc, **p) >= at)
                .copied()
        } else {
            pending
                .iter()
                .rev()
                .find(|p| Some(**p) != current && review::position(doc, **p) <= at)
                .copied()
        };
        if let Some(next) = next {
            let id = doc.id.clone();
            self.show_proposal(&id, next);
            return;
        }
        let Some(index) = self
            .view
            .document
            .as_ref()
            .and_then(|id| self.session.project().document_index(id))
        else {
            return;
        };
        let start = if forward { index + 1 } else { index };
        self.go_to_proposal_in(start, forward);
    }

    /// The first pending proposal from document `index` on (or the last one
    /// before it, going back).
    fn go_to_proposal_in(&mut self, index: usize, forward: bool) {
        let project = self.session.project();
        let found = if forward {
            project
                .documents
                .iter()
                .skip(index)
                .find_map(|doc| review::pending(doc).first().map(|p| (doc.id.clone(), *p)))
        } else {
            project
                .documents
                .iter()
                .take(index)
                .rev()
                .find_map(|doc| review::pending(doc).last().map(|p| (doc.id.clone(), *p)))
        };
        match found {
            Some((doc, proposal)) => self.show_proposal(&doc, proposal),
            None => self.set_status("No proposals left to review in that direction."),
        }
    }

    pub(super) fn show_proposal(&mut self, doc_id: &DocId, proposal: Proposal) {
        let Some(doc) = self.session.project().document(doc_id) else {
            return;
        };
        let (claim, span): (Option<ClaimId>, Option<SpanId>) = match proposal {
            Proposal::Claim(id) => {
                let trigger = doc.claim(id).and_then(|claim| {
                    claim
                        .arguments
                        .iter()
                        .find(|a| a.role.as_str() == claimmark_core::model::TRIGGER_ROLE)
                        .or_else(|| claim.arguments.first())
                        .map(|a| a.span)
                });
                (Some(id), trigger)
            }
            Proposal::Span(id) => (None, Some(id)),
        };
        let scroll_to = span.and_then(|id| doc.span(id)).map(|s| s.range);
        self.view = View {
            document: Some(doc_id.clone()),
            claim,
            span,
            scroll_to,
            ..View::default()
        };
    }

    /// An edit, plus marking the proposal it changes as corrected, as one
    /// step: an analyst's change to a machine proposal is a correction.
    pub(crate) fn with_correction(&self, edit: Edit) -> Edit {
        match self.current_document() {
            Some(doc) => claimmark_core::annotate::with_correction(doc, edit, &self.reviewer()),
            None => edit,
        }
    }
}
