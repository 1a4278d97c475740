//! Running a machine extractor on documents and importing what it prints,
//! for the window's *Review › Run extractor* and `claimmark extract`.
//!
//! The protocol (docs/review.md, "Running an extractor"): the command is
//! started once per document, without a shell, in the project's folder. It
//! gets the document's canonical text on standard input and in a file
//! named by `CLAIMMARK_TEXT_FILE`, with `CLAIMMARK_DOC_ID`,
//! `CLAIMMARK_DOC_SHA256`, `CLAIMMARK_TEXT_LENGTH` and (when known)
//! `CLAIMMARK_PUBLISHED` in its environment, and writes claim/v1 lines on
//! standard output. Exit status 0 means success.
//!
//! Whatever goes wrong (the program is missing, exits non-zero, runs past
//! its timeout, prints nothing or nothing readable, or the run is
//! cancelled), the result is an [`ExtractError`] naming the document and
//! the reason with the first lines of its standard error, and nothing is
//! imported. Lines that are readable are imported as one run; bad lines
//! among them are reported like any import's.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::claim_format::import::{self, Duplicates, ImportEdit, Prepared};
use crate::model::{DocId, Document, ExtractorConfig, Project, format_day};

/// Standard output kept per document: more is an error, not a memory
/// exhaustion.
const MAX_OUTPUT_BYTES: u64 = 256 << 20;
/// Standard error kept for messages.
const MAX_STDERR_BYTES: u64 = 64 << 10;
/// Lines of standard error a message quotes.
const STDERR_LINES_SHOWN: usize = 5;

/// Why a run imported nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error(
        "the extractor command is empty; name a program: extractor: (command: [\"python3\", \"extract.py\"])"
    )]
    EmptyCommand,
    #[error("there is no document “{0}” in the project")]
    NoDocument(DocId),
    #[error(
        "could not start `{program}`: {reason}; check the extractor command (is the program installed and on PATH?)"
    )]
    Start { program: String, reason: String },
    #[error("document “{doc}”: the extractor exited with {status}{stderr}")]
    Failed {
        doc: DocId,
        status: String,
        stderr: String,
    },
    #[error(
        "document “{doc}”: the extractor ran past its timeout of {seconds} s and was stopped{stderr}"
    )]
    TimedOut {
        doc: DocId,
        seconds: u64,
        stderr: String,
    },
    #[error("document “{doc}”: the extractor printed more than {limit} MB; it was stopped")]
    TooMuchOutput { doc: DocId, limit: u64 },
    #[error("the run was cancelled; nothing was imported")]
    Cancelled,
    #[error(
        "the extractor printed nothing on standard output for any document; it should print claim/v1 lines{stderr}"
    )]
    NoOutput { stderr: String },
    #[error("the extractor printed no readable claim/v1 line: {first_problem}{stderr}")]
    Garbage {
        first_problem: String,
        stderr: String,
    },
    #[error("could not talk to the extractor: {0}")]
    Io(String),
}

/// An extractor's output read against the project, with what it wrote on
/// standard error per document: what a worker thread hands back.
pub type PreparedRun = (Prepared, Vec<(DocId, String)>);

/// What a run of the extractor over some documents printed.
#[derive(Debug, Clone, Default)]
pub struct ExtractorOutput {
    /// Every document's standard output, one after the other.
    pub stdout: Vec<u8>,
    /// The first lines of standard error, per document that wrote any.
    pub stderr: Vec<(DocId, String)>,
    pub documents: usize,
}

/// The first lines of a program's standard error, escaped, as the tail
/// of a message (empty when there were none).
fn stderr_tail(stderr: &str) -> String {
    let lines: Vec<String> = stderr
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(STDERR_LINES_SHOWN)
        .map(|line| line.chars().flat_map(char::escape_default).collect())
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("; its standard error began: {}", lines.join(" / "))
    }
}

