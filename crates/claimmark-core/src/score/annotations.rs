//! What scoring compares: per document, labelled spans and claims whose
//! arguments carry canonical values. Built from a project
//! ([`Corpus::from_project`]) or read from claim/v1 files
//! ([`super::input`]); the scorer does not care which.

use std::collections::BTreeMap;

use serde::Serialize;

use super::canon;
use crate::model::document::OrphanArgument;
use crate::model::schema::{Schema, TRIGGER_ROLE, ValueKind};
use crate::model::{CanonicalText, CharRange, Claim, Document, Project, ReviewStatus, Span, Value};

/// Which review statuses count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// `accepted` and `corrected`: what a person decided. Used for gold and
    /// for analysts' projects in agreement.
    Reviewed,
    /// Everything but `rejected`: `proposed` included, since a machine's
    /// predictions are proposals. Used for predictions.
    NotRejected,
}

impl StatusFilter {
    pub fn keeps(self, status: ReviewStatus) -> bool {
        match self {
            Self::Reviewed => status.is_kept(),
            Self::NotRejected => status != ReviewStatus::Rejected,
        }
    }
}

/// A labelled stretch of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanAnn {
    pub range: CharRange,
    pub label: String,
    /// The exact text covered.
    pub text: String,
    /// Canonical value ([`canon`]), when known.
    pub value: Option<String>,
}

/// One role filler: anchored (a span of the text) or implicit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgAnn {
    pub role: String,
    pub anchor: Option<CharRange>,
    /// The exact text of the anchor (empty when implicit).
    pub text: String,
    /// Canonical value ([`canon`]).
    pub value: String,
}

/// A claim; its trigger, if any, is the argument in role `trigger` (value:
/// its folded text, see [`canon`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimAnn {
    /// Its id in the source: claim/v1 `id`, or `c12` in a project.
    pub id: String,
    pub claim_type: String,
    pub args: Vec<ArgAnn>,
}

impl ClaimAnn {
    pub fn trigger(&self) -> Option<&ArgAnn> {
        self.args.iter().find(|arg| arg.role == TRIGGER_ROLE)
    }

    /// Where the claim sits in the text: its trigger, else its first anchor.
    pub fn position(&self) -> Option<CharRange> {
        self.trigger()
            .and_then(|arg| arg.anchor)
            .or_else(|| self.args.iter().filter_map(|arg| arg.anchor).min())
    }
}

/// One document's annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocAnnotations {
    pub id: String,
    /// SHA-256 of the canonical text, lowercase hex, when known.
    pub text_sha256: Option<String>,
    /// The text itself, when the source has it (projects, fixtures).
    pub text: Option<CanonicalText>,
    pub spans: Vec<SpanAnn>,
    pub claims: Vec<ClaimAnn>,
}

impl DocAnnotations {
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text_sha256: None,
            text: None,
            spans: Vec::new(),
            claims: Vec::new(),
        }
    }
}

/// Items a status filter left out, by kind and status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// `"spans proposed"` → count, sorted.
    pub counts: BTreeMap<String, usize>,
}

impl Excluded {
    pub fn count(&mut self, what: &str, status: &str) {
        *self.counts.entry(format!("{what} {status}")).or_default() += 1;
    }

    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// Where a corpus's spans come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanSource {
    /// Real labelled spans (a project, or fixtures with `.spans.jsonl`).
    Spans,
    /// Made from claim anchors, one per distinct (offsets, label), the label
    /// given by the value's kind (a trigger is an event).
    ClaimAnchors,
}

/// Everything one side of a comparison holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// A path or name to show in reports.
    pub source: String,
    /// Sorted by id; ids are unique.
    pub docs: Vec<DocAnnotations>,
    pub span_source: SpanSource,
    /// Input problems, each `file:line: what; what to do`.
    pub problems: Vec<String>,
    pub excluded: Excluded,
}

