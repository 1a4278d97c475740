//! Files: the RON project file (versioned, checked on load, saved
//! atomically and deterministically), recovery copies, and article files.

pub mod articles;
pub mod atomic;
pub(crate) mod locate;
pub mod project_file;
pub mod recovery;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::Project;
pub use project_file::{FORMAT_VERSION, Problem, ProjectFileError};

/// A project file that could not be opened. The file is left as it was.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: LoadReason,
}

#[derive(Debug)]
pub enum LoadReason {
    Read(io::Error),
    File(ProjectFileError),
}

impl LoadError {
    /// Every problem as `file:line:col: message` (or `file: message`).
    pub fn lines(&self) -> Vec<String> {
        let path = self.path.display();
        match &self.reason {
            LoadReason::Read(error) => vec![format!("{path}: could not read the file: {error}")],
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

/// A save that failed. The file on disk is as it was before.
#[derive(Debug, thiserror::Error)]
#[error(
    "could not save {}: {source}. The file on disk is unchanged. Free some space, check the folder's permissions, or save elsewhere with Save As…",
    path.display()
)]
pub struct SaveError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Reads and checks a project file.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let error = |reason| LoadError {
        path: path.to_owned(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| error(LoadReason::Read(e)))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        error(LoadReason::Read(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )))
    })?;
    project_file::from_ron(&source).map_err(|e| error(LoadReason::File(e)))
}

/// Writes a project file atomically.
pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    let text = project_file::to_ron(project);
    atomic::write_atomic(path, text.as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}
