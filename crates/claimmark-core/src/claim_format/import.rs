//! A claims file into a project, in two steps so that a window can do the
//! slow part on a worker thread:
//!
//! 1. [`read_claims_file`] streams the file line by line (bounded memory,
//!    progress reported), checks each line, matches it to a document and
//!    re-attaches its anchors. The project is only read.
//! 2. [`Prepared::into_edit`] turns that into one [`Edit::Batch`] against
//!    the project as it is then (new span and claim ids, reuse of existing
//!    spans, schema checks) and the final [`ImportReport`]. Applying the edit
//!    is one undoable step.
//!
//! A bad line never stops the import: it is reported with its line number
//! and the good lines still import. Nothing already in the project changes.
//!
//! ```no_run
//! # fn demo(session: &mut claimmark_core::session::Session) -> Result<(), Box<dyn std::error::Error>> {
//! use claimmark_core::claim_format::import;
//! let prepared = import::read_claims_file(
//!     std::path::Path::new("claims.jsonl"),
//!     session.project(),
//!     &|read, total| eprintln!("{read} of {total} bytes"),
//! )?;
//! let import = prepared.into_edit(session.project());
//! if !import.is_empty() {
//!     session.apply(import.edit, "Import claims")?;
//! }
//! for line in import.report.lines() {
//!     eprintln!("{line}");
//! }
//! # Ok(()) }
//! ```

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::MAX_LINE_BYTES;
use super::anchor::{Placement, attach};
use super::export::ClaimIds;
use super::line::{AnchorSpec, ClaimLine, LineError, parse_line};
use super::reader::TextLines;
use crate::edit::Edit;
use crate::model::document::{
    Argument, Claim, ClaimId, DocId, ExternalClaim, ImplicitArgument, OrphanArgument, Span, SpanId,
};
use crate::model::entity::EntityId;
use crate::model::review::{Confidence, Provenance, ReviewStatus, SpanOrigin};
use crate::model::schema::{Name, RoleDef, Schema, TRIGGER_ROLE, ValueKind};
use crate::model::value::{SpanValue, Value, ValueSource};
use crate::model::{CharRange, Project};

/// Progress is reported about every this many bytes.
const PROGRESS_EVERY_BYTES: u64 = 1 << 20;

/// A claims file that could not be read at all. (Problems with single lines
/// are in the [`ImportReport`] instead.)
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

/// A message about one line of the claims file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineMessage {
    pub line: u64,
    /// The column (in chars) for JSON errors; `None` when the whole line is
    /// meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl LineMessage {
    /// A line's problem, with its column when it is not the first.
    fn of_error(line: u64, error: LineError) -> Self {
        Self {
            line,
            column: (error.column > 1).then_some(error.column),
            message: error.message,
        }
    }
}

/// What an import did, for the window and the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The claims file, as given.
    pub file: String,
    /// Lines read, blank ones included.
    pub lines_read: u64,
    /// Claims imported.
    pub claims: usize,
    /// Spans made for their arguments.
    pub new_spans: usize,
    /// Arguments that reused a span already there.
    pub reused_spans: usize,
    /// Arguments stated nowhere in the text (null anchor).
    pub implicit: usize,
    /// Anchors found at their offsets.
    pub anchors_kept: usize,
    /// Anchors whose text was found elsewhere.
    pub anchors_moved: usize,
    /// Anchors matched approximately (listed in `notices`).
    pub anchors_fuzzy: usize,
    /// Arguments kept on their claim as orphans (listed in `notices`).
    pub orphans: usize,
    /// Lines (or parts of lines) not imported, and why.
    pub problems: Vec<LineMessage>,
    /// What was imported but needs a look: orphans, approximate matches.
    pub notices: Vec<LineMessage>,
}

impl ImportReport {
    /// Every problem and notice as `file:line: message` (with `:col` for
    /// JSON errors), in line order.
    pub fn lines(&self) -> Vec<String> {
        let mut all: Vec<&LineMessage> = self.problems.iter().chain(&self.notices).collect();
        all.sort_by_key(|message| message.line);
        all.into_iter()
            .map(|message| match message.column {
                Some(column) => format!(
                    "{}:{}:{column}: {}",
                    self.file, message.line, message.message
                ),
                None => format!("{}:{}: {}", self.file, message.line, message.message),
            })
            .collect()
    }

