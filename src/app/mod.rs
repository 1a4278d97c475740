//! The eframe application: a [`Session`] plus what the analyst is looking
//! at, the command queue, dialogs and modals. Panels live in [`crate::ui`];
//! they read state and emit [`Command`]s, which [`ClaimmarkApp::execute`]
//! carries out in one place.

mod annotating;
mod claims_io;
pub mod compare;
pub mod conflicts;
pub mod dialogs;
mod drafting;
mod execute;
mod extractor;
mod files;
mod frame;
mod interop;
pub mod jobs;
mod keyboard;
mod ledger;
mod navigate;
mod queue;
mod reviewing;
pub mod settings;
pub mod values;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use crate::view::{ClaimsFilter, FindState, Picker, Status, View};

use egui::{Ui, ViewportCommand};

pub use crate::command::Command;
use crate::command::{Action, CommandState, Commands, UiCommand};
use crate::ui;
pub use crate::view::Modal;
use claimmark_core::model::Document;
use claimmark_core::session::Session;
use claimmark_core::storage::recovery;
use dialogs::{DialogOutcome, DialogRequest, FileDialogs};

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

/// Whether commands that replace the project ask about unsaved changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnsavedQuestion {
    Ask,
    /// The user chose "Don't save": the next command goes ahead.
    SkipOnce,
    /// The user agreed to quit: close requests go through.
    Closing,
}

