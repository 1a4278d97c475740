//! One frame's panels: each reads the state and pushes commands, which
//! run after it (see `ClaimmarkApp::frame_ui`).

use egui::Ui;

use super::ClaimmarkApp;
use crate::command::Commands;
use crate::ui;
use crate::view::{KeyboardPanel, View};

impl ClaimmarkApp {
    /// What panels show that is computed from the project: the comparison
    /// of the open document and the review queue's rows.
    fn refresh_before_panels(&mut self) {
        let revision = self.session.history().revision();
        if let (Some(compare), Some(doc)) = (
            &mut self.compare,
            self.view
                .document
                .as_ref()
                .and_then(|id| self.session.project().document(id)),
        ) {
            compare.refresh(self.session.project(), doc, revision);
        }
        self.refresh_review_queue();
        self.refresh_ledger();
        self.document_summaries
            .refresh(self.session.project(), revision);
    }

    /// Draws every panel from the state, read-only; the commands they emit
    /// run after. Panels edit only their own buffers (text fields, the
    /// article's layout, a modal's fields).
    pub(super) fn panels_ui(&mut self, ui: &mut Ui, ctx: &egui::Context) -> Commands {
        let mut out = Commands::default();
        let pending_in_project = self.pending_in_project();
        let current_proposal = self.current_proposal();
        let state = self.command_state();
        self.refresh_before_panels();
        let revision = self.session.history().revision();
        let scroll_to = self.view.scroll_to.take();
        let roles = self.role_items();
        let scroll_queue = std::mem::take(&mut self.review_queue.scroll_to_selected);
        let focus_widget = std::mem::take(&mut self.view.focus_panel_widget);
        let Self {
            session,
            view,
            article,
            find,
            modal,
            status,
            schema_editor,
            buffers,
            claims_filter,
            value_draft,
            entities_window,
            ledger_window,
            ledger,
            job,
            compare,
            conflicts_view,
            settings,
            review_queue,
            document_summaries,
            ..
        } = self;
        let project = session.project();
        let history = session.history();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let input = ui::menu::MenuInput {
                state,
                undo: history.undo_description(),
                redo: history.redo_description(),
                recent: &settings.recent_projects,
                document: view.document.as_ref().and_then(|id| project.document(id)),
                schema: &project.schema,
            };
            ui::menu::menu_bar_ui(ui, &input, &mut out);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status_bar::status_bar_ui(ui, session, status.as_ref());
        });
        egui::Panel::left("documents")
            .default_size(250.0)
            .size_range(160.0..=480.0)
            .show(ui, |ui| {
                ui::documents::documents_ui(ui, project, view, document_summaries, &mut out);
            });
        form_panel(
            ui,
            project,
            view,
            claims_filter,
            (buffers, value_draft),
            focus_widget,
            &mut out,
        );
        if review_queue.open {
            queue_panel(
                ui,
                project,
                review_queue,
                view,
                (scroll_queue, focus_widget),
                &mut out,
            );
        }
        egui::CentralPanel::default().show(ui, |ui| {
            keyboard_panel(ui, view, KeyboardPanel::Article, false);
            let input = ui::central::CentralInput {
                project,
                revision,
                view,
                find,
                compare: compare.as_ref(),
                conflicts: *conflicts_view,
                current_proposal,
                pending_in_project,
                scroll_to,
            };
            ui::central::central_ui(ui, &input, article, buffers, &mut out);
        });
        find.focus_requested = false;
        schema_editor.window_ui(ctx, project, &mut out);
        entities_window.window_ui(ctx, project, revision, ledger.as_ref(), &mut out);
        ledger_window.window_ui(ctx, project, ledger.as_ref(), &mut out);
        ui::progress::job_progress_ui(
            ctx,
            job.as_ref().map(|job| (job.title.as_str(), job.progress())),
            &mut out,
        );
        ui::pickers::picker_ui(ctx, view.picker, roles, view.selection.is_some(), &mut out);
        modal_window(ctx, modal, session, state, &mut out);
        out
    }
}

/// The review queue, docked above the status bar.
fn queue_panel(
    ui: &mut Ui,
    project: &claimmark_core::Project,
    queue: &crate::view::QueueState,
    view: &crate::view::View,
    (scroll_to_selected, focus_widget): (bool, bool),
    out: &mut Commands,
) {
    egui::Panel::bottom("review_queue")
        .resizable(true)
        .default_size(260.0)
        .size_range(140.0..=640.0)
        .show(ui, |ui| {
            keyboard_panel(ui, view, KeyboardPanel::Queue, focus_widget);
            let input = ui::queue::QueueInput {
                project,
                queue,
                view,
                scroll_to_selected,
            };
            ui::queue::queue_ui(ui, &input, out);
        });
}

/// Outlines the panel the keyboard is in (once Tab has moved it) and, just
/// after Tab, hands its first button the focus.
fn keyboard_panel(ui: &Ui, view: &View, panel: KeyboardPanel, focus_widget: bool) {
    if view.panel != Some(panel) {
        return;
    }
    let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
    ui.painter()
        .rect_stroke(ui.max_rect(), 2.0, stroke, egui::StrokeKind::Inside);
    if focus_widget {
        // Nothing has the focus now (Tab surrendered it): egui gives it to
        // the next widget that can take it, the panel's first.
        ui.memory_mut(|memory| memory.move_focus(egui::FocusDirection::Next));
    }
}

/// The form beside the article.
fn form_panel(
    ui: &mut Ui,
    project: &claimmark_core::Project,
    view: &View,
    claims_filter: &crate::view::ClaimsFilter,
    (buffers, value_draft): (
        &mut ui::text_buffers::TextBuffers,
        &mut ui::value_editor::ValueDraft,
    ),
    focus_widget: bool,
    out: &mut Commands,
) {
    egui::Panel::right("form")
        .default_size(360.0)
        .size_range(260.0..=640.0)
        .show(ui, |ui| {
            keyboard_panel(ui, view, KeyboardPanel::Form, focus_widget);
            let input = ui::form::FormInput {
                project,
                view,
                claims_filter,
            };
            ui::form::form_ui(ui, &input, buffers, value_draft, out);
        });
}

/// The open modal, if any; it stays open while its UI says so.
fn modal_window(
    ctx: &egui::Context,
    modal: &mut Option<super::Modal>,
    session: &claimmark_core::Session,
    state: crate::command::CommandState,
    out: &mut Commands,
) {
    if let Some(mut shown) = modal.take() {
        let input = ui::modals::ModalInput {
            project_name: &session.display_name(),
            project_path: session.path(),
            schema: &session.project().schema,
            state,
        };
        if ui::modals::modal_ui(ctx, &mut shown, &input, out) {
            *modal = Some(shown);
        }
    }
}