    /// One sentence: what was imported, what was not.
    pub fn summary(&self) -> String {
        format!(
            "{}: imported {} claim(s) ({} new span(s), {} reused, {} implicit argument(s)); {} orphan(s), {} approximate match(es), {} problem(s)",
            self.file,
            self.claims,
            self.new_spans,
            self.reused_spans,
            self.implicit,
            self.orphans,
            self.anchors_fuzzy,
            self.problems.len()
        )
    }

    fn problem(&mut self, line: u64, message: String) {
        self.problems.push(LineMessage {
            line,
            column: None,
            message,
        });
    }

    fn notice(&mut self, line: u64, message: String) {
        self.notices.push(LineMessage {
            line,
            column: None,
            message,
        });
    }
}

/// An argument re-attached to a place in the text.
#[derive(Debug, Clone)]
struct PlacedArgument {
    role: Name,
    range: CharRange,
    /// `None` for the trigger, which has no value in claim/v1.
    value: Option<Value>,
    /// Where in the line, for messages.
    at: ArgAt,
}

/// Where an argument is in its line, for messages: `trigger`, `args[2]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArgAt {
    Trigger,
    Arg(usize),
    Orphan(usize),
    Implicit,
    KeptOrphan,
}

impl std::fmt::Display for ArgAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Trigger => f.write_str("trigger"),
            Self::Arg(i) => write!(f, "args[{i}]"),
            Self::Orphan(i) => write!(f, "ext.claimmark.orphans[{i}]"),
            Self::Implicit => f.write_str("an implicit argument"),
            Self::KeptOrphan => f.write_str("an orphan argument"),
        }
    }
}

/// A checked, anchored line, not yet tied to ids in the project.
#[derive(Debug, Clone)]
struct PreparedClaim {
    line: u64,
    doc: DocId,
    doc_sha256: [u8; 32],
    external_id: String,
    original: String,
    claim_type: Name,
    arguments: Vec<PlacedArgument>,
    implicit: Vec<ImplicitArgument>,
    orphans: Vec<OrphanArgument>,
    status: ReviewStatus,
    confidence: Option<Confidence>,
    provenance: Provenance,
    note: String,
}

/// A claims file read and anchored against a project's texts, ready to
/// become an edit ([`Prepared::into_edit`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    claims: Vec<PreparedClaim>,
    report: ImportReport,
}

/// The result of an import: one edit to apply as one undoable step, and the
/// report to show.
#[derive(Debug, Clone)]
pub struct ImportEdit {
    /// An [`Edit::Batch`] of `InsertSpan` and `InsertClaim` edits.
    pub edit: Edit,
    pub report: ImportReport,
}

impl ImportEdit {
    /// True when there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        matches!(&self.edit, Edit::Batch(edits) if edits.is_empty())
    }
}

/// Reads a claims file and re-attaches its anchors to `project`'s texts,
/// calling `progress(bytes_read, total_bytes)` now and then. Only an
/// unreadable file is an error; bad lines go into the report.
pub fn read_claims_file(
    path: &Path,
    project: &Project,
    progress: &dyn Fn(u64, u64),
) -> Result<Prepared, ImportError> {
    let error = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(error)?;
    let total = file.metadata().map_err(error)?.len();
    read_claims(
        BufReader::with_capacity(1 << 16, file),
        &path.display().to_string(),
        total,
        project,
        progress,
        MAX_LINE_BYTES,
    )
    .map_err(error)
}

/// [`read_claims_file`] on any reader; `file` names it in messages and
/// `max_line_bytes` is the longest line accepted.
pub fn read_claims(
    reader: impl BufRead,
    file: &str,
    total_bytes: u64,
    project: &Project,
    progress: &dyn Fn(u64, u64),
    max_line_bytes: usize,
) -> io::Result<Prepared> {
    let mut state = ReadState {
        documents: DocumentIndex::new(project),
        project,
        first_line_of: HashMap::new(),
        claims: Vec::new(),
        report: ImportReport {
            file: file.to_owned(),
            ..ImportReport::default()
        },
        batch: Vec::new(),
        batch_bytes: 0,
    };
    let mut problems = Vec::new();
    state.report.lines_read = scan_lines(
        reader,
        total_bytes,
        max_line_bytes,
        progress,
        &mut problems,
        |number, text, problems| {
            state.batch_bytes += text.len();
            state.batch.push((number, text.to_owned()));
            if state.batch_bytes >= BATCH_BYTES {
                state.read_batch(problems);
            }
        },
    )?;
    state.read_batch(&mut problems);
    let mut report = state.report;
    problems.append(&mut report.problems);
    problems.sort_by_key(|problem| problem.line);
    report.problems = problems;
    Ok(Prepared {
        claims: state.claims,
        report,
    })
}

