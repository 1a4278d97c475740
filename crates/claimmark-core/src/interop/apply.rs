//! Other tools' documents into the project as one edit: documents matched
//! by text or added, offsets converted, covered texts checked, labels,
//! claim types and roles mapped to the schema (or added to it when asked),
//! values normalised as tagging by hand would, and a report of everything
//! taken and refused.

use std::collections::{BTreeMap, HashMap};

use crate::edit::{Edit, SchemaEdit};
use crate::model::{
    Agent, Argument, CanonicalText, CharRange, Claim, ClaimId, Confidence, DocId, Document, Name,
    Project, ReviewStatus, Schema, Span, SpanId, SpanOrigin, TRIGGER_ROLE, ValueKind, canonicalize,
};

use super::foreign::{ForeignDocument, ForeignSpan, Location, Refusal};
use super::names::Names;
use super::offsets::{OffsetMap, OffsetUnit};

/// How to read names and offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Overrides the format's own unit.
    pub unit: Option<OffsetUnit>,
    /// `SOURCE=TARGET` for labels, claim types and roles.
    pub map: BTreeMap<String, String>,
    /// Add labels, claim types and roles the schema lacks instead of
    /// refusing what uses them.
    pub add_to_schema: bool,
}

/// A name the schema lacks, and where it is used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unknown {
    /// `label`, `claim type` or `role`.
    pub kind: &'static str,
    pub name: String,
    pub used_at: Vec<String>,
}

/// What an import did (or, refused, why not).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub format: String,
    pub documents_added: Vec<String>,
    pub documents_matched: Vec<String>,
    pub spans: usize,
    pub claims: usize,
    pub spans_per_label: BTreeMap<String, usize>,
    /// Documents already in the project whose note the files added to.
    pub document_notes: usize,
    /// Names added to the schema (`--add-to-schema`).
    pub schema_added: Vec<String>,
    pub unknown: Vec<Unknown>,
    /// Everything not imported, one line each (`file:line: why`).
    pub refused: Vec<String>,
}

impl Report {
    /// The report's lines: refusals and unknown names (stderr), the summary.
    pub fn lines(&self) -> (Vec<String>, String) {
        let report = self;
        let mut problems = report.refused.clone();
        for unknown in &report.unknown {
            let shown: Vec<&str> = unknown.used_at.iter().take(5).map(String::as_str).collect();
            let more = unknown.used_at.len().saturating_sub(shown.len());
            problems.push(format!(
                "the schema has no {} “{}”, used at {}{} (--map {}=NAME, or --add-to-schema)",
                unknown.kind,
                unknown.name,
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                },
                unknown.name
            ));
        }
        let labels: Vec<String> = report
            .spans_per_label
            .iter()
            .map(|(label, n)| format!("{label} {n}"))
            .collect();
        let summary = format!(
            "imported {} ({}): {} document(s) added, {} matched{}; {} span(s){}; {} claim(s); {} not imported{}",
            report.format,
            if report.schema_added.is_empty() {
                "schema unchanged".to_owned()
            } else {
                format!("schema gained {}", report.schema_added.join(", "))
            },
            report.documents_added.len(),
            report.documents_matched.len(),
            if report.document_notes > 0 {
                format!(" ({} with a note added)", report.document_notes)
            } else {
                String::new()
            },
            report.spans,
            if labels.is_empty() {
                String::new()
            } else {
                format!(" ({})", labels.join(", "))
            },
            report.claims,
            report.refused.len(),
            if report.unknown.is_empty() {
                String::new()
            } else {
                format!("; {} unknown name(s)", report.unknown.len())
            },
        );
        (problems, summary)
    }
}

/// The import as one edit, and its report.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub edit: Edit,
    pub report: Report,
}

