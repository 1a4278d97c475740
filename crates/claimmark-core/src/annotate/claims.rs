//! A new claim, filling one of its roles, changing its type.

use crate::edit::Edit;
use crate::model::schema::TRIGGER_ROLE;
use crate::model::{
    Argument, CharRange, Claim, ClaimId, Document, Name, Project, SpanId, ValueKind,
};

use super::AnnotateError;
use super::spans::insert_span;

/// A new claim's id and the edit inserting it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewClaim {
    pub claim: ClaimId,
    pub edit: Edit,
}

/// A new claim of `claim_type`. A selected event span that the type's
/// trigger role accepts becomes its trigger.
pub fn new_claim(
    project: &Project,
    doc: &Document,
    claim_type: Name,
    selected_span: Option<SpanId>,
) -> Result<NewClaim, AnnotateError> {
    let type_def = project
        .schema
        .claim_type(&claim_type)
        .ok_or_else(|| AnnotateError::NoClaimType(claim_type.clone()))?;
    let mut arguments = Vec::new();
    if let (Some(span), Ok(trigger)) = (
        selected_span.and_then(|id| doc.span(id)),
        Name::parse(TRIGGER_ROLE),
    ) {
        let is_event = project
            .schema
            .label(&span.label)
            .is_some_and(|l| l.value_kind == ValueKind::Event);
        if is_event
            && type_def
                .role(&trigger)
                .is_some_and(|r| r.accepts(&span.label))
        {
            arguments.push(Argument::new(trigger, span.id));
        }
    }
    let id = doc.next_claim_id();
    let claim = Claim {
        arguments,
        ..Claim::new(id, claim_type)
    };
    Ok(NewClaim {
        claim: id,
        edit: Edit::InsertClaim {
            doc: doc.id.clone(),
            claim,
        },
    })
}

/// What fills a role: a span, or selected text (a fitting span over it is
/// used; otherwise it is tagged with the role's first label first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillTarget {
    Span(SpanId),
    Selection(CharRange),
}

/// The span that now fills the role, and the edit.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledRole {
    pub span: SpanId,
    pub edit: Edit,
    /// The label selected text was tagged with to fill the role, so the
    /// window can say which (never silently).
    pub tagged: Option<Name>,
}

/// Fills `role` of a claim. A role that takes one argument has it
/// replaced, in its place; one that takes several gets another.
pub fn fill_role(
    project: &Project,
    doc: &Document,
    claim: ClaimId,
    role: &Name,
    target: FillTarget,
) -> Result<FilledRole, AnnotateError> {
    let claim = doc.claim(claim).ok_or(AnnotateError::NoClaim(claim))?;
    let role_def = project
        .schema
        .claim_type(&claim.claim_type)
        .and_then(|t| t.role(role))
        .ok_or_else(|| AnnotateError::NoRole {
            claim_type: claim.claim_type.clone(),
            role: role.clone(),
        })?;
    let mut edits = Vec::new();
    let mut tagged = None;
    let span = match target {
        FillTarget::Span(span) => {
            let found = doc.span(span).ok_or(AnnotateError::NoSpan(span))?;
            if !role_def.accepts(&found.label) {
                return Err(AnnotateError::RoleRefusesLabel {
                    role: role.clone(),
                    label: found.label.clone(),
                });
            }
            span
        }
        FillTarget::Selection(range) => {
            if let Some(existing) = doc
                .spans()
                .iter()
                .find(|s| s.range == range && role_def.accepts(&s.label))
            {
                existing.id
            } else {
                if !doc.text.contains_range(range) || range.is_empty() {
                    return Err(AnnotateError::OutsideText);
                }
                let label = role_def
                    .labels
                    .first()
                    .cloned()
                    .or_else(|| project.schema.labels.first().map(|l| l.name.clone()))
                    .ok_or(AnnotateError::NoLabels)?;
                let (insert, id) = insert_span(project, doc, range, label.clone());
                edits.push(insert);
                tagged = Some(label);
                id
            }
        }
    };
    if claim
        .arguments
        .iter()
        .any(|a| &a.role == role && a.span == span)
    {
        return Err(AnnotateError::AlreadyFills(role.clone()));
    }
    let mut insert_at = claim.arguments.len();
    if !role_def.multiple
        && let Some(old) = claim.arguments.iter().position(|a| &a.role == role)
    {
        edits.push(Edit::RemoveArgument {
            doc: doc.id.clone(),
            claim: claim.id,
            index: old,
        });
        insert_at = old;
    }
    edits.push(Edit::InsertArgument {
        doc: doc.id.clone(),
        claim: claim.id,
        index: insert_at,
        argument: Argument::new(role.clone(), span),
    });
    Ok(FilledRole {
        span,
        edit: Edit::Batch(edits),
        tagged,
    })
}

/// Changes a claim's type; arguments in roles the new type lacks are taken
/// out first, in the same step.
pub fn change_claim_type(
    project: &Project,
    doc: &Document,
    claim: ClaimId,
    claim_type: &Name,
) -> Result<Edit, AnnotateError> {
    let claim = doc.claim(claim).ok_or(AnnotateError::NoClaim(claim))?;
    let type_def = project
        .schema
        .claim_type(claim_type)
        .ok_or_else(|| AnnotateError::NoClaimType(claim_type.clone()))?;
    let mut edits: Vec<Edit> = claim
        .arguments
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, a)| type_def.role(&a.role).is_none())
        .map(|(index, _)| Edit::RemoveArgument {
            doc: doc.id.clone(),
            claim: claim.id,
            index,
        })
        .collect();
    edits.push(Edit::SetClaimType {
        doc: doc.id.clone(),
        claim: claim.id,
        claim_type: claim_type.clone(),
    });
    Ok(Edit::Batch(edits))
}