/// Lines are read into batches of about this many bytes, and each batch is
/// parsed and anchored on all cores.
const BATCH_BYTES: usize = 4 << 20;
/// More threads than this gain little: the rest of the import is serial.
const MAX_THREADS: usize = 8;

/// What [`read_claims`] carries from batch to batch.
struct ReadState<'p> {
    documents: DocumentIndex,
    project: &'p Project,
    first_line_of: HashMap<String, u64>,
    claims: Vec<PreparedClaim>,
    report: ImportReport,
    batch: Vec<(u64, String)>,
    batch_bytes: usize,
}

/// One line, read on its own.
enum LineOutcome {
    Refused {
        /// The claim id, when the line got that far.
        id: Option<String>,
        problem: LineMessage,
    },
    Placed {
        claim: Box<PreparedClaim>,
        /// Anchor counts and notices of this line.
        report: ImportReport,
    },
}

impl ReadState<'_> {
    /// Parses and anchors the batch in parallel, then takes the results in
    /// line order (ids must be unique in the file: the first one counts).
    fn read_batch(&mut self, problems: &mut Vec<LineMessage>) {
        let lines = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let (documents, project) = (&self.documents, self.project);
        let outcomes = parallel_map(lines, |(number, text)| {
            read_line(number, text, documents, project)
        });
        for outcome in outcomes {
            let (id, number) = match &outcome {
                LineOutcome::Refused { id, problem } => (id.as_deref(), problem.line),
                LineOutcome::Placed { claim, .. } => (Some(claim.external_id.as_str()), claim.line),
            };
            if let Some(id) = id {
                if let Some(first) = self.first_line_of.get(id) {
                    problems.push(whole_line(
                        number,
                        format!(
                            "claim id “{id}” was already used on line {first}; ids must be unique in a file. This line was skipped"
                        ),
                    ));
                    continue;
                }
                self.first_line_of.insert(id.to_owned(), number);
            }
            match outcome {
                LineOutcome::Refused { problem, .. } => problems.push(problem),
                LineOutcome::Placed { claim, report } => {
                    self.report.anchors_kept += report.anchors_kept;
                    self.report.anchors_moved += report.anchors_moved;
                    self.report.anchors_fuzzy += report.anchors_fuzzy;
                    self.report.notices.extend(report.notices);
                    self.claims.push(*claim);
                }
            }
        }
    }
}

fn read_line(
    number: u64,
    text: String,
    documents: &DocumentIndex,
    project: &Project,
) -> LineOutcome {
    let line = match parse_line(&text) {
        Ok(line) => line,
        Err(error) => {
            return LineOutcome::Refused {
                id: None,
                problem: LineMessage::of_error(number, error),
            };
        }
    };
    let Some(doc_index) = documents.find(&line) else {
        return LineOutcome::Refused {
            problem: whole_line(
                number,
                format!(
                    "document “{}” (text_sha256 {}…) is not in the project; add the article first (claimmark add, or File › Add articles…) and import again",
                    line.doc.id,
                    crate::model::text::hex(&line.doc.text_sha256)
                        .get(..12)
                        .unwrap_or_default()
                ),
            ),
            id: Some(line.id),
        };
    };
    let mut report = ImportReport::default();
    let claim = place(
        line,
        text,
        number,
        &project.documents[doc_index],
        &mut report,
    );
    LineOutcome::Placed {
        claim: Box::new(claim),
        report,
    }
}

/// `items.into_iter().map(f)`, on up to [`MAX_THREADS`] threads, in order.
fn parallel_map<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_THREADS);
    if threads < 2 || items.len() < 2 * threads {
        return items.into_iter().map(f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let chunk: Vec<T> = items.by_ref().take(per_thread).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push(chunk);
    }
    let f = &f;
    std::thread::scope(|scope| {
        let mut chunks = chunks.into_iter();
        let first = chunks.next().unwrap_or_default();
        let handles: Vec<_> = chunks
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out: Vec<U> = first.into_iter().map(f).collect();
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                // A worker's panic is the caller's.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        out
    })
}

