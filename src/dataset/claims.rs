//! The `claims` dataset: a fixtures folder that `claimmark score` reads.
//! Per document `<doc-id>.txt` (the canonical text, exactly),
//! `<doc-id>.claims.jsonl` (claim/v1, reviewed claims) and
//! `<doc-id>.spans.jsonl` (claimmark-span/v1, the exported spans).
//!
//! The claim/v1 lines are written here from the model; once the
//! `claim_format` module is merged its exporter can take this over. An
//! imported claim starts from its original line, so its unknown fields and
//! `ext` are kept; its id is kept too, else it is `<doc-id>:c<n>`.
//! Not carried, and listed: orphan arguments (their text was not found, so
//! no anchor can be given).

use serde_json::{Map, Value as Json, json};

use super::{DatasetError, DocSelection, NotCarried, Selection, Writer, Written};
use crate::model::schema::TRIGGER_ROLE;
use crate::model::{Agent, CanonicalText, CharRange, Claim, Document, Project, Span, Value};
use crate::score::annotations::span_value;

use crate::claim_format::{SCHEMA as CLAIM_SCHEMA, SPAN_SCHEMA};
use crate::storage::project_file::format_date;

/// Chars of context on each side of an anchor.
const CONTEXT_CHARS: usize = 32;
/// Creator of a claim made by hand before provenance was recorded.
const UNRECORDED_CREATOR: &str = "analyst";
/// Its `created` time: fixed, meaning "not recorded".
const UNRECORDED_CREATED: &str = "1970-01-01T00:00:00Z";

/// A value as claim/v1 JSON.
pub fn value_json(value: &Value, aliases: &[String]) -> Json {
    let named = |kind: &str, name: &str, entity_id: &Option<String>| {
        let mut object = Map::new();
        object.insert("kind".into(), kind.into());
        object.insert("name".into(), name.into());
        if let Some(id) = entity_id {
            object.insert("entity_id".into(), id.as_str().into());
        }
        if kind == "person" && !aliases.is_empty() {
            object.insert("aliases".into(), aliases.into());
        }
        Json::Object(object)
    };
    match value {
        Value::Person { name, entity_id } => named("person", name, entity_id),
        Value::Organization { name, entity_id } => named("organization", name, entity_id),
        Value::Place { name, entity_id } => named("place", name, entity_id),
        Value::Date(date) => {
            let mut object = json!({
                "kind": "date",
                "value": date.value,
                "granularity": date.granularity.as_str(),
                "anchoring": date.anchoring.as_str(),
            });
            if let (Some(modifier), Some(map)) = (date.modifier, object.as_object_mut()) {
                map.insert("mod".into(), modifier.as_str().into());
            }
            object
        }
        Value::Count(count) => {
            let mut object = json!({
                "kind": "count",
                "number": count.number,
                "mod": count.modifier.as_str(),
            });
            if let Some(map) = object.as_object_mut() {
                if let Some(lower) = count.lower {
                    map.insert("lower".into(), lower.into());
                }
                if let Some(upper) = count.upper {
                    map.insert("upper".into(), upper.into());
                }
            }
            object
        }
        Value::Duration { value } => json!({"kind": "duration", "value": value}),
        Value::Event { name } => json!({"kind": "event", "name": name}),
        Value::Text { text } => json!({"kind": "text", "text": text}),
    }
}

fn anchor_json(text: &CanonicalText, range: CharRange) -> Json {
    json!({
        "start": range.start().get(),
        "end": range.end().get(),
        "exact": text.slice(range).unwrap_or_default(),
        "prefix": text.context_before(range, CONTEXT_CHARS),
        "suffix": text.context_after(range, CONTEXT_CHARS),
    })
}

fn agent_json(agent: &Agent) -> Json {
    let mut object = json!({"kind": agent.kind.as_str(), "id": agent.id});
    if let (Some(version), Some(map)) = (&agent.version, object.as_object_mut()) {
        map.insert("version".into(), version.as_str().into());
    }
    object
}

