//! Other annotation tools' import formats, so a reviewed dataset opens in
//! them (docs/formats.md): Label Studio (`label-studio.json`, a list of
//! tasks, UTF-16 offsets), doccano (`doccano.jsonl`, relation projects,
//! code points) and Prodigy (`prodigy.jsonl`, code points).
//!
//! Spans are `labels` results / entities / spans. A claim with a trigger is
//! its trigger's relations to its arguments, each labelled with the role.
//! Not carried, and listed: claims without a trigger, a claim's type (these
//! formats have none: `claimmark import` implies it from the trigger's
//! event word), and for the whole dataset values, statuses, provenance and
//! notes.

use serde_json::{Value, json};

use super::{DatasetError, DocSelection, NotCarried, Selection, Writer, Written};
use crate::interop::{OffsetMap, OffsetUnit};
use crate::model::{Claim, TRIGGER_ROLE};

/// Which tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    LabelStudio,
    Doccano,
    Prodigy,
}

/// (trigger span id, argument span id, role) of each claim with a trigger.
fn relations<'a>(
    doc: &'a DocSelection<'_>,
    not_carried: &mut Vec<NotCarried>,
) -> Vec<(u32, u32, &'a str)> {
    let mut out = Vec::new();
    for claim in &doc.claims {
        let Some(trigger) = trigger_of(claim) else {
            not_carried.push(NotCarried {
                doc: doc.doc.id.to_string(),
                item: format!("claim {} ({})", claim.id, claim.claim_type),
                reason: "claim without a trigger: relations start at one".to_owned(),
            });
            continue;
        };
        for argument in claim
            .arguments
            .iter()
            .filter(|a| a.role.as_str() != TRIGGER_ROLE)
        {
            out.push((trigger, argument.span.0, argument.role.as_str()));
        }
    }
    out
}

fn trigger_of(claim: &Claim) -> Option<u32> {
    claim
        .arguments
        .iter()
        .find(|a| a.role.as_str() == TRIGGER_ROLE)
        .map(|a| a.span.0)
}

fn task(
    doc: &DocSelection<'_>,
    index: usize,
    tool: Tool,
    not_carried: &mut Vec<NotCarried>,
) -> Value {
    let text = doc.doc.text.as_str();
    let links = relations(doc, not_carried);
    match tool {
        Tool::LabelStudio => {
            let units = OffsetMap::new(text, OffsetUnit::Utf16);
            let at = |offset| units.unit_offset(offset).unwrap_or(0);
            let mut result: Vec<Value> = doc
                .spans
                .iter()
                .map(|span| {
                    json!({"id": format!("s{}", span.id.0), "type": "labels", "from_name": "label", "to_name": "text",
                        "value": {"start": at(span.range.start()), "end": at(span.range.end()),
                            "text": doc.doc.span_text(span), "labels": [span.label.as_str()]}})
                })
                .collect();
            result.extend(links.iter().map(|(from, to, role)| {
                json!({"type": "relation", "from_id": format!("s{from}"), "to_id": format!("s{to}"), "direction": "right", "labels": [role]})
            }));
            json!({"id": index + 1, "data": {"text": text, "doc_id": doc.doc.id.as_str(), "title": doc.doc.title},
                "annotations": [{"result": result}]})
        }
        Tool::Doccano => {
            let entities: Vec<Value> = doc
                .spans
                .iter()
                .map(|span| json!({"id": span.id.0, "label": span.label.as_str(), "start_offset": span.range.start().get(), "end_offset": span.range.end().get()}))
                .collect();
            let relations: Vec<Value> = links
                .iter()
                .enumerate()
                .map(|(n, (from, to, role))| json!({"id": n + 1, "from_id": from, "to_id": to, "type": role}))
                .collect();
            json!({"id": index + 1, "text": text, "entities": entities, "relations": relations, "doc_id": doc.doc.id.as_str()})
        }
        Tool::Prodigy => {
            let span_of = |id: u32| {
                doc.spans.iter().find(|s| s.id.0 == id).map(|span| {
                json!({"start": span.range.start().get(), "end": span.range.end().get(), "label": span.label.as_str()})
            })
            };
            let spans: Vec<Value> = doc
                .spans
                .iter()
                .map(|span| json!({"start": span.range.start().get(), "end": span.range.end().get(), "label": span.label.as_str(), "text": doc.doc.span_text(span)}))
                .collect();
            let relations: Vec<Value> = links
                .iter()
                .filter_map(|(from, to, role)| Some(json!({"head_span": span_of(*from)?, "child_span": span_of(*to)?, "label": role})))
                .collect();
            json!({"text": text, "spans": spans, "relations": relations, "answer": "accept", "meta": {"doc_id": doc.doc.id.as_str()}})
        }
    }
}

/// Writes the tool's file.
pub fn write(
    selection: &Selection<'_>,
    writer: &mut Writer,
    tool: Tool,
) -> Result<Written, DatasetError> {
    let mut written = Written::default();
    let tasks: Vec<Value> = selection
        .docs
        .iter()
        .enumerate()
        .map(|(index, doc)| task(doc, index, tool, &mut written.not_carried))
        .collect();
    match tool {
        Tool::LabelStudio => writer.write(
            "label-studio.json",
            serde_json::to_string_pretty(&tasks)?.as_bytes(),
        )?,
        Tool::Doccano | Tool::Prodigy => {
            let mut out = String::new();
            for task in &tasks {
                out.push_str(&serde_json::to_string(task)?);
                out.push('\n');
            }
            let name = if tool == Tool::Doccano {
                "doccano.jsonl"
            } else {
                "prodigy.jsonl"
            };
            writer.write(name, out.as_bytes())?;
        }
    }
    written.not_carried.push(NotCarried {
        doc: "*".to_owned(),
        item: "claim types, values, statuses, provenance, notes".to_owned(),
        reason: "the format holds text, spans and relations only (claimmark import implies a claim's type from its trigger's event word)".to_owned(),
    });
    Ok(written)
}