/// The edit importing `docs` into `project`, and its report. Nothing
/// changes until the caller applies the edit; what cannot be imported is
/// in the report, the rest is in the edit.
#[allow(clippy::too_many_lines)] // documents, schema additions, then the report
pub fn prepare(
    project: &Project,
    docs: Vec<ForeignDocument>,
    refused: &[Refusal],
    format: &str,
    options: &Options,
) -> Prepared {
    let mut names = Names {
        options,
        schema: project.schema.clone(),
        added: Vec::new(),
        unknown: BTreeMap::new(),
    };
    let mut report = Report {
        format: format.to_owned(),
        refused: refused.iter().map(ToString::to_string).collect(),
        ..Report::default()
    };
    let mut new_docs: Vec<Document> = Vec::new();
    let mut doc_notes: BTreeMap<DocId, String> = BTreeMap::new();
    let mut annotations: Vec<(DocId, Vec<Span>, Vec<Claim>)> = Vec::new();
    for foreign in docs {
        let Ok(text) = CanonicalText::from_bytes(foreign.text.as_bytes()) else {
            report.refused.push(
                Refusal {
                    at: foreign.at.clone(),
                    why: "its text is empty or not text".into(),
                }
                .to_string(),
            );
            continue;
        };
        let existing = project
            .document_with_text(text.sha256())
            .or_else(|| new_docs.iter().find(|d| d.text.sha256() == text.sha256()))
            .or_else(|| {
                foreign
                    .spacing_rebuilt
                    .then(|| {
                        project
                            .documents
                            .iter()
                            .chain(&new_docs)
                            .find(|d| same_but_spacing(&d.text, &text))
                    })
                    .flatten()
            });
        let doc = if let Some(doc) = existing {
            report.documents_matched.push(doc.id.to_string());
            let doc = doc.clone();
            // What the tool said about the document joins its note (a
            // document added by an earlier file holds it itself).
            let notes = match new_docs.iter_mut().find(|d| d.id == doc.id) {
                Some(added) => &mut added.note,
                None => doc_notes
                    .entry(doc.id.clone())
                    .or_insert_with(|| doc.note.clone()),
            };
            if !foreign.note.is_empty() && !notes.contains(&foreign.note) {
                if !notes.is_empty() {
                    notes.push_str("; ");
                }
                notes.push_str(&foreign.note);
            }
            doc
        } else {
            {
                let id = DocId::from_stem(&foreign.name, |id| {
                    project.document(id).is_some() || new_docs.iter().any(|d| &d.id == id)
                });
                let title = crate::storage::articles::title_from_text(&text)
                    .unwrap_or_else(|| foreign.name.clone());
                let mut doc = Document::new(id, title, text);
                doc.source.clone_from(&foreign.source);
                doc.note.clone_from(&foreign.note);
                report.documents_added.push(doc.id.to_string());
                new_docs.push(doc.clone());
                doc
            }
        };
        let already = annotations
            .iter()
            .find(|(id, _, _)| *id == doc.id)
            .map(|(_, s, c)| (s.clone(), c.clone()));
        let (spans, claims) = document_annotations(
            project,
            &doc,
            &foreign,
            already,
            options,
            &mut names,
            &mut report,
        );
        annotations.retain(|(id, _, _)| *id != doc.id);
        annotations.push((doc.id.clone(), spans, claims));
    }
    let mut edits: Vec<Edit> = names.added.iter().cloned().map(Edit::Schema).collect();
    report.schema_added = names
        .added
        .iter()
        .map(|edit| match edit {
            SchemaEdit::InsertLabel { label, .. } => format!("label {}", label.name),
            SchemaEdit::InsertClaimType { claim_type, .. } => {
                format!("claim type {}", claim_type.name)
            }
            SchemaEdit::InsertRole {
                claim_type, role, ..
            } => format!("role {claim_type}.{}", role.name),
            _ => String::new(),
        })
        .collect();
    for doc in new_docs {
        edits.push(Edit::InsertDocument {
            index: project.documents.len()
                + edits
                    .iter()
                    .filter(|e| matches!(e, Edit::InsertDocument { .. }))
                    .count(),
            document: Box::new(doc),
        });
    }
    for (doc, note) in doc_notes {
        let unchanged = project.document(&doc).is_none_or(|d| d.note == note);
        if !unchanged {
            report.document_notes += 1;
            edits.push(Edit::SetDocumentNote { doc, note });
        }
    }
    for (doc, spans, claims) in annotations {
        report.spans += spans.len();
        report.claims += claims.len();
        for span in &spans {
            *report
                .spans_per_label
                .entry(span.label.to_string())
                .or_default() += 1;
        }
        if !spans.is_empty() || !claims.is_empty() {
            edits.push(Edit::InsertAnnotations { doc, spans, claims });
        }
    }
    report.unknown = names
        .unknown
        .into_iter()
        .map(|((kind, name), used_at)| Unknown {
            kind,
            name,
            used_at,
        })
        .collect();
    Prepared {
        edit: Edit::Batch(edits),
        report,
    }
}

