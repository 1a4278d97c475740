//! The JSON exports: Label Studio (one JSON array of tasks), doccano and
//! Prodigy (JSON Lines, one document per line). Fields other tools add are
//! ignored; what is read is named in each function.
//!
//! Units: Label Studio counts UTF-16 code units (its editor's JavaScript
//! string offsets); doccano and Prodigy count code points (Python).

use serde_json::Value;

use super::foreign::{ForeignDocument, ForeignRelation, ForeignSpan, Location, Refusal};
use super::offsets::OffsetUnit;
use crate::model::ReviewStatus;

fn new_document(
    name: String,
    source: &str,
    text: String,
    unit: OffsetUnit,
    at: Location,
) -> ForeignDocument {
    ForeignDocument {
        name,
        source: source.to_owned(),
        text,
        unit,
        spans: Vec::new(),
        claims: Vec::new(),
        relations: Vec::new(),
        model: None,
        spacing_rebuilt: false,
        note: String::new(),
        at,
    }
}

/// The elements of an array field, numbered (none when it is missing).
fn items<'a>(value: &'a Value, field: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    value
        .get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn offset(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// A Label Studio JSON export: `[{id, data: {text}, annotations: [{result,
/// was_cancelled}], predictions: [{result, score, model_version}]}]`.
/// `labels` results are spans (annotations accepted, predictions proposed
/// with their score), `relation` results link a trigger to an argument
/// (the relation's first label is the role); a region's own `textarea` and
/// `choices` results are its span's note, the task's the document's note;
/// other results are reported as not carried.
#[allow(clippy::too_many_lines)] // one pass over tasks, annotations and results
pub fn label_studio(contents: &str, file: &str) -> (Vec<ForeignDocument>, Vec<Refusal>) {
    let mut refused = Vec::new();
    let tasks: Vec<Value> = match serde_json::from_str::<Value>(contents) {
        Ok(Value::Array(tasks)) => tasks,
        Ok(task @ Value::Object(_)) => vec![task],
        Ok(_) => {
            refused.push(Refusal {
                at: Location::file(file),
                why: "a Label Studio export is a JSON list of tasks".into(),
            });
            return (Vec::new(), refused);
        }
        Err(error) => {
            refused.push(json_error(file, &error));
            return (Vec::new(), refused);
        }
    };
    let mut docs = Vec::new();
    for (t, task) in tasks.iter().enumerate() {
        let path = format!("[{t}]");
        let text = task
            .pointer("/data/text")
            .and_then(Value::as_str)
            .or_else(|| {
                task.get("data")
                    .and_then(Value::as_object)?
                    .values()
                    .find_map(Value::as_str)
            })
            // The JSON-MIN export: the task's fields at the top.
            .or_else(|| task.get("text").and_then(Value::as_str));
        let Some(text) = text else {
            refused.push(Refusal {
                at: Location::json(file, None, path),
                why: "the task has no text (data.text)".into(),
            });
            continue;
        };
        let name = task.get("id").map_or_else(
            || format!("task-{t}"),
            |id| format!("task-{}", id.to_string().trim_matches('"')),
        );
        let mut doc = new_document(
            name,
            file,
            text.to_owned(),
            OffsetUnit::Utf16,
            Location::json(file, None, path.clone()),
        );
        min_export_spans(task, file, &path, &mut doc);
        for (kind, status) in [
            ("annotations", ReviewStatus::Accepted),
            ("predictions", ReviewStatus::Proposed),
        ] {
            let Some(list) = task.get(kind).and_then(Value::as_array) else {
                continue;
            };
            for (a, annotation) in list.iter().enumerate() {
                if annotation.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                    continue;
                }
                let score = annotation.get("score").and_then(Value::as_f64);
                if kind == "predictions" {
                    doc.model = annotation
                        .get("model_version")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .or(doc.model.take());
                }
                let prefix = format!("{}{a}:", &kind[..1]);
                let results = annotation
                    .get("result")
                    .and_then(Value::as_array)
                    .map_or(&[][..], Vec::as_slice);
                // Per-region textarea and choices results (same id as
                // the region): the span's note, once every span is read.
                let mut region_notes: Vec<(String, String, Location)> = Vec::new();
                for (r, result) in results.iter().enumerate() {
                    let at = Location::json(file, None, format!("{path}.{kind}[{a}].result[{r}]"));
                    let id = result
                        .get("id")
                        .and_then(Value::as_str)
                        .map_or_else(|| format!("{r}"), str::to_owned);
                    match result.get("type").and_then(Value::as_str) {
                        Some("labels" | "hypertextlabels") => {
                            let value = result.get("value");
                            let get = |field: &str| value.and_then(|v| v.get(field));
                            let (Some(start), Some(end)) =
                                (get("start").and_then(offset), get("end").and_then(offset))
                            else {
                                refused.push(Refusal {
                                    at,
                                    why:
                                        "a labels result needs value.start and value.end as numbers"
                                            .into(),
                                });
                                continue;
                            };
                            let Some(label) = get("labels")
                                .and_then(Value::as_array)
                                .and_then(|l| l.first())
                                .and_then(Value::as_str)
                            else {
                                refused.push(Refusal {
                                    at,
                                    why: "a labels result needs value.labels".into(),
                                });
                                continue;
                            };
                            doc.spans.push(ForeignSpan {
                                key: format!("{prefix}{id}"),
                                start,
                                end,
                                label: label.to_owned(),
                                covered: get("text").and_then(Value::as_str).map(str::to_owned),
                                status,
                                confidence: result.get("score").and_then(Value::as_f64).or(score),
                                note: String::new(),
                                at,
                            });
                        }
                        Some("relation") => {
                            let ends = (
                                result.get("from_id").and_then(Value::as_str),
                                result.get("to_id").and_then(Value::as_str),
                            );
                            let (Some(from), Some(to)) = ends else {
                                refused.push(Refusal {
                                    at,
                                    why: "a relation needs from_id and to_id".into(),
                                });
                                continue;
                            };
                            let (from, to) = if result.get("direction").and_then(Value::as_str)
                                == Some("left")
                            {
                                (to, from)
                            } else {
                                (from, to)
                            };
                            let label = result
                                .get("labels")
                                .and_then(Value::as_array)
                                .and_then(|l| l.first())
                                .and_then(Value::as_str)
                                .unwrap_or("related");
                            doc.relations.push(ForeignRelation {
                                label: label.to_owned(),
                                from: format!("{prefix}{from}"),
                                to: format!("{prefix}{to}"),
                                at,
                            });
                        }
                        Some(kind @ ("textarea" | "choices")) => {
                            let per_region = result.get("id").is_some()
                                && result.get("value").and_then(|v| v.get("start")).is_some();
                            let field = if kind == "textarea" {
                                "text"
                            } else {
                                "choices"
                            };
                            let said: Vec<&str> = result
                                .get("value")
                                .and_then(|v| v.get(field))
                                .and_then(Value::as_array)
                                .map(|list| list.iter().filter_map(Value::as_str).collect())
                                .unwrap_or_default();
                            let name = result
                                .get("from_name")
                                .and_then(Value::as_str)
                                .unwrap_or(kind);
                            let note = format!("{name}: {}", said.join(", "));
                            if per_region {
                                region_notes.push((format!("{prefix}{id}"), note, at));
                            } else if !doc.note.split("; ").any(|n| n == note) {
                                // The task's own: the document's note.
                                if !doc.note.is_empty() {
                                    doc.note.push_str("; ");
                                }
                                doc.note.push_str(&note);
                            }
                        }
                        other => refused.push(Refusal {
                            at,
                            why: format!(
                                "a “{}” result has no claimmark place; not imported",
                                other.unwrap_or("untyped"),
                            ),
                        }),
                    }
                }
                for (key, note, at) in region_notes {
                    match doc.spans.iter_mut().find(|s| s.key == key) {
                        Some(span) => {
                            if !span.note.is_empty() {
                                span.note.push_str("; ");
                            }
                            span.note.push_str(&note);
                        }
                        None => refused.push(Refusal {
                            at,
                            why: format!("“{note}” is about a region that is not a labels result; not imported"),
                        }),
                    }
                }
            }
        }
        docs.push(doc);
    }
    (docs, refused)
}

