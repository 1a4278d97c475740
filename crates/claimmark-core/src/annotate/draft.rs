//! A claim drafted from a stretch of selected text: the type its event word
//! implies, a trigger, and each role filled from the spans inside the
//! stretch that fit it. The window shows the draft as a preview the analyst
//! corrects (type, trigger, each role's filler) before one edit creates it;
//! the same rule adds the fitting arguments of a selection to an existing
//! claim.
//!
//! Rules (docs/review.md repeats them for analysts):
//! - Triggers: the event spans inside the stretch, in text order, not
//!   rejected; the first is the draft's trigger.
//! - The implied type: the claim type the trigger's event names
//!   (`Value::Event`, or the trigger's words read by the event normaliser:
//!   "freed" → `release`). Without a trigger, the types without a trigger
//!   role that some span of the stretch can anchor (a count for
//!   `prisoner_count`). The implied type comes first, the schema's other
//!   types after it in schema order.
//! - Each role but the trigger is offered the spans of the stretch whose
//!   label it takes (not rejected, not the trigger), ordered as the
//!   suggester orders them: `actor` and `source` prefer spans before the
//!   trigger, other roles spans after it, nearest first. A role takes the
//!   best filler no earlier role took; a role taking several takes every
//!   fitting span on its preferred side. Roles that take any label start
//!   empty. Every role can also be left empty.

use crate::edit::Edit;
use crate::model::{
    Argument, CharRange, Claim, ClaimId, DocId, Document, Name, Project, RoleDef, Schema, Span,
    SpanId, TRIGGER_ROLE, Value, ValueKind,
};
use crate::normalize::event;

use super::AnnotateError;
use super::claims::NewClaim;

/// Roles whose filler usually comes before the trigger ("Viasna said",
/// "Lukashenko pardoned").
const BEFORE_TRIGGER: [&str; 2] = ["actor", "source"];

/// Whether `span` is on the side of the anchor (at char `at`) that `role`
/// prefers.
pub(crate) fn on_preferred_side(role: &Name, at: usize, span: &Span) -> bool {
    (span.range.start().get() < at) == BEFORE_TRIGGER.contains(&role.as_str())
}

/// The order fillers are offered in: preferred side, then nearest, then id.
pub(crate) fn filler_rank(role: &Name, at: usize, span: &Span) -> (bool, usize, SpanId) {
    (
        !on_preferred_side(role, at, span),
        span.range.start().get().abs_diff(at),
        span.id,
    )
}

/// One role of the draft: the fillers it may take, best first, and which
/// is chosen. The last option is always "none".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChoice {
    pub role: Name,
    pub options: Vec<Vec<SpanId>>,
    pub chosen: usize,
}

impl RoleChoice {
    /// The chosen fillers (empty when the role is left empty).
    pub fn chosen(&self) -> &[SpanId] {
        self.options.get(self.chosen).map_or(&[], Vec::as_slice)
    }
}

/// A claim drafted from a stretch of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDraft {
    pub doc: DocId,
    /// Where fillers are taken from.
    pub range: CharRange,
    /// The implied type first, then the others in schema order.
    pub types: Vec<Name>,
    pub type_index: usize,
    /// Whether the analyst picked the type (cycling the trigger then keeps it).
    type_picked: bool,
    /// Event spans inside the range, in text order.
    pub triggers: Vec<SpanId>,
    pub trigger_index: usize,
    /// The type's roles other than the trigger, in schema order.
    pub roles: Vec<RoleChoice>,
    /// The row Tab cycles: 0 the trigger, then the roles.
    pub row: usize,
}

impl ClaimDraft {
    /// The draft for `range` of `doc`; `None` when the schema has no claim
    /// types.
    pub fn new(project: &Project, doc: &Document, range: CharRange) -> Option<Self> {
        let triggers: Vec<SpanId> = inside(doc, range)
            .filter(|span| is_event(&project.schema, span))
            .map(|span| span.id)
            .collect();
        let mut draft = Self {
            doc: doc.id.clone(),
            range,
            types: Vec::new(),
            type_index: 0,
            type_picked: false,
            triggers,
            trigger_index: 0,
            roles: Vec::new(),
            row: 0,
        };
        draft.order_types(project, doc);
        if draft.types.is_empty() {
            return None;
        }
        draft.refill(&project.schema, doc);
        Some(draft)
    }

    pub fn claim_type(&self) -> &Name {
        &self.types[self.type_index.min(self.types.len() - 1)]
    }

    /// The trigger, when the type has a trigger role and the range an event.
    pub fn trigger(&self, schema: &Schema) -> Option<SpanId> {
        trigger_role(schema, self.claim_type())?;
        self.triggers.get(self.trigger_index).copied()
    }

    /// Picks the type shown at `index` (the digit's row) and refills.
    pub fn set_type(&mut self, project: &Project, doc: &Document, index: usize) -> bool {
        if index >= self.types.len() {
            return false;
        }
        self.type_index = index;
        self.type_picked = true;
        self.refill(&project.schema, doc);
        true
    }

