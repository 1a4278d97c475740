//! Resolving a conflict: the one edit that puts the chosen version in place
//! and removes the record, so undo brings both back.

use crate::edit::{Edit, SchemaEdit, remove_span_with_arguments};
use crate::model::{
    Claim, ClaimTypeDef, ConflictItem, DocId, Document, DocumentInfo, Entity, EntityId, Project,
    Side, Span,
};

/// What the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Take(Side),
    /// Both versions stay: theirs as a new span, claim or entity beside
    /// ours, or theirs' text as the second document it already is.
    KeepBoth,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("there is no conflict number {0}; it was resolved already")]
    NoConflict(usize),
    #[error("“keep both” does not fit {0}: one side removed it; take ours or theirs")]
    CannotKeepBoth(String),
    #[error(
        "document {0} is no longer in the project; take the side that removes it, or undo its removal"
    )]
    NoDocument(DocId),
    #[error("{0} is still used ({1}); change those first, or take the side that keeps it")]
    InUse(String, String),
}

/// The edit that resolves conflict `index` (0-based) as chosen.
#[allow(clippy::too_many_lines)] // one arm per kind of conflict and choice
pub fn resolution(
    project: &Project,
    index: usize,
    choice: Resolution,
) -> Result<Edit, ResolveError> {
    let conflict = project
        .conflicts
        .get(index)
        .ok_or(ResolveError::NoConflict(index + 1))?;
    if choice == Resolution::KeepBoth && !conflict.can_keep_both() {
        return Err(ResolveError::CannotKeepBoth(conflict.subject()));
    }
    let pick = |side: Side| side == Side::Ours;
    let mut edits = match (&conflict.item, choice) {
        (ConflictItem::Span { doc, ours, theirs }, Resolution::Take(side)) => {
            let doc = document(project, doc)?;
            let chosen = if pick(side) { ours } else { theirs };
            let other = if pick(side) { theirs } else { ours };
            span_version(doc, chosen.as_ref(), other.as_ref())
        }
        (ConflictItem::Span { doc, theirs, .. }, Resolution::KeepBoth) => {
            let doc = document(project, doc)?;
            theirs
                .iter()
                .map(|span| Edit::InsertSpan {
                    doc: doc.id.clone(),
                    span: Span {
                        id: doc.next_span_id(),
                        ..span.clone()
                    },
                })
                .collect()
        }
        (ConflictItem::Claim { doc, ours, theirs }, Resolution::Take(side)) => {
            let doc = document(project, doc)?;
            let chosen = if pick(side) { ours } else { theirs };
            let other = if pick(side) { theirs } else { ours };
            claim_version(doc, chosen.as_ref(), other.as_ref())
        }
        (ConflictItem::Claim { doc, theirs, .. }, Resolution::KeepBoth) => {
            let doc = document(project, doc)?;
            theirs
                .iter()
                .map(|claim| Edit::InsertClaim {
                    doc: doc.id.clone(),
                    claim: Claim {
                        id: doc.next_claim_id(),
                        ..claim.clone()
                    },
                })
                .collect()
        }
        (ConflictItem::Document { doc, ours, theirs }, Resolution::Take(side)) => {
            let chosen = if pick(side) { ours } else { theirs };
            match chosen {
                None => project
                    .document(doc)
                    .map(|d| Edit::RemoveDocument { doc: d.id.clone() })
                    .into_iter()
                    .collect(),
                Some(info) => document_info(document(project, doc)?, info),
            }
        }
        (ConflictItem::DocumentText { theirs, .. }, Resolution::Take(Side::Ours)) => project
            .document(theirs)
            .map(|_| Edit::RemoveDocument {
                doc: theirs.clone(),
            })
            .into_iter()
            .collect(),
        (ConflictItem::DocumentText { doc, theirs }, Resolution::Take(Side::Theirs)) => {
            let copy = document(project, theirs)?;
            let mut renamed = copy.clone();
            renamed.id = doc.clone();
            let copy_at = project.document_index(theirs).unwrap_or(0);
            let mut edits = vec![Edit::RemoveDocument {
                doc: theirs.clone(),
            }];
            let at = match project.document_index(doc) {
                Some(at) => {
                    edits.push(Edit::RemoveDocument { doc: doc.clone() });
                    at - usize::from(copy_at < at)
                }
                None => copy_at,
            };
            edits.push(Edit::InsertDocument {
                index: at,
                document: Box::new(renamed),
            });
            edits
        }
        (ConflictItem::Entity { ours, theirs }, Resolution::Take(side)) => {
            let chosen = if pick(side) { ours } else { theirs };
            let other = if pick(side) { theirs } else { ours };
            entity_version(project, chosen.as_ref(), other.as_ref())
        }
        (ConflictItem::Entity { theirs, .. }, Resolution::KeepBoth) => theirs
            .iter()
            .map(|entity| Edit::InsertEntity {
                entity: Entity {
                    id: project.next_entity_id(),
                    ..entity.clone()
                },
            })
            .collect(),
        (ConflictItem::Label { ours, theirs }, Resolution::Take(side)) => {
            let chosen = if pick(side) { ours } else { theirs };
            let other = if pick(side) { theirs } else { ours };
            match (chosen, other) {
                (Some(label), _) if project.schema.label(&label.name).is_some() => {
                    vec![Edit::Schema(SchemaEdit::ReplaceLabel {
                        label: label.clone(),
                    })]
                }
                (Some(label), _) => vec![Edit::Schema(SchemaEdit::InsertLabel {
                    index: project.schema.labels.len(),
                    label: label.clone(),
                })],
                (None, Some(other)) if project.schema.label(&other.name).is_some() => {
                    let spans = project
                        .documents
                        .iter()
                        .flat_map(Document::spans)
                        .filter(|s| s.label == other.name)
                        .count();
                    if spans > 0 {
                        return Err(ResolveError::InUse(
                            format!("label {}", other.name),
                            format!("{spans} span(s)"),
                        ));
                    }
                    vec![Edit::Schema(SchemaEdit::RemoveLabel {
                        name: other.name.clone(),
                    })]
                }
                (None, _) => Vec::new(),
            }
        }
        (ConflictItem::ClaimType { ours, theirs }, Resolution::Take(side)) => {
            let chosen = if pick(side) { ours } else { theirs };
            let other = if pick(side) { theirs } else { ours };
            claim_type_version(project, chosen.as_ref(), other.as_ref())?
        }
        (ConflictItem::Extractor { ours, theirs }, Resolution::Take(side)) => {
            vec![Edit::SetExtractor {
                extractor: if pick(side) {
                    ours.clone()
                } else {
                    theirs.clone()
                },
            }]
        }
        // Two texts stay two documents; `can_keep_both` turned the rest
        // away above.
        (_, Resolution::KeepBoth) => Vec::new(),
    };
    edits.push(Edit::RemoveConflict { index });
    Ok(Edit::Batch(edits))
}

