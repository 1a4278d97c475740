//! Conflicts a merge could not decide: both sides changed the same thing
//! differently. Each keeps both versions, so nothing is lost until a person
//! picks; the project holds one of them in place meanwhile (ours, or
//! theirs where ours removed it).

use std::fmt::{self, Write as _};

use super::document::{Claim, DocId, DocStatus, Document, Span};
use super::entity::Entity;
use super::project::ExtractorConfig;
use super::schema::{ClaimTypeDef, LabelDef};

/// Which side of a merge a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        }
    }
}

/// A document's own fields, apart from its text and annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    pub title: String,
    pub source: String,
    pub published: Option<time::Date>,
    pub status: DocStatus,
    pub note: String,
}

impl DocumentInfo {
    pub fn of(doc: &Document) -> Self {
        Self {
            title: doc.title.clone(),
            source: doc.source.clone(),
            published: doc.published,
            status: doc.status,
            note: doc.note.clone(),
        }
    }
}

/// What the two sides disagree on, with both versions. `None` is "removed
/// on that side".
// Conflicts are few and short-lived: boxing the larger versions would only
// add noise where they are built and read.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConflictItem {
    Span {
        doc: DocId,
        ours: Option<Span>,
        theirs: Option<Span>,
    },
    Claim {
        doc: DocId,
        ours: Option<Claim>,
        theirs: Option<Claim>,
    },
    /// The document's fields, or the document removed on one side and
    /// changed on the other.
    Document {
        doc: DocId,
        ours: Option<DocumentInfo>,
        theirs: Option<DocumentInfo>,
    },
    /// The same document id with different texts: theirs is kept as a
    /// second document, `theirs`, beside ours.
    DocumentText { doc: DocId, theirs: DocId },
    Entity {
        ours: Option<Entity>,
        theirs: Option<Entity>,
    },
    Label {
        ours: Option<LabelDef>,
        theirs: Option<LabelDef>,
    },
    ClaimType {
        ours: Option<ClaimTypeDef>,
        theirs: Option<ClaimTypeDef>,
    },
    Extractor {
        ours: Option<ExtractorConfig>,
        theirs: Option<ExtractorConfig>,
    },
}

/// A conflict record, kept in the project file until resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub item: ConflictItem,
    /// What the sides changed differently ("label", "review", "removed"),
    /// for the person deciding.
    pub fields: Vec<String>,
}

impl Conflict {
    /// The document the conflict is in, if it is in one.
    pub fn document(&self) -> Option<&DocId> {
        match &self.item {
            ConflictItem::Span { doc, .. }
            | ConflictItem::Claim { doc, .. }
            | ConflictItem::Document { doc, .. }
            | ConflictItem::DocumentText { doc, .. } => Some(doc),
            _ => None,
        }
    }

    /// Whether "keep both" makes sense: two versions of an annotation or
    /// entity that can live side by side, or two texts.
    pub fn can_keep_both(&self) -> bool {
        match &self.item {
            ConflictItem::Span { ours, theirs, .. } => ours.is_some() && theirs.is_some(),
            ConflictItem::Claim { ours, theirs, .. } => ours.is_some() && theirs.is_some(),
            ConflictItem::Entity { ours, theirs } => ours.is_some() && theirs.is_some(),
            ConflictItem::DocumentText { .. } => true,
            _ => false,
        }
    }

