//! Reading what `score` compares: a claims file (`claim/v1` JSON Lines), a
//! fixtures folder (`<doc-id>.txt`, `<doc-id>.claims.jsonl`, optionally
//! `<doc-id>.spans.jsonl`, `manifest.json`) or a project (`.ron`).
//!
//! The claim/v1 reader here takes only what scoring needs (document id and
//! text hash, type, trigger and argument anchors, values, status) through a
//! small private set of serde types that ignore unknown fields. The shared
//! wire types of `claim_format` can replace it once both are merged. A line
//! that cannot be used is reported as `file:line: what` and skipped; the
//! other lines are read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use super::annotations::{
    ArgAnn, ClaimAnn, Corpus, DocAnnotations, SpanAnn, SpanSource, StatusFilter, span_order,
};
use super::canon;
use crate::model::schema::{Schema, TRIGGER_ROLE};
use crate::model::text::hex;
use crate::model::value::{Anchoring, CountValue, DateValue, Value};
use crate::model::{CanonicalText, CharRange, ReviewStatus};

/// The `schema` of a claim line.
pub const CLAIM_SCHEMA: &str = "claim/v1";
/// The `schema` of a span line (`claimmark export --spans`).
pub const SPAN_SCHEMA: &str = "claimmark-span/v1";
/// Problems kept per source; the rest are counted.
pub const MAX_PROBLEMS: usize = 200;

/// A source that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{}: no such file or folder; give a claims file (.jsonl), a fixtures folder or a project (.ron)", .0.display())]
    Missing(PathBuf),
    #[error("{}: could not read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Project(#[from] crate::storage::LoadError),
}

/// What a source was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    ClaimsFile,
    Fixtures,
    Project,
}

/// A source read: its annotations and, for a project, its schema.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub corpus: Corpus,
    pub kind: SourceKind,
    pub schema: Option<Schema>,
}

