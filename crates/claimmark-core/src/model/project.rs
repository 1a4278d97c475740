//! A project: the schema and the documents, in the analyst's order.

use super::document::{DocId, Document};
use super::entity::{Entity, EntityId};
use super::schema::Schema;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub schema: Schema,
    /// People, organizations and places across documents, sorted by id.
    pub entities: Vec<Entity>,
    pub documents: Vec<Document>,
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
    pub fn problems(&self) -> Vec<String> {
        let mut problems = self.schema.problems();
        for pair in self.entities.windows(2) {
            if pair[0].id >= pair[1].id {
                problems.push(format!(
                    "entity ids are not unique and sorted at {}",
                    pair[1].id
                ));
            }
        }
        for (i, doc) in self.documents.iter().enumerate() {
            if self.documents[..i].iter().any(|d| d.id == doc.id) {
                problems.push(format!("document id “{}” is used twice", doc.id));
            }
            problems.extend(
                document_problems(&self.schema, &self.entities, doc)
                    .into_iter()
                    .map(|p| format!("document “{}”: {p}", doc.id)),
            );
        }
        problems
    }
}

/// Problems inside one document, given the schema.
pub fn document_problems(schema: &Schema, entities: &[Entity], doc: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    for span in doc.spans() {
        problems.extend(span_problem(schema, doc, span));
    }
    problems.extend(doc.spans().iter().filter_map(|span| {
        let entity = span.entity?;
        entities
            .binary_search_by_key(&entity, |e| e.id)
            .is_err()
            .then(|| {
                format!(
                    "span {} refers to entity {entity}, which does not exist",
                    span.id
                )
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
) -> Option<String> {
    if span.range.is_empty() {
        return Some(format!("span {} is empty", span.id));
    }
    if !doc.text.contains_range(span.range) {
        return Some(format!(
            "span {} covers chars {}, but the text has only {} chars",
            span.id,
            span.range,
            doc.text.char_len()
        ));
    }
    if schema.label(&span.label).is_none() {
        return Some(format!(
            "span {} has label “{}”, which the schema does not define",
            span.id, span.label
        ));
    }
    None
}

pub(crate) fn claim_problems(
    schema: &Schema,
    doc: &Document,
    claim: &super::document::Claim,
) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(claim_type) = schema.claim_type(&claim.claim_type) else {
        problems.push(format!(
            "claim {} has type “{}”, which the schema does not define",
            claim.id, claim.claim_type
        ));
        return problems;
    };
    for (i, argument) in claim.arguments.iter().enumerate() {
        let Some(role) = claim_type.role(&argument.role) else {
            problems.push(format!(
                "claim {} has role “{}”, which claim type “{}” does not have",
                claim.id, argument.role, claim.claim_type
            ));
            continue;
        };
        if doc.span(argument.span).is_none() {
            problems.push(format!(
                "claim {} fills role “{}” with span {}, which does not exist",
                claim.id, argument.role, argument.span
            ));
        }
        let earlier = &claim.arguments[..i];
        if earlier.iter().any(|a| a == argument) {
            problems.push(format!(
                "claim {} has span {} in role “{}” twice",
                claim.id, argument.span, argument.role
            ));
        } else if !role.multiple && earlier.iter().any(|a| a.role == argument.role) {
            problems.push(format!(
                "claim {} fills role “{}” twice, but the role takes one span",
                claim.id, argument.role
            ));
        }
    }
    problems
}