    /// What is in conflict, in a few words: "span s3 in amnesty".
    pub fn subject(&self) -> String {
        let either = |o: Option<String>, t: Option<String>| o.or(t).unwrap_or_default();
        match &self.item {
            ConflictItem::Span { doc, ours, theirs } => format!(
                "span {} in {doc}",
                either(
                    ours.as_ref().map(|s| s.id.to_string()),
                    theirs.as_ref().map(|s| s.id.to_string())
                )
            ),
            ConflictItem::Claim { doc, ours, theirs } => format!(
                "claim {} in {doc}",
                either(
                    ours.as_ref().map(|c| c.id.to_string()),
                    theirs.as_ref().map(|c| c.id.to_string())
                )
            ),
            ConflictItem::Document { doc, .. } => format!("document {doc}"),
            ConflictItem::DocumentText { doc, theirs } => {
                format!("the text of document {doc} (theirs kept as {theirs})")
            }
            ConflictItem::Entity { ours, theirs } => format!(
                "entity {}",
                either(
                    ours.as_ref().map(|e| format!("{} “{}”", e.id, e.name)),
                    theirs.as_ref().map(|e| format!("{} “{}”", e.id, e.name))
                )
            ),
            ConflictItem::Label { ours, theirs } => format!(
                "label {}",
                either(
                    ours.as_ref().map(|l| l.name.to_string()),
                    theirs.as_ref().map(|l| l.name.to_string())
                )
            ),
            ConflictItem::ClaimType { ours, theirs } => format!(
                "claim type {}",
                either(
                    ours.as_ref().map(|c| c.name.to_string()),
                    theirs.as_ref().map(|c| c.name.to_string())
                )
            ),
            ConflictItem::Extractor { .. } => "the extractor command".to_owned(),
        }
    }

    /// One side's version in a few words, for the list: "person", "removed".
    pub fn version(&self, side: Side) -> String {
        let is_ours = side == Side::Ours;
        let removed = || "removed".to_owned();
        match &self.item {
            ConflictItem::Span { ours, theirs, .. } => {
                let span = if is_ours { ours } else { theirs };
                span.as_ref().map_or_else(removed, |s| {
                    let mut text = format!("{} {}, {}", s.label, s.range, s.status);
                    if !s.note.is_empty() {
                        let _ = write!(text, ", note “{}”", s.note);
                    }
                    text
                })
            }
            ConflictItem::Claim { ours, theirs, .. } => {
                let claim = if is_ours { ours } else { theirs };
                claim.as_ref().map_or_else(removed, |c| {
                    let args: Vec<String> = c
                        .arguments
                        .iter()
                        .map(|a| format!("{}={}", a.role, a.span))
                        .collect();
                    format!("{} {}, [{}]", c.claim_type, c.status, args.join(", "))
                })
            }
            ConflictItem::Document { ours, theirs, .. } => {
                let info = if is_ours { ours } else { theirs };
                info.as_ref()
                    .map_or_else(removed, |i| format!("“{}”, {}", i.title, i.status.label()))
            }
            ConflictItem::DocumentText { doc, theirs } => {
                format!("text of {}", if is_ours { doc } else { theirs })
            }
            ConflictItem::Entity { ours, theirs } => {
                let entity = if is_ours { ours } else { theirs };
                entity
                    .as_ref()
                    .map_or_else(removed, |e| format!("{} “{}”", e.kind.as_str(), e.name))
            }
            ConflictItem::Label { ours, theirs } => {
                let label = if is_ours { ours } else { theirs };
                label.as_ref().map_or_else(removed, |l| {
                    format!("{}, {}", l.value_kind.as_str(), l.color.to_hex())
                })
            }
            ConflictItem::ClaimType { ours, theirs } => {
                let claim_type = if is_ours { ours } else { theirs };
                claim_type.as_ref().map_or_else(removed, |c| {
                    c.roles
                        .iter()
                        .map(|r| r.name.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            }
            ConflictItem::Extractor { ours, theirs } => {
                let extractor = if is_ours { ours } else { theirs };
                extractor
                    .as_ref()
                    .map_or_else(|| "none".to_owned(), ExtractorConfig::command_line)
            }
        }
    }
}

impl fmt::Display for Conflict {
    /// "span s3 in amnesty: label (ours: person 4..9; theirs: organization 4..9)"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (ours: {}; theirs: {})",
            self.subject(),
            self.fields.join(", "),
            self.version(Side::Ours),
            self.version(Side::Theirs)
        )
    }
}
