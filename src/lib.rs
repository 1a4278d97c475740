//! claimmark: a desktop workbench for tagging people, dates, counts and
//! events in news articles and tying them into claims.
//!
//! The crate is a library with a thin GUI and CLI on top:
//! - [`model`]: canonical text and char offsets, documents, spans, claims,
//!   schema. No GUI, no files.
//! - [`edit`]: the one `Edit` enum, applied in one place, returning its
//!   inverse; undo/redo history.
//! - [`storage`]: the RON project file, its versions, atomic saving,
//!   recovery copies, reading article files.
//! - [`normalize`]: reading dates, counts, durations and event words into
//!   values, and matching names to the project's entities.
//! - [`suggest`]: the built-in pre-annotator's proposals (spans with
//!   status `Proposed`), and tagging every occurrence of a span's text.
//! - [`review`]: proposals waiting for review, in text order, and the edits
//!   that accept, reject or correct them.
//! - [`claim_format`]: `claim/v1`, the JSON Lines format claims are
//!   exchanged in: export, import with re-anchoring, gold fixtures.
//! - [`session`]: a project with its path and history: what both the GUI
//!   and the CLI work on.
//! - [`app`] and [`ui`]: the eframe application (the only modules that use
//!   egui, eframe or rfd).
//! - [`score`]: scoring extractions against gold, agreement between
//!   analysts, comparing two annotations of a document.
//! - [`dataset`]: exports of reviewed annotations as claim/v1 fixtures,
//!   brat standoff or spaCy-style JSON Lines, with a manifest.
//! - [`cli`]: the command-line subcommands.
//!
//! docs/architecture.md has the one-screen map.

pub mod app;
pub mod claim_format;
pub mod cli;
pub mod dataset;
pub mod edit;
pub mod model;
pub mod normalize;
pub mod review;
pub mod score;
pub mod session;
pub mod storage;
pub mod suggest;
pub mod ui;
