//! The review queue in the window: J/K move through its rows, A/X/E decide
//! the row and go on to the next, the article follows the row across
//! documents, and bulk decisions cover every row the filter shows.

use super::{ClaimmarkApp, Modal};
use claimmark_core::model::{DocId, ReviewStatus};
use claimmark_core::review::{self, Proposal};

impl ClaimmarkApp {
    /// Rebuilds the queue's rows if the project or the filter changed.
    pub(crate) fn refresh_review_queue(&mut self) {
        if self.review_queue.open {
            let revision = self.session.history().revision();
            self.review_queue.refresh(self.session.project(), revision);
        }
    }

    pub(crate) fn toggle_review_queue(&mut self) {
        self.review_queue.open = !self.review_queue.open;
        if !self.review_queue.open {
            return;
        }
        self.refresh_review_queue();
        let rows = self.review_queue.len();
        if self.review_queue.selected_index().is_none() {
            self.step_queue(true);
        }
        self.set_status(format!(
            "Review queue: {rows} proposal(s) shown. J/K move, A accept, X reject, E edit."
        ));
    }

    /// J or K with the queue open: the next or previous row, in the
    /// queue's order (not the text's).
    pub(crate) fn step_queue(&mut self, forward: bool) {
        self.refresh_review_queue();
        let queue = &self.review_queue;
        if queue.is_empty() {
            self.set_status("The review queue's filter shows no proposals.");
            return;
        }
        let next = match queue.selected_index() {
            Some(index) if forward => Some(index + 1),
            Some(index) => index.checked_sub(1),
            None if forward => Some(0),
            None => queue.len().checked_sub(1),
        };
        match next.and_then(|index| queue.row(index)) {
            Some(row) => {
                let (doc, proposal) = (row.doc.clone(), row.proposal);
                self.select_queue_row(&doc, proposal);
            }
            None => self.set_status("No more rows in the review queue in that direction."),
        }
    }

    /// Goes to a row: its document opened, its trigger (or span) selected
    /// and scrolled to.
    pub(crate) fn select_queue_row(&mut self, doc: &DocId, proposal: Proposal) {
        self.review_queue.select(Some((doc.clone(), proposal)));
        self.show_proposal(doc, proposal);
    }

    /// After A/X with the queue open: the row that followed the decided
    /// one, or the one now at its place.
    pub(crate) fn queue_after_decision(
        &mut self,
        decided_at: Option<usize>,
        following: Option<(DocId, Proposal)>,
    ) {
        self.refresh_review_queue();
        let queue = &self.review_queue;
        let next = following
            .filter(|(doc, proposal)| queue.index_of(doc, *proposal).is_some())
            .or_else(|| {
                decided_at
                    .and_then(|index| {
                        queue
                            .row(index)
                            .or_else(|| queue.row(queue.len().checked_sub(1)?))
                    })
                    .map(|row| (row.doc.clone(), row.proposal))
            });
        if let Some((doc, proposal)) = next {
            self.select_queue_row(&doc, proposal);
        } else {
            self.review_queue.select(None);
            self.set_status("Review queue done: no proposals left under this filter.");
        }
    }

    /// The queue's row after the current one, before a decision changes
    /// the rows.
    pub(crate) fn queue_position(&self) -> (Option<usize>, Option<(DocId, Proposal)>) {
        let at = self.review_queue.selected_index();
        let following = at
            .and_then(|index| self.review_queue.row(index + 1))
            .map(|row| (row.doc.clone(), row.proposal));
        (at, following)
    }

    /// The edit that gives every row the filter shows `status`.
    fn decide_shown(&mut self, status: ReviewStatus) -> review::BulkDecision {
        self.refresh_review_queue();
        review::decide_all(
            self.session.project(),
            self.review_queue.rows(),
            status,
            &self.reviewer(),
        )
    }

    /// Asks before accepting or rejecting every row the filter shows.
    pub(crate) fn confirm_decide_all_shown(&mut self, status: ReviewStatus) {
        if self.asks_for_analyst_first() {
            return;
        }
        let decision = self.decide_shown(status);
        if decision.is_empty() {
            self.set_status("Nothing to change: every row shown already has that status.");
            return;
        }
        self.modal = Some(Modal::BulkDecision {
            status,
            claims: decision.claims,
            spans: decision.spans,
            documents: decision.documents,
        });
    }

    /// Confirmed: one edit, one undo step.
    pub(crate) fn decide_all_shown(&mut self, status: ReviewStatus) {
        let decision = self.decide_shown(status);
        let description = format!(
            "{} {} claim(s) and {} span(s) (bulk)",
            if status == ReviewStatus::Accepted {
                "Accept"
            } else {
                "Reject"
            },
            decision.claims,
            decision.spans
        );
        if self.apply(decision.edit, description.clone()) {
            self.set_status(format!("{description}. Ctrl+Z undoes it in one step."));
            self.queue_after_decision(Some(0), None);
        }
    }
}
