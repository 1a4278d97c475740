//! claimmark-core: everything below claimmark's window, with no GUI.
//!
//! The window and the command line are thin layers on this crate and call
//! the same functions, so the same action gives the same result from
//! either. It has no egui, eframe or rfd among its dependencies: the layer
//! rule is the compiler's to check.
//!
//! - [`model`]: canonical text and char offsets, documents, spans, claims,
//!   schema, values, review status, entities. No files, no GUI.
//! - [`edit`]: the one `Edit` enum, applied in one place, returning its
//!   inverse; undo/redo history.
//! - [`storage`]: the RON project file, its versions, atomic saving,
//!   recovery copies, reading article files.
//! - [`normalize`]: reading dates, counts, durations and event words into
//!   values, and matching names to the project's entities.
//! - [`annotate`]: the annotation rules: a new span's value and entity,
//!   and the edits for tagging, claims, roles, type changes, corrections
//!   and taking the other side's version.
//! - [`suggest`]: the built-in pre-annotator's proposals, and tagging every
//!   occurrence of a span's text.
//! - [`review`]: proposals waiting for review and the edits that accept,
//!   reject or correct them.
//! - [`claim_format`]: `claim/v1`, the JSON Lines format claims are
//!   exchanged in: export, import with re-anchoring, gold fixtures,
//!   extractor runs compared.
//! - [`extract`]: running an external extractor command on documents and
//!   importing what it prints.
//! - [`score`]: scoring extractions against gold, agreement between
//!   analysts, comparing two annotations of a document.
//! - [`dataset`]: exports of reviewed annotations (claim/v1 fixtures, brat
//!   standoff, spaCy-style JSON Lines) with a manifest.
//! - [`merge`]: three-way merges of projects (git's merge driver, saves
//!   over a file changed on disk), conflicts kept as data.
//! - [`session`]: a project with its path and history: what both the
//!   window and the CLI work on.
//!
//! The types nearly every caller uses (`Project`, `Document`, `Span`,
//! `Claim`, their ids, `Edit`, `Session`, …) are re-exported here; each
//! module's docs list what else it offers, and keeps its internals private.
//!
//! docs/architecture.md has the one-screen map.

pub mod annotate;
pub mod claim_format;
pub mod dataset;
pub mod edit;
pub mod extract;
pub mod interop;
pub mod ledger;
pub mod merge;
pub mod model;
pub mod normalize;
pub mod review;
pub mod score;
pub mod session;
pub mod storage;
pub mod suggest;
pub mod text_shown;

// What most callers need, at the root (the modules hold the rest; their
// internals — score's matching, the project file's wire types, the
// normaliser's grammar — are private).
pub use annotate::AnnotateError;
pub use edit::{Edit, EditError, History, SchemaEdit};
pub use model::{
    CharOffset, CharRange, Claim, ClaimId, DocId, Document, ModelProblem, Name, Project,
    ReviewStatus, Schema, Span, SpanId,
};
pub use session::Session;

/// The tool's name, as manifests and provenance record it (the crate's own
/// name is `claimmark-core`; the tool is claimmark).
pub const TOOL_NAME: &str = "claimmark";
/// The tool's version (the workspace's, shared by every crate).
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
