//! Files: the RON project file (versioned, checked on load, saved
//! atomically and deterministically), recovery copies, and article files;
//! around the save, what makes it never lose work: the state a file was
//! read in ([`disk`]), the lock between claimmark processes ([`lock`]),
//! inputs that are regular files of bounded size ([`input`]) and outputs
//! that are never a command's own input ([`paths`]); and completing a
//! typed path ([`complete`]).

pub mod articles;
pub mod atomic;
pub mod complete;
pub mod disk;
pub mod input;
pub(crate) mod locate;
pub mod lock;
pub mod paths;
pub mod project_file;
pub mod recovery;

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::model::Project;
use crate::text_shown::shown;
use disk::{DiskChange, DiskState, HashingWriter};
use lock::{LockError, ProjectLock};
pub use project_file::{FORMAT_VERSION, Problem, ProjectFileError, claim_lines};

/// At most this many problems of one file are listed; the rest are counted.
pub const PROBLEMS_LISTED: usize = 100;

/// A project file that could not be opened. The file is left as it was.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: LoadReason,
}

#[derive(Debug)]
pub enum LoadReason {
    Read(io::Error),
    NotUtf8(locate::LineCol),
    File(ProjectFileError),
}

impl LoadError {
    /// Every problem as `file:line:col: message` (or `file: message`), one
    /// line each.
    pub fn lines(&self) -> Vec<String> {
        let path = shown(&self.path.display().to_string()).into_owned();
        match &self.reason {
            LoadReason::Read(error) => vec![format!(
                "{path}: could not read the file: {}",
                shown(&error.to_string())
            )],
            LoadReason::NotUtf8(at) => vec![format!(
                "{path}:{}:{}: the file is not UTF-8 text (an invalid byte here); save it as UTF-8",
                at.line, at.col
            )],
            LoadReason::File(ProjectFileError::Invalid(problems)) => problems
                .iter()
                .map(|problem| match problem.at {
                    Some(at) => format!("{path}:{}:{}: {}", at.line, at.col, problem.message),
                    None => format!("{path}: {}", problem.message),
                })
                .collect(),
            LoadReason::File(error @ ProjectFileError::NotAProject) => {
                vec![format!("{path}: {error}")]
            }
            LoadReason::File(error) => vec![format!("{path}:{error}")],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 10;
        let lines = self.lines();
        for (i, line) in lines.iter().take(SHOWN).enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(line)?;
        }
        if lines.len() > SHOWN {
            write!(f, "\n… and {} more problems", lines.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// A save that did not happen, or (only `Unflushed`) happened without the
/// folder being flushed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "could not save {}: {source}. The file on disk is unchanged. Free some space, check the folder's permissions, or save elsewhere with Save As…",
        path.display()
    )]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "{} changed on disk since claimmark read it ({change}); nothing was saved. Reload it, or save your version elsewhere with Save As… and compare the two",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf, change: DiskChange },
    #[error("saved {}, but {source}", path.display())]
    Unflushed { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// What a save expects to find on disk before it writes.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// The file as it was read (or last written).
    State(&'a DiskState),
    /// No file: the project is new.
    Absent,
    /// Anything: the analyst chose to replace it (Save As).
    Anything,
}

/// Reads and checks a project file.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    load_project_file(path).map(|(project, _)| project)
}

/// Reads and checks a project file, with the state it was read in.
pub fn load_project_file(path: &Path) -> Result<(Project, DiskState), LoadError> {
    let error = |reason| LoadError {
        path: path.to_owned(),
        reason,
    };
    let bytes = input::read_limited(path, input::MAX_PROJECT_BYTES, "project files")
        .map_err(|e| error(LoadReason::Read(e)))?;
    let meta = std::fs::metadata(path).map_err(|e| error(LoadReason::Read(e)))?;
    let state = DiskState::of_read(&meta, &bytes);
    let source = std::str::from_utf8(&bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        error(LoadReason::NotUtf8(locate::LineCol::of_byte(
            valid,
            valid.len(),
        )))
    })?;
    let project = project_file::from_ron(source).map_err(|e| error(LoadReason::File(e)))?;
    Ok((project, state))
}

/// Writes a project file atomically, whatever is on disk (recovery copies,
/// tests); projects an analyst opened go through [`save_project_checked`].
pub fn save_project(path: &Path, project: &Project) -> Result<DiskState, SaveError> {
    write_project(path, project)
}

/// Saves a project file: under the folder's lock (`held`, or taken for the
/// save), only if the file on disk is what `expect` says, following a
/// symlink to its target; stale temporaries of earlier interrupted saves
/// are removed after. Returns the state of the file written.
pub fn save_project_checked(
    path: &Path,
    project: &Project,
    expect: Expect<'_>,
    held: Option<&ProjectLock>,
) -> Result<DiskState, SaveError> {
    let _taken = match held {
        Some(lock) if lock.covers(path) => None,
        _ => Some(
            ProjectLock::acquire(path, lock::WAIT).map_err(|error| match error {
                // A folder that cannot be opened cannot take the file either.
                LockError::Io { source, .. } => SaveError::Write {
                    path: path.to_owned(),
                    source,
                },
                busy @ LockError::Busy { .. } => SaveError::Lock(busy),
            })?,
        ),
    };
    let target = atomic::resolve_target(path);
    let change = match expect {
        Expect::Anything => None,
        Expect::Absent => target.exists().then_some(DiskChange::Created),
        Expect::State(state) => state
            .change_at(&target)
            .map_err(|source| SaveError::Write {
                path: path.to_owned(),
                source,
            })?
            // A removed file holds nothing to overwrite.
            .filter(|change| *change != DiskChange::Removed),
    };
    if let Some(change) = change {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_owned(),
            change,
        });
    }
    let state = write_project(path, project)?;
    atomic::remove_stale_temporaries(&target);
    Ok(state)
}

fn write_project(path: &Path, project: &Project) -> Result<DiskState, SaveError> {
    let mut written = None;
    let result = atomic::replace_with(path, |file| {
        let mut sink = HashingWriter::new(io::BufWriter::with_capacity(1 << 16, &mut *file));
        project_file::write_ron(project, &mut sink)?;
        sink.flush()?;
        let (_, sha256, len) = sink.finish();
        written = Some((sha256, len));
        Ok(())
    });
    let state = || {
        let (sha256, len) = written.unwrap_or_default();
        DiskState {
            len,
            modified: std::fs::metadata(atomic::resolve_target(path))
                .and_then(|meta| meta.modified())
                .ok(),
            sha256,
        }
    };
    match result {
        Ok(()) => Ok(state()),
        Err(source) if atomic::is_unflushed(&source) => Err(SaveError::Unflushed {
            path: path.to_owned(),
            source,
        }),
        Err(source) => Err(SaveError::Write {
            path: path.to_owned(),
            source,
        }),
    }
}
