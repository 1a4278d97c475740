//! The built-in pre-annotator: deterministic proposals of date, count,
//! person, organization and place spans and event triggers, with values
//! from the normaliser, for the analyst to accept, correct or reject.
//!
//! What it finds:
//! - dates and counts: `normalize::find_dates` / `find_counts` (their
//!   module docs list every form); a date that needs the analyst is still
//!   proposed, without a value, its reason in the span's note;
//! - durations, when the schema has a `duration` label ("10 years",
//!   "six-year"), instead of the count of years;
//! - people, organizations and places: `mentions` (registry names, a small
//!   gazetteer, and people by the shape of their names), linked to registry
//!   entities when [`crate::normalize::names::should_link`] says so;
//! - event triggers: every form in `normalize::event::TRIGGERS`, outside
//!   names.
//!
//! Decisions:
//! - Proposals never overwrite or duplicate the analyst's work: a proposal
//!   is dropped when it overlaps an existing span **of the same label**
//!   (whatever that span's status, so a rejected proposal is not proposed
//!   again), or when an existing span of any label covers **exactly** the
//!   same chars. Overlaps with other labels are allowed (spans may nest).
//! - Each label kind goes to the schema's first label of that kind; a kind
//!   the schema lacks is not proposed.
//! - Proposals are `Proposed`, with origin `claimmark-suggest` and this
//!   crate's version, and a fixed confidence per rule (below), so the same
//!   text always gets the same proposals.
//! - [`tag_all_occurrences`] matches the span's text **exactly, case
//!   included** ("Viasna" is not "viasna"; "Released" at a sentence start
//!   needs its own run), on word boundaries; origin `claimmark-tag-all`,
//!   no confidence (a person asked for them).

mod claims;
mod lists;
mod mentions;

use crate::edit::Edit;
use crate::model::text::CharRange;
use crate::model::value::{Anchoring, CountModifier};
use crate::model::{
    Agent, CharOffset, Confidence, DocId, Document, Entity, EntityId, Name, Project, ReviewStatus,
    Schema, Span, SpanId, SpanOrigin, SpanValue, Timestamp, Value, ValueKind, ValueSource,
};
use crate::normalize::count::find_counts_in;
use crate::normalize::date::{DateReading, find_dates_in};
use crate::normalize::event::TRIGGERS;
use crate::normalize::span::span_value;
use crate::normalize::text::{TokenKind, Tokens};
use crate::normalize::{Normalized, duration};

/// The agent id of the suggester's proposals.
pub const AGENT_ID: &str = "claimmark-suggest";
/// The agent id of [`tag_all_occurrences`]' proposals.
pub const TAG_ALL_AGENT_ID: &str = "claimmark-tag-all";

/// Why suggestions could not be made. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SuggestError {
    #[error(
        "there is no document “{0}” in the project; check the id (the documents list shows them)"
    )]
    NoDocument(DocId),
    #[error("document “{doc}” has no span {span}")]
    NoSpan { doc: DocId, span: SpanId },
    #[error("span {span} has label “{label}”, which the schema does not define")]
    NoLabel { span: SpanId, label: Name },
}

/// The suggester as an agent: `claimmark-suggest` and the crate version.
pub fn agent() -> Agent {
    Agent::software(AGENT_ID, Some(crate::TOOL_VERSION.to_owned()))
}

/// A proposal before it becomes a span: char range, kind, value, note.
#[derive(Debug, Clone, PartialEq)]
struct Proposal {
    range: CharRange,
    kind: ValueKind,
    value: Option<Value>,
    note: String,
    entity: Option<EntityId>,
    confidence: f64,
}

// Confidence per rule.
const DATE_ABSOLUTE: f64 = 0.95;
const DATE_PUBLISHED: f64 = 0.85;
const DATE_NEEDS_ANALYST: f64 = 0.5;
const COUNT_DIGITS: f64 = 0.9;
const COUNT_WORDS: f64 = 0.8;
const COUNT_VAGUE: f64 = 0.7;
const DURATION: f64 = 0.85;
const EVENT: f64 = 0.8;

