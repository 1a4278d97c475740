//! Every action of the window is a [`Command`]. Menus, buttons and
//! keyboard shortcuts all emit commands into one queue; the app applies them
//! in one place. The fixed ones (those in menus) are listed once in
//! [`MENU_COMMANDS`] with their label and shortcut.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use claimmark_core::edit::Edit;
use claimmark_core::model::{CharRange, ClaimId, DocId, DocStatus, Name, SpanId};

/// An action the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    // Project files
    NewProject,
    OpenProject,
    OpenProjectAt(PathBuf),
    SaveProject,
    SaveProjectAs,
    SaveProjectTo(PathBuf),
    AddArticles,
    AddArticlesFrom(Vec<PathBuf>),
    /// Asks for a claim/v1 file to import as proposals.
    ImportClaims,
    ImportClaimsFrom(PathBuf),
    /// Asks what to export (statuses, claims or spans), then where.
    ExportClaims,
    ExportClaimsTo(PathBuf, ExportChoice),
    ExportFixturesTo(PathBuf, ExportChoice),
    Quit,
    // History
    Undo,
    Redo,
    // Finding
    Find,
    FindNext,
    FindPrevious,
    // Documents
    NextDocument,
    PreviousDocument,
    SelectDocument(DocId),
    RemoveDocument(DocId),
    SetDocumentStatus(DocId, DocStatus),
    // Spans
    /// Sets (or clears) the text selected in the article.
    SetTextSelection(Option<CharRange>),
    /// Tag the current text selection, or relabel the selected span.
    ApplyLabel(Name),
    SelectSpan(Option<SpanId>),
    /// Opens a document at a span, selected and scrolled into view.
    GoToSpan(DocId, SpanId),
    DeleteSelectedSpan,
    /// Delete a span, taking it out of the claims that use it.
    DeleteSpanFromClaims(SpanId),
    // Claims
    /// Opens the claim-type picker (keyboard: C, then a digit).
    PickClaimType,
    NewClaim(Name),
    SelectClaim(Option<ClaimId>),
    DeleteClaim(ClaimId),
    /// Changes a claim's type (arguments in roles the type lacks go).
    ChangeClaimType(ClaimId, Name),
    /// Opens the role picker for the selected claim (keyboard: R, then a digit).
    PickRole,
    /// Fills a role of the selected claim with the selected span (tagging
    /// the text selection first when there is no span).
    FillRole(Name),
    RemoveArgument(ClaimId, usize),
    // Review
    /// Accept the selected proposal (and move to the next).
    AcceptProposal,
    /// Reject the selected proposal (and move to the next).
    RejectProposal,
    /// Mark the selected proposal corrected and edit it.
    EditProposal,
    NextProposal,
    PreviousProposal,
    // Values, entities, suggestions
    /// Proposes date, count, person and event spans in this document.
    SuggestDocument,
    /// The same for every document (in the background, with progress).
    SuggestAllDocuments,
    /// Proposes every other occurrence of the selected span's text.
    TagAllOccurrences {
        all_documents: bool,
    },
    /// Recomputes normalised values in this document (hand-set ones stay).
    Renormalize,
    LinkSpanToEntity(SpanId, claimmark_core::model::EntityId),
    NewEntityFromSpan(SpanId),
    UnlinkSpan(SpanId),
    RenameEntity(claimmark_core::model::EntityId, String),
    /// Links every unlinked mention that matches the entity.
    LinkMatchingMentions(claimmark_core::model::EntityId),
    /// Merges the second entity into the first.
    MergeEntities(
        claimmark_core::model::EntityId,
        claimmark_core::model::EntityId,
    ),
    ShowEntities,
    // Comparing with another annotation of the same documents
    /// Asks for a project or claims file to compare with.
    OpenCompare,
    CompareWith(PathBuf),
    CloseCompare,
    /// Takes their version of a difference (the selected one when `None`).
    TakeTheirs(Option<usize>),
    NextDifference,
    PreviousDifference,
    SelectDifference(usize),
    /// Only claims of this status and type in the claims list.
    FilterClaims(Option<claimmark_core::model::ReviewStatus>, Option<Name>),
    EditPreferences,
    // Schema and help
    EditSchema,
    ShowShortcuts,
    /// Any other change, already made into an edit (form fields, schema editor).
    Apply(Box<Edit>, String),
}

