//! The eframe application: a [`Session`] plus what the analyst is looking
//! at, the command queue, dialogs and modals. Panels live in [`crate::ui`];
//! they read state and emit [`Command`]s, which [`ClaimmarkApp::execute`]
//! carries out in one place.

mod claims_io;
pub mod commands;
pub mod compare;
pub mod dialogs;
mod execute;
pub mod jobs;
mod modals;
mod reviewing;
pub mod settings;
pub mod values;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Ui, ViewportCommand};

use crate::ui;
use claimmark_core::model::{CharRange, ClaimId, DocId, Document, SpanId};
use claimmark_core::session::Session;
use claimmark_core::storage::recovery;
pub use commands::Command;
use dialogs::{DialogOutcome, DialogRequest, FileDialogs};
pub use modals::Modal;

/// How the app starts and where it keeps things.
pub struct AppOptions {
    /// A project to open at start.
    pub project: Option<PathBuf>,
    /// Where settings (recent projects) are kept; `None` keeps them in
    /// memory only.
    pub settings_path: Option<PathBuf>,
    /// Where recovery copies of untitled projects go; `None` writes none.
    pub data_folder: Option<PathBuf>,
    pub dialogs: Box<dyn FileDialogs>,
}

impl AppOptions {
    /// Options for tests: nothing is read from or written to the user's
    /// folders, and dialogs answer from a script.
    pub fn for_tests(project: Option<PathBuf>, answers: Vec<DialogOutcome>) -> Self {
        Self {
            project,
            settings_path: None,
            data_folder: None,
            dialogs: Box::new(dialogs::ScriptedDialogs::new(answers)),
        }
    }
}

/// What the analyst is looking at and has selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub document: Option<DocId>,
    /// Text selected in the article, not yet a span.
    pub selection: Option<CharRange>,
    pub span: Option<SpanId>,
    pub claim: Option<ClaimId>,
    /// Scroll the article to this range on the next frame.
    pub scroll_to: Option<CharRange>,
    /// A keyboard picker waiting for a digit.
    pub picker: Option<Picker>,
}

/// Two-key commands: C then a digit picks a claim type, R then a digit a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picker {
    ClaimType,
    Role,
}

/// The find bar.
#[derive(Debug, Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub all_documents: bool,
    pub matches: Vec<(DocId, CharRange)>,
    pub current: Option<usize>,
    /// (query, all documents, project revision, document) the matches are for.
    computed_for: Option<(String, bool, u64, Option<DocId>)>,
    pub focus_requested: bool,
}

/// Whether commands that replace the project ask about unsaved changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnsavedQuestion {
    Ask,
    /// The user chose "Don't save": the next command goes ahead.
    SkipOnce,
    /// The user agreed to quit: close requests go through.
    Closing,
}

/// The claims list's filter: a status and a claim type, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimsFilter {
    pub status: Option<claimmark_core::model::ReviewStatus>,
    pub claim_type: Option<claimmark_core::model::Name>,
}

/// A line in the status bar.
#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
    pub at: Instant,
}

pub struct ClaimmarkApp {
    pub session: Session,
    pub view: View,
    pub article: ui::article::ArticleView,
    pub find: FindState,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    pub schema_editor: ui::schema_editor::SchemaEditor,
    pub buffers: ui::text_buffers::TextBuffers,
    /// Which claims the claims list shows.
    pub claims_filter: ClaimsFilter,
    /// The value editor's fields for the selected span.
    pub value_draft: ui::value_editor::ValueDraft,
    /// The entities window.
    pub entities_window: ui::entities::EntitiesWindow,
    /// Work under way in the background, if any.
    pub job: Option<jobs::Job>,
    /// Another annotation of the documents, compared with ours.
    pub compare: Option<compare::CompareState>,
    /// Proposals waiting in the whole project, and the revision counted at.
    pending_in_project: (u64, usize),
    pub settings: settings::Settings,
    settings_path: Option<PathBuf>,
    data_folder: Option<PathBuf>,
    dialogs: Box<dyn FileDialogs>,
    queue: Vec<Command>,
    /// What to do once a save asked for by "Save changes?" succeeds.
    pending_after_save: Option<Command>,
    unsaved_question: UnsavedQuestion,
    last_recovery_write: Instant,
    /// A text field had the keyboard at the end of the last frame.
    was_typing: bool,
    /// The egui context has been set up (first frame).
    configured: bool,
    window_title: String,
}

