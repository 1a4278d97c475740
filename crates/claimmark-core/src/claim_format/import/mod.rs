//! A claims file into a project, in two steps so that a window can do the
//! slow part on a worker thread:
//!
//! 1. [`read_claims_file`] streams the file line by line (bounded memory,
//!    progress reported), checks each line, matches it to a document and
//!    re-attaches its anchors. The project is only read.
//! 2. [`Prepared::into_edit`] turns that into one [`Edit::Batch`] against
//!    the project as it is then (new span and claim ids, reuse of existing
//!    spans, schema checks) and the final [`ImportReport`]. Applying the edit
//!    is one undoable step.
//!
//! A bad line never stops the import: it is reported with its line number
//! and the good lines still import. Nothing already in the project changes.
//!
//! ```no_run
//! # fn demo(session: &mut claimmark_core::session::Session) -> Result<(), Box<dyn std::error::Error>> {
//! use claimmark_core::claim_format::import;
//! let prepared = import::read_claims_file(
//!     std::path::Path::new("claims.jsonl"),
//!     session.project(),
//!     &|read, total| eprintln!("{read} of {total} bytes"),
//! )?;
//! let import = prepared.into_edit(session.project());
//! if !import.is_empty() {
//!     session.apply(import.edit, "Import claims")?;
//! }
//! for line in import.report.lines() {
//!     eprintln!("{line}");
//! }
//! # Ok(()) }
//! ```

mod duplicates;
mod into_edit;
mod place;
mod read;
mod run_marks;

use std::io;
use std::path::PathBuf;

use serde::Serialize;

use crate::claim_format::line::LineError;
use crate::edit::Edit;
use crate::model::CharRange;
use crate::model::document::{DocId, ImplicitArgument, OrphanArgument};
use crate::model::review::{Confidence, Provenance, ReviewStatus};
use crate::model::schema::Name;
use crate::model::value::Value;

pub use into_edit::Duplicates;
pub use read::{CheckReport, check_claims, read_claims, read_claims_file};
pub use run_marks::RunReport;

/// Progress is reported about every this many bytes.
const PROGRESS_EVERY_BYTES: u64 = 1 << 20;

/// A claims file that could not be read at all. (Problems with single lines
/// are in the [`ImportReport`] instead.)
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

/// A message about one line of the claims file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineMessage {
    pub line: u64,
    /// The column (in chars) for JSON errors; `None` when the whole line is
    /// meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl LineMessage {
    /// A line's problem, with its column when it is not the first.
    fn of_error(line: u64, error: LineError) -> Self {
        Self {
            line,
            column: (error.column > 1).then_some(error.column),
            message: error.message,
        }
    }
}

/// What an import did, for the window and the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The claims file, as given.
    pub file: String,
    /// Lines read, blank ones included.
    pub lines_read: u64,
    /// Claims imported.
    pub claims: usize,
    /// Spans made for their arguments.
    pub new_spans: usize,
    /// Arguments that reused a span already there.
    pub reused_spans: usize,
    /// Arguments stated nowhere in the text (null anchor).
    pub implicit: usize,
    /// Anchors found at their offsets.
    pub anchors_kept: usize,
    /// Anchors whose text was found elsewhere.
    pub anchors_moved: usize,
    /// Anchors matched approximately (listed in `notices`).
    pub anchors_fuzzy: usize,
    /// Arguments kept on their claim as orphans (listed in `notices`).
    pub orphans: usize,
    /// Lines not imported because the project (or an earlier line) already
    /// has their claim, naming it.
    pub duplicates: Vec<LineMessage>,
    /// Lines imported whose claim resembles one already there (same type
    /// and trigger, other arguments), naming it.
    pub near_duplicates: Vec<LineMessage>,
    /// The import as an extractor run, compared with earlier runs of the
    /// same programs; `None` when there was none to compare with.
    pub run: Option<RunReport>,
    /// Lines (or parts of lines) not imported, and why.
    pub problems: Vec<LineMessage>,
    /// What was imported but needs a look: orphans, approximate matches.
    pub notices: Vec<LineMessage>,
}

impl ImportReport {
    /// Every problem and notice as `file:line: message` (with `:col` for
    /// JSON errors), in line order.
    pub fn lines(&self) -> Vec<String> {
        let mut all: Vec<&LineMessage> = self
            .problems
            .iter()
            .chain(&self.notices)
            .chain(&self.duplicates)
            .chain(&self.near_duplicates)
            .collect();
        all.sort_by_key(|message| message.line);
        let file = crate::text_shown::shown(&self.file);
        all.into_iter()
            .map(|message| {
                let text = crate::text_shown::shown(&message.message);
                match message.column {
                    Some(column) => format!("{file}:{}:{column}: {text}", message.line),
                    None => format!("{file}:{}: {text}", message.line),
                }
            })
            .collect()
    }

    /// One sentence: what was imported, what was not.
    pub fn summary(&self) -> String {
        format!(
            "{}: imported {} claim(s) ({} new span(s), {} reused, {} implicit argument(s)); {} duplicate(s) skipped, {} near-duplicate(s), {} orphan(s), {} approximate match(es), {} problem(s)",
            self.file,
            self.claims,
            self.new_spans,
            self.reused_spans,
            self.implicit,
            self.duplicates.len(),
            self.near_duplicates.len(),
            self.orphans,
            self.anchors_fuzzy,
            self.problems.len()
        )
    }

