//! Every way a project can break the model's rules, as values callers can
//! match on; each displays as one sentence naming what is wrong.

use super::document::{ClaimId, DocId, SpanId};
use super::entity::EntityId;
use super::schema::Name;
use super::text::CharRange;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelProblem {
    // Schema
    #[error("label “{0}” is defined twice")]
    LabelTwice(Name),
    #[error("label “{label}” has key “{key}”; use a digit 0–9")]
    BadLabelKey { label: Name, key: char },
    #[error("key “{key}” is given to two labels (the second is “{label}”)")]
    KeyTwice { key: char, label: Name },
    #[error("claim type “{0}” is defined twice")]
    ClaimTypeTwice(Name),
    #[error("claim type “{claim_type}” has role “{role}” twice")]
    RoleTwice { claim_type: Name, role: Name },
    #[error(
        "role “{role}” of claim type “{claim_type}” accepts label “{label}”, which the schema does not define"
    )]
    RoleAcceptsUnknownLabel {
        role: Name,
        claim_type: Name,
        label: Name,
    },
    #[error(
        "role “{role}” of claim type “{claim_type}” is part of “{whole}”, which is not another role of the type"
    )]
    BadPartOf {
        claim_type: Name,
        role: Name,
        whole: Name,
    },
    #[error("claim type “{claim_type}” has key role “{role}”, which is not one of its roles")]
    UnknownKeyRole { claim_type: Name, role: Name },
    // Project
    #[error("entity ids are not unique and sorted at {0}")]
    EntityIdsUnsorted(EntityId),
    #[error("document id “{0}” is used twice")]
    DocumentIdTwice(DocId),
    #[error("document “{doc}”: {problem}")]
    InDocument {
        doc: DocId,
        problem: Box<ModelProblem>,
    },
    // Spans
    #[error("span {0} is empty")]
    EmptySpan(SpanId),
    #[error("span {span} covers chars {range}, but the text has only {text_len} chars")]
    SpanOutsideText {
        span: SpanId,
        range: CharRange,
        text_len: usize,
    },
    #[error("chars {range} are not a non-empty part of the text ({text_len} chars)")]
    RangeOutsideText { range: CharRange, text_len: usize },
    #[error("span {span} has label “{label}”, which the schema does not define")]
    UnknownSpanLabel { span: SpanId, label: Name },
    #[error("span {span} refers to entity {entity}, which does not exist")]
    UnknownEntity { span: SpanId, entity: EntityId },
    // Claims
    #[error("claim {claim} has type “{claim_type}”, which the schema does not define")]
    UnknownClaimType { claim: ClaimId, claim_type: Name },
    #[error("claim {claim} has role “{role}”, which claim type “{claim_type}” does not have")]
    UnknownRole {
        claim: ClaimId,
        role: Name,
        claim_type: Name,
    },
    #[error("claim {claim} fills role “{role}” with span {span}, which does not exist")]
    MissingArgumentSpan {
        claim: ClaimId,
        role: Name,
        span: SpanId,
    },
    #[error("claim {claim} has span {span} in role “{role}” twice")]
    ArgumentTwice {
        claim: ClaimId,
        span: SpanId,
        role: Name,
    },
    #[error("claim {claim} fills role “{role}” twice, but the role takes one span")]
    RoleFilledTwice { claim: ClaimId, role: Name },
}