impl ClaimmarkApp {
    pub fn new(options: AppOptions) -> Self {
        let settings = options
            .settings_path
            .as_deref()
            .map(settings::load)
            .unwrap_or_default();
        let mut app = Self {
            session: Session::untitled(),
            view: View::default(),
            article: ui::article::ArticleView::default(),
            find: FindState::default(),
            modal: None,
            status: None,
            schema_editor: ui::schema_editor::SchemaEditor::default(),
            buffers: ui::text_buffers::TextBuffers::default(),
            claims_filter: ClaimsFilter::default(),
            value_draft: ui::value_editor::ValueDraft::default(),
            entities_window: ui::entities::EntitiesWindow::default(),
            job: None,
            compare: None,
            pending_in_project: (u64::MAX, 0),
            settings,
            settings_path: options.settings_path,
            data_folder: options.data_folder,
            dialogs: options.dialogs,
            queue: Vec::new(),
            pending_after_save: None,
            unsaved_question: UnsavedQuestion::Ask,
            last_recovery_write: Instant::now(),
            was_typing: false,
            configured: false,
            window_title: String::new(),
        };
        match options.project {
            Some(path) => app.open_project_at(&path),
            None => app.offer_untitled_recovery(),
        }
        app
    }

    /// The document on screen.
    pub fn current_document(&self) -> Option<&Document> {
        self.view
            .document
            .as_ref()
            .and_then(|id| self.session.project().document(id))
    }

    /// Queues a command, as a button or key would.
    pub fn push(&mut self, command: Command) {
        self.queue.push(command);
    }

