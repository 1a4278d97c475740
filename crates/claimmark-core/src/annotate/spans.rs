//! Tagging a range of text, and relabelling a span.

use crate::edit::Edit;
use crate::model::{CharRange, Document, Name, Project, Span, SpanId};

use super::{AnnotateError, with_normalized_value};

/// What tagging a range does.
#[derive(Debug, Clone, PartialEq)]
pub enum Tagged {
    /// The range already has a span of this label: select it, add nothing.
    Existing(SpanId),
    /// A new span, with its normalised value (and entity, and the entity's
    /// new alias), as one edit.
    New { span: SpanId, edit: Box<Edit> },
}

/// Tags `range` of `doc` with `label`: a new span with the value and
/// entity the normaliser gives it, or the span already there.
pub fn tag(
    project: &Project,
    doc: &Document,
    range: CharRange,
    label: Name,
) -> Result<Tagged, AnnotateError> {
    let label = known_label(project, label)?;
    if !doc.text.contains_range(range) || range.is_empty() {
        return Err(AnnotateError::OutsideText);
    }
    if let Some(existing) = doc
        .spans()
        .iter()
        .find(|s| s.range == range && s.label == label)
    {
        return Ok(Tagged::Existing(existing.id));
    }
    let (edit, span) = insert_span(project, doc, range, label);
    Ok(Tagged::New {
        span,
        edit: Box::new(edit),
    })
}

/// The edit inserting a new span over `range`, valued as [`tag`] values it,
/// and the new span's id.
pub(super) fn insert_span(
    project: &Project,
    doc: &Document,
    range: CharRange,
    label: Name,
) -> (Edit, SpanId) {
    let id = doc.next_span_id();
    let (span, alias) = with_normalized_value(project, doc, Span::new(id, range, label), true);
    let mut edits = vec![Edit::InsertSpan {
        doc: doc.id.clone(),
        span,
    }];
    edits.extend(alias);
    (Edit::Batch(edits), id)
}

/// Gives a span another label: a value the normaliser set is read again
/// under the new label (a value typed by hand stays), and a name is linked
/// to its likeliest entity.
pub fn relabel(
    project: &Project,
    doc: &Document,
    span: SpanId,
    label: Name,
) -> Result<Edit, AnnotateError> {
    let label = known_label(project, label)?;
    let current = doc.span(span).ok_or(AnnotateError::NoSpan(span))?;
    let mut relabelled = current.clone();
    relabelled.label = label;
    let (relabelled, alias) = with_normalized_value(project, doc, relabelled, true);
    let mut edits = vec![Edit::ReplaceSpan {
        doc: doc.id.clone(),
        span: relabelled,
    }];
    edits.extend(alias);
    Ok(Edit::Batch(edits))
}

fn known_label(project: &Project, label: Name) -> Result<Name, AnnotateError> {
    if project.schema.label(&label).is_some() {
        Ok(label)
    } else {
        Err(AnnotateError::NoLabel(label))
    }
}
