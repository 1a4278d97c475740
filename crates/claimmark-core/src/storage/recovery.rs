//! Recovery copies: while a project has unsaved changes, the window writes
//! a copy beside it (`NAME.ron.recovery`) every 30 seconds. They are the
//! analyst's work, not the tool's: only the window that wrote one removes it
//! (after a successful save or an explicit Discard). A window that finds a
//! copy it did not write leaves it alone and writes a second, dated one
//! (`NAME.ron.20261207T101500.recovery`); opening the project lists every
//! copy with its time and size.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{LoadError, SaveError};
use crate::model::Project;

/// How often the window writes a recovery copy while there are unsaved changes.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);
const SUFFIX: &str = ".recovery";

fn file_name(project_path: &Path) -> String {
    project_path.file_name().map_or_else(
        || "project.ron".into(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Where the first recovery copy of a project file goes.
pub fn recovery_path(project_path: &Path) -> PathBuf {
    project_path.with_file_name(format!("{}{SUFFIX}", file_name(project_path)))
}

/// Where a new session's recovery copy goes: the usual name when it is
/// free, a dated one when an earlier session's copy is still there.
pub fn fresh_path(project_path: &Path, now: SystemTime) -> PathBuf {
    let first = recovery_path(project_path);
    if !first.exists() {
        return first;
    }
    let stamp = time::OffsetDateTime::from(now)
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]"
        ))
        .unwrap_or_else(|_| "later".to_owned());
    let name = file_name(project_path);
    (1..10_000)
        .map(|n| {
            let extra = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            project_path.with_file_name(format!("{name}.{stamp}{extra}{SUFFIX}"))
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or(first)
}

/// A recovery copy found beside a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCopy {
    pub path: PathBuf,
    pub written: SystemTime,
    pub bytes: u64,
    /// The project file was saved after this copy was written (by the
    /// command line, or git): restoring it goes back behind that save.
    pub older_than_project: bool,
}

/// Every recovery copy of a project, newest first.
pub fn find_all(project_path: &Path) -> Vec<RecoveryCopy> {
    let name = file_name(project_path);
    let folder = super::atomic::folder_of(project_path);
    let saved = std::fs::metadata(project_path)
        .ok()
        .and_then(|meta| meta.modified().ok());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut copies: Vec<RecoveryCopy> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let entry_name = entry.file_name();
            let entry_name = entry_name.to_string_lossy();
            let middle = entry_name
                .strip_prefix(name.as_str())?
                .strip_suffix(SUFFIX)?;
            let dated = middle.strip_prefix('.').is_some_and(|stamp| {
                stamp
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
            if !(middle.is_empty() || dated) {
                return None;
            }
            let meta = entry.metadata().ok().filter(std::fs::Metadata::is_file)?;
            let written = meta.modified().ok()?;
            Some(RecoveryCopy {
                path: project_path.with_file_name(entry_name.as_ref()),
                written,
                bytes: meta.len(),
                older_than_project: saved.is_some_and(|saved| saved > written),
            })
        })
        .collect();
    copies.sort_by(|a, b| b.written.cmp(&a.written).then_with(|| a.path.cmp(&b.path)));
    copies
}

/// Writes (atomically) a recovery copy.
pub fn write(recovery_file: &Path, project: &Project) -> Result<(), SaveError> {
    super::save_project(recovery_file, project).map(|_| ())
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
    fn a_second_session_writes_a_dated_copy_and_both_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let project_path = dir.path().join("p.ron");
        let project = Project::default();
        let first = fresh_path(&project_path, SystemTime::now());
        assert_eq!(first, recovery_path(&project_path));
        write(&first, &project).unwrap();
        let second = fresh_path(&project_path, SystemTime::UNIX_EPOCH);
        assert_eq!(
            second.file_name().unwrap(),
            "p.ron.19700101T000000.recovery"
        );
        write(&second, &project).unwrap();
        std::fs::write(dir.path().join("p.ron.notes.txt"), "not a copy").unwrap();
        std::fs::write(dir.path().join("p.ron.x.y.recovery"), "not ours").unwrap();
        let found = find_all(&project_path);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|copy| copy.bytes > 0 && !copy.older_than_project)
        );
        super::super::save_project(&project_path, &project).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(
            find_all(&project_path).len(),
            2,
            "a save never hides a copy"
        );
        discard(&first);
        discard(&first);
        assert_eq!(find_all(&project_path).len(), 1);
    }
}
