//! One document compared with another annotation of it (another
//! analyst's project, or an extractor's claims file read into a copy of
//! this project's documents), and the edit that takes their version of a
//! difference.

use std::path::Path;

use crate::edit::Edit;
use crate::model::{
    Argument, CharRange, Claim, ClaimId, DocId, Document, Project, ReviewStatus, Span, SpanId,
};
use crate::score::StatusFilter;
use crate::score::annotations::{ClaimAnn, DocAnnotations, SpanAnn};
use crate::score::compare::{ClaimDiff, DocComparison, SpanDiff, compare_in_projects};

/// One document compared: both sides' annotations (the diff's indices point
/// into them) and the differences in text order.
pub struct DocumentComparison {
    pub ours: DocAnnotations,
    pub theirs: DocAnnotations,
    pub theirs_doc: DocId,
    /// Only the rows that differ.
    pub rows: Vec<Row>,
}

/// A difference, as the compare panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Span(SpanDiff),
    Claim(ClaimDiff),
}

/// Their document for ours: the same id with the same text, else any with
/// the same text.
pub fn their_document<'a>(other: &'a Project, ours: &Document) -> Option<&'a Document> {
    other
        .document(&ours.id)
        .filter(|doc| doc.text.sha256() == ours.text.sha256())
        .or_else(|| other.document_with_text(ours.text.sha256()))
}

/// Compares our document with theirs (rejected annotations left out on
/// both sides).
pub fn compare_document(
    (project, ours): (&Project, &Document),
    (other, theirs): (&Project, &Document),
) -> DocumentComparison {
    let (ours_ann, theirs_ann, diff) =
        compare_in_projects((project, ours), (other, theirs), StatusFilter::NotRejected);
    DocumentComparison {
        ours: ours_ann,
        theirs: theirs_ann,
        theirs_doc: theirs.id.clone(),
        rows: differing_rows(diff),
    }
}

/// A claims file read into a copy of this project's documents (their texts
/// and publication dates only), so that it compares like another project.
pub fn claims_as_project(project: &Project, path: &Path) -> Result<Project, String> {
    let mut blank = Project::new(project.schema.clone());
    for doc in &project.documents {
        let mut bare = Document::new(doc.id.clone(), doc.title.clone(), doc.text.clone());
        bare.published = doc.published;
        blank.documents.push(bare);
    }
    let prepared = crate::claim_format::import::read_claims_file(path, &blank, &|_, _| {})
        .map_err(|error| error.to_string())?;
    let imported = prepared.into_edit(&blank);
    imported
        .edit
        .apply(&mut blank)
        .map_err(|error| error.to_string())?;
    Ok(blank)
}

fn differing_rows(diff: DocComparison) -> Vec<Row> {
    diff.spans
        .into_iter()
        .filter(|d| !d.is_same())
        .map(Row::Span)
        .chain(
            diff.claims
                .into_iter()
                .filter(|d| !d.is_same())
                .map(Row::Claim),
        )
        .collect()
}

/// The span of a document an annotation stands for (same range and label).
fn span_by_annotation<'a>(doc: &'a Document, ann: &SpanAnn) -> Option<&'a Span> {
    doc.spans()
        .iter()
        .find(|span| span.range == ann.range && span.label.as_str() == ann.label)
}

fn claim_by_annotation<'a>(doc: &'a Document, ann: &ClaimAnn) -> Option<&'a Claim> {
    let id = ann.id.strip_prefix('c')?.parse().ok()?;
    doc.claim(ClaimId(id))
}