/// What the export dialog chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportChoice {
    pub statuses: Vec<claimmark_core::model::ReviewStatus>,
    /// One line per span instead of per claim.
    pub spans: bool,
}

impl Command {
    /// A command that applies an edit, described for the Edit menu.
    pub fn apply(edit: Edit, description: impl Into<String>) -> Self {
        Self::Apply(Box::new(edit), description.into())
    }
}

/// Where a command appears in the menu bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Document,
    Claim,
    Review,
    View,
    Help,
}

/// A command that has a fixed place in the menus, and maybe a shortcut.
pub struct MenuCommand {
    pub command: Command,
    pub label: &'static str,
    pub shortcut: Option<KeyboardShortcut>,
    /// More shortcuts that do the same (Ctrl+Y besides Ctrl+Shift+Z).
    pub alternative: Option<KeyboardShortcut>,
    pub menu: Menu,
}

const fn keys(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Builds the table. A function rather than a `const` because `Command`
/// holds heap types in other variants.
#[allow(clippy::too_many_lines)] // a table, one entry per command
pub fn menu_commands() -> Vec<MenuCommand> {
    let entry = |command, label, shortcut, menu| MenuCommand {
        command,
        label,
        shortcut,
        alternative: None,
        menu,
    };
    vec![
        entry(
            Command::NewProject,
            "New project",
            Some(keys(CTRL, Key::N)),
            Menu::File,
        ),
        entry(
            Command::OpenProject,
            "Open project…",
            Some(keys(CTRL, Key::O)),
            Menu::File,
        ),
        entry(
            Command::SaveProject,
            "Save",
            Some(keys(CTRL, Key::S)),
            Menu::File,
        ),
        entry(
            Command::SaveProjectAs,
            "Save as…",
            Some(keys(CTRL_SHIFT, Key::S)),
            Menu::File,
        ),
        entry(
            Command::AddArticles,
            "Add articles…",
            Some(keys(CTRL_SHIFT, Key::A)),
            Menu::File,
        ),
        entry(Command::Quit, "Quit", Some(keys(CTRL, Key::Q)), Menu::File),
        entry(Command::Undo, "Undo", Some(keys(CTRL, Key::Z)), Menu::Edit),
        MenuCommand {
            alternative: Some(keys(CTRL, Key::Y)),
            ..entry(
                Command::Redo,
                "Redo",
                Some(keys(CTRL_SHIFT, Key::Z)),
                Menu::Edit,
            )
        },
        entry(Command::Find, "Find…", Some(keys(CTRL, Key::F)), Menu::Edit),
        MenuCommand {
            alternative: Some(keys(CTRL, Key::G)),
            ..entry(
                Command::FindNext,
                "Find next",
                Some(keys(Modifiers::NONE, Key::F3)),
                Menu::Edit,
            )
        },
        MenuCommand {
            alternative: Some(keys(CTRL_SHIFT, Key::G)),
            ..entry(
                Command::FindPrevious,
                "Find previous",
                Some(keys(Modifiers::SHIFT, Key::F3)),
                Menu::Edit,
            )
        },
        MenuCommand {
            alternative: Some(keys(Modifiers::NONE, Key::Backspace)),
            ..entry(
                Command::DeleteSelectedSpan,
                "Delete span",
                Some(keys(Modifiers::NONE, Key::Delete)),
                Menu::Edit,
            )
        },
        entry(Command::EditSchema, "Edit schema…", None, Menu::Edit),
        MenuCommand {
            alternative: Some(keys(Modifiers::ALT, Key::ArrowDown)),
            ..entry(
                Command::NextDocument,
                "Next document",
                Some(keys(CTRL, Key::PageDown)),
                Menu::Document,
            )
        },
        MenuCommand {
            alternative: Some(keys(Modifiers::ALT, Key::ArrowUp)),
            ..entry(
                Command::PreviousDocument,
                "Previous document",
                Some(keys(CTRL, Key::PageUp)),
                Menu::Document,
            )
        },
        entry(
            Command::PickClaimType,
            "New claim…",
            Some(keys(Modifiers::NONE, Key::C)),
            Menu::Claim,
        ),
        entry(
            Command::PickRole,
            "Fill role with selected span…",
            Some(keys(Modifiers::NONE, Key::R)),
            Menu::Claim,
        ),
        entry(
            Command::NextProposal,
            "Next proposal",
            Some(keys(Modifiers::NONE, Key::J)),
            Menu::Review,
        ),
        entry(
            Command::PreviousProposal,
            "Previous proposal",
            Some(keys(Modifiers::NONE, Key::K)),
            Menu::Review,
        ),
        entry(
            Command::AcceptProposal,
            "Accept",
            Some(keys(Modifiers::NONE, Key::A)),
            Menu::Review,
        ),
        entry(
            Command::RejectProposal,
            "Reject",
            Some(keys(Modifiers::NONE, Key::X)),
            Menu::Review,
        ),
        entry(
            Command::EditProposal,
            "Edit (mark corrected)",
            Some(keys(Modifiers::NONE, Key::E)),
            Menu::Review,
        ),
        entry(
            Command::SuggestDocument,
            "Suggest spans in this document",
            Some(keys(CTRL_SHIFT, Key::P)),
            Menu::Review,
        ),
        entry(
            Command::SuggestAllDocuments,
            "Suggest spans in all documents",
            None,
            Menu::Review,
        ),
        entry(
            Command::TagAllOccurrences {
                all_documents: false,
            },
            "Tag all occurrences here",
            None,
            Menu::Review,
        ),
        entry(
            Command::TagAllOccurrences {
                all_documents: true,
            },
            "Tag all occurrences in all documents",
            None,
            Menu::Review,
        ),
        entry(
            Command::Renormalize,
            "Re-normalise values in this document",
            None,
            Menu::Review,
        ),
        entry(
            Command::EditPreferences,
            "Analyst name…",
            None,
            Menu::Review,
        ),
        entry(
            Command::ImportClaims,
            "Import claims…",
            Some(keys(CTRL, Key::I)),
            Menu::File,
        ),
        entry(
            Command::ExportClaims,
            "Export claims…",
            Some(keys(CTRL, Key::E)),
            Menu::File,
        ),
        entry(Command::OpenCompare, "Compare with…", None, Menu::File),
        entry(
            Command::NextDifference,
            "Next difference",
            Some(keys(Modifiers::NONE, Key::N)),
            Menu::View,
        ),
        entry(
            Command::PreviousDifference,
            "Previous difference",
            Some(keys(Modifiers::NONE, Key::P)),
            Menu::View,
        ),
        entry(
            Command::TakeTheirs(None),
            "Take their version",
            Some(keys(Modifiers::NONE, Key::T)),
            Menu::View,
        ),
        entry(
            Command::ShowEntities,
            "Entities…",
            Some(keys(CTRL_SHIFT, Key::E)),
            Menu::View,
        ),
        entry(
            Command::ShowShortcuts,
            "Keyboard shortcuts",
            Some(keys(Modifiers::NONE, Key::F1)),
            Menu::Help,
        ),
    ]
}

/// Whether a shortcut is a bare key (or Shift+key) that must not fire while
/// the user types into a text field.
pub fn is_typing_key(shortcut: &KeyboardShortcut) -> bool {
    !shortcut.modifiers.command
        && !shortcut.modifiers.ctrl
        && !shortcut.modifiers.alt
        && !matches!(shortcut.logical_key, Key::F1 | Key::F3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let table = menu_commands();
        let mut seen = Vec::new();
        for entry in &table {
            for shortcut in [entry.shortcut, entry.alternative].into_iter().flatten() {
                assert!(
                    !seen.contains(&shortcut),
                    "{} reuses a shortcut",
                    entry.label
                );
                seen.push(shortcut);
            }
        }
    }

    #[test]
    fn labels_that_ask_for_more_end_in_an_ellipsis() {
        for entry in menu_commands() {
            let asks_for_more = matches!(
                entry.command,
                Command::OpenProject
                    | Command::SaveProjectAs
                    | Command::AddArticles
                    | Command::EditSchema
                    | Command::Find
                    | Command::PickClaimType
                    | Command::PickRole
                    | Command::EditPreferences
                    | Command::ShowEntities
                    | Command::OpenCompare
                    | Command::ImportClaims
                    | Command::ExportClaims
            );
            assert_eq!(entry.label.ends_with('…'), asks_for_more, "{}", entry.label);
        }
    }
}
