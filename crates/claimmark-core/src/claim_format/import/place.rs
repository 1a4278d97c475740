//! Placing a line's arguments in its document: the re-anchoring of
//! quotes that moved (see `anchor`), per document.

use super::{ArgAt, ImportReport, PlacedArgument, PreparedClaim};
use std::collections::HashMap;

use crate::claim_format::anchor::{Placement, attach};
use crate::claim_format::line::{AnchorSpec, ClaimLine};
use crate::model::document::{ImplicitArgument, OrphanArgument};
use crate::model::schema::{Name, TRIGGER_ROLE};
use crate::model::value::Value;
use crate::model::{CharRange, Project};

/// Documents by id and by text hash.
pub(super) struct DocumentIndex {
    pub(super) by_id: HashMap<String, usize>,
    pub(super) by_sha256: HashMap<[u8; 32], usize>,
}

impl DocumentIndex {
    pub(super) fn new(project: &Project) -> Self {
        let mut by_sha256 = HashMap::new();
        for (index, doc) in project.documents.iter().enumerate() {
            by_sha256.entry(*doc.text.sha256()).or_insert(index);
        }
        Self {
            by_id: project
                .documents
                .iter()
                .enumerate()
                .map(|(index, doc)| (doc.id.to_string(), index))
                .collect(),
            by_sha256,
        }
    }

    pub(super) fn find(&self, line: &ClaimLine) -> Option<usize> {
        self.by_id
            .get(&line.doc.id)
            .or_else(|| self.by_sha256.get(&line.doc.text_sha256))
            .copied()
    }
}

/// Re-attaches a line's anchors to its document.
pub(super) fn place(
    line: ClaimLine,
    original: String,
    number: u64,
    doc: &crate::model::Document,
    report: &mut ImportReport,
) -> PreparedClaim {
    let same_text = &line.doc.text_sha256 == doc.text.sha256();
    let mut arguments = Vec::with_capacity(line.args.len() + 1);
    let mut implicit = Vec::new();
    let mut orphans = Vec::new();
    let mut anchored: Vec<(Name, AnchorSpec, Option<Value>, ArgAt)> = Vec::new();
    if let Some(trigger) = line.trigger {
        let role = Name::parse(TRIGGER_ROLE).unwrap_or_else(|_| line.claim_type.clone());
        anchored.push((role, trigger, None, ArgAt::Trigger));
    }
    for (i, argument) in line.args.into_iter().enumerate() {
        match argument.anchor {
            Some(anchor) => {
                anchored.push((argument.role, anchor, Some(argument.value), ArgAt::Arg(i)));
            }
            None => implicit.push(ImplicitArgument {
                role: argument.role,
                value: argument.value,
            }),
        }
    }
    for (role, anchor, value, at) in anchored {
        match place_argument(doc, &anchor, same_text, &role, at, number, report) {
            Ok(range) => arguments.push(PlacedArgument {
                role,
                range,
                value,
                at,
            }),
            Err(reason) => orphans.push(OrphanArgument {
                role,
                exact: anchor.exact,
                start: anchor.start,
                end: anchor.end,
                prefix: anchor.prefix,
                suffix: anchor.suffix,
                value,
                reason,
            }),
        }
    }
    // Orphans an earlier export kept: re-attached if the text has them now.
    for (i, orphan) in line.orphans.into_iter().enumerate() {
        let spec = AnchorSpec {
            start: orphan.start,
            end: orphan.end,
            exact: orphan.exact.clone(),
            prefix: orphan.prefix.clone(),
            suffix: orphan.suffix.clone(),
        };
        if let Ok(attached) = attach(&doc.text, &spec, false) {
            arguments.push(PlacedArgument {
                role: orphan.role,
                range: attached.range,
                value: orphan.value,
                at: ArgAt::Orphan(i),
            });
        } else {
            report.notice(
                number,
                format!(
                    "ext.claimmark.orphans[{i}] (role {}): “{}” is still not in the document; it stays an orphan",
                    orphan.role, orphan.exact
                ),
            );
            orphans.push(orphan);
        }
    }
    PreparedClaim {
        line: number,
        doc: doc.id.clone(),
        doc_sha256: *doc.text.sha256(),
        external_id: line.id,
        original,
        claim_type: line.claim_type,
        arguments,
        implicit,
        orphans,
        status: line.status,
        confidence: line.confidence,
        provenance: line.provenance,
        note: line.note,
    }
}

/// Re-attaches one anchor, counting how and noting close matches and
/// failures. Returns the range, or why it is an orphan.
pub(super) fn place_argument(
    doc: &crate::model::Document,
    anchor: &AnchorSpec,
    same_text: bool,
    role: &Name,
    at: ArgAt,
    number: u64,
    report: &mut ImportReport,
) -> Result<CharRange, String> {
    match attach(&doc.text, anchor, same_text) {
        Ok(attached) => {
            match attached.placement {
                Placement::Kept => report.anchors_kept += 1,
                Placement::Moved => report.anchors_moved += 1,
                Placement::Fuzzy { edits } => {
                    report.anchors_fuzzy += 1;
                    report.notice(
                        number,
                        format!(
                            "{at} (role {role}): “{}” was not found as written; attached to the close match “{}” at {} ({edits} edit(s) away). Check it",
                            anchor.exact,
                            doc.text.slice(attached.range).unwrap_or_default(),
                            attached.range
                        ),
                    );
                }
            }
            Ok(attached.range)
        }
        Err(reason) => {
            report.notice(
                number,
                format!("{at} (role {role}): {reason}; it is kept on the claim as an orphan"),
            );
            Err(reason.to_string())
        }
    }
}
