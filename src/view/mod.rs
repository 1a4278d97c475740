//! What the analyst is looking at: the view state panels read and the
//! app's execute step changes. No panel code and no app code here, so that
//! both can depend on it without depending on each other.

mod compare;
mod conflicts;
mod ledger;
mod modal;
mod queue;
mod summaries;

use std::time::Instant;

use claimmark_core::model::{CharRange, ClaimId, DocId, Name, ReviewStatus, SpanId};

pub use compare::CompareState;
pub use conflicts::ConflictsView;
pub use ledger::{LedgerCache, LedgerChanges};
pub use modal::{ImportPreview, Modal, Preferences};
pub use queue::QueueState;
pub use summaries::{DocumentSummaries, DocumentSummary};

/// What the analyst is looking at and has selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub document: Option<DocId>,
    /// Text selected in the article, not yet a span.
    pub selection: Option<CharRange>,
    pub span: Option<SpanId>,
    pub claim: Option<ClaimId>,
    /// Scroll the article to this range on the next frame.
    pub scroll_to: Option<CharRange>,
    /// Scroll the article by the keyboard on the next frame.
    pub scroll_by: Option<ArticleScroll>,
    /// A keyboard picker waiting for a digit.
    pub picker: Option<Picker>,
    /// A claim drafted from the selection (C), previewed in the form until
    /// Enter creates it or Escape drops it.
    pub draft: Option<DraftState>,
    /// Where Tab put the keyboard; `None` until the first Tab (the article).
    pub panel: Option<KeyboardPanel>,
    /// Give the first button of `panel` the keyboard focus next frame.
    pub focus_panel_widget: bool,
}

/// The panels Tab and Shift+Tab move the keyboard between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyboardPanel {
    Article,
    Form,
    Queue,
}

impl KeyboardPanel {
    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Form => "form",
            Self::Queue => "review queue",
        }
    }
}

/// The drafted claim and the project revision it was drafted on: any other
/// change drops it, so it never points at spans that are gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftState {
    pub draft: claimmark_core::annotate::ClaimDraft,
    pub revision: u64,
}

/// A keyboard scroll of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleScroll {
    /// Lines down (negative: up).
    Lines(i32),
    /// Pages down (negative: up).
    Pages(i32),
    Start,
    End,
}

/// Two-key commands: C then a digit picks a claim type, R then a digit a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picker {
    Role,
}

/// The find bar.
#[derive(Debug, Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub all_documents: bool,
    pub matches: Vec<(DocId, CharRange)>,
    pub current: Option<usize>,
    /// (query, all documents, project revision, document) the matches are for.
    pub(crate) computed_for: Option<(String, bool, u64, Option<DocId>)>,
    pub focus_requested: bool,
}

/// The claims list's filter: a status and a claim type, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimsFilter {
    pub status: Option<ReviewStatus>,
    pub claim_type: Option<Name>,
}

/// A line in the status bar.
#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
    pub at: Instant,
}
