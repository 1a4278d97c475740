//! File dialogs. Every rfd call lives here, behind [`FileDialogs`], so tests
//! never open one ([`ScriptedDialogs`] answers instead).
//!
//! Dialogs run on their own thread so the window keeps drawing while one is
//! open. rfd returns nothing both when the user cancels and when no dialog
//! could be shown (no desktop portal, no zenity); a dialog that "closes"
//! faster than a person could cancel it is taken as one that could not open,
//! and the window then offers to type a path instead.

pub use crate::command::DialogRequest;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    Picked(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown; the text says why.
    Unavailable(String),
}

pub trait FileDialogs {
    /// Starts a dialog; its outcome comes from [`FileDialogs::poll`].
    /// Opens the dialog for `request`, starting in `folder`.
    fn open(&mut self, request: DialogRequest, folder: &Path, repaint: egui::Context);
    /// The outcome of a finished dialog, once.
    fn poll(&mut self) -> Option<(DialogRequest, DialogOutcome)>;
    /// Whether a dialog is open now.
    fn is_open(&self) -> bool;
}

/// Native dialogs through rfd, on a worker thread.
#[derive(Default)]
pub struct NativeDialogs {
    waiting: Option<(DialogRequest, mpsc::Receiver<DialogOutcome>)>,
}

/// Faster than any person can cancel a dialog.
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(150);

impl FileDialogs for NativeDialogs {
    fn open(&mut self, request: DialogRequest, folder: &Path, repaint: egui::Context) {
        let (sender, receiver) = mpsc::channel();
        let job = request.clone();
        let folder = folder.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("file dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let picked = run_native(&job, &folder);
                let outcome = match picked {
                    Some(paths) if !paths.is_empty() => DialogOutcome::Picked(paths),
                    _ if started.elapsed() < TOO_FAST_TO_BE_A_PERSON => {
                        DialogOutcome::Unavailable(unavailable_reason())
                    }
                    _ => DialogOutcome::Cancelled,
                };
                let _ = sender.send(outcome);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.waiting = Some((request, receiver)),
            Err(error) => {
                let (sender, receiver) = mpsc::channel();
                let _ = sender.send(DialogOutcome::Unavailable(format!(
                    "could not start the dialog: {error}"
                )));
                self.waiting = Some((request, receiver));
            }
        }
    }

    fn poll(&mut self) -> Option<(DialogRequest, DialogOutcome)> {
        let (_, receiver) = self.waiting.as_ref()?;
        let outcome = match receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                DialogOutcome::Unavailable("the dialog ended without an answer".into())
            }
        };
        let (request, _) = self.waiting.take()?;
        Some((request, outcome))
    }

    fn is_open(&self) -> bool {
        self.waiting.is_some()
    }
}

fn run_native(request: &DialogRequest, folder: &Path) -> Option<Vec<PathBuf>> {
    let dialog = rfd::FileDialog::new()
        .set_title(request.title())
        .set_directory(folder);
    match request {
        DialogRequest::OpenProject => dialog
            .add_filter("claimmark project", &["ron"])
            .pick_file()
            .map(|path| vec![path]),
        DialogRequest::SaveProjectAs { suggested_name } => dialog
            .add_filter("claimmark project", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
            .map(|path| vec![path]),
        DialogRequest::AddArticles => dialog
            .add_filter("Text articles", &["txt"])
            .add_filter("All files", &["*"])
            .pick_files(),
        DialogRequest::ImportAnnotations => dialog
            .add_filter(
                "brat, Label Studio, doccano, Prodigy, INCEpTION",
                DialogRequest::ImportAnnotations.extensions(),
            )
            .add_filter("All files", &["*"])
            .pick_files(),
        DialogRequest::ImportClaims => dialog
            .add_filter("claim/v1 claims", &["jsonl"])
            .add_filter("All files", &["*"])
            .pick_file()
            .map(|path| vec![path]),
        DialogRequest::ExportClaims { suggested_name, .. } => dialog
            .add_filter("claim/v1 claims", &["jsonl"])
            .set_file_name(suggested_name)
            .save_file()
            .map(|path| vec![path]),
        DialogRequest::ExportLedger {
            format,
            suggested_name,
        } => dialog
            .add_filter("claims ledger", &[format.extension()])
            .set_file_name(suggested_name)
            .save_file()
            .map(|path| vec![path]),
        DialogRequest::ExportFixtures { .. } | DialogRequest::ExportDataset { .. } => {
            dialog.pick_folder().map(|path| vec![path])
        }
        DialogRequest::CompareWith => dialog
            .add_filter("claimmark project or claims file", &["ron", "jsonl"])
            .pick_file()
            .map(|path| vec![path]),
    }
}

fn unavailable_reason() -> String {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        "there is no desktop session bus (D-Bus), so no desktop portal, and zenity is not installed"
            .into()
    } else {
        "no file dialog could be shown: no desktop portal answered and zenity is not installed"
            .into()
    }
}

/// Dialogs that answer from a script, for tests.
#[derive(Default)]
pub struct ScriptedDialogs {
    answers: VecDeque<DialogOutcome>,
    finished: Option<(DialogRequest, DialogOutcome)>,
    /// Every request made, in order.
    pub requests: Vec<DialogRequest>,
}

impl ScriptedDialogs {
    pub fn new(answers: impl IntoIterator<Item = DialogOutcome>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            ..Self::default()
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self, request: DialogRequest, _folder: &Path, _repaint: egui::Context) {
        self.requests.push(request.clone());
        let outcome = self
            .answers
            .pop_front()
            .unwrap_or(DialogOutcome::Unavailable(
                "the test script has no answer for this dialog".into(),
            ));
        self.finished = Some((request, outcome));
    }

    fn poll(&mut self) -> Option<(DialogRequest, DialogOutcome)> {
        self.finished.take()
    }

    fn is_open(&self) -> bool {
        false
    }
}
