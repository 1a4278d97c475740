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
        copy: RecoveryCopy,
        project: Option<PathBuf>,
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
        text: String,
        problem: Option<String>,
    },
    Shortcuts,
    /// Confirm a bulk decision over the queue's rows.
    BulkDecision {
        status: ReviewStatus,
        claims: usize,
        spans: usize,
        documents: usize,
    },
    /// The analyst's name, being edited.
    Preferences {
        analyst: String,
    },
    /// What happened (an import's report): information, not an error.
    Report {
        title: String,
        text: String,
    },
    /// What to export: statuses (proposed, accepted, corrected, rejected),
    /// span lines instead of claims, gold fixtures instead of one file.
    Export {
        statuses: [bool; 4],
        spans: bool,
        fixtures: bool,
    },
}
