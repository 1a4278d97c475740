//! One `claim/v1` line, parsed and checked into model types, not yet tied
//! to a project: what both import and `validate` read.

use serde_json::Value as Json;

use super::convert::{agent_from_wire, status_from_wire, value_from_wire};
use super::wire::{SchemaOnly, WireAnchor, WireClaim, WireOrphan};
use super::{CLAIMMARK_EXT, SCHEMA};
use crate::model::document::OrphanArgument;
use crate::model::review::{Confidence, Provenance, ReviewStatus, Timestamp};
use crate::model::schema::Name;
use crate::model::value::Value;

/// Where an argument is, as a claims file says: offsets into the text the
/// extractor saw, the text they cover and some context around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorSpec {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// The document a line is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    pub id: String,
    /// The SHA-256 of the text the extractor saw.
    pub text_sha256: [u8; 32],
    pub text_length: usize,
}

/// An argument of a line: a role, where it is (`None`: implicit) and what
/// it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineArgument {
    pub role: Name,
    pub anchor: Option<AnchorSpec>,
    pub value: Value,
}

/// A checked claim line.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimLine {
    pub id: String,
    pub doc: DocRef,
    pub claim_type: Name,
    pub trigger: Option<AnchorSpec>,
    pub args: Vec<LineArgument>,
    pub status: ReviewStatus,
    pub confidence: Option<Confidence>,
    pub provenance: Provenance,
    pub note: String,
    /// Arguments an earlier claimmark could not re-attach, kept in
    /// `ext.claimmark.orphans`.
    pub orphans: Vec<OrphanArgument>,
}

/// Why a line is not a usable claim: a message and the (one-based, in
/// chars) column it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub column: usize,
    pub message: String,
}

impl LineError {
    fn at_start(message: String) -> Self {
        Self { column: 1, message }
    }
}

/// Parses and checks one line (without its line end).
pub fn parse_line(line: &str) -> Result<ClaimLine, LineError> {
    let wire: WireClaim = serde_json::from_str(line).map_err(|error| json_error(line, &error))?;
    check(&wire).map_err(LineError::at_start)
}

/// Parses a line into wire types only, for export to start from.
pub(crate) fn parse_wire(line: &str) -> Result<WireClaim, LineError> {
    serde_json::from_str(line).map_err(|error| json_error(line, &error))
}

fn json_error(line: &str, error: &serde_json::Error) -> LineError {
    // A line that does not fit claim/v1 may be another version: say so.
    if let Ok(SchemaOnly { schema }) = serde_json::from_str::<SchemaOnly>(line)
        && schema != SCHEMA
    {
        return LineError::at_start(unknown_schema(&schema));
    }
    // serde_json counts the column in bytes; messages count chars.
    let byte_column = error.column();
    let column = line
        .char_indices()
        .take_while(|(byte, _)| *byte < byte_column)
        .count()
        .max(1);
    let message = match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("not valid JSON: {}", strip_position(error))
        }
        _ => format!(
            "not a claim/v1 line: {}; see docs/claim-format.md",
            strip_position(error)
        ),
    };
    LineError { column, message }
}

/// `serde_json`'s message without its " at line 1 column 17" (the column is
/// reported separately).
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn unknown_schema(schema: &str) -> String {
    format!(
        "schema “{schema}” is not one this claimmark reads (it reads {SCHEMA}); convert the line or update claimmark"
    )
}

