//! Reading claim/v1 lines from a file or a reader: in batches, in
//! parallel, with progress, each bad line reported and the rest kept.

use super::place::DocumentIndex;
use super::place::place;
use super::{
    ImportError, ImportReport, LineMessage, PROGRESS_EVERY_BYTES, Prepared, PreparedClaim,
};
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde::Serialize;

use crate::claim_format::MAX_LINE_BYTES;
use crate::claim_format::line::{ClaimLine, parse_line};
use crate::claim_format::reader::TextLines;
use crate::model::Project;

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
    let file = crate::storage::input::open_regular(path).map_err(error)?;
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
pub(super) const BATCH_BYTES: usize = 4 << 20;
/// More threads than this gain little: the rest of the import is serial.
pub(super) const MAX_THREADS: usize = 8;

/// What [`read_claims`] carries from batch to batch.
pub(super) struct ReadState<'p> {
    pub(super) documents: DocumentIndex,
    pub(super) project: &'p Project,
    pub(super) first_line_of: HashMap<String, u64>,
    pub(super) claims: Vec<PreparedClaim>,
    pub(super) report: ImportReport,
    pub(super) batch: Vec<(u64, String)>,
    pub(super) batch_bytes: usize,
}

/// One line, read on its own.
pub(super) enum LineOutcome {
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
    pub(super) fn read_batch(&mut self, problems: &mut Vec<LineMessage>) {
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

pub(super) fn read_line(
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
pub(super) fn parallel_map<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
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

pub(super) fn whole_line(line: u64, message: String) -> LineMessage {
    LineMessage {
        line,
        column: None,
        message,
    }
}

/// Calls `each(line_number, text, problems)` for every line that is not
/// blank. Lines too long or not UTF-8 go to `problems`. Returns the number
/// of lines.
pub(super) fn scan_lines(
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
pub(super) fn parse_unique(
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
