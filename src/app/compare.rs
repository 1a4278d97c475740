//! Comparing the current document with another annotation of it (another
//! analyst's project, or an extractor's claims file) and taking their
//! version of a span or claim into the project, one undoable step each.

use std::path::PathBuf;

use super::ClaimmarkApp;
use claimmark_core::edit::Edit;
use claimmark_core::model::{
    Argument, Claim, ClaimId, DocId, Document, Project, ReviewStatus, Span, SpanId,
};
use claimmark_core::score::StatusFilter;
use claimmark_core::score::annotations::DocAnnotations;
use claimmark_core::score::compare::{ClaimDiff, DocComparison, SpanDiff, compare_in_projects};

/// The other side, and the comparison of the current document with it.
pub struct CompareState {
    pub path: PathBuf,
    /// Their project: a project file, or a claims file imported into a copy
    /// of this project's documents.
    pub other: Project,
    /// (our document, our revision) the cached comparison is for.
    cached_for: Option<(DocId, u64)>,
    pub current: Option<DocumentComparison>,
    /// The difference the keyboard is on.
    pub selected: usize,
}

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

impl CompareState {
    pub fn new(path: PathBuf, other: Project) -> Self {
        Self {
            path,
            other,
            cached_for: None,
            current: None,
            selected: 0,
        }
    }

    /// Their document for ours: the same id, else the same text.
    pub fn their_document<'a>(&'a self, ours: &Document) -> Option<&'a Document> {
        self.other
            .document(&ours.id)
            .filter(|doc| doc.text.sha256() == ours.text.sha256())
            .or_else(|| self.other.document_with_text(ours.text.sha256()))
    }

    /// Recomputes the comparison when our document or project changed.
    pub fn refresh(&mut self, project: &Project, doc: &Document, revision: u64) {
        let key = (doc.id.clone(), revision);
        if self.cached_for.as_ref() == Some(&key) {
            return;
        }
        self.current = self.their_document(doc).map(|theirs| {
            let (ours_ann, theirs_ann, diff) = compare_in_projects(
                (project, doc),
                (&self.other, theirs),
                StatusFilter::NotRejected,
            );
            DocumentComparison {
                ours: ours_ann,
                theirs: theirs_ann,
                theirs_doc: theirs.id.clone(),
                rows: differing_rows(diff),
            }
        });
        if self.cached_for.as_ref().is_none_or(|(id, _)| id != &doc.id) {
            self.selected = 0;
        }
        let rows = self.current.as_ref().map_or(0, |c| c.rows.len());
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.cached_for = Some(key);
    }
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
fn span_by_annotation<'a>(
    doc: &'a Document,
    ann: &claimmark_core::score::annotations::SpanAnn,
) -> Option<&'a Span> {
    doc.spans()
        .iter()
        .find(|span| span.range == ann.range && span.label.as_str() == ann.label)
}

fn claim_by_annotation<'a>(
    doc: &'a Document,
    ann: &claimmark_core::score::annotations::ClaimAnn,
) -> Option<&'a Claim> {
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
            Some(claimmark_core::edit::remove_span_with_arguments(
                ours,
                our_span.id,
            ))
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

impl ClaimmarkApp {
    /// A claims file read into a copy of this project's documents (their
    /// texts only), so that it compares like another project.
    fn claims_as_project(&self, path: &std::path::Path) -> Result<Project, String> {
        let mut blank = Project::new(self.session.project().schema.clone());
        for doc in &self.session.project().documents {
            let mut bare = Document::new(doc.id.clone(), doc.title.clone(), doc.text.clone());
            bare.published = doc.published;
            blank.documents.push(bare);
        }
        let prepared =
            claimmark_core::claim_format::import::read_claims_file(path, &blank, &|_, _| {})
                .map_err(|error| error.to_string())?;
        let imported = prepared.into_edit(&blank);
        imported
            .edit
            .apply(&mut blank)
            .map_err(|error| error.to_string())?;
        Ok(blank)
    }

    /// Opens the other side: a project file, or a claims file read into a
    /// copy of this project's documents.
    pub(crate) fn compare_with(&mut self, path: &std::path::Path) {
        let other = if path.extension().is_some_and(|ext| ext == "jsonl") {
            self.claims_as_project(path)
        } else {
            claimmark_core::storage::load_project(path).map_err(|error| error.to_string())
        };
        match other {
            Ok(other) => {
                let matched = self
                    .session
                    .project()
                    .documents
                    .iter()
                    .filter(|doc| {
                        other.document(&doc.id).is_some()
                            || other.document_with_text(doc.text.sha256()).is_some()
                    })
                    .count();
                self.set_status(format!(
                    "Comparing with {}: {matched} of this project's documents are there too. N/P move between differences, T takes theirs.",
                    path.display()
                ));
                self.compare = Some(CompareState::new(path.to_owned(), other));
            }
            Err(error) => {
                self.show_error(format!("Could not compare with {}", path.display()), error);
            }
        }
    }

    /// Takes their version of the selected difference.
    pub(crate) fn take_theirs(&mut self, index: Option<usize>) {
        let Some(compare) = &self.compare else {
            self.set_status("Open something to compare with first (File › Compare with…).");
            return;
        };
        let Some(ours) = self.current_document() else {
            return;
        };
        let Some(comparison) = &compare.current else {
            self.set_status("The other side has no version of this document.");
            return;
        };
        let index = index.unwrap_or(compare.selected);
        let Some(row) = comparison.rows.get(index) else {
            self.set_status("No difference left here.");
            return;
        };
        let Some(theirs) = compare.other.document(&comparison.theirs_doc) else {
            return;
        };
        match take_theirs(self.session.project(), ours, theirs, comparison, row) {
            Some(edit) => {
                self.apply(edit, "Take their version");
            }
            None => self.set_status(
                "Their version cannot be taken here (its label is not in this project's schema?).",
            ),
        }
    }

    pub(crate) fn step_difference(&mut self, forward: bool) {
        let Some(compare) = &self.compare else {
            self.set_status("Open something to compare with first (File › Compare with…).");
            return;
        };
        let rows = compare.current.as_ref().map_or(0, |c| c.rows.len());
        if rows == 0 {
            return;
        }
        let selected = compare.selected;
        let next = if forward {
            (selected + 1) % rows
        } else {
            (selected + rows - 1) % rows
        };
        self.select_difference(next);
    }

    pub(crate) fn select_difference(&mut self, index: usize) {
        let Some(compare) = &mut self.compare else {
            return;
        };
        compare.selected = index;
        let range = compare.current.as_ref().and_then(|c| row_range(c, index));
        if let Some(range) = range {
            self.view.scroll_to = Some(range);
            self.view.selection = Some(range);
            self.view.span = None;
        }
    }
}

/// Where a row is in the text, for scrolling to it.
pub fn row_range(
    comparison: &DocumentComparison,
    index: usize,
) -> Option<claimmark_core::model::CharRange> {
    let span_range = |side: &DocAnnotations, i: usize| side.spans.get(i).map(|s| s.range);
    let claim_range = |side: &DocAnnotations, i: usize| {
        side.claims
            .get(i)
            .and_then(claimmark_core::score::annotations::ClaimAnn::position)
    };
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
