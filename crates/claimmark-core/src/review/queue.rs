//! The review queue: every machine proposal of a project as a row (claims,
//! and proposed spans no live claim uses), to sort and filter across
//! documents. The window's queue panel and `claimmark review` both read
//! it, so a filter selects the same rows in either.

use std::cmp::Ordering;

use super::Proposal;
use crate::model::{
    Agent, AgentKind, CharOffset, Claim, ClaimId, Confidence, DocId, Document, Name, Project,
    ReviewStatus, Span, TRIGGER_ROLE,
};

/// A claim or a standalone span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    Claim,
    Span,
}

/// One proposal in the queue, with what sorting and filtering need.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub doc: DocId,
    /// Where the document stands in the project (for document order).
    pub doc_index: usize,
    pub proposal: Proposal,
    /// The claim type, or the span's label.
    pub kind_name: Name,
    pub status: ReviewStatus,
    pub confidence: Option<Confidence>,
    /// The program that proposed it, if a program did.
    pub agent: Option<Agent>,
    /// Where it starts in its document (a claim: its trigger).
    pub position: CharOffset,
    /// Arguments that did not re-attach on import.
    pub orphans: usize,
    /// The extractor run that brought it (imported claims only).
    pub run: Option<u32>,
    /// A claim of the same document it resembles: its earlier version
    /// ([`QueueRow::changed`]) or a near-duplicate.
    pub resembles: Option<ClaimId>,
    /// It resembles a claim the same extractor gave in an earlier run:
    /// changed since that run.
    pub changed: bool,
    /// The later run of the same extractor that no longer gave it as it is.
    pub absent_from: Option<u32>,
}

/// What a row is flagged for, to filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowFlag {
    /// Arguments that did not re-attach.
    Orphans,
    /// Same type and trigger as another claim, other arguments.
    NearDuplicate,
    /// Changed since an earlier run of its extractor.
    Changed,
    /// A later run of its extractor no longer gives it.
    Superseded,
}

impl RowFlag {
    pub const ALL: [Self; 4] = [
        Self::Orphans,
        Self::NearDuplicate,
        Self::Changed,
        Self::Superseded,
    ];

    /// The word the command line takes (`--flag changed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Orphans => "orphans",
            Self::NearDuplicate => "near-duplicate",
            Self::Changed => "changed",
            Self::Superseded => "superseded",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|flag| flag.as_str() == raw)
    }

    /// For the window: "changed since an earlier run".
    pub fn label(self) -> &'static str {
        match self {
            Self::Orphans => "orphans",
            Self::NearDuplicate => "near-duplicate",
            Self::Changed => "changed since an earlier run",
            Self::Superseded => "not in a later run",
        }
    }

    pub fn of(self, row: &QueueRow) -> bool {
        match self {
            Self::Orphans => row.orphans > 0,
            Self::NearDuplicate => row.resembles.is_some() && !row.changed,
            Self::Changed => row.changed,
            Self::Superseded => row.absent_from.is_some(),
        }
    }
}

impl QueueRow {
    pub fn kind(&self) -> RowKind {
        match self.proposal {
            Proposal::Claim(_) => RowKind::Claim,
            Proposal::Span(_) => RowKind::Span,
        }
    }
}

/// How the queue is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueSort {
    /// Lowest confidence first: where the extractor is least sure. Rows
    /// without a confidence come last.
    #[default]
    ConfidenceAscending,
    DocumentOrder,
    Type,
}

impl QueueSort {
    pub const ALL: [Self; 3] = [Self::ConfidenceAscending, Self::DocumentOrder, Self::Type];

    pub fn label(self) -> &'static str {
        match self {
            Self::ConfidenceAscending => "confidence (lowest first)",
            Self::DocumentOrder => "document order",
            Self::Type => "type",
        }
    }
}

