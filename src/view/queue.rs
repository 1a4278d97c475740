//! The review queue's state: its filter, its order, the rows they give
//! (rebuilt only when the project, the filter or the order changes) and the
//! row the analyst is on, kept by identity so it survives rebuilds.

use claimmark_core::Project;
use claimmark_core::model::DocId;
use claimmark_core::review::{self, Proposal, QueueFilter, QueueRow, QueueSort};

#[derive(Debug, Default)]
pub struct QueueState {
    pub open: bool,
    pub filter: QueueFilter,
    pub sort: QueueSort,
    /// The rows the filter shows, in order.
    pub rows: Vec<QueueRow>,
    /// The row the analyst is on: its document and proposal.
    pub selected: Option<(DocId, Proposal)>,
    /// The table scrolls to the selected row on the next frame.
    pub scroll_to_selected: bool,
    /// (project revision, filter, order) the rows were built for.
    built_for: Option<(u64, QueueFilter, QueueSort)>,
}

impl QueueState {
    /// Rebuilds the rows if the project, the filter or the order changed.
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        let key = (revision, self.filter.clone(), self.sort);
        if self.built_for.as_ref() != Some(&key) {
            self.rows = review::queue::build(project, &self.filter, self.sort);
            self.built_for = Some(key);
        }
    }

    /// Forgets the rows, as when another project is opened.
    pub fn reset(&mut self) {
        self.rows.clear();
        self.selected = None;
        self.built_for = None;
    }

    pub fn index_of(&self, doc: &DocId, proposal: Proposal) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| row.proposal == proposal && &row.doc == doc)
    }

    pub fn selected_index(&self) -> Option<usize> {
        let (doc, proposal) = self.selected.as_ref()?;
        self.index_of(doc, *proposal)
    }
}
