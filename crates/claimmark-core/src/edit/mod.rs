//! Every change to a project is an [`Edit`] value, applied in one place
//! ([`Edit::apply`]), which returns the edit that undoes it. Undo and redo,
//! the "unsaved" state and tests all build on that.
//!
//! `apply` checks everything before it changes anything, so a refused edit
//! leaves the project as it was, and an applied edit keeps a sound project
//! sound (see [`crate::model::Project::problems`]).

mod build;
mod bulk;
mod history;
mod schema;

use crate::model::document::{Argument, Claim, ClaimId, DocId, DocStatus, Document, Span, SpanId};
use crate::model::project::{claim_problems, span_problem};
use crate::model::schema::Name;
use crate::model::{
    CharRange, Conflict, Entity, EntityId, ExtractorConfig, Project, Provenance, ReviewStatus,
};

pub use build::{append_documents, remove_span_with_arguments};
pub use bulk::gather_inserts;
use bulk::{insert_annotations, remove_annotations};
pub use history::{History, Stepped};
pub use schema::SchemaEdit;

/// One change to a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    InsertDocument {
        index: usize,
        document: Box<Document>,
    },
    RemoveDocument {
        doc: DocId,
    },
    SetDocumentTitle {
        doc: DocId,
        title: String,
    },
    SetDocumentSource {
        doc: DocId,
        source: String,
    },
    SetDocumentNote {
        doc: DocId,
        note: String,
    },
    SetDocumentPublished {
        doc: DocId,
        published: Option<time::Date>,
    },
    /// Marks a ledger problem as explained with the analyst's note; an
    /// empty note marks it unexplained again.
    SetExplanation {
        problem: String,
        note: String,
    },
    SetDocumentStatus {
        doc: DocId,
        status: DocStatus,
    },

    InsertSpan {
        doc: DocId,
        span: Span,
    },
    /// Refused while a claim uses the span: remove those arguments first
    /// (in the same [`Edit::Batch`]).
    RemoveSpan {
        doc: DocId,
        span: SpanId,
    },
    SetSpanLabel {
        doc: DocId,
        span: SpanId,
        label: Name,
    },
    SetSpanRange {
        doc: DocId,
        span: SpanId,
        range: CharRange,
    },
    SetSpanNote {
        doc: DocId,
        span: SpanId,
        note: String,
    },

    /// Sets a span's review status only.
    SetSpanStatus {
        doc: DocId,
        span: SpanId,
        status: ReviewStatus,
    },
    /// Replaces a span by a changed copy with the same id (status, value,
    /// entity, origin… in one go).
    ReplaceSpan {
        doc: DocId,
        span: Span,
    },

    InsertClaim {
        doc: DocId,
        claim: Claim,
    },
    /// Sets a claim's review status and provenance only.
    SetClaimReview {
        doc: DocId,
        claim: ClaimId,
        status: ReviewStatus,
        provenance: Option<Provenance>,
    },
    /// Replaces a claim by a changed copy with the same id.
    ReplaceClaim {
        doc: DocId,
        claim: Claim,
    },
    RemoveClaim {
        doc: DocId,
        claim: ClaimId,
    },
    /// Refused when the claim has arguments in roles the new type lacks.
    SetClaimType {
        doc: DocId,
        claim: ClaimId,
        claim_type: Name,
    },
    SetClaimNote {
        doc: DocId,
        claim: ClaimId,
        note: String,
    },
    InsertArgument {
        doc: DocId,
        claim: ClaimId,
        index: usize,
        argument: Argument,
    },
    RemoveArgument {
        doc: DocId,
        claim: ClaimId,
        index: usize,
    },

    /// A change to the schema: labels, claim types, roles.
    Schema(SchemaEdit),

    /// Many spans and claims of one document at once (an import, a run of
    /// the suggester): checked together, inserted with one sort.
    InsertAnnotations {
        doc: DocId,
        spans: Vec<Span>,
        claims: Vec<Claim>,
    },
    /// Removes spans and claims of one document at once (the inverse of
    /// `InsertAnnotations`). Refused while a remaining claim uses a span.
    RemoveAnnotations {
        doc: DocId,
        spans: Vec<SpanId>,
        claims: Vec<ClaimId>,
    },

    InsertEntity {
        entity: Entity,
    },
    /// Refused while spans refer to it.
    RemoveEntity {
        id: EntityId,
    },
    /// Changes an entity's name, aliases or kind; its id stays.
    ReplaceEntity {
        entity: Entity,
    },

    /// Sets the extractor command the project names.
    SetExtractor {
        extractor: Option<ExtractorConfig>,
    },

    /// Adds a merge conflict record at `index` of the list.
    InsertConflict {
        index: usize,
        conflict: Box<Conflict>,
    },
    /// Removes the conflict record at `index` (resolving it, with the
    /// edits that take the chosen version, in one batch).
    RemoveConflict {
        index: usize,
    },

    /// The whole project at once: a merge with the file on disk, one step
    /// to undo. Refused unless the new project is sound.
    ReplaceProject {
        project: Box<Project>,
    },

    /// Several edits as one step: all apply, or none.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The project is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no document “{0}”")]
    NoDocument(DocId),
    #[error("a document with id “{0}” already exists")]
    DocumentExists(DocId),
    #[error("document “{doc}” has no span {span}")]
    NoSpan { doc: DocId, span: SpanId },
    #[error("document “{doc}” has no claim {claim}")]
    NoClaim { doc: DocId, claim: ClaimId },
    #[error("document “{doc}” already has a span {span}")]
    SpanExists { doc: DocId, span: SpanId },
    #[error("document “{doc}” already has a claim {claim}")]
    ClaimExists { doc: DocId, claim: ClaimId },
    #[error("span {span} is used by {claims} claim(s); remove it from them first")]
    SpanInUse { span: SpanId, claims: usize },
    #[error("claim {claim} has no argument at position {index}")]
    NoArgument { claim: ClaimId, index: usize },
    #[error("there is no label “{0}”")]
    NoLabel(Name),
    #[error("a label “{0}” already exists")]
    LabelExists(Name),
    #[error("label “{name}” is used by {spans} span(s) and {roles} role(s); change those first")]
    LabelInUse {
        name: Name,
        spans: usize,
        roles: usize,
    },
    #[error("there is no claim type “{0}”")]
    NoClaimType(Name),
    #[error("a claim type “{0}” already exists")]
    ClaimTypeExists(Name),
    #[error("claim type “{name}” is used by {claims} claim(s)")]
    ClaimTypeInUse { name: Name, claims: usize },
    #[error("claim type “{claim_type}” has no role “{role}”")]
    NoRole { claim_type: Name, role: Name },
    #[error("claim type “{claim_type}” already has a role “{role}”")]
    RoleExists { claim_type: Name, role: Name },
    #[error("role “{role}” is filled in {arguments} argument(s)")]
    RoleInUse { role: Name, arguments: usize },
    #[error(
        "role “{role}” is a key role of claim type “{claim_type}”; take it out of the key roles first"
    )]
    KeyRoleInUse { claim_type: Name, role: Name },
    #[error("role “{part}” is part of role “{role}”; change or remove “{part}” first")]
    WholeRoleInUse { role: Name, part: Name },
    #[error("position {index} is past the end ({len} items)")]
    BadIndex { index: usize, len: usize },
    #[error("there is no entity {0}")]
    NoEntity(EntityId),
    #[error("there is no conflict number {0}; it was resolved already")]
    NoConflict(usize),
    #[error("an entity {0} already exists")]
    EntityExists(EntityId),
    #[error("entity {id} is linked from {spans} span(s); link them elsewhere first")]
    EntityInUse { id: EntityId, spans: usize },
    /// The edit would break one of the model's rules.
    #[error("{0}")]
    Invalid(#[from] crate::model::ModelProblem),
}

