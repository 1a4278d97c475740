//! `claimmark export`, `import` and `validate`: claim/v1 files from the
//! command line.

use std::io::{self, BufReader, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use claimmark_core::text_shown::shown;
use serde::Serialize;

use claimmark_core::claim_format::MAX_LINE_BYTES;
use claimmark_core::claim_format::export::{self, Filter};
use claimmark_core::claim_format::import::{self, ImportReport};
use claimmark_core::ledger::{ClaimRef, Ledger, LedgerOptions};
use claimmark_core::model::{DocId, Project};
use claimmark_core::storage::{self, LoadReason, ProjectFileError, atomic};

/// What `claimmark export` wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportSummary {
    /// Claim lines (or span lines with `--spans`) written to the output.
    pub lines: usize,
    /// The output file; `None` for standard output or fixtures only.
    pub out: Option<PathBuf>,
    pub fixtures: Option<export::Manifest>,
}

/// Where `claimmark export` writes.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// A file, replaced atomically.
    File(&'a Path),
    Stdout,
    /// Nothing but fixtures.
    None,
}

/// `claimmark export PROJECT [-o OUT] [--status …] [--doc …] [--spans]
/// [--fixtures DIR]`.
pub fn export(
    project_path: &Path,
    output: Output<'_>,
    filter: &Filter,
    spans: bool,
    fixtures: Option<&Path>,
    force: bool,
    allow_conflicts: bool,
) -> anyhow::Result<ExportSummary> {
    if let Output::File(out) = output {
        storage::paths::refuse_own_input(out, &[project_path])?;
    }
    if let Some(dir) = fixtures {
        storage::paths::refuse_folder_holding_input(dir, &[project_path])?;
        export::check_fixtures_folder(dir, force)?;
    }
    let project =
        storage::load_project(project_path).map_err(|error| anyhow::anyhow!("{error}"))?;
    if !allow_conflicts {
        claimmark_core::merge::refuse_unresolved(&project)?;
    }
    let write = |out: &mut dyn io::Write| {
        if spans {
            export::write_spans(&project, filter, out)
        } else {
            export::write_claims(&project, filter, out)
        }
    };
    let mut summary = ExportSummary::default();
    match output {
        Output::File(path) => {
            let mut lines = 0;
            atomic::replace_with(path, |file| {
                let mut out = BufWriter::new(file);
                lines = write(&mut out).map_err(io::Error::other)?;
                out.flush()
            })
            .with_context(|| format!("could not write {}", path.display()))?;
            summary.lines = lines;
            summary.out = Some(path.to_owned());
        }
        Output::Stdout => {
            let mut out = BufWriter::new(io::stdout().lock());
            let written = write(&mut out).and_then(|lines| Ok((lines, out.flush()?)));
            match written {
                Ok((lines, ())) => summary.lines = lines,
                // The reader stopped early (`| head`): not a failure.
                Err(export::ExportError::Write(error))
                    if error.kind() == io::ErrorKind::BrokenPipe => {}
                Err(error) => return Err(error.into()),
            }
        }
        Output::None => {}
    }
    if let Some(dir) = fixtures {
        summary.fixtures = Some(export::write_fixtures(
            &project,
            project_path,
            filter,
            dir,
            spans,
        )?);
    }
    Ok(summary)
}

/// Parses `--doc` values.
pub fn parse_doc_id(raw: &str) -> Result<DocId, String> {
    DocId::parse(raw)
}

/// `claimmark import PROJECT CLAIMS [--out NEW]`: imports the claims as one
/// change and saves the project (in place, atomically, or to `out`). A
/// project that fails to load is never written. Nothing is saved in place
/// when nothing was imported.
pub fn import(
    project_path: &Path,
    claims: &Path,
    out: Option<&Path>,
    duplicates: import::Duplicates,
) -> anyhow::Result<ImportReport> {
    if let Some(out) = out {
        claimmark_core::storage::paths::refuse_own_input(out, &[claims])?;
    }
    let mut session = super::open_for_update(project_path, false)?;
    let prepared = import::read_claims_file(claims, session.project(), &|_, _| {})?;
    let import = prepared.into_edit_with(session.project(), duplicates);
    if !import.is_empty() {
        session
            .apply(import.edit, "Import claims")
            .context("could not apply the import; the project is unchanged")?;
    }
    match out {
        Some(out) => session.save_as(out)?,
        None if session.is_modified() => {
            super::save_in_place(&mut session)?;
        }
        None => {}
    }
    Ok(import.report)
}

/// A problem `claimmark validate` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<u64>,
    pub col: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Text from the input is escaped: one problem, one line.
        let file = shown(&self.file);
        let message = shown(&self.message);
        match (self.line, self.col) {
            (Some(line), Some(col)) => write!(f, "{file}:{line}:{col}: {message}"),
            (Some(line), None) => write!(f, "{file}:{line}: {message}"),
            _ => write!(f, "{file}: {message}"),
        }
    }
}

/// What `claimmark validate` found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    pub file: String,
    /// `project` or `claims`.
    pub kind: &'static str,
    pub problems: Vec<Diagnostic>,
    /// The claims ledger's unexplained problems: the file is valid, its
    /// claims disagree. They do not fail `validate`; `ledger --check` gates.
    pub warnings: Vec<Diagnostic>,
}

