//! UIMA CAS XMI (`INCEpTION`'s, `DKPro`'s): the text is the `cas:Sofa`'s
//! `sofaString`; every other annotation with `begin` and `end` is a span
//! (its `value` feature is the label, else its type's name:
//! `NamedEntity`), except the segmentation and metadata types; one with
//! `Governor` and `Dependent` is a relation between the annotations those
//! `xmi:id`s name (its `value`, else its type, is the role). Offsets are
//! UTF-16 code units (Java strings).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::foreign::{ForeignDocument, ForeignRelation, ForeignSpan, Location, Refusal};
use super::offsets::OffsetUnit;
use crate::model::ReviewStatus;

/// Types that structure the text rather than annotate it.
const NOT_SPANS: [&str; 12] = [
    "Token",
    "Sentence",
    "Paragraph",
    "DocumentMetaData",
    "TagsetDescription",
    "Lemma",
    "POS",
    "Stem",
    "MorphologicalFeatures",
    "Div",
    "Heading",
    "TokenForm",
];

fn attributes(element: &BytesStart<'_>) -> HashMap<String, String> {
    element
        .attributes()
        .flatten()
        .filter_map(|attribute| {
            let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
            let value = attribute.unescape_value().ok()?.into_owned();
            Some((key, value))
        })
        .collect()
}

/// One document from an XMI file's contents.
pub fn read(name: &str, contents: &str, file: &str) -> (Option<ForeignDocument>, Vec<Refusal>) {
    let mut refused = Vec::new();
    let mut reader = quick_xml::Reader::from_str(contents);
    let mut text: Option<String> = None;
    let mut spans = Vec::new();
    let mut relations = Vec::new();
    loop {
        let element = match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) => element,
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(error) => {
                refused.push(Refusal {
                    at: Location::file(file),
                    why: format!("not valid XML at byte {}: {error}", reader.error_position()),
                });
                return (None, refused);
            }
        };
        let qualified = String::from_utf8_lossy(element.name().as_ref()).into_owned();
        let local = qualified
            .rsplit(':')
            .next()
            .unwrap_or(&qualified)
            .to_owned();
        let fields = attributes(&element);
        let at = Location::json(
            file,
            None,
            format!(
                "{qualified} xmi:id={}",
                fields.get("xmi:id").map_or("?", String::as_str)
            ),
        );
        if local == "Sofa" {
            text = fields.get("sofaString").cloned();
            continue;
        }
        let label = fields
            .get("value")
            .filter(|v| !v.is_empty())
            .cloned()
            .unwrap_or_else(|| local.clone());
        if let (Some(governor), Some(dependent)) = (fields.get("Governor"), fields.get("Dependent"))
        {
            relations.push(ForeignRelation {
                label,
                from: governor.clone(),
                to: dependent.clone(),
                at,
            });
            continue;
        }
        let bounds = fields
            .get("begin")
            .zip(fields.get("end"))
            .and_then(|(b, e)| Some((b.parse::<usize>().ok()?, e.parse::<usize>().ok()?)));
        let Some((start, end)) = bounds else {
            continue;
        };
        if NOT_SPANS.contains(&local.as_str()) {
            continue;
        }
        spans.push(ForeignSpan {
            key: fields
                .get("xmi:id")
                .cloned()
                .unwrap_or_else(|| format!("x{}", spans.len())),
            start,
            end,
            label,
            covered: None,
            status: ReviewStatus::Accepted,
            confidence: None,
            note: String::new(),
            at,
        });
    }
    let Some(text) = text else {
        refused.push(Refusal {
            at: Location::file(file),
            why: "the XMI has no cas:Sofa with a sofaString: no text to annotate".into(),
        });
        return (None, refused);
    };
    let doc = ForeignDocument {
        name: name.to_owned(),
        source: file.to_owned(),
        text,
        unit: OffsetUnit::Utf16,
        spans,
        claims: Vec::new(),
        relations,
        model: None,
        spacing_rebuilt: false,
        note: String::new(),
        at: Location::file(file),
    };
    (Some(doc), refused)
}