/// What checking a claims file on its own found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub file: String,
    /// Lines read, blank ones included.
    pub lines: u64,
    /// Lines that are good claims.
    pub claims: usize,
    pub problems: Vec<LineMessage>,
}

/// Checks every line of a claims file without a project: JSON, the format,
/// values, offsets against `doc.text_length`, ids unique in the file.
pub fn check_claims(
    reader: impl BufRead,
    file: &str,
    max_line_bytes: usize,
) -> io::Result<CheckReport> {
    let mut problems = Vec::new();
    let mut first_line_of = HashMap::new();
    let mut claims = 0;
    let lines = scan_lines(
        reader,
        0,
        max_line_bytes,
        &|_, _| {},
        &mut problems,
        |number, text, problems| {
            if parse_unique(number, text, &mut first_line_of, problems).is_some() {
                claims += 1;
            }
        },
    )?;
    Ok(CheckReport {
        file: file.to_owned(),
        lines,
        claims,
        problems,
    })
}

fn whole_line(line: u64, message: String) -> LineMessage {
    LineMessage {
        line,
        column: None,
        message,
    }
}

/// Calls `each(line_number, text, problems)` for every line that is not
/// blank. Lines too long or not UTF-8 go to `problems`. Returns the number
/// of lines.
fn scan_lines(
    reader: impl BufRead,
    total_bytes: u64,
    max_line_bytes: usize,
    progress: &dyn Fn(u64, u64),
    problems: &mut Vec<LineMessage>,
    mut each: impl FnMut(u64, &str, &mut Vec<LineMessage>),
) -> io::Result<u64> {
    let mut lines = TextLines::new(reader, max_line_bytes);
    let mut reported_at = 0;
    progress(0, total_bytes);
    while let Some((number, text)) = lines.next_line()? {
        match text {
            Ok(text) => each(number, text, problems),
            Err(unreadable) => problems.push(whole_line(number, unreadable.to_string())),
        }
        if lines.bytes_read() - reported_at >= PROGRESS_EVERY_BYTES {
            reported_at = lines.bytes_read();
            progress(reported_at, total_bytes.max(reported_at));
        }
    }
    progress(lines.bytes_read(), total_bytes.max(lines.bytes_read()));
    Ok(lines.lines_read())
}

/// Parses a line and checks its id is new in the file.
fn parse_unique(
    number: u64,
    text: &str,
    first_line_of: &mut HashMap<String, u64>,
    problems: &mut Vec<LineMessage>,
) -> Option<ClaimLine> {
    let line = match parse_line(text) {
        Ok(line) => line,
        Err(error) => {
            problems.push(LineMessage::of_error(number, error));
            return None;
        }
    };
    if let Some(first) = first_line_of.get(&line.id) {
        problems.push(whole_line(
            number,
            format!(
                "claim id “{}” was already used on line {first}; ids must be unique in a file. This line was skipped",
                line.id
            ),
        ));
        return None;
    }
    first_line_of.insert(line.id.clone(), number);
    Some(line)
}

/// Documents by id and by text hash.
struct DocumentIndex {
    by_id: HashMap<String, usize>,
    by_sha256: HashMap<[u8; 32], usize>,
}

impl DocumentIndex {
    fn new(project: &Project) -> Self {
        let mut by_sha256 = HashMap::new();
        for (index, doc) in project.documents.iter().enumerate() {
            by_sha256.entry(*doc.text.sha256()).or_insert(index);
        }
        Self {
            by_id: project
                .documents
                .iter()
                .enumerate()
                .map(|(index, doc)| (doc.id.to_string(), index))
                .collect(),
            by_sha256,
        }
    }

    fn find(&self, line: &ClaimLine) -> Option<usize> {
        self.by_id
            .get(&line.doc.id)
            .or_else(|| self.by_sha256.get(&line.doc.text_sha256))
            .copied()
    }
}

