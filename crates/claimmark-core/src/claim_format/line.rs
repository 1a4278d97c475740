//! One `claim/v1` line, parsed into model types, not yet tied to a project.
//!
//! Two readings of the same line, from the same wire types:
//!
//! - [`parse_line`] checks every rule of the format (what import and
//!   `validate` read): a [`ClaimLine`].
//! - [`parse_content`] takes what the line says, checking only its shape:
//!   a [`ClaimContent`], what `score` compares. A scorer must be able to
//!   compare an extractor's output that an import would refuse.
//!
//! [`read_lines`] reads a whole file through either (or through
//! [`parse_span_line`] for span lines), with bounded memory, giving each
//! line's number and the line or its problem.

use std::io::{self, BufRead};

use serde_json::Value as Json;

use super::convert::{agent_from_wire, status_from_wire, value_as_written, value_from_wire};
use super::reader::{TextLines, Unreadable};
use super::wire::{SchemaOnly, WireAnchor, WireClaim, WireOrphan, WireSpan};
use super::{CLAIMMARK_EXT, SCHEMA, SPAN_SCHEMA};
use crate::model::CharRange;
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

/// Why a line is not a usable claim: a message, the (one-based, in chars)
/// column it points at, and what kind of problem it is (for a reader that
/// words its problems its own way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub column: usize,
    pub message: String,
    pub kind: LineErrorKind,
}

/// What kind of problem a [`LineError`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineErrorKind {
    /// The line's bytes: too long, or not UTF-8.
    Unreadable(Unreadable),
    /// Not JSON, or cut short; `detail` is the JSON parser's message.
    Json { detail: String },
    /// JSON, but not in the format's shape: a field missing or of the wrong
    /// type, an unknown status; `detail` says which.
    Shape { detail: String },
    /// A line of another schema (`found`) than the one `expected`.
    Schema {
        found: String,
        expected: &'static str,
    },
    /// In the format's shape, but against one of its rules.
    Rule,
}

impl LineError {
    fn rule(message: String) -> Self {
        Self {
            column: 1,
            message,
            kind: LineErrorKind::Rule,
        }
    }

    fn schema(found: &str, expected: &'static str) -> Self {
        Self {
            column: 1,
            message: unknown_schema(found, expected),
            kind: LineErrorKind::Schema {
                found: found.to_owned(),
                expected,
            },
        }
    }
}

impl From<Unreadable> for LineError {
    fn from(unreadable: Unreadable) -> Self {
        Self {
            column: 1,
            message: unreadable.to_string(),
            kind: LineErrorKind::Unreadable(unreadable),
        }
    }
}

/// Parses and checks one line (without its line end).
pub fn parse_line(line: &str) -> Result<ClaimLine, LineError> {
    check(&parse_claim_wire(line)?).map_err(LineError::rule)
}

/// What a claim line says, as [`parse_content`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimContent {
    pub id: String,
    /// `doc.id`.
    pub doc: String,
    /// `doc.text_sha256` in lower case, as written: not checked to be a
    /// SHA-256.
    pub text_sha256: String,
    pub claim_type: String,
    pub trigger: Option<AnchorSpec>,
    pub args: Vec<ContentArgument>,
    pub status: ReviewStatus,
    /// `ext.claimmark.orphans`, checked as [`parse_line`] checks them.
    pub orphans: Vec<OrphanArgument>,
}

/// An argument of a [`ClaimContent`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentArgument {
    pub role: String,
    pub anchor: Option<AnchorSpec>,
    /// The value, or why its words (`granularity`, `mod`, `anchoring`) are
    /// not the format's: the caller decides what a bad value costs.
    pub value: Result<Value, String>,
}

/// Parses one line for what it says. Checked: the JSON, the shape of
/// claim/v1 (every required field there and of its type, a known status
/// and value kind), `schema`, and that every anchor starts before it ends.
/// Not checked, unlike [`parse_line`]: that `doc.text_sha256` is a SHA-256,
/// offsets against `doc.text_length`, `exact` against the offsets, type and
/// role names, values beyond their words, confidence and provenance.
/// Unknown fields are ignored.
pub fn parse_content(line: &str) -> Result<ClaimContent, LineError> {
    content(parse_claim_wire(line)?).map_err(LineError::rule)
}

/// A span line (`claimmark-span/v1`, docs/claim-format.md "Span lines"), as
/// [`parse_span_line`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanLine {
    /// Empty when the line has none.
    pub id: String,
    pub doc: String,
    pub range: CharRange,
    /// Empty when the line has none.
    pub exact: String,
    pub label: String,
    pub value: Option<Value>,
    /// `accepted` when the line has none.
    pub status: ReviewStatus,
}

