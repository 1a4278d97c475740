//! The RON project file: its wire types, kept apart from the model, the
//! deterministic writer and the checking reader.
//!
//! The layout puts one label, role, span or claim per line and the text one
//! line per line, in a fixed order, so an unchanged project saves
//! byte-identically and projects diff and merge cleanly in git.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::locate::{self, LineCol, Step};
use crate::model::date::{format_day, parse_day};
use crate::model::document::{
    Argument, Claim, ClaimId, DocId, DocStatus, Document, ExternalClaim, ImplicitArgument,
    OrphanArgument, Span, SpanId,
};
use crate::model::entity::{Entity, EntityId};
use crate::model::project::{claim_problems, span_problem};
use crate::model::review::{
    Agent, AgentKind, Confidence, Provenance, ReviewStatus, SpanOrigin, Timestamp,
};
use crate::model::schema::{ClaimTypeDef, LabelDef, Name, Rgb, RoleDef, Schema, ValueKind};
use crate::model::value::{SpanValue, Value, ValueSource};
use crate::model::{CanonicalText, CharRange, Project};

/// The version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
struct ProjectFile {
    format_version: u64,
    schema: SchemaFile,
    #[serde(default)]
    entities: Vec<EntityFile>,
    documents: Vec<DocumentFile>,
}

#[derive(Serialize, Deserialize)]
struct SchemaFile {
    labels: Vec<LabelFile>,
    claim_types: Vec<ClaimTypeFile>,
}

