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
    /// Every row of the project, built once per revision.
    all: Vec<QueueRow>,
    /// The extractor runs the rows came from, in order.
    runs: Vec<u32>,
    /// Indices into `all` of the rows the filter shows, in order.
    shown: Vec<usize>,
    /// The row the analyst is on: its document and proposal.
    selected: Option<(DocId, Proposal)>,
    /// Where `selected` stood when last looked up, so a frame does not
    /// search 100,000 rows for it.
    selected_at: Option<usize>,
    /// The table scrolls to the selected row on the next frame.
    pub scroll_to_selected: bool,
    /// Where to go on when the remembered row is gone: its old place.
    pub resume_at: Option<usize>,
    /// The project revision `all` was built for.
    built_for: Option<u64>,
    /// (revision, filter, order) `shown` was selected for.
    selected_for: Option<(u64, QueueFilter, QueueSort)>,
}

impl QueueState {
    /// Rebuilds the rows if the project changed, and selects them again if
    /// the filter or the order changed.
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        if self.built_for != Some(revision) {
            self.all = review::queue::rows(project);
            self.runs = self.all.iter().filter_map(|row| row.run).collect();
            self.runs.sort_unstable();
            self.runs.dedup();
            self.built_for = Some(revision);
        }
        let key = (revision, self.filter.clone(), self.sort);
        if self.selected_for.as_ref() != Some(&key) {
            self.shown = review::queue::select(project, &self.all, &self.filter, self.sort);
            self.selected_for = Some(key);
            self.selected_at = self.find_selected();
        }
    }

    /// Forgets the rows, as when another project is opened.
    pub fn reset(&mut self) {
        self.all.clear();
        self.runs.clear();
        self.shown.clear();
        self.selected = None;
        self.selected_at = None;
        self.resume_at = None;
        self.built_for = None;
        self.selected_for = None;
    }

    /// How many rows the filter shows.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The `index`th row shown.
    pub fn row(&self, index: usize) -> Option<&QueueRow> {
        self.shown.get(index).and_then(|&at| self.all.get(at))
    }

    /// The extractor runs the project's rows came from, in order.
    pub fn runs(&self) -> &[u32] {
        &self.runs
    }

    /// The rows shown, in order.
    pub fn rows(&self) -> impl Iterator<Item = &QueueRow> {
        self.shown.iter().filter_map(|&at| self.all.get(at))
    }

    pub fn index_of(&self, doc: &DocId, proposal: Proposal) -> Option<usize> {
        self.rows()
            .position(|row| row.proposal == proposal && &row.doc == doc)
    }

    /// Goes to a row (or to none).
    pub fn select(&mut self, selected: Option<(DocId, Proposal)>) {
        self.selected = selected;
        self.selected_at = self.find_selected();
        self.scroll_to_selected = self.selected.is_some();
    }

    pub fn selected(&self) -> Option<&(DocId, Proposal)> {
        self.selected.as_ref()
    }

    fn find_selected(&self) -> Option<usize> {
        let (doc, proposal) = self.selected.as_ref()?;
        self.index_of(doc, *proposal)
    }

    /// The selected row's index among the rows shown.
    pub fn selected_index(&self) -> Option<usize> {
        let (doc, proposal) = self.selected.as_ref()?;
        match self.selected_at.and_then(|at| self.row(at)) {
            Some(row) if row.proposal == *proposal && &row.doc == doc => self.selected_at,
            _ => self.find_selected(),
        }
    }
}
