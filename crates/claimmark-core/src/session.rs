//! A project being worked on: the project, the file it came from and its
//! edit history. The window and the command line both work through this.

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History, Stepped};
use crate::model::Project;
use crate::storage::{self, LoadError, SaveError, recovery};

#[derive(Debug)]
pub struct Session {
    project: Project,
    path: Option<PathBuf>,
    history: History,
}

impl Default for Session {
    fn default() -> Self {
        Self::untitled()
    }
}

impl Session {
    /// A new project with the default schema, not yet saved anywhere.
    pub fn untitled() -> Self {
        Self {
            project: Project::default(),
            path: None,
            history: History::new(),
        }
    }

    /// Opens a project file. On error nothing is kept, so a file that failed
    /// to load can never be overwritten through this session.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let project = storage::load_project(path)?;
        Ok(Self {
            project,
            path: Some(path.to_owned()),
            history: History::new(),
        })
    }

    /// A session on a project restored from its recovery copy: it belongs to
    /// `path` but has unsaved changes.
    pub fn restored(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            history: History::new_unsaved(),
        }
    }

    /// A session for a project that will be saved to `path` but is not there
    /// yet (the command line creating a project).
    pub fn new_at(path: &Path) -> Self {
        Self {
            project: Project::default(),
            path: Some(path.to_owned()),
            history: History::new_unsaved(),
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

    /// Saves to the session's file. Without one, returns `Ok(false)`: the
    /// caller asks where (Save As).
    pub fn save(&mut self) -> Result<bool, SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        storage::save_project(&path, &self.project)?;
        self.history.mark_saved();
        recovery::discard(&recovery::recovery_path(&path));
        Ok(true)
    }

    /// Saves to a new file, which becomes the session's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        storage::save_project(path, &self.project)?;
        if let Some(old) = &self.path {
            recovery::discard(&recovery::recovery_path(old));
        }
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    /// Where this session's recovery copy goes; untitled projects keep theirs
    /// in `untitled_folder`.
    pub fn recovery_file(&self, untitled_folder: &Path) -> PathBuf {
        match &self.path {
            Some(path) => recovery::recovery_path(path),
            None => recovery::recovery_path(&untitled_folder.join("untitled.ron")),
        }
    }
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
}
