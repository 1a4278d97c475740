//! The annotation rules: what a new span's value and entity are, and the
//! edits that tagging, relabelling, claims, roles, type changes,
//! corrections and taking the other side's version make.
//!
//! Each rule is a function of the project (and what the analyst selected)
//! that returns an [`Edit`](crate::edit::Edit) or says why not; nothing here
//! applies an edit. The window, the CLI, the importer and the suggester call
//! the same functions, so the same span gets the same value whoever made it.
//!
//! - `values`: a span's normalised value and entity ([`with_normalized_value`]),
//!   the normaliser's question for the analyst, linking matching mentions,
//!   re-reading relative dates when the publication date changes.
//! - `spans`: tagging a range, relabelling a span.
//! - `claims`: a new claim, filling a role, changing a claim's type.
//! - `draft`: a claim drafted from selected text (type, trigger, fillers),
//!   and the arguments a selection adds to a claim.
//! - `orphans`: imported arguments that did not re-attach: attach, place
//!   at the nearest occurrence of the quote, drop.
//! - `correction`: an analyst's change to a proposal marks it corrected.
//! - `theirs`: one document compared with another annotation of it, and
//!   the edit that takes their version of a difference.

mod claims;
mod correction;
mod draft;
mod error;
mod orphans;
mod spans;
mod theirs;
mod values;

#[cfg(test)]
mod tests;

pub use claims::{FillTarget, FilledRole, NewClaim, change_claim_type, fill_role, new_claim};
pub use correction::with_correction;
pub use draft::{ClaimDraft, RoleChoice, fitting_arguments};
pub(crate) use draft::{filler_rank, on_preferred_side};
pub use error::AnnotateError;
pub use orphans::{attach_orphan, drop_orphan, orphan_places};
pub use spans::{Tagged, relabel, tag};
pub use theirs::{
    DocumentComparison, Row, claims_as_project, compare_document, row_range, take_theirs,
    their_document,
};
pub use values::{
    link_matching_mentions, matching_mentions, needs_analyst, normalized_span, unlink,
    with_normalized_value, with_renormalized_dates,
};
