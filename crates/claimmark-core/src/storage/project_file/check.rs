//! The checking reader: every rule of the model, each problem reported at
//! its line and column.

use crate::model::date::parse_day;
use crate::model::document::{DocId, DocStatus, Document, Span};
use crate::model::entity::{Entity, EntityId};
use crate::model::project::{ExtractorConfig, claim_problems, span_problem};
use crate::model::review::{Confidence, Timestamp};
use crate::model::schema::{ClaimTypeDef, LabelDef, Name, Rgb, RoleDef, Schema, ValueKind};
use crate::model::{CanonicalText, Project};
use crate::storage::locate::{self, Step};

use super::wire::{
    ClaimTypeFile, DocumentFile, EntityFile, LabelFile, ProjectFile, SchemaFile, StatusFile,
    value_kind,
};
use super::{Problem, ProjectFileError};

/// Turns wire types into model types, collecting every problem with its
/// position.
pub(super) struct Checker<'s> {
    pub(super) source: &'s str,
    /// Each problem with the path of its value, located all at once at the
    /// end (one pass over the file, however many problems).
    pub(super) problems: Vec<(Vec<Step<'static>>, String)>,
    /// The conflict being read names a document the project no longer has.
    pub(super) skipped_conflict: bool,
}

impl Checker<'_> {
    pub(super) fn problem(&mut self, path: &[Step<'static>], message: String) {
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

    pub(super) fn name(&mut self, path: &[Step<'static>], raw: &str) -> Option<Name> {
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
        let conflicts = self.conflicts(file.conflicts, &documents);
        let explanations = file
            .explanations
            .into_iter()
            .map(|explanation| (explanation.problem, explanation.note))
            .collect();
        if self.problems.is_empty() {
            Ok(Project {
                schema,
                entities,
                documents,
                extractor,
                conflicts,
                explanations,
            })
        } else {
            Err(ProjectFileError::Invalid(self.located()))
        }
    }

    fn entities(&mut self, files: Vec<EntityFile>) -> Vec<Entity> {
        let mut entities: Vec<Entity> = Vec::with_capacity(files.len());
        for (i, file) in files.into_iter().enumerate() {
            let path = [Step::Field("entities"), Step::Index(i)];
            if entities.iter().any(|e| e.id.0 == file.id) {
                self.problem(&path, format!("entity id {} is used twice", file.id));
                continue;
            }
            entities.extend(self.entity(&path, file));
        }
        entities.sort_by_key(|e| e.id);
        entities
    }

    pub(super) fn entity(&mut self, path: &[Step<'static>], file: EntityFile) -> Option<Entity> {
        let kind = value_kind(file.kind);
        if !matches!(
            kind,
            ValueKind::Person | ValueKind::Organization | ValueKind::Place
        ) {
            self.problem(
                path,
                format!(
                    "entity {} has kind {}; entities are people, organizations or places",
                    file.id,
                    kind.as_str()
                ),
            );
            return None;
        }
        Some(Entity {
            id: EntityId(file.id),
            kind,
            name: file.name,
            aliases: file.aliases,
        })
    }

    pub(super) fn timestamp(&mut self, path: &[Step<'static>], raw: &str) -> Option<Timestamp> {
        let parsed = Timestamp::parse(raw);
        if parsed.is_none() {
            self.problem(
                path,
                format!("“{raw}” is not an RFC 3339 time such as 2026-11-22T10:00:00Z"),
            );
        }
        parsed
    }

    pub(super) fn confidence(
        &mut self,
        path: &[Step<'static>],
        raw: Option<f64>,
    ) -> Option<Confidence> {
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
            labels.extend(self.label(&path, &label));
        }
        let mut claim_types = Vec::new();
        for (i, claim_type) in file.claim_types.into_iter().enumerate() {
            let path = [
                Step::Field("schema"),
                Step::Field("claim_types"),
                Step::Index(i),
            ];
            claim_types.extend(self.claim_type(&path, claim_type));
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

    pub(super) fn label(&mut self, path: &[Step<'static>], label: &LabelFile) -> Option<LabelDef> {
        let name = self.name(path, &label.name);
        let color = Rgb::parse_hex(&label.color);
        if color.is_none() {
            self.problem(
                path,
                format!("label colour “{}” is not of the form #rrggbb", label.color),
            );
        }
        Some(LabelDef {
            name: name?,
            color: color?,
            key: label.key,
            value_kind: value_kind(label.value_kind),
        })
    }

    pub(super) fn claim_type(
        &mut self,
        path: &[Step<'static>],
        claim_type: ClaimTypeFile,
    ) -> Option<ClaimTypeDef> {
        let name = self.name(path, &claim_type.name);
        let mut roles = Vec::new();
        for (j, role) in claim_type.roles.into_iter().enumerate() {
            let mut role_path = path.to_vec();
            role_path.extend([Step::Field("roles"), Step::Index(j)]);
            let role_name = self.name(&role_path, &role.name);
            let accepted: Vec<Name> = role
                .labels
                .iter()
                .filter_map(|label| self.name(&role_path, label))
                .collect();
            let part_of = role
                .part_of
                .as_deref()
                .and_then(|whole| self.name(&role_path, whole));
            if let Some(role_name) = role_name {
                roles.push(RoleDef {
                    name: role_name,
                    required: role.required,
                    multiple: role.multiple,
                    labels: accepted,
                    part_of,
                });
            }
        }
        let key_roles = match &claim_type.key_roles {
            Some(keys) => {
                let mut key_path = path.to_vec();
                key_path.push(Step::Field("key_roles"));
                keys.iter()
                    .filter_map(|key| self.name(&key_path, key))
                    .collect()
            }
            None => crate::model::default_key_roles(&claim_type.name),
        };
        Some(ClaimTypeDef {
            name: name?,
            roles,
            key_roles,
        })
    }

    pub(super) fn published(
        &mut self,
        path: &[Step<'static>],
        raw: Option<&str>,
    ) -> Option<time::Date> {
        let raw = raw?;
        let date = parse_day(raw);
        if date.is_none() {
            self.problem(
                path,
                format!("published date “{raw}” is not a date of the form YYYY-MM-DD"),
            );
        }
        date
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
        let published = self.published(&at("published"), file.published.as_deref());
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
        header.note = file.note;
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
            if !seen_span_ids.insert(span.id) {
                self.problem(
                    &path,
                    format!("span id {} is used twice in document “{id}”", span.id),
                );
                continue;
            }
            let Some(span) = self.span(&path, span) else {
                continue;
            };
            if let Some(entity) = span.entity
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
            if let Some(claim) = self.claim(&path, claim) {
                claims.push((path, claim));
            }
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