/// Parses a span line for what it says, like [`parse_content`]: its shape,
/// `schema`, a start before its end, and the words of its value. `id`,
/// `exact`, `value`, `status` and `origin` may be missing; unknown fields
/// are ignored.
pub fn parse_span_line(line: &str) -> Result<SpanLine, LineError> {
    let wire: WireSpan =
        serde_json::from_str(line).map_err(|error| json_error(line, &error, SPAN_SCHEMA))?;
    if wire.schema != SPAN_SCHEMA {
        return Err(LineError::schema(&wire.schema, SPAN_SCHEMA));
    }
    if wire.start >= wire.end {
        return Err(LineError::rule(format!(
            "span: start {} is not before end {}; a span covers at least one character",
            wire.start, wire.end
        )));
    }
    let value = match &wire.value {
        Some(value) => Some(
            value_as_written(value).map_err(|error| LineError::rule(format!("value: {error}")))?,
        ),
        None => None,
    };
    Ok(SpanLine {
        id: wire.id,
        doc: wire.doc,
        range: CharRange::from_offsets(wire.start, wire.end),
        exact: wire.exact,
        label: wire.label,
        value,
        status: wire.status.map_or(ReviewStatus::Accepted, status_from_wire),
    })
}

/// Parses a claim line into wire types, refusing another schema.
fn parse_claim_wire(line: &str) -> Result<WireClaim<'static>, LineError> {
    let wire = parse_wire(line)?;
    if wire.schema != SCHEMA {
        return Err(LineError::schema(&wire.schema, SCHEMA));
    }
    Ok(wire)
}

/// Parses a line into wire types only, for export to start from.
pub(crate) fn parse_wire(line: &str) -> Result<WireClaim<'static>, LineError> {
    serde_json::from_str(line).map_err(|error| json_error(line, &error, SCHEMA))
}

/// Reads `reader` line by line with bounded memory (a line longer than
/// `max_line_bytes` is refused without being held), skipping blank lines,
/// and parses each line with `parse` ([`parse_line`], [`parse_content`] or
/// [`parse_span_line`]). Lines that are too long or not UTF-8 come as
/// [`LineErrorKind::Unreadable`] errors.
///
/// ```
/// use claimmark_core::claim_format::line::{parse_content, read_lines};
/// let file = "{not json\n\n{\"schema\":\"claim/v2\"}\n";
/// let mut lines = read_lines(file.as_bytes(), 1024, parse_content);
/// let numbers: Vec<u64> = lines.by_ref().map(|line| line.unwrap().0).collect();
/// assert_eq!(numbers, [1, 3]);
/// assert_eq!(lines.lines_read(), 3);
/// ```
pub fn read_lines<R: BufRead, T>(
    reader: R,
    max_line_bytes: usize,
    parse: fn(&str) -> Result<T, LineError>,
) -> Lines<R, T> {
    Lines {
        text: TextLines::new(reader, max_line_bytes),
        parse,
    }
}

/// The lines [`read_lines`] gives: `(line number, the line or its problem)`,
/// or an error reading the input.
pub struct Lines<R, T> {
    text: TextLines<R>,
    parse: fn(&str) -> Result<T, LineError>,
}

impl<R: BufRead, T> Lines<R, T> {
    /// Lines read so far, blank ones included.
    pub fn lines_read(&self) -> u64 {
        self.text.lines_read()
    }
}

