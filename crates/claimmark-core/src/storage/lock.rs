//! The advisory lock that makes read-modify-write of a project file one step
//! among claimmark processes: two `claimmark add` at once run one after the
//! other instead of both saving over the same old file.
//!
//! The lock is taken on the project's folder, not on a lock file: a lock file
//! would be left beside the project for `git add .` to pick up, and the
//! project file itself is replaced on every save, so a lock on it would be
//! on the old inode. The operating system releases it when the process ends,
//! however it ends.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a second writer waits for the first before giving up.
pub const WAIT: Duration = Duration::from_secs(20);

/// Held while a process reads, changes and writes a project file.
#[derive(Debug)]
pub struct ProjectLock {
    folder: PathBuf,
    _handle: File,
}

impl ProjectLock {
    /// Locks the folder that holds `project` (symlinks resolved), waiting
    /// up to `wait` for another claimmark to finish.
    pub fn acquire(project: &Path, wait: Duration) -> Result<Self, LockError> {
        let folder = folder_key(project);
        let handle = File::open(&folder).map_err(|source| LockError::Io {
            folder: folder.clone(),
            source,
        })?;
        let started = Instant::now();
        loop {
            match handle.try_lock() {
                Ok(()) => {
                    return Ok(Self {
                        folder,
                        _handle: handle,
                    });
                }
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Busy {
                        folder,
                        waited: wait,
                    });
                }
                // A file system without locks (some network mounts): go on
                // unlocked rather than refuse to save at all.
                Err(TryLockError::Error(error)) if error.kind() == io::ErrorKind::Unsupported => {
                    tracing::warn!("{}: file locking is not supported here", folder.display());
                    return Ok(Self {
                        folder,
                        _handle: handle,
                    });
                }
                Err(TryLockError::Error(source)) => return Err(LockError::Io { folder, source }),
            }
        }
    }

    /// The folder this lock holds.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Whether this lock covers `project`.
    pub fn covers(&self, project: &Path) -> bool {
        folder_key(project) == self.folder
    }
}

/// The folder holding `project`, one name however the path is written
/// (`p.ron`, `./p.ron`, `/abs/p.ron`): a process that locked it under one
/// spelling must not wait on itself under another.
fn folder_key(project: &Path) -> PathBuf {
    let target = super::atomic::resolve_target(project);
    let folder = super::atomic::folder_of(&target);
    let shown = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    std::fs::canonicalize(shown).unwrap_or_else(|_| folder.to_owned())
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{}: another claimmark is still changing a project in this folder after {}s; wait for it to finish, then try again (nothing was written)",
        folder.display(), waited.as_secs()
    )]
    Busy { folder: PathBuf, waited: Duration },
    #[error("{}: could not lock the folder: {source}", folder.display())]
    Io { folder: PathBuf, source: io::Error },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let first = ProjectLock::acquire(&project, WAIT).unwrap();
        assert!(first.covers(&project));
        let error = ProjectLock::acquire(&project, Duration::from_millis(60)).unwrap_err();
        assert!(matches!(error, LockError::Busy { .. }), "{error}");
        assert!(error.to_string().contains("then try again"));
        drop(first);
        ProjectLock::acquire(&project, Duration::from_millis(60)).unwrap();
    }

    #[test]
    fn a_lock_covers_its_folder_however_the_path_is_spelled() {
        // `import p.ron --out /abs/q.ron` once waited 20 s on its own lock.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let lock = ProjectLock::acquire(&dir.path().join("p.ron"), WAIT).unwrap();
        assert!(lock.covers(&dir.path().join("sub").join("..").join("q.ron")));
        assert!(!lock.covers(&dir.path().join("sub").join("q.ron")));
    }
}