    pub(crate) fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
            at: Instant::now(),
        });
    }

    pub(crate) fn set_error_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
            at: Instant::now(),
        });
    }

    pub(crate) fn show_error(&mut self, title: impl Into<String>, text: impl Into<String>) {
        let title = title.into();
        let text = text.into();
        tracing::warn!("{title}: {text}");
        self.set_error_status(title.clone());
        self.modal = Some(Modal::Error { title, text });
    }

    fn open_dialog(&mut self, request: DialogRequest, ctx: &egui::Context) {
        if self.dialogs.is_open() {
            self.set_status("A file dialog is already open.");
            return;
        }
        self.dialogs.open(request, ctx.clone());
    }

    fn poll_dialogs(&mut self) {
        let Some((request, outcome)) = self.dialogs.poll() else {
            return;
        };
        match outcome {
            DialogOutcome::Picked(paths) => self.queue.push(match request {
                DialogRequest::OpenProject => match paths.into_iter().next() {
                    Some(path) => Command::OpenProjectAt(path),
                    None => return,
                },
                DialogRequest::SaveProjectAs { .. } => match paths.into_iter().next() {
                    Some(path) => Command::SaveProjectTo(path),
                    None => return,
                },
                DialogRequest::AddArticles => Command::AddArticlesFrom(paths),
                DialogRequest::CompareWith => match paths.into_iter().next() {
                    Some(path) => Command::CompareWith(path),
                    None => return,
                },
                DialogRequest::ImportClaims => match paths.into_iter().next() {
                    Some(path) => Command::ImportClaimsFrom(path),
                    None => return,
                },
                DialogRequest::ExportClaims { choice, .. } => match paths.into_iter().next() {
                    Some(path) => Command::ExportClaimsTo(path, choice),
                    None => return,
                },
                DialogRequest::ExportFixtures { choice } => match paths.into_iter().next() {
                    Some(path) => Command::ExportFixturesTo(path, choice),
                    None => return,
                },
            }),
            DialogOutcome::Cancelled => {
                if matches!(request, DialogRequest::SaveProjectAs { .. }) {
                    self.pending_after_save = None;
                }
            }
            DialogOutcome::Unavailable(reason) => {
                tracing::warn!("file dialog unavailable: {reason}");
                self.modal = Some(Modal::TypePath {
                    request,
                    reason,
                    text: String::new(),
                    problem: None,
                });
            }
        }
    }

    /// Keys: the command table's shortcuts, label digits, pickers, Escape.
    fn handle_keyboard(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.job.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let mut table = commands::menu_commands();
        // Check Ctrl+Shift+Z before Ctrl+Z: egui matches shortcuts loosely.
        table.sort_by_key(|entry| {
            std::cmp::Reverse(entry.shortcut.map_or(0, |s| modifier_count(s.modifiers)))
        });
        for entry in table {
            for shortcut in [entry.shortcut, entry.alternative].into_iter().flatten() {
                if typing && commands::is_typing_key(&shortcut) {
                    continue;
                }
                if self.view.picker.is_some() && commands::is_typing_key(&shortcut) {
                    continue;
                }
                if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                    self.queue.push(entry.command.clone());
                }
            }
        }
        if typing {
            return;
        }
        // Escape in a text field only leaves the field (egui drops the focus
        // before this runs, so look at the last frame).
        let left_text_field = std::mem::take(&mut self.was_typing);
        if ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Escape))
            && !left_text_field
            && self.view.picker.take().is_none()
        {
            if self.view.selection.is_some() || self.view.span.is_some() {
                self.view.selection = None;
                self.view.span = None;
            } else {
                self.find.open = false;
            }
        }
        for (digit, key) in DIGIT_KEYS {
            if !ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, key)) {
                continue;
            }
            if let Some(picker) = self.view.picker {
                self.pick(picker, digit);
            } else {
                let label = self
                    .session
                    .project()
                    .schema
                    .label_for_key(digit)
                    .map(|label| label.name.clone());
                match label {
                    Some(label) => self.queue.push(Command::ApplyLabel(label)),
                    None => self.set_status(format!("No label has key {digit}.")),
                }
            }
        }
    }

    /// A digit typed while a picker is open.
    fn pick(&mut self, picker: Picker, digit: char) {
        self.view.picker = None;
        let Some(index) = digit_index(digit) else {
            return;
        };
        match picker {
            Picker::ClaimType => {
                let claim_type = self
                    .session
                    .project()
                    .schema
                    .claim_types
                    .get(index)
                    .map(|t| t.name.clone());
                if let Some(claim_type) = claim_type {
                    self.queue.push(Command::NewClaim(claim_type));
                }
            }
            Picker::Role => {
                let role = self.selected_claim_roles().get(index).cloned();
                if let Some(role) = role {
                    self.queue.push(Command::FillRole(role));
                }
            }
        }
    }

    /// The role names of the selected claim's type, in schema order.
    pub fn selected_claim_roles(&self) -> Vec<claimmark_core::model::Name> {
        let Some(doc) = self.current_document() else {
            return Vec::new();
        };
        let Some(claim) = self.view.claim.and_then(|id| doc.claim(id)) else {
            return Vec::new();
        };
        self.session
            .project()
            .schema
            .claim_type(&claim.claim_type)
            .map(|ty| ty.roles.iter().map(|r| r.name.clone()).collect())
            .unwrap_or_default()
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        // A dropped project opens; dropped articles are added.
        if let [single] = dropped.as_slice()
            && single.extension().is_some_and(|ext| ext == "ron")
        {
            self.queue.push(Command::OpenProjectAt(single.clone()));
            return;
        }
        self.queue.push(Command::AddArticlesFrom(dropped));
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|input| input.viewport().close_requested()) {
            return;
        }
        if self.unsaved_question == UnsavedQuestion::Closing || !self.session.is_modified() {
            self.save_settings();
            return;
        }
        ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        self.modal = Some(Modal::UnsavedChanges {
            then: Box::new(Command::Quit),
        });
    }

    /// Keeps the view pointing at things that exist (after undo, removal…).
    fn fix_view(&mut self) {
        let project = self.session.project();
        let doc = self
            .view
            .document
            .as_ref()
            .and_then(|id| project.document(id))
            .or_else(|| project.documents.first());
        let Some(doc) = doc else {
            self.view = View::default();
            return;
        };
        if self.view.document.as_ref() != Some(&doc.id) {
            let keep_picker = self.view.picker;
            self.view = View {
                document: Some(doc.id.clone()),
                picker: keep_picker,
                ..View::default()
            };
        }
        if self.view.span.is_some_and(|id| doc.span(id).is_none()) {
            self.view.span = None;
        }
        if self.view.claim.is_some_and(|id| doc.claim(id).is_none()) {
            self.view.claim = None;
        }
        if self
            .view
            .selection
            .is_some_and(|range| !doc.text.contains_range(range))
        {
            self.view.selection = None;
        }
    }

    fn update_find(&mut self) {
        if !self.find.open {
            return;
        }
        let key = (
            self.find.query.clone(),
            self.find.all_documents,
            self.session.history().revision(),
            self.view.document.clone(),
        );
        if self.find.computed_for.as_ref() == Some(&key) {
            return;
        }
        let project = self.session.project();
        let mut matches = Vec::new();
        for doc in &project.documents {
            if !self.find.all_documents && Some(&doc.id) != self.view.document.as_ref() {
                continue;
            }
            for range in claimmark_core::model::find::find_all(&doc.text, &self.find.query) {
                matches.push((doc.id.clone(), range));
            }
        }
        self.find.current = None;
        self.find.matches = matches;
        self.find.computed_for = Some(key);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let mark = if self.session.is_modified() {
            " •"
        } else {
            ""
        };
        let title = format!("{}{mark} — claimmark", self.session.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// Proposals waiting for review in the whole project (counted once per
    /// change, not per frame).
    pub fn pending_in_project(&mut self) -> usize {
        let revision = self.session.history().revision();
        if self.pending_in_project.0 != revision {
            let count = self
                .session
                .project()
                .documents
                .iter()
                .map(|doc| claimmark_core::review::pending(doc).len())
                .sum();
            self.pending_in_project = (revision, count);
        }
        self.pending_in_project.1
    }

    /// The window title (with `•` while there are unsaved changes).
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    fn write_recovery_if_due(&mut self) {
        if !self.session.is_modified() {
            self.last_recovery_write = Instant::now();
            return;
        }
        if self.last_recovery_write.elapsed() < recovery::INTERVAL {
            return;
        }
        self.last_recovery_write = Instant::now();
        self.write_recovery_now();
    }

    /// Writes the recovery copy now (also used by tests).
    pub fn write_recovery_now(&mut self) {
        let file = match (self.session.path(), &self.data_folder) {
            (Some(_), folder) => self
                .session
                .recovery_file(folder.as_deref().unwrap_or(std::path::Path::new("."))),
            (None, Some(folder)) => {
                if let Err(error) = std::fs::create_dir_all(folder) {
                    tracing::warn!("could not create {}: {error}", folder.display());
                    return;
                }
                self.session.recovery_file(folder)
            }
            (None, None) => return,
        };
        if let Err(error) = recovery::write(&file, self.session.project()) {
            self.set_error_status(format!("Could not write the recovery copy: {error}"));
        }
    }

    fn offer_untitled_recovery(&mut self) {
        let Some(folder) = &self.data_folder else {
            return;
        };
        if let Some(copy) = recovery::find(&folder.join("untitled.ron")) {
            self.modal = Some(Modal::Recovery {
                copy,
                project: None,
            });
        }
    }

    /// "Don't save": drop the changes' recovery copy and let the next
    /// command through without asking.
    pub(crate) fn discard_changes(&mut self) {
        self.unsaved_question = UnsavedQuestion::SkipOnce;
        if let Some(folder) = &self.data_folder {
            recovery::discard(&self.session.recovery_file(folder));
        } else if let Some(path) = self.session.path() {
            recovery::discard(&recovery::recovery_path(path));
        }
    }

    pub(crate) fn save_settings(&mut self) {
        if let Some(path) = &self.settings_path
            && let Err(error) = settings::save(path, &self.settings)
        {
            tracing::warn!("could not save settings to {}: {error}", path.display());
        }
    }

    /// Runs queued commands until none are left.
    fn run_queue(&mut self, ctx: &egui::Context) {
        let mut guard = 0;
        while !self.queue.is_empty() && guard < 100 {
            guard += 1;
            let commands = std::mem::take(&mut self.queue);
            for command in commands {
                self.execute(command, ctx);
            }
            self.fix_view();
            ctx.request_repaint();
        }
    }

    /// One frame of the whole window (what `eframe::App::ui` runs; benchmarks
    /// call it on a headless context).
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.configured {
            // Quit goes through the command table (and its unsaved-changes
            // question), not egui's own shortcut.
            ctx.options_mut(|options| options.quit_shortcuts.clear());
            self.configured = true;
        }
        self.poll_dialogs();
        self.poll_job();
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.handle_keyboard(&ctx);
        self.run_queue(&ctx);
        self.fix_view();
        self.update_find();

        let mut out = Vec::new();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            ui::menu::menu_bar_ui(ui, self, &mut out);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status_bar::status_bar_ui(ui, self);
        });
        egui::Panel::left("documents")
            .default_size(250.0)
            .size_range(160.0..=480.0)
            .show(ui, |ui| {
                ui::documents::documents_ui(ui, self.session.project(), &self.view, &mut out);
            });
        egui::Panel::right("form")
            .default_size(360.0)
            .size_range(260.0..=640.0)
            .show(ui, |ui| {
                ui::form::form_ui(ui, self, &mut out);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            ui::central::central_ui(ui, self, &mut out);
        });
        self.schema_editor
            .window_ui(&ctx, self.session.project(), &mut out);
        self.entities_window.window_ui(
            &ctx,
            self.session.project(),
            self.session.history().revision(),
            &mut out,
        );
        ui::progress::job_progress_ui(&ctx, self.job.as_ref());
        ui::pickers::picker_ui(&ctx, self, &mut out);
        modals::modal_ui(&ctx, self, &mut out);
        self.queue.extend(out);
        self.run_queue(&ctx);
        self.update_title(&ctx);
        self.write_recovery_if_due();
        self.was_typing = ctx.egui_wants_keyboard_input();
        if self.session.is_modified() {
            // Wake up for the next recovery copy even if nothing happens.
            ctx.request_repaint_after(recovery::INTERVAL + Duration::from_millis(50));
        }
    }
}