type Result<T> = std::result::Result<T, EditError>;

impl Edit {
    /// Applies the edit and returns its inverse. On error nothing changed.
    #[allow(clippy::too_many_lines)] // one arm per edit, each short
    pub fn apply(self, project: &mut Project) -> Result<Edit> {
        match self {
            Self::Batch(edits) => apply_batch(edits, project),
            Self::InsertDocument { index, document } => {
                if project.document(&document.id).is_some() {
                    return Err(EditError::DocumentExists(document.id.clone()));
                }
                check_index(index, project.documents.len())?;
                let problems = crate::model::project::document_problems(
                    &project.schema,
                    &project.entities,
                    &document,
                );
                if let Some(problem) = problems.into_iter().next() {
                    return Err(EditError::Invalid(problem));
                }
                let doc = document.id.clone();
                project.documents.insert(index, *document);
                Ok(Self::RemoveDocument { doc })
            }
            Self::RemoveDocument { doc } => {
                let index = project
                    .document_index(&doc)
                    .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
                let document = project.documents.remove(index);
                Ok(Self::InsertDocument {
                    index,
                    document: Box::new(document),
                })
            }
            Self::SetDocumentTitle { doc, title } => {
                let document = document_mut(project, &doc)?;
                let old = std::mem::replace(&mut document.title, title);
                Ok(Self::SetDocumentTitle { doc, title: old })
            }
            Self::SetDocumentSource { doc, source } => {
                let document = document_mut(project, &doc)?;
                let old = std::mem::replace(&mut document.source, source);
                Ok(Self::SetDocumentSource { doc, source: old })
            }
            Self::SetDocumentNote { doc, note } => {
                let document = document_mut(project, &doc)?;
                let old = std::mem::replace(&mut document.note, note);
                Ok(Self::SetDocumentNote { doc, note: old })
            }
            Self::SetExplanation { problem, note } => {
                let old = if note.trim().is_empty() {
                    project.explanations.remove(&problem)
                } else {
                    project.explanations.insert(problem.clone(), note)
                };
                Ok(Self::SetExplanation {
                    problem,
                    note: old.unwrap_or_default(),
                })
            }
            Self::SetDocumentPublished { doc, published } => {
                let document = document_mut(project, &doc)?;
                let old = std::mem::replace(&mut document.published, published);
                Ok(Self::SetDocumentPublished {
                    doc,
                    published: old,
                })
            }
            Self::SetDocumentStatus { doc, status } => {
                let document = document_mut(project, &doc)?;
                let old = std::mem::replace(&mut document.status, status);
                Ok(Self::SetDocumentStatus { doc, status: old })
            }
            Self::InsertSpan { doc, span } => insert_span(project, doc, span),
            Self::RemoveSpan { doc, span } => remove_span(project, doc, span),
            Self::SetSpanLabel { doc, span, label } => {
                if project.schema.label(&label).is_none() {
                    return Err(EditError::NoLabel(label));
                }
                let target = span_mut(project, &doc, span)?;
                let old = std::mem::replace(&mut target.label, label);
                Ok(Self::SetSpanLabel {
                    doc,
                    span,
                    label: old,
                })
            }
            Self::SetSpanRange { doc, span, range } => {
                let document = document_mut(project, &doc)?;
                if range.is_empty() || !document.text.contains_range(range) {
                    return Err(EditError::Invalid(
                        crate::model::ModelProblem::RangeOutsideText {
                            range,
                            text_len: document.text.char_len(),
                        },
                    ));
                }
                let target = span_mut(project, &doc, span)?;
                let old = std::mem::replace(&mut target.range, range);
                Ok(Self::SetSpanRange {
                    doc,
                    span,
                    range: old,
                })
            }
            Self::SetSpanNote { doc, span, note } => {
                let target = span_mut(project, &doc, span)?;
                let old = std::mem::replace(&mut target.note, note);
                Ok(Self::SetSpanNote {
                    doc,
                    span,
                    note: old,
                })
            }
            Self::SetSpanStatus { doc, span, status } => {
                let target = span_mut(project, &doc, span)?;
                let old = std::mem::replace(&mut target.status, status);
                Ok(Self::SetSpanStatus {
                    doc,
                    span,
                    status: old,
                })
            }
            Self::SetClaimReview {
                doc,
                claim,
                status,
                provenance,
            } => {
                let target = claim_mut(project, &doc, claim)?;
                let old_status = std::mem::replace(&mut target.status, status);
                let old_provenance = std::mem::replace(&mut target.provenance, provenance);
                Ok(Self::SetClaimReview {
                    doc,
                    claim,
                    status: old_status,
                    provenance: old_provenance,
                })
            }
            Self::ReplaceSpan { doc, span } => {
                let document = project
                    .document(&doc)
                    .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
                if let Some(problem) = span_problem(&project.schema, document, &span) {
                    return Err(EditError::Invalid(problem));
                }
                if let Some(entity) = span.entity
                    && project.entity(entity).is_none()
                {
                    return Err(EditError::NoEntity(entity));
                }
                let id = span.id;
                let target = span_mut(project, &doc, id)?;
                let old = std::mem::replace(target, span);
                Ok(Self::ReplaceSpan { doc, span: old })
            }
            Self::InsertClaim { doc, claim } => insert_claim(project, doc, claim),
            Self::ReplaceClaim { doc, claim } => {
                let old = claim_ref(project, &doc, claim.id)?.clone();
                replace_claim_checked(project, &doc, claim)?;
                Ok(Self::ReplaceClaim { doc, claim: old })
            }
            Self::InsertAnnotations { doc, spans, claims } => {
                insert_annotations(project, doc, spans, claims)
            }
            Self::RemoveAnnotations { doc, spans, claims } => {
                remove_annotations(project, doc, &spans, &claims)
            }
            Self::InsertEntity { entity } => {
                let id = entity.id;
                match project.entities.binary_search_by_key(&id, |e| e.id) {
                    Ok(_) => Err(EditError::EntityExists(id)),
                    Err(index) => {
                        project.entities.insert(index, entity);
                        Ok(Self::RemoveEntity { id })
                    }
                }
            }
            Self::RemoveEntity { id } => {
                let spans = project
                    .documents
                    .iter()
                    .flat_map(super::model::document::Document::spans)
                    .filter(|s| s.entity == Some(id))
                    .count();
                if spans > 0 {
                    return Err(EditError::EntityInUse { id, spans });
                }
                let index = project
                    .entities
                    .binary_search_by_key(&id, |e| e.id)
                    .map_err(|_| EditError::NoEntity(id))?;
                let entity = project.entities.remove(index);
                Ok(Self::InsertEntity { entity })
            }
            Self::ReplaceEntity { entity } => {
                let index = project
                    .entities
                    .binary_search_by_key(&entity.id, |e| e.id)
                    .map_err(|_| EditError::NoEntity(entity.id))?;
                let old = std::mem::replace(&mut project.entities[index], entity);
                Ok(Self::ReplaceEntity { entity: old })
            }
            Self::RemoveClaim { doc, claim } => {
                let document = document_mut(project, &doc)?;
                let removed = document
                    .remove_claim(claim)
                    .ok_or_else(|| EditError::NoClaim {
                        doc: doc.clone(),
                        claim,
                    })?;
                Ok(Self::InsertClaim {
                    doc,
                    claim: removed,
                })
            }
            Self::SetClaimType {
                doc,
                claim,
                claim_type,
            } => {
                let mut changed = claim_ref(project, &doc, claim)?.clone();
                let old = std::mem::replace(&mut changed.claim_type, claim_type);
                replace_claim_checked(project, &doc, changed)?;
                Ok(Self::SetClaimType {
                    doc,
                    claim,
                    claim_type: old,
                })
            }
            Self::SetClaimNote { doc, claim, note } => {
                let target = claim_mut(project, &doc, claim)?;
                let old = std::mem::replace(&mut target.note, note);
                Ok(Self::SetClaimNote {
                    doc,
                    claim,
                    note: old,
                })
            }
            Self::InsertArgument {
                doc,
                claim,
                index,
                argument,
            } => {
                let mut changed = claim_ref(project, &doc, claim)?.clone();
                check_index(index, changed.arguments.len())?;
                changed.arguments.insert(index, argument);
                replace_claim_checked(project, &doc, changed)?;
                Ok(Self::RemoveArgument { doc, claim, index })
            }
            Self::RemoveArgument { doc, claim, index } => {
                let target = claim_mut(project, &doc, claim)?;
                if index >= target.arguments.len() {
                    return Err(EditError::NoArgument { claim, index });
                }
                let argument = target.arguments.remove(index);
                Ok(Self::InsertArgument {
                    doc,
                    claim,
                    index,
                    argument,
                })
            }
            Self::Schema(edit) => edit.apply(project).map(Self::Schema),
            Self::ReplaceProject { project: new } => {
                if let Some(problem) = new.problems().into_iter().next() {
                    return Err(EditError::Invalid(problem));
                }
                let old = std::mem::replace(project, *new);
                Ok(Self::ReplaceProject {
                    project: Box::new(old),
                })
            }
            Self::SetExtractor { extractor } => {
                let old = std::mem::replace(&mut project.extractor, extractor);
                Ok(Self::SetExtractor { extractor: old })
            }
            Self::InsertConflict { index, conflict } => {
                check_index(index, project.conflicts.len())?;
                project.conflicts.insert(index, *conflict);
                Ok(Self::RemoveConflict { index })
            }
            Self::RemoveConflict { index } => {
                if index >= project.conflicts.len() {
                    return Err(EditError::NoConflict(index + 1));
                }
                let conflict = project.conflicts.remove(index);
                Ok(Self::InsertConflict {
                    index,
                    conflict: Box::new(conflict),
                })
            }
        }
    }

