//! Conflict records in the project file: one per line, after the documents,
//! each with both versions in the layout the rest of the file uses.

use std::fmt::Write as _;

use crate::model::date::format_day;
use crate::model::document::{DocId, DocStatus, Document};
use crate::model::entity::Entity;
use crate::model::project::ExtractorConfig;
use crate::model::{Conflict, ConflictItem, DocumentInfo};
use crate::storage::locate::Step;

use super::check::Checker;
use super::wire::{ConflictFile, DocumentInfoFile, ExtractorFile, StatusFile};
use super::write::{
    claim_line, claim_type_file, compact, entity_line, label_file, ron_string, span_line,
};

/// A conflict on one line of the file.
pub(super) fn conflict_line(conflict: &Conflict) -> String {
    let fields = compact(&conflict.fields);
    let optional = |version: Option<String>| {
        version.map_or_else(|| "None".to_owned(), |v| format!("Some({v})"))
    };
    match &conflict.item {
        ConflictItem::Span { doc, ours, theirs } => format!(
            "Span(doc: {}, fields: {fields}, ours: {}, theirs: {})",
            ron_string(doc.as_str()),
            optional(ours.as_ref().map(span_line)),
            optional(theirs.as_ref().map(span_line)),
        ),
        ConflictItem::Claim { doc, ours, theirs } => format!(
            "Claim(doc: {}, fields: {fields}, ours: {}, theirs: {})",
            ron_string(doc.as_str()),
            optional(ours.as_ref().map(claim_line)),
            optional(theirs.as_ref().map(claim_line)),
        ),
        ConflictItem::Document { doc, ours, theirs } => format!(
            "Document(doc: {}, fields: {fields}, ours: {}, theirs: {})",
            ron_string(doc.as_str()),
            optional(ours.as_ref().map(|info| compact(&info_file(info)))),
            optional(theirs.as_ref().map(|info| compact(&info_file(info)))),
        ),
        ConflictItem::DocumentText { doc, theirs } => format!(
            "DocumentText(doc: {}, fields: {fields}, theirs: {})",
            ron_string(doc.as_str()),
            ron_string(theirs.as_str()),
        ),
        ConflictItem::Entity { ours, theirs } => format!(
            "Entity(fields: {fields}, ours: {}, theirs: {})",
            optional(ours.as_ref().map(entity_line)),
            optional(theirs.as_ref().map(entity_line)),
        ),
        ConflictItem::Label { ours, theirs } => format!(
            "Label(fields: {fields}, ours: {}, theirs: {})",
            optional(ours.as_ref().map(label_file)),
            optional(theirs.as_ref().map(label_file)),
        ),
        ConflictItem::ClaimType { ours, theirs } => {
            let file = |c: &crate::model::ClaimTypeDef| compact(&claim_type_file(c));
            format!(
                "ClaimType(fields: {fields}, ours: {}, theirs: {})",
                optional(ours.as_ref().map(file)),
                optional(theirs.as_ref().map(file)),
            )
        }
        ConflictItem::Extractor { ours, theirs } => {
            let file = |e: &ExtractorConfig| {
                compact(&ExtractorFile {
                    command: e.command.clone(),
                    timeout_seconds: e.timeout_seconds,
                })
            };
            format!(
                "Extractor(fields: {fields}, ours: {}, theirs: {})",
                optional(ours.as_ref().map(file)),
                optional(theirs.as_ref().map(file)),
            )
        }
    }
}

/// The conflicts section, empty when there are none (so files without
/// conflicts stay as they were).
pub(super) fn write_conflicts(out: &mut String, project: &crate::model::Project) {
    let conflicts: Vec<&Conflict> = project
        .conflicts
        .iter()
        .filter(|c| crate::merge::conflict_documents_present(project, c))
        .collect();
    if conflicts.is_empty() {
        return;
    }
    out.push_str("    conflicts: [\n");
    for conflict in conflicts {
        let _ = writeln!(out, "        {},", conflict_line(conflict));
    }
    out.push_str("    ],\n");
}

fn info_file(info: &DocumentInfo) -> DocumentInfoFile {
    DocumentInfoFile {
        title: info.title.clone(),
        source: info.source.clone(),
        published: info.published.map(format_day),
        status: match info.status {
            DocStatus::Todo => StatusFile::Todo,
            DocStatus::InProgress => StatusFile::InProgress,
            DocStatus::Done => StatusFile::Done,
        },
        note: info.note.clone(),
    }
}

