//! The other side of a comparison, and the comparison of the document on
//! screen with it (recomputed only when the document or project changed).

use std::path::PathBuf;

use claimmark_core::annotate::{self, DocumentComparison};
use claimmark_core::model::{DocId, Document, Project};

/// The other side, and the comparison of the current document with it.
pub struct CompareState {
    pub path: PathBuf,
    /// Their project: a project file, or a claims file imported into a copy
    /// of this project's documents.
    pub other: Project,
    /// (our document, our revision) the cached comparison is for.
    pub(crate) cached_for: Option<(DocId, u64)>,
    pub current: Option<DocumentComparison>,
    /// The difference the keyboard is on.
    pub selected: usize,
}

impl CompareState {
    pub fn new(path: PathBuf, other: Project) -> Self {
        Self {
            path,
            other,
            cached_for: None,
            current: None,
            selected: 0,
        }
    }

    /// Their document for ours: the same id, else the same text.
    pub fn their_document<'a>(&'a self, ours: &Document) -> Option<&'a Document> {
        annotate::their_document(&self.other, ours)
    }

    /// Recomputes the comparison when our document or project changed.
    pub fn refresh(&mut self, project: &Project, doc: &Document, revision: u64) {
        let key = (doc.id.clone(), revision);
        if self.cached_for.as_ref() == Some(&key) {
            return;
        }
        self.current = self
            .their_document(doc)
            .map(|theirs| annotate::compare_document((project, doc), (&self.other, theirs)));
        if self.cached_for.as_ref().is_none_or(|(id, _)| id != &doc.id) {
            self.selected = 0;
        }
        let rows = self.current.as_ref().map_or(0, |c| c.rows.len());
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.cached_for = Some(key);
    }
}
