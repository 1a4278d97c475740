//! A project: the schema and the documents, in the analyst's order.

use super::conflict::Conflict;
use super::document::{DocId, Document};
use super::entity::{Entity, EntityId};
use super::problem::ModelProblem;
use super::schema::Schema;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub schema: Schema,
    /// People, organizations and places across documents, sorted by id.
    pub entities: Vec<Entity>,
    pub documents: Vec<Document>,
    /// The machine extractor the project names, if any. A project file can
    /// come from anyone: windows and the command line run it only once the
    /// analyst has allowed it.
    pub extractor: Option<ExtractorConfig>,
    /// What a merge left for a person to decide, in the order found.
    pub conflicts: Vec<Conflict>,
    /// The analyst's notes on ledger problems they looked into and found
    /// explained ("Viasna counts differently from the KGB list"), by the
    /// problem's key (see `ledger`). A problem whose claims change gets a
    /// new key, so it is looked at again.
    pub explanations: std::collections::BTreeMap<String, String>,
}

/// An extractor command: the program and its arguments (no shell), and how
/// long it may run per document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExtractorConfig {
    pub command: Vec<String>,
    pub timeout_seconds: Option<u32>,
}

impl ExtractorConfig {
    /// Per document, when the configuration does not say.
    pub const DEFAULT_TIMEOUT_SECONDS: u32 = 120;

    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(
            self.timeout_seconds
                .unwrap_or(Self::DEFAULT_TIMEOUT_SECONDS),
        ))
    }

    /// Reads a command typed as one line: parts separated by white space,
    /// `"…"` around a part with spaces, `\"` and `\\` inside quotes (the
    /// form [`ExtractorConfig::command_line`] writes). Empty text is no
    /// command.
    pub fn parse_command_line(line: &str) -> Result<Vec<String>, String> {
        let mut parts = Vec::new();
        let mut chars = line.chars().peekable();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let Some(&first) = chars.peek() else {
                return Ok(parts);
            };
            let mut part = String::new();
            if first == '"' {
                chars.next();
                loop {
                    match chars.next() {
                        None => {
                            return Err(
                                "a quote (\") is not closed; close it or remove it".to_owned()
                            );
                        }
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('n') => part.push('\n'),
                            Some('t') => part.push('\t'),
                            Some(other) => part.push(other),
                            None => {
                                return Err(
                                    "the line ends with a backslash inside quotes".to_owned()
                                );
                            }
                        },
                        Some(c) => part.push(c),
                    }
                }
            } else {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    part.push(c);
                }
            }
            parts.push(part);
        }
    }

    /// The command as one line a person can read and check: each part
    /// quoted when it has spaces or quotes, control characters escaped.
    pub fn command_line(&self) -> String {
        self.command
            .iter()
            .map(|part| {
                let shown: String = part.chars().flat_map(char::escape_default).collect();
                if part.is_empty()
                    || part
                        .chars()
                        .any(|c| c.is_whitespace() || c == '"' || c == '\'')
                    || shown != *part
                {
                    format!("\"{shown}\"")
                } else {
                    shown
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Default for Project {
    fn default() -> Self {
        Self::new(Schema::default_news())
    }
}

impl Project {
    pub fn new(schema: Schema) -> Self {
        Self {
            schema,
            entities: Vec::new(),
            documents: Vec::new(),
            extractor: None,
            conflicts: Vec::new(),
            explanations: std::collections::BTreeMap::new(),
        }
    }

    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities
            .binary_search_by_key(&id, |entity| entity.id)
            .ok()
            .and_then(|index| self.entities.get(index))
    }

    /// The id a new entity gets (one more than the largest).
    pub fn next_entity_id(&self) -> EntityId {
        EntityId(self.entities.last().map_or(1, |entity| entity.id.0 + 1))
    }

    pub fn document(&self, id: &DocId) -> Option<&Document> {
        self.documents.iter().find(|doc| &doc.id == id)
    }

    pub(crate) fn document_mut(&mut self, id: &DocId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|doc| &doc.id == id)
    }

    pub fn document_index(&self, id: &DocId) -> Option<usize> {
        self.documents.iter().position(|doc| &doc.id == id)
    }

    /// A document with the same text (by SHA-256), if any.
    pub fn document_with_text(&self, sha256: &[u8; 32]) -> Option<&Document> {
        self.documents
            .iter()
            .find(|doc| doc.text.sha256() == sha256)
    }

    pub fn span_count(&self) -> usize {
        self.documents.iter().map(|doc| doc.spans().len()).sum()
    }

    pub fn claim_count(&self) -> usize {
        self.documents.iter().map(|doc| doc.claims().len()).sum()
    }

    /// Every way the project breaks the model's rules, each as a sentence
    /// naming the document, span or claim. Empty for a sound project.
    /// Edits keep a sound project sound; loading checks files with this.
    pub fn problems(&self) -> Vec<ModelProblem> {
        let mut problems = self.schema.problems();
        for pair in self.entities.windows(2) {
            if pair[0].id >= pair[1].id {
                problems.push(ModelProblem::EntityIdsUnsorted(pair[1].id));
            }
        }
        for (i, doc) in self.documents.iter().enumerate() {
            if self.documents[..i].iter().any(|d| d.id == doc.id) {
                problems.push(ModelProblem::DocumentIdTwice(doc.id.clone()));
            }
            problems.extend(
                document_problems(&self.schema, &self.entities, doc)
                    .into_iter()
                    .map(|problem| ModelProblem::InDocument {
                        doc: doc.id.clone(),
                        problem: Box::new(problem),
                    }),
            );
        }
        problems
    }
}

/// Problems inside one document, given the schema.
pub fn document_problems(
    schema: &Schema,
    entities: &[Entity],
    doc: &Document,
) -> Vec<ModelProblem> {
    let mut problems = Vec::new();
    for span in doc.spans() {
        problems.extend(span_problem(schema, doc, span));
    }
    problems.extend(doc.spans().iter().filter_map(|span| {
        let entity = span.entity?;
        entities
            .binary_search_by_key(&entity, |e| e.id)
            .is_err()
            .then_some(ModelProblem::UnknownEntity {
                span: span.id,
                entity,
            })
    }));
    for claim in doc.claims() {
        problems.extend(claim_problems(schema, doc, claim));
    }
    problems
}

pub(crate) fn span_problem(
    schema: &Schema,
    doc: &Document,
    span: &super::document::Span,
) -> Option<ModelProblem> {
    if span.range.is_empty() {
        return Some(ModelProblem::EmptySpan(span.id));
    }
    if !doc.text.contains_range(span.range) {
        return Some(ModelProblem::SpanOutsideText {
            span: span.id,
            range: span.range,
            text_len: doc.text.char_len(),
        });
    }
    if schema.label(&span.label).is_none() {
        return Some(ModelProblem::UnknownSpanLabel {
            span: span.id,
            label: span.label.clone(),
        });
    }
    None
}

pub(crate) fn claim_problems(
    schema: &Schema,
    doc: &Document,
    claim: &super::document::Claim,
) -> Vec<ModelProblem> {
    let mut problems = Vec::new();
    let Some(claim_type) = schema.claim_type(&claim.claim_type) else {
        problems.push(ModelProblem::UnknownClaimType {
            claim: claim.id,
            claim_type: claim.claim_type.clone(),
        });
        return problems;
    };
    for (i, argument) in claim.arguments.iter().enumerate() {
        let Some(role) = claim_type.role(&argument.role) else {
            problems.push(ModelProblem::UnknownRole {
                claim: claim.id,
                role: argument.role.clone(),
                claim_type: claim.claim_type.clone(),
            });
            continue;
        };
        if doc.span(argument.span).is_none() {
            problems.push(ModelProblem::MissingArgumentSpan {
                claim: claim.id,
                role: argument.role.clone(),
                span: argument.span,
            });
        }
        let earlier = &claim.arguments[..i];
        if earlier.iter().any(|a| a == argument) {
            problems.push(ModelProblem::ArgumentTwice {
                claim: claim.id,
                span: argument.span,
                role: argument.role.clone(),
            });
        } else if !role.multiple && earlier.iter().any(|a| a.role == argument.role) {
            problems.push(ModelProblem::RoleFilledTwice {
                claim: claim.id,
                role: argument.role.clone(),
            });
        }
    }
    problems
}
