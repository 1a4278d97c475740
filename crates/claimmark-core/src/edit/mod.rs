//! Every change to a project is an [`Edit`] value, applied in one place
//! ([`Edit::apply`]), which returns the edit that undoes it. Undo and redo,
//! the "unsaved" state and tests all build on that.
//!
//! `apply` checks everything before it changes anything, so a refused edit
//! leaves the project as it was, and an applied edit keeps a sound project
//! sound (see [`crate::model::Project::problems`]).

pub mod history;

use crate::model::document::{Argument, Claim, ClaimId, DocId, DocStatus, Document, Span, SpanId};
use crate::model::project::{claim_problems, span_problem};
use crate::model::schema::{ClaimTypeDef, LabelDef, Name, RoleDef};
use crate::model::{CharRange, Entity, EntityId, Project, Provenance, ReviewStatus};

pub use history::{History, Stepped};

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
    SetDocumentPublished {
        doc: DocId,
        published: Option<time::Date>,
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

    InsertLabel {
        index: usize,
        label: LabelDef,
    },
    /// Refused while spans or roles use the label.
    RemoveLabel {
        name: Name,
    },
    /// Changes a label's colour, key or value kind; its name stays.
    ReplaceLabel {
        label: LabelDef,
    },
    /// Renames a label everywhere: schema, roles and spans.
    RenameLabel {
        from: Name,
        to: Name,
    },
    InsertClaimType {
        index: usize,
        claim_type: ClaimTypeDef,
    },
    /// Refused while claims have the type.
    RemoveClaimType {
        name: Name,
    },
    /// Renames a claim type and every claim of it.
    RenameClaimType {
        from: Name,
        to: Name,
    },
    InsertRole {
        claim_type: Name,
        index: usize,
        role: RoleDef,
    },
    /// Refused while arguments fill the role.
    RemoveRole {
        claim_type: Name,
        role: Name,
    },
    /// Changes whether a role is required, takes several spans and which
    /// labels it accepts; its name stays.
    ReplaceRole {
        claim_type: Name,
        role: RoleDef,
    },
    /// Renames a role and every argument in it.
    RenameRole {
        claim_type: Name,
        from: Name,
        to: Name,
    },

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
    #[error("position {index} is past the end ({len} items)")]
    BadIndex { index: usize, len: usize },
    #[error("there is no entity {0}")]
    NoEntity(EntityId),
    #[error("an entity {0} already exists")]
    EntityExists(EntityId),
    #[error("entity {id} is linked from {spans} span(s); link them elsewhere first")]
    EntityInUse { id: EntityId, spans: usize },
    /// The edit would break one of the model's rules.
    #[error("{0}")]
    Invalid(#[from] crate::model::ModelProblem),
    /// A non-schema edit reached the schema step: a bug, never the user's.
    #[error("internal: {0} is not a schema edit")]
    NotASchemaEdit(String),
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
            schema_edit => apply_schema_edit(schema_edit, project),
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
            Self::SetSpanNote { doc, span, .. } => Some(format!("span-note/{doc}/{span}")),
            Self::SetClaimNote { doc, claim, .. } => Some(format!("claim-note/{doc}/{claim}")),
            _ => None,
        }
    }
}

/// Gathers a batch of `InsertSpan` and `InsertClaim` edits into one
/// `InsertAnnotations` per document (in order of first appearance), which
/// applies much faster for large imports. Any other edit keeps the batch as
/// it is.
pub fn gather_inserts(edits: Vec<Edit>) -> Edit {
    if !edits
        .iter()
        .all(|edit| matches!(edit, Edit::InsertSpan { .. } | Edit::InsertClaim { .. }))
    {
        return Edit::Batch(edits);
    }
    let mut order: Vec<DocId> = Vec::new();
    let mut grouped: std::collections::HashMap<DocId, (Vec<Span>, Vec<Claim>)> =
        std::collections::HashMap::new();
    for edit in edits {
        let (doc, span, claim) = match edit {
            Edit::InsertSpan { doc, span } => (doc, Some(span), None),
            Edit::InsertClaim { doc, claim } => (doc, None, Some(claim)),
            _ => continue,
        };
        let entry = grouped.entry(doc.clone()).or_insert_with(|| {
            order.push(doc);
            (Vec::new(), Vec::new())
        });
        entry.0.extend(span);
        entry.1.extend(claim);
    }
    Edit::Batch(
        order
            .into_iter()
            .filter_map(|doc| {
                let (spans, claims) = grouped.remove(&doc)?;
                Some(Edit::InsertAnnotations { doc, spans, claims })
            })
            .collect(),
    )
}