/// Re-attaches a line's anchors to its document.
fn place(
    line: ClaimLine,
    original: String,
    number: u64,
    doc: &crate::model::Document,
    report: &mut ImportReport,
) -> PreparedClaim {
    let same_text = &line.doc.text_sha256 == doc.text.sha256();
    let mut arguments = Vec::with_capacity(line.args.len() + 1);
    let mut implicit = Vec::new();
    let mut orphans = Vec::new();
    let mut anchored: Vec<(Name, AnchorSpec, Option<Value>, ArgAt)> = Vec::new();
    if let Some(trigger) = line.trigger {
        let role = Name::parse(TRIGGER_ROLE).unwrap_or_else(|_| line.claim_type.clone());
        anchored.push((role, trigger, None, ArgAt::Trigger));
    }
    for (i, argument) in line.args.into_iter().enumerate() {
        match argument.anchor {
            Some(anchor) => {
                anchored.push((argument.role, anchor, Some(argument.value), ArgAt::Arg(i)));
            }
            None => implicit.push(ImplicitArgument {
                role: argument.role,
                value: argument.value,
            }),
        }
    }
    for (role, anchor, value, at) in anchored {
        match place_argument(doc, &anchor, same_text, &role, at, number, report) {
            Ok(range) => arguments.push(PlacedArgument {
                role,
                range,
                value,
                at,
            }),
            Err(reason) => orphans.push(OrphanArgument {
                role,
                exact: anchor.exact,
                start: anchor.start,
                end: anchor.end,
                prefix: anchor.prefix,
                suffix: anchor.suffix,
                value,
                reason,
            }),
        }
    }
    // Orphans an earlier export kept: re-attached if the text has them now.
    for (i, orphan) in line.orphans.into_iter().enumerate() {
        let spec = AnchorSpec {
            start: orphan.start,
            end: orphan.end,
            exact: orphan.exact.clone(),
            prefix: orphan.prefix.clone(),
            suffix: orphan.suffix.clone(),
        };
        if let Ok(attached) = attach(&doc.text, &spec, false) {
            arguments.push(PlacedArgument {
                role: orphan.role,
                range: attached.range,
                value: orphan.value,
                at: ArgAt::Orphan(i),
            });
        } else {
            report.notice(
                number,
                format!(
                    "ext.claimmark.orphans[{i}] (role {}): “{}” is still not in the document; it stays an orphan",
                    orphan.role, orphan.exact
                ),
            );
            orphans.push(orphan);
        }
    }
    PreparedClaim {
        line: number,
        doc: doc.id.clone(),
        doc_sha256: *doc.text.sha256(),
        external_id: line.id,
        original,
        claim_type: line.claim_type,
        arguments,
        implicit,
        orphans,
        status: line.status,
        confidence: line.confidence,
        provenance: line.provenance,
        note: line.note,
    }
}

/// Re-attaches one anchor, counting how and noting close matches and
/// failures. Returns the range, or why it is an orphan.
fn place_argument(
    doc: &crate::model::Document,
    anchor: &AnchorSpec,
    same_text: bool,
    role: &Name,
    at: ArgAt,
    number: u64,
    report: &mut ImportReport,
) -> Result<CharRange, String> {
    match attach(&doc.text, anchor, same_text) {
        Ok(attached) => {
            match attached.placement {
                Placement::Kept => report.anchors_kept += 1,
                Placement::Moved => report.anchors_moved += 1,
                Placement::Fuzzy { edits } => {
                    report.anchors_fuzzy += 1;
                    report.notice(
                        number,
                        format!(
                            "{at} (role {role}): “{}” was not found as written; attached to the close match “{}” at {} ({edits} edit(s) away). Check it",
                            anchor.exact,
                            doc.text.slice(attached.range).unwrap_or_default(),
                            attached.range
                        ),
                    );
                }
            }
            Ok(attached.range)
        }
        Err(reason) => {
            report.notice(
                number,
                format!("{at} (role {role}): {reason}; it is kept on the claim as an orphan"),
            );
            Err(reason.to_string())
        }
    }
}

/// Span ids and claim ids handed out so far in one document, and its spans
/// by range (those already there and those this import adds).
struct DocumentIds {
    next_span: u32,
    next_claim: u32,
    spans_at: HashMap<CharRange, Vec<(SpanId, Name)>>,
}

impl DocumentIds {
    fn new(doc: &crate::model::Document) -> Self {
        let mut spans_at: HashMap<CharRange, Vec<(SpanId, Name)>> = HashMap::new();
        for span in doc.spans() {
            spans_at
                .entry(span.range)
                .or_default()
                .push((span.id, span.label.clone()));
        }
        Self {
            next_span: doc.next_span_id().0,
            next_claim: doc.next_claim_id().0,
            spans_at,
        }
    }
}