/// Reads a claims file, fixtures folder or project, keeping the statuses
/// `keep` keeps.
pub fn read_source(path: &Path, keep: StatusFilter) -> Result<Loaded, InputError> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Ok(Loaded {
            corpus: read_fixtures(path, keep)?,
            kind: SourceKind::Fixtures,
            schema: None,
        });
    }
    if !path.exists() {
        return Err(InputError::Missing(path.to_owned()));
    }
    if path.extension().is_some_and(|e| e == "ron") {
        let project = crate::storage::load_project(path)?;
        let corpus = Corpus::from_project(name, &project, keep);
        return Ok(Loaded {
            corpus,
            kind: SourceKind::Project,
            schema: Some(project.schema),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| InputError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(Loaded {
        corpus: read_claims(&name, &bytes, keep),
        kind: SourceKind::ClaimsFile,
        schema: None,
    })
}

// ---------------------------------------------------------------------------
// Private wire types: only what scoring needs; unknown fields are ignored.

#[derive(Deserialize)]
struct SchemaOnly {
    schema: String,
}

#[derive(Deserialize)]
struct LineIn {
    schema: String,
    #[serde(default)]
    id: Option<String>,
    doc: DocIn,
    #[serde(rename = "type")]
    claim_type: String,
    #[serde(default)]
    trigger: Option<AnchorIn>,
    #[serde(default)]
    args: Vec<ArgIn>,
    status: String,
}

#[derive(Deserialize)]
struct DocIn {
    id: String,
    #[serde(default)]
    text_sha256: Option<String>,
}

#[derive(Deserialize)]
struct AnchorIn {
    start: usize,
    end: usize,
    #[serde(default)]
    exact: Option<String>,
}

#[derive(Deserialize)]
struct ArgIn {
    role: String,
    #[serde(default)]
    anchor: Option<AnchorIn>,
    value: ValueIn,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ValueIn {
    Person {
        name: String,
    },
    Organization {
        name: String,
    },
    Place {
        name: String,
    },
    Date {
        value: String,
        granularity: String,
        #[serde(rename = "mod", default)]
        modifier: Option<String>,
    },
    Count {
        #[serde(default)]
        number: Option<u64>,
        #[serde(rename = "mod")]
        modifier: String,
        #[serde(default)]
        lower: Option<u64>,
        #[serde(default)]
        upper: Option<u64>,
    },
    Duration {
        value: String,
    },
    Event {
        name: String,
    },
    Text {
        text: String,
    },
}

#[derive(Deserialize)]
struct SpanLineIn {
    schema: String,
    doc: String,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    exact: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    value: Option<ValueIn>,
}

impl ValueIn {
    fn kind(&self) -> &'static str {
        match self {
            Self::Person { .. } => "person",
            Self::Organization { .. } => "organization",
            Self::Place { .. } => "place",
            Self::Date { .. } => "date",
            Self::Count { .. } => "count",
            Self::Duration { .. } => "duration",
            Self::Event { .. } => "event",
            Self::Text { .. } => "text",
        }
    }

    fn into_value(self) -> Result<Value, String> {
        Ok(match self {
            Self::Person { name } => Value::Person {
                name,
                entity_id: None,
            },
            Self::Organization { name } => Value::Organization {
                name,
                entity_id: None,
            },
            Self::Place { name } => Value::Place {
                name,
                entity_id: None,
            },
            Self::Date {
                value,
                granularity,
                modifier,
            } => Value::Date(DateValue {
                value,
                granularity: crate::model::value::Granularity::parse(&granularity).ok_or_else(|| {
                    format!("date granularity “{granularity}” is not year, month or day")
                })?,
                modifier: match modifier {
                    None => None,
                    Some(m) => Some(crate::model::value::DateModifier::parse(&m).ok_or_else(|| {
                        format!("date mod “{m}” is not before, after, approx, start, mid or end")
                    })?),
                },
                anchoring: Anchoring::Absolute,
            }),
            Self::Count {
                number,
                modifier,
                lower,
                upper,
            } => Value::Count(CountValue {
                number,
                modifier: crate::model::value::CountModifier::parse(&modifier).ok_or_else(|| {
                    format!("count mod “{modifier}” is not one of exact, approx, more_than, at_least, less_than, at_most, range, vague")
                })?,
                lower,
                upper,
            }),
            Self::Duration { value } => Value::Duration { value },
            Self::Event { name } => Value::Event { name },
            Self::Text { text } => Value::Text { text },
        })
    }
}

// ---------------------------------------------------------------------------
// Lines.

/// The lines of a file: (1-based number, text), blank lines skipped, `\r\n`
/// accepted, a leading BOM removed. Lines that are not UTF-8 are reported.
fn lines<'a>(name: &str, bytes: &'a [u8], problems: &mut Vec<String>) -> Vec<(usize, &'a str)> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok(line) if line.trim().is_empty() => {}
            Ok(line) => out.push((i + 1, line)),
            Err(error) => problems.push(format!(
                "{name}:{}: the line is not UTF-8 (invalid byte after {} bytes); save the file as UTF-8",
                i + 1,
                error.valid_up_to()
            )),
        }
    }
    out
}

/// Why a line was not read, from serde's message.
fn line_error(line: &str, error: &serde_json::Error, expected: &str) -> String {
    if let Ok(only) = serde_json::from_str::<SchemaOnly>(line)
        && only.schema != expected
    {
        return format!(
            "schema “{}” is not {expected}; this reader knows only {expected}",
            only.schema
        );
    }
    if error.is_syntax() || error.is_eof() {
        format!("not a JSON object ({error}); each line must be one JSON object")
    } else {
        format!("{error}")
    }
}

fn checked_range(anchor: &AnchorIn, what: &str) -> Result<CharRange, String> {
    if anchor.start >= anchor.end {
        return Err(format!(
            "{what}: start {} is not before end {}",
            anchor.start, anchor.end
        ));
    }
    Ok(CharRange::from_offsets(anchor.start, anchor.end))
}

/// A claim line as scoring sees it, with its document and status.
struct ReadClaim {
    doc: String,
    text_sha256: Option<String>,
    status: ReviewStatus,
    claim: ClaimAnn,
    /// Spans its anchors make: (range, kind name, exact, value).
    anchor_spans: Vec<SpanAnn>,
}

