//! `claim/v1`: the JSON Lines format claimmark exchanges claims in with
//! machine extractors and scoring scripts (docs/claim-format.md describes it,
//! assets/claim-v1.schema.json checks one line).
//!
//! - [`line`]: one line parsed into model types, either checked against
//!   every rule ([`line::parse_line`], for import and `validate`) or read
//!   for what it says ([`line::parse_content`], for `score`); span lines
//!   ([`line::parse_span_line`]); a whole file of either through
//!   [`line::read_lines`].
//! - [`anchor`]: re-attaching an anchor to a document's text that may have
//!   changed since the extractor saw it.
//! - [`export`]: a project as claim lines, span lines or gold fixtures.
//! - [`import`]: a claims file read (in the background, with progress) into
//!   a [`import::Prepared`] set, then turned into one undoable
//!   [`crate::edit::Edit`] and an [`import::ImportReport`].
//! - [`fixtures`]: a fixtures folder read back (its files by document, its
//!   manifest checked).
//! - [`reader`]: line reading with bounded memory ([`reader::TextLines`]:
//!   the lines that are not blank, as text, or why one is unreadable).
//!
//! The serde types of the format (`wire`) are private: everything outside
//! this module works with model types. Nothing here knows the GUI.

pub mod anchor;
mod convert;
pub mod export;
pub mod fixtures;
pub mod import;
pub mod line;
mod reader;
pub mod runs;
mod wire;

/// The `schema` value of every line.
pub const SCHEMA: &str = "claim/v1";

/// The `schema` value of span lines (`claimmark export --spans`).
pub const SPAN_SCHEMA: &str = "claimmark-span/v1";

/// Chars of context an exported anchor carries on each side.
pub const CONTEXT_CHARS: usize = 32;

/// Lines longer than this (in bytes) are refused without being read whole.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// The key under `ext` that claimmark owns.
pub(crate) const CLAIMMARK_EXT: &str = "claimmark";