    /// Moves the row Tab cycles (wrapping), over the trigger and the roles.
    pub fn move_row(&mut self, forward: bool) {
        let rows = self.roles.len() + 1;
        self.row = if forward {
            (self.row + 1) % rows
        } else {
            (self.row + rows - 1) % rows
        };
    }

    /// Tab: the next trigger (row 0) or the next filler of the row's role,
    /// skipping fillers another role or the trigger has.
    pub fn cycle(&mut self, project: &Project, doc: &Document) {
        if self.row == 0 {
            if self.triggers.len() > 1 {
                self.trigger_index = (self.trigger_index + 1) % self.triggers.len();
                self.order_types(project, doc);
                self.refill(&project.schema, doc);
            }
            return;
        }
        let trigger = self.trigger(&project.schema);
        let row = self.row - 1;
        let taken: Vec<SpanId> = self
            .roles
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != row)
            .flat_map(|(_, choice)| choice.chosen().to_vec())
            .chain(trigger)
            .collect();
        let Some(choice) = self.roles.get_mut(row) else {
            return;
        };
        let count = choice.options.len();
        for step in 1..=count {
            let next = (choice.chosen + step) % count;
            if choice.options[next]
                .iter()
                .all(|span| !taken.contains(span))
            {
                choice.chosen = next;
                return;
            }
        }
    }

    /// The claim's arguments: trigger first, then each role's fillers.
    pub fn arguments(&self, schema: &Schema) -> Vec<Argument> {
        let mut arguments = Vec::new();
        if let (Some(span), Ok(role)) = (self.trigger(schema), Name::parse(TRIGGER_ROLE)) {
            arguments.push(Argument::new(role, span));
        }
        for choice in &self.roles {
            for span in choice.chosen() {
                arguments.push(Argument::new(choice.role.clone(), *span));
            }
        }
        arguments
    }

    /// The edit creating the drafted claim.
    pub fn create(&self, project: &Project, doc: &Document) -> Result<NewClaim, AnnotateError> {
        let claim_type = self.claim_type().clone();
        project
            .schema
            .claim_type(&claim_type)
            .ok_or_else(|| AnnotateError::NoClaimType(claim_type.clone()))?;
        let id = doc.next_claim_id();
        let claim = Claim {
            arguments: self.arguments(&project.schema),
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

    /// The implied type first, then the others in schema order; keeps the
    /// picked type selected.
    fn order_types(&mut self, project: &Project, doc: &Document) {
        let picked = self
            .type_picked
            .then(|| self.types.get(self.type_index).cloned())
            .flatten();
        let schema = &project.schema;
        let trigger = self
            .triggers
            .get(self.trigger_index)
            .and_then(|id| doc.span(*id));
        let implied: Vec<Name> = match trigger {
            Some(span) => implied_by_event(schema, doc, span).into_iter().collect(),
            None => schema
                .claim_types
                .iter()
                .filter(|ty| trigger_role(schema, &ty.name).is_none())
                .filter(|ty| {
                    ty.roles.iter().any(|role| {
                        is_count_role(schema, role)
                            && inside(doc, self.range).any(|s| role.accepts(&s.label))
                    })
                })
                .map(|ty| ty.name.clone())
                .collect(),
        };
        let mut types = implied;
        for ty in &schema.claim_types {
            if !types.contains(&ty.name) {
                types.push(ty.name.clone());
            }
        }
        self.type_index = picked
            .and_then(|name| types.iter().position(|t| *t == name))
            .unwrap_or(0);
        self.types = types;
    }

    /// Each role's options for the current type and trigger.
    fn refill(&mut self, schema: &Schema, doc: &Document) {
        let Some(type_def) = schema.claim_type(self.claim_type()) else {
            self.roles.clear();
            return;
        };
        let trigger = self.trigger(schema);
        // Sides are reckoned from the trigger; without one, from the first
        // count a count role takes (the anchor of `prisoner_count`).
        let anchor = trigger.and_then(|id| doc.span(id)).or_else(|| {
            let role = type_def.roles.iter().find(|r| is_count_role(schema, r))?;
            inside(doc, self.range).find(|span| role.accepts(&span.label))
        });
        let at = anchor.map_or(self.range.start().get(), |span| span.range.start().get());
        let excluded: Vec<SpanId> = trigger.into_iter().collect();
        let mut taken = Vec::new();
        self.roles = type_def
            .roles
            .iter()
            .filter(|role| role.name.as_str() != TRIGGER_ROLE)
            .map(|role| {
                let choice = role_choice(doc, role, self.range, at, &excluded, &taken);
                taken.extend_from_slice(choice.chosen());
                choice
            })
            .collect();
        self.row = self.row.min(self.roles.len());
    }
}

/// The arguments that selecting `range` adds to an existing claim: each
/// role left empty (or taking several) gets its fitting spans of the range
/// that the claim does not use yet, by the draft's rules.
pub fn fitting_arguments(
    project: &Project,
    doc: &Document,
    claim: ClaimId,
    range: CharRange,
) -> Result<Edit, AnnotateError> {
    let claim = doc.claim(claim).ok_or(AnnotateError::NoClaim(claim))?;
    let type_def = project
        .schema
        .claim_type(&claim.claim_type)
        .ok_or_else(|| AnnotateError::NoClaimType(claim.claim_type.clone()))?;
    let mut taken: Vec<SpanId> = claim.arguments.iter().map(|a| a.span).collect();
    let at = claim
        .arguments
        .iter()
        .find(|a| a.role.as_str() == TRIGGER_ROLE)
        .or_else(|| claim.arguments.first())
        .and_then(|a| doc.span(a.span))
        .map_or(range.start().get(), |span| span.range.start().get());
    let mut edits = Vec::new();
    let mut index = claim.arguments.len();
    for role in &type_def.roles {
        let filled = claim.arguments.iter().any(|a| a.role == role.name);
        if role.name.as_str() == TRIGGER_ROLE || (filled && !role.multiple) {
            continue;
        }
        let choice = role_choice(doc, role, range, at, &taken, &taken);
        for span in choice.chosen() {
            edits.push(Edit::InsertArgument {
                doc: doc.id.clone(),
                claim: claim.id,
                index,
                argument: Argument::new(role.name.clone(), *span),
            });
            index += 1;
            taken.push(*span);
        }
    }
    Ok(Edit::Batch(edits))
}

/// The spans inside `range` that may be used, in text order.
fn inside(doc: &Document, range: CharRange) -> impl Iterator<Item = &Span> {
    doc.spans()
        .iter()
        .filter(move |span| range.contains_range(span.range))
        .filter(|span| span.status != crate::model::ReviewStatus::Rejected)
}

fn is_event(schema: &Schema, span: &Span) -> bool {
    schema
        .label(&span.label)
        .is_some_and(|label| label.value_kind == ValueKind::Event)
}

fn is_count_role(schema: &Schema, role: &RoleDef) -> bool {
    role.labels.iter().any(|label| {
        schema
            .label(label)
            .is_some_and(|l| l.value_kind == ValueKind::Count)
    })
}

fn trigger_role<'s>(schema: &'s Schema, claim_type: &Name) -> Option<&'s RoleDef> {
    schema
        .claim_type(claim_type)?
        .roles
        .iter()
        .find(|role| role.name.as_str() == TRIGGER_ROLE)
}