/// Runs the extractor on each document in turn. `progress(done, total)`
/// is called before the first and after each document; `cancel` stops the
/// program under way.
pub fn run_extractor(
    config: &ExtractorConfig,
    project: &Project,
    docs: &[DocId],
    working_dir: Option<&Path>,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExtractorOutput, ExtractError> {
    if config.command.first().is_none_or(|p| p.trim().is_empty()) {
        return Err(ExtractError::EmptyCommand);
    }
    let documents: Vec<&Document> = docs
        .iter()
        .map(|id| {
            project
                .document(id)
                .ok_or_else(|| ExtractError::NoDocument(id.clone()))
        })
        .collect::<Result<_, _>>()?;
    let mut output = ExtractorOutput {
        documents: documents.len(),
        ..ExtractorOutput::default()
    };
    progress(0, documents.len());
    for (done, doc) in documents.into_iter().enumerate() {
        let (stdout, stderr) = run_on(config, doc, working_dir, cancel)?;
        output.stdout.extend_from_slice(&stdout);
        if !output.stdout.is_empty() && output.stdout.last() != Some(&b'\n') {
            output.stdout.push(b'\n');
        }
        if !stderr.trim().is_empty() {
            output.stderr.push((doc.id.clone(), stderr));
        }
        progress(done + 1, docs.len());
    }
    Ok(output)
}

/// Starts the command on one document, its pipes open.
fn spawn(
    config: &ExtractorConfig,
    doc: &Document,
    text_file: &Path,
    working_dir: Option<&Path>,
) -> Result<std::process::Child, ExtractError> {
    let (program, args) = config
        .command
        .split_first()
        .ok_or(ExtractError::EmptyCommand)?;
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("CLAIMMARK_TEXT_FILE", text_file)
        .env("CLAIMMARK_DOC_ID", doc.id.as_str())
        .env("CLAIMMARK_DOC_SHA256", doc.text.sha256_hex())
        .env("CLAIMMARK_TEXT_LENGTH", doc.text.char_len().to_string());
    if let Some(published) = doc.published {
        command.env("CLAIMMARK_PUBLISHED", format_day(published));
    }
    if let Some(dir) = working_dir {
        command.current_dir(dir);
    }
    command.spawn().map_err(|error| ExtractError::Start {
        program: program.chars().flat_map(char::escape_default).collect(),
        reason: error.to_string(),
    })
}

/// Reads a pipe to its end, keeping at most `limit` bytes; `true` when
/// there was more.
fn read_limited(mut pipe: impl Read, limit: u64) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let _ = (&mut pipe).take(limit).read_to_end(&mut kept);
    let mut rest = [0u8; 8192];
    let mut more = false;
    while let Ok(n) = pipe.read(&mut rest) {
        if n == 0 {
            break;
        }
        more = true;
    }
    (kept, more)
}

