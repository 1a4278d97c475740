//! What every reader produces before anything touches the project: the
//! documents of another tool's files with their spans and claims in that
//! tool's own offsets, labels and roles, each with where it was read.

use std::fmt;

use crate::model::ReviewStatus;

use super::offsets::OffsetUnit;

/// Where something was read: a file and a line, or a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    /// `[3].annotations[0].result[2]` for JSON.
    pub path: Option<String>,
}

impl Location {
    pub fn line(file: &str, line: usize) -> Self {
        Self {
            file: file.to_owned(),
            line: Some(line),
            path: None,
        }
    }

    pub fn json(file: &str, line: Option<usize>, path: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            path: Some(path.into()),
        }
    }

    pub fn file(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            path: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::text_shown::shown(&self.file);
        match (self.line, &self.path) {
            (Some(line), Some(path)) => write!(f, "{file}:{line}: {path}"),
            (Some(line), None) => write!(f, "{file}:{line}"),
            (None, Some(path)) => write!(f, "{file}: {path}"),
            (None, None) => write!(f, "{file}"),
        }
    }
}

/// Something not imported, and why (one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub at: Location,
    pub why: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, crate::text_shown::shown(&self.why))
    }
}

/// A span as the other tool wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignSpan {
    /// Its id in the file (`T3`, a Label Studio result id, a list index).
    pub key: String,
    /// Offsets in the file's unit, into `ForeignDocument::text`.
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// The text the file says it covers, when it says.
    pub covered: Option<String>,
    pub status: ReviewStatus,
    /// A model's score, for predictions.
    pub confidence: Option<f64>,
    pub note: String,
    pub at: Location,
}

/// A claim: an event (brat E line) or a trigger's relations.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignClaim {
    /// Its id in the file (`E2`), for notes that refer to it.
    pub key: String,
    pub claim_type: String,
    /// The trigger span's key, if any.
    pub trigger: Option<String>,
    /// (role, span key), in the file's order.
    pub arguments: Vec<(String, String)>,
    pub status: ReviewStatus,
    pub confidence: Option<f64>,
    pub at: Location,
}

/// A labelled link between two spans (brat R, Label Studio and doccano
/// relations): an argument of the claim its `from` span triggers.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignRelation {
    pub label: String,
    pub from: String,
    pub to: String,
    pub at: Location,
}

/// One document of another tool's files.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignDocument {
    /// For the document id and title when it is new (a file stem, a task id).
    pub name: String,
    /// The file it came from.
    pub source: String,
    /// The text exactly as the tool counted in it (CRLF and BOM included).
    pub text: String,
    pub unit: OffsetUnit,
    pub spans: Vec<ForeignSpan>,
    pub claims: Vec<ForeignClaim>,
    pub relations: Vec<ForeignRelation>,
    /// Agent of predictions (a model version), if the file names one.
    pub model: Option<String>,
    /// The file does not hold the white space between sentences (`WebAnno`
    /// TSV): `text` has its own there, so the document it matches is the
    /// one equal to it but for white space, char by char.
    pub spacing_rebuilt: bool,
    /// What the tool said about the whole document (Label Studio's task
    /// choices and text areas): the document's note.
    pub note: String,
    pub at: Location,
}
