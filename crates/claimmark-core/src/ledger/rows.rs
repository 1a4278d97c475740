//! One claim as the ledger reads it: the value of each argument, the key
//! that says which fact it is about, and the stretch of text it quotes.

use crate::model::value::CountValue;
use crate::model::{
    Claim, ClaimId, ClaimTypeDef, Document, EntityId, Name, Project, SpanId, Value, ValueKind,
    value::DateValue,
};
use crate::normalize::{Normalized, span_value_at};

/// A role's filler: a span's, or an implicit argument's, value.
#[derive(Debug, Clone)]
pub(crate) struct Filler {
    pub role: Name,
    pub span: Option<SpanId>,
    pub value: Option<Value>,
    /// What groups it: an entity id, a normalised value, else the text.
    pub canonical: String,
    /// What people read: the entity's name, the value, the text.
    pub shown: String,
    pub entity: Option<EntityId>,
}

impl Filler {
    pub fn count(&self) -> Option<&CountValue> {
        match &self.value {
            Some(Value::Count(count)) => Some(count),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<&DateValue> {
        match &self.value {
            Some(Value::Date(date)) => Some(date),
            _ => None,
        }
    }
}

/// A key role's value on one claim: its fillers, joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyValue {
    pub canonical: String,
    pub shown: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub claim: ClaimId,
    pub claim_type: Name,
    /// One per key role of the type, in the schema's order; `None` where
    /// the claim leaves the role empty.
    pub key: Vec<Option<KeyValue>>,
    pub fillers: Vec<Filler>,
}

impl Row {
    pub fn read(project: &Project, doc: &Document, claim: &Claim) -> Self {
        let ty = project.schema.claim_type(&claim.claim_type);
        let mut fillers = Vec::with_capacity(claim.arguments.len() + claim.implicit.len());
        for argument in &claim.arguments {
            let Some(span) = doc.span(argument.span) else {
                continue;
            };
            let kind = project.schema.label(&span.label).map(|l| l.value_kind);
            let entity = span.entity.and_then(|id| project.entity(id));
            let value = match (&span.value, kind) {
                (Some(value), _) => Some(value.value.clone()),
                (None, Some(kind)) => match span_value_at(doc, span.range, kind, entity) {
                    Normalized::Value(value) => Some(value),
                    _ => None,
                },
                (None, None) => None,
            };
            let text = doc.span_text(span);
            fillers.push(filler(
                argument.role.clone(),
                Some(span.id),
                value,
                span.entity,
                entity.map(|e| e.name.as_str()),
                text,
            ));
        }
        for implicit in &claim.implicit {
            let entity = entity_of(&implicit.value);
            fillers.push(filler(
                implicit.role.clone(),
                None,
                Some(implicit.value.clone()),
                entity,
                None,
                "",
            ));
        }
        let key = ty.map_or_else(Vec::new, |ty| key_of(ty, &fillers));
        Self {
            claim: claim.id,
            claim_type: claim.claim_type.clone(),
            key,
            fillers,
        }
    }

    pub fn fillers_in<'a, 'r>(
        &'a self,
        role: &'r Name,
    ) -> impl Iterator<Item = &'a Filler> + use<'a, 'r> {
        self.fillers.iter().filter(move |f| &f.role == role)
    }

    /// Whether every key role is filled (a type without key roles has no
    /// facts: its claims are ungrouped).
    pub fn has_full_key(&self) -> bool {
        !self.key.is_empty() && self.key.iter().all(Option::is_some)
    }

    /// The claim's date: its first date-valued argument.
    pub fn date(&self) -> Option<&DateValue> {
        self.fillers.iter().find_map(Filler::date)
    }
}

fn entity_of(value: &Value) -> Option<EntityId> {
    match value {
        Value::Person { entity_id, .. }
        | Value::Organization { entity_id, .. }
        | Value::Place { entity_id, .. } => entity_id.as_deref().and_then(EntityId::parse),
        _ => None,
    }
}

fn filler(
    role: Name,
    span: Option<SpanId>,
    value: Option<Value>,
    entity: Option<EntityId>,
    entity_name: Option<&str>,
    text: &str,
) -> Filler {
    let entity = entity.or_else(|| value.as_ref().and_then(entity_of));
    let (canonical, shown) = match (&value, entity) {
        (
            Some(
                Value::Person { name, .. }
                | Value::Organization { name, .. }
                | Value::Place { name, .. },
            ),
            Some(id),
        ) => (id.to_string(), entity_name.unwrap_or(name).to_owned()),
        (
            Some(
                Value::Person { name, .. }
                | Value::Organization { name, .. }
                | Value::Place { name, .. },
            ),
            None,
        ) => (name.to_lowercase(), name.clone()),
        (Some(Value::Date(date)), _) => {
            let shown = date_words(date);
            (shown.clone(), shown)
        }
        (Some(Value::Count(count)), _) => {
            let shown = super::ranges::count_words(count);
            (shown.clone(), shown)
        }
        (Some(Value::Event { name }), _) => (name.clone(), text.to_owned()),
        (Some(Value::Duration { value }), _) => (value.clone(), text.to_owned()),
        (Some(Value::Text { text: t }), _) => (t.trim().to_lowercase(), t.clone()),
        (None, Some(id)) => (id.to_string(), entity_name.unwrap_or(text).to_owned()),
        (None, None) => (text.trim().to_lowercase(), text.trim().to_owned()),
    };
    Filler {
        role,
        span,
        value,
        canonical,
        shown,
        entity,
    }
}

/// "2025-09-18", "before 2025-09".
pub(crate) fn date_words(date: &DateValue) -> String {
    match date.modifier {
        Some(modifier) => format!("{} {}", modifier.word(), date.value),
        None => date.value.clone(),
    }
}

fn key_of(ty: &ClaimTypeDef, fillers: &[Filler]) -> Vec<Option<KeyValue>> {
    ty.key_roles
        .iter()
        .map(|role| {
            let mut parts: Vec<&Filler> = fillers.iter().filter(|f| &f.role == role).collect();
            if parts.is_empty() {
                return None;
            }
            parts.sort_by(|a, b| a.canonical.cmp(&b.canonical));
            parts.dedup_by(|a, b| a.canonical == b.canonical);
            Some(KeyValue {
                canonical: parts
                    .iter()
                    .map(|f| f.canonical.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
                shown: parts
                    .iter()
                    .map(|f| f.shown.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
        .collect()
}

/// Whether a role lists named people: several spans, of person labels only.
pub(crate) fn is_people_role(project: &Project, role: &crate::model::RoleDef) -> bool {
    role.multiple
        && !role.labels.is_empty()
        && role.labels.iter().all(|label| {
            project
                .schema
                .label(label)
                .is_some_and(|l| l.value_kind == ValueKind::Person)
        })
}