/// `claimmark validate FILE`: a project (`.ron`) or a claims file
/// (`.jsonl`, or anything whose first character is `{`). Every problem,
/// with its line and column.
pub fn validate(path: &Path) -> anyhow::Result<Validation> {
    let file = path.display().to_string();
    if is_claims_file(path)? {
        let reader = BufReader::with_capacity(
            1 << 16,
            storage::input::open_regular(path).with_context(|| format!("could not open {file}"))?,
        );
        let report = import::check_claims(reader, &file, MAX_LINE_BYTES)
            .with_context(|| format!("could not read {file}"))?;
        let problems = report
            .problems
            .into_iter()
            .map(|problem| Diagnostic {
                file: file.clone(),
                line: Some(problem.line),
                col: Some(problem.column.unwrap_or(1) as u64),
                message: problem.message,
            })
            .collect();
        return Ok(Validation {
            file,
            kind: "claims",
            problems,
            warnings: Vec::new(),
        });
    }
    let (mut problems, warnings) = match storage::load_project(path) {
        Ok(project) => (
            conflict_diagnostics(path, &file, &project),
            ledger_diagnostics(path, &file, &project),
        ),
        Err(error) => (load_diagnostics(&file, &error), Vec::new()),
    };
    for stale in atomic::stale_temporaries(path) {
        problems.push(Diagnostic {
            file: stale.display().to_string(),
            line: None,
            col: None,
            message: format!(
                "a temporary file an interrupted save of {file} left behind; the next save removes it, or delete it"
            ),
        });
    }
    Ok(Validation {
        file,
        kind: "project",
        problems,
        warnings,
    })
}

/// Each unexplained problem of the claims ledger, at the line of its first
/// claim.
fn ledger_diagnostics(path: &Path, file: &str, project: &Project) -> Vec<Diagnostic> {
    let ledger = Ledger::build(project, LedgerOptions::default());
    let unexplained: Vec<_> = ledger.unexplained(project).collect();
    if unexplained.is_empty() {
        return Vec::new();
    }
    let lines = std::fs::read_to_string(path)
        .map(|text| storage::claim_lines(&text))
        .unwrap_or_default();
    unexplained
        .into_iter()
        .map(|problem| {
            let line = problem.claims.first().and_then(|claim| {
                lines
                    .get(&(claim.doc_id.as_str().to_owned(), claim.claim.0))
                    .map(|&line| line as u64)
            });
            let claims: Vec<String> = problem.claims.iter().map(ClaimRef::label).collect();
            Diagnostic {
                file: file.to_owned(),
                line,
                col: line.map(|_| 17),
                message: format!(
                    "warning: {} ({}): {}; explain it in the claims ledger (View › Claims ledger) if it is meant",
                    problem.kind.as_str(),
                    claims.join(", "),
                    problem.message
                ),
            }
        })
        .collect()
}

/// Each unresolved merge conflict, at its line of the file's `conflicts`
/// list (one per line, as claimmark writes them).
fn conflict_diagnostics(path: &Path, file: &str, project: &Project) -> Vec<Diagnostic> {
    if project.conflicts.is_empty() {
        return Vec::new();
    }
    let first_line = std::fs::read_to_string(path).ok().and_then(|text| {
        text.lines()
            .position(|line| line.trim_start().starts_with("conflicts:"))
            .map(|at| at as u64 + 2)
    });
    project
        .conflicts
        .iter()
        .enumerate()
        .map(|(i, conflict)| Diagnostic {
            file: file.to_owned(),
            line: first_line.map(|line| line + i as u64),
            col: first_line.map(|_| 9),
            message: format!(
                "unresolved merge conflict {}: {conflict}; resolve it in the window (View › Merge conflicts) or with claimmark resolve",
                i + 1
            ),
        })
        .collect()
}

/// A `.ron` file is a project, `.jsonl`/`.ndjson`/`.json` a claims file;
/// otherwise a file starting with `{` is a claims file.
fn is_claims_file(path: &Path) -> anyhow::Result<bool> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("ron") => Ok(false),
        Some("jsonl" | "ndjson" | "json") => Ok(true),
        _ => {
            use std::io::Read as _;
            let mut start = [0u8; 64];
            let read = storage::input::open_regular(path)
                .and_then(|mut file| file.read(&mut start))
                .with_context(|| format!("could not read {}", path.display()))?;
            Ok(start[..read]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|&b| b == b'{'))
        }
    }
}

fn load_diagnostics(file: &str, error: &storage::LoadError) -> Vec<Diagnostic> {
    let at = |line: usize, col: usize, message: String| Diagnostic {
        file: file.to_owned(),
        line: Some(line as u64),
        col: Some(col as u64),
        message,
    };
    let whole = |message: String| Diagnostic {
        file: file.to_owned(),
        line: None,
        col: None,
        message,
    };
    // Messages that carry their own "line:col: " lose it here.
    let without_position = |text: String, line: usize, col: usize| {
        text.strip_prefix(&format!("{line}:{col}: "))
            .map_or_else(|| text.clone(), ToOwned::to_owned)
    };
    match &error.reason {
        LoadReason::Read(error) => vec![whole(format!("could not read the file: {error}"))],
        LoadReason::NotUtf8(position) => vec![at(
            position.line,
            position.col,
            "the file is not UTF-8 text (an invalid byte here); save it as UTF-8".to_owned(),
        )],
        LoadReason::File(ProjectFileError::Invalid(problems)) => problems
            .iter()
            .map(|problem| match problem.at {
                Some(position) => at(position.line, position.col, problem.message.clone()),
                None => whole(problem.message.clone()),
            })
            .collect(),
        LoadReason::File(ProjectFileError::Syntax {
            at: position,
            message,
        }) => {
            vec![at(position.line, position.col, message.clone())]
        }
        LoadReason::File(
            e @ (ProjectFileError::NewerVersion { at: position, .. }
            | ProjectFileError::UnknownVersion { at: position, .. }
            | ProjectFileError::BadVersion { at: position, .. }),
        ) => vec![at(
            position.line,
            position.col,
            without_position(e.to_string(), position.line, position.col),
        )],
        LoadReason::File(e @ ProjectFileError::NotAProject) => vec![whole(e.to_string())],
    }
}