/// Label Studio's JSON-MIN export puts each labels control's regions at
/// the task's top: `"label": [{start, end, text, labels}]`.
fn min_export_spans(task: &Value, file: &str, path: &str, doc: &mut ForeignDocument) {
    let Some(fields) = task.as_object() else {
        return;
    };
    for (field, value) in fields {
        let Some(regions) = value.as_array() else {
            continue;
        };
        for (r, region) in regions.iter().enumerate() {
            let (Some(start), Some(end), Some(label)) = (
                region.get("start").and_then(offset),
                region.get("end").and_then(offset),
                region
                    .get("labels")
                    .and_then(Value::as_array)
                    .and_then(|l| l.first())
                    .and_then(Value::as_str),
            ) else {
                continue;
            };
            doc.spans.push(ForeignSpan {
                key: format!("min:{field}:{r}"),
                start,
                end,
                label: label.to_owned(),
                covered: region
                    .get("text")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                status: ReviewStatus::Accepted,
                confidence: None,
                note: String::new(),
                at: Location::json(file, None, format!("{path}.{field}[{r}]")),
            });
        }
    }
}

fn json_error(file: &str, error: &serde_json::Error) -> Refusal {
    Refusal {
        at: Location::line(file, error.line()),
        why: format!("not valid JSON (column {}): {error}", error.column()),
    }
}