pub struct ClaimmarkApp {
    session: Session,
    view: View,
    article: ui::article::ArticleView,
    find: FindState,
    modal: Option<Modal>,
    status: Option<Status>,
    schema_editor: ui::schema_editor::SchemaEditor,
    buffers: ui::text_buffers::TextBuffers,
    /// Which claims the claims list shows.
    claims_filter: ClaimsFilter,
    /// The value editor's fields for the selected span.
    value_draft: ui::value_editor::ValueDraft,
    /// The entities window.
    entities_window: ui::entities::EntitiesWindow,
    /// The claims ledger window.
    ledger_window: ui::ledger::LedgerWindow,
    /// The ledger, while a window shows it.
    ledger: Option<crate::view::LedgerCache>,
    /// What changed since the ledger was read.
    ledger_changes: crate::view::LedgerChanges,
    /// Work under way in the background, if any.
    job: Option<jobs::Job>,
    /// Another annotation of the documents, compared with ours.
    compare: Option<crate::view::CompareState>,
    /// The merge conflicts list, while open.
    conflicts_view: Option<crate::view::ConflictsView>,
    /// The review queue: every proposal of the project, filtered and sorted.
    review_queue: crate::view::QueueState,
    /// The documents list's review figures, per revision.
    document_summaries: crate::view::DocumentSummaries,
    /// Proposals waiting in the whole project, and the revision counted at.
    pending_in_project: (u64, usize),
    settings: settings::Settings,
    settings_path: Option<PathBuf>,
    data_folder: Option<PathBuf>,
    dialogs: Box<dyn FileDialogs>,
    queue: Commands,
    /// What to do once a save asked for by "Save changes?" succeeds.
    pending_after_save: Option<Command>,
    unsaved_question: UnsavedQuestion,
    last_recovery_write: Instant,
    /// The recovery copy this window writes (and alone may remove).
    recovery_written: Option<PathBuf>,
    /// When the project file's metadata was last compared with the disk.
    last_disk_check: Instant,
    /// A change on disk the analyst chose to decide about later.
    ignored_disk_change: Option<claimmark_core::storage::disk::DiskChange>,
    /// The analyst has been asked for their name this run (once is enough).
    asked_for_analyst: bool,
    /// A text field had the keyboard at the end of the last frame.
    was_typing: bool,
    /// The egui context has been set up (first frame).
    configured: bool,
    window_title: String,
    /// The window's size in the last frame, kept in the settings on exit.
    window_size: Option<[u16; 2]>,
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
            ledger_window: ui::ledger::LedgerWindow::default(),
            ledger: None,
            ledger_changes: crate::view::LedgerChanges::default(),
            job: None,
            compare: None,
            conflicts_view: None,
            review_queue: crate::view::QueueState::default(),
            document_summaries: crate::view::DocumentSummaries::default(),
            pending_in_project: (u64::MAX, 0),
            settings,
            settings_path: options.settings_path,
            data_folder: options.data_folder,
            dialogs: options.dialogs,
            queue: Commands::default(),
            pending_after_save: None,
            unsaved_question: UnsavedQuestion::Ask,
            last_recovery_write: Instant::now(),
            recovery_written: None,
            last_disk_check: Instant::now(),
            ignored_disk_change: None,
            asked_for_analyst: false,
            was_typing: false,
            configured: false,
            window_title: String::new(),
            window_size: None,
        };
        match options.project {
            Some(path) => app.open_project_at(&path),
            None => app.offer_untitled_recovery(),
        }
        app
    }

    /// The project, its path and its history.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// What the analyst is looking at and has selected.
    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn find(&self) -> &FindState {
        &self.find
    }

    /// The modal question or message on screen, if any.
    /// The user's settings (recent projects, analyst name).
    pub fn settings(&self) -> &settings::Settings {
        &self.settings
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// Whether background work (suggesting, importing) is under way.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    pub fn claims_filter(&self) -> &ClaimsFilter {
        &self.claims_filter
    }

    /// The article's layout, for finding where a char is on screen.
    pub fn article(&self) -> &ui::article::ArticleView {
        &self.article
    }

    /// The last status bar message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The document on screen.
    pub fn current_document(&self) -> Option<&Document> {
        self.view
            .document
            .as_ref()
            .and_then(|id| self.session.project().document(id))
    }

    /// What decides which commands can run now.
    pub fn command_state(&self) -> CommandState {
        let history = self.session.history();
        CommandState {
            has_document: self.current_document().is_some(),
            has_span: self.view.span.is_some(),
            has_claim: self.view.claim.is_some(),
            has_proposal: self.current_proposal().is_some(),
            has_orphan: self.first_orphan().is_some(),
            can_undo: history.can_undo(),
            can_redo: history.can_redo(),
            comparing: self.compare.is_some(),
            has_conflicts: !self.session.project().conflicts.is_empty(),
            conflict_selected: self.conflicts_view.is_some()
                && !self.session.project().conflicts.is_empty(),
            busy: self.job.is_some(),
            queue_has_rows: self.review_queue.open && !self.review_queue.is_empty(),
        }
    }

    /// Queues a command, as a button or key would.
    pub fn push(&mut self, command: impl Into<Command>) {
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
        let folder = self.start_folder(&request);
        self.dialogs.open(request, &folder, ctx.clone());
    }

    /// Where a file dialog (or the typed path) starts: the folder last used
    /// for this kind of file, else the project's folder, else the current one.
    pub(crate) fn start_folder(&self, request: &DialogRequest) -> PathBuf {
        self.settings
            .last_folders
            .get(request.kind())
            .filter(|folder| folder.is_dir())
            .cloned()
            .or_else(|| {
                self.session
                    .path()
                    .and_then(Path::parent)
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(Path::to_path_buf)
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Remembers the folder of a path the analyst chose, per kind of file.
    pub(crate) fn remember_folder(&mut self, kind: &str, path: &Path) {
        let folder = if kind == "fixtures" || path.is_dir() {
            Some(path)
        } else {
            path.parent()
        };
        let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty()) else {
            return;
        };
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        if self.settings.last_folders.get(kind) != Some(&folder) {
            self.settings.last_folders.insert(kind.to_owned(), folder);
            self.save_settings();
        }
    }

    fn poll_dialogs(&mut self) {
        let Some((request, outcome)) = self.dialogs.poll() else {
            return;
        };
        match outcome {
            DialogOutcome::Picked(paths) => self.queue.push(match request {
                DialogRequest::OpenProject => match paths.into_iter().next() {
                    Some(path) => Action::OpenProjectAt(path),
                    None => return,
                },
                DialogRequest::SaveProjectAs { .. } => match paths.into_iter().next() {
                    Some(path) => Action::SaveProjectTo(path),
                    None => return,
                },
                DialogRequest::AddArticles => Action::AddArticlesFrom(paths),
                DialogRequest::CompareWith => match paths.into_iter().next() {
                    Some(path) => Action::CompareWith(path),
                    None => return,
                },
                DialogRequest::ImportAnnotations => Action::PreviewImport(paths),
                DialogRequest::ImportClaims => match paths.into_iter().next() {
                    Some(path) => Action::ImportClaimsFrom(path),
                    None => return,
                },
                DialogRequest::ExportClaims { choice, .. } => match paths.into_iter().next() {
                    Some(path) => Action::ExportClaimsTo(path, choice),
                    None => return,
                },
                DialogRequest::ExportFixtures { choice } => match paths.into_iter().next() {
                    Some(path) => Action::ExportFixturesTo(path, choice),
                    None => return,
                },
                DialogRequest::ExportDataset { format } => match paths.into_iter().next() {
                    Some(path) => Action::ExportDatasetTo(path, format),
                    None => return,
                },
                DialogRequest::ExportLedger { format, .. } => match paths.into_iter().next() {
                    Some(path) => Action::ExportLedgerTo(path, format),
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
                let mut text = self.start_folder(&request).display().to_string();
                if !text.ends_with(std::path::MAIN_SEPARATOR) {
                    text.push(std::path::MAIN_SEPARATOR);
                }
                self.modal = Some(Modal::TypePath {
                    request,
                    reason,
                    text,
                    problem: None,
                    candidates: Vec::new(),
                });
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
            self.queue.push(Action::OpenProjectAt(single.clone()));
            return;
        }
        self.queue.push(Action::AddArticlesFrom(dropped));
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
            then: Box::new(UiCommand::Quit.into()),
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
            let (picker, panel) = (self.view.picker, self.view.panel);
            self.view = View {
                document: Some(doc.id.clone()),
                picker,
                panel,
                ..View::default()
            };
        }
        if self.view.span.is_some_and(|id| doc.span(id).is_none()) {
            self.view.span = None;
        }
        let revision = self.session.history().revision();
        if self
            .view
            .draft
            .as_ref()
            .is_some_and(|d| d.revision != revision)
        {
            self.view.draft = None;
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
            for range in claimmark_core::model::find_all(&doc.text, &self.find.query) {
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

    /// Compares the project file's metadata with the disk every couple of
    /// seconds, so a change made elsewhere is said before more editing.
    fn check_disk_if_due(&mut self, ctx: &egui::Context) {
        const EVERY: Duration = Duration::from_secs(2);
        if self.session.path().is_some() {
            ctx.request_repaint_after(EVERY);
        }
        if self.last_disk_check.elapsed() < EVERY || self.modal.is_some() {
            return;
        }
        self.check_disk_now();
    }

    /// Looks at the project file on disk now (also used by tests).
    pub fn check_disk_now(&mut self) {
        self.last_disk_check = Instant::now();
        if self.modal.is_some() {
            return;
        }
        if let Some(change) = self.session.disk_change()
            && self.ignored_disk_change.as_ref() != Some(&change)
        {
            self.modal = Some(Modal::ChangedOnDisk {
                change: change.to_string(),
                save_refused: false,
            });
        }
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
        let file = if let Some(file) = &self.recovery_written {
            file.clone()
        } else {
            let project_path = match (self.session.path(), &self.data_folder) {
                (Some(path), _) => path.to_owned(),
                (None, Some(folder)) => {
                    if let Err(error) = std::fs::create_dir_all(folder) {
                        tracing::warn!("could not create {}: {error}", folder.display());
                        return;
                    }
                    folder.join("untitled.ron")
                }
                (None, None) => return,
            };
            // An earlier session's copy is never written over.
            let file = recovery::fresh_path(&project_path, std::time::SystemTime::now());
            self.recovery_written = Some(file.clone());
            file
        };
        if let Err(error) = recovery::write(&file, self.session.project()) {
            self.set_error_status(format!("Could not write the recovery copy: {error}"));
        }
    }

    fn offer_untitled_recovery(&mut self) {
        let Some(folder) = &self.data_folder else {
            return;
        };
        let copies = recovery::find_all(&folder.join("untitled.ron"));
        if !copies.is_empty() {
            self.modal = Some(Modal::Recovery {
                copies,
                project: None,
            });
        }
    }

    /// "Don't save": drop the changes' recovery copy and let the next
    /// command through without asking.
    pub(crate) fn discard_changes(&mut self) {
        self.unsaved_question = UnsavedQuestion::SkipOnce;
        if let Some(written) = self.recovery_written.take() {
            recovery::discard(&written);
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
            let commands = self.queue.take();
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
            apply_theme(&ctx, self.settings.dark_mode);
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

        let out = self.panels_ui(ui, &ctx);
        // The article carried out the keyboard scroll this frame.
        self.view.scroll_by = None;
        self.queue.extend(out);
        self.run_queue(&ctx);
        self.update_title(&ctx);
        self.write_recovery_if_due();
        self.check_disk_if_due(&ctx);
        self.was_typing = ctx.text_edit_focused();
        self.remember_window(&ctx);
        if self.session.is_modified() {
            // Wake up for the next recovery copy even if nothing happens.
            ctx.request_repaint_after(recovery::INTERVAL + Duration::from_millis(50));
        }
    }
}

impl ClaimmarkApp {
    /// The theme chosen in the View menu, and the window's size, are kept
    /// in the settings, so the next run starts as this one ends.
    fn remember_window(&mut self, ctx: &egui::Context) {
        let chosen = match ctx.options(|o| o.theme_preference) {
            egui::ThemePreference::System => None,
            egui::ThemePreference::Dark => Some(true),
            egui::ThemePreference::Light => Some(false),
        };
        if chosen != self.settings.dark_mode {
            self.settings.dark_mode = chosen;
            self.save_settings();
        }
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            // Rounded points, clamped to what a u16 holds.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let points = |x: f32| x.round().clamp(0.0, f32::from(u16::MAX)) as u16;
            self.window_size = Some([points(rect.width()), points(rect.height())]);
        }
    }
}

/// Dark or light as the settings say; `None` follows the system.
pub(crate) fn apply_theme(ctx: &egui::Context, dark_mode: Option<bool>) {
    ctx.set_theme(match dark_mode {
        None => egui::ThemePreference::System,
        Some(true) => egui::ThemePreference::Dark,
        Some(false) => egui::ThemePreference::Light,
    });
}

impl eframe::App for ClaimmarkApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if self.window_size.is_some() {
            self.settings.window_size = self.window_size;
        }
        self.remember_queue_position();
        self.save_settings();
    }
}