#[derive(Serialize, Deserialize)]
struct LabelFile {
    name: String,
    color: String,
    key: Option<char>,
    value_kind: ValueKindFile,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
enum ValueKindFile {
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
struct ClaimTypeFile {
    name: String,
    roles: Vec<RoleFile>,
}

#[derive(Serialize, Deserialize)]
struct RoleFile {
    name: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    multiple: bool,
    #[serde(default)]
    labels: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct DocumentFile {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    status: StatusFile,
    text_sha256: String,
    /// The canonical text, one line per entry, each with its `\n`.
    text: Vec<String>,
    #[serde(default)]
    spans: Vec<SpanFile>,
    #[serde(default)]
    claims: Vec<ClaimFile>,
}

#[derive(Clone, Copy, Default, Serialize, Deserialize)]
enum StatusFile {
    #[default]
    Todo,
    InProgress,
    Done,
}

#[derive(Serialize, Deserialize)]
struct SpanFile {
    id: u32,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    status: ReviewFile,
    #[serde(default)]
    origin: Option<OriginFile>,
    #[serde(default)]
    value: Option<SpanValueFile>,
    #[serde(default)]
    entity: Option<u32>,
}

#[derive(Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
enum ReviewFile {
    Proposed,
    #[default]
    Accepted,
    Corrected,
    Rejected,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
enum AgentKindFile {
    Person,
    Software,
}

#[derive(Serialize, Deserialize)]
struct AgentFile {
    kind: AgentKindFile,
    id: String,
    #[serde(default)]
    version: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct OriginFile {
    agent: AgentFile,
    #[serde(default)]
    confidence: Option<f64>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
enum ValueSourceFile {
    Hand,
    Normalizer,
    Imported,
}

#[derive(Serialize, Deserialize)]
struct SpanValueFile {
    value: Value,
    source: ValueSourceFile,
}

#[derive(Serialize, Deserialize)]
struct ProvenanceFile {
    creator: AgentFile,
    created: String,
    #[serde(default)]
    reviewer: Option<AgentFile>,
    #[serde(default)]
    reviewed: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ImplicitFile {
    role: String,
    value: Value,
}

#[derive(Serialize, Deserialize)]
struct OrphanFile {
    role: String,
    exact: String,
    start: usize,
    end: usize,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    value: Option<Value>,
    reason: String,
}

#[derive(Serialize, Deserialize)]
struct ExternalFile {
    id: String,
    original: String,
}

#[derive(Serialize, Deserialize)]
struct ClaimFile {
    id: u32,
    claim_type: String,
    #[serde(default)]
    args: Vec<ArgFile>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    status: ReviewFile,
    #[serde(default)]
    provenance: Option<ProvenanceFile>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    implicit: Vec<ImplicitFile>,
    #[serde(default)]
    orphans: Vec<OrphanFile>,
    #[serde(default)]
    external: Option<ExternalFile>,
}

#[derive(Serialize, Deserialize)]
struct ArgFile {
    role: String,
    span: u32,
}

#[derive(Serialize, Deserialize)]
struct EntityFile {
    id: u32,
    kind: ValueKindFile,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A problem in a project file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<LineCol>,
    pub message: String,
}

/// Why a project file's text is not a usable project.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProjectFileError {
    #[error("{at_line}:{at_col}: {message}", at_line = at.line, at_col = at.col)]
    Syntax { at: LineCol, message: String },
    #[error("this is not a claimmark project: it has no top-level `format_version`")]
    NotAProject,
    #[error(
        "{at_line}:{at_col}: the file has format_version {found}, from a newer claimmark; this build reads up to {FORMAT_VERSION}. Update claimmark to open it",
        at_line = at.line, at_col = at.col
    )]
    NewerVersion { found: u64, at: LineCol },
    #[error("{at_line}:{at_col}: format_version {found} is not a version claimmark ever wrote", at_line = at.line, at_col = at.col)]
    UnknownVersion { found: u64, at: LineCol },
    #[error("{}", problems_text(.0))]
    Invalid(Vec<Problem>),
}

fn problems_text(problems: &[Problem]) -> String {
    const SHOWN: usize = 10;
    let mut text = String::new();
    for problem in problems.iter().take(SHOWN) {
        if !text.is_empty() {
            text.push('\n');
        }
        if let Some(at) = problem.at {
            let _ = write!(text, "{}:{}: ", at.line, at.col);
        }
        text.push_str(&problem.message);
    }
    if problems.len() > SHOWN {
        let _ = write!(text, "\n… and {} more problems", problems.len() - SHOWN);
    }
    text
}

/// Writes a project in the canonical layout.
pub fn to_ron(project: &Project) -> String {
    let mut out = String::with_capacity(estimated_size(project));
    out.push_str(
        "// claimmark project. Offsets count Unicode code points in each document's text.\n(\n",
    );
    let _ = writeln!(out, "    format_version: {FORMAT_VERSION},");
    out.push_str("    schema: (\n        labels: [\n");
    for label in &project.schema.labels {
        line(&mut out, 12, &label_file(label));
    }
    out.push_str("        ],\n        claim_types: [\n");
    for claim_type in &project.schema.claim_types {
        out.push_str("            (\n");
        let _ = writeln!(
            out,
            "                name: {},",
            ron_string(claim_type.name.as_str())
        );
        out.push_str("                roles: [\n");
        for role in &claim_type.roles {
            line(&mut out, 20, &role_file(role));
        }
        out.push_str("                ],\n            ),\n");
    }
    out.push_str("        ],\n    ),\n");
    if project.entities.is_empty() {
        out.push_str("    entities: [],\n");
    } else {
        out.push_str("    entities: [\n");
        for entity in &project.entities {
            line(&mut out, 8, &entity_line(entity));
        }
        out.push_str("    ],\n");
    }
    out.push_str("    documents: [\n");
    for doc in &project.documents {
        write_document(&mut out, doc);
    }
    out.push_str("    ],\n)\n");
    out
}

fn estimated_size(project: &Project) -> usize {
    project
        .documents
        .iter()
        .map(|doc| doc.text.as_str().len() + 80 * (doc.spans().len() + doc.claims().len()))
        .sum::<usize>()
        + 8192
}

fn write_document(out: &mut String, doc: &Document) {
    out.push_str("        (\n");
    let field = |out: &mut String, name: &str, value: &str| {
        let _ = writeln!(out, "            {name}: {value},");
    };
    field(out, "id", &ron_string(doc.id.as_str()));
    field(out, "title", &ron_string(&doc.title));
    field(out, "source", &ron_string(&doc.source));
    let published = doc.published.map_or_else(
        || "None".to_owned(),
        |date| format!("Some({})", ron_string(&format_day(date))),
    );
    field(out, "published", &published);
    field(out, "status", status_name(doc.status));
    field(out, "text_sha256", &ron_string(&doc.text.sha256_hex()));
    out.push_str("            text: [\n");
    for text_line in doc.text.as_str().split_inclusive('\n') {
        line(out, 16, &ron_string(text_line));
    }
    out.push_str("            ],\n");
    if doc.spans().is_empty() {
        out.push_str("            spans: [],\n");
    } else {
        out.push_str("            spans: [\n");
        for span in doc.spans() {
            line(out, 16, &span_line(span));
        }
        out.push_str("            ],\n");
    }
    if doc.claims().is_empty() {
        out.push_str("            claims: [],\n");
    } else {
        out.push_str("            claims: [\n");
        for claim in doc.claims() {
            line(out, 16, &claim_line(claim));
        }
        out.push_str("            ],\n");
    }
    out.push_str("        ),\n");
}

fn line(out: &mut String, indent: usize, item: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(item);
    out.push_str(",\n");
}

fn ron_string(value: &str) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

fn compact<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .escape_strings(true);
    ron::ser::to_string_pretty(value, config).unwrap_or_default()
}

/// A span on one line. Written by hand: this is the hot path of saving
/// (100,000 spans), and the layout must never change by accident.
fn span_line(span: &Span) -> String {
    let mut line = format!(
        "(id: {}, start: {}, end: {}, label: {}, note: {}",
        span.id.0,
        span.range.start(),
        span.range.end(),
        ron_string(span.label.as_str()),
        ron_string(&span.note)
    );
    // Fields at their default are left out: most spans are made by hand.
    if span.status != ReviewStatus::Accepted {
        let _ = write!(line, ", status: {}", review_name(span.status));
    }
    if let Some(origin) = &span.origin {
        let origin = OriginFile {
            agent: agent_file(&origin.agent),
            confidence: origin.confidence.map(Confidence::get),
        };
        let _ = write!(line, ", origin: Some({})", compact(&origin));
    }
    if let Some(value) = &span.value {
        let value = SpanValueFile {
            value: value.value.clone(),
            source: match value.source {
                ValueSource::Hand => ValueSourceFile::Hand,
                ValueSource::Normalizer => ValueSourceFile::Normalizer,
                ValueSource::Imported => ValueSourceFile::Imported,
            },
        };
        let _ = write!(line, ", value: Some({})", compact(&value));
    }
    if let Some(entity) = span.entity {
        let _ = write!(line, ", entity: Some({})", entity.0);
    }
    line.push(')');
    line
}

fn claim_line(claim: &Claim) -> String {
    let mut args = String::new();
    for (i, argument) in claim.arguments.iter().enumerate() {
        if i > 0 {
            args.push_str(", ");
        }
        let _ = write!(
            args,
            "(role: {}, span: {})",
            ron_string(argument.role.as_str()),
            argument.span.0
        );
    }
    let mut line = format!(
        "(id: {}, claim_type: {}, args: [{args}], note: {}",
        claim.id.0,
        ron_string(claim.claim_type.as_str()),
        ron_string(&claim.note)
    );
    if claim.status != ReviewStatus::Accepted {
        let _ = write!(line, ", status: {}", review_name(claim.status));
    }
    if let Some(provenance) = &claim.provenance {
        let provenance = ProvenanceFile {
            creator: agent_file(&provenance.creator),
            created: provenance.created.as_str().to_owned(),
            reviewer: provenance.reviewer.as_ref().map(agent_file),
            reviewed: provenance.reviewed.as_ref().map(|t| t.as_str().to_owned()),
        };
        let _ = write!(line, ", provenance: Some({})", compact(&provenance));
    }
    if let Some(confidence) = claim.confidence {
        let _ = write!(line, ", confidence: Some({})", compact(&confidence.get()));
    }
    if !claim.implicit.is_empty() {
        let implicit: Vec<ImplicitFile> = claim
            .implicit
            .iter()
            .map(|a| ImplicitFile {
                role: a.role.as_str().to_owned(),
                value: a.value.clone(),
            })
            .collect();
        let _ = write!(line, ", implicit: {}", compact(&implicit));
    }
    if !claim.orphans.is_empty() {
        let orphans: Vec<OrphanFile> = claim
            .orphans
            .iter()
            .map(|o| OrphanFile {
                role: o.role.as_str().to_owned(),
                exact: o.exact.clone(),
                start: o.start,
                end: o.end,
                prefix: o.prefix.clone(),
                suffix: o.suffix.clone(),
                value: o.value.clone(),
                reason: o.reason.clone(),
            })
            .collect();
        let _ = write!(line, ", orphans: {}", compact(&orphans));
    }
    if let Some(external) = &claim.external {
        let external = ExternalFile {
            id: external.id.clone(),
            original: external.original.clone(),
        };
        let _ = write!(line, ", external: Some({})", compact(&external));
    }
    line.push(')');
    line
}

fn review_name(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Proposed => "Proposed",
        ReviewStatus::Accepted => "Accepted",
        ReviewStatus::Corrected => "Corrected",
        ReviewStatus::Rejected => "Rejected",
    }
}

fn review_status(file: ReviewFile) -> ReviewStatus {
    match file {
        ReviewFile::Proposed => ReviewStatus::Proposed,
        ReviewFile::Accepted => ReviewStatus::Accepted,
        ReviewFile::Corrected => ReviewStatus::Corrected,
        ReviewFile::Rejected => ReviewStatus::Rejected,
    }
}

fn agent_file(agent: &Agent) -> AgentFile {
    AgentFile {
        kind: match agent.kind {
            AgentKind::Person => AgentKindFile::Person,
            AgentKind::Software => AgentKindFile::Software,
        },
        id: agent.id.clone(),
        version: agent.version.clone(),
    }
}

fn agent(file: AgentFile) -> Agent {
    Agent {
        kind: match file.kind {
            AgentKindFile::Person => AgentKind::Person,
            AgentKindFile::Software => AgentKind::Software,
        },
        id: file.id,
        version: file.version,
    }
}

fn entity_line(entity: &Entity) -> String {
    compact(&EntityFile {
        id: entity.id.0,
        kind: value_kind_file(entity.kind),
        name: entity.name.clone(),
        aliases: entity.aliases.clone(),
    })
}

fn label_file(label: &LabelDef) -> String {
    compact(&LabelFile {
        name: label.name.as_str().to_owned(),
        color: label.color.to_hex(),
        key: label.key,
        value_kind: value_kind_file(label.value_kind),
    })
}

fn role_file(role: &RoleDef) -> String {
    compact(&RoleFile {
        name: role.name.as_str().to_owned(),
        required: role.required,
        multiple: role.multiple,
        labels: role.labels.iter().map(|l| l.as_str().to_owned()).collect(),
    })
}

fn status_name(status: DocStatus) -> &'static str {
    match status {
        DocStatus::Todo => "Todo",
        DocStatus::InProgress => "InProgress",
        DocStatus::Done => "Done",
    }
}

fn value_kind_file(kind: ValueKind) -> ValueKindFile {
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

fn value_kind(kind: ValueKindFile) -> ValueKind {
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

/// Reads a project from its text, checking everything the model requires.
pub fn from_ron(source: &str) -> Result<Project, ProjectFileError> {
    let version_at = locate::locate(source, &[Step::Field("format_version")]);
    match (locate::format_version(source), version_at) {
        (Some(found), Some(at)) if found > FORMAT_VERSION => {
            return Err(ProjectFileError::NewerVersion { found, at });
        }
        (Some(0), Some(at)) => return Err(ProjectFileError::UnknownVersion { found: 0, at }),
        (Some(_), _) => {}
        (None, _) => {
            // Not even a version: a syntax error says more than "not a
            // project" when the file is broken RON.
            if let Err(error) = ron::from_str::<ron::Value>(source) {
                return Err(syntax_error(&error));
            }
            return Err(ProjectFileError::NotAProject);
        }
    }
    let file: ProjectFile = ron::from_str(source).map_err(|error| syntax_error(&error))?;
    Checker {
        source,
        problems: Vec::new(),
    }
    .project(file)
}

fn syntax_error(error: &ron::error::SpannedError) -> ProjectFileError {
    ProjectFileError::Syntax {
        at: LineCol {
            line: error.span.start.line,
            col: error.span.start.col,
        },
        message: format!(
            "{}; the file is not valid RON or not in claimmark's layout",
            error.code
        ),
    }
}

/// Turns wire types into model types, collecting every problem with its
/// position.
struct Checker<'s> {
    source: &'s str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: &[Step<'_>], message: String) {
        let at = locate::locate(self.source, path);
        self.problems.push(Problem { at, message });
    }