impl Prepared {
    /// What reading found so far (problems with lines, orphans), before
    /// the schema and ids are checked.
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// Lines that will be tried.
    pub fn claim_count(&self) -> usize {
        self.claims.len()
    }

    /// The import as one edit against `project` as it is now. Lines whose
    /// claim type or roles the schema lacks, whose id the project already
    /// has, or whose document changed since reading are reported and left
    /// out; the rest go into the edit.
    pub fn into_edit(self, project: &Project) -> ImportEdit {
        let Self { claims, mut report } = self;
        let taken: HashMap<String, (DocId, ClaimId)> = {
            let ids = ClaimIds::of(project);
            ids.iter()
                .filter_map(|(d, c, id)| {
                    let doc = project.documents.get(d)?;
                    Some((id.to_owned(), (doc.id.clone(), doc.claims().get(c)?.id)))
                })
                .collect()
        };
        let documents: HashMap<&DocId, &crate::model::Document> =
            project.documents.iter().map(|doc| (&doc.id, doc)).collect();
        let mut per_document: HashMap<DocId, DocumentIds> = HashMap::new();
        let mut edits = Vec::new();
        // Notices about lines that end up refused are dropped below.
        let mut refused_lines: HashSet<u64> = HashSet::new();
        for claim in claims {
            let Some(doc) = documents
                .get(&claim.doc)
                .copied()
                .filter(|d| d.text.sha256() == &claim.doc_sha256)
            else {
                report.problem(
                    claim.line,
                    format!(
                        "document “{}” was removed or replaced while the file was read; import again",
                        claim.doc
                    ),
                );
                refused_lines.insert(claim.line);
                continue;
            };
            if let Some((doc_id, claim_id)) = taken.get(&claim.external_id) {
                report.problem(
                    claim.line,
                    format!(
                        "claim id “{}” is already in the project (document “{doc_id}”, claim {claim_id}); it was imported before. Remove that claim first to import it again",
                        claim.external_id
                    ),
                );
                refused_lines.insert(claim.line);
                continue;
            }
            if let Err(message) = check_against_schema(&project.schema, &claim) {
                report.problem(claim.line, message);
                refused_lines.insert(claim.line);
                continue;
            }
            let ids = per_document
                .entry(claim.doc.clone())
                .or_insert_with(|| DocumentIds::new(doc));
            edits.extend(claim_edits(project, claim, ids, &mut report));
        }
        report
            .notices
            .retain(|notice| !refused_lines.contains(&notice.line));
        report.problems.sort_by_key(|problem| problem.line);
        report.notices.sort_by_key(|notice| notice.line);
        ImportEdit {
            edit: crate::edit::gather_inserts(edits),
            report,
        }
    }
}

/// The claim type and every role exist, and roles that take one span get
/// one.
fn check_against_schema(schema: &Schema, claim: &PreparedClaim) -> Result<(), String> {
    let Some(claim_type) = schema.claim_type(&claim.claim_type) else {
        return Err(format!(
            "claim type “{}” is not in the project's schema; add it in the schema editor (Edit › Edit schema…) and import again",
            claim.claim_type
        ));
    };
    let roles = claim
        .arguments
        .iter()
        .map(|a| (&a.role, a.at))
        .chain(claim.implicit.iter().map(|a| (&a.role, ArgAt::Implicit)))
        .chain(claim.orphans.iter().map(|a| (&a.role, ArgAt::KeptOrphan)));
    for (role, at) in roles {
        if claim_type.role(role).is_none() {
            return Err(format!(
                "{at}: claim type “{}” has no role “{role}”; add the role in the schema editor (Edit › Edit schema…) and import again",
                claim_type.name
            ));
        }
    }
    if !claim.arguments.is_empty() && schema.labels.is_empty() {
        return Err(
            "the project's schema has no labels for the claim's spans; add labels in the schema editor (Edit › Edit schema…) and import again"
                .to_owned(),
        );
    }
    for (i, argument) in claim.arguments.iter().enumerate() {
        let earlier = &claim.arguments[..i];
        if let Some(same) = earlier
            .iter()
            .find(|a| a.role == argument.role && a.range == argument.range)
        {
            return Err(format!(
                "{} and {} put the same text ({}) in role “{}” twice; remove one",
                same.at, argument.at, argument.range, argument.role
            ));
        }
        let takes_one = claim_type
            .role(&argument.role)
            .is_some_and(|role| !role.multiple);
        if takes_one && earlier.iter().any(|a| a.role == argument.role) {
            return Err(format!(
                "role “{}” of claim type “{}” takes one span, but the line fills it more than once; allow several in the schema editor (Edit › Edit schema…) or fix the line",
                argument.role, claim_type.name
            ));
        }
    }
    Ok(())
}

