//! The checking reader: every rule of the model, each problem reported at
//! its line and column.

use crate::model::date::parse_day;
use crate::model::document::{
    Argument, Claim, ClaimId, DocId, DocStatus, Document, ExternalClaim, ImplicitArgument,
    OrphanArgument, Span, SpanId,
};
use crate::model::entity::{Entity, EntityId};
use crate::model::project::{ExtractorConfig, claim_problems, span_problem};
use crate::model::review::{Confidence, Provenance, SpanOrigin, Timestamp};
use crate::model::schema::{ClaimTypeDef, LabelDef, Name, Rgb, RoleDef, Schema, ValueKind};
use crate::model::value::{SpanValue, ValueSource};
use crate::model::{CanonicalText, CharRange, Project};
use crate::storage::locate::{self, Step};

use super::wire::{
    DocumentFile, EntityFile, ProjectFile, SchemaFile, StatusFile, ValueSourceFile, agent,
    review_status, value_kind,
};
use super::{Problem, ProjectFileError};

/// Turns wire types into model types, collecting every problem with its
/// position.
pub(super) struct Checker<'s> {
    pub(super) source: &'s str,
    /// Each problem with the path of its value, located all at once at the
    /// end (one pass over the file, however many problems).
    pub(super) problems: Vec<(Vec<Step<'static>>, String)>,
}

impl Checker<'_> {
    fn problem(&mut self, path: &[Step<'static>], message: String) {
        self.problems.push((path.to_vec(), message));
    }

    fn located(self) -> Vec<Problem> {
        let paths: Vec<&[Step<'_>]> = self
            .problems
            .iter()
            .map(|(path, _)| path.as_slice())
            .collect();
        let positions = locate::locate_all(self.source, &paths);
        let mut problems: Vec<Problem> = self
            .problems
            .into_iter()
            .zip(positions)
            .map(|((_, message), at)| Problem {
                at,
                message: crate::text_shown::shown(&message).into_owned(),
            })
            .collect();
        problems.sort_by_key(|p| p.at);
        problems
    }

    fn name(&mut self, path: &[Step<'static>], raw: &str) -> Option<Name> {
        match Name::parse(raw) {
            Ok(name) => Some(name),
            Err(error) => {
                self.problem(path, error.to_string());
                None
            }
        }
    }

    pub(super) fn project(mut self, file: ProjectFile) -> Result<Project, ProjectFileError> {
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
        let extractor = file.extractor.and_then(|extractor| {
            if extractor.command.is_empty() || extractor.command[0].trim().is_empty() {
                self.problem(
                    &[Step::Field("extractor"), Step::Field("command")],
                    "the extractor command is empty; name the program first: command: [\"python3\", \"extract.py\"]".to_owned(),
                );
                return None;
            }
            if extractor.timeout_seconds == Some(0) {
                self.problem(
                    &[Step::Field("extractor"), Step::Field("timeout_seconds")],
                    "timeout_seconds must be at least 1".to_owned(),
                );
                return None;
            }
            Some(ExtractorConfig {
                command: extractor.command,
                timeout_seconds: extractor.timeout_seconds,
            })
        });
        if self.problems.is_empty() {
            Ok(Project {
                schema,
                entities,
                documents,
                extractor,
            })
        } else {
            Err(ProjectFileError::Invalid(self.located()))
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

    fn timestamp(&mut self, path: &[Step<'static>], raw: &str) -> Option<Timestamp> {
        let parsed = Timestamp::parse(raw);
        if parsed.is_none() {
            self.problem(
                path,
                format!("“{raw}” is not an RFC 3339 time such as 2026-11-22T10:00:00Z"),
            );
        }
        parsed
    }

    fn confidence(&mut self, path: &[Step<'static>], raw: Option<f64>) -> Option<Confidence> {
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
                        bulk_review: file.bulk_review,
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
                        run: e.run,
                        resembles: e.resembles.map(ClaimId),
                        absent_from: e.absent_from,
                        ..ExternalClaim::new(e.id, e.original)
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