fn document<'p>(project: &'p Project, id: &DocId) -> Result<&'p Document, ResolveError> {
    project
        .document(id)
        .ok_or_else(|| ResolveError::NoDocument(id.clone()))
}

fn span_version(doc: &Document, chosen: Option<&Span>, other: Option<&Span>) -> Vec<Edit> {
    match chosen {
        Some(span) if doc.span(span.id).is_some() => vec![Edit::ReplaceSpan {
            doc: doc.id.clone(),
            span: span.clone(),
        }],
        Some(span) => vec![Edit::InsertSpan {
            doc: doc.id.clone(),
            span: span.clone(),
        }],
        None => other
            .filter(|span| doc.span(span.id).is_some())
            .map(|span| remove_span_with_arguments(doc, span.id))
            .into_iter()
            .collect(),
    }
}

fn claim_version(doc: &Document, chosen: Option<&Claim>, other: Option<&Claim>) -> Vec<Edit> {
    match chosen {
        Some(claim) if doc.claim(claim.id).is_some() => vec![Edit::ReplaceClaim {
            doc: doc.id.clone(),
            claim: claim.clone(),
        }],
        Some(claim) => vec![Edit::InsertClaim {
            doc: doc.id.clone(),
            claim: claim.clone(),
        }],
        None => other
            .filter(|claim| doc.claim(claim.id).is_some())
            .map(|claim| Edit::RemoveClaim {
                doc: doc.id.clone(),
                claim: claim.id,
            })
            .into_iter()
            .collect(),
    }
}