impl Checker<'_> {
    /// Reads the conflict records; each must name documents the project has.
    pub(super) fn conflicts(
        &mut self,
        files: Vec<ConflictFile>,
        documents: &[Document],
    ) -> Vec<Conflict> {
        let mut conflicts = Vec::with_capacity(files.len());
        for (i, file) in files.into_iter().enumerate() {
            let path = [Step::Field("conflicts"), Step::Index(i)];
            if let Some(conflict) = self.conflict(&path, file, documents) {
                conflicts.push(conflict);
            }
        }
        conflicts
    }

    fn conflict_doc(
        &mut self,
        path: &[Step<'static>],
        raw: &str,
        documents: &[Document],
    ) -> Option<DocId> {
        let Ok(id) = DocId::parse(raw) else {
            self.problem(
                path,
                format!("conflict names document “{raw}”, which is not a document id"),
            );
            return None;
        };
        // A record about a document no longer there is moot: the document
        // was removed, deciding about it is done. Skipped, not refused.
        if documents.iter().all(|doc| doc.id != id) {
            self.skipped_conflict = true;
            return None;
        }
        Some(id)
    }

    fn info(&mut self, path: &[Step<'static>], file: DocumentInfoFile) -> DocumentInfo {
        DocumentInfo {
            published: self.published(path, file.published.as_deref()),
            title: file.title,
            source: file.source,
            note: file.note,
            status: match file.status {
                StatusFile::Todo => DocStatus::Todo,
                StatusFile::InProgress => DocStatus::InProgress,
                StatusFile::Done => DocStatus::Done,
            },
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per kind, each short
    fn conflict(
        &mut self,
        path: &[Step<'static>],
        file: ConflictFile,
        documents: &[Document],
    ) -> Option<Conflict> {
        let before = self.problems.len();
        self.skipped_conflict = false;
        // Each side's version is read whatever the other's gave, so every
        // problem is reported at once.
        let (item, fields) = match file {
            ConflictFile::Span {
                doc,
                fields,
                ours,
                theirs,
            } => {
                let doc = self.conflict_doc(path, &doc, documents);
                let ours = ours.and_then(|s| self.span(path, s));
                let theirs = theirs.and_then(|s| self.span(path, s));
                (
                    ConflictItem::Span {
                        doc: doc?,
                        ours,
                        theirs,
                    },
                    fields,
                )
            }
            ConflictFile::Claim {
                doc,
                fields,
                ours,
                theirs,
            } => {
                let doc = self.conflict_doc(path, &doc, documents);
                let ours = ours.and_then(|c| self.claim(path, c));
                let theirs = theirs.and_then(|c| self.claim(path, c));
                (
                    ConflictItem::Claim {
                        doc: doc?,
                        ours,
                        theirs,
                    },
                    fields,
                )
            }
            ConflictFile::Document {
                doc,
                fields,
                ours,
                theirs,
            } => {
                let doc = self.conflict_doc(path, &doc, documents);
                let ours = ours.map(|i| self.info(path, i));
                let theirs = theirs.map(|i| self.info(path, i));
                (
                    ConflictItem::Document {
                        doc: doc?,
                        ours,
                        theirs,
                    },
                    fields,
                )
            }
            ConflictFile::DocumentText {
                doc,
                fields,
                theirs,
            } => {
                let doc = self.conflict_doc(path, &doc, documents);
                let theirs = self.conflict_doc(path, &theirs, documents);
                (
                    ConflictItem::DocumentText {
                        doc: doc?,
                        theirs: theirs?,
                    },
                    fields,
                )
            }
            ConflictFile::Entity {
                fields,
                ours,
                theirs,
            } => {
                let ours: Option<Entity> = ours.and_then(|e| self.entity(path, e));
                let theirs = theirs.and_then(|e| self.entity(path, e));
                (ConflictItem::Entity { ours, theirs }, fields)
            }
            ConflictFile::Label {
                fields,
                ours,
                theirs,
            } => {
                let ours = ours.and_then(|l| self.label(path, &l));
                let theirs = theirs.and_then(|l| self.label(path, &l));
                (ConflictItem::Label { ours, theirs }, fields)
            }
            ConflictFile::ClaimType {
                fields,
                ours,
                theirs,
            } => {
                let ours = ours.and_then(|c| self.claim_type(path, c));
                let theirs = theirs.and_then(|c| self.claim_type(path, c));
                (ConflictItem::ClaimType { ours, theirs }, fields)
            }
            ConflictFile::Extractor {
                fields,
                ours,
                theirs,
            } => {
                let config = |e: ExtractorFile| ExtractorConfig {
                    command: e.command,
                    timeout_seconds: e.timeout_seconds,
                };
                (
                    ConflictItem::Extractor {
                        ours: ours.map(config),
                        theirs: theirs.map(config),
                    },
                    fields,
                )
            }
        };
        (self.problems.len() == before && !self.skipped_conflict)
            .then_some(Conflict { item, fields })
    }
}
