//! Moving around: documents, find matches, where undo and redo went.

use super::{ClaimmarkApp, View};
use claimmark_core::edit::Edit;
use claimmark_core::model::DocId;

impl ClaimmarkApp {
    pub(super) fn after_history_step(
        &mut self,
        stepped: &claimmark_core::edit::Stepped,
        verb: &str,
    ) {
        if let Some(doc) = &stepped.document
            && self.session.project().document(doc).is_some()
            && self.view.document.as_ref() != Some(doc)
        {
            self.go_to_document(&doc.clone());
        }
        self.set_status(format!("{verb}."));
    }

    pub(super) fn go_to_document(&mut self, id: &DocId) {
        if self.session.project().document(id).is_none() {
            return;
        }
        if self.view.document.as_ref() != Some(id) {
            self.view = View {
                document: Some(id.clone()),
                ..View::default()
            };
        }
    }

    pub(super) fn step_document(&mut self, step: isize) {
        let project = self.session.project();
        let Some(current) = self
            .view
            .document
            .as_ref()
            .and_then(|id| project.document_index(id))
        else {
            return;
        };
        let next = current
            .saturating_add_signed(step)
            .min(project.documents.len().saturating_sub(1));
        if let Some(id) = project.documents.get(next).map(|doc| doc.id.clone()) {
            self.go_to_document(&id);
        }
    }

    pub(super) fn remove_document(&mut self, id: &DocId) {
        let Some(index) = self.session.project().document_index(id) else {
            return;
        };
        let title = self.session.project().documents[index].title.clone();
        if self.apply(
            Edit::RemoveDocument { doc: id.clone() },
            format!("Remove “{title}”"),
        ) {
            let project = self.session.project();
            let neighbour = project
                .documents
                .get(index)
                .or_else(|| project.documents.last())
                .map(|doc| doc.id.clone());
            if let Some(neighbour) = neighbour {
                self.go_to_document(&neighbour);
            }
            self.set_status(format!("Removed “{title}”. Undo (Ctrl+Z) brings it back."));
        }
    }

    pub(super) fn step_find(&mut self, step: isize) {
        if !self.find.open {
            self.find.open = true;
            self.find.focus_requested = true;
            return;
        }
        self.update_find();
        let count = self.find.matches.len();
        if count == 0 {
            self.set_status("No matches.");
            return;
        }
        let next = match self.find.current {
            None if step >= 0 => 0,
            None => count - 1,
            Some(current) => (current.cast_signed() + step)
                .rem_euclid(count.cast_signed())
                .cast_unsigned(),
        };
        self.find.current = Some(next);
        let (doc, range) = self.find.matches[next].clone();
        self.go_to_document(&doc);
        self.view.selection = Some(range);
        self.view.span = None;
        self.view.scroll_to = Some(range);
        // Going to another document recomputes matches; keep our place.
        self.find.computed_for = Some((
            self.find.query.clone(),
            self.find.all_documents,
            self.session.history().revision(),
            self.view.document.clone(),
        ));
    }
}