    /// Every document an edit changes, for caches that redo one document
    /// at a time (the ledger); `None` when it changes what every document
    /// reads (the schema, entities). A note on a ledger problem changes no
    /// document.
    pub fn documents(&self) -> Option<Vec<DocId>> {
        match self {
            Self::Batch(edits) => {
                let mut all: Vec<DocId> = Vec::new();
                for edit in edits {
                    all.extend(edit.documents()?);
                }
                all.sort();
                all.dedup();
                Some(all)
            }
            Self::SetExplanation { .. } => Some(Vec::new()),
            other => other.document().map(|doc| vec![doc.clone()]),
        }
    }

    /// The document an edit changes, if it changes one; the view goes there
    /// on undo and redo.
    pub fn document(&self) -> Option<&DocId> {
        match self {
            Self::InsertDocument { document, .. } => Some(&document.id),
            Self::RemoveDocument { doc }
            | Self::SetDocumentTitle { doc, .. }
            | Self::SetDocumentSource { doc, .. }
            | Self::SetDocumentNote { doc, .. }
            | Self::SetDocumentPublished { doc, .. }
            | Self::SetDocumentStatus { doc, .. }
            | Self::InsertSpan { doc, .. }
            | Self::RemoveSpan { doc, .. }
            | Self::SetSpanLabel { doc, .. }
            | Self::SetSpanRange { doc, .. }
            | Self::SetSpanNote { doc, .. }
            | Self::ReplaceSpan { doc, .. }
            | Self::InsertAnnotations { doc, .. }
            | Self::RemoveAnnotations { doc, .. }
            | Self::SetSpanStatus { doc, .. }
            | Self::SetClaimReview { doc, .. }
            | Self::InsertClaim { doc, .. }
            | Self::ReplaceClaim { doc, .. }
            | Self::RemoveClaim { doc, .. }
            | Self::SetClaimType { doc, .. }
            | Self::SetClaimNote { doc, .. }
            | Self::InsertArgument { doc, .. }
            | Self::RemoveArgument { doc, .. } => Some(doc),
            Self::Batch(edits) => edits.iter().find_map(Self::document),
            _ => None,
        }
    }

