//! The merge conflicts list: which conflict the keyboard is on.

/// Open while the analyst works through what a merge left to decide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConflictsView {
    /// Index into the project's conflicts.
    pub selected: usize,
}