fn run_on(
    config: &ExtractorConfig,
    doc: &Document,
    working_dir: Option<&Path>,
    cancel: &AtomicBool,
) -> Result<(Vec<u8>, String), ExtractError> {
    let io = |error: std::io::Error| ExtractError::Io(error.to_string());
    let text_file = tempfile::Builder::new()
        .prefix("claimmark-text-")
        .suffix(".txt")
        .tempfile()
        .map_err(io)?;
    std::fs::write(text_file.path(), doc.text.as_str()).map_err(io)?;
    let mut child = spawn(config, doc, text_file.path(), working_dir)?;
    let stdin = child.stdin.take();
    let text = doc.text.as_str().as_bytes().to_vec();
    // Writing, and reading both pipes, on their own threads: a program
    // that fills one pipe while the other is unread must not hang us.
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A program that does not read its input closes the pipe.
            let _ = stdin.write_all(&text);
        }
    });
    // The pipes are read on threads that report through channels: a
    // program that leaves a child holding its pipes open after it was
    // stopped must not hang the run.
    let stdout = child.stdout.take();
    let (stdout_sender, stdout_receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let read = stdout.map_or_else(
            || (Vec::new(), false),
            |out| read_limited(out, MAX_OUTPUT_BYTES),
        );
        let _ = stdout_sender.send(read);
    });
    let stderr = child.stderr.take();
    let (stderr_sender, stderr_receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let read = stderr.map_or_else(Vec::new, |err| read_limited(err, MAX_STDERR_BYTES).0);
        let _ = stderr_sender.send(read);
    });
    let started = Instant::now();
    let timeout = config.timeout();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(io)? {
            break Ok(status);
        }
        if cancel.load(Ordering::Relaxed) {
            break Err(None);
        }
        if started.elapsed() >= timeout {
            break Err(Some(timeout.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    if status.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    drop(writer);
    // After the program ended, its pipes close at once unless a child of
    // it still holds them: wait for that no longer than the time left.
    let grace = timeout
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(500));
    let (stdout, too_much) = stdout_receiver.recv_timeout(grace).unwrap_or_default();
    let stderr = String::from_utf8_lossy(
        &stderr_receiver
            .recv_timeout(Duration::from_millis(500))
            .unwrap_or_default(),
    )
    .into_owned();
    match status {
        Err(None) => Err(ExtractError::Cancelled),
        Err(Some(seconds)) => Err(ExtractError::TimedOut {
            doc: doc.id.clone(),
            seconds,
            stderr: stderr_tail(&stderr),
        }),
        Ok(_) if too_much => Err(ExtractError::TooMuchOutput {
            doc: doc.id.clone(),
            limit: MAX_OUTPUT_BYTES >> 20,
        }),
        Ok(status) if !status.success() => Err(ExtractError::Failed {
            doc: doc.id.clone(),
            status: status.code().map_or_else(
                || "no exit code (killed by a signal)".to_owned(),
                |code| format!("exit code {code}"),
            ),
            stderr: stderr_tail(&stderr),
        }),
        Ok(_) => Ok((stdout, stderr)),
    }
}

/// The output read as claims against the project: one import, one run.
/// Refused when nothing or nothing readable was printed.
pub fn import_output(
    project: &Project,
    output: &ExtractorOutput,
    name: &str,
) -> Result<ImportEdit, ExtractError> {
    Ok(prepare_output(project, output, name)?.into_edit_with(project, Duplicates::Skip))
}

/// The output read and anchored (the slow half of [`import_output`], for a
/// worker thread); [`Prepared::into_edit`] against the project as it is
/// then makes the edit.
pub fn prepare_output(
    project: &Project,
    output: &ExtractorOutput,
    name: &str,
) -> Result<Prepared, ExtractError> {
    let stderr = output
        .stderr
        .first()
        .map(|(doc, text)| {
            let tail = stderr_tail(text);
            if tail.is_empty() {
                tail
            } else {
                format!(" (document “{doc}”){tail}")
            }
        })
        .unwrap_or_default();
    if output.stdout.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::NoOutput { stderr });
    }
    let prepared = import::read_claims(
        output.stdout.as_slice(),
        name,
        output.stdout.len() as u64,
        project,
        &|_, _| {},
        crate::claim_format::MAX_LINE_BYTES,
    )
    .map_err(|error| ExtractError::Io(error.to_string()))?;
    if prepared.claim_count() == 0 {
        let first_problem = prepared
            .report()
            .lines()
            .into_iter()
            .next()
            .unwrap_or_else(|| "no claim line".to_owned());
        return Err(ExtractError::Garbage {
            first_problem,
            stderr,
        });
    }
    Ok(prepared)
}

/// The folder an extractor runs in: the project's, so a command such as
/// `python3 extract.py` finds a script kept beside the project.
pub fn working_dir(project_path: Option<&Path>) -> Option<PathBuf> {
    project_path
        .and_then(Path::parent)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(Path::to_owned)
}

#[cfg(test)]
mod tests;