    /// What changed since the programs' earlier runs, per document, when
    /// there were earlier runs.
    pub fn run_lines(&self) -> Vec<String> {
        self.run.as_ref().map_or_else(Vec::new, |run| {
            let mut lines = vec![format!(
                "run {} of {}, compared with the claims earlier runs left:",
                run.number,
                run.agents.join(", ")
            )];
            lines.extend(run.changes.lines());
            lines
        })
    }

    fn problem(&mut self, line: u64, message: String) {
        self.problems.push(LineMessage {
            line,
            column: None,
            message,
        });
    }

    fn notice(&mut self, line: u64, message: String) {
        self.notices.push(LineMessage {
            line,
            column: None,
            message,
        });
    }
}

/// An argument re-attached to a place in the text.
#[derive(Debug, Clone)]
struct PlacedArgument {
    role: Name,
    range: CharRange,
    /// `None` for the trigger, which has no value in claim/v1.
    value: Option<Value>,
    /// Where in the line, for messages.
    at: ArgAt,
}

/// Where an argument is in its line, for messages: `trigger`, `args[2]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArgAt {
    Trigger,
    Arg(usize),
    Orphan(usize),
    Implicit,
    KeptOrphan,
}

impl std::fmt::Display for ArgAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Trigger => f.write_str("trigger"),
            Self::Arg(i) => write!(f, "args[{i}]"),
            Self::Orphan(i) => write!(f, "ext.claimmark.orphans[{i}]"),
            Self::Implicit => f.write_str("an implicit argument"),
            Self::KeptOrphan => f.write_str("an orphan argument"),
        }
    }
}

/// A checked, anchored line, not yet tied to ids in the project.
#[derive(Debug, Clone)]
struct PreparedClaim {
    line: u64,
    doc: DocId,
    doc_sha256: [u8; 32],
    external_id: String,
    original: String,
    claim_type: Name,
    arguments: Vec<PlacedArgument>,
    implicit: Vec<ImplicitArgument>,
    orphans: Vec<OrphanArgument>,
    status: ReviewStatus,
    confidence: Option<Confidence>,
    provenance: Provenance,
    note: String,
}

/// A claims file read and anchored against a project's texts, ready to
/// become an edit ([`Prepared::into_edit`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    claims: Vec<PreparedClaim>,
    report: ImportReport,
}

/// The result of an import: one edit to apply as one undoable step, and the
/// report to show.
#[derive(Debug, Clone)]
pub struct ImportEdit {
    /// An [`Edit::Batch`] of `InsertSpan` and `InsertClaim` edits.
    pub edit: Edit,
    pub report: ImportReport,
}

impl ImportEdit {
    /// True when there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        matches!(&self.edit, Edit::Batch(edits) if edits.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::into_edit::{accepted_labels, linked_entity, new_span_label};
    use super::*;
    use crate::model::value::{CountModifier, CountValue};
    use crate::model::{EntityId, Project, Schema, ValueKind};

    #[test]
    fn new_spans_are_labelled_by_value_kind_then_role() {
        let schema = Schema::default_news();
        let role_of = |claim_type: &str, role: &str| {
            schema
                .claim_type(&Name::parse(claim_type).unwrap())
                .and_then(|ty| ty.role(&Name::parse(role).unwrap()))
        };
        let count = Value::Count(CountValue {
            number: Some(3),
            modifier: CountModifier::Exact,
            lower: None,
            upper: None,
        });
        let text = Value::Text { text: "x".into() };
        let organization = Value::Organization {
            name: "Viasna".into(),
            entity_id: None,
        };
        let table: [(&str, &str, Option<&Value>, &str); 6] = [
            // The role accepts person and organization: the kind decides.
            ("release", "actor", Some(&organization), "organization"),
            // A text value in a role that names labels: its first label.
            ("release", "date", Some(&text), "date"),
            ("release", "actor", Some(&text), "person"),
            // The trigger has no value: the event label.
            ("release", "trigger", None, "event"),
            // A role that accepts any label: the label of the value's kind.
            ("sentence", "term", Some(&count), "count"),
            // No label of kind text in the schema: the first label.
            ("sentence", "charge", Some(&text), "person"),
        ];
        for (claim_type, role, value, expected) in table {
            let role = role_of(claim_type, role);
            let candidates = accepted_labels(&schema, role);
            let label = new_span_label(&schema, role, &candidates, value.map(Value::kind));
            assert_eq!(label.unwrap().as_str(), expected, "{claim_type} {role:?}");
        }
    }

    #[test]
    fn entity_ids_link_only_to_entities_of_the_same_kind() {
        let mut project = Project::default();
        project.entities.push(crate::model::Entity {
            id: EntityId(4),
            kind: ValueKind::Person,
            name: "Ales Bialiatski".into(),
            aliases: Vec::new(),
        });
        let person = |id: &str| Value::Person {
            name: "Ales Bialiatski".into(),
            entity_id: Some(id.into()),
        };
        assert_eq!(linked_entity(&project, &person("e4")), Some(EntityId(4)));
        assert_eq!(linked_entity(&project, &person("e5")), None);
        assert_eq!(linked_entity(&project, &person("ales")), None);
        let place = Value::Place {
            name: "Minsk".into(),
            entity_id: Some("e4".into()),
        };
        assert_eq!(linked_entity(&project, &place), None);
    }
}
