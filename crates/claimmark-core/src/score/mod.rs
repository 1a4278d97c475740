//! Scoring extractions against gold, and agreement between analysts.
//!
//! No GUI; functions take annotations and return reports, which [`table`]
//! alone formats as text (JSON comes from the reports' `Serialize`).
//!
//! - [`annotations`]: what is compared — per document, labelled spans and
//!   claims whose arguments carry canonical values (`canon`); built from
//!   a project or read by [`input`] from claim/v1 files and fixtures.
//! - `pairing`: which document goes with which.
//! - `spans`, `claims`: one-to-one matching of spans (exact, partial)
//!   and alignment of claims, both through `assign` (Kuhn–Munkres per
//!   connected component).
//! - [`report`]: `score` — precision, recall, F1 (`metrics`) per label,
//!   claim type and role.
//! - [`table`]: the text tables of `score` and `agree`.
//! - [`compare`]: one document's annotations against another's, item by
//!   item: what a compare view shows.
//! - [`agree`]: two analysts' projects — span F1, Cohen's kappa over
//!   tokens, claim agreement and the list of disagreements.
//!
//! docs/scoring.md explains every counting rule.

pub mod agree;
pub mod annotations;
mod assign;
pub(crate) mod canon;
mod claims;
pub mod compare;
pub mod input;
mod metrics;
mod pairing;
pub mod report;
mod spans;
pub mod table;
#[cfg(test)]
mod testing;

pub use annotations::{ArgAnn, ClaimAnn, Corpus, DocAnnotations, SpanAnn, StatusFilter};
pub use compare::{ClaimDiff, DocComparison, SpanDiff, compare_documents, compare_in_projects};
pub use metrics::{PartialTally, Tally};
pub use pairing::{PairBy, TextMismatch};
pub use report::{Metric, ScoreOptions, ScoreReport, score};
