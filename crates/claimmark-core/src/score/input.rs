//! Reading what `score` compares: a claims file (`claim/v1` JSON Lines), a
//! fixtures folder (`<doc-id>.txt`, `<doc-id>.claims.jsonl`, optionally
//! `<doc-id>.spans.jsonl`, `manifest.json`) or a project (`.ron`).
//!
//! Lines are read through `claim_format` ([`read_lines`] with
//! [`parse_content`] and [`parse_span_line`]): bounded memory, unknown
//! fields ignored, the format's shape checked but not the rules an import
//! needs, so that an extractor's output an import would refuse (a text hash
//! that is not one, an `exact` that does not fit its offsets) is still
//! compared. A line that cannot be used is reported as `file:line: what;
//! line skipped` and the other lines are read.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::annotations::{
    ArgAnn, ClaimAnn, Corpus, DocAnnotations, SpanAnn, SpanSource, StatusFilter, orphan_argument,
    span_order,
};
use super::canon;
use crate::claim_format::MAX_LINE_BYTES;
use crate::claim_format::fixtures::{self, FixtureFiles};
use crate::claim_format::line::{
    ClaimContent, LineError, LineErrorKind, SpanLine, parse_content, parse_span_line, read_lines,
};
use crate::model::schema::{Schema, TRIGGER_ROLE};
use crate::model::{CanonicalText, CharRange, ReviewStatus};

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

impl InputError {
    fn read(path: &Path) -> impl FnOnce(io::Error) -> Self + '_ {
        move |source| Self::Read {
            path: path.to_owned(),
            source,
        }
    }
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
    let mut corpus = Corpus::new(&name, SpanSource::ClaimAnchors);
    read_claims_into(&mut corpus, open(path)?, keep).map_err(InputError::read(path))?;
    Ok(Loaded {
        corpus,
        kind: SourceKind::ClaimsFile,
        schema: None,
    })
}