/// The spans and the claim one checked line adds.
fn claim_edits(
    project: &Project,
    claim: PreparedClaim,
    ids: &mut DocumentIds,
    report: &mut ImportReport,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let claim_type = project.schema.claim_type(&claim.claim_type);
    let mut arguments = Vec::with_capacity(claim.arguments.len());
    for placed in claim.arguments {
        let role = claim_type.and_then(|ty| ty.role(&placed.role));
        let candidates = accepted_labels(&project.schema, role);
        let kind = placed.value.as_ref().map(Value::kind);
        let existing = ids.spans_at.get(&placed.range).and_then(|spans| {
            let fitting = |(_, label): &&(SpanId, Name)| candidates.contains(&label);
            let same_kind = |(_, label): &&(SpanId, Name)| {
                kind.is_some() && project.schema.label(label).map(|l| l.value_kind) == kind
            };
            spans
                .iter()
                .filter(fitting)
                .find(same_kind)
                .or_else(|| spans.iter().find(fitting))
                .map(|(id, _)| *id)
        });
        let span_id = if let Some(id) = existing {
            report.reused_spans += 1;
            id
        } else {
            // `check_against_schema` refused the line if there is no label.
            let Some(label) = new_span_label(&project.schema, role, &candidates, kind) else {
                continue;
            };
            let id = SpanId(ids.next_span);
            ids.next_span += 1;
            let entity = placed
                .value
                .as_ref()
                .and_then(|value| linked_entity(project, value));
            edits.push(Edit::InsertSpan {
                doc: claim.doc.clone(),
                span: Span {
                    // A claim someone already reviewed brings its spans as
                    // reviewed too; an extractor's proposal, as proposals.
                    status: span_status(claim.status),
                    origin: Some(SpanOrigin {
                        agent: claim.provenance.creator.clone(),
                        confidence: claim.confidence,
                    }),
                    value: placed.value.map(|value| SpanValue {
                        value,
                        source: ValueSource::Imported,
                    }),
                    entity,
                    ..Span::new(id, placed.range, label.clone())
                },
            });
            ids.spans_at
                .entry(placed.range)
                .or_default()
                .push((id, label));
            report.new_spans += 1;
            id
        };
        arguments.push(Argument::new(placed.role, span_id));
    }
    report.claims += 1;
    report.implicit += claim.implicit.len();
    report.orphans += claim.orphans.len();
    let id = ClaimId(ids.next_claim);
    ids.next_claim += 1;
    edits.push(Edit::InsertClaim {
        doc: claim.doc,
        claim: Claim {
            arguments,
            note: claim.note,
            status: claim.status,
            provenance: Some(claim.provenance),
            confidence: claim.confidence,
            implicit: claim.implicit,
            orphans: claim.orphans,
            external: Some(ExternalClaim {
                id: claim.external_id,
                original: claim.original,
            }),
            ..Claim::new(id, claim.claim_type)
        },
    });
    edits
}

/// The labels a role accepts; every label when it accepts any.
fn accepted_labels<'s>(schema: &'s Schema, role: Option<&'s RoleDef>) -> Vec<&'s Name> {
    match role {
        Some(role) if !role.labels.is_empty() => role.labels.iter().collect(),
        _ => schema.labels.iter().map(|label| &label.name).collect(),
    }
}