/// The documents of a JSON Lines export, one per line; `read` makes one
/// from a line's object.
fn json_lines(
    contents: &str,
    file: &str,
    mut read: impl FnMut(&Value, &str, usize, &mut Vec<Refusal>) -> Option<ForeignDocument>,
) -> (Vec<ForeignDocument>, Vec<Refusal>) {
    let mut docs = Vec::new();
    let mut refused = Vec::new();
    for (index, line) in contents.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => {
                if let Some(doc) = read(&value, file, number, &mut refused) {
                    docs.push(doc);
                }
            }
            Err(error) => refused.push(Refusal {
                at: Location::line(file, number),
                why: format!("not valid JSON (column {}): {error}", error.column()),
            }),
        }
    }
    (docs, refused)
}

fn line_text(
    value: &Value,
    file: &str,
    number: usize,
    refused: &mut Vec<Refusal>,
) -> Option<String> {
    let text = value.get("text").and_then(Value::as_str);
    if text.is_none() {
        refused.push(Refusal {
            at: Location::line(file, number),
            why: "the line has no “text”".into(),
        });
    }
    text.map(str::to_owned)
}

fn line_name(value: &Value, stem: &str, number: usize) -> String {
    value.get("id").map_or_else(
        || format!("{stem}-{number}"),
        |id| format!("{stem}-{}", id.to_string().trim_matches('"')),
    )
}

/// doccano JSONL: sequence labelling (`label: [[start, end, "LABEL"]]`)
/// or relation projects (`entities: [{id, label, start_offset,
/// end_offset}]`, `relations: [{from_id, to_id, type}]`).
pub fn doccano(contents: &str, file: &str, stem: &str) -> (Vec<ForeignDocument>, Vec<Refusal>) {
    json_lines(contents, file, |value, file, number, refused| {
        let text = line_text(value, file, number, refused)?;
        let mut doc = new_document(
            line_name(value, stem, number),
            file,
            text,
            OffsetUnit::CodePoints,
            Location::line(file, number),
        );
        let labels = value
            .get("label")
            .or_else(|| value.get("labels"))
            .and_then(Value::as_array);
        let mut categories: Vec<&str> = Vec::new();
        for (i, item) in labels.into_iter().flatten().enumerate() {
            let at = Location::json(file, Some(number), format!("label[{i}]"));
            match item.as_array().map(Vec::as_slice) {
                Some([start, end, label])
                    if offset(start).is_some() && offset(end).is_some() && label.is_string() =>
                {
                    doc.spans.push(span(
                        format!("l{i}"),
                        offset(start),
                        offset(end),
                        label.as_str(),
                        at,
                    ));
                }
                _ => match item.as_str() {
                    // A document-level category (text classification
                    // projects): the document's note.
                    Some(category) => categories.push(category),
                    None => refused.push(Refusal {
                        at,
                        why: "neither a [start, end, \"LABEL\"] span nor a category; not imported"
                            .into(),
                    }),
                },
            }
        }
        if !categories.is_empty() {
            doc.note = format!("categories: {}", categories.join(", "));
        }
        for (i, entity) in items(value, "entities") {
            let at = Location::json(file, Some(number), format!("entities[{i}]"));
            let key = entity
                .get("id")
                .map_or_else(|| format!("e{i}"), ToString::to_string);
            let (start, end) = (
                entity.get("start_offset").and_then(offset),
                entity.get("end_offset").and_then(offset),
            );
            let label = entity.get("label").and_then(Value::as_str);
            if start.is_none() || end.is_none() || label.is_none() {
                refused.push(Refusal {
                    at,
                    why: "an entity needs start_offset, end_offset and label".into(),
                });
                continue;
            }
            doc.spans.push(span(key, start, end, label, at));
        }
        for (i, relation) in items(value, "relations") {
            let at = Location::json(file, Some(number), format!("relations[{i}]"));
            let (Some(from), Some(to)) = (relation.get("from_id"), relation.get("to_id")) else {
                refused.push(Refusal {
                    at,
                    why: "a relation needs from_id and to_id".into(),
                });
                continue;
            };
            let label = relation
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("related");
            doc.relations.push(ForeignRelation {
                label: label.to_owned(),
                from: from.to_string(),
                to: to.to_string(),
                at,
            });
        }
        Some(doc)
    })
}