    /// The spans the edit inserts, in order (for reports on suggestions and
    /// imports).
    pub fn inserted_spans(&self) -> Vec<&Span> {
        match self {
            Self::Batch(edits) => edits.iter().flat_map(Self::inserted_spans).collect(),
            Self::InsertSpan { span, .. } => vec![span],
            Self::InsertAnnotations { spans, .. } => spans.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The claims the edit inserts (an import, the suggester).
    pub fn inserted_claims(&self) -> Vec<&Claim> {
        match self {
            Self::Batch(edits) => edits.iter().flat_map(Self::inserted_claims).collect(),
            Self::InsertClaim { claim, .. } => vec![claim],
            Self::InsertAnnotations { claims, .. } => claims.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// How many spans, claims and other items the edit changes (for
    /// messages: "Suggest 143 spans").
    pub fn size(&self) -> usize {
        match self {
            Self::Batch(edits) => edits.iter().map(Self::size).sum(),
            Self::InsertAnnotations { spans, claims, .. } => spans.len() + claims.len(),
            Self::RemoveAnnotations { spans, claims, .. } => spans.len() + claims.len(),
            _ => 1,
        }
    }

    /// Edits that may merge with the previous one of the same key into one
    /// undo step: typing a note letter by letter is one change.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            Self::SetDocumentTitle { doc, .. } => Some(format!("title/{doc}")),
            Self::SetDocumentSource { doc, .. } => Some(format!("source/{doc}")),
            Self::SetDocumentNote { doc, .. } => Some(format!("doc-note/{doc}")),
            Self::SetExplanation { problem, .. } => Some(format!("explanation/{problem}")),
            Self::SetSpanNote { doc, span, .. } => Some(format!("span-note/{doc}/{span}")),
            Self::SetClaimNote { doc, claim, .. } => Some(format!("claim-note/{doc}/{claim}")),
            _ => None,
        }
    }
}

fn apply_batch(edits: Vec<Edit>, project: &mut Project) -> Result<Edit> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(project) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                // Roll back what was applied; inverses of applied edits
                // always apply.
                for inverse in inverses.into_iter().rev() {
                    if let Err(rollback) = inverse.apply(project) {
                        tracing::error!("could not roll back a batch: {rollback}");
                    }
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn check_index(index: usize, len: usize) -> Result<()> {
    if index > len {
        return Err(EditError::BadIndex { index, len });
    }
    Ok(())
}

fn document_mut<'p>(project: &'p mut Project, doc: &DocId) -> Result<&'p mut Document> {
    project
        .document_mut(doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))
}