fn document_info(doc: &Document, info: &DocumentInfo) -> Vec<Edit> {
    let id = || doc.id.clone();
    let mut edits = Vec::new();
    if doc.title != info.title {
        edits.push(Edit::SetDocumentTitle {
            doc: id(),
            title: info.title.clone(),
        });
    }
    if doc.source != info.source {
        edits.push(Edit::SetDocumentSource {
            doc: id(),
            source: info.source.clone(),
        });
    }
    if doc.note != info.note {
        edits.push(Edit::SetDocumentNote {
            doc: id(),
            note: info.note.clone(),
        });
    }
    if doc.published != info.published {
        edits.push(Edit::SetDocumentPublished {
            doc: id(),
            published: info.published,
        });
    }
    if doc.status != info.status {
        edits.push(Edit::SetDocumentStatus {
            doc: id(),
            status: info.status,
        });
    }
    edits
}

fn entity_version(project: &Project, chosen: Option<&Entity>, other: Option<&Entity>) -> Vec<Edit> {
    match chosen {
        Some(entity) if project.entity(entity.id).is_some() => vec![Edit::ReplaceEntity {
            entity: entity.clone(),
        }],
        Some(entity) => vec![Edit::InsertEntity {
            entity: entity.clone(),
        }],
        // The spans that refer to it are unlinked in the same step.
        None => other
            .map(|e| e.id)
            .filter(|&id: &EntityId| project.entity(id).is_some())
            .map(|id| {
                let mut edits: Vec<Edit> = project
                    .documents
                    .iter()
                    .flat_map(|doc| {
                        doc.spans()
                            .iter()
                            .filter(move |s| s.entity == Some(id))
                            .map(move |s| Edit::ReplaceSpan {
                                doc: doc.id.clone(),
                                span: Span {
                                    entity: None,
                                    ..s.clone()
                                },
                            })
                    })
                    .collect();
                edits.push(Edit::RemoveEntity { id });
                edits
            })
            .into_iter()
            .flatten()
            .collect(),
    }
}

#[allow(clippy::single_match_else)] // the chosen version, or the removal
fn claim_type_version(
    project: &Project,
    chosen: Option<&ClaimTypeDef>,
    other: Option<&ClaimTypeDef>,
) -> Result<Vec<Edit>, ResolveError> {
    let schema = |edit| Edit::Schema(edit);
    match chosen {
        Some(wanted) => match project.schema.claim_type(&wanted.name) {
            None => Ok(vec![schema(SchemaEdit::InsertClaimType {
                index: project.schema.claim_types.len(),
                claim_type: wanted.clone(),
            })]),
            Some(current) => {
                let mut edits = Vec::new();
                for role in &current.roles {
                    if wanted.role(&role.name).is_none() {
                        edits.push(schema(SchemaEdit::RemoveRole {
                            claim_type: wanted.name.clone(),
                            role: role.name.clone(),
                        }));
                    }
                }
                for (index, role) in wanted.roles.iter().enumerate() {
                    match current.role(&role.name) {
                        Some(now) if now == role => {}
                        Some(_) => edits.push(schema(SchemaEdit::ReplaceRole {
                            claim_type: wanted.name.clone(),
                            role: role.clone(),
                        })),
                        None => edits.push(schema(SchemaEdit::InsertRole {
                            claim_type: wanted.name.clone(),
                            index: index.min(
                                current
                                    .roles
                                    .iter()
                                    .filter(|r| wanted.role(&r.name).is_some())
                                    .count(),
                            ),
                            role: role.clone(),
                        })),
                    }
                }
                Ok(edits)
            }
        },
        None => {
            if let Some(c) = other {
                let claims: usize = project
                    .documents
                    .iter()
                    .map(|d| {
                        d.claims()
                            .iter()
                            .filter(|claim| claim.claim_type == c.name)
                            .count()
                    })
                    .sum();
                if claims > 0 {
                    return Err(ResolveError::InUse(
                        format!("claim type {}", c.name),
                        format!("{claims} claim(s)"),
                    ));
                }
            }
            Ok(other
                .filter(|c| project.schema.claim_type(&c.name).is_some())
                .map(|c| {
                    schema(SchemaEdit::RemoveClaimType {
                        name: c.name.clone(),
                    })
                })
                .into_iter()
                .collect())
        }
    }
}
