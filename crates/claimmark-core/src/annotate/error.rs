//! Why an annotation rule made no edit: a sentence for the status bar.

use crate::model::{ClaimId, DocId, Name, SpanId};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnnotateError {
    #[error("no document “{0}” in the project")]
    NoDocument(DocId),
    #[error("no span {0} in this document")]
    NoSpan(SpanId),
    #[error("no claim {0} in this document")]
    NoClaim(ClaimId),
    #[error("the schema has no label “{}”", .0.display())]
    NoLabel(Name),
    #[error("the schema has no claim type “{}”", .0.display())]
    NoClaimType(Name),
    #[error("claims of type “{}” have no role “{}”", .claim_type.display(), .role.display())]
    NoRole { claim_type: Name, role: Name },
    #[error("the schema has no labels to tag the selection with")]
    NoLabels,
    #[error("that span already fills “{}”", .0.display())]
    AlreadyFills(Name),
    #[error("claim {0} has no orphaned argument {1}")]
    NoOrphan(ClaimId, usize),
    #[error("the role “{}” does not take “{}” spans", .role.display(), .label.display())]
    RoleRefusesLabel { role: Name, label: Name },
    #[error("the range is not inside the document’s text")]
    OutsideText,
    #[error("no unlinked mention matches this entity")]
    NoMatchingMention,
    #[error("their version cannot be taken here (its label is not in this project’s schema?)")]
    CannotTakeTheirs,
}