impl<R: BufRead, T> Iterator for Lines<R, T> {
    type Item = io::Result<(u64, Result<T, LineError>)>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.text.next_line() {
            Ok(Some((number, Ok(text)))) => Some(Ok((number, (self.parse)(text)))),
            Ok(Some((number, Err(unreadable)))) => Some(Ok((number, Err(unreadable.into())))),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

fn json_error(line: &str, error: &serde_json::Error, expected: &'static str) -> LineError {
    // A line that does not fit the format may be another version: say so.
    if let Ok(SchemaOnly { schema }) = serde_json::from_str::<SchemaOnly>(line)
        && schema != expected
    {
        return LineError::schema(&schema, expected);
    }
    // serde_json counts the column in bytes; messages count chars.
    let byte_column = error.column();
    let column = line
        .char_indices()
        .take_while(|(byte, _)| *byte < byte_column)
        .count()
        .max(1);
    let detail = strip_position(error);
    let (message, kind) = match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => (
            format!("not valid JSON: {detail}"),
            LineErrorKind::Json { detail },
        ),
        _ => (
            format!("not a {expected} line: {detail}; see docs/claim-format.md"),
            LineErrorKind::Shape { detail },
        ),
    };
    LineError {
        column,
        message,
        kind,
    }
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

fn unknown_schema(schema: &str, expected: &str) -> String {
    format!(
        "schema “{schema}” is not one this claimmark reads (it reads {expected}); convert the line or update claimmark"
    )
}

/// What [`parse_content`] reads, from a line of the right schema.
fn content(wire: WireClaim<'_>) -> Result<ClaimContent, String> {
    let orphans = orphans(&wire)?;
    let trigger = match &wire.trigger {
        Some(anchor) => Some(anchor_as_written(anchor, "trigger")?),
        None => None,
    };
    let mut args = Vec::with_capacity(wire.args.len());
    for (i, arg) in wire.args.into_iter().enumerate() {
        let anchor = match &arg.anchor {
            Some(anchor) => Some(anchor_as_written(anchor, &format!("args[{i}].anchor"))?),
            None => None,
        };
        args.push(ContentArgument {
            value: value_as_written(&arg.value),
            role: arg.role.into_owned(),
            anchor,
        });
    }
    Ok(ClaimContent {
        id: wire.id.into_owned(),
        doc: wire.doc.id.into_owned(),
        text_sha256: wire.doc.text_sha256.to_ascii_lowercase(),
        claim_type: wire.claim_type.into_owned(),
        trigger,
        args,
        status: status_from_wire(wire.status),
        orphans,
    })
}

/// Every rule of the format, on a line of the right schema.
fn check(wire: &WireClaim<'_>) -> Result<ClaimLine, String> {
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
        bulk_review: bulk_review(wire),
    };
    Ok(ClaimLine {
        id: wire.id.to_string(),
        doc,
        claim_type,
        trigger,
        args,
        status: status_from_wire(wire.status),
        confidence,
        provenance,
        note: wire.note.as_deref().unwrap_or_default().to_owned(),
        orphans: orphans(wire)?,
    })
}

fn doc_ref(wire: &WireClaim<'_>) -> Result<DocRef, String> {
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
        && crate::model::date::parse_day(published).is_none()
    {
        return Err(format!(
            "doc.published “{published}” is not a date of the form YYYY-MM-DD"
        ));
    }
    Ok(DocRef {
        id: doc.id.to_string(),
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

/// An anchor's offsets, which must cover at least one character.
fn anchor_as_written(anchor: &WireAnchor<'_>, at: &str) -> Result<AnchorSpec, String> {
    let start = usize::try_from(anchor.start).unwrap_or(usize::MAX);
    let end = usize::try_from(anchor.end).unwrap_or(usize::MAX);
    if start >= end {
        return Err(format!(
            "{at}: start {start} is not before end {end}; an anchor covers at least one character"
        ));
    }
    Ok(AnchorSpec {
        start,
        end,
        exact: anchor.exact.to_string(),
        prefix: anchor.prefix.as_deref().unwrap_or_default().to_owned(),
        suffix: anchor.suffix.as_deref().unwrap_or_default().to_owned(),
    })
}

/// An anchor that fits the text its document says it has, and whose
/// `exact` is as long as its offsets say.
fn anchor_spec(anchor: &WireAnchor<'_>, doc: &DocRef, at: &str) -> Result<AnchorSpec, String> {
    let spec = anchor_as_written(anchor, at)?;
    let (start, end) = (spec.start, spec.end);
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
    Ok(spec)
}

fn timestamp(raw: &str, at: &str) -> Result<Timestamp, String> {
    Timestamp::parse(raw)
        .ok_or_else(|| format!("{at} “{raw}” is not an RFC 3339 time such as 2026-11-22T10:00:00Z"))
}

/// `ext.claimmark.bulk_review`: a claimmark export says the review was a
/// bulk decision.
fn bulk_review(wire: &WireClaim<'_>) -> bool {
    wire.ext
        .as_ref()
        .and_then(|ext| ext.get(CLAIMMARK_EXT))
        .and_then(|ours| ours.get("bulk_review"))
        .and_then(Json::as_bool)
        .unwrap_or(false)
}

/// `ext.claimmark.orphans`, if a claimmark export put any there.
fn orphans(wire: &WireClaim<'_>) -> Result<Vec<OrphanArgument>, String> {
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

    #[test]
    fn content_takes_what_a_line_says_without_the_rules_of_import() {
        // Not a SHA-256, `exact` shorter than its offsets, offsets past
        // `text_length`, a type that is not snake_case, an empty name:
        // import refuses the line, a scorer still reads it.
        let loose = GOOD
            .replace(
                "EDEAAFF3F1774AD2888673770C6D64097E391BC362D7D6FB34982DDF0EFD18CB",
                "AB",
            )
            .replace(r#""start":5,"end":10"#, r#""start":5,"end":30"#)
            .replace(r#""type":"release""#, r#""type":"Release""#)
            .replace(r#""name":"Belarus""#, r#""name":"""#);
        assert!(parse_line(&loose).is_err());
        let content = parse_content(&loose).unwrap();
        assert_eq!(content.text_sha256, "ab");
        assert_eq!(content.doc, "d");
        assert_eq!(content.claim_type, "Release");
        assert_eq!(
            content.trigger.as_ref().map(|t| (t.start, t.end)),
            Some((5, 30))
        );
        assert_eq!(content.args[0].role, "place");
        assert_eq!(
            content.args[0].value,
            Ok(Value::Place {
                name: String::new(),
                entity_id: None
            })
        );
        assert_eq!(content.status, ReviewStatus::Proposed);
    }

    #[test]
    fn content_reports_unknown_words_per_argument_and_bad_anchors_per_line() {
        let count = GOOD.replace(
            r#"{"kind":"place","name":"Belarus"}"#,
            r#"{"kind":"count","number":2,"mod":"several"}"#,
        );
        let content = parse_content(&count).unwrap();
        let error = content.args[0].value.clone().unwrap_err();
        assert!(
            error.starts_with("count mod “several” is not exact,"),
            "{error}"
        );
        // Import refuses the same line, saying where.
        let error = error_of(&count);
        assert!(
            error
                .message
                .starts_with("args[0].value: count mod “several”"),
            "{}",
            error.message
        );
        let backwards = GOOD.replace(r#""start":5,"end":10"#, r#""start":10,"end":5"#);
        let error = parse_content(&backwards).unwrap_err();
        assert_eq!(error.kind, LineErrorKind::Rule);
        assert!(
            error
                .message
                .starts_with("trigger: start 10 is not before end 5"),
            "{}",
            error.message
        );
    }

    #[test]
    fn errors_say_what_kind_they_are() {
        let kind = |line: &str| parse_content(line).unwrap_err().kind;
        assert!(matches!(kind("{not json"), LineErrorKind::Json { .. }));
        assert_eq!(
            kind(&GOOD.replace("claim/v1", "claim/v2")),
            LineErrorKind::Schema {
                found: "claim/v2".into(),
                expected: SCHEMA
            }
        );
        assert_eq!(
            kind(r#"{"schema":"claim/v2","whatever":1}"#),
            LineErrorKind::Schema {
                found: "claim/v2".into(),
                expected: SCHEMA
            }
        );
        match kind(&GOOD.replace(r#""id":"d","#, "")) {
            LineErrorKind::Shape { detail } => assert_eq!(detail, "missing field `id`"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn span_lines_are_read_with_defaults() {
        let span = parse_span_line(
            r#"{"schema":"claimmark-span/v1","doc":"d","start":0,"end":4,"label":"person","extra":1}"#,
        )
        .unwrap();
        assert_eq!(span.range, CharRange::from_offsets(0, 4));
        assert_eq!(span.status, ReviewStatus::Accepted);
        assert_eq!(
            (span.id.as_str(), span.exact.as_str(), span.value),
            ("", "", None)
        );
        let error =
            parse_span_line(r#"{"schema":"claim/v1","doc":"d","start":0,"end":4,"label":"x"}"#)
                .unwrap_err();
        assert!(
            matches!(error.kind, LineErrorKind::Schema { .. }),
            "{error:?}"
        );
        let error = parse_span_line(
            r#"{"schema":"claimmark-span/v1","doc":"d","start":4,"end":4,"label":"x","value":{"kind":"date","value":"2025","granularity":"decade","anchoring":"absolute"}}"#,
        )
        .unwrap_err();
        assert!(
            error.message.contains("start 4 is not before end 4"),
            "{}",
            error.message
        );
    }

    #[test]
    fn read_lines_numbers_lines_and_refuses_long_ones() {
        let file = format!("{GOOD}\n\n{}\n\u{feff}\n{GOOD}", "x".repeat(2000));
        let mut lines = read_lines(file.as_bytes(), 1000, parse_line);
        let read: Vec<(u64, bool)> = lines
            .by_ref()
            .map(|line| line.map(|(number, line)| (number, line.is_ok())))
            .collect::<io::Result<_>>()
            .unwrap();
        assert_eq!(read, [(1, true), (3, false), (4, false), (5, true)]);
        assert_eq!(lines.lines_read(), 5);
        let mut lines = read_lines(&b"\xff\n"[..], 1000, parse_content);
        let (number, line) = lines.next().unwrap().unwrap();
        assert_eq!(number, 1);
        assert!(matches!(
            line.unwrap_err().kind,
            LineErrorKind::Unreadable(Unreadable::NotUtf8 { .. })
        ));
    }
}