fn parse_claim_line(line: &str, number: usize) -> Result<ReadClaim, String> {
    let wire: LineIn =
        serde_json::from_str(line).map_err(|e| line_error(line, &e, CLAIM_SCHEMA))?;
    if wire.schema != CLAIM_SCHEMA {
        return Err(format!(
            "schema “{}” is not {CLAIM_SCHEMA}; this reader knows only {CLAIM_SCHEMA}",
            wire.schema
        ));
    }
    let status = ReviewStatus::parse(&wire.status).ok_or_else(|| {
        format!(
            "status “{}” is not proposed, accepted, corrected or rejected",
            wire.status
        )
    })?;
    let mut args = Vec::new();
    let mut anchor_spans = Vec::new();
    if let Some(trigger) = &wire.trigger {
        let range = checked_range(trigger, "trigger")?;
        let exact = trigger.exact.clone().unwrap_or_default();
        let value = canon::text_value(&exact);
        anchor_spans.push(SpanAnn {
            range,
            label: "event".to_owned(),
            text: exact.clone(),
            value: Some(value.clone()),
        });
        args.push(ArgAnn {
            role: TRIGGER_ROLE.to_owned(),
            anchor: Some(range),
            text: exact,
            value,
        });
    }
    for (i, arg) in wire.args.into_iter().enumerate() {
        let what = format!("argument {} (role “{}”)", i + 1, arg.role);
        let kind = arg.value.kind();
        let value = canon::canonical(&arg.value.into_value().map_err(|e| format!("{what}: {e}"))?);
        let (anchor, text) = match &arg.anchor {
            Some(anchor) => {
                let range = checked_range(anchor, &what)?;
                let exact = anchor.exact.clone().unwrap_or_default();
                anchor_spans.push(SpanAnn {
                    range,
                    label: kind.to_owned(),
                    text: exact.clone(),
                    value: Some(value.clone()),
                });
                (Some(range), exact)
            }
            None => (None, String::new()),
        };
        args.push(ArgAnn {
            role: arg.role,
            anchor,
            text,
            value,
        });
    }
    Ok(ReadClaim {
        doc: wire.doc.id,
        text_sha256: wire.doc.text_sha256.map(|h| h.to_ascii_lowercase()),
        status,
        claim: ClaimAnn {
            id: wire.id.unwrap_or_else(|| format!("line {number}")),
            claim_type: wire.claim_type,
            args,
        },
        anchor_spans,
    })
}

/// Reads claim/v1 lines into a corpus whose spans come from the anchors.
pub fn read_claims(name: &str, bytes: &[u8], keep: StatusFilter) -> Corpus {
    let mut corpus = Corpus::new(name, SpanSource::ClaimAnchors);
    let mut problems = Vec::new();
    let mut docs: BTreeMap<String, DocAnnotations> = BTreeMap::new();
    for (number, line) in lines(name, bytes, &mut problems) {
        let read = match parse_claim_line(line, number) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(format!("{name}:{number}: {problem}; line skipped"));
                continue;
            }
        };
        add_claim(
            &mut docs,
            &mut corpus,
            &mut problems,
            read,
            keep,
            (name, number),
        );
    }
    corpus.docs = docs.into_values().map(finish_doc).collect();
    corpus.problems = cap(problems);
    corpus
}

fn add_claim(
    docs: &mut BTreeMap<String, DocAnnotations>,
    corpus: &mut Corpus,
    problems: &mut Vec<String>,
    read: ReadClaim,
    keep: StatusFilter,
    (name, number): (&str, usize),
) {
    let doc = docs
        .entry(read.doc.clone())
        .or_insert_with(|| DocAnnotations::new(read.doc.clone()));
    match (&doc.text_sha256, &read.text_sha256) {
        (None, Some(hash)) => doc.text_sha256 = Some(hash.clone()),
        (Some(known), Some(hash)) if known != hash => problems.push(format!(
            "{name}:{number}: document “{}” has text_sha256 {hash}, but an earlier line gave {known}; the earlier one is used",
            read.doc
        )),
        _ => {}
    }
    if !keep.keeps(read.status) {
        corpus.excluded.count("claims", read.status.as_str());
        return;
    }
    doc.spans.extend(read.anchor_spans);
    doc.claims.push(read.claim);
}

