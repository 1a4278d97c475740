//! The window's fixed commands: one `Copy` enum, and for each command its
//! label, tooltip, shortcuts, place in the menus and whether it can run,
//! from exhaustive matches (as rerun's `UiCommand` has them). Menus, the
//! keyboard, tooltips and the F1 list all read this table.

use std::sync::LazyLock;

use egui::{Key, KeyboardShortcut, Modifiers};

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

impl Menu {
    pub const ALL: [Self; 7] = [
        Self::File,
        Self::Edit,
        Self::Document,
        Self::Claim,
        Self::Review,
        Self::View,
        Self::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::Document => "Document",
            Self::Claim => "Claim",
            Self::Review => "Review",
            Self::View => "View",
            Self::Help => "Help",
        }
    }
}

/// A command with a fixed place in the window: no data, so `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewProject,
    OpenProject,
    SaveProject,
    SaveProjectAs,
    AddArticles,
    /// Asks for a claim/v1 file to import as proposals.
    ImportClaims,
    /// Other tools' annotation files, previewed with their mapping first.
    ImportAnnotations,
    /// Asks what to export (statuses, claims or spans), then where.
    ExportClaims,
    ExportDataset,
    /// Asks for a project or claims file to compare with.
    OpenCompare,
    Quit,
    Undo,
    Redo,
    Find,
    FindNext,
    FindPrevious,
    CloseFind,
    DeleteSelectedSpan,
    EditSchema,
    NextDocument,
    PreviousDocument,
    /// Opens the claim-type picker (C, then a digit).
    PickClaimType,
    /// Opens the role picker for the selected claim (R, then a digit).
    PickRole,
    /// Puts the selected claim's first orphaned argument on the selection.
    AttachOrphan,
    /// Selects the next place the first orphan's quote occurs.
    FindOrphanQuote,
    /// Takes the selected claim's first orphaned argument out (undoable).
    DropOrphan,
    /// Shows or hides the review queue.
    ToggleReviewQueue,
    /// Accepts every row the queue's filter shows, after a confirmation.
    AcceptAllShown,
    /// Rejects every row the queue's filter shows, after a confirmation.
    RejectAllShown,
    NextProposal,
    PreviousProposal,
    AcceptProposal,
    RejectProposal,
    EditProposal,
    SuggestDocument,
    SuggestAllDocuments,
    SuggestClaimsDocument,
    SuggestClaimsAllDocuments,
    /// Runs the extractor command (the project's, once allowed, or the
    /// analyst's own) on this document / all documents.
    RunExtractorDocument,
    RunExtractorAllDocuments,
    /// Stops the background work under way; nothing changes.
    CancelJob,
    /// Each extractor's kept share by confidence, as a plot.
    ShowCalibration,
    TagAllOccurrencesHere,
    TagAllOccurrencesEverywhere,
    Renormalize,
    EditPreferences,
    NextDifference,
    PreviousDifference,
    /// Takes their version of the selected difference, or of the selected
    /// merge conflict while the conflicts list is open.
    TakeTheirs,
    /// Shows or hides the list of merge conflicts.
    ToggleConflicts,
    /// Takes our version of the selected merge conflict.
    TakeOurs,
    /// Keeps both versions of the selected merge conflict.
    KeepBoth,
    CloseCompare,
    ShowEntities,
    /// The claims ledger: facts across documents, contradictions, checks.
    ShowLedger,
    ShowShortcuts,
    /// Every command by name: type to filter, Enter runs it.
    CommandPalette,
    /// Scroll the article: a page, a line, to its start or end.
    ScrollPageDown,
    ScrollPageUp,
    ScrollLineDown,
    ScrollLineUp,
    ScrollToStart,
    ScrollToEnd,
    /// Moves the keyboard to the next panel (article, form, review queue).
    NextPanel,
    PreviousPanel,
}

