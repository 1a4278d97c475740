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
        let rows = self.resume_queue();
        self.set_status(format!(
            "Review queue: {rows} proposal(s) shown. J/K move, A accept, X reject, E edit."
        ));
    }

    /// Goes to the selected row (kept from before), else to the row at its
    /// old place, else to the first; returns how many rows are shown.
    fn resume_queue(&mut self) -> usize {
        self.refresh_review_queue();
        let rows = self.review_queue.len();
        let resume = self.review_queue.resume_at.take();
        if let Some(selected) = self.review_queue.selected().cloned()
            && self.review_queue.selected_index().is_some()
        {
            // Back where the analyst was (also after reopening the project).
            self.select_queue_row(&selected.0, selected.1);
        } else if let Some(row) = resume
            .filter(|_| rows > 0)
            .and_then(|at| self.review_queue.row(at.min(rows - 1)))
        {
            let (doc, proposal) = (row.doc.clone(), row.proposal);
            self.select_queue_row(&doc, proposal);
        } else {
            self.step_queue(true);
        }
        rows
    }

    /// Keeps where the analyst is in the queue, for the next time this
    /// project is opened.
    pub(crate) fn remember_queue_position(&mut self) {
        let Some(project) = self.session.path().map(std::path::Path::to_owned) else {
            return;
        };
        let Some((doc, proposal)) = self.review_queue.selected().cloned() else {
            return;
        };
        let proposal = match proposal {
            Proposal::Claim(id) => id.to_string(),
            Proposal::Span(id) => id.to_string(),
        };
        self.settings
            .set_queue_position(super::settings::QueuePosition {
                project,
                doc: doc.to_string(),
                proposal,
                index: self.review_queue.selected_index().unwrap_or(0),
                open: self.review_queue.open,
            });
    }

    /// Goes back to the queue row kept for this project, opening the queue
    /// if it was open.
    pub(crate) fn restore_queue_position(&mut self) {
        let Some(position) = self
            .session
            .path()
            .and_then(|path| self.settings.queue_position(path))
            .cloned()
        else {
            return;
        };
        let proposal = match position.proposal.split_at_checked(1) {
            Some(("c", n)) => n
                .parse()
                .ok()
                .map(|n| Proposal::Claim(claimmark_core::model::ClaimId(n))),
            Some(("s", n)) => n
                .parse()
                .ok()
                .map(|n| Proposal::Span(claimmark_core::model::SpanId(n))),
            _ => None,
        };
        let doc = DocId::parse(&position.doc).ok();
        if let (Some(doc), Some(proposal)) = (doc, proposal) {
            self.review_queue.select(Some((doc, proposal)));
        }
        self.review_queue.resume_at = Some(position.index);
        if self.review_queue.open {
            self.resume_queue();
        } else if position.open {
            self.toggle_review_queue();
        }
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