fn span_value_json(project: &Project, doc: &Document, span: &Span) -> Json {
    let aliases = span
        .entity
        .and_then(|id| project.entity(id))
        .map(|e| e.aliases.clone())
        .unwrap_or_default();
    value_json(&span_value(project, doc, span), &aliases)
}

/// The export id of a claim.
pub fn claim_id(doc: &Document, claim: &Claim) -> String {
    claim
        .external
        .as_ref()
        .map_or_else(|| format!("{}:{}", doc.id, claim.id), |e| e.id.clone())
}

/// One claim as a claim/v1 line (without the line break).
pub fn claim_line(
    project: &Project,
    doc: &Document,
    claim: &Claim,
) -> Result<String, DatasetError> {
    let mut line = claim
        .external
        .as_ref()
        .and_then(|e| serde_json::from_str::<Map<String, Json>>(&e.original).ok())
        .unwrap_or_default();
    let mut doc_json = json!({
        "id": doc.id.as_str(),
        "text_sha256": doc.text.sha256_hex(),
        "text_length": doc.text.char_len(),
    });
    if let Some(map) = doc_json.as_object_mut() {
        if !doc.title.is_empty() {
            map.insert("title".into(), doc.title.as_str().into());
        }
        if !doc.source.is_empty() {
            map.insert("source".into(), doc.source.as_str().into());
        }
        if let Some(published) = doc.published {
            map.insert("published".into(), format_date(published).into());
        }
    }
    let mut trigger = Json::Null;
    let mut args = Vec::new();
    for argument in &claim.arguments {
        let Some(span) = doc.span(argument.span) else {
            continue;
        };
        if argument.role.as_str() == TRIGGER_ROLE && trigger.is_null() {
            trigger = anchor_json(&doc.text, span.range);
            continue;
        }
        args.push(json!({
            "role": argument.role.as_str(),
            "anchor": anchor_json(&doc.text, span.range),
            "value": span_value_json(project, doc, span),
        }));
    }
    for implicit in &claim.implicit {
        args.push(json!({
            "role": implicit.role.as_str(),
            "anchor": null,
            "value": value_json(&implicit.value, &[]),
        }));
    }
    let provenance = match &claim.provenance {
        Some(p) => {
            let mut object =
                json!({"creator": agent_json(&p.creator), "created": p.created.as_str()});
            if let Some(map) = object.as_object_mut() {
                if let Some(reviewer) = &p.reviewer {
                    map.insert("reviewer".into(), agent_json(reviewer));
                }
                if let Some(reviewed) = &p.reviewed {
                    map.insert("reviewed".into(), reviewed.as_str().into());
                }
            }
            object
        }
        None => json!({
            "creator": {"kind": "person", "id": UNRECORDED_CREATOR},
            "created": UNRECORDED_CREATED,
        }),
    };
    line.insert("schema".into(), CLAIM_SCHEMA.into());
    line.insert("id".into(), claim_id(doc, claim).into());
    line.insert("doc".into(), doc_json);
    line.insert("type".into(), claim.claim_type.as_str().into());
    line.insert("trigger".into(), trigger);
    line.insert("args".into(), Json::Array(args));
    line.insert("status".into(), claim.status.as_str().into());
    line.insert(
        "confidence".into(),
        claim.confidence.map_or(Json::Null, |c| c.get().into()),
    );
    line.insert("provenance".into(), provenance);
    if claim.note.is_empty() {
        line.remove("note");
    } else {
        line.insert("note".into(), claim.note.as_str().into());
    }
    Ok(serde_json::to_string(&line)?)
}