fn span_mut<'p>(project: &'p mut Project, doc: &DocId, span: SpanId) -> Result<&'p mut Span> {
    document_mut(project, doc)?
        .span_mut(span)
        .ok_or_else(|| EditError::NoSpan {
            doc: doc.clone(),
            span,
        })
}

fn claim_ref<'p>(project: &'p Project, doc: &DocId, claim: ClaimId) -> Result<&'p Claim> {
    project
        .document(doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?
        .claim(claim)
        .ok_or_else(|| EditError::NoClaim {
            doc: doc.clone(),
            claim,
        })
}

fn claim_mut<'p>(project: &'p mut Project, doc: &DocId, claim: ClaimId) -> Result<&'p mut Claim> {
    document_mut(project, doc)?
        .claim_mut(claim)
        .ok_or_else(|| EditError::NoClaim {
            doc: doc.clone(),
            claim,
        })
}

/// Replaces a claim by a changed copy if the copy is sound.
fn replace_claim_checked(project: &mut Project, doc: &DocId, changed: Claim) -> Result<()> {
    let document = project
        .document(doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    if let Some(problem) = claim_problems(&project.schema, document, &changed)
        .into_iter()
        .next()
    {
        return Err(EditError::Invalid(problem));
    }
    let id = changed.id;
    *claim_mut(project, doc, id)? = changed;
    Ok(())
}

fn insert_span(project: &mut Project, doc: DocId, span: Span) -> Result<Edit> {
    let document = project
        .document(&doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    if let Some(problem) = span_problem(&project.schema, document, &span) {
        return Err(EditError::Invalid(problem));
    }
    let id = span.id;
    if !document_mut(project, &doc)?.insert_span(span) {
        return Err(EditError::SpanExists { doc, span: id });
    }
    Ok(Edit::RemoveSpan { doc, span: id })
}

fn remove_span(project: &mut Project, doc: DocId, span: SpanId) -> Result<Edit> {
    let document = document_mut(project, &doc)?;
    let users = document.claims_using(span).count();
    if users > 0 {
        return Err(EditError::SpanInUse {
            span,
            claims: users,
        });
    }
    let removed = document
        .remove_span(span)
        .ok_or_else(|| EditError::NoSpan {
            doc: doc.clone(),
            span,
        })?;
    Ok(Edit::InsertSpan { doc, span: removed })
}

fn insert_claim(project: &mut Project, doc: DocId, claim: Claim) -> Result<Edit> {
    let document = project
        .document(&doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    if let Some(problem) = claim_problems(&project.schema, document, &claim)
        .into_iter()
        .next()
    {
        return Err(EditError::Invalid(problem));
    }
    let id = claim.id;
    if !document_mut(project, &doc)?.insert_claim(claim) {
        return Err(EditError::ClaimExists { doc, claim: id });
    }
    Ok(Edit::RemoveClaim { doc, claim: id })
}

#[cfg(test)]
mod tests;