fn span(
    key: String,
    start: Option<usize>,
    end: Option<usize>,
    label: Option<&str>,
    at: Location,
) -> ForeignSpan {
    ForeignSpan {
        key,
        start: start.unwrap_or(0),
        end: end.unwrap_or(0),
        label: label.unwrap_or_default().to_owned(),
        covered: None,
        status: ReviewStatus::Accepted,
        confidence: None,
        note: String::new(),
        at,
    }
}

/// Prodigy / spaCy JSONL: `text`, `spans: [{start, end, label}]`,
/// `relations: [{head_span, child_span, label}]` and `answer` (accept →
/// accepted, reject → rejected, ignore → not imported, reported).
pub fn prodigy(contents: &str, file: &str, stem: &str) -> (Vec<ForeignDocument>, Vec<Refusal>) {
    json_lines(contents, file, |value, file, number, refused| {
        let status = match value.get("answer").and_then(Value::as_str) {
            None | Some("accept") => ReviewStatus::Accepted,
            Some("reject") => ReviewStatus::Rejected,
            Some("ignore") => {
                refused.push(Refusal {
                    at: Location::line(file, number),
                    why: "answered “ignore”: skipped".into(),
                });
                return None;
            }
            Some(other) => {
                refused.push(Refusal {
                    at: Location::line(file, number),
                    why: format!("unknown answer “{other}”; skipped"),
                });
                return None;
            }
        };
        let text = line_text(value, file, number, refused)?;
        let mut doc = new_document(
            line_name(value, stem, number),
            file,
            text,
            OffsetUnit::CodePoints,
            Location::line(file, number),
        );
        let key_of = |start: usize, end: usize, label: &str| format!("{start}:{end}:{label}");
        for (i, item) in items(value, "spans") {
            let at = Location::json(file, Some(number), format!("spans[{i}]"));
            let (start, end) = (
                item.get("start").and_then(offset),
                item.get("end").and_then(offset),
            );
            let label = item.get("label").and_then(Value::as_str);
            let (Some(s), Some(e), Some(l)) = (start, end, label) else {
                refused.push(Refusal {
                    at,
                    why: "a span needs start, end and label".into(),
                });
                continue;
            };
            let mut made = span(key_of(s, e, l), start, end, label, at);
            made.status = status;
            made.covered = item.get("text").and_then(Value::as_str).map(str::to_owned);
            doc.spans.push(made);
        }
        for (i, relation) in items(value, "relations") {
            let at = Location::json(file, Some(number), format!("relations[{i}]"));
            let end_key = |field: &str| {
                let s = relation.get(field)?;
                Some(key_of(
                    s.get("start").and_then(offset)?,
                    s.get("end").and_then(offset)?,
                    s.get("label").and_then(Value::as_str)?,
                ))
            };
            let (Some(from), Some(to)) = (end_key("head_span"), end_key("child_span")) else {
                refused.push(Refusal {
                    at,
                    why: "a relation needs head_span and child_span with start, end and label"
                        .into(),
                });
                continue;
            };
            let label = relation
                .get("label")
                .and_then(Value::as_str)
                .unwrap_or("related");
            doc.relations.push(ForeignRelation {
                label: label.to_owned(),
                from,
                to,
                at,
            });
        }
        Some(doc)
    })
}