/// The type an event span starts, when the schema has it and its trigger
/// role takes the span's label.
fn implied_by_event(schema: &Schema, doc: &Document, span: &Span) -> Option<Name> {
    let event_name = match span.value.as_ref().map(|v| &v.value) {
        Some(Value::Event { name }) => name.clone(),
        _ => event::event_name(doc.span_text(span))?.to_owned(),
    };
    let claim_type = event::claim_type(&event_name).unwrap_or(&event_name);
    let name = Name::parse(claim_type).ok()?;
    trigger_role(schema, &name)
        .is_some_and(|role| role.accepts(&span.label))
        .then_some(name)
}

/// A role's fillers from the range (never the `excluded` spans), best
/// first, then "none"; the chosen one is the best that no other role took.
fn role_choice(
    doc: &Document,
    role: &RoleDef,
    range: CharRange,
    at: usize,
    excluded: &[SpanId],
    taken: &[SpanId],
) -> RoleChoice {
    let mut fitting: Vec<&Span> = inside(doc, range)
        .filter(|span| role.accepts(&span.label) && !excluded.contains(&span.id))
        .collect();
    fitting.sort_by_key(|span| filler_rank(&role.name, at, span));
    let free: Vec<SpanId> = fitting
        .iter()
        .map(|span| span.id)
        .filter(|id| !taken.contains(id))
        .collect();
    // People on the other side of the trigger are usually in another role
    // ("Lukashenko pardoned …" has no pardoned person), so a role taking
    // several starts with its preferred side only, and may be given all.
    let preferred: Vec<SpanId> = fitting
        .iter()
        .filter(|span| on_preferred_side(&role.name, at, span) && !taken.contains(&span.id))
        .map(|span| span.id)
        .collect();
    let mut options: Vec<Vec<SpanId>> = Vec::new();
    if role.multiple && !preferred.is_empty() {
        options.push(preferred);
    }
    for span in &fitting {
        let single = vec![span.id];
        if !options.contains(&single) {
            options.push(single);
        }
    }
    if role.multiple && free.len() > 1 && !options.contains(&free) {
        options.push(free);
    }
    options.push(Vec::new());
    let none = options.len() - 1;
    let chosen = if role.labels.is_empty() {
        none
    } else if role.multiple {
        // The preferred set, if there was one; never a wrong-side person.
        if fitting
            .iter()
            .any(|span| on_preferred_side(&role.name, at, span) && !taken.contains(&span.id))
        {
            0
        } else {
            none
        }
    } else {
        options
            .iter()
            .position(|option| option.iter().all(|id| !taken.contains(id)))
            .unwrap_or(none)
    };
    RoleChoice {
        role: role.name.clone(),
        options,
        chosen,
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
