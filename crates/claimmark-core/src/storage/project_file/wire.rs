//! The project file's wire types, kept apart from the model (so the model
//! can change without changing the file), and the conversions between the
//! two that both the writer and the checker use.

use serde::{Deserialize, Serialize};

use crate::model::document::DocStatus;
use crate::model::review::{Agent, AgentKind, ReviewStatus};
use crate::model::schema::ValueKind;
use crate::model::value::Value;

#[derive(Serialize, Deserialize)]
pub(super) struct ProjectFile {
    pub(super) format_version: u64,
    pub(super) schema: SchemaFile,
    #[serde(default)]
    pub(super) entities: Vec<EntityFile>,
    pub(super) documents: Vec<DocumentFile>,
    #[serde(default)]
    pub(super) extractor: Option<ExtractorFile>,
    #[serde(default)]
    pub(super) conflicts: Vec<ConflictFile>,
    #[serde(default)]
    pub(super) explanations: Vec<ExplanationFile>,
}

/// The analyst's note on a ledger problem, by the problem's key.
#[derive(Serialize, Deserialize)]
pub(super) struct ExplanationFile {
    pub(super) problem: String,
    pub(super) note: String,
}

/// A merge conflict: both versions, `None` where a side removed the item.
#[allow(clippy::large_enum_variant)] // few, read once
#[derive(Serialize, Deserialize)]
pub(super) enum ConflictFile {
    Span {
        doc: String,
        fields: Vec<String>,
        ours: Option<SpanFile>,
        theirs: Option<SpanFile>,
    },
    Claim {
        doc: String,
        fields: Vec<String>,
        ours: Option<ClaimFile>,
        theirs: Option<ClaimFile>,
    },
    Document {
        doc: String,
        fields: Vec<String>,
        ours: Option<DocumentInfoFile>,
        theirs: Option<DocumentInfoFile>,
    },
    DocumentText {
        doc: String,
        fields: Vec<String>,
        theirs: String,
    },
    Entity {
        fields: Vec<String>,
        ours: Option<EntityFile>,
        theirs: Option<EntityFile>,
    },
    Label {
        fields: Vec<String>,
        ours: Option<LabelFile>,
        theirs: Option<LabelFile>,
    },
    ClaimType {
        fields: Vec<String>,
        ours: Option<ClaimTypeFile>,
        theirs: Option<ClaimTypeFile>,
    },
    Extractor {
        fields: Vec<String>,
        ours: Option<ExtractorFile>,
        theirs: Option<ExtractorFile>,
    },
}