/// The label of a new span (docs/claim-format.md, "Import"): the first
/// accepted label whose value kind is the value's; else the role's first
/// label if it names any; else the first label of that kind, then of kind
/// text, in the schema; else the schema's first label. `None` only when
/// the schema has no labels.
fn new_span_label(
    schema: &Schema,
    role: Option<&RoleDef>,
    candidates: &[&Name],
    kind: Option<ValueKind>,
) -> Option<Name> {
    let of_kind = |wanted: ValueKind| {
        move |name: &&&Name| schema.label(name).is_some_and(|l| l.value_kind == wanted)
    };
    let kind = kind.unwrap_or(ValueKind::Event);
    let all: Vec<&Name> = schema.labels.iter().map(|l| &l.name).collect();
    candidates
        .iter()
        .find(of_kind(kind))
        .or_else(|| {
            role.filter(|r| !r.labels.is_empty())
                .and_then(|_| candidates.first())
        })
        .or_else(|| all.iter().find(of_kind(kind)))
        .or_else(|| all.iter().find(of_kind(ValueKind::Text)))
        .or_else(|| all.first())
        .map(|name| (*name).clone())
}

/// The registry entity a value names by `entity_id`, if the project has it
/// with the same kind.
fn linked_entity(project: &Project, value: &Value) -> Option<EntityId> {
    let (entity_id, kind) = match value {
        Value::Person { entity_id, .. } => (entity_id.as_deref()?, ValueKind::Person),
        Value::Organization { entity_id, .. } => (entity_id.as_deref()?, ValueKind::Organization),
        Value::Place { entity_id, .. } => (entity_id.as_deref()?, ValueKind::Place),
        _ => return None,
    };
    let id = EntityId::parse(entity_id)?;
    project
        .entity(id)
        .filter(|entity| entity.kind == kind)
        .map(|entity| entity.id)
}

/// The status of a span an imported claim brings: proposed with a proposed
/// claim, accepted with a kept one (rejected claims bring proposals, which
/// the review walk then offers on their own).
fn span_status(claim: ReviewStatus) -> ReviewStatus {
    match claim {
        ReviewStatus::Accepted | ReviewStatus::Corrected => ReviewStatus::Accepted,
        ReviewStatus::Proposed | ReviewStatus::Rejected => ReviewStatus::Proposed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::{CountModifier, CountValue};

    #[test]
    fn new_spans_are_labelled_by_value_kind_then_role() {
        let schema = Schema::default_news();
        let role_of = |claim_type: &str, role: &str| {
            schema
                .claim_type(&Name::parse(claim_type).unwrap())
                .and_then(|ty| ty.role(&Name::parse(role).unwrap()))
        };
        let count = Value::Count(CountValue {
            number: Some(3),
            modifier: CountModifier::Exact,
            lower: None,
            upper: None,
        });
        let text = Value::Text { text: "x".into() };
        let organization = Value::Organization {
            name: "Viasna".into(),
            entity_id: None,
        };
        let table: [(&str, &str, Option<&Value>, &str); 6] = [
            // The role accepts person and organization: the kind decides.
            ("release", "actor", Some(&organization), "organization"),
            // A text value in a role that names labels: its first label.
            ("release", "date", Some(&text), "date"),
            ("release", "actor", Some(&text), "person"),
            // The trigger has no value: the event label.
            ("release", "trigger", None, "event"),
            // A role that accepts any label: the label of the value's kind.
            ("sentence", "term", Some(&count), "count"),
            // No label of kind text in the schema: the first label.
            ("sentence", "charge", Some(&text), "person"),
        ];
        for (claim_type, role, value, expected) in table {
            let role = role_of(claim_type, role);
            let candidates = accepted_labels(&schema, role);
            let label = new_span_label(&schema, role, &candidates, value.map(Value::kind));
            assert_eq!(label.unwrap().as_str(), expected, "{claim_type} {role:?}");
        }
    }

    #[test]
    fn entity_ids_link_only_to_entities_of_the_same_kind() {
        let mut project = Project::default();
        project.entities.push(crate::model::Entity {
            id: EntityId(4),
            kind: ValueKind::Person,
            name: "Ales Bialiatski".into(),
            aliases: Vec::new(),
        });
        let person = |id: &str| Value::Person {
            name: "Ales Bialiatski".into(),
            entity_id: Some(id.into()),
        };
        assert_eq!(linked_entity(&project, &person("e4")), Some(EntityId(4)));
        assert_eq!(linked_entity(&project, &person("e5")), None);
        assert_eq!(linked_entity(&project, &person("ales")), None);
        let place = Value::Place {
            name: "Minsk".into(),
            entity_id: Some("e4".into()),
        };
        assert_eq!(linked_entity(&project, &place), None);
    }
}
