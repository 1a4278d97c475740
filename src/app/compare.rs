//! Comparing the current document with another annotation of it (another
//! analyst's project, or an extractor's claims file) and taking their
//! version of a span or claim into the project, one undoable step each.

use super::ClaimmarkApp;
use crate::view::CompareState;
use claimmark_core::annotate;

impl ClaimmarkApp {
    /// Opens the other side: a project file, or a claims file read into a
    /// copy of this project's documents.
    pub(crate) fn compare_with(&mut self, path: &std::path::Path) {
        let other = if path.extension().is_some_and(|ext| ext == "jsonl") {
            annotate::claims_as_project(self.session.project(), path)
        } else {
            claimmark_core::storage::load_project(path).map_err(|error| error.to_string())
        };
        match other {
            Ok(other) => {
                let matched = self
                    .session
                    .project()
                    .documents
                    .iter()
                    .filter(|doc| {
                        other.document(&doc.id).is_some()
                            || other.document_with_text(doc.text.sha256()).is_some()
                    })
                    .count();
                self.set_status(format!(
                    "Comparing with {}: {matched} of this project's documents are there too. N/P move between differences, T takes theirs.",
                    path.display()
                ));
                self.compare = Some(CompareState::new(path.to_owned(), other));
            }
            Err(error) => {
                self.show_error(format!("Could not compare with {}", path.display()), error);
            }
        }
    }

    /// Takes their version of the selected difference.
    pub(crate) fn take_theirs(&mut self, index: Option<usize>) {
        let Some(compare) = &self.compare else {
            self.set_status("Open something to compare with first (File › Compare with…).");
            return;
        };
        let Some(ours) = self.current_document() else {
            return;
        };
        let Some(comparison) = &compare.current else {
            self.set_status("The other side has no version of this document.");
            return;
        };
        let index = index.unwrap_or(compare.selected);
        let Some(row) = comparison.rows.get(index) else {
            self.set_status("No difference left here.");
            return;
        };
        let Some(theirs) = compare.other.document(&comparison.theirs_doc) else {
            return;
        };
        match annotate::take_theirs(self.session.project(), ours, theirs, comparison, row) {
            Some(edit) => {
                self.apply(edit, "Take their version");
            }
            None => self.set_status(
                "Their version cannot be taken here (its label is not in this project's schema?).",
            ),
        }
    }

    pub(crate) fn step_difference(&mut self, forward: bool) {
        let Some(compare) = &self.compare else {
            self.set_status("Open something to compare with first (File › Compare with…).");
            return;
        };
        let rows = compare.current.as_ref().map_or(0, |c| c.rows.len());
        if rows == 0 {
            return;
        }
        let selected = compare.selected;
        let next = if forward {
            (selected + 1) % rows
        } else {
            (selected + rows - 1) % rows
        };
        self.select_difference(next);
    }

    pub(crate) fn select_difference(&mut self, index: usize) {
        let Some(compare) = &mut self.compare else {
            return;
        };
        compare.selected = index;
        let range = compare
            .current
            .as_ref()
            .and_then(|c| annotate::row_range(c, index));
        if let Some(range) = range {
            self.view.scroll_to = Some(range);
            self.view.selection = Some(range);
            self.view.span = None;
        }
    }
}