/// Whether two texts are equal char by char where either is not white
/// space (ours may go on with white space after theirs ends): the same
/// offsets hold in both.
fn same_but_spacing(ours: &CanonicalText, theirs: &CanonicalText) -> bool {
    let mut ours = ours.as_str().chars();
    theirs.as_str().chars().all(|b| {
        ours.next()
            .is_some_and(|a| a == b || (a.is_whitespace() && b.is_whitespace()))
    }) && ours.all(char::is_whitespace)
}

/// The spans and claims one foreign document adds to `doc` (after those
/// `already` taken from an earlier file of the same text).
#[allow(clippy::too_many_lines)] // one pass per kind of annotation
fn document_annotations(
    project: &Project,
    doc: &Document,
    foreign: &ForeignDocument,
    already: Option<(Vec<Span>, Vec<Claim>)>,
    options: &Options,
    names: &mut Names<'_>,
    report: &mut Report,
) -> (Vec<Span>, Vec<Claim>) {
    let (mut spans, mut claims) = already.unwrap_or_default();
    let unit = options.unit.unwrap_or(foreign.unit);
    let offsets = OffsetMap::new(&foreign.text, unit);
    let mut next_span = spans.last().map_or(doc.next_span_id().0, |s| s.id.0 + 1);
    let mut next_claim = claims.last().map_or(doc.next_claim_id().0, |c| c.id.0 + 1);
    let mut by_key: HashMap<String, SpanId> = HashMap::new();
    let mut seen: HashMap<(CharRange, Name), SpanId> = doc
        .spans()
        .iter()
        .chain(spans.iter())
        .map(|s| ((s.range, s.label.clone()), s.id))
        .collect();
    let agent = Agent::software(
        foreign
            .model
            .clone()
            .unwrap_or_else(|| report.format.clone()),
        None,
    );
    let refuse = |report: &mut Report, at: &Location, why: String| {
        report.refused.push(
            Refusal {
                at: at.clone(),
                why,
            }
            .to_string(),
        );
    };
    // The claim types first (added, with --add-to-schema, before the
    // spans), so a trigger typed with a new type is known to be one.
    for event in &foreign.claims {
        let _ = names.claim_type(&event.claim_type, &event.at);
    }
    // brat types an event's trigger with the event's type (`T9 release …`),
    // not a label: such a trigger is the span of a label the claim type's
    // trigger role takes at the same place (made when there is none).
    let trigger_types: HashMap<&str, &str> = foreign
        .claims
        .iter()
        .filter_map(|c| Some((c.trigger.as_deref()?, c.claim_type.as_str())))
        .collect();
    for item in &foreign.spans {
        let range = match span_range(&offsets, doc, item) {
            Ok(range) => range,
            Err(why) => {
                refuse(report, &item.at, why);
                continue;
            }
        };
        let trigger_label = trigger_types
            .get(item.key.as_str())
            .filter(|ty| {
                names
                    .mapped(&item.label)
                    .is_some_and(|l| names.schema.label(&l).is_none())
                    && names.mapped(ty) == names.mapped(&item.label)
            })
            .and_then(|ty| {
                let ty = names.mapped(ty)?;
                let role = names
                    .schema
                    .claim_type(&ty)?
                    .roles
                    .iter()
                    .find(|r| r.name.as_str() == TRIGGER_ROLE)?;
                role.labels.first().cloned().or_else(|| {
                    names
                        .schema
                        .labels
                        .iter()
                        .find(|l| l.value_kind == ValueKind::Event)
                        .map(|l| l.name.clone())
                })
            });
        let label = if let Some(label) = trigger_label {
            label
        } else if let Some(label) = names.label(&item.label, &item.at) {
            label
        } else {
            refuse(
                report,
                &item.at,
                if names.mapped(&item.label).is_none() {
                    format!(
                        "“{}” cannot be a label name (a letter first, then letters, digits and _): map it to one of the schema's",
                        item.label
                    )
                } else {
                    format!(
                        "the schema has no label “{}”: map it to one of the schema's, or add it to the schema",
                        item.label
                    )
                },
            );
            continue;
        };
        // The same range and label again (another annotator, a prediction
        // of what was annotated): one span.
        if let Some(same) = seen.get(&(range, label.clone())) {
            by_key.insert(item.key.clone(), *same);
            continue;
        }
        let mut span = Span::new(SpanId(next_span), range, label);
        next_span += 1;
        span.status = item.status;
        span.note.clone_from(&item.note);
        if item.status == ReviewStatus::Proposed {
            span.origin = Some(SpanOrigin {
                agent: agent.clone(),
                confidence: item.confidence.and_then(Confidence::new),
            });
        }
        let (span, _) =
            crate::annotate::normalized_span(&names.schema, &project.entities, doc, span, false);
        by_key.insert(item.key.clone(), span.id);
        seen.insert((span.range, span.label.clone()), span.id);
        spans.push(span);
    }
    // A claim per (type, trigger span): an event or relations on a trigger
    // that already has a claim of that type add to it (a second import of
    // the same file, an annotation and a prediction of the same event).
    let mut on_trigger: HashMap<(Name, SpanId), usize> = HashMap::new();
    let mut claim_of_key: HashMap<String, usize> = HashMap::new();
    let existing: HashMap<(Name, SpanId), ClaimId> = doc
        .claims()
        .iter()
        .filter_map(|c| {
            let trigger = c
                .arguments
                .iter()
                .find(|a| a.role.as_str() == TRIGGER_ROLE)?;
            Some(((c.claim_type.clone(), trigger.span), c.id))
        })
        .collect();
    for event in &foreign.claims {
        let Some(claim_type) = names.claim_type(&event.claim_type, &event.at) else {
            refuse(
                report,
                &event.at,
                format!(
                    "the schema has no claim type “{}”: map it to one of the schema's, or add it to the schema",
                    event.claim_type
                ),
            );
            continue;
        };
        let trigger = event.trigger.as_ref().map(|key| by_key.get(key).copied());
        if let (Some(None), Some(key)) = (trigger, &event.trigger) {
            refuse(
                report,
                &event.at,
                format!("its trigger {key} was not imported, so the event is not"),
            );
            continue;
        }
        let trigger = trigger.flatten();
        if let Some(span) = trigger
            && let Some(id) = existing.get(&(claim_type.clone(), span))
        {
            refuse(
                report,
                &event.at,
                format!("claim {id} of the document already is this event"),
            );
            continue;
        }
        let index = trigger
            .and_then(|span| on_trigger.get(&(claim_type.clone(), span)).copied())
            .unwrap_or_else(|| {
                let mut claim = Claim::new(ClaimId(next_claim), claim_type.clone());
                next_claim += 1;
                claim.status = event.status;
                if let (Some(span), Ok(role)) = (trigger, Name::parse(TRIGGER_ROLE)) {
                    claim.arguments.push(Argument::new(role, span));
                    on_trigger.insert((claim_type.clone(), span), claims.len());
                }
                claims.push(claim);
                claims.len() - 1
            });
        if let Some(key) = &event.trigger {
            claim_of_key.insert(key.clone(), index);
        }
        for (role, key) in &event.arguments {
            let Some(span) = by_key.get(key) else {
                refuse(
                    report,
                    &event.at,
                    format!("its argument {role}:{key} is not a span that was imported"),
                );
                continue;
            };
            if let Err(why) = add_argument(names, &mut claims[index], role, *span, &event.at) {
                refuse(report, &event.at, why);
            }
        }
    }
    for relation in &foreign.relations {
        let (Some(from), Some(to)) = (by_key.get(&relation.from), by_key.get(&relation.to)) else {
            refuse(
                report,
                &relation.at,
                "one of its ends is not a span that was imported".into(),
            );
            continue;
        };
        let known = claim_of_key.get(&relation.from).copied().or_else(|| {
            on_trigger
                .iter()
                .find(|((_, span), _)| span == from)
                .map(|(_, index)| *index)
        });
        let index = if let Some(index) = known {
            index
        } else {
            // A trigger with relations but no event: the claim type its
            // event words imply (as C does for a selection).
            let trigger = spans.iter().chain(doc.spans()).find(|s| s.id == *from);
            let implied = trigger.and_then(|span| implied_claim_type(&names.schema, doc, span));
            let Some(claim_type) = implied else {
                refuse(
                    report,
                    &relation.at,
                    format!(
                        "its head ({}) is not an event span whose words name a claim type; relations between other spans have no claimmark place",
                        relation.from
                    ),
                );
                continue;
            };
            if let Some(id) = existing.get(&(claim_type.clone(), *from)) {
                refuse(
                    report,
                    &relation.at,
                    format!("claim {id} of the document already has this trigger"),
                );
                continue;
            }
            let mut claim = Claim::new(ClaimId(next_claim), claim_type.clone());
            next_claim += 1;
            claim.status = trigger.map_or(ReviewStatus::Accepted, |s| s.status);
            if let Ok(role) = Name::parse(TRIGGER_ROLE) {
                claim.arguments.push(Argument::new(role, *from));
            }
            claims.push(claim);
            on_trigger.insert((claim_type, *from), claims.len() - 1);
            claims.len() - 1
        };
        if let Err(why) = add_argument(
            names,
            &mut claims[index],
            &relation.label,
            *to,
            &relation.at,
        ) {
            refuse(report, &relation.at, why);
        }
    }
    // A claim that kept nothing but its trigger from an event that named
    // arguments is still a claim (the analyst fills it); one with no
    // arguments at all is not.
    let before = claims.len();
    claims.retain(|c| !c.arguments.is_empty());
    if claims.len() < before {
        refuse(
            report,
            &foreign.at,
            format!(
                "{} claim(s) with no argument left were not imported",
                before - claims.len()
            ),
        );
    }
    (spans, claims)
}