/// The edit that makes our document agree with theirs on one row.
pub fn take_theirs(
    project: &Project,
    ours: &Document,
    theirs: &Document,
    comparison: &DocumentComparison,
    row: &Row,
) -> Option<Edit> {
    let doc = ours.id.clone();
    match row {
        Row::Span(SpanDiff::OnlyB(j)) => {
            let their_span = span_by_annotation(theirs, comparison.theirs.spans.get(*j)?)?;
            let mut span = their_span.clone();
            span.id = ours.next_span_id();
            span.entity = None;
            if span.status == ReviewStatus::Proposed {
                span.status = ReviewStatus::Accepted;
            }
            Some(Edit::InsertSpan { doc, span })
        }
        Row::Span(
            SpanDiff::LabelDiffers { a, b }
            | SpanDiff::ValueDiffers { a, b }
            | SpanDiff::BoundaryDiffers { a, b },
        ) => {
            let our_span = span_by_annotation(ours, comparison.ours.spans.get(*a)?)?;
            let their_span = span_by_annotation(theirs, comparison.theirs.spans.get(*b)?)?;
            let mut span = our_span.clone();
            span.range = their_span.range;
            span.label = their_span.label.clone();
            span.value.clone_from(&their_span.value);
            project.schema.label(&span.label)?;
            Some(Edit::ReplaceSpan { doc, span })
        }
        Row::Span(SpanDiff::OnlyA(i)) => {
            let our_span = span_by_annotation(ours, comparison.ours.spans.get(*i)?)?;
            Some(crate::edit::remove_span_with_arguments(ours, our_span.id))
        }
        Row::Span(SpanDiff::Same { .. }) | Row::Claim(ClaimDiff::Same { .. }) => None,
        Row::Claim(ClaimDiff::OnlyA(i)) => {
            let claim = claim_by_annotation(ours, comparison.ours.claims.get(*i)?)?;
            Some(Edit::RemoveClaim {
                doc,
                claim: claim.id,
            })
        }
        Row::Claim(ClaimDiff::OnlyB(j)) => {
            let their_claim = claim_by_annotation(theirs, comparison.theirs.claims.get(*j)?)?;
            let mut edits = Vec::new();
            let id = ours.next_claim_id();
            let claim = adopt_claim(ours, theirs, their_claim, id, &mut edits);
            edits.push(Edit::InsertClaim { doc, claim });
            Some(Edit::Batch(edits))
        }
        Row::Claim(ClaimDiff::Differs { a, b, .. }) => {
            let our_claim = claim_by_annotation(ours, comparison.ours.claims.get(*a)?)?;
            let their_claim = claim_by_annotation(theirs, comparison.theirs.claims.get(*b)?)?;
            let mut edits = Vec::new();
            let mut claim = adopt_claim(ours, theirs, their_claim, our_claim.id, &mut edits);
            claim.note.clone_from(&our_claim.note);
            claim.external.clone_from(&our_claim.external);
            edits.push(Edit::ReplaceClaim { doc, claim });
            Some(Edit::Batch(edits))
        }
    }
}

/// Their claim rebuilt on our spans (creating the spans we lack, whose
/// insert edits are pushed to `edits` first).
fn adopt_claim(
    ours: &Document,
    theirs: &Document,
    their_claim: &Claim,
    id: ClaimId,
    edits: &mut Vec<Edit>,
) -> Claim {
    let mut next_span = ours.next_span_id();
    let mut arguments = Vec::new();
    for argument in &their_claim.arguments {
        let Some(their_span) = theirs.span(argument.span) else {
            continue;
        };
        let existing = ours
            .spans()
            .iter()
            .find(|s| s.range == their_span.range && s.label == their_span.label)
            .map(|s| s.id)
            .or_else(|| {
                edits.iter().find_map(|edit| match edit {
                    Edit::InsertSpan { span, .. }
                        if span.range == their_span.range && span.label == their_span.label =>
                    {
                        Some(span.id)
                    }
                    _ => None,
                })
            });
        let span_id = existing.unwrap_or_else(|| {
            let mut span = their_span.clone();
            span.id = next_span;
            span.entity = None;
            next_span = SpanId(next_span.0 + 1);
            let id = span.id;
            edits.push(Edit::InsertSpan {
                doc: ours.id.clone(),
                span,
            });
            id
        });
        arguments.push(Argument::new(argument.role.clone(), span_id));
    }
    Claim {
        arguments,
        status: ReviewStatus::Accepted,
        confidence: their_claim.confidence,
        provenance: their_claim.provenance.clone(),
        implicit: their_claim.implicit.clone(),
        orphans: their_claim.orphans.clone(),
        ..Claim::new(id, their_claim.claim_type.clone())
    }
}

/// Where a row is in the text, for scrolling to it.
pub fn row_range(comparison: &DocumentComparison, index: usize) -> Option<CharRange> {
    let span_range = |side: &DocAnnotations, i: usize| side.spans.get(i).map(|s| s.range);
    let claim_range =
        |side: &DocAnnotations, i: usize| side.claims.get(i).and_then(ClaimAnn::position);
    match comparison.rows.get(index)? {
        Row::Span(diff) => match *diff {
            SpanDiff::OnlyB(j) => span_range(&comparison.theirs, j),
            SpanDiff::OnlyA(i)
            | SpanDiff::Same { a: i, .. }
            | SpanDiff::ValueDiffers { a: i, .. }
            | SpanDiff::LabelDiffers { a: i, .. }
            | SpanDiff::BoundaryDiffers { a: i, .. } => span_range(&comparison.ours, i),
        },
        Row::Claim(diff) => match diff {
            ClaimDiff::OnlyB(j) => claim_range(&comparison.theirs, *j),
            ClaimDiff::OnlyA(i)
            | ClaimDiff::Same { a: i, .. }
            | ClaimDiff::Differs { a: i, .. } => claim_range(&comparison.ours, *i),
        },
    }
}
