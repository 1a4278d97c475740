//! Many spans and claims of one document in one edit (imports, the
//! suggester): checked together, inserted with one sort.

use super::{Edit, EditError, Result, document_mut};
use crate::model::Project;
use crate::model::document::{Claim, ClaimId, DocId, Span, SpanId};
use crate::model::project::{claim_problems, span_problem};

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

pub(super) fn insert_annotations(
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

pub(super) fn remove_annotations(
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
