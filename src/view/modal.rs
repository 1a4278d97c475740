//! The modal question or message on screen, with what its fields hold.

use std::path::PathBuf;

use claimmark_core::model::{ClaimId, ReviewStatus, SpanId};
use claimmark_core::storage::recovery::RecoveryCopy;

use crate::command::{Command, DialogRequest};

#[derive(Debug, Clone)]
pub enum Modal {
    /// Save, discard or cancel before `then` runs.
    UnsavedChanges {
        then: Box<Command>,
    },
    Error {
        title: String,
        text: String,
    },
    /// A recovery copy of `project` (or of the untitled project) exists.
    Recovery {
        copies: Vec<RecoveryCopy>,
        project: Option<PathBuf>,
    },
    /// The project file changed on disk since it was read or saved (what
    /// changed, said in words); also shown when a save refused for that.
    ChangedOnDisk {
        change: String,
        save_refused: bool,
    },
    /// The span to delete is used by these claims.
    SpanInUse {
        span: SpanId,
        claims: Vec<ClaimId>,
    },
    /// No file dialog could open: type the path instead.
    TypePath {
        request: DialogRequest,
        reason: String,
        /// Starts as the folder to look in; Tab completes it.
        text: String,
        problem: Option<String>,
        /// What the last Tab left to choose between.
        candidates: Vec<String>,
    },
    Shortcuts,
    /// Confirm a bulk decision over the queue's rows.
    BulkDecision {
        status: ReviewStatus,
        claims: usize,
        spans: usize,
        documents: usize,
    },
    /// The analyst's preferences, being edited.
    Preferences(Preferences),
    /// The project names an extractor command that has not been allowed
    /// for this project file: show it exactly before it runs.
    ConfirmExtractor {
        config: claimmark_core::model::ExtractorConfig,
        docs: Vec<claimmark_core::model::DocId>,
    },
    /// Each extractor's kept share by confidence bucket, as computed when
    /// it opened; `selected` indexes `found`.
    Calibration {
        found: Vec<claimmark_core::review::calibration::Calibration>,
        selected: usize,
    },
    /// What happened (an import's report): information, not an error.
    Report {
        title: String,
        text: String,
    },
    /// What importing other tools' files would do, with its mapping.
    ImportPreview(Box<ImportPreview>),
    /// What to export: statuses (proposed, accepted, corrected, rejected),
    /// span lines instead of claims, gold fixtures instead of one file.
    Export {
        statuses: [bool; 4],
        spans: bool,
        fixtures: bool,
    },
    /// The command palette: what is typed, and the row the keyboard is on.
    Palette {
        query: String,
        selected: usize,
    },
    /// Which format to write the reviewed annotations in.
    ExportDataset {
        format: claimmark_core::dataset::Format,
    },
    /// The fixtures folder already holds files: replace them?
    ReplaceFixtures {
        dir: PathBuf,
        choice: crate::command::ExportChoice,
    },
}

/// What the Preferences dialog edits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preferences {
    pub analyst: String,
    /// The analyst's own extractor command, as typed.
    pub extractor: String,
    /// `None`: follow the system.
    pub dark_mode: Option<bool>,
    /// Why the extractor command as typed cannot be read.
    pub problem: Option<String>,
}

/// Other tools' files read, not yet imported: the window shows the format,
/// what would come in and the names the schema lacks, with a field each to
/// map it, before anything changes.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub paths: Vec<std::path::PathBuf>,
    pub format: claimmark_core::interop::Format,
    pub docs: Vec<claimmark_core::interop::ForeignDocument>,
    pub refused: Vec<claimmark_core::interop::Refusal>,
    /// The options the report was made with.
    pub options: claimmark_core::interop::Options,
    pub report: claimmark_core::interop::Report,
    /// The mapping being typed: (name in the files, schema name).
    pub map: Vec<(String, String)>,
    pub add_to_schema: bool,
}
