//! A span's normalised value and entity, and the edits around them.

use crate::edit::Edit;
use crate::model::{
    Document, Entity, EntityId, Project, ReviewStatus, Schema, Span, SpanId, SpanValue, ValueKind,
    ValueSource,
};
use crate::normalize::names;
use crate::normalize::{Normalized, normalize_span, normalizer_owns, renormalize, span_value_at};

use super::AnnotateError;

/// A span with the value (and, for names, the entity it most likely is,
/// when `link` allows) the normaliser gives it under its current label; a
/// value set by hand or imported stays. Also returns the edit that records
/// a new spelling as an alias of the linked entity, if there is one.
///
/// Every maker of spans calls this: tagging by hand, relabelling, filling a
/// role from a selection, the importer, the suggester and tagging all
/// occurrences.
pub fn with_normalized_value(
    project: &Project,
    doc: &Document,
    span: Span,
    link: bool,
) -> (Span, Option<Edit>) {
    normalized_span(&project.schema, &project.entities, doc, span, link)
}

/// [`with_normalized_value`] for callers that hold the schema and the
/// entities (sorted by id, as a project keeps them) rather than a project.
pub fn normalized_span(
    schema: &Schema,
    entities: &[Entity],
    doc: &Document,
    mut span: Span,
    link: bool,
) -> (Span, Option<Edit>) {
    let Some(kind) = schema.label(&span.label).map(|l| l.value_kind) else {
        return (span, None);
    };
    if !normalizer_owns(span.value.as_ref()) {
        return (span, None);
    }
    let entity_of = |id: EntityId| {
        entities
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .and_then(|index| entities.get(index))
    };
    let text = doc.span_text(&span).to_owned();
    let mut alias = None;
    if is_name_kind(kind) {
        if link
            && span
                .entity
                .is_none_or(|id| entity_of(id).is_none_or(|e| e.kind != kind))
        {
            span.entity = names::should_link(&names::best_matches(entities, kind, &text));
        }
        if let Some(entity) = span.entity.and_then(entity_of) {
            let mention = names::clean_mention(&text);
            if !mention.is_empty() && !names::knows_name(entity, &mention) {
                let mut changed = entity.clone();
                changed.aliases.push(mention);
                alias = Some(Edit::ReplaceEntity { entity: changed });
            }
        }
    } else {
        span.entity = None;
    }
    let entity = span.entity.and_then(entity_of);
    span.value = match span_value_at(doc, span.range, kind, entity) {
        Normalized::Value(value) => Some(SpanValue {
            value,
            source: ValueSource::Normalizer,
        }),
        Normalized::NeedsAnalyst { .. } | Normalized::NotApplicable => None,
    };
    (span, alias)
}

fn is_name_kind(kind: ValueKind) -> bool {
    matches!(
        kind,
        ValueKind::Person | ValueKind::Organization | ValueKind::Place
    )
}

/// Why a span of a date or count label has no value: the normaliser's
/// question for the analyst, if it has one.
pub fn needs_analyst(project: &Project, doc: &Document, span: &Span) -> Option<String> {
    if span.value.is_some() {
        return None;
    }
    let kind = project.schema.label(&span.label)?.value_kind;
    match normalize_span(kind, doc.span_text(span), doc.published) {
        Normalized::NeedsAnalyst { reason } => Some(reason),
        Normalized::Value(_) | Normalized::NotApplicable => None,
    }
}

/// Unlinked, not rejected spans of the entity's kind, across the project,
/// that the matcher would link to it: (document index, span).
pub fn matching_mentions(project: &Project, entity: EntityId) -> Vec<(usize, SpanId)> {
    let Some(target) = project.entity(entity) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (index, doc) in project.documents.iter().enumerate() {
        for span in doc.spans() {
            if span.entity.is_some() || span.status == ReviewStatus::Rejected {
                continue;
            }
            if project.schema.label(&span.label).map(|l| l.value_kind) != Some(target.kind) {
                continue;
            }
            let matches = names::best_matches(&project.entities, target.kind, doc.span_text(span));
            if names::should_link(&matches) == Some(entity) {
                found.push((index, span.id));
            }
        }
    }
    found
}

/// Links, in one edit, every mention [`matching_mentions`] finds, adding
/// new spellings to the entity's aliases. Returns the edit and how many
/// mentions it links.
pub fn link_matching_mentions(
    project: &Project,
    entity: EntityId,
) -> Result<(Edit, usize), AnnotateError> {
    let mentions = matching_mentions(project, entity);
    let target = project
        .entity(entity)
        .ok_or(AnnotateError::NoMatchingMention)?;
    if mentions.is_empty() {
        return Err(AnnotateError::NoMatchingMention);
    }
    let mut changed = target.clone();
    let mut edits = Vec::new();
    for (doc_index, span_id) in &mentions {
        let Some(doc) = project.documents.get(*doc_index) else {
            continue;
        };
        let Some(span) = doc.span(*span_id) else {
            continue;
        };
        let mention = names::clean_mention(doc.span_text(span));
        if !mention.is_empty() && !names::knows_name(&changed, &mention) {
            changed.aliases.push(mention);
        }
        let mut linked = span.clone();
        linked.entity = Some(entity);
        let (linked, _) = with_normalized_value(project, doc, linked, false);
        edits.push(Edit::ReplaceSpan {
            doc: doc.id.clone(),
            span: linked,
        });
    }
    if changed.aliases != target.aliases {
        edits.push(Edit::ReplaceEntity { entity: changed });
    }
    Ok((Edit::Batch(edits), mentions.len()))
}

/// Takes a span off its entity; a value the normaliser gave it is read
/// again from the text (not linked again: the analyst just unlinked it).
pub fn unlink(doc: &Document, project: &Project, span: SpanId) -> Result<Edit, AnnotateError> {
    let target = doc.span(span).ok_or(AnnotateError::NoSpan(span))?;
    let mut changed = target.clone();
    changed.entity = None;
    let (changed, _) = with_normalized_value(project, doc, changed, false);
    Ok(Edit::ReplaceSpan {
        doc: doc.id.clone(),
        span: changed,
    })
}

/// A change of publication date re-reads the document's relative dates
/// ("Thursday", "last week") in the same step; any other edit is returned
/// as it is.
pub fn with_renormalized_dates(project: &Project, edit: Edit) -> Edit {
    let Edit::SetDocumentPublished { doc, published } = &edit else {
        return edit;
    };
    let Some(document) = project.document(doc) else {
        return edit;
    };
    let mut redated = document.clone();
    redated.published = *published;
    let mut edits = renormalize(&redated, &project.schema, &project.entities);
    if edits.is_empty() {
        return edit;
    }
    edits.insert(0, edit);
    Edit::Batch(edits)
}