/// Sorts spans and drops those made twice by anchors shared among claims.
fn finish_doc(mut doc: DocAnnotations) -> DocAnnotations {
    doc.spans.sort_by(span_order);
    doc.spans
        .dedup_by(|a, b| a.range == b.range && a.label == b.label);
    doc
}

fn cap(mut problems: Vec<String>) -> Vec<String> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("… and {more} more problems"));
    }
    problems
}

// ---------------------------------------------------------------------------
// Fixtures folders.

#[derive(Deserialize)]
struct ManifestIn {
    #[serde(default)]
    files: Vec<ManifestFileIn>,
}

#[derive(Deserialize)]
struct ManifestFileIn {
    path: String,
    sha256: String,
}

#[derive(Default)]
struct FixtureFiles {
    text: Option<PathBuf>,
    claims: Option<PathBuf>,
    spans: Option<PathBuf>,
}

/// Reads a fixtures folder. Spans come from the `.spans.jsonl` files when
/// the folder has any (a document without one then has no spans), else
/// from claim anchors. A `.txt` is the document's text: its SHA-256 is the
/// document's, and claims saying otherwise are reported.
pub fn read_fixtures(dir: &Path, keep: StatusFilter) -> Result<Corpus, InputError> {
    let read_error = |source| InputError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut files: BTreeMap<String, FixtureFiles> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let file_name = file_name.to_owned();
        if let Some(id) = file_name.strip_suffix(".claims.jsonl") {
            files.entry(id.to_owned()).or_default().claims = Some(path);
        } else if let Some(id) = file_name.strip_suffix(".spans.jsonl") {
            files.entry(id.to_owned()).or_default().spans = Some(path);
        } else if let Some(id) = file_name.strip_suffix(".txt") {
            files.entry(id.to_owned()).or_default().text = Some(path);
        }
    }
    let has_spans = files.values().any(|f| f.spans.is_some());
    let source = if has_spans {
        SpanSource::Spans
    } else {
        SpanSource::ClaimAnchors
    };
    let mut corpus = Corpus::new(dir.display().to_string(), source);
    let mut problems = check_manifest(dir);
    for (id, found) in files {
        let doc = read_fixture(&id, &found, has_spans, keep, &mut corpus, &mut problems)?;
        corpus.docs.push(doc);
    }
    corpus.problems = cap(problems);
    Ok(corpus)
}

fn read_fixture(
    id: &str,
    found: &FixtureFiles,
    has_spans: bool,
    keep: StatusFilter,
    corpus: &mut Corpus,
    problems: &mut Vec<String>,
) -> Result<DocAnnotations, InputError> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| InputError::Read {
            path: path.to_owned(),
            source,
        })
    };
    let mut doc = DocAnnotations::new(id);
    if let Some(path) = &found.text {
        match CanonicalText::from_bytes(&read(path)?) {
            Ok(text) => {
                doc.text_sha256 = Some(text.sha256_hex());
                doc.text = Some(text);
            }
            Err(error) => problems.push(format!(
                "{}: {error}; the document is compared without its text",
                path.display()
            )),
        }
    }
    if let Some(path) = &found.claims {
        let name = path.display().to_string();
        let mut docs = BTreeMap::new();
        let mut own = Corpus::new(name.clone(), SpanSource::ClaimAnchors);
        for (number, line) in lines(&name, &read(path)?, problems) {
            match parse_claim_line(line, number) {
                Ok(mut claim) => {
                    if claim.doc != id {
                        problems.push(format!(
                            "{name}:{number}: the claim is for document “{}”, but the file is for “{id}”; it is counted for “{id}”",
                            claim.doc
                        ));
                        id.clone_into(&mut claim.doc);
                    }
                    if let (Some(text_hash), Some(line_hash)) =
                        (&doc.text_sha256, &claim.text_sha256)
                        && text_hash != line_hash
                    {
                        problems.push(format!(
                            "{name}:{number}: text_sha256 {line_hash} is not that of {id}.txt ({text_hash}); the claim's offsets may not fit the text"
                        ));
                    }
                    claim.text_sha256.clone_from(&doc.text_sha256);
                    if let Some(text) = &doc.text {
                        check_exact(text, &claim.claim, &name, number, problems);
                    }
                    add_claim(&mut docs, &mut own, problems, claim, keep, (&name, number));
                }
                Err(problem) => problems.push(format!("{name}:{number}: {problem}; line skipped")),
            }
        }
        for (what, n) in own.excluded.counts {
            *corpus.excluded.counts.entry(what).or_default() += n;
        }
        if let Some(read) = docs.remove(id) {
            if doc.text_sha256.is_none() {
                doc.text_sha256 = read.text_sha256;
            }
            doc.claims = read.claims;
            if !has_spans {
                doc.spans = read.spans;
            }
        }
    }
    if let Some(path) = &found.spans {
        let name = path.display().to_string();
        for (number, line) in lines(&name, &read(path)?, problems) {
            match parse_span_line(line, id, keep, corpus) {
                Ok(Some(span)) => doc.spans.push(span),
                Ok(None) => {}
                Err(problem) => problems.push(format!("{name}:{number}: {problem}; line skipped")),
            }
        }
    }
    Ok(finish_doc(doc))
}