/// What decides whether a command can run, gathered once per frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // independent facts, one each
pub struct CommandState {
    pub has_document: bool,
    pub has_span: bool,
    pub has_claim: bool,
    pub has_proposal: bool,
    /// The selected claim has arguments that did not re-attach.
    pub has_orphan: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub comparing: bool,
    /// The project holds merge conflicts.
    pub has_conflicts: bool,
    /// The conflicts list is open and a conflict is selected.
    pub conflict_selected: bool,
    /// Background work (suggesting, importing) is under way.
    pub busy: bool,
    /// The review queue is open and its filter shows rows.
    pub queue_has_rows: bool,
}

const fn keys(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const NONE: Modifiers = Modifiers::NONE;
const CTRL: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [Self; 65] = [
        Self::NewProject,
        Self::OpenProject,
        Self::SaveProject,
        Self::SaveProjectAs,
        Self::AddArticles,
        Self::ImportClaims,
        Self::ImportAnnotations,
        Self::ExportClaims,
        Self::ExportDataset,
        Self::OpenCompare,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::CloseFind,
        Self::DeleteSelectedSpan,
        Self::EditSchema,
        Self::NextDocument,
        Self::PreviousDocument,
        Self::PickClaimType,
        Self::PickRole,
        Self::AttachOrphan,
        Self::FindOrphanQuote,
        Self::DropOrphan,
        Self::ToggleReviewQueue,
        Self::AcceptAllShown,
        Self::RejectAllShown,
        Self::NextProposal,
        Self::PreviousProposal,
        Self::AcceptProposal,
        Self::RejectProposal,
        Self::EditProposal,
        Self::SuggestDocument,
        Self::SuggestAllDocuments,
        Self::SuggestClaimsDocument,
        Self::SuggestClaimsAllDocuments,
        Self::RunExtractorDocument,
        Self::RunExtractorAllDocuments,
        Self::CancelJob,
        Self::ShowCalibration,
        Self::TagAllOccurrencesHere,
        Self::TagAllOccurrencesEverywhere,
        Self::Renormalize,
        Self::EditPreferences,
        Self::NextDifference,
        Self::PreviousDifference,
        Self::TakeTheirs,
        Self::ToggleConflicts,
        Self::TakeOurs,
        Self::KeepBoth,
        Self::CloseCompare,
        Self::ShowEntities,
        Self::ShowLedger,
        Self::ShowShortcuts,
        Self::CommandPalette,
        Self::ScrollPageDown,
        Self::ScrollPageUp,
        Self::ScrollLineDown,
        Self::ScrollLineUp,
        Self::ScrollToStart,
        Self::ScrollToEnd,
        Self::NextPanel,
        Self::PreviousPanel,
    ];

    /// The menu item's text; "…" when it asks for more before acting.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewProject => "New project",
            Self::OpenProject => "Open project…",
            Self::SaveProject => "Save",
            Self::SaveProjectAs => "Save as…",
            Self::AddArticles => "Add articles…",
            Self::ImportClaims => "Import claims…",
            Self::ImportAnnotations => "Import annotations…",
            Self::ExportClaims => "Export claims…",
            Self::ExportDataset => "Export dataset…",
            Self::OpenCompare => "Compare with…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::CloseFind => "Close the find bar",
            Self::DeleteSelectedSpan => "Delete span",
            Self::EditSchema => "Edit schema…",
            Self::NextDocument => "Next document",
            Self::PreviousDocument => "Previous document",
            Self::PickClaimType => "New claim…",
            Self::PickRole => "Fill role with selected span…",
            Self::AttachOrphan => "Attach orphaned argument to selection",
            Self::FindOrphanQuote => "Find orphaned argument's quote",
            Self::DropOrphan => "Drop orphaned argument",
            Self::ToggleReviewQueue => "Review queue",
            Self::AcceptAllShown => "Accept all shown…",
            Self::RejectAllShown => "Reject all shown…",
            Self::NextProposal => "Next proposal",
            Self::PreviousProposal => "Previous proposal",
            Self::AcceptProposal => "Accept",
            Self::RejectProposal => "Reject",
            Self::EditProposal => "Edit (mark corrected)",
            Self::SuggestDocument => "Suggest spans in this document",
            Self::SuggestAllDocuments => "Suggest spans in all documents",
            Self::SuggestClaimsDocument => "Suggest spans and claims in this document",
            Self::SuggestClaimsAllDocuments => "Suggest spans and claims in all documents",
            Self::RunExtractorDocument => "Run extractor on this document",
            Self::RunExtractorAllDocuments => "Run extractor on all documents",
            Self::CancelJob => "Cancel",
            Self::ShowCalibration => "Calibration…",
            Self::TagAllOccurrencesHere => "Tag all occurrences here",
            Self::TagAllOccurrencesEverywhere => "Tag all occurrences in all documents",
            Self::Renormalize => "Re-normalise values in this document",
            Self::EditPreferences => "Preferences…",
            Self::NextDifference => "Next difference",
            Self::PreviousDifference => "Previous difference",
            Self::TakeTheirs => "Take their version",
            Self::ToggleConflicts => "Merge conflicts",
            Self::TakeOurs => "Take our version",
            Self::KeepBoth => "Keep both versions",
            Self::CloseCompare => "Close comparison",
            Self::ShowEntities => "Entities…",
            Self::ShowLedger => "Claims ledger…",
            Self::ShowShortcuts => "Keyboard shortcuts",
            Self::CommandPalette => "Command palette…",
            Self::ScrollPageDown => "Scroll a page down",
            Self::ScrollPageUp => "Scroll a page up",
            Self::ScrollLineDown => "Scroll a line down",
            Self::ScrollLineUp => "Scroll a line up",
            Self::ScrollToStart => "Go to the start of the article",
            Self::ScrollToEnd => "Go to the end of the article",
            Self::NextPanel => "Next panel",
            Self::PreviousPanel => "Previous panel",
        }
    }

    /// One sentence on what the command does, for tooltips.
    #[allow(clippy::too_many_lines)] // one arm per command, as the table is
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::NewProject => "Start an empty project",
            Self::OpenProject => "Open a project file (.ron)",
            Self::SaveProject => "Save the project to its file",
            Self::SaveProjectAs => "Save the project to a new file",
            Self::AddArticles => "Add news articles (.txt) as documents",
            Self::ImportClaims => "Import a claim/v1 file's claims as proposals to review",
            Self::ImportAnnotations => {
                "Read brat, Label Studio, doccano, Prodigy or INCEpTION (TSV, XMI) files: the format, the mapping and what will come in are shown before anything changes"
            }
            Self::ExportClaims => "Export claims or spans as claim/v1 JSON Lines",
            Self::ExportDataset => {
                "Write the reviewed annotations for another tool (brat, spaCy, Label Studio, doccano, Prodigy, INCEpTION) or as gold fixtures, with a manifest of what the format cannot carry"
            }
            Self::OpenCompare => "Compare with another project or claims file",
            Self::Quit => "Close claimmark (asks about unsaved changes)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change last undone",
            Self::Find => "Find text in this document or all of them",
            Self::FindNext => "Go to the next match",
            Self::FindPrevious => "Go to the previous match",
            Self::CloseFind => "Hide the find bar and its matches",
            Self::DeleteSelectedSpan => "Delete the selected span",
            Self::EditSchema => "Edit labels, claim types and roles",
            Self::NextDocument => "Open the next document",
            Self::PreviousDocument => "Open the previous document",
            Self::PickClaimType => "Start a claim: pick its type with a digit",
            Self::PickRole => "Fill a role of the selected claim: pick it with a digit",
            Self::AttachOrphan => {
                "Put the selected claim's first orphaned argument on the selected span or text"
            }
            Self::FindOrphanQuote => {
                "Select the next place the orphan's quote occurs, nearest its old place first"
            }
            Self::DropOrphan => "Take the selected claim's first orphaned argument out",
            Self::ToggleReviewQueue => {
                "Every proposal of the project in one list, to sort, filter and decide; J/K move through it"
            }
            Self::AcceptAllShown => {
                "Accept every proposal the review queue's filter shows, in one undoable step"
            }
            Self::RejectAllShown => {
                "Reject every proposal the review queue's filter shows, in one undoable step"
            }
            Self::NextProposal => "Go to the next proposal waiting for review",
            Self::PreviousProposal => "Go to the previous proposal waiting for review",
            Self::AcceptProposal => "Accept the selected proposal and go to the next",
            Self::RejectProposal => "Reject the selected proposal and go to the next",
            Self::EditProposal => "Mark the selected proposal corrected and edit it",
            Self::SuggestDocument => "Propose date, count, person and event spans here",
            Self::SuggestAllDocuments => "Propose spans in every document, in the background",
            Self::SuggestClaimsDocument => {
                "Propose spans, then whole claims: each event word with the fillers of its sentence"
            }
            Self::SuggestClaimsAllDocuments => {
                "Propose spans and claims in every document, in the background"
            }
            Self::RunExtractorDocument => {
                "Run the extractor command on this document and import its claims as proposals"
            }
            Self::RunExtractorAllDocuments => {
                "Run the extractor command on every document, in the background, as one run"
            }
            Self::CancelJob => "Stop the work under way; nothing changes",
            Self::ShowCalibration => {
                "How often each extractor's claims were kept, by confidence: where its confidence lies"
            }
            Self::TagAllOccurrencesHere => {
                "Propose every other occurrence of the selected span's text in this document"
            }
            Self::TagAllOccurrencesEverywhere => {
                "Propose every other occurrence of the selected span's text in all documents"
            }
            Self::Renormalize => "Recompute normalised values here (hand-set ones stay)",
            Self::EditPreferences => {
                "Your name (reviews are recorded under it), the theme and your own extractor"
            }
            Self::NextDifference => "Go to the next difference from the other side",
            Self::PreviousDifference => "Go to the previous difference from the other side",
            Self::TakeTheirs => {
                "Take the other side's version of the selected difference (or merge conflict)"
            }
            Self::ToggleConflicts => {
                "List what a merge left for you to decide: both versions of each, N/P to move"
            }
            Self::TakeOurs => {
                "Keep our version of the selected merge conflict (undo brings the conflict back)"
            }
            Self::KeepBoth => {
                "Keep both versions of the selected merge conflict: theirs as a second span, claim or entity"
            }
            Self::CloseCompare => "Stop comparing",
            Self::ShowEntities => "The people, organizations and places of the project",
            Self::ShowLedger => {
                "Every claim across documents grouped into facts, with contradictions, consistency checks and a timeline"
            }
            Self::ShowShortcuts => "List every keyboard shortcut",
            Self::CommandPalette => "Find any command by name and run it",
            Self::ScrollPageDown => "Scroll the article down by a screen",
            Self::ScrollPageUp => "Scroll the article up by a screen",
            Self::ScrollLineDown => "Scroll the article down by a line",
            Self::ScrollLineUp => "Scroll the article up by a line",
            Self::ScrollToStart => "Scroll to the top of the article",
            Self::ScrollToEnd => "Scroll to the bottom of the article",
            Self::NextPanel => {
                "Move the keyboard to the next panel: article, form, review queue (arrows then move between its buttons, Enter presses one)"
            }
            Self::PreviousPanel => "Move the keyboard to the previous panel",
        }
    }

    /// Its shortcuts, the first one shown in menus.
    #[allow(clippy::too_many_lines)] // one arm per command, as the table is
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn one(modifiers: Modifiers, key: Key) -> [KeyboardShortcut; 1] {
            [keys(modifiers, key)]
        }
        const NEW: [KeyboardShortcut; 1] = one(CTRL, Key::N);
        const OPEN: [KeyboardShortcut; 1] = one(CTRL, Key::O);
        const SAVE: [KeyboardShortcut; 1] = one(CTRL, Key::S);
        const SAVE_AS: [KeyboardShortcut; 1] = one(CTRL_SHIFT, Key::S);
        const ADD: [KeyboardShortcut; 1] = one(CTRL_SHIFT, Key::A);
        const IMPORT: [KeyboardShortcut; 1] = one(CTRL, Key::I);
        const EXPORT: [KeyboardShortcut; 1] = one(CTRL, Key::E);
        const QUIT: [KeyboardShortcut; 1] = one(CTRL, Key::Q);
        const UNDO: [KeyboardShortcut; 1] = one(CTRL, Key::Z);
        const REDO: [KeyboardShortcut; 2] = [keys(CTRL_SHIFT, Key::Z), keys(CTRL, Key::Y)];
        const FIND: [KeyboardShortcut; 1] = one(CTRL, Key::F);
        const FIND_NEXT: [KeyboardShortcut; 2] = [keys(NONE, Key::F3), keys(CTRL, Key::G)];
        const FIND_PREVIOUS: [KeyboardShortcut; 2] =
            [keys(SHIFT, Key::F3), keys(CTRL_SHIFT, Key::G)];
        const DELETE: [KeyboardShortcut; 2] = [keys(NONE, Key::Delete), keys(NONE, Key::Backspace)];
        const NEXT_DOCUMENT: [KeyboardShortcut; 2] =
            [keys(CTRL, Key::PageDown), keys(ALT, Key::ArrowDown)];
        const PREVIOUS_DOCUMENT: [KeyboardShortcut; 2] =
            [keys(CTRL, Key::PageUp), keys(ALT, Key::ArrowUp)];
        const CLAIM: [KeyboardShortcut; 1] = one(NONE, Key::C);
        const ROLE: [KeyboardShortcut; 1] = one(NONE, Key::R);
        const ATTACH: [KeyboardShortcut; 1] = one(NONE, Key::O);
        const FIND_QUOTE: [KeyboardShortcut; 1] = one(NONE, Key::L);
        const DROP: [KeyboardShortcut; 1] = one(SHIFT, Key::Delete);
        const NEXT: [KeyboardShortcut; 1] = one(NONE, Key::J);
        const PREVIOUS: [KeyboardShortcut; 1] = one(NONE, Key::K);
        const ACCEPT: [KeyboardShortcut; 1] = one(NONE, Key::A);
        const QUEUE: [KeyboardShortcut; 1] = one(NONE, Key::Q);
        const REJECT: [KeyboardShortcut; 1] = one(NONE, Key::X);
        const EDIT: [KeyboardShortcut; 1] = one(NONE, Key::E);
        const SUGGEST: [KeyboardShortcut; 1] = one(CTRL_SHIFT, Key::P);
        const NEXT_DIFFERENCE: [KeyboardShortcut; 1] = one(NONE, Key::N);
        const PREVIOUS_DIFFERENCE: [KeyboardShortcut; 1] = one(NONE, Key::P);
        const TAKE: [KeyboardShortcut; 1] = one(NONE, Key::T);
        const TAKE_OURS: [KeyboardShortcut; 1] = one(SHIFT, Key::T);
        const KEEP_BOTH: [KeyboardShortcut; 1] = one(NONE, Key::B);
        const CONFLICTS: [KeyboardShortcut; 1] = one(CTRL_SHIFT, Key::M);
        const ENTITIES: [KeyboardShortcut; 1] = one(CTRL_SHIFT, Key::E);
        const LEDGER: [KeyboardShortcut; 1] = one(CTRL_SHIFT, Key::L);
        const HELP: [KeyboardShortcut; 1] = one(NONE, Key::F1);
        const PALETTE: [KeyboardShortcut; 1] = one(CTRL, Key::K);
        const PAGE_DOWN: [KeyboardShortcut; 1] = one(NONE, Key::PageDown);
        const PAGE_UP: [KeyboardShortcut; 1] = one(NONE, Key::PageUp);
        const LINE_DOWN: [KeyboardShortcut; 1] = one(NONE, Key::ArrowDown);
        const LINE_UP: [KeyboardShortcut; 1] = one(NONE, Key::ArrowUp);
        const START: [KeyboardShortcut; 2] = [keys(NONE, Key::Home), keys(CTRL, Key::Home)];
        const END: [KeyboardShortcut; 2] = [keys(NONE, Key::End), keys(CTRL, Key::End)];
        const NEXT_PANEL: [KeyboardShortcut; 1] = one(NONE, Key::Tab);
        const PREVIOUS_PANEL: [KeyboardShortcut; 1] = one(SHIFT, Key::Tab);
        match self {
            Self::NewProject => &NEW,
            Self::OpenProject => &OPEN,
            Self::SaveProject => &SAVE,
            Self::SaveProjectAs => &SAVE_AS,
            Self::AddArticles => &ADD,
            Self::ImportClaims => &IMPORT,
            Self::ExportClaims => &EXPORT,
            Self::Quit => &QUIT,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::Find => &FIND,
            Self::FindNext => &FIND_NEXT,
            Self::FindPrevious => &FIND_PREVIOUS,
            Self::DeleteSelectedSpan => &DELETE,
            Self::NextDocument => &NEXT_DOCUMENT,
            Self::PreviousDocument => &PREVIOUS_DOCUMENT,
            Self::PickClaimType => &CLAIM,
            Self::PickRole => &ROLE,
            Self::AttachOrphan => &ATTACH,
            Self::FindOrphanQuote => &FIND_QUOTE,
            Self::DropOrphan => &DROP,
            Self::ToggleReviewQueue => &QUEUE,
            Self::NextProposal => &NEXT,
            Self::PreviousProposal => &PREVIOUS,
            Self::AcceptProposal => &ACCEPT,
            Self::RejectProposal => &REJECT,
            Self::EditProposal => &EDIT,
            Self::SuggestDocument => &SUGGEST,
            Self::NextDifference => &NEXT_DIFFERENCE,
            Self::PreviousDifference => &PREVIOUS_DIFFERENCE,
            Self::TakeTheirs => &TAKE,
            Self::TakeOurs => &TAKE_OURS,
            Self::KeepBoth => &KEEP_BOTH,
            Self::ToggleConflicts => &CONFLICTS,
            Self::ShowEntities => &ENTITIES,
            Self::ShowLedger => &LEDGER,
            Self::ShowShortcuts => &HELP,
            Self::CommandPalette => &PALETTE,
            Self::ScrollPageDown => &PAGE_DOWN,
            Self::ScrollPageUp => &PAGE_UP,
            Self::ScrollLineDown => &LINE_DOWN,
            Self::ScrollLineUp => &LINE_UP,
            Self::ScrollToStart => &START,
            Self::ScrollToEnd => &END,
            Self::NextPanel => &NEXT_PANEL,
            Self::PreviousPanel => &PREVIOUS_PANEL,
            Self::OpenCompare
            | Self::ImportAnnotations
            | Self::ExportDataset
            | Self::EditSchema
            | Self::AcceptAllShown
            | Self::RejectAllShown
            | Self::SuggestAllDocuments
            | Self::SuggestClaimsDocument
            | Self::SuggestClaimsAllDocuments
            | Self::RunExtractorDocument
            | Self::RunExtractorAllDocuments
            | Self::TagAllOccurrencesHere
            | Self::TagAllOccurrencesEverywhere
            | Self::Renormalize
            | Self::EditPreferences
            | Self::CloseCompare
            | Self::CancelJob
            | Self::ShowCalibration
            | Self::CloseFind => &[],
        }
    }

    /// Its menu, if it has a place in the menu bar.
    pub fn menu(self) -> Option<Menu> {
        Some(match self {
            Self::NewProject
            | Self::OpenProject
            | Self::SaveProject
            | Self::SaveProjectAs
            | Self::AddArticles
            | Self::ImportClaims
            | Self::ImportAnnotations
            | Self::ExportClaims
            | Self::ExportDataset
            | Self::OpenCompare
            | Self::Quit => Menu::File,
            Self::Undo
            | Self::Redo
            | Self::Find
            | Self::FindNext
            | Self::FindPrevious
            | Self::DeleteSelectedSpan
            | Self::EditSchema => Menu::Edit,
            Self::NextDocument | Self::PreviousDocument => Menu::Document,
            Self::PickClaimType
            | Self::PickRole
            | Self::AttachOrphan
            | Self::FindOrphanQuote
            | Self::DropOrphan => Menu::Claim,
            Self::ToggleReviewQueue
            | Self::AcceptAllShown
            | Self::RejectAllShown
            | Self::NextProposal
            | Self::PreviousProposal
            | Self::AcceptProposal
            | Self::RejectProposal
            | Self::EditProposal
            | Self::SuggestDocument
            | Self::SuggestAllDocuments
            | Self::SuggestClaimsDocument
            | Self::SuggestClaimsAllDocuments
            | Self::RunExtractorDocument
            | Self::RunExtractorAllDocuments
            | Self::ShowCalibration
            | Self::TagAllOccurrencesHere
            | Self::TagAllOccurrencesEverywhere
            | Self::Renormalize
            | Self::EditPreferences => Menu::Review,
            Self::NextDifference
            | Self::PreviousDifference
            | Self::TakeTheirs
            | Self::ToggleConflicts
            | Self::TakeOurs
            | Self::KeepBoth
            | Self::ShowEntities
            | Self::ShowLedger => Menu::View,
            Self::ShowShortcuts | Self::CommandPalette => Menu::Help,
            Self::CloseCompare
            | Self::CloseFind
            | Self::CancelJob
            | Self::ScrollPageDown
            | Self::ScrollPageUp
            | Self::ScrollLineDown
            | Self::ScrollLineUp
            | Self::ScrollToStart
            | Self::ScrollToEnd
            | Self::NextPanel
            | Self::PreviousPanel => return None,
        })
    }

    /// Whether it scrolls the article (a focused button's arrow keys move
    /// between buttons instead).
    pub fn scrolls_the_article(self) -> bool {
        matches!(
            self,
            Self::ScrollPageDown
                | Self::ScrollPageUp
                | Self::ScrollLineDown
                | Self::ScrollLineUp
                | Self::ScrollToStart
                | Self::ScrollToEnd
        )
    }

    /// Whether a separator goes above it in its menu.
    pub fn starts_group(self) -> bool {
        matches!(
            self,
            Self::SaveProject
                | Self::AddArticles
                | Self::Quit
                | Self::NextProposal
                | Self::AttachOrphan
        )
    }

    /// Why it cannot run now, or `None` when it can.
    pub fn disabled_reason(self, state: &CommandState) -> Option<&'static str> {
        let needs = |fact: bool, reason| (!fact).then_some(reason);
        match self {
            Self::Undo => needs(state.can_undo, "Nothing to undo."),
            Self::Redo => needs(state.can_redo, "Nothing to redo."),
            Self::DeleteSelectedSpan => needs(state.has_span, "Select a span first."),
            Self::NextDocument
            | Self::PreviousDocument
            | Self::PickClaimType
            | Self::Find
            | Self::ScrollPageDown
            | Self::ScrollPageUp
            | Self::ScrollLineDown
            | Self::ScrollLineUp
            | Self::ScrollToStart
            | Self::ScrollToEnd => needs(state.has_document, "Add or open a document first."),
            Self::PickRole => needs(
                state.has_claim,
                "Select a claim first (in the Claims list, or create one with C).",
            ),
            Self::AcceptProposal | Self::RejectProposal | Self::EditProposal => needs(
                state.has_proposal,
                "Select a proposal first: J goes to the next one.",
            ),
            Self::SuggestDocument
            | Self::SuggestAllDocuments
            | Self::SuggestClaimsAllDocuments
            | Self::RunExtractorAllDocuments
            | Self::ImportClaims
            | Self::ImportAnnotations => {
                needs(!state.busy, "Wait for the work under way to finish.")
            }
            Self::SuggestClaimsDocument | Self::RunExtractorDocument => {
                if state.busy {
                    Some("Wait for the work under way to finish.")
                } else {
                    needs(state.has_document, "Add or open a document first.")
                }
            }
            Self::CancelJob => needs(state.busy, "No work is under way."),
            Self::AttachOrphan | Self::FindOrphanQuote | Self::DropOrphan => needs(
                state.has_orphan,
                "Select a claim with an orphaned argument (the queue's Orphans filter lists them).",
            ),
            Self::CloseCompare => needs(state.comparing, "Nothing is being compared."),
            Self::ToggleConflicts => needs(
                state.has_conflicts,
                "The project has no merge conflicts (claimmark merge and git merges leave them).",
            ),
            Self::TakeOurs | Self::KeepBoth => needs(
                state.conflict_selected,
                "Open the merge conflicts (Ctrl+Shift+M) and select one.",
            ),
            Self::AcceptAllShown | Self::RejectAllShown => needs(
                state.queue_has_rows,
                "Open the review queue (Q) with a filter that shows proposals.",
            ),
            Self::NewProject
            | Self::NextPanel
            | Self::PreviousPanel
            | Self::CommandPalette
            | Self::OpenProject
            | Self::SaveProject
            | Self::SaveProjectAs
            | Self::AddArticles
            | Self::ExportClaims
            | Self::ExportDataset
            | Self::OpenCompare
            | Self::Quit
            | Self::FindNext
            | Self::FindPrevious
            | Self::CloseFind
            | Self::EditSchema
            | Self::ToggleReviewQueue
            | Self::NextProposal
            | Self::PreviousProposal
            | Self::TagAllOccurrencesHere
            | Self::TagAllOccurrencesEverywhere
            | Self::Renormalize
            | Self::EditPreferences
            | Self::NextDifference
            | Self::PreviousDifference
            | Self::TakeTheirs
            | Self::ShowEntities
            | Self::ShowLedger
            | Self::ShowCalibration
            | Self::ShowShortcuts => None,
        }
    }

    /// The tooltip with the shortcut, as buttons show it.
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        match self.shortcuts().first() {
            Some(shortcut) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(shortcut)),
            None => self.tooltip().to_owned(),
        }
    }

    /// Its shortcuts as text ("Ctrl+Shift+Z or Ctrl+Y"), for the F1 list.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        let shortcuts = self.shortcuts();
        (!shortcuts.is_empty()).then(|| {
            shortcuts
                .iter()
                .map(|s| ctx.format_shortcut(s))
                .collect::<Vec<_>>()
                .join(" or ")
        })
    }
}

