//! Long work off the UI thread: suggestions over many documents, reading a
//! claims file. A job runs on a copy of what it needs, reports progress
//! through atomics (the window shows a progress bar and keeps drawing), and
//! hands back a result the UI thread turns into one undoable edit.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use claimmark_core::edit::Edit;

/// What a finished job hands back.
pub enum JobOutput {
    Suggestions(Result<Box<Edit>, claimmark_core::suggest::SuggestError>),
    /// A claims file read and anchored, to become one edit.
    Import(
        std::path::PathBuf,
        Result<
            Box<claimmark_core::claim_format::import::Prepared>,
            claimmark_core::claim_format::import::ImportError,
        >,
    ),
    /// An extractor's output read against the project, to become one
    /// edit; or why the run imported nothing.
    Extracted(
        Result<Box<claimmark_core::extract::PreparedRun>, claimmark_core::extract::ExtractError>,
    ),
    /// Other tools' files read and their import previewed, for the
    /// analyst to confirm.
    ImportPreview(Result<Box<crate::view::ImportPreview>, claimmark_core::interop::InteropError>),
    /// The job could not run at all.
    Failed(String),
}

/// A job under way.
pub struct Job {
    pub title: String,
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    receiver: mpsc::Receiver<JobOutput>,
}

/// Where a job reports progress from its thread.
#[derive(Clone)]
pub struct Progress {
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    repaint: egui::Context,
}

impl Progress {
    pub fn report(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
        self.repaint.request_repaint();
    }

    /// Set when the analyst cancels: long steps (an extractor) stop.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

impl Job {
    /// Starts `work` on its own thread.
    pub fn start(
        title: impl Into<String>,
        repaint: &egui::Context,
        work: impl FnOnce(&Progress) -> JobOutput + Send + 'static,
    ) -> Self {
        let done = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Progress {
            done: done.clone(),
            total: total.clone(),
            cancel: cancel.clone(),
            repaint: repaint.clone(),
        };
        let (sender, receiver) = mpsc::channel();
        let for_thread = sender.clone();
        let spawned = std::thread::Builder::new()
            .name("claimmark job".into())
            .spawn(move || {
                let output = work(&progress);
                let _ = for_thread.send(output);
                progress.repaint.request_repaint();
            });
        if let Err(error) = spawned {
            let _ = sender.send(JobOutput::Failed(format!(
                "could not start a worker thread: {error}"
            )));
        }
        Self {
            title: title.into(),
            done,
            total,
            cancel,
            receiver,
        }
    }

    /// Asks the work to stop; its output, if any comes, is dropped with
    /// the job.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// `(done, total)` so far.
    pub fn progress(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The output, once the job has finished.
    pub fn poll(&self) -> Option<JobOutput> {
        match self.receiver.try_recv() {
            Ok(output) => Some(output),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(JobOutput::Failed(
                "the worker stopped without an answer".into(),
            )),
        }
    }
}