fn parse_span_line(
    line: &str,
    id: &str,
    keep: StatusFilter,
    corpus: &mut Corpus,
) -> Result<Option<SpanAnn>, String> {
    let wire: SpanLineIn =
        serde_json::from_str(line).map_err(|e| line_error(line, &e, SPAN_SCHEMA))?;
    if wire.schema != SPAN_SCHEMA {
        return Err(format!("schema “{}” is not {SPAN_SCHEMA}", wire.schema));
    }
    if wire.doc != id {
        return Err(format!(
            "the span is for document “{}”, not “{id}”",
            wire.doc
        ));
    }
    let status = match &wire.status {
        None => ReviewStatus::Accepted,
        Some(raw) => ReviewStatus::parse(raw).ok_or_else(|| {
            format!("status “{raw}” is not proposed, accepted, corrected or rejected")
        })?,
    };
    if !keep.keeps(status) {
        corpus.excluded.count("spans", status.as_str());
        return Ok(None);
    }
    let range = checked_range(
        &AnchorIn {
            start: wire.start,
            end: wire.end,
            exact: None,
        },
        "span",
    )?;
    let value = match wire.value {
        Some(value) => Some(canon::canonical(&value.into_value()?)),
        None => None,
    };
    Ok(Some(SpanAnn {
        range,
        label: wire.label,
        text: wire.exact.unwrap_or_default(),
        value,
    }))
}

/// Reports anchors whose `exact` is not the text they point at.
fn check_exact(
    text: &CanonicalText,
    claim: &ClaimAnn,
    name: &str,
    number: usize,
    problems: &mut Vec<String>,
) {
    for arg in &claim.args {
        let Some(range) = arg.anchor else { continue };
        match text.slice(range) {
            None => problems.push(format!(
                "{name}:{number}: role “{}” points at chars {range}, past the end of the text ({} chars)",
                arg.role,
                text.char_len()
            )),
            Some(found) if !arg.text.is_empty() && found != arg.text => problems.push(format!(
                "{name}:{number}: role “{}” says “{}” at chars {range}, but the text has “{found}” there",
                arg.role, arg.text
            )),
            Some(_) => {}
        }
    }
}

