//! The annotation model: canonical text and char offsets, documents, spans,
//! claims, the schema and normalised values. It knows nothing of the GUI,
//! of files or of the claim format.

pub mod date;
pub mod document;
pub mod entity;
pub mod find;
pub mod notation;
pub mod problem;
pub mod project;
pub mod review;
pub mod schema;
pub mod text;
pub mod value;
pub mod words;

pub use date::{IsoDate, NotADate};
pub use document::{
    Argument, Claim, ClaimId, DocId, DocStatus, Document, ExternalClaim, ImplicitArgument,
    OrphanArgument, Span, SpanId,
};
pub use entity::{Entity, EntityId};
pub use problem::ModelProblem;
pub use project::Project;
pub use review::{Agent, AgentKind, Confidence, Provenance, ReviewStatus, SpanOrigin, Timestamp};
pub use schema::{ClaimTypeDef, LabelDef, Name, Rgb, RoleDef, Schema, ValueKind};
pub use text::{CanonicalText, CharOffset, CharRange};
pub use value::{SpanValue, Value, ValueSource};
