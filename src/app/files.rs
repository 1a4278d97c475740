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
        self.pending_in_project = (u64::MAX, 0);
        self.view = View::default();
        self.article = crate::ui::article::ArticleView::default();
        self.buffers = crate::ui::text_buffers::TextBuffers::default();
        self.entities_window.forget_project();
        self.find.matches.clear();
        self.find.current = None;
        self.review_queue.reset();
        self.document_summaries.reset();
        self.fix_view();
    }

    pub(crate) fn open_project_at(&mut self, path: &Path) {
        match Session::open(path) {
            Ok(session) => {
                let count = session.project().documents.len();
                self.replace_session(session);
                self.settings.remember(path);
                self.restore_queue_position();
                self.set_status(format!("Opened {} ({count} documents).", path.display()));
                if let Some(copy) = recovery::find(path) {
                    self.modal = Some(Modal::Recovery {
                        copy,
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

    pub(super) fn save(&mut self, ctx: &egui::Context) {
        match self.session.save() {
            Ok(true) => self.after_save(),
            Ok(false) => self.execute_ui(UiCommand::SaveProjectAs, ctx),
            Err(error) => {
                self.pending_after_save = None;
                self.show_error("Could not save", error.to_string());
            }
        }
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        match self.session.save_as(path) {
            Ok(()) => self.after_save(),
            Err(error) => {
                self.pending_after_save = None;
                self.show_error("Could not save", error.to_string());
            }
        }
    }

    pub(super) fn after_save(&mut self) {
        if let Some(path) = self.session.path().map(Path::to_owned) {
            self.settings.remember(&path);
            self.remember_queue_position();
            self.set_status(format!("Saved {}.", path.display()));
        }
        if let Some(folder) = &self.data_folder {
            recovery::discard(&recovery::recovery_path(&folder.join("untitled.ron")));
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