/// Checks the files a `manifest.json` lists against their SHA-256.
fn check_manifest(dir: &Path) -> Vec<String> {
    let path = dir.join("manifest.json");
    let name = path.display().to_string();
    let Ok(bytes) = std::fs::read(&path) else {
        return vec![format!(
            "{name}: no manifest; the files' checksums were not checked"
        )];
    };
    let manifest: ManifestIn = match serde_json::from_slice(&bytes) {
        Ok(manifest) => manifest,
        Err(error) => return vec![format!("{name}:{}: {error}", error.line())],
    };
    let mut problems = Vec::new();
    for file in manifest.files {
        let listed = dir.join(&file.path);
        match std::fs::read(&listed) {
            Ok(bytes) => {
                let actual = hex(&Sha256::digest(&bytes));
                if !actual.eq_ignore_ascii_case(&file.sha256) {
                    problems.push(format!(
                        "{}: its SHA-256 is {actual}, but {name} lists {}; the file changed after export",
                        listed.display(),
                        file.sha256
                    ));
                }
            }
            Err(_) => problems.push(format!("{name}: lists {}, which is missing", file.path)),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"schema":"claim/v1","id":"c1","doc":{"id":"d","text_sha256":"AB","text_length":30,"lang":"en"},"type":"release","trigger":{"start":5,"end":10,"exact":"freed","hint":1},"args":[{"role":"count","anchor":{"start":11,"end":14,"exact":"Two"},"value":{"kind":"count","number":2,"mod":"exact","unit":"people"}},{"role":"place","anchor":null,"value":{"kind":"place","name":"Belarus"}}],"status":"proposed","confidence":0.9,"provenance":{"creator":{"kind":"software","id":"x"},"created":"2026-11-22T10:00:00Z"},"extra":1}"#;

    #[test]
    fn a_line_with_unknown_fields_is_read() {
        let corpus = read_claims("p.jsonl", LINE.as_bytes(), StatusFilter::NotRejected);
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        let doc = &corpus.docs[0];
        assert_eq!(doc.id, "d");
        assert_eq!(doc.text_sha256.as_deref(), Some("ab"));
        let args: Vec<_> = doc.claims[0]
            .args
            .iter()
            .map(|a| (a.role.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                ("trigger", "text:freed"),
                ("count", "count:2/exact"),
                ("place", "place:belarus")
            ]
        );
        let spans: Vec<_> = doc
            .spans
            .iter()
            .map(|s| (s.range.start().get(), s.label.as_str()))
            .collect();
        assert_eq!(spans, [(5, "event"), (11, "count")]);
        // Gold keeps reviewed claims only.
        let gold = read_claims("g.jsonl", LINE.as_bytes(), StatusFilter::Reviewed);
        assert_eq!(gold.claim_count(), 0);
        assert_eq!(gold.excluded.counts.get("claims proposed"), Some(&1));
    }

    #[test]
    fn bad_lines_are_reported_with_their_number_and_the_rest_read() {
        let mut file = Vec::new();
        file.extend_from_slice("\u{feff}".as_bytes());
        file.extend_from_slice(LINE.as_bytes());
        file.extend_from_slice(b"\r\n\n{not json\n");
        file.extend_from_slice(LINE.replace("claim/v1", "claim/v2").as_bytes());
        file.push(b'\n');
        file.extend_from_slice(LINE.replace(r#""doc":{"id":"d","#, r#""doc":{"#).as_bytes());
        file.push(b'\n');
        file.extend_from_slice(b"\xff\xfe latin\n");
        file.extend_from_slice(
            LINE.replace(r#""start":5,"end":10"#, r#""start":10,"end":5"#)
                .as_bytes(),
        );
        file.push(b'\n');
        file.extend_from_slice(
            LINE.replace(r#""mod":"exact""#, r#""mod":"several""#)
                .as_bytes(),
        );
        let corpus = read_claims("p.jsonl", &file, StatusFilter::NotRejected);
        assert_eq!(corpus.claim_count(), 1);
        let p = &corpus.problems;
        assert_eq!(p.len(), 6, "{p:#?}");
        assert!(
            p[0].starts_with("p.jsonl:6: the line is not UTF-8"),
            "{}",
            p[0]
        );
        assert!(p[1].starts_with("p.jsonl:3: not a JSON object"), "{}", p[1]);
        assert!(
            p[2].contains("p.jsonl:4: schema “claim/v2” is not claim/v1"),
            "{}",
            p[2]
        );
        assert!(p[3].contains("p.jsonl:5: missing field `id`"), "{}", p[3]);
        assert!(
            p[4].contains("p.jsonl:7: trigger: start 10 is not before end 5"),
            "{}",
            p[4]
        );
        assert!(
            p[5].contains("p.jsonl:8: argument 1 (role “count”): count mod “several”"),
            "{}",
            p[5]
        );
    }

    #[test]
    fn the_same_anchor_in_two_claims_is_one_span() {
        let second = LINE.replace(r#""id":"c1""#, r#""id":"c2""#);
        let file = format!("{LINE}\n{second}\n");
        let corpus = read_claims("p.jsonl", file.as_bytes(), StatusFilter::NotRejected);
        assert_eq!(corpus.claim_count(), 2);
        assert_eq!(corpus.span_count(), 2);
    }
}