fn check(wire: &WireClaim) -> Result<ClaimLine, String> {
    if wire.schema != SCHEMA {
        return Err(unknown_schema(&wire.schema));
    }
    if wire.id.is_empty() {
        return Err("`id` is empty; give every claim an id unique in the file".to_owned());
    }
    let doc = doc_ref(wire)?;
    let claim_type = Name::parse(&wire.claim_type)
        .map_err(|error| format!("`type`: {error} (claim types are snake_case)"))?;
    let trigger = match &wire.trigger {
        Some(anchor) => Some(anchor_spec(anchor, &doc, "trigger")?),
        None => None,
    };
    let mut args = Vec::with_capacity(wire.args.len());
    for (i, arg) in wire.args.iter().enumerate() {
        let at = format!("args[{i}]");
        let role = Name::parse(&arg.role)
            .map_err(|error| format!("{at}.role: {error} (roles are snake_case)"))?;
        let anchor = match &arg.anchor {
            Some(anchor) => Some(anchor_spec(anchor, &doc, &format!("{at}.anchor"))?),
            None => None,
        };
        let value = value_from_wire(&arg.value).map_err(|error| format!("{at}.value: {error}"))?;
        args.push(LineArgument {
            role,
            anchor,
            value,
        });
    }
    let confidence = match wire.confidence {
        Some(raw) => Some(
            Confidence::new(raw)
                .ok_or_else(|| format!("`confidence` {raw} is not between 0 and 1"))?,
        ),
        None => None,
    };
    let provenance = Provenance {
        creator: agent_from_wire(&wire.provenance.creator)
            .map_err(|error| format!("provenance.creator: {error}"))?,
        created: timestamp(&wire.provenance.created, "provenance.created")?,
        reviewer: match &wire.provenance.reviewer {
            Some(agent) => Some(
                agent_from_wire(agent).map_err(|error| format!("provenance.reviewer: {error}"))?,
            ),
            None => None,
        },
        reviewed: match &wire.provenance.reviewed {
            Some(raw) => Some(timestamp(raw, "provenance.reviewed")?),
            None => None,
        },
    };
    Ok(ClaimLine {
        id: wire.id.clone(),
        doc,
        claim_type,
        trigger,
        args,
        status: status_from_wire(wire.status),
        confidence,
        provenance,
        note: wire.note.clone().unwrap_or_default(),
        orphans: orphans(wire)?,
    })
}

fn doc_ref(wire: &WireClaim) -> Result<DocRef, String> {
    let doc = &wire.doc;
    if doc.id.is_empty() {
        return Err("doc.id is empty; name the document the claim is about".to_owned());
    }
    let Some(text_sha256) = sha256_from_hex(&doc.text_sha256) else {
        return Err(format!(
            "doc.text_sha256 “{}” is not 64 hex digits (the SHA-256 of the canonical text's UTF-8 bytes)",
            doc.text_sha256
        ));
    };
    if let Some(published) = &doc.published
        && crate::storage::project_file::parse_date(published).is_none()
    {
        return Err(format!(
            "doc.published “{published}” is not a date of the form YYYY-MM-DD"
        ));
    }
    Ok(DocRef {
        id: doc.id.clone(),
        text_sha256,
        text_length: usize::try_from(doc.text_length).unwrap_or(usize::MAX),
    })
}

