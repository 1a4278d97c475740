//! The annotation model: canonical text and char offsets, documents, spans,
//! claims, the schema and normalised values. It knows nothing of the GUI,
//! of files or of the claim format.
//!
//! Its types are re-exported here (`model::Span`, `model::parse_day`, …);
//! the files they live in are private. [`words`] (snapping a selection to
//! words) and [`notation`] (the bracket notation tests and the CLI write
//! small annotated articles in) stay namespaces of their own.

pub(crate) mod conflict;
pub(crate) mod date;
pub(crate) mod document;
pub(crate) mod entity;
pub(crate) mod find;
pub mod notation;
pub(crate) mod problem;
pub(crate) mod project;
pub(crate) mod review;
pub(crate) mod schema;
pub mod sentences;
pub(crate) mod text;
pub(crate) mod value;
pub mod words;

pub use conflict::{Conflict, ConflictItem, DocumentInfo, Side};
pub use date::{IsoDate, NotADate, format_day, parse_day};
pub use document::{
    Argument, Claim, ClaimId, DocId, DocStatus, Document, ExternalClaim, ImplicitArgument,
    OrphanArgument, Span, SpanId,
};
pub use entity::{Entity, EntityId};
pub use find::find_all;
pub use problem::ModelProblem;
pub use project::{ExtractorConfig, Project, document_problems};
pub use review::{Agent, AgentKind, Confidence, Provenance, ReviewStatus, SpanOrigin, Timestamp};
pub use schema::{
    ClaimTypeDef, LABEL_KEYS, LabelDef, Name, NameError, Rgb, RoleDef, Schema, TRIGGER_ROLE,
    ValueKind, default_key_roles,
};
pub use text::{CanonicalText, CharOffset, CharRange, TextError, canonicalize, hex};
pub use value::{
    Anchoring, CountModifier, CountValue, DateModifier, DateValue, Granularity, SpanValue, Value,
    ValueSource, word_list,
};