fn span_line(project: &Project, doc: &Document, span: &Span) -> Result<String, DatasetError> {
    let mut line = json!({
        "schema": SPAN_SCHEMA,
        "id": format!("{}:{}", doc.id, span.id),
        "doc": doc.id.as_str(),
        "start": span.range.start().get(),
        "end": span.range.end().get(),
        "exact": doc.span_text(span),
        "label": span.label.as_str(),
        "value": span_value_json(project, doc, span),
        "status": span.status.as_str(),
    });
    if let (false, Some(map)) = (span.note.is_empty(), line.as_object_mut()) {
        map.insert("note".into(), span.note.as_str().into());
    }
    Ok(serde_json::to_string(&line)?)
}

fn document_files(
    project: &Project,
    doc: &DocSelection<'_>,
    not_carried: &mut Vec<NotCarried>,
) -> Result<(String, String), DatasetError> {
    let mut claims = String::new();
    for claim in &doc.claims {
        claims.push_str(&claim_line(project, doc.doc, claim)?);
        claims.push('\n');
        for orphan in &claim.orphans {
            not_carried.push(NotCarried {
                doc: doc.doc.id.to_string(),
                item: format!("claim {} role {}", claim_id(doc.doc, claim), orphan.role),
                reason: "orphan argument: its text was not found in the document".to_owned(),
            });
        }
    }
    let mut spans = String::new();
    for span in &doc.spans {
        spans.push_str(&span_line(project, doc.doc, span)?);
        spans.push('\n');
    }
    Ok((claims, spans))
}

/// Writes the fixtures of a selection.
pub fn write(selection: &Selection<'_>, writer: &mut Writer) -> Result<Written, DatasetError> {
    let mut written = Written::default();
    for doc in &selection.docs {
        let id = &doc.doc.id;
        writer.write(&format!("{id}.txt"), doc.doc.text.as_str().as_bytes())?;
        let (claims, spans) = document_files(selection.project, doc, &mut written.not_carried)?;
        writer.write(&format!("{id}.claims.jsonl"), claims.as_bytes())?;
        writer.write(&format!("{id}.spans.jsonl"), spans.as_bytes())?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::project;
    use crate::score::annotations::StatusFilter;
    use crate::score::input::read_claims;

    #[test]
    fn claim_lines_read_back_with_the_same_arguments() {
        let p = project();
        let doc = &p.documents[0];
        let line = claim_line(&p, doc, &doc.claims()[0]).unwrap();
        let json: Json = serde_json::from_str(&line).unwrap();
        assert_eq!(json["id"], "freed:c1");
        assert_eq!(json["trigger"]["exact"], "released");
        assert_eq!(json["trigger"]["prefix"], "Ales Bialiatski was ");
        assert_eq!(json["args"][2]["anchor"], Json::Null);
        assert_eq!(json["provenance"]["creator"]["id"], UNRECORDED_CREATOR);
        let read = read_claims("x", line.as_bytes(), StatusFilter::Reviewed);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let args: Vec<_> = read.docs[0].claims[0]
            .args
            .iter()
            .map(|a| (a.role.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                ("trigger", "text:released"),
                ("released_person", "person:ales bialiatski"),
                ("date", "date:2025-09-18/day"),
                ("place", "place:belarus"),
            ]
        );
    }

    #[test]
    fn imported_claims_keep_their_id_and_unknown_fields() {
        let mut p = project();
        let doc = p.documents.first_mut().unwrap();
        let mut claim = doc.claims()[0].clone();
        claim.external = Some(crate::model::ExternalClaim {
            id: "ext-7".into(),
            original:
                r#"{"schema":"claim/v1","id":"ext-7","ext":{"run":3},"lang":"en","note":"old"}"#
                    .into(),
        });
        let line = claim_line(&p, &p.documents[0], &claim).unwrap();
        let json: Json = serde_json::from_str(&line).unwrap();
        assert_eq!(json["id"], "ext-7");
        assert_eq!(json["ext"]["run"], 3);
        assert_eq!(json["lang"], "en");
        assert!(json.get("note").is_none(), "the claim's note is empty now");
    }
}