/// 64 hex digits (either case) as bytes.
fn sha256_from_hex(raw: &str) -> Option<[u8; 32]> {
    if raw.len() != 64 {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (byte, pair) in bytes.iter_mut().zip(raw.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(bytes)
}

fn anchor_spec(anchor: &WireAnchor, doc: &DocRef, at: &str) -> Result<AnchorSpec, String> {
    let start = usize::try_from(anchor.start).unwrap_or(usize::MAX);
    let end = usize::try_from(anchor.end).unwrap_or(usize::MAX);
    if start >= end {
        return Err(format!(
            "{at}: start {start} is not before end {end}; an anchor covers at least one character"
        ));
    }
    if end > doc.text_length {
        return Err(format!(
            "{at}: offsets {start}..{end} run past the end of the text (doc.text_length is {}); fix the offsets, which count Unicode code points",
            doc.text_length
        ));
    }
    let exact_len = anchor.exact.chars().count();
    if exact_len != end - start {
        return Err(format!(
            "{at}: `exact` has {exact_len} code points but the offsets {start}..{end} cover {}; offsets count Unicode code points (Python str indices), not bytes or UTF-16 units",
            end - start
        ));
    }
    Ok(AnchorSpec {
        start,
        end,
        exact: anchor.exact.clone(),
        prefix: anchor.prefix.clone().unwrap_or_default(),
        suffix: anchor.suffix.clone().unwrap_or_default(),
    })
}

fn timestamp(raw: &str, at: &str) -> Result<Timestamp, String> {
    Timestamp::parse(raw)
        .ok_or_else(|| format!("{at} “{raw}” is not an RFC 3339 time such as 2026-11-22T10:00:00Z"))
}

/// `ext.claimmark.orphans`, if a claimmark export put any there.
fn orphans(wire: &WireClaim) -> Result<Vec<OrphanArgument>, String> {
    let Some(list) = wire
        .ext
        .as_ref()
        .and_then(|ext| ext.get(CLAIMMARK_EXT))
        .and_then(|ours| ours.get("orphans"))
    else {
        return Ok(Vec::new());
    };
    let parsed: Vec<WireOrphan> = serde_json::from_value::<Vec<WireOrphan>>(Json::clone(list))
        .map_err(|error| format!("ext.claimmark.orphans: {error}"))?;
    parsed
        .into_iter()
        .enumerate()
        .map(|(i, orphan)| {
            let at = format!("ext.claimmark.orphans[{i}]");
            Ok(OrphanArgument {
                role: Name::parse(&orphan.role).map_err(|error| format!("{at}.role: {error}"))?,
                exact: orphan.exact,
                start: usize::try_from(orphan.start).unwrap_or(usize::MAX),
                end: usize::try_from(orphan.end).unwrap_or(usize::MAX),
                prefix: orphan.prefix,
                suffix: orphan.suffix,
                value: match &orphan.value {
                    Some(value) => Some(
                        value_from_wire(value).map_err(|error| format!("{at}.value: {error}"))?,
                    ),
                    None => None,
                },
                reason: orphan.reason,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"schema":"claim/v1","id":"c1","doc":{"id":"d","text_sha256":"EDEAAFF3F1774AD2888673770C6D64097E391BC362D7D6FB34982DDF0EFD18CB","text_length":20},"type":"release","trigger":{"start":5,"end":10,"exact":"freed","prefix":"Ales ","suffix":" today"},"args":[{"role":"place","anchor":null,"value":{"kind":"place","name":"Belarus"}}],"status":"proposed","confidence":0.75,"provenance":{"creator":{"kind":"software","id":"x","version":"0.3"},"created":"2026-11-22T10:00:00Z"}}"#;

    fn error_of(line: &str) -> LineError {
        parse_line(line).unwrap_err()
    }

    #[test]
    fn a_good_line_is_checked_into_model_types() {
        let claim = parse_line(GOOD).unwrap();
        assert_eq!(claim.claim_type.as_str(), "release");
        assert_eq!(claim.trigger.as_ref().unwrap().exact, "freed");
        assert_eq!(
            crate::model::text::hex(&claim.doc.text_sha256),
            "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb"
        );
        assert_eq!(claim.args[0].anchor, None);
        assert_eq!(claim.status, ReviewStatus::Proposed);
        assert_eq!(claim.confidence.map(Confidence::get), Some(0.75));
        assert_eq!(claim.provenance.creator.version.as_deref(), Some("0.3"));
    }

    #[test]
    fn bad_lines_are_explained() {
        let table: [(&str, &str, &str); 10] = [
            (
                r#""schema":"claim/v1""#,
                r#""schema":"claim/v2""#,
                "schema “claim/v2” is not one this claimmark reads",
            ),
            (r#""type":"release""#, r#""type":"Release""#, "`type`:"),
            (
                r#""start":5,"end":10"#,
                r#""start":10,"end":5"#,
                "trigger: start 10 is not before end 5",
            ),
            (
                r#""start":5,"end":10"#,
                r#""start":15,"end":21"#,
                "run past the end of the text",
            ),
            (
                r#""start":5,"end":10"#,
                r#""start":5,"end":11"#,
                "`exact` has 5 code points",
            ),
            (
                r#""confidence":0.75"#,
                r#""confidence":1.75"#,
                "not between 0 and 1",
            ),
            (
                r#""2026-11-22T10:00:00Z""#,
                r#""22/11/2026""#,
                "provenance.created",
            ),
            (r#""name":"Belarus""#, r#""name":"""#, "args[0].value"),
            (
                r#""text_length":20"#,
                r#""text_length":20,"published":"July""#,
                "doc.published",
            ),
            (r#""id":"x""#, r#""id":"""#, "provenance.creator"),
        ];
        for (from, to, expected) in table {
            assert!(GOOD.contains(from), "{from}");
            let error = error_of(&GOOD.replacen(from, to, 1));
            assert!(error.message.contains(expected), "{to}: {}", error.message);
            assert_eq!(error.column, 1);
        }
    }

    #[test]
    fn json_errors_point_at_their_column_in_chars() {
        let error = error_of(r#"{"schema":"claim/v1","id":"é😀" oops}"#);
        assert!(
            error.message.starts_with("not valid JSON"),
            "{}",
            error.message
        );
        assert_eq!(error.column, 32);
        let error = error_of(&GOOD.replace(r#""status":"proposed""#, r#""status":"approved""#));
        assert!(
            error.message.contains("unknown variant `approved`"),
            "{}",
            error.message
        );
        assert!(error.column > 1);
        let error = error_of(r#"{"schema":"claim/v2","whatever":1}"#);
        assert!(error.message.contains("“claim/v2”"), "{}", error.message);
    }
}