/// Reads two sides at once, one on another thread: reading (mostly JSON
/// parsing) is most of what `claimmark score` does, and the two sides do
/// not depend on each other.
pub fn read_both<A: Send, B: Send>(
    read_a: impl FnOnce() -> A + Send,
    read_b: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let b = scope.spawn(read_b);
        let a = read_a();
        // A panic while reading is a bug; carry it over rather than hide it.
        let b = b
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

fn open(path: &Path) -> Result<BufReader<File>, InputError> {
    let file = crate::storage::input::open_regular(path).map_err(InputError::read(path))?;
    Ok(BufReader::with_capacity(1 << 16, file))
}

// ---------------------------------------------------------------------------
// Lines.

/// Reads the lines of one file through `parse`, calling `each` with every
/// line read and the problems list. Problems go to `problems` as
/// `file:line: what`: unreadable lines (too long, not UTF-8) first, then the
/// others in line order (`each` adds its own among them).
fn for_each_line<T>(
    name: &str,
    reader: impl BufRead,
    parse: fn(&str) -> Result<T, LineError>,
    problems: &mut Vec<String>,
    mut each: impl FnMut(u64, T, &mut Vec<String>) -> Result<(), String>,
) -> io::Result<()> {
    let mut unreadable = Vec::new();
    let mut others = Vec::new();
    for line in read_lines(reader, MAX_LINE_BYTES, parse) {
        let (number, line) = line?;
        let problem = match line {
            Ok(line) => match each(number, line, &mut others) {
                Ok(()) => continue,
                Err(problem) => problem,
            },
            Err(error) => {
                if let LineErrorKind::Unreadable(_) = error.kind {
                    unreadable.push(format!("{name}:{number}: {}", error.message));
                    continue;
                }
                line_problem(error)
            }
        };
        others.push(format!("{name}:{number}: {problem}; line skipped"));
    }
    problems.append(&mut unreadable);
    problems.append(&mut others);
    Ok(())
}

/// A line's problem, in scoring's words.
fn line_problem(error: LineError) -> String {
    match error.kind {
        LineErrorKind::Json { detail } => format!(
            "not a JSON object ({detail} at column {}); each line must be one JSON object",
            error.column
        ),
        LineErrorKind::Schema { found, expected } => {
            format!("schema “{found}” is not {expected}; this reader knows only {expected}")
        }
        LineErrorKind::Shape { detail } => detail,
        LineErrorKind::Unreadable(_) | LineErrorKind::Rule => error.message,
    }
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

impl ReadClaim {
    /// The claim's arguments with canonical values: trigger first, then
    /// `args`, then orphans (without anchor, as in a project). A value
    /// whose words are not the format's spoils the line.
    fn of(content: ClaimContent) -> Result<Self, String> {
        let mut args = Vec::new();
        let mut anchor_spans = Vec::new();
        let mut anchored = |range: CharRange, label: &str, text: &str, value: &str| {
            anchor_spans.push(SpanAnn {
                range,
                label: label.to_owned(),
                text: text.to_owned(),
                value: Some(value.to_owned()),
            });
        };
        if let Some(trigger) = content.trigger {
            let range = CharRange::from_offsets(trigger.start, trigger.end);
            let value = canon::text_value(&trigger.exact);
            anchored(range, "event", &trigger.exact, &value);
            args.push(ArgAnn {
                role: TRIGGER_ROLE.to_owned(),
                anchor: Some(range),
                text: trigger.exact,
                value,
            });
        }
        for (i, arg) in content.args.into_iter().enumerate() {
            let value = arg
                .value
                .map_err(|error| format!("argument {} (role “{}”): {error}", i + 1, arg.role))?;
            let kind = value.kind();
            let value = canon::canonical(&value);
            let (anchor, text) = match arg.anchor {
                Some(anchor) => {
                    let range = CharRange::from_offsets(anchor.start, anchor.end);
                    anchored(range, kind.as_str(), &anchor.exact, &value);
                    (Some(range), anchor.exact)
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
        args.extend(content.orphans.iter().map(orphan_argument));
        Ok(Self {
            doc: content.doc,
            text_sha256: Some(content.text_sha256),
            status: content.status,
            claim: ClaimAnn {
                id: content.id,
                claim_type: content.claim_type,
                args,
            },
            anchor_spans,
        })
    }
}

/// Reads claim/v1 lines into a corpus whose spans come from the anchors.
pub fn read_claims(name: &str, bytes: &[u8], keep: StatusFilter) -> Corpus {
    let mut corpus = Corpus::new(name, SpanSource::ClaimAnchors);
    if let Err(error) = read_claims_into(&mut corpus, bytes, keep) {
        // Reading bytes in memory does not fail; say so if it ever does.
        corpus
            .problems
            .push(format!("{name}: could not read: {error}"));
    }
    corpus
}

/// Reads claim/v1 lines into `corpus` (named after its source).
fn read_claims_into(
    corpus: &mut Corpus,
    reader: impl BufRead,
    keep: StatusFilter,
) -> io::Result<()> {
    let name = corpus.source.clone();
    let mut problems = Vec::new();
    let mut docs: BTreeMap<String, DocAnnotations> = BTreeMap::new();
    for_each_line(
        &name,
        reader,
        parse_content,
        &mut problems,
        |number, content, problems| {
            let read = ReadClaim::of(content)?;
            add_claim(&mut docs, corpus, problems, read, keep, (&name, number));
            Ok(())
        },
    )?;
    corpus.docs = docs.into_values().map(finish_doc).collect();
    corpus.problems = cap(problems);
    Ok(())
}

fn add_claim(
    docs: &mut BTreeMap<String, DocAnnotations>,
    corpus: &mut Corpus,
    problems: &mut Vec<String>,
    read: ReadClaim,
    keep: StatusFilter,
    (name, number): (&str, u64),
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

/// Reads a fixtures folder. Spans come from the `.spans.jsonl` files when
/// the folder has any (a document without one then has no spans), else
/// from claim anchors. A `.txt` is the document's text: its SHA-256 is the
/// document's, and claims saying otherwise are reported.
pub fn read_fixtures(dir: &Path, keep: StatusFilter) -> Result<Corpus, InputError> {
    let files = fixtures::list(dir).map_err(InputError::read(dir))?;
    let has_spans = files.values().any(|f| f.spans.is_some());
    let source = if has_spans {
        SpanSource::Spans
    } else {
        SpanSource::ClaimAnchors
    };
    let mut corpus = Corpus::new(dir.display().to_string(), source);
    let mut problems = fixtures::check_manifest(dir);
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
    let mut doc = DocAnnotations::new(id);
    if let Some(path) = &found.text {
        let bytes = crate::storage::input::read_limited(
            path,
            crate::storage::articles::MAX_ARTICLE_BYTES,
            "articles",
        )
        .map_err(InputError::read(path))?;
        match CanonicalText::from_bytes(&bytes) {
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
        for_each_line(&name, open(path)?, parse_content, problems, |number, content, problems| {
            let mut claim = ReadClaim::of(content)?;
            if claim.doc != id {
                problems.push(format!(
                    "{name}:{number}: the claim is for document “{}”, but the file is for “{id}”; it is counted for “{id}”",
                    claim.doc
                ));
                id.clone_into(&mut claim.doc);
            }
            if let (Some(text_hash), Some(line_hash)) = (&doc.text_sha256, &claim.text_sha256)
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
            Ok(())
        })
        .map_err(InputError::read(path))?;
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
        for_each_line(
            &name,
            open(path)?,
            parse_span_line,
            problems,
            |_, line, _| {
                if let Some(span) = span_of(line, id, keep, corpus)? {
                    doc.spans.push(span);
                }
                Ok(())
            },
        )
        .map_err(InputError::read(path))?;
    }
    Ok(finish_doc(doc))
}

/// A span line as scoring sees it; `None` when `keep` leaves it out.
fn span_of(
    line: SpanLine,
    id: &str,
    keep: StatusFilter,
    corpus: &mut Corpus,
) -> Result<Option<SpanAnn>, String> {
    if line.doc != id {
        return Err(format!(
            "the span is for document “{}”, not “{id}”",
            line.doc
        ));
    }
    if !keep.keeps(line.status) {
        corpus.excluded.count("spans", line.status.as_str());
        return Ok(None);
    }
    Ok(Some(SpanAnn {
        range: line.range,
        label: line.label,
        text: line.exact,
        value: line.value.as_ref().map(canon::canonical),
    }))
}

/// Reports anchors whose `exact` is not the text they point at.
fn check_exact(
    text: &CanonicalText,
    claim: &ClaimAnn,
    name: &str,
    number: u64,
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