impl eframe::App for ClaimmarkApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }
}

const DIGIT_KEYS: [(char, Key); 10] = [
    ('1', Key::Num1),
    ('2', Key::Num2),
    ('3', Key::Num3),
    ('4', Key::Num4),
    ('5', Key::Num5),
    ('6', Key::Num6),
    ('7', Key::Num7),
    ('8', Key::Num8),
    ('9', Key::Num9),
    ('0', Key::Num0),
];

/// Position of a digit in pickers: 1 is the first item, 0 the tenth.
pub fn digit_index(digit: char) -> Option<usize> {
    match digit {
        '1'..='9' => Some(digit as usize - '1' as usize),
        '0' => Some(9),
        _ => None,
    }
}

/// The digit shown for an item in a picker.
pub fn digit_for(index: usize) -> Option<char> {
    match index {
        0..=8 => char::from_digit(u32::try_from(index + 1).ok()?, 10),
        9 => Some('0'),
        _ => None,
    }
}

fn modifier_count(modifiers: egui::Modifiers) -> u8 {
    u8::from(modifiers.alt)
        + u8::from(modifiers.shift)
        + u8::from(modifiers.command || modifiers.ctrl)
}

/// Text on one line, cut to `max_chars` with an ellipsis.
pub fn short_text(text: &str, max_chars: usize) -> String {
    let flat = text.replace('\n', " ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let mut cut: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