fn char_range(tokens: &Tokens, first: usize, end: usize) -> Option<CharRange> {
    let (start, end) = tokens.char_span(first, end)?;
    Some(CharRange::from_offsets(start, end))
}

/// Everything the rules find in a text, before labels and existing spans.
/// Each rule skips tokens an earlier one took (`blocked`): dates, then
/// durations, counts, names and events.
fn proposals(
    text: &str,
    published: Option<time::Date>,
    entities: &[Entity],
    durations: bool,
) -> Vec<Proposal> {
    let tokens = Tokens::new(text);
    let mut blocked = vec![false; tokens.len()];
    let mut found = Vec::new();
    let date_ranges = date_proposals(&tokens, published, &mut blocked, &mut found);
    if durations {
        for (first, end, iso) in duration::find_durations_in(&tokens, &blocked) {
            blocked[first..end].fill(true);
            if let Some(range) = char_range(&tokens, first, end) {
                found.push(Proposal::plain(
                    range,
                    ValueKind::Duration,
                    Value::Duration { value: iso },
                    DURATION,
                ));
            }
        }
    }
    count_proposals(&tokens, &date_ranges, &mut blocked, &mut found);
    mention_proposals(&tokens, published, entities, &mut blocked, &mut found);
    for (first, end, event) in find_events(&tokens, &blocked) {
        if let Some(range) = char_range(&tokens, first, end) {
            let value = Value::Event {
                name: event.to_owned(),
            };
            found.push(Proposal::plain(range, ValueKind::Event, value, EVENT));
        }
    }
    found.sort_by_key(|proposal| proposal.range);
    found
}

impl Proposal {
    fn plain(range: CharRange, kind: ValueKind, value: Value, confidence: f64) -> Self {
        Self {
            range,
            kind,
            value: Some(value),
            note: String::new(),
            entity: None,
            confidence,
        }
    }
}

/// Dates, blocking their tokens; returns their token ranges.
fn date_proposals(
    tokens: &Tokens,
    published: Option<time::Date>,
    blocked: &mut [bool],
    found: &mut Vec<Proposal>,
) -> Vec<(usize, usize)> {
    let dates = find_dates_in(tokens, published);
    let ranges = dates.iter().map(|(range, _)| *range).collect();
    for ((first, end), date) in dates {
        blocked[first..end].fill(true);
        let range = date.range();
        found.push(match date.reading {
            DateReading::Resolved(value) => {
                let confidence = match value.anchoring {
                    Anchoring::Absolute => DATE_ABSOLUTE,
                    Anchoring::Published => DATE_PUBLISHED,
                };
                Proposal::plain(range, ValueKind::Date, Value::Date(value), confidence)
            }
            DateReading::NeedsAnalyst { reason } => Proposal {
                range,
                kind: ValueKind::Date,
                value: None,
                note: reason,
                entity: None,
                confidence: DATE_NEEDS_ANALYST,
            },
        });
    }
    ranges
}

fn count_proposals(
    tokens: &Tokens,
    date_ranges: &[(usize, usize)],
    blocked: &mut [bool],
    found: &mut Vec<Proposal>,
) {
    for ((first, end), count) in find_counts_in(tokens, date_ranges) {
        if blocked[first..end].contains(&true) {
            continue;
        }
        blocked[first..end].fill(true);
        let range = count.range();
        let confidence = if count.value.modifier == CountModifier::Vague {
            COUNT_VAGUE
        } else if text_has_digit(tokens, count.start, count.end) {
            COUNT_DIGITS
        } else {
            COUNT_WORDS
        };
        found.push(Proposal::plain(
            range,
            ValueKind::Count,
            Value::Count(count.value),
            confidence,
        ));
    }
}