#[derive(Serialize, Deserialize)]
pub(super) struct DocumentInfoFile {
    pub(super) title: String,
    pub(super) source: String,
    pub(super) published: Option<String>,
    pub(super) status: StatusFile,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) note: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ExtractorFile {
    pub(super) command: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) timeout_seconds: Option<u32>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SchemaFile {
    pub(super) labels: Vec<LabelFile>,
    pub(super) claim_types: Vec<ClaimTypeFile>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct LabelFile {
    pub(super) name: String,
    pub(super) color: String,
    pub(super) key: Option<char>,
    pub(super) value_kind: ValueKindFile,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub(super) enum ValueKindFile {
    Person,
    Organization,
    Place,
    Date,
    Count,
    Event,
    Duration,
    Text,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ClaimTypeFile {
    pub(super) name: String,
    pub(super) roles: Vec<RoleFile>,
    /// `None` in files written before key roles: the default schema's.
    #[serde(default)]
    pub(super) key_roles: Option<Vec<String>>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RoleFile {
    pub(super) name: String,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) multiple: bool,
    #[serde(default)]
    pub(super) labels: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) part_of: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct DocumentFile {
    pub(super) id: String,
    #[serde(default)]
    pub(super) title: String,
    #[serde(default)]
    pub(super) source: String,
    #[serde(default)]
    pub(super) published: Option<String>,
    #[serde(default)]
    pub(super) status: StatusFile,
    /// Written only when there is one.
    #[serde(default)]
    pub(super) note: String,
    pub(super) text_sha256: String,
    /// The canonical text, one line per entry, each with its `\n`.
    pub(super) text: Vec<String>,
    #[serde(default)]
    pub(super) spans: Vec<SpanFile>,
    #[serde(default)]
    pub(super) claims: Vec<ClaimFile>,
}

#[derive(Clone, Copy, Default, Serialize, Deserialize)]
pub(super) enum StatusFile {
    #[default]
    Todo,
    InProgress,
    Done,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SpanFile {
    pub(super) id: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) label: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) status: ReviewFile,
    #[serde(default)]
    pub(super) origin: Option<OriginFile>,
    #[serde(default)]
    pub(super) value: Option<SpanValueFile>,
    #[serde(default)]
    pub(super) entity: Option<u32>,
}

#[derive(Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum ReviewFile {
    Proposed,
    #[default]
    Accepted,
    Corrected,
    Rejected,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub(super) enum AgentKindFile {
    Person,
    Software,
}

#[derive(Serialize, Deserialize)]
pub(super) struct AgentFile {
    pub(super) kind: AgentKindFile,
    pub(super) id: String,
    #[serde(default)]
    pub(super) version: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct OriginFile {
    pub(super) agent: AgentFile,
    #[serde(default)]
    pub(super) confidence: Option<f64>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub(super) enum ValueSourceFile {
    Hand,
    Normalizer,
    Imported,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SpanValueFile {
    pub(super) value: Value,
    pub(super) source: ValueSourceFile,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ProvenanceFile {
    pub(super) creator: AgentFile,
    pub(super) created: String,
    #[serde(default)]
    pub(super) reviewer: Option<AgentFile>,
    #[serde(default)]
    pub(super) reviewed: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) bulk_review: bool,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ImplicitFile {
    pub(super) role: String,
    pub(super) value: Value,
}

#[derive(Serialize, Deserialize)]
pub(super) struct OrphanFile {
    pub(super) role: String,
    pub(super) exact: String,
    pub(super) start: usize,
    pub(super) end: usize,
    #[serde(default)]
    pub(super) prefix: String,
    #[serde(default)]
    pub(super) suffix: String,
    #[serde(default)]
    pub(super) value: Option<Value>,
    pub(super) reason: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ExternalFile {
    pub(super) id: String,
    pub(super) original: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) run: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) resembles: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) absent_from: Option<u32>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ClaimFile {
    pub(super) id: u32,
    pub(super) claim_type: String,
    #[serde(default)]
    pub(super) args: Vec<ArgFile>,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) status: ReviewFile,
    #[serde(default)]
    pub(super) provenance: Option<ProvenanceFile>,
    #[serde(default)]
    pub(super) confidence: Option<f64>,
    #[serde(default)]
    pub(super) implicit: Vec<ImplicitFile>,
    #[serde(default)]
    pub(super) orphans: Vec<OrphanFile>,
    #[serde(default)]
    pub(super) external: Option<ExternalFile>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ArgFile {
    pub(super) role: String,
    pub(super) span: u32,
}

#[derive(Serialize, Deserialize)]
pub(super) struct EntityFile {
    pub(super) id: u32,
    pub(super) kind: ValueKindFile,
    pub(super) name: String,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}

pub(super) fn review_name(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Proposed => "Proposed",
        ReviewStatus::Accepted => "Accepted",
        ReviewStatus::Corrected => "Corrected",
        ReviewStatus::Rejected => "Rejected",
    }
}

pub(super) fn review_status(file: ReviewFile) -> ReviewStatus {
    match file {
        ReviewFile::Proposed => ReviewStatus::Proposed,
        ReviewFile::Accepted => ReviewStatus::Accepted,
        ReviewFile::Corrected => ReviewStatus::Corrected,
        ReviewFile::Rejected => ReviewStatus::Rejected,
    }
}

pub(super) fn agent_file(agent: &Agent) -> AgentFile {
    AgentFile {
        kind: match agent.kind {
            AgentKind::Person => AgentKindFile::Person,
            AgentKind::Software => AgentKindFile::Software,
        },
        id: agent.id.clone(),
        version: agent.version.clone(),
    }
}

pub(super) fn agent(file: AgentFile) -> Agent {
    Agent {
        kind: match file.kind {
            AgentKindFile::Person => AgentKind::Person,
            AgentKindFile::Software => AgentKind::Software,
        },
        id: file.id,
        version: file.version,
    }
}

pub(super) fn status_name(status: DocStatus) -> &'static str {
    match status {
        DocStatus::Todo => "Todo",
        DocStatus::InProgress => "InProgress",
        DocStatus::Done => "Done",
    }
}

pub(super) fn value_kind_file(kind: ValueKind) -> ValueKindFile {
    match kind {
        ValueKind::Person => ValueKindFile::Person,
        ValueKind::Organization => ValueKindFile::Organization,
        ValueKind::Place => ValueKindFile::Place,
        ValueKind::Date => ValueKindFile::Date,
        ValueKind::Count => ValueKindFile::Count,
        ValueKind::Event => ValueKindFile::Event,
        ValueKind::Duration => ValueKindFile::Duration,
        ValueKind::Text => ValueKindFile::Text,
    }
}

pub(super) fn value_kind(kind: ValueKindFile) -> ValueKind {
    match kind {
        ValueKindFile::Person => ValueKind::Person,
        ValueKindFile::Organization => ValueKind::Organization,
        ValueKindFile::Place => ValueKind::Place,
        ValueKindFile::Date => ValueKind::Date,
        ValueKindFile::Count => ValueKind::Count,
        ValueKindFile::Event => ValueKind::Event,
        ValueKindFile::Duration => ValueKind::Duration,
        ValueKindFile::Text => ValueKind::Text,
    }
}
