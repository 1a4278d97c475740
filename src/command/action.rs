//! Actions that carry data: what a panel, a dialog or a modal asks for
//! beyond the fixed [`UiCommand`](super::UiCommand)s.

use std::path::PathBuf;

use claimmark_core::edit::Edit;
use claimmark_core::review::{Proposal, QueueFilter, QueueSort};
use claimmark_core::storage::recovery::RecoveryCopy;

use super::{Command, DialogRequest};
use claimmark_core::model::{
    CharRange, ClaimId, DocId, DocStatus, EntityId, Name, ReviewStatus, SpanId,
};

/// What the export dialog chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportChoice {
    pub statuses: Vec<ReviewStatus>,
    /// One line per span instead of per claim.
    pub spans: bool,
}

/// What to do with an argument that did not re-attach on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrphanFix {
    /// Put it on the selected span or text.
    AttachToSelection,
    /// Select the next place its quote occurs (nearest its old place
    /// first), for `AttachToSelection` to put it there.
    FindQuote,
    Drop,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // Files
    OpenDialog(DialogRequest),
    /// "Save changes?" answered Save: save, then run the command.
    SaveThen(Box<Command>),
    /// "Save changes?" answered Don't save: run the command without asking.
    DiscardChangesThen(Box<Command>),
    RestoreRecovery {
        copy: RecoveryCopy,
        project: Option<PathBuf>,
    },
    DiscardRecovery(PathBuf),
    /// The file changed on disk: read it again, dropping unsaved changes.
    ReloadFromDisk,
    /// The file changed on disk: merge that version into ours, three ways
    /// (conflicts become records to resolve); then save when the save was
    /// what noticed the change.
    MergeFromDisk {
        then_save: bool,
    },
    /// Resolves merge conflict `index` as chosen, one undoable step.
    ResolveConflict(usize, claimmark_core::merge::Resolution),
    /// Shows merge conflict `index`.
    SelectConflict(usize),
    /// The file changed on disk: keep working on this version; the next save
    /// replaces the one on disk.
    KeepMineOverDisk,
    /// The file changed on disk: ask again only if it changes again.
    DismissDiskChange,
    /// The analyst's name, as reviews record it.
    SetAnalyst(String),
    /// The Preferences dialog's fields, saved.
    SetPreferences(Box<crate::view::Preferences>),
    /// The analyst allowed the project's extractor command: remember it
    /// for this project file and run it on these documents.
    AllowExtractor(claimmark_core::model::ExtractorConfig, Vec<DocId>),
    // Files, once the path is known
    OpenProjectAt(PathBuf),
    SaveProjectTo(PathBuf),
    AddArticlesFrom(Vec<PathBuf>),
    ImportClaimsFrom(PathBuf),
    /// Reads other tools' files and shows what importing them would do.
    PreviewImport(Vec<PathBuf>),
    /// The import preview again, with these names mapped.
    RefreshImport(Box<claimmark_core::interop::Options>),
    /// Imports what the preview showed, as one undoable step.
    ConfirmImport(Box<claimmark_core::interop::Options>),
    ExportClaimsTo(PathBuf, ExportChoice),
    ExportFixturesTo(PathBuf, ExportChoice),
    /// Fixtures into a folder that already holds files, as the analyst
    /// confirmed.
    ExportFixturesReplacing(PathBuf, ExportChoice),
    /// `claimmark dataset` into the folder.
    ExportDatasetTo(PathBuf, claimmark_core::dataset::Format),
    /// Writes the claims ledger, as `claimmark ledger --json/--csv -o` does.
    ExportLedgerTo(PathBuf, claimmark_core::ledger::LedgerFormat),
    CompareWith(PathBuf),
    // Finding
    SetFindQuery(String),
    SetFindAllDocuments(bool),
    // Documents
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
    /// Opens a document at a claim, selected, its quote scrolled into view.
    GoToClaim(DocId, ClaimId),
    /// Opens the entities window at a person's history across documents.
    ShowHistory(claimmark_core::model::EntityId),
    /// Delete a span, taking it out of the claims that use it.
    DeleteSpanFromClaims(SpanId),
    // Claims
    NewClaim(Name),
    /// The drafted claim: show the type at this row of its list.
    DraftType(usize),
    /// The drafted claim: the next filler of this row (0 the trigger).
    DraftCycle(usize),
    /// Creates the drafted claim, one undoable edit.
    CreateDraft,
    CancelDraft,
    /// Adds to the selected claim the arguments the text selection fits.
    AddFittingArguments,
    SelectClaim(Option<ClaimId>),
    DeleteClaim(ClaimId),
    /// Changes a claim's type (arguments in roles the type lacks go).
    ChangeClaimType(ClaimId, Name),
    /// Fills a role of the selected claim with the selected span (tagging
    /// the text selection first when there is no span).
    FillRole(Name),
    RemoveArgument(ClaimId, usize),
    /// Does something with a claim's orphaned argument (by index).
    FixOrphan(ClaimId, usize, OrphanFix),
    /// Only claims of this status and type in the claims list.
    FilterClaims(Option<ReviewStatus>, Option<Name>),
    // Entities
    LinkSpanToEntity(SpanId, EntityId),
    NewEntityFromSpan(SpanId),
    UnlinkSpan(SpanId),
    RenameEntity(EntityId, String),
    /// Links every unlinked mention that matches the entity.
    LinkMatchingMentions(EntityId),
    /// Merges the second entity into the first.
    MergeEntities(EntityId, EntityId),
    // Comparing
    /// Takes their version of this difference.
    TakeTheirsAt(usize),
    // The review queue
    /// Goes to a row of the queue: its document, its quotes.
    SelectQueueRow(DocId, Proposal),
    SetQueueFilter(Box<QueueFilter>),
    SetQueueSort(QueueSort),
    /// Confirmed: gives every row the queue shows this status.
    DecideAllShown(ReviewStatus),
    SelectDifference(usize),
    /// Any other change, already made into an edit (form fields, schema
    /// editor), described for the Edit menu.
    Apply(Box<Edit>, String),
}

impl Action {
    /// The file or folder it was given and the kind of file
    /// (`DialogRequest::kind`), so the folder is offered next time.
    pub fn chosen_path(&self) -> Option<(&'static str, &std::path::Path)> {
        match self {
            Self::OpenProjectAt(path) | Self::SaveProjectTo(path) => Some(("project", path)),
            Self::AddArticlesFrom(paths) => paths.first().map(|p| ("articles", p.as_path())),
            Self::PreviewImport(paths) => paths.first().map(|p| ("annotations", p.as_path())),
            Self::ImportClaimsFrom(path) | Self::ExportClaimsTo(path, _) => Some(("claims", path)),
            Self::ExportFixturesTo(path, _) | Self::ExportFixturesReplacing(path, _) => {
                Some(("fixtures", path))
            }
            Self::CompareWith(path) => Some(("compare", path)),
            Self::ExportDatasetTo(path, _) => Some(("dataset", path)),
            Self::ExportLedgerTo(path, _) => Some(("ledger", path)),
            _ => None,
        }
    }

    /// An action that applies an edit, described for the Edit menu.
    pub fn apply(edit: Edit, description: impl Into<String>) -> Self {
        Self::Apply(Box::new(edit), description.into())
    }
}
