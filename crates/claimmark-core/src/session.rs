//! A project being worked on: the project, the file it came from and its
//! edit history. The window and the command line both work through this.

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History, Stepped};
use crate::model::Project;
use crate::storage::disk::{DiskChange, DiskState};
use crate::storage::lock::{self, LockError, ProjectLock};
use crate::storage::{self, Expect, LoadError, SaveError};

#[derive(Debug)]
pub struct Session {
    project: Project,
    path: Option<PathBuf>,
    history: History,
    /// The file as it was read or last saved; `None`: not on disk yet.
    disk: Option<DiskState>,
    /// Held by a command-line session from read to write.
    lock: Option<ProjectLock>,
    /// The project as the file held it when read or last saved: the common
    /// ancestor when the file changed on disk since and the two are merged.
    base: Option<Project>,
    /// How long a save waits for another claimmark holding the folder's
    /// lock (the window waits less than the command line).
    lock_wait: std::time::Duration,
}

impl Default for Session {
    fn default() -> Self {
        Self::untitled()
    }
}

/// Opening a project to change it from the command line.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Load(#[from] LoadError),
}

impl Session {
    /// A new project with the default schema, not yet saved anywhere.
    pub fn untitled() -> Self {
        Self {
            project: Project::default(),
            path: None,
            history: History::new(),
            disk: None,
            lock: None,
            base: None,
            lock_wait: lock::WAIT,
        }
    }