fn insert_annotations(
    project: &mut Project,
    doc: DocId,
    spans: Vec<Span>,
    claims: Vec<Claim>,
) -> Result<Edit> {
    let document = project
        .document(&doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    let mut new_span_ids = std::collections::HashSet::with_capacity(spans.len());
    for span in &spans {
        if let Some(problem) = span_problem(&project.schema, document, span) {
            return Err(EditError::Invalid(problem));
        }
        if let Some(entity) = span.entity
            && project.entity(entity).is_none()
        {
            return Err(EditError::NoEntity(entity));
        }
        if document.span(span.id).is_some() || !new_span_ids.insert(span.id) {
            return Err(EditError::SpanExists { doc, span: span.id });
        }
    }
    let mut new_claim_ids = std::collections::HashSet::with_capacity(claims.len());
    for claim in &claims {
        if document.claim(claim.id).is_some() || !new_claim_ids.insert(claim.id) {
            return Err(EditError::ClaimExists {
                doc,
                claim: claim.id,
            });
        }
    }
    let span_ids: Vec<SpanId> = spans.iter().map(|s| s.id).collect();
    let claim_ids: Vec<ClaimId> = claims.iter().map(|c| c.id).collect();
    document_mut(project, &doc)?.insert_spans(spans);
    // Claims are checked against the document with its new spans.
    let document = project
        .document(&doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    let problem = claims.iter().find_map(|claim| {
        claim_problems(&project.schema, document, claim)
            .into_iter()
            .next()
    });
    if let Some(problem) = problem {
        let inserted: std::collections::HashSet<SpanId> = span_ids.iter().copied().collect();
        document_mut(project, &doc)?.remove_spans(&inserted);
        return Err(EditError::Invalid(problem));
    }
    document_mut(project, &doc)?.insert_claims(claims);
    Ok(Edit::RemoveAnnotations {
        doc,
        spans: span_ids,
        claims: claim_ids,
    })
}

fn remove_annotations(
    project: &mut Project,
    doc: DocId,
    spans: &[SpanId],
    claims: &[ClaimId],
) -> Result<Edit> {
    let document = project
        .document(&doc)
        .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    for &claim in claims {
        if document.claim(claim).is_none() {
            return Err(EditError::NoClaim { doc, claim });
        }
    }
    let leaving: std::collections::HashSet<ClaimId> = claims.iter().copied().collect();
    for &span in spans {
        if document.span(span).is_none() {
            return Err(EditError::NoSpan { doc, span });
        }
        let users = document
            .claims_using(span)
            .filter(|claim| !leaving.contains(&claim.id))
            .count();
        if users > 0 {
            return Err(EditError::SpanInUse {
                span,
                claims: users,
            });
        }
    }
    let span_set: std::collections::HashSet<SpanId> = spans.iter().copied().collect();
    let document = document_mut(project, &doc)?;
    let removed_claims = document.remove_claims(&leaving);
    let removed_spans = document.remove_spans(&span_set);
    Ok(Edit::InsertAnnotations {
        doc,
        spans: removed_spans,
        claims: removed_claims,
    })
}

/// The edit that deletes a span and first takes it out of every claim that
/// uses it, as one step.
pub fn remove_span_with_arguments(doc: &crate::model::Document, span: SpanId) -> Edit {
    let mut edits = Vec::new();
    for claim in doc.claims_using(span) {
        for (index, argument) in claim.arguments.iter().enumerate().rev() {
            if argument.span == span {
                edits.push(Edit::RemoveArgument {
                    doc: doc.id.clone(),
                    claim: claim.id,
                    index,
                });
            }
        }
    }
    edits.push(Edit::RemoveSpan {
        doc: doc.id.clone(),
        span,
    });
    Edit::Batch(edits)
}

/// The edit that adds documents after the project's last one, as one step.
pub fn append_documents(project: &Project, documents: Vec<crate::model::Document>) -> Edit {
    let at = project.documents.len();
    Edit::Batch(
        documents
            .into_iter()
            .enumerate()
            .map(|(i, document)| Edit::InsertDocument {
                index: at + i,
                document: Box::new(document),
            })
            .collect(),
    )
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

fn label_index(project: &Project, name: &Name) -> Result<usize> {
    project
        .schema
        .labels
        .iter()
        .position(|label| &label.name == name)
        .ok_or_else(|| EditError::NoLabel(name.clone()))
}

fn claim_type_index(project: &Project, name: &Name) -> Result<usize> {
    project
        .schema
        .claim_types
        .iter()
        .position(|ty| &ty.name == name)
        .ok_or_else(|| EditError::NoClaimType(name.clone()))
}

fn role_index(project: &Project, claim_type: &Name, role: &Name) -> Result<(usize, usize)> {
    let type_index = claim_type_index(project, claim_type)?;
    let role_index = project.schema.claim_types[type_index]
        .roles
        .iter()
        .position(|r| &r.name == role)
        .ok_or_else(|| EditError::NoRole {
            claim_type: claim_type.clone(),
            role: role.clone(),
        })?;
    Ok((type_index, role_index))
}

/// A schema whose problems list is empty, or the first problem.
fn check_schema(schema: &crate::model::Schema) -> Result<()> {
    match schema.problems().into_iter().next() {
        Some(problem) => Err(EditError::Invalid(problem)),
        None => Ok(()),
    }
}

fn arguments_in_role<'p>(
    project: &'p Project,
    claim_type: &'p Name,
    role: &'p Name,
) -> impl Iterator<Item = &'p Argument> + 'p {
    project
        .documents
        .iter()
        .flat_map(super::model::document::Document::claims)
        .filter(move |claim| &claim.claim_type == claim_type)
        .flat_map(|claim| claim.arguments.iter())
        .filter(move |argument| &argument.role == role)
}

#[allow(clippy::too_many_lines)] // one arm per schema edit, each short
fn apply_schema_edit(edit: Edit, project: &mut Project) -> Result<Edit> {
    match edit {
        Edit::InsertLabel { index, label } => {
            if project.schema.label(&label.name).is_some() {
                return Err(EditError::LabelExists(label.name));
            }
            check_index(index, project.schema.labels.len())?;
            let mut schema = project.schema.clone();
            let name = label.name.clone();
            schema.labels.insert(index, label);
            check_schema(&schema)?;
            project.schema = schema;
            Ok(Edit::RemoveLabel { name })
        }
        Edit::RemoveLabel { name } => {
            let index = label_index(project, &name)?;
            let spans = project
                .documents
                .iter()
                .flat_map(super::model::document::Document::spans)
                .filter(|span| span.label == name)
                .count();
            let roles = project
                .schema
                .claim_types
                .iter()
                .flat_map(|ty| &ty.roles)
                .filter(|role| role.labels.contains(&name))
                .count();
            if spans > 0 || roles > 0 {
                return Err(EditError::LabelInUse { name, spans, roles });
            }
            let label = project.schema.labels.remove(index);
            Ok(Edit::InsertLabel { index, label })
        }
        Edit::ReplaceLabel { label } => {
            let index = label_index(project, &label.name)?;
            let mut schema = project.schema.clone();
            let old = std::mem::replace(&mut schema.labels[index], label);
            check_schema(&schema)?;
            project.schema = schema;
            Ok(Edit::ReplaceLabel { label: old })
        }
        Edit::RenameLabel { from, to } => {
            let index = label_index(project, &from)?;
            if from == to {
                return Ok(Edit::RenameLabel { from: to, to: from });
            }
            if project.schema.label(&to).is_some() {
                return Err(EditError::LabelExists(to));
            }
            project.schema.labels[index].name = to.clone();
            for role in project
                .schema
                .claim_types
                .iter_mut()
                .flat_map(|ty| ty.roles.iter_mut())
            {
                for label in &mut role.labels {
                    if *label == from {
                        *label = to.clone();
                    }
                }
            }
            for span in project.documents.iter_mut().flat_map(Document::spans_mut) {
                if span.label == from {
                    span.label = to.clone();
                }
            }
            Ok(Edit::RenameLabel { from: to, to: from })
        }
        Edit::InsertClaimType { index, claim_type } => {
            if project.schema.claim_type(&claim_type.name).is_some() {
                return Err(EditError::ClaimTypeExists(claim_type.name));
            }
            check_index(index, project.schema.claim_types.len())?;
            let mut schema = project.schema.clone();
            let name = claim_type.name.clone();
            schema.claim_types.insert(index, claim_type);
            check_schema(&schema)?;
            project.schema = schema;
            Ok(Edit::RemoveClaimType { name })
        }
        Edit::RemoveClaimType { name } => {
            let index = claim_type_index(project, &name)?;
            let claims = project
                .documents
                .iter()
                .flat_map(super::model::document::Document::claims)
                .filter(|claim| claim.claim_type == name)
                .count();
            if claims > 0 {
                return Err(EditError::ClaimTypeInUse { name, claims });
            }
            let claim_type = project.schema.claim_types.remove(index);
            Ok(Edit::InsertClaimType { index, claim_type })
        }
        Edit::RenameClaimType { from, to } => {
            let index = claim_type_index(project, &from)?;
            if from == to {
                return Ok(Edit::RenameClaimType { from: to, to: from });
            }
            if project.schema.claim_type(&to).is_some() {
                return Err(EditError::ClaimTypeExists(to));
            }
            project.schema.claim_types[index].name = to.clone();
            for claim in project.documents.iter_mut().flat_map(Document::claims_mut) {
                if claim.claim_type == from {
                    claim.claim_type = to.clone();
                }
            }
            Ok(Edit::RenameClaimType { from: to, to: from })
        }
        Edit::InsertRole {
            claim_type,
            index,
            role,
        } => {
            let type_index = claim_type_index(project, &claim_type)?;
            let mut schema = project.schema.clone();
            let roles = &mut schema.claim_types[type_index].roles;
            if roles.iter().any(|r| r.name == role.name) {
                return Err(EditError::RoleExists {
                    claim_type,
                    role: role.name,
                });
            }
            check_index(index, roles.len())?;
            let name = role.name.clone();
            roles.insert(index, role);
            check_schema(&schema)?;
            project.schema = schema;
            Ok(Edit::RemoveRole {
                claim_type,
                role: name,
            })
        }
        Edit::RemoveRole { claim_type, role } => {
            let (type_index, index) = role_index(project, &claim_type, &role)?;
            let arguments = arguments_in_role(project, &claim_type, &role).count();
            if arguments > 0 {
                return Err(EditError::RoleInUse { role, arguments });
            }
            let removed = project.schema.claim_types[type_index].roles.remove(index);
            Ok(Edit::InsertRole {
                claim_type,
                index,
                role: removed,
            })
        }
        Edit::ReplaceRole { claim_type, role } => {
            let (type_index, index) = role_index(project, &claim_type, &role.name)?;
            let mut schema = project.schema.clone();
            let old = std::mem::replace(&mut schema.claim_types[type_index].roles[index], role);
            check_schema(&schema)?;
            // Turning "several spans" off must not leave claims with several.
            let mut probe = Project::new(schema);
            for doc in &project.documents {
                for claim in doc.claims().iter().filter(|c| c.claim_type == claim_type) {
                    if let Some(problem) =
                        claim_problems(&probe.schema, doc, claim).into_iter().next()
                    {
                        return Err(EditError::Invalid(problem));
                    }
                }
            }
            std::mem::swap(&mut project.schema, &mut probe.schema);
            Ok(Edit::ReplaceRole {
                claim_type,
                role: old,
            })
        }
        Edit::RenameRole {
            claim_type,
            from,
            to,
        } => {
            let (type_index, index) = role_index(project, &claim_type, &from)?;
            if from == to {
                return Ok(Edit::RenameRole {
                    claim_type,
                    from: to,
                    to: from,
                });
            }
            if project.schema.claim_types[type_index].role(&to).is_some() {
                return Err(EditError::RoleExists {
                    claim_type,
                    role: to,
                });
            }
            project.schema.claim_types[type_index].roles[index].name = to.clone();
            for claim in project.documents.iter_mut().flat_map(Document::claims_mut) {
                if claim.claim_type != claim_type {
                    continue;
                }
                for argument in &mut claim.arguments {
                    if argument.role == from {
                        argument.role = to.clone();
                    }
                }
            }
            Ok(Edit::RenameRole {
                claim_type,
                from: to,
                to: from,
            })
        }
        other => Err(EditError::NotASchemaEdit(format!("{other:?}"))),
    }
}

#[cfg(test)]
mod tests;