fn mention_proposals(
    tokens: &Tokens,
    published: Option<time::Date>,
    entities: &[Entity],
    blocked: &mut [bool],
    found: &mut Vec<Proposal>,
) {
    let mentions = mentions::find_mentions(tokens, entities, blocked);
    for mention in mentions {
        blocked[mention.first..mention.end].fill(true);
        let Some(range) = char_range(tokens, mention.first, mention.end) else {
            continue;
        };
        let mention_text: String = tokens
            .chars
            .get(range.start().get()..range.end().get())
            .map(|chars| chars.iter().collect())
            .unwrap_or_default();
        let entity = mention
            .entity
            .and_then(|id| entities.binary_search_by_key(&id, |e| e.id).ok())
            .and_then(|index| entities.get(index));
        let text = mention.canonical.unwrap_or(&mention_text);
        let value = match span_value(mention.kind, text, published, entity) {
            Normalized::Value(value) => Some(value),
            Normalized::NeedsAnalyst { .. } | Normalized::NotApplicable => None,
        };
        found.push(Proposal {
            range,
            kind: mention.kind,
            value,
            note: String::new(),
            entity: mention.entity,
            confidence: mention.confidence,
        });
    }
}

fn text_has_digit(tokens: &Tokens, start: usize, end: usize) -> bool {
    tokens
        .chars
        .get(start..end)
        .is_some_and(|chars| chars.iter().any(char::is_ascii_digit))
}

/// Event trigger forms at each token: tokens `[first, end)` and the event.
fn find_events(tokens: &Tokens, blocked: &[bool]) -> Vec<(usize, usize, &'static str)> {
    // Forms by first word, longest first.
    let mut forms: std::collections::BTreeMap<&str, Vec<(Vec<&str>, &'static str)>> =
        std::collections::BTreeMap::new();
    for trigger in TRIGGERS {
        for form in trigger.forms {
            let words: Vec<&str> = form.split(' ').collect();
            if let Some(first) = words.first() {
                forms.entry(first).or_default().push((words, trigger.event));
            }
        }
    }
    for list in forms.values_mut() {
        list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let candidate = tokens
            .get(index)
            .filter(|t| t.kind == TokenKind::Word && !blocked[index])
            .and_then(|t| forms.get(t.lower.as_str()))
            .and_then(|list| {
                list.iter().find(|(words, _)| {
                    (index..index + words.len()).all(|i| blocked.get(i) == Some(&false))
                        && tokens.words_at(index, words)
                })
            });
        if let Some((words, event)) = candidate {
            found.push((index, index + words.len(), *event));
            index += words.len();
        } else {
            index += 1;
        }
    }
    found
}

/// Spans already in a document, to test proposals against.
struct Existing {
    /// `(range, label)` sorted by start, with the running maximum end per
    /// label kept alongside for overlap queries.
    by_label: std::collections::BTreeMap<Name, (Vec<CharRange>, Vec<CharOffset>)>,
    exact: std::collections::BTreeSet<CharRange>,
}

impl Existing {
    fn new<'s>(spans: impl Iterator<Item = &'s Span>) -> Self {
        let mut by_label: std::collections::BTreeMap<Name, (Vec<CharRange>, Vec<CharOffset>)> =
            std::collections::BTreeMap::new();
        let mut exact = std::collections::BTreeSet::new();
        for span in spans {
            by_label
                .entry(span.label.clone())
                .or_default()
                .0
                .push(span.range);
            exact.insert(span.range);
        }
        for (ranges, max_ends) in by_label.values_mut() {
            ranges.sort();
            let mut max = CharOffset::ZERO;
            *max_ends = ranges
                .iter()
                .map(|range| {
                    max = max.max(range.end());
                    max
                })
                .collect();
        }
        Self { by_label, exact }
    }

    /// Whether a proposal of `label` over `range` must be dropped (rule in
    /// the module docs).
    fn blocks(&self, label: &Name, range: CharRange) -> bool {
        if self.exact.contains(&range) {
            return true;
        }
        let Some((ranges, max_ends)) = self.by_label.get(label) else {
            return false;
        };
        // Spans starting before `range` ends; one of them overlaps when the
        // furthest end among them is past `range`'s start.
        let before_end = ranges.partition_point(|r| r.start() < range.end());
        before_end
            .checked_sub(1)
            .and_then(|i| max_ends.get(i))
            .is_some_and(|max_end| *max_end > range.start())
    }

    fn add(&mut self, label: &Name, range: CharRange) {
        self.exact.insert(range);
        let (ranges, max_ends) = self.by_label.entry(label.clone()).or_default();
        let at = ranges.partition_point(|r| *r <= range);
        ranges.insert(at, range);
        let mut max = at
            .checked_sub(1)
            .and_then(|i| max_ends.get(i))
            .copied()
            .unwrap_or(CharOffset::ZERO);
        max_ends.truncate(at);
        for r in &ranges[at..] {
            max = max.max(r.end());
            max_ends.push(max);
        }
    }
}

