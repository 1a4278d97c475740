//! Recovery copies: while a project has unsaved changes, a copy is written
//! beside it (`NAME.ron.recovery`) every 30 seconds. A clean save or close
//! removes it; finding one on open means the last session ended without
//! saving, and the window offers it back.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{LoadError, SaveError};
use crate::model::Project;

/// How often the window writes a recovery copy while there are unsaved changes.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// Where the recovery copy of a project file lives.
pub fn recovery_path(project_path: &Path) -> PathBuf {
    let mut name = project_path
        .file_name()
        .map_or_else(|| "project.ron".into(), std::ffi::OsStr::to_os_string);
    name.push(".recovery");
    project_path.with_file_name(name)
}

/// A recovery copy found beside a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCopy {
    pub path: PathBuf,
    pub written: SystemTime,
}

/// The recovery copy of a project, if one exists and is newer than the
/// project file (an older one is stale: the project was saved after it).
pub fn find(project_path: &Path) -> Option<RecoveryCopy> {
    let path = recovery_path(project_path);
    let written = std::fs::metadata(&path).ok()?.modified().ok()?;
    let saved = std::fs::metadata(project_path)
        .ok()
        .and_then(|meta| meta.modified().ok());
    match saved {
        Some(saved) if saved > written => None,
        _ => Some(RecoveryCopy { path, written }),
    }
}

/// Writes (atomically) the recovery copy for `project_path`.
pub fn write(recovery_file: &Path, project: &Project) -> Result<(), SaveError> {
    super::save_project(recovery_file, project)
}

/// Reads a recovery copy.
pub fn read(copy: &RecoveryCopy) -> Result<Project, LoadError> {
    super::load_project(&copy.path)
}

/// Removes a recovery copy; a missing one is fine.
pub fn discard(recovery_file: &Path) {
    match std::fs::remove_file(recovery_file) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => tracing::warn!("could not remove {}: {error}", recovery_file.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_copy_sits_beside_the_project() {
        assert_eq!(
            recovery_path(Path::new("/p/sample.ron")),
            PathBuf::from("/p/sample.ron.recovery")
        );
    }

    #[test]
    fn a_copy_older_than_the_project_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let project_path = dir.path().join("p.ron");
        let project = Project::default();
        write(&recovery_path(&project_path), &project).unwrap();
        assert!(
            find(&project_path).is_some(),
            "no project file: the copy counts"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::super::save_project(&project_path, &project).unwrap();
        assert!(find(&project_path).is_none());
        discard(&recovery_path(&project_path));
        discard(&recovery_path(&project_path));
        assert!(!recovery_path(&project_path).exists());
    }
}