/// Every (shortcut, command), those with more modifiers first: egui
/// matches shortcuts loosely, so Ctrl+Shift+Z must be tried before Ctrl+Z.
/// Built once.
pub fn shortcut_table() -> &'static [(KeyboardShortcut, UiCommand)] {
    static TABLE: LazyLock<Vec<(KeyboardShortcut, UiCommand)>> = LazyLock::new(|| {
        let mut table: Vec<(KeyboardShortcut, UiCommand)> = UiCommand::ALL
            .iter()
            .flat_map(|command| command.shortcuts().iter().map(|s| (*s, *command)))
            .collect();
        table.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        table
    });
    &TABLE
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.alt)
        + u8::from(modifiers.shift)
        + u8::from(modifiers.command || modifiers.ctrl)
}

/// Whether a shortcut is a bare key (or Shift+key) that must not fire while
/// the user types into a text field.
pub fn is_typing_key(shortcut: &KeyboardShortcut) -> bool {
    // Ctrl+Home and Ctrl+End move the cursor in a text field too.
    let field_key = matches!(shortcut.logical_key, Key::Home | Key::End);
    field_key
        || (!shortcut.modifiers.command
            && !shortcut.modifiers.ctrl
            && !shortcut.modifiers.alt
            && !matches!(shortcut.logical_key, Key::F1 | Key::F3))
}

#[cfg(test)]
#[path = "ui_command_tests.rs"]
mod tests;
