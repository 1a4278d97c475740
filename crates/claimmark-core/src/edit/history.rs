//! Undo and redo over a project, and whether it has unsaved changes.
//!
//! Every applied edit creates a new revision number. The project is
//! modified when the current revision differs from the one last saved, so
//! undoing back to the saved state counts as unchanged again.

use std::time::{Duration, Instant};

use super::{Edit, EditError};
use crate::model::Project;

/// Typing in a note merges into one undo step while the keystrokes come
/// closer together than this.
const COALESCE_WINDOW: Duration = Duration::from_secs(2);

/// A step that can be undone: what undoes it. What redoes it comes back
/// from applying that (so large edits are never copied).
#[derive(Debug, Clone)]
struct UndoStep {
    backward: Edit,
    /// Shown in the Edit menu: "Undo tag “Minsk” as place".
    description: String,
    revision_before: u64,
    revision_after: u64,
    coalesce_key: Option<String>,
    at: Instant,
}

#[derive(Debug, Clone)]
struct RedoStep {
    forward: Edit,
    description: String,
    revision_before: u64,
    revision_after: u64,
}

/// What an undo or redo changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stepped {
    /// The document the step changed, if it changed one.
    pub document: Option<crate::model::DocId>,
    /// Every document it changed; `None` when it changed the project as a
    /// whole ([`Edit::documents`]).
    pub documents: Option<Vec<crate::model::DocId>>,
}

#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<UndoStep>,
    redo: Vec<RedoStep>,
    revision: u64,
    next_revision: u64,
    saved_revision: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// A history whose starting state counts as saved.
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            next_revision: 1,
            saved_revision: Some(0),
        }
    }

    /// A history whose starting state is not saved anywhere (a restored
    /// recovery copy, a project made from the command line).
    pub fn new_unsaved() -> Self {
        Self {
            saved_revision: None,
            ..Self::new()
        }
    }

    /// Applies an edit and records it.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        description: String,
    ) -> Result<(), EditError> {
        let coalesce_key = edit.coalesce_key();
        let backward = edit.apply(project)?;
        let now = Instant::now();
        let revision_after = self.next_revision;
        self.next_revision += 1;
        let merges = match (&coalesce_key, self.undo.last()) {
            (Some(key), Some(top)) => {
                self.redo.is_empty()
                    && top.coalesce_key.as_ref() == Some(key)
                    && top.revision_after == self.revision
                    && now.duration_since(top.at) < COALESCE_WINDOW
                    && self.saved_revision != Some(self.revision)
            }
            _ => false,
        };
        if let (true, Some(top)) = (merges, self.undo.last_mut()) {
            // The first step's way back undoes all the typing.
            top.revision_after = revision_after;
            top.at = now;
        } else {
            self.undo.push(UndoStep {
                backward,
                description,
                revision_before: self.revision,
                revision_after,
                coalesce_key,
                at: now,
            });
        }
        self.redo.clear();
        self.revision = revision_after;
        Ok(())
    }

    /// Undoes the last step; returns the document it changed (to show
    /// where). The step's edit is applied by value, never copied.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Stepped>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        // An inverse that no longer applies means the history does not fit
        // the project any more: nothing changed, and the history is dropped
        // rather than trusted.
        let forward = step
            .backward
            .apply(project)
            .inspect_err(|_| self.forget_steps())?;
        self.revision = step.revision_before;
        let stepped = Stepped {
            document: forward.document().cloned(),
            documents: forward.documents(),
        };
        self.redo.push(RedoStep {
            forward,
            description: step.description,
            revision_before: step.revision_before,
            revision_after: step.revision_after,
        });
        Ok(Some(stepped))
    }

    /// Redoes the last undone step; returns the document it changed.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Stepped>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        let document = step.forward.document().cloned();
        let documents = step.forward.documents();
        let backward = step
            .forward
            .apply(project)
            .inspect_err(|_| self.forget_steps())?;
        self.revision = step.revision_after;
        // A redone step never merges with later typing.
        self.undo.push(UndoStep {
            backward,
            description: step.description,
            revision_before: step.revision_before,
            revision_after: step.revision_after,
            coalesce_key: None,
            at: Instant::now(),
        });
        Ok(Some(Stepped {
            document,
            documents,
        }))
    }

    fn forget_steps(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|step| step.description.as_str())
    }

    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|step| step.description.as_str())
    }

    /// Marks the current state as the one on disk.
    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.revision);
    }

    pub fn is_modified(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }

    /// A number that changes whenever the project does (for caches).
    pub fn revision(&self) -> u64 {
        self.revision
    }
}