    fn name(&mut self, path: &[Step<'_>], raw: &str) -> Option<Name> {
        match Name::parse(raw) {
            Ok(name) => Some(name),
            Err(error) => {
                self.problem(path, error.to_string());
                None
            }
        }
    }

    fn project(mut self, file: ProjectFile) -> Result<Project, ProjectFileError> {
        let schema = self.schema(file.schema);
        let entities = self.entities(file.entities);
        let mut documents: Vec<Document> = Vec::with_capacity(file.documents.len());
        for (index, doc) in file.documents.into_iter().enumerate() {
            if let Some(document) = self.document(&schema, &entities, index, doc) {
                if documents.iter().any(|d| d.id == document.id) {
                    self.problem(
                        &[
                            Step::Field("documents"),
                            Step::Index(index),
                            Step::Field("id"),
                        ],
                        format!(
                            "document id “{}” is used twice; ids must be unique",
                            document.id
                        ),
                    );
                }
                documents.push(document);
            }
        }
        if self.problems.is_empty() {
            Ok(Project {
                schema,
                entities,
                documents,
            })
        } else {
            self.problems.sort_by_key(|p| p.at);
            Err(ProjectFileError::Invalid(self.problems))
        }
    }

    fn entities(&mut self, files: Vec<EntityFile>) -> Vec<Entity> {
        let mut entities: Vec<Entity> = Vec::with_capacity(files.len());
        for (i, file) in files.into_iter().enumerate() {
            let kind = value_kind(file.kind);
            let path = [Step::Field("entities"), Step::Index(i)];
            if !matches!(
                kind,
                ValueKind::Person | ValueKind::Organization | ValueKind::Place
            ) {
                self.problem(
                    &path,
                    format!(
                        "entity {} has kind {}; entities are people, organizations or places",
                        file.id,
                        kind.as_str()
                    ),
                );
                continue;
            }
            if entities.iter().any(|e| e.id.0 == file.id) {
                self.problem(&path, format!("entity id {} is used twice", file.id));
                continue;
            }
            entities.push(Entity {
                id: EntityId(file.id),
                kind,
                name: file.name,
                aliases: file.aliases,
            });
        }
        entities.sort_by_key(|e| e.id);
        entities
    }

    fn timestamp(&mut self, path: &[Step<'_>], raw: &str) -> Option<Timestamp> {
        let parsed = Timestamp::parse(raw);
        if parsed.is_none() {
            self.problem(
                path,
                format!("“{raw}” is not an RFC 3339 time such as 2026-11-22T10:00:00Z"),
            );
        }
        parsed
    }

    fn confidence(&mut self, path: &[Step<'_>], raw: Option<f64>) -> Option<Confidence> {
        let raw = raw?;
        let parsed = Confidence::new(raw);
        if parsed.is_none() {
            self.problem(path, format!("confidence {raw} is not between 0 and 1"));
        }
        parsed
    }

    fn schema(&mut self, file: SchemaFile) -> Schema {
        let mut labels = Vec::new();
        for (i, label) in file.labels.into_iter().enumerate() {
            let path = [Step::Field("schema"), Step::Field("labels"), Step::Index(i)];
            let name = self.name(&path, &label.name);
            let color = Rgb::parse_hex(&label.color);
            if color.is_none() {
                self.problem(
                    &path,
                    format!("label colour “{}” is not of the form #rrggbb", label.color),
                );
            }
            if let (Some(name), Some(color)) = (name, color) {
                labels.push(LabelDef {
                    name,
                    color,
                    key: label.key,
                    value_kind: value_kind(label.value_kind),
                });
            }
        }
        let mut claim_types = Vec::new();
        for (i, claim_type) in file.claim_types.into_iter().enumerate() {
            let path = [
                Step::Field("schema"),
                Step::Field("claim_types"),
                Step::Index(i),
            ];
            let name = self.name(&path, &claim_type.name);
            let mut roles = Vec::new();
            for (j, role) in claim_type.roles.into_iter().enumerate() {
                let role_path = [
                    path[0],
                    path[1],
                    path[2],
                    Step::Field("roles"),
                    Step::Index(j),
                ];
                let role_name = self.name(&role_path, &role.name);
                let accepted: Vec<Name> = role
                    .labels
                    .iter()
                    .filter_map(|label| self.name(&role_path, label))
                    .collect();
                if let Some(role_name) = role_name {
                    roles.push(RoleDef {
                        name: role_name,
                        required: role.required,
                        multiple: role.multiple,
                        labels: accepted,
                    });
                }
            }
            if let Some(name) = name {
                claim_types.push(ClaimTypeDef { name, roles });
            }
        }
        let schema = Schema {
            labels,
            claim_types,
        };
        for problem in schema.problems() {
            self.problem(&[Step::Field("schema")], problem.to_string());
        }
        schema
    }

    #[allow(clippy::too_many_lines)] // one check after another, in file order
    fn document(
        &mut self,
        schema: &Schema,
        entities: &[Entity],
        index: usize,
        file: DocumentFile,
    ) -> Option<Document> {
        let at = |field| {
            [
                Step::Field("documents"),
                Step::Index(index),
                Step::Field(field),
            ]
        };
        let id = match DocId::parse(&file.id) {
            Ok(id) => id,
            Err(message) => {
                self.problem(&at("id"), message);
                return None;
            }
        };
        let published = match &file.published {
            None => None,
            Some(raw) => {
                let date = parse_day(raw);
                if date.is_none() {
                    self.problem(
                        &at("published"),
                        format!("published date “{raw}” is not a date of the form YYYY-MM-DD"),
                    );
                }
                date
            }
        };
        let joined: String = file.text.concat();
        let Some(text) = CanonicalText::from_canonical(joined) else {
            self.problem(
                &at("text"),
                format!("the text of document “{id}” holds a carriage return or a byte-order mark; canonical text has neither"),
            );
            return None;
        };
        if text.sha256_hex() != file.text_sha256.to_ascii_lowercase() {
            self.problem(
                &at("text_sha256"),
                format!(
                    "the text of document “{id}” does not match its SHA-256 (the file says {}, the text hashes to {}): \
                     the text was changed outside claimmark, so span offsets may no longer fit. \
                     Restore the original text (for example from git)",
                    file.text_sha256,
                    text.sha256_hex()
                ),
            );
            return None;
        }
        let mut header = Document::new(id.clone(), file.title, text);
        header.published = published;
        header.source = file.source;
        header.status = match file.status {
            StatusFile::Todo => DocStatus::Todo,
            StatusFile::InProgress => DocStatus::InProgress,
            StatusFile::Done => DocStatus::Done,
        };
        let mut spans: Vec<Span> = Vec::with_capacity(file.spans.len());
        let before = self.problems.len();
        let mut seen_span_ids = std::collections::HashSet::with_capacity(file.spans.len());
        for (j, span) in file.spans.into_iter().enumerate() {
            let path = [
                Step::Field("documents"),
                Step::Index(index),
                Step::Field("spans"),
                Step::Index(j),
            ];
            let Some(label) = self.name(&path, &span.label) else {
                continue;
            };
            if span.start > span.end {
                self.problem(
                    &path,
                    format!(
                        "span {} starts at {} after its end {}",
                        span.id, span.start, span.end
                    ),
                );
                continue;
            }
            if !seen_span_ids.insert(span.id) {
                self.problem(
                    &path,
                    format!("span id {} is used twice in document “{id}”", span.id),
                );
                continue;
            }
            let origin = match span.origin {
                Some(origin) => Some(SpanOrigin {
                    agent: agent(origin.agent),
                    confidence: self.confidence(&path, origin.confidence),
                }),
                None => None,
            };
            let entity = span.entity.map(EntityId);
            if let Some(entity) = entity
                && entities.binary_search_by_key(&entity, |e| e.id).is_err()
            {
                self.problem(
                    &path,
                    format!(
                        "span {} refers to entity {entity}, which is not in `entities`",
                        span.id
                    ),
                );
                continue;
            }
            let span = Span {
                id: SpanId(span.id),
                range: CharRange::from_offsets(span.start, span.end),
                label,
                note: span.note,
                status: review_status(span.status),
                origin,
                value: span.value.map(|v| SpanValue {
                    value: v.value,
                    source: match v.source {
                        ValueSourceFile::Hand => ValueSource::Hand,
                        ValueSourceFile::Normalizer => ValueSource::Normalizer,
                        ValueSourceFile::Imported => ValueSource::Imported,
                    },
                }),
                entity,
            };
            if let Some(problem) = span_problem(schema, &header, &span) {
                self.problem(&path, format!("document “{id}”: {problem}"));
                continue;
            }
            spans.push(span);
        }
        let mut claims = Vec::with_capacity(file.claims.len());
        let mut seen_claim_ids = std::collections::HashSet::with_capacity(file.claims.len());
        for (k, claim) in file.claims.into_iter().enumerate() {
            let path = [
                Step::Field("documents"),
                Step::Index(index),
                Step::Field("claims"),
                Step::Index(k),
            ];
            if !seen_claim_ids.insert(claim.id) {
                self.problem(
                    &path,
                    format!("claim id {} is used twice in document “{id}”", claim.id),
                );
                continue;
            }
            let Some(claim_type) = self.name(&path, &claim.claim_type) else {
                continue;
            };
            let arguments: Option<Vec<Argument>> = claim
                .args
                .iter()
                .map(|arg| {
                    Some(Argument {
                        role: self.name(&path, &arg.role)?,
                        span: SpanId(arg.span),
                    })
                })
                .collect();
            let Some(arguments) = arguments else { continue };
            let provenance = match claim.provenance {
                Some(file) => {
                    let created = self.timestamp(&path, &file.created);
                    let reviewed = match &file.reviewed {
                        Some(raw) => self.timestamp(&path, raw),
                        None => None,
                    };
                    created.map(|created| Provenance {
                        creator: agent(file.creator),
                        created,
                        reviewer: file.reviewer.map(agent),
                        reviewed,
                    })
                }
                None => None,
            };
            let confidence = self.confidence(&path, claim.confidence);
            let mut implicit = Vec::with_capacity(claim.implicit.len());
            for argument in claim.implicit {
                if let Some(role) = self.name(&path, &argument.role) {
                    implicit.push(ImplicitArgument {
                        role,
                        value: argument.value,
                    });
                }
            }
            let mut orphans = Vec::with_capacity(claim.orphans.len());
            for orphan in claim.orphans {
                if let Some(role) = self.name(&path, &orphan.role) {
                    orphans.push(OrphanArgument {
                        role,
                        exact: orphan.exact,
                        start: orphan.start,
                        end: orphan.end,
                        prefix: orphan.prefix,
                        suffix: orphan.suffix,
                        value: orphan.value,
                        reason: orphan.reason,
                    });
                }
            }
            claims.push((
                path,
                Claim {
                    id: ClaimId(claim.id),
                    claim_type,
                    arguments,
                    note: claim.note,
                    status: review_status(claim.status),
                    provenance,
                    confidence,
                    implicit,
                    orphans,
                    external: claim.external.map(|e| ExternalClaim {
                        id: e.id,
                        original: e.original,
                    }),
                },
            ));
        }
        if self.problems.len() > before {
            return None;
        }
        let mut document = Document::from_parts(header, spans, Vec::new());
        for (path, claim) in &claims {
            for problem in claim_problems(schema, &document, claim) {
                self.problem(path, format!("document “{id}”: {problem}"));
            }
        }
        document.set_claims(claims.into_iter().map(|(_, claim)| claim).collect());
        Some(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::notation;

    fn sample() -> Project {
        let mut project = Project::default();
        // The trailing \r shows the canonical form: it is saved as \n.
        let mut doc = notation::document(
            "freed",
            "[person|Ales Bialiatski] was [event|freed] on [date|December 14th].\n\n“Quoted” — 😀 Cafe\u{301} [place|Minsk]\r",
        )
        .unwrap();
        doc.published = parse_day("2025-09-20");
        doc.source = "https://example.org/a \"quoted\" path".into();
        project.documents.push(doc);
        Edit::InsertClaim {
            doc: DocId::parse("freed").unwrap(),
            claim: Claim {
                arguments: vec![
                    Argument {
                        role: Name::parse("trigger").unwrap(),
                        span: SpanId(2),
                    },
                    Argument {
                        role: Name::parse("released_person").unwrap(),
                        span: SpanId(1),
                    },
                    Argument {
                        role: Name::parse("date").unwrap(),
                        span: SpanId(3),
                    },
                ],
                note: "per Viasna".into(),
                ..Claim::new(ClaimId(1), Name::parse("release").unwrap())
            },
        }
        .apply(&mut project)
        .unwrap();
        // A second document with everything review and import add: a
        // proposed span from an extractor with a value and an entity, and an
        // imported claim with provenance, an implicit argument and an orphan.
        project.entities.push(Entity {
            id: EntityId(1),
            kind: ValueKind::Person,
            name: "Ales Bialiatski".into(),
            aliases: vec!["Bialiatski".into(), "Byalyatski".into()],
        });
        let mut imported = notation::document(
            "imported",
            "Viasna counts [count|1,184] prisoners; [person|Bialiatski] too.",
        )
        .unwrap();
        let extractor = Agent::software("regex-extractor", Some("0.3.1".into()));
        {
            let span = imported.span_mut(SpanId(1)).unwrap();
            span.status = ReviewStatus::Proposed;
            span.origin = Some(SpanOrigin {
                agent: extractor.clone(),
                confidence: Confidence::new(0.875),
            });
            span.value = Some(SpanValue {
                value: Value::Count(crate::model::value::CountValue {
                    number: Some(1184),
                    modifier: crate::model::value::CountModifier::Exact,
                    lower: Some(1184),
                    upper: Some(1184),
                }),
                source: ValueSource::Imported,
            });
            imported.span_mut(SpanId(2)).unwrap().entity = Some(EntityId(1));
        }
        imported.insert_claim(Claim {
            arguments: vec![Argument::new(Name::parse("count").unwrap(), SpanId(1))],
            status: ReviewStatus::Proposed,
            provenance: Some(Provenance {
                creator: extractor,
                created: Timestamp::parse("2026-11-22T10:00:00Z").unwrap(),
                reviewer: Some(Agent::person("analyst-1")),
                reviewed: Timestamp::parse("2026-11-22T11:30:00Z"),
            }),
            confidence: Confidence::new(0.5),
            implicit: vec![ImplicitArgument {
                role: Name::parse("place").unwrap(),
                value: Value::Place {
                    name: "Belarus".into(),
                    entity_id: None,
                },
            }],
            orphans: vec![OrphanArgument {
                role: Name::parse("source").unwrap(),
                exact: "Human Rights Center".into(),
                start: 3,
                end: 22,
                prefix: String::new(),
                suffix: " said".into(),
                value: None,
                reason: "the text “Human Rights Center” is not in the document".into(),
            }],
            external: Some(ExternalClaim {
                id: "c-0007".into(),
                original: r#"{"schema":"claim/v1","id":"c-0007","ext":{"run":7}}"#.into(),
            }),
            ..Claim::new(ClaimId(1), Name::parse("prisoner_count").unwrap())
        });
        project.documents.push(imported);
        assert!(project.problems().is_empty(), "{:?}", project.problems());
        project
    }

    #[test]
    fn save_load_save_is_byte_identical() {
        let project = sample();
        let first = to_ron(&project);
        let loaded = from_ron(&first).unwrap();
        assert_eq!(loaded, project);
        assert_eq!(to_ron(&loaded), first);
    }

    #[test]
    fn layout_is_one_item_per_line() {
        insta::assert_snapshot!(to_ron(&sample()));
    }

    /// Replaces the first occurrence of `from` in the sample file.
    fn broken(from: &str, to: &str) -> ProjectFileError {
        let source = to_ron(&sample());
        assert!(source.contains(from), "sample has no {from:?}");
        from_ron(&source.replacen(from, to, 1)).unwrap_err()
    }

    fn first_problem(error: &ProjectFileError) -> (usize, usize, String) {
        match error {
            ProjectFileError::Invalid(problems) => {
                let p = &problems[0];
                let at = p.at.unwrap();
                (at.line, at.col, p.message.clone())
            }
            other => panic!("expected a checked problem, got {other:?}"),
        }
    }

    #[test]
    fn malformed_and_truncated_files_give_line_and_column() {
        let source = to_ron(&sample());
        let truncated = &source[..source.len() / 2];
        match from_ron(truncated).unwrap_err() {
            ProjectFileError::Syntax { at, .. } => assert!(at.line > 10, "{at:?}"),
            other => panic!("{other:?}"),
        }
        match broken("end: 15,", "end: 16 16,") {
            ProjectFileError::Syntax { at, message } => {
                assert_eq!(
                    at.line,
                    source.lines().position(|l| l.contains("end: 15,")).unwrap() + 1
                );
                assert!(message.contains("RON"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            from_ron("(schema: ())").unwrap_err(),
            ProjectFileError::NotAProject
        );
        assert!(matches!(
            from_ron("").unwrap_err(),
            ProjectFileError::Syntax { .. }
        ));
    }

    #[test]
    fn newer_format_versions_are_refused_with_advice() {
        let error = broken("format_version: 1,", "format_version: 7,");
        assert!(matches!(
            error,
            ProjectFileError::NewerVersion { found: 7, .. }
        ));
        let text = error.to_string();
        assert!(
            text.starts_with("3:21: the file has format_version 7"),
            "{text}"
        );
        assert!(text.contains("Update claimmark"), "{text}");
    }

    #[test]
    fn spans_out_of_range_are_located() {
        let source = to_ron(&sample());
        let line = source
            .lines()
            .position(|l| l.contains("(id: 4, start:"))
            .unwrap()
            + 1;
        let (at_line, col, message) = first_problem(&broken("end: 69,", "end: 500,"));
        assert_eq!((at_line, col), (line, 17));
        assert!(
            message.contains("covers chars 64..500, but the text has only 70 chars"),
            "{message}"
        );
    }

    #[test]
    fn text_that_does_not_match_its_hash_is_refused() {
        let (_, _, message) = first_problem(&broken("was freed", "was FREED"));
        assert!(message.contains("does not match its SHA-256"), "{message}");
        assert!(message.contains("Restore the original text"), "{message}");
    }

    #[test]
    fn broken_references_are_each_reported() {
        let (_, _, message) = first_problem(&broken("span: 3)", "span: 33)"));
        assert!(
            message.contains("span s33, which does not exist"),
            "{message}"
        );
        let (_, _, message) = first_problem(&broken("label: \"place\"", "label: \"ghost\""));
        assert!(
            message.contains("label “ghost”, which the schema does not define"),
            "{message}"
        );
        let (_, _, message) = first_problem(&broken("(id: 2,", "(id: 1,"));
        assert!(message.contains("span id 1 is used twice"), "{message}");
        let (_, _, message) = first_problem(&broken(
            "published: Some(\"2025-09-20\")",
            "published: Some(\"20/09/2025\")",
        ));
        assert!(message.contains("YYYY-MM-DD"), "{message}");
        let (_, _, message) = first_problem(&broken(
            "claim_type: \"release\", args",
            "claim_type: \"releese\", args",
        ));
        assert!(message.contains("type “releese”"), "{message}");
    }
}