impl Corpus {
    pub fn new(source: impl Into<String>, span_source: SpanSource) -> Self {
        Self {
            source: source.into(),
            docs: Vec::new(),
            span_source,
            problems: Vec::new(),
            excluded: Excluded::default(),
        }
    }

    pub fn span_count(&self) -> usize {
        self.docs.iter().map(|d| d.spans.len()).sum()
    }

    pub fn claim_count(&self) -> usize {
        self.docs.iter().map(|d| d.claims.len()).sum()
    }

    pub fn doc(&self, id: &str) -> Option<&DocAnnotations> {
        self.docs
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.docs.get(i))
    }

    /// A project's documents, spans and claims that `keep` keeps.
    pub fn from_project(source: impl Into<String>, project: &Project, keep: StatusFilter) -> Self {
        let mut corpus = Self::new(source, SpanSource::Spans);
        for doc in &project.documents {
            let annotations = document_annotations(project, doc, keep, &mut corpus.excluded);
            corpus.docs.push(annotations);
        }
        corpus.docs.sort_by(|a, b| a.id.cmp(&b.id));
        corpus
    }

    /// Maps the kind names that claim-anchor spans carry as labels
    /// (`person`, `date`, …) to the schema's labels of that value kind (the
    /// first such label). A kind the schema has no label for stays as it is.
    pub fn relabel_kinds(&mut self, schema: &Schema) {
        if self.span_source != SpanSource::ClaimAnchors {
            return;
        }
        for doc in &mut self.docs {
            for span in &mut doc.spans {
                if let Some(label) = ValueKind::parse(&span.label)
                    .and_then(|kind| schema.labels.iter().find(|label| label.value_kind == kind))
                {
                    label.name.as_str().clone_into(&mut span.label);
                }
            }
            doc.spans.sort_by(span_order);
            doc.spans
                .dedup_by(|a, b| a.range == b.range && a.label == b.label);
        }
    }
}

/// Spans in text order: start, end, label.
pub fn span_order(a: &SpanAnn, b: &SpanAnn) -> std::cmp::Ordering {
    (a.range, &a.label).cmp(&(b.range, &b.label))
}

/// A span's value as claim/v1 exports give it: its own value, else for
/// people, organizations and places the linked entity's name or the text,
/// else the text.
pub fn span_value(project: &Project, doc: &Document, span: &Span) -> Value {
    if let Some(value) = &span.value {
        return value.value.clone();
    }
    let entity = span.entity.and_then(|id| project.entity(id));
    let name = || entity.map_or_else(|| doc.span_text(span).to_owned(), |e| e.name.clone());
    let entity_id = entity.map(|e| e.id.to_string());
    match project.schema.label(&span.label).map(|l| l.value_kind) {
        Some(ValueKind::Person) => Value::Person {
            name: name(),
            entity_id,
        },
        Some(ValueKind::Organization) => Value::Organization {
            name: name(),
            entity_id,
        },
        Some(ValueKind::Place) => Value::Place {
            name: name(),
            entity_id,
        },
        _ => Value::Text {
            text: doc.span_text(span).to_owned(),
        },
    }
}

/// One project document as scoring sees it.
pub fn document_annotations(
    project: &Project,
    doc: &Document,
    keep: StatusFilter,
    excluded: &mut Excluded,
) -> DocAnnotations {
    let mut annotations = DocAnnotations::new(doc.id.as_str());
    annotations.text_sha256 = Some(doc.text.sha256_hex());
    annotations.text = Some(doc.text.clone());
    for span in doc.spans() {
        if !keep.keeps(span.status) {
            excluded.count("spans", span.status.as_str());
            continue;
        }
        annotations.spans.push(SpanAnn {
            range: span.range,
            label: span.label.as_str().to_owned(),
            text: doc.span_text(span).to_owned(),
            value: Some(canon::canonical(&span_value(project, doc, span))),
        });
    }
    annotations.spans.sort_by(span_order);
    for claim in doc.claims() {
        if !keep.keeps(claim.status) {
            excluded.count("claims", claim.status.as_str());
            continue;
        }
        annotations
            .claims
            .push(claim_annotations(project, doc, claim));
    }
    annotations
}