fn is_name_kind(kind: ValueKind) -> bool {
    matches!(
        kind,
        ValueKind::Person | ValueKind::Organization | ValueKind::Place
    )
}

/// The schema's first label of each kind.
fn label_of(schema: &Schema, kind: ValueKind) -> Option<&Name> {
    schema
        .labels
        .iter()
        .find(|label| label.value_kind == kind)
        .map(|label| &label.name)
}

/// Proposed spans for a document: ids from `doc.next_span_id()` upward in
/// text order, never overlapping the document's spans of the same label
/// nor duplicating any span's range (see the module docs).
pub fn suggest_document(doc: &Document, schema: &Schema, entities: &[Entity]) -> Vec<Span> {
    let durations = label_of(schema, ValueKind::Duration).is_some();
    let existing = Existing::new(doc.spans().iter());
    let agent = agent();
    let mut next = doc.next_span_id().0;
    let mut spans = Vec::new();
    for proposal in proposals(doc.text.as_str(), doc.published, entities, durations) {
        let Some(label) = label_of(schema, proposal.kind) else {
            continue;
        };
        if existing.blocks(label, proposal.range) {
            continue;
        }
        let span = Span {
            id: SpanId(next),
            range: proposal.range,
            label: label.clone(),
            note: proposal.note,
            status: ReviewStatus::Proposed,
            origin: Some(SpanOrigin {
                agent: agent.clone(),
                confidence: Confidence::new(proposal.confidence),
            }),
            value: proposal.value.map(|value| SpanValue {
                value,
                source: ValueSource::Normalizer,
            }),
            entity: proposal.entity,
        };
        // The value a span gets is the annotation rule's, whoever proposes
        // it: the finders' reading in running text is only where to look.
        // Names keep the finder's value (a registry or gazetteer name).
        let span = if is_name_kind(proposal.kind) {
            span
        } else {
            crate::annotate::normalized_span(schema, entities, doc, span, false).0
        };
        spans.push(span);
        next += 1;
    }
    spans
}

/// What the suggester proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposals {
    Spans,
    /// Spans, then whole claims from the spans (the document's and the
    /// proposed ones; see `claims` for the rules), made at `created`.
    SpansAndClaims {
        created: Timestamp,
    },
}

/// Proposed spans for the given documents (all when `None`) as one batch of
/// `InsertSpan` edits, undone in one step. `progress(done, total)` is
/// called before the first document and after each one.
pub fn suggest_edits(
    project: &Project,
    docs: Option<&[DocId]>,
    progress: &dyn Fn(usize, usize),
) -> Result<Edit, SuggestError> {
    suggest_proposals(project, docs, &Proposals::Spans, progress)
}

/// Proposals of spans, and of claims when asked, for the given documents
/// (all when `None`): one batch, undone in one step.
pub fn suggest_proposals(
    project: &Project,
    docs: Option<&[DocId]>,
    what: &Proposals,
    progress: &dyn Fn(usize, usize),
) -> Result<Edit, SuggestError> {
    let documents: Vec<&Document> = match docs {
        None => project.documents.iter().collect(),
        Some(ids) => ids
            .iter()
            .map(|id| {
                project
                    .document(id)
                    .ok_or_else(|| SuggestError::NoDocument(id.clone()))
            })
            .collect::<Result<_, _>>()?,
    };
    let total = documents.len();
    progress(0, total);
    let provenance = match what {
        Proposals::Spans => None,
        Proposals::SpansAndClaims { created } => Some(claims::provenance(created.clone())),
    };
    let mut edits = Vec::new();
    for (done, doc) in documents.into_iter().enumerate() {
        let spans = suggest_document(doc, &project.schema, &project.entities);
        if let Some(provenance) = &provenance {
            edits.extend(
                claims::suggest_claims(doc, &spans, &project.schema, provenance)
                    .into_iter()
                    .map(|claim| Edit::InsertClaim {
                        doc: doc.id.clone(),
                        claim,
                    }),
            );
        }
        edits.extend(spans.into_iter().map(|span| Edit::InsertSpan {
            doc: doc.id.clone(),
            span,
        }));
        progress(done + 1, total);
    }
    Ok(crate::edit::gather_inserts(edits))
}

