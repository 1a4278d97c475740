//! Merge conflicts in the window: the list, moving through it, resolving
//! each as one undoable edit, and merging with the file on disk.

use super::ClaimmarkApp;
use crate::view::{ConflictsView, Modal};
use claimmark_core::merge::{self, Resolution};
use claimmark_core::model::{ConflictItem, Side};

impl ClaimmarkApp {
    pub(crate) fn toggle_conflicts(&mut self) {
        if self.conflicts_view.is_some() {
            self.conflicts_view = None;
        } else {
            self.open_conflicts();
        }
    }

    /// Opens the list on its first conflict, if there is one.
    pub(crate) fn open_conflicts(&mut self) {
        let count = self.session.project().conflicts.len();
        if count == 0 {
            self.conflicts_view = None;
            return;
        }
        self.conflicts_view = Some(ConflictsView::default());
        self.select_conflict(0);
        self.set_status(format!(
            "{count} merge conflict(s) to decide: Shift+T takes ours, T theirs, B keeps both; N/P move. Each is one undoable step."
        ));
    }

    pub(crate) fn step_conflict(&mut self, forward: bool) {
        let count = self.session.project().conflicts.len();
        let Some(view) = self.conflicts_view else {
            return;
        };
        if count == 0 {
            return;
        }
        let next = if forward {
            (view.selected + 1) % count
        } else {
            (view.selected + count - 1) % count
        };
        self.select_conflict(next);
    }

    /// Selects a conflict and shows it: its document, and the span or claim
    /// in place.
    pub(crate) fn select_conflict(&mut self, index: usize) {
        let Some(conflict) = self.session.project().conflicts.get(index).cloned() else {
            return;
        };
        if let Some(view) = &mut self.conflicts_view {
            view.selected = index;
        }
        if let Some(doc) = conflict.document() {
            self.go_to_document(&doc.clone());
        }
        match &conflict.item {
            ConflictItem::Span { ours, theirs, .. } => {
                if let Some(span) = ours.as_ref().or(theirs.as_ref()) {
                    self.view.span = Some(span.id);
                    self.view.claim = None;
                    self.view.selection = None;
                    self.view.scroll_to = Some(span.range);
                }
            }
            ConflictItem::Claim { ours, theirs, .. } => {
                if let Some(claim) = ours.as_ref().or(theirs.as_ref()) {
                    self.view.claim = Some(claim.id);
                    self.view.span = None;
                }
            }
            _ => {}
        }
    }

    /// Resolves the selected conflict (or `index`) as chosen.
    pub(crate) fn resolve_conflict(&mut self, index: Option<usize>, choice: Resolution) {
        let Some(index) = index.or(self.conflicts_view.map(|v| v.selected)) else {
            self.set_status("Open the merge conflicts first (Ctrl+Shift+M).");
            return;
        };
        let subject = match self.session.project().conflicts.get(index) {
            Some(conflict) => conflict.subject(),
            None => return,
        };
        match merge::resolution(self.session.project(), index, choice) {
            Ok(edit) => {
                let how = match choice {
                    Resolution::Take(Side::Ours) => "ours",
                    Resolution::Take(Side::Theirs) => "theirs",
                    Resolution::KeepBoth => "both",
                };
                if self.apply(edit, format!("Resolve {subject}: {how}")) {
                    let left = self.session.project().conflicts.len();
                    if left == 0 {
                        self.conflicts_view = None;
                        self.set_status(
                            "Every merge conflict is resolved. Save to keep it (Ctrl+S).",
                        );
                    } else {
                        let next = index.min(left - 1);
                        self.conflicts_view = Some(ConflictsView { selected: next });
                        self.select_conflict(next);
                        self.set_status(format!("Resolved {subject} ({how}); {left} left."));
                    }
                }
            }
            Err(error) => self.set_status(error.to_string()),
        }
    }

    /// The file changed on disk: merge that version into ours, three ways;
    /// after a refused save, save the merge too.
    pub(crate) fn merge_from_disk(&mut self, then_save: bool, ctx: &egui::Context) {
        match self.session.merge_from_disk() {
            Ok(report) => {
                self.ignored_disk_change = None;
                let conflicts = report.conflicts;
                let summary = report.lines().join("; ");
                if then_save {
                    self.save(ctx);
                }
                if conflicts > 0 {
                    self.open_conflicts();
                }
                self.set_status(format!("Merged with the version on disk: {summary}."));
            }
            Err(error) => {
                self.modal = None;
                self.show_error(
                    "Could not merge with the version on disk",
                    format!(
                        "{error}\n\nNothing changed; Save as… keeps your version in another file."
                    ),
                );
            }
        }
        if matches!(self.modal, Some(Modal::ChangedOnDisk { .. })) {
            self.modal = None;
        }
    }
}
