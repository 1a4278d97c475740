//! spaCy-style JSON Lines: `spacy.jsonl`, one line per document:
//!
//! ```json
//! {"text": "...", "spans": [[0, 15, "person"], ...], "entities": [[0, 15, "person"], ...],
//!  "meta": {"doc_id": "...", "title": "...", "text_sha256": "..."}}
//! ```
//!
//! Offsets are chars (code points): Python `str` indices, as spaCy's
//! `Doc.char_span` takes them. `spans` has every exported span (for a span
//! group, which may overlap); `entities` the ones that fit spaCy's
//! non-overlapping `Doc.ents`: in text order, a span overlapping one kept
//! before it is left out (the longer of two spans starting together is
//! kept). Not carried, and listed: claims, spans left out of `entities`,
//! and for the whole dataset values, statuses and provenance.

use serde::Serialize;

use super::{DatasetError, DocSelection, NotCarried, Selection, Writer, Written};
use crate::model::Span;

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: Vec<(usize, usize, &'a str)>,
    entities: Vec<(usize, usize, &'a str)>,
    meta: Meta<'a>,
}

#[derive(Serialize)]
struct Meta<'a> {
    doc_id: &'a str,
    title: &'a str,
    text_sha256: String,
}

fn triple(span: &Span) -> (usize, usize, &str) {
    (
        span.range.start().get(),
        span.range.end().get(),
        span.label.as_str(),
    )
}

/// The spans that can be `Doc.ents`, and those that cannot.
pub fn non_overlapping<'a>(spans: &[&'a Span]) -> (Vec<&'a Span>, Vec<&'a Span>) {
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|s| (s.range.start(), std::cmp::Reverse(s.range.end()), s.id));
    let mut kept: Vec<&Span> = Vec::new();
    let mut dropped = Vec::new();
    for span in sorted {
        match kept.last() {
            Some(last) if last.range.end() > span.range.start() => dropped.push(span),
            _ => kept.push(span),
        }
    }
    (kept, dropped)
}

fn document_line(
    doc: &DocSelection<'_>,
    not_carried: &mut Vec<NotCarried>,
) -> Result<String, DatasetError> {
    let id = doc.doc.id.to_string();
    let (entities, dropped) = non_overlapping(&doc.spans);
    for span in dropped {
        not_carried.push(NotCarried {
            doc: id.clone(),
            item: format!("span {} ({} {})", span.id, span.label, span.range),
            reason: "overlaps another span: left out of entities (it is in spans)".to_owned(),
        });
    }
    for claim in &doc.claims {
        not_carried.push(NotCarried {
            doc: id.clone(),
            item: format!("claim {} ({})", claim.id, claim.claim_type),
            reason: "claims: spaCy JSONL holds spans only".to_owned(),
        });
    }
    let line = Line {
        text: doc.doc.text.as_str(),
        spans: doc.spans.iter().map(|s| triple(s)).collect(),
        entities: entities.iter().map(|s| triple(s)).collect(),
        meta: Meta {
            doc_id: doc.doc.id.as_str(),
            title: &doc.doc.title,
            text_sha256: doc.doc.text.sha256_hex(),
        },
    };
    Ok(serde_json::to_string(&line)?)
}

/// Writes `spacy.jsonl`.
pub fn write(selection: &Selection<'_>, writer: &mut Writer) -> Result<Written, DatasetError> {
    let mut written = Written::default();
    let mut out = String::new();
    let mut entities = 0;
    for doc in &selection.docs {
        out.push_str(&document_line(doc, &mut written.not_carried)?);
        out.push('\n');
        entities += non_overlapping(&doc.spans).0.len();
    }
    writer.write("spacy.jsonl", out.as_bytes())?;
    written.counts.insert("entities".to_owned(), entities);
    written.not_carried.push(NotCarried {
        doc: "*".to_owned(),
        item: "values, statuses, provenance, notes".to_owned(),
        reason: "spaCy JSONL holds text, offsets and labels only".to_owned(),
    });
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::project;
    use crate::model::{CharRange, Name, SpanId};

    #[test]
    fn nested_spans_stay_in_spans_but_not_in_entities() {
        let span = |id, s, e| {
            Span::new(
                SpanId(id),
                CharRange::from_offsets(s, e),
                Name::parse("person").unwrap(),
            )
        };
        let (outer, inner, crossing, later) = (
            span(1, 0, 10),
            span(2, 2, 5),
            span(3, 8, 12),
            span(4, 12, 14),
        );
        let (kept, dropped) = non_overlapping(&[&inner, &outer, &crossing, &later]);
        let ids = |v: Vec<&Span>| v.iter().map(|s| s.id.0).collect::<Vec<_>>();
        assert_eq!(ids(kept), [1, 4]);
        assert_eq!(ids(dropped), [2, 3]);
    }

    #[test]
    fn lines_carry_text_and_char_offsets() {
        let p = project();
        let selection = Selection::of(&p);
        let mut not_carried = Vec::new();
        let line = document_line(&selection.docs[0], &mut not_carried).unwrap();
        let json: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text: Vec<char> = json["text"].as_str().unwrap().chars().collect();
        for span in json["spans"].as_array().unwrap() {
            let (s, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            assert!(e <= text.len());
            assert!(!text[s..e].iter().collect::<String>().trim().is_empty());
        }
        assert_eq!(json["spans"][0], serde_json::json!([0, 15, "person"]));
        assert_eq!(json["meta"]["doc_id"], "freed");
        assert_eq!(not_carried.len(), 2, "two claims: {not_carried:?}");
    }
}