/// Whether the chars around `[start, end)` are word boundaries.
fn on_word_boundaries(doc: &Document, range: CharRange) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c);
    let before = range
        .start()
        .get()
        .checked_sub(1)
        .and_then(|at| doc.text.char_at(CharOffset::new(at)));
    let after = doc.text.char_at(range.end());
    let first = doc.text.char_at(range.start());
    let last = range
        .end()
        .get()
        .checked_sub(1)
        .and_then(|at| doc.text.char_at(CharOffset::new(at)));
    // A boundary only matters where the span itself starts or ends in a word.
    let open = !(first.is_some_and(is_word) && before.is_some_and(is_word));
    let close = !(last.is_some_and(is_word) && after.is_some_and(is_word));
    open && close
}

/// Proposes every other exact occurrence (case included, on word
/// boundaries) of a span's text, with the span's label, in its document or
/// in all documents: one batch. Occurrences that a span of the same label
/// overlaps, or any span covers exactly, are skipped. Values come from the
/// normaliser against each document's own publication date; a span linked
/// to an entity links its occurrences to the same entity.
pub fn tag_all_occurrences(
    project: &Project,
    doc: &DocId,
    span: SpanId,
    all_documents: bool,
) -> Result<Edit, SuggestError> {
    let source_doc = project
        .document(doc)
        .ok_or_else(|| SuggestError::NoDocument(doc.clone()))?;
    let source = source_doc.span(span).ok_or_else(|| SuggestError::NoSpan {
        doc: doc.clone(),
        span,
    })?;
    let kind = project
        .schema
        .label(&source.label)
        .map(|label| label.value_kind)
        .ok_or_else(|| SuggestError::NoLabel {
            span,
            label: source.label.clone(),
        })?;
    let needle = source_doc.span_text(source).to_owned();
    if needle.trim().is_empty() {
        return Ok(Edit::Batch(Vec::new()));
    }
    let entity = source.entity.and_then(|id| project.entity(id));
    let agent = Agent::software(TAG_ALL_AGENT_ID, Some(crate::TOOL_VERSION.to_owned()));
    let targets: Vec<&Document> = if all_documents {
        project.documents.iter().collect()
    } else {
        vec![source_doc]
    };
    let mut edits = Vec::new();
    for target in targets {
        let mut existing = Existing::new(target.spans().iter());
        let mut next = target.next_span_id().0;
        for (byte, _) in target.text.as_str().match_indices(needle.as_str()) {
            let start = target.text.char_offset_of_byte(byte);
            let range = CharRange::new(start, start.saturating_add(needle.chars().count()));
            if !on_word_boundaries(target, range) || existing.blocks(&source.label, range) {
                continue;
            }
            existing.add(&source.label, range);
            let (value, note) = match span_value(kind, &needle, target.published, entity) {
                Normalized::Value(value) => (
                    Some(SpanValue {
                        value,
                        source: ValueSource::Normalizer,
                    }),
                    String::new(),
                ),
                Normalized::NeedsAnalyst { reason } => (None, reason),
                Normalized::NotApplicable => (None, String::new()),
            };
            edits.push(Edit::InsertSpan {
                doc: target.id.clone(),
                span: Span {
                    id: SpanId(next),
                    range,
                    label: source.label.clone(),
                    note,
                    status: ReviewStatus::Proposed,
                    origin: Some(SpanOrigin {
                        agent: agent.clone(),
                        confidence: None,
                    }),
                    value,
                    entity: entity.map(|e| e.id),
                },
            });
            next += 1;
        }
    }
    Ok(Edit::Batch(edits))
}

#[cfg(test)]
mod tests;