/// An orphan argument (kept on its claim, its text not found) as scoring
/// sees it: without anchor, its value if it has one, else its text.
pub fn orphan_argument(orphan: &OrphanArgument) -> ArgAnn {
    let value = orphan
        .value
        .as_ref()
        .map_or_else(|| canon::text_value(&orphan.exact), canon::canonical);
    ArgAnn {
        role: orphan.role.as_str().to_owned(),
        anchor: None,
        text: orphan.exact.clone(),
        value,
    }
}

fn claim_annotations(project: &Project, doc: &Document, claim: &Claim) -> ClaimAnn {
    let mut args = Vec::new();
    for argument in &claim.arguments {
        let Some(span) = doc.span(argument.span) else {
            continue;
        };
        let text = doc.span_text(span).to_owned();
        let value = if argument.role.as_str() == TRIGGER_ROLE {
            canon::text_value(&text)
        } else {
            canon::canonical(&span_value(project, doc, span))
        };
        args.push(ArgAnn {
            role: argument.role.as_str().to_owned(),
            anchor: Some(span.range),
            text,
            value,
        });
    }
    for implicit in &claim.implicit {
        args.push(ArgAnn {
            role: implicit.role.as_str().to_owned(),
            anchor: None,
            text: String::new(),
            value: canon::canonical(&implicit.value),
        });
    }
    args.extend(claim.orphans.iter().map(orphan_argument));
    ClaimAnn {
        id: claim.id.to_string(),
        claim_type: claim.claim_type.as_str().to_owned(),
        args,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Argument, ClaimId, ImplicitArgument, Name, SpanId, notation};

    #[test]
    fn project_documents_become_annotations_with_values() {
        let mut project = Project::default();
        let mut doc = notation::document(
            "d",
            "[person|Ales Bialiatski] was [event|released] on [date|Thursday].",
        )
        .unwrap();
        let mut claim = Claim::new(ClaimId(1), Name::parse("release").unwrap());
        claim.arguments = vec![
            Argument::new(Name::parse("trigger").unwrap(), SpanId(2)),
            Argument::new(Name::parse("released_person").unwrap(), SpanId(1)),
        ];
        claim.implicit.push(ImplicitArgument {
            role: Name::parse("place").unwrap(),
            value: Value::Place {
                name: "Belarus".into(),
                entity_id: None,
            },
        });
        let mut rejected = Claim::new(ClaimId(2), Name::parse("arrest").unwrap());
        rejected.status = ReviewStatus::Rejected;
        doc.insert_claim(claim);
        doc.insert_claim(rejected);
        doc.span_mut(SpanId(3)).unwrap().status = ReviewStatus::Proposed;
        project.documents.push(doc);

        let corpus = Corpus::from_project("p.ron", &project, StatusFilter::Reviewed);
        let doc = &corpus.docs[0];
        assert_eq!(doc.spans.len(), 2, "the proposed date is left out");
        assert_eq!(doc.claims.len(), 1, "the rejected claim is left out");
        assert_eq!(corpus.excluded.total(), 2);
        let values: Vec<_> = doc.claims[0]
            .args
            .iter()
            .map(|a| (a.role.as_str(), a.value.as_str(), a.anchor.is_some()))
            .collect();
        assert_eq!(
            values,
            [
                ("trigger", "text:released", true),
                ("released_person", "person:ales bialiatski", true),
                ("place", "place:belarus", false),
            ]
        );
        assert_eq!(
            doc.claims[0].position(),
            Some(CharRange::from_offsets(20, 28))
        );

        let all = Corpus::from_project("p.ron", &project, StatusFilter::NotRejected);
        assert_eq!(all.docs[0].spans.len(), 3);
    }
}