/// Which rows the queue shows. The default shows every proposal still
/// waiting for review.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueFilter {
    /// Claim types or span labels; empty: all.
    pub types: Vec<Name>,
    /// Empty: all statuses.
    pub statuses: Vec<ReviewStatus>,
    /// The proposing program's id, exactly.
    pub agent: Option<String>,
    /// Inclusive bounds; a row without a confidence passes only when both
    /// are unset.
    pub min_confidence: Option<f64>,
    pub max_confidence: Option<f64>,
    /// Empty: all documents.
    pub docs: Vec<DocId>,
    /// Only rows with this flag.
    pub flag: Option<RowFlag>,
    /// Only claims brought by a run after this one (new or changed since).
    pub since_run: Option<u32>,
    /// Case-insensitive, in the type, the document id or any quote.
    pub text: String,
}

impl Default for QueueFilter {
    fn default() -> Self {
        Self {
            types: Vec::new(),
            statuses: vec![ReviewStatus::Proposed],
            agent: None,
            min_confidence: None,
            max_confidence: None,
            docs: Vec::new(),
            flag: None,
            since_run: None,
            text: String::new(),
        }
    }
}

impl QueueFilter {
    /// Whether a row passes. `project` gives the quotes the free text is
    /// looked for in.
    pub fn accepts(&self, project: &Project, row: &QueueRow) -> bool {
        if !self.types.is_empty() && !self.types.contains(&row.kind_name) {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&row.status) {
            return false;
        }
        if let Some(agent) = &self.agent
            && row.agent.as_ref().is_none_or(|a| &a.id != agent)
        {
            return false;
        }
        if self.min_confidence.is_some() || self.max_confidence.is_some() {
            let Some(confidence) = row.confidence.map(Confidence::get) else {
                return false;
            };
            if self.min_confidence.is_some_and(|min| confidence < min)
                || self.max_confidence.is_some_and(|max| confidence > max)
            {
                return false;
            }
        }
        if !self.docs.is_empty() && !self.docs.contains(&row.doc) {
            return false;
        }
        if self.flag.is_some_and(|flag| !flag.of(row)) {
            return false;
        }
        if let Some(since) = self.since_run
            && row.run.is_none_or(|run| run <= since)
        {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty() || mentions(project, row, &needle)
    }
}

fn mentions(project: &Project, row: &QueueRow, needle: &str) -> bool {
    if row.kind_name.as_str().to_lowercase().contains(needle)
        || row.doc.as_str().to_lowercase().contains(needle)
    {
        return true;
    }
    let Some(doc) = project.document(&row.doc) else {
        return false;
    };
    let quote_has = |span: &Span| doc.span_text(span).to_lowercase().contains(needle);
    match row.proposal {
        Proposal::Span(id) => doc.span(id).is_some_and(quote_has),
        Proposal::Claim(id) => doc.claim(id).is_some_and(|claim| {
            claim
                .arguments
                .iter()
                .filter_map(|a| doc.span(a.span))
                .any(quote_has)
                || claim
                    .orphans
                    .iter()
                    .any(|o| o.exact.to_lowercase().contains(needle))
        }),
    }
}

/// Every machine proposal of the project, reviewed or not: claims a
/// program made or that are still proposed, and proposed or
/// program-made spans that no live claim uses. Unsorted; see [`sort`].
pub fn rows(project: &Project) -> Vec<QueueRow> {
    let mut out = Vec::new();
    for (doc_index, doc) in project.documents.iter().enumerate() {
        document_rows(doc, doc_index, &mut out);
    }
    out
}

fn document_rows(doc: &Document, doc_index: usize, out: &mut Vec<QueueRow>) {
    let mut used_by_live_claim = std::collections::HashSet::new();
    for claim in doc.claims() {
        if claim.status != ReviewStatus::Rejected {
            used_by_live_claim.extend(claim.arguments.iter().map(|a| a.span));
        }
    }
    for claim in doc.claims() {
        let agent = claim
            .provenance
            .as_ref()
            .map(|p| &p.creator)
            .filter(|a| a.kind == AgentKind::Software);
        if claim.status != ReviewStatus::Proposed && agent.is_none() {
            continue;
        }
        let external = claim.external.as_ref();
        let resembles = external.and_then(|e| e.resembles);
        let changed = resembles
            .and_then(|id| doc.claim(id))
            .and_then(|earlier| earlier.provenance.as_ref())
            .is_some_and(|earlier| agent.is_some_and(|agent| earlier.creator.id == agent.id));
        out.push(QueueRow {
            doc: doc.id.clone(),
            doc_index,
            proposal: Proposal::Claim(claim.id),
            kind_name: claim.claim_type.clone(),
            status: claim.status,
            confidence: claim.confidence,
            agent: agent.cloned(),
            position: claim_start(doc, claim),
            orphans: claim.orphans.len(),
            run: external.and_then(|e| e.run),
            resembles,
            changed,
            absent_from: external.and_then(|e| e.absent_from),
        });
    }
    for span in doc.spans() {
        let agent = span.origin.as_ref().map(|o| &o.agent);
        if (span.status != ReviewStatus::Proposed && agent.is_none())
            || (span.status != ReviewStatus::Rejected && used_by_live_claim.contains(&span.id))
        {
            continue;
        }
        out.push(QueueRow {
            doc: doc.id.clone(),
            doc_index,
            proposal: Proposal::Span(span.id),
            kind_name: span.label.clone(),
            status: span.status,
            confidence: span.origin.as_ref().and_then(|o| o.confidence),
            agent: agent.cloned(),
            position: span.range.start(),
            orphans: 0,
            run: None,
            resembles: None,
            changed: false,
            absent_from: None,
        });
    }
}

fn claim_start(doc: &Document, claim: &Claim) -> CharOffset {
    let starts = |trigger_only: bool| {
        claim
            .arguments
            .iter()
            .filter(move |a| !trigger_only || a.role.as_str() == TRIGGER_ROLE)
            .filter_map(|a| doc.span(a.span))
            .map(|s| s.range.start())
            .min()
    };
    starts(true)
        .or_else(|| starts(false))
        .unwrap_or(CharOffset::ZERO)
}

/// Orders rows; ties fall back to document order, so the order is total
/// and the same on every run.
pub fn sort(rows: &mut [QueueRow], by: QueueSort) {
    rows.sort_by(|a, b| order(a, b, by));
}

/// How two rows compare under an order.
fn order(a: &QueueRow, b: &QueueRow, by: QueueSort) -> Ordering {
    let document_order = || {
        (
            a.doc_index,
            a.position,
            a.kind() == RowKind::Span,
            proposal_id(a),
        )
            .cmp(&(
                b.doc_index,
                b.position,
                b.kind() == RowKind::Span,
                proposal_id(b),
            ))
    };
    match by {
        QueueSort::DocumentOrder => document_order(),
        QueueSort::Type => a.kind_name.cmp(&b.kind_name).then_with(document_order),
        QueueSort::ConfidenceAscending => {
            by_confidence(a.confidence, b.confidence).then_with(document_order)
        }
    }
}

fn by_confidence(a: Option<Confidence>, b: Option<Confidence>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.get().total_cmp(&b.get()),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn proposal_id(row: &QueueRow) -> u32 {
    match row.proposal {
        Proposal::Claim(id) => id.0,
        Proposal::Span(id) => id.0,
    }
}

/// The rows a filter shows, in the given order.
pub fn build(project: &Project, filter: &QueueFilter, by: QueueSort) -> Vec<QueueRow> {
    let mut all = rows(project);
    let shown = select(project, &all, filter, by);
    let mut taken: Vec<Option<QueueRow>> = all.drain(..).map(Some).collect();
    shown
        .into_iter()
        .filter_map(|index| taken.get_mut(index).and_then(Option::take))
        .collect()
}

/// The same selection over rows already built (the window keeps them per
/// project revision): the indices of the rows shown, in order. Filtering
/// again or re-sorting copies no rows.
pub fn select(
    project: &Project,
    all: &[QueueRow],
    filter: &QueueFilter,
    by: QueueSort,
) -> Vec<usize> {
    let mut shown: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, row)| filter.accepts(project, row))
        .map(|(index, _)| index)
        .collect();
    shown.sort_by(|a, b| order(&all[*a], &all[*b], by));
    shown
}

#[cfg(test)]
mod tests;