/// Puts `span` in the claim's role `raw` (mapped), as the model allows: a
/// role the type has, once when it takes one span, never the same span
/// twice.
fn add_argument(
    names: &mut Names<'_>,
    claim: &mut Claim,
    raw: &str,
    span: SpanId,
    at: &Location,
) -> Result<(), String> {
    let claim_type = claim.claim_type.clone();
    let role = names.role(&claim_type, raw, at).ok_or_else(|| {
        format!(
            "claim type “{claim_type}” has no role “{raw}”: map it to one of the type's, or add it to the schema"
        )
    })?;
    if claim
        .arguments
        .iter()
        .any(|a| a.role == role && a.span == span)
    {
        return Ok(());
    }
    let multiple = names
        .schema
        .claim_type(&claim_type)
        .and_then(|t| t.role(&role))
        .is_some_and(|r| r.multiple);
    if !multiple && claim.arguments.iter().any(|a| a.role == role) {
        return Err(format!(
            "role “{role}” of a {claim_type} takes one span; a second one is not imported"
        ));
    }
    claim.arguments.push(Argument::new(role, span));
    Ok(())
}

/// The claim type an event span's words start, when the schema has it.
fn implied_claim_type(schema: &Schema, doc: &Document, span: &Span) -> Option<Name> {
    let kind = schema.label(&span.label)?.value_kind;
    if kind != ValueKind::Event {
        return None;
    }
    let event = crate::normalize::event::event_name(doc.span_text(span))?;
    let name = Name::parse(crate::normalize::event::claim_type(event).unwrap_or(event)).ok()?;
    schema.claim_type(&name).map(|t| t.name.clone())
}

/// A foreign span's range in the project's text, or why not: offsets in
/// the file's unit, and the covered text (when the file gives it) equal to
/// the text at those offsets.
fn span_range(
    offsets: &OffsetMap,
    doc: &Document,
    item: &ForeignSpan,
) -> Result<CharRange, String> {
    let start = offsets
        .char_offset(item.start)
        .map_err(|e| format!("start: {e}"))?;
    let end = offsets
        .char_offset(item.end)
        .map_err(|e| format!("end: {e}"))?;
    if end <= start {
        return Err(format!(
            "it is empty or backwards ({}–{})",
            item.start, item.end
        ));
    }
    let range = CharRange::new(start, end);
    let found = doc
        .text
        .slice(range)
        .ok_or("its offsets are past the text")?;
    if let Some(covered) = &item.covered {
        let covered = canonicalize(covered);
        if covered != found {
            return Err(format!(
                "it says it covers “{}” but the text there is “{}” (the offsets may count another unit: --offsets)",
                crate::text_shown::shown(&covered),
                crate::text_shown::shown(found)
            ));
        }
    }
    Ok(range)
}
