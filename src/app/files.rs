//! Opening, saving and adding articles: the project file side of the
//! session, with the recovery copy and recent projects kept in step.
use std::path::{Path, PathBuf};

use super::{ClaimmarkApp, Modal, View};
use crate::command::UiCommand;
use claimmark_core::session::Session;
use claimmark_core::storage::{articles, recovery};

impl ClaimmarkApp {
    pub(crate) fn replace_session(&mut self, session: Session) {
        self.remember_queue_position();
        self.save_settings();
        self.session = session;
        self.recovery_written = None;
        self.ignored_disk_change = None;
        self.pending_in_project = (u64::MAX, 0);
        self.view = View::default();
        self.article = crate::ui::article::ArticleView::default();
        self.buffers = crate::ui::text_buffers::TextBuffers::default();
        self.entities_window.forget_project();
        self.forget_ledger();
        self.find.matches.clear();
        self.find.current = None;
        self.review_queue.reset();
        self.document_summaries.reset();
        self.conflicts_view = None;
        self.fix_view();
        if !self.session.project().conflicts.is_empty() {
            self.open_conflicts();
        }
    }

    pub(crate) fn open_project_at(&mut self, path: &Path) {
        match Session::open(path) {
            Ok(session) => {
                let count = session.project().documents.len();
                self.replace_session(session);
                self.settings.remember(path);
                self.restore_queue_position();
                let conflicts = self.session.project().conflicts.len();
                if conflicts == 0 {
                    self.set_status(format!("Opened {} ({count} documents).", path.display()));
                } else {
                    self.set_status(format!(
                        "Opened {} ({count} documents) with {conflicts} merge conflict(s) to decide: Shift+T takes ours, T theirs, B keeps both; N/P move.",
                        path.display()
                    ));
                }
                let copies = recovery::find_all(path);
                if !copies.is_empty() {
                    self.modal = Some(Modal::Recovery {
                        copies,
                        project: Some(path.to_owned()),
                    });
                }
            }
            Err(error) => {
                if matches!(error.reason, claimmark_core::storage::LoadReason::Read(ref e) if e.kind() == std::io::ErrorKind::NotFound)
                {
                    self.settings.forget(path);
                }
                self.show_error(
                    format!("Could not open {}", path.display()),
                    format!(
                        "{error}\n\nThe file was not changed, and the project you had open stays open."
                    ),
                );
            }
        }
    }

    /// Reads the project file again, dropping unsaved changes (the analyst
    /// chose it after the file changed on disk).
    pub(crate) fn reload_from_disk(&mut self) {
        let Some(path) = self.session.path().map(Path::to_owned) else {
            return;
        };
        if let Some(written) = self.recovery_written.take() {
            recovery::discard(&written);
        }
        match Session::open(&path) {
            Ok(session) => {
                self.replace_session(session);
                self.restore_queue_position();
                self.set_status(format!("Reloaded {} from disk.", path.display()));
            }
            Err(error) => self.show_error(
                format!("Could not reload {}", path.display()),
                format!("{error}\n\nYour version stays open; save it elsewhere with Save As…"),
            ),
        }
    }

    pub(super) fn save(&mut self, ctx: &egui::Context) {
        self.session.set_lock_wait(WINDOW_LOCK_WAIT);
        match self.session.save() {
            Ok(true) => self.after_save(),
            Ok(false) => self.execute_ui(UiCommand::SaveProjectAs, ctx),
            Err(claimmark_core::storage::SaveError::ChangedOnDisk { change, .. }) => {
                self.pending_after_save = None;
                self.modal = Some(Modal::ChangedOnDisk {
                    change: change.to_string(),
                    save_refused: true,
                });
            }
            Err(error @ claimmark_core::storage::SaveError::Unflushed { .. }) => {
                self.after_save();
                self.show_error("Saved, with a warning", error.to_string());
            }
            Err(error) => {
                self.pending_after_save = None;
                self.show_error("Could not save", error.to_string());
            }
        }
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        self.session.set_lock_wait(WINDOW_LOCK_WAIT);
        match self.session.save_as(path) {
            Ok(()) => self.after_save(),
            Err(error) => {
                self.pending_after_save = None;
                self.show_error("Could not save", error.to_string());
            }
        }
    }

    pub(super) fn after_save(&mut self) {
        // This window's copy is saved now; copies other sessions wrote stay.
        if let Some(written) = self.recovery_written.take() {
            recovery::discard(&written);
        }
        if let Some(path) = self.session.path().map(Path::to_owned) {
            self.settings.remember(&path);
            self.remember_queue_position();
            self.set_status(format!("Saved {}.", path.display()));
        }
        self.save_settings();
        if let Some(then) = self.pending_after_save.take() {
            self.queue.push(then);
        }
    }

    pub(super) fn add_articles(&mut self, paths: &[PathBuf]) {
        let batch = articles::read_articles(
            self.session.project(),
            paths,
            &articles::ArticleMeta::default(),
        );
        let added = batch.documents.len();
        let first = batch.documents.first().map(|doc| doc.id.clone());
        if added > 0 {
            let edit =
                claimmark_core::edit::append_documents(self.session.project(), batch.documents);
            let description = if added == 1 {
                "Add 1 article".to_owned()
            } else {
                format!("Add {added} articles")
            };
            if self.apply(edit, description)
                && let Some(first) = first
            {
                self.go_to_document(&first);
            }
        }
        if batch.refused.is_empty() {
            self.set_status(format!("Added {added} article(s)."));
        } else {
            let lines: Vec<String> = batch.refused.iter().map(ToString::to_string).collect();
            self.show_error(
                format!("Added {added} article(s); {} file(s) refused", lines.len()),
                lines.join("\n"),
            );
        }
    }
}

/// How long the window's save waits for another claimmark writing the same
/// folder: long enough for a command's save, short enough not to freeze the
/// window behind a stuck one (the error says to try again).
const WINDOW_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);