    /// Opens a project file. On error nothing is kept, so a file that failed
    /// to load can never be overwritten through this session.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let (project, disk) = storage::load_project_file(path)?;
        Ok(Self {
            base: Some(project.clone()),
            lock_wait: lock::WAIT,
            project,
            path: Some(path.to_owned()),
            history: History::new(),
            disk: Some(disk),
            lock: None,
        })
    }

    /// Opens a project to change and save it, holding the folder's lock
    /// until the session ends, so another claimmark process changing the
    /// same project waits instead of one change being lost. A missing file
    /// gives a new project when `create` is set.
    pub fn open_for_update(path: &Path, create: bool) -> Result<Self, OpenError> {
        let held = ProjectLock::acquire(path, lock::WAIT)?;
        let mut session = if create && !path.exists() {
            Self::new_at(path)
        } else {
            Self::open(path)?
        };
        session.lock = Some(held);
        Ok(session)
    }

    /// A session on a project restored from its recovery copy: it belongs to
    /// `path` but has unsaved changes. The file is taken as it is now.
    pub fn restored(project: Project, path: Option<PathBuf>) -> Self {
        let disk = path.as_deref().and_then(current_state);
        // The copy's own base is unknown. The copy itself stands in, so a
        // later change on disk (a pull) merges as added by theirs, never as
        // removed by ours. The file as it is at restore time is taken as
        // read: the recovery list marks copies older than their project.
        let base = Some(project.clone());
        Self {
            project,
            path,
            history: History::new_unsaved(),
            disk,
            lock: None,
            base,
            lock_wait: lock::WAIT,
        }
    }

    /// A session for a project that will be saved to `path` but is not there
    /// yet (the command line creating a project).
    pub fn new_at(path: &Path) -> Self {
        Self {
            project: Project::default(),
            path: Some(path.to_owned()),
            history: History::new_unsaved(),
            disk: None,
            lock: None,
            base: None,
            lock_wait: lock::WAIT,
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn is_modified(&self) -> bool {
        self.history.is_modified()
    }

    /// The file as this session last read or wrote it.
    pub fn disk_state(&self) -> Option<&DiskState> {
        self.disk.as_ref()
    }

    /// Applies an edit as one undoable step.
    pub fn apply(&mut self, edit: Edit, description: impl Into<String>) -> Result<(), EditError> {
        self.history
            .apply(&mut self.project, edit, description.into())
    }

    pub fn undo(&mut self) -> Result<Option<Stepped>, EditError> {
        self.history.undo(&mut self.project)
    }

    pub fn redo(&mut self) -> Result<Option<Stepped>, EditError> {
        self.history.redo(&mut self.project)
    }

    /// Whether the file changed on disk since this session read or wrote
    /// it. The metadata is checked first, so polling it is cheap.
    pub fn disk_change(&self) -> Option<DiskChange> {
        let path = self.path.as_deref()?;
        let target = storage::atomic::resolve_target(path);
        match &self.disk {
            Some(state) => {
                if std::fs::metadata(&target).is_ok_and(|meta| state.same_metadata(&meta)) {
                    return None;
                }
                state.change_at(&target).ok().flatten()
            }
            None => None,
        }
    }

    /// Takes the file as it is now as the one this session's changes are
    /// based on: the analyst looked at the change on disk and chose to
    /// overwrite it with their version.
    pub fn accept_disk_state(&mut self) {
        self.disk = self.path.as_deref().and_then(current_state);
    }

    /// Merges the file as it is on disk now into this session's project,
    /// three ways (the version read or last saved is the base), as one
    /// undoable step; the file read becomes the one this session's changes
    /// are based on. Conflicts become records in the project.
    pub fn merge_from_disk(&mut self) -> Result<crate::merge::MergeReport, MergeError> {
        let path = self.path.clone().ok_or(MergeError::NoFile)?;
        let (theirs, state) = storage::load_project_file(&path)?;
        let empty = Project::new(crate::model::Schema {
            labels: Vec::new(),
            claim_types: Vec::new(),
        });
        let base = self.base.as_ref().unwrap_or(&empty);
        let merged = crate::merge::merge(base, &self.project, &theirs)?;
        if merged.project != self.project {
            self.apply(
                Edit::ReplaceProject {
                    project: Box::new(merged.project),
                },
                "Merge with the file on disk",
            )?;
        }
        self.disk = Some(state);
        self.base = Some(theirs);
        Ok(merged.report)
    }

    /// Saves; when the file changed on disk since it was read (a `git
    /// pull`, another program), merges that version in first and saves the
    /// merge. Returns the merge's report when there was one.
    pub fn save_merging(&mut self) -> Result<Option<crate::merge::MergeReport>, MergeError> {
        match self.save() {
            Ok(_) => Ok(None),
            Err(SaveError::ChangedOnDisk { .. }) => {
                let report = self.merge_from_disk()?;
                self.save()?;
                Ok(Some(report))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Saves to the session's file, if it is still the file that was read.
    /// Without a file, returns `Ok(false)`: the caller asks where (Save As).
    /// Recovery copies are left alone; the window removes its own.
    pub fn save(&mut self) -> Result<bool, SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        let expect = self.disk.as_ref().map_or(Expect::Absent, Expect::State);
        let taken = self.lock_for_save(&path)?;
        let held = self.lock.as_ref().or(taken.as_ref());
        let result = storage::save_project_checked(&path, &self.project, expect, held);
        self.after_write(result)?;
        Ok(true)
    }

    /// Saves to a new file, which becomes the session's file. The analyst
    /// chose it (and confirmed replacing it), so whatever is there goes.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        let expect = if self.path.as_deref() == Some(path) {
            self.disk.as_ref().map_or(Expect::Absent, Expect::State)
        } else {
            Expect::Anything
        };
        let taken = self.lock_for_save(path)?;
        let held = self.lock.as_ref().or(taken.as_ref());
        let result = storage::save_project_checked(path, &self.project, expect, held);
        if !matches!(
            result,
            Err(SaveError::Write { .. } | SaveError::ChangedOnDisk { .. } | SaveError::Lock(_))
        ) {
            self.path = Some(path.to_owned());
        }
        self.after_write(result)
    }

    /// How long saves wait for another claimmark's lock on the folder.
    pub fn set_lock_wait(&mut self, wait: std::time::Duration) {
        self.lock_wait = wait;
    }

    /// The folder's lock for one save, when the session does not hold it.
    fn lock_for_save(&self, path: &Path) -> Result<Option<ProjectLock>, SaveError> {
        if self.lock.as_ref().is_some_and(|held| held.covers(path)) {
            return Ok(None);
        }
        match ProjectLock::acquire(path, self.lock_wait) {
            Ok(lock) => Ok(Some(lock)),
            Err(busy @ LockError::Busy { .. }) => Err(SaveError::Lock(busy)),
            // The save itself reports a folder it cannot open.
            Err(LockError::Io { .. }) => Ok(None),
        }
    }

    /// A written file (even one whose folder was not flushed) is saved.
    fn after_write(&mut self, result: Result<DiskState, SaveError>) -> Result<(), SaveError> {
        match result {
            Ok(state) => {
                self.disk = Some(state);
                self.history.mark_saved();
                self.base = Some(self.project.clone());
                Ok(())
            }
            Err(error @ SaveError::Unflushed { .. }) => {
                self.accept_disk_state();
                self.history.mark_saved();
                self.base = Some(self.project.clone());
                Err(error)
            }
            Err(error) => Err(error),
        }
    }
}

/// Why merging with the file on disk, or saving with a merge, failed.
/// Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("the project has no file yet; save it first")]
    NoFile,
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Merge(#[from] crate::merge::MergeError),
    #[error("could not merge: {0}")]
    Edit(#[from] EditError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

fn current_state(path: &Path) -> Option<DiskState> {
    let target = storage::atomic::resolve_target(path);
    let bytes =
        storage::input::read_limited(&target, storage::input::MAX_PROJECT_BYTES, "project files")
            .ok()?;
    let meta = std::fs::metadata(&target).ok()?;
    Some(DiskState::of_read(&meta, &bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocStatus, notation};

    #[test]
    fn save_then_reopen_gives_the_same_project_and_clears_modified() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut session = Session::new_at(&path);
        assert!(
            session.is_modified(),
            "a project not yet on disk is unsaved"
        );
        let doc = notation::document("a", "[person|Ales] was [event|freed].").unwrap();
        let id = doc.id.clone();
        session
            .apply(
                Edit::InsertDocument {
                    index: 0,
                    document: Box::new(doc),
                },
                "add",
            )
            .unwrap();
        session
            .apply(
                Edit::SetDocumentStatus {
                    doc: id,
                    status: DocStatus::Done,
                },
                "status",
            )
            .unwrap();
        assert!(session.save().unwrap());
        assert!(!session.is_modified());
        let reopened = Session::open(&path).unwrap();
        assert_eq!(reopened.project(), session.project());
    }

    #[test]
    fn untitled_save_asks_for_a_path() {
        let mut session = Session::untitled();
        assert!(!session.save().unwrap());
        assert_eq!(session.display_name(), "Untitled");
    }

    #[test]
    fn a_save_over_a_file_changed_on_disk_merges_instead_of_clobbering() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut project = Project::default();
        project
            .documents
            .push(notation::document("a", "[person|Ales] was freed.").unwrap());
        storage::save_project(&path, &project).unwrap();
        let mut session = Session::open(&path).unwrap();
        session
            .apply(
                Edit::SetDocumentStatus {
                    doc: project.documents[0].id.clone(),
                    status: DocStatus::Done,
                },
                "done",
            )
            .unwrap();
        // A `git pull` brings another analyst's document.
        std::thread::sleep(std::time::Duration::from_millis(15));
        project
            .documents
            .push(notation::document("b", "[person|Maria] was not.").unwrap());
        storage::save_project(&path, &project).unwrap();
        let report = session.save_merging().unwrap().expect("it merged");
        assert_eq!(report.conflicts, 0);
        let on_disk = storage::load_project(&path).unwrap();
        assert_eq!(on_disk.documents.len(), 2);
        assert_eq!(on_disk.documents[0].status, DocStatus::Done);
        assert!(!session.is_modified());
        // Undo takes the merge back out of the session.
        session.undo().unwrap();
        assert_eq!(session.project().documents.len(), 1);
    }
}
