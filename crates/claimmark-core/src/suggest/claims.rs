//! Whole claims from the spans of a document: a trigger with the role
//! fillers found in its sentence, so the review queue has claims to work on
//! without an external extractor.
//!
//! Rules (deterministic; docs/review.md lists them for analysts):
//! - A claim type with a trigger role: every event span (not rejected)
//!   whose value names a claim type of the schema (`freed` → `release`)
//!   and that no claim of that type uses yet (whatever its status, so a
//!   rejected claim is not proposed again).
//! - A claim type without a trigger (`prisoner_count`): every count span
//!   that a word of the type's name follows within three words ("1,184
//!   political prisoners"), filling the type's first count role, unless
//!   an event word comes before it in the sentence ("pardoned 31
//!   political prisoners" is the pardon's count).
//! - Each other role is filled from spans of the same sentence whose label
//!   the role names (roles that accept any label are left to the analyst),
//!   never with a span another role of the claim took: `actor` and
//!   `source` prefer spans before the trigger, other roles spans after it,
//!   nearest first; a role that takes several spans takes every fitting
//!   one on its side of the trigger and none on the other.
//! - A claim lacking a required role is not proposed.
//! - Confidence: 0.3 + 0.6 × the share of fillable roles filled, to two
//!   decimals.

use std::collections::HashSet;

use crate::annotate::{filler_rank, on_preferred_side};

use crate::model::{
    CharRange, Claim, ClaimId, ClaimTypeDef, Confidence, Document, Name, Provenance, ReviewStatus,
    Schema, Span, SpanId, TRIGGER_ROLE, Timestamp, Value, ValueKind,
};

/// A span that may fill a role, with its sentence.
struct Candidate<'a> {
    span: &'a Span,
    sentence: usize,
}

/// The claims the rules propose for a document, given its spans and those
/// about to be added (`extra`), ids from the document's next claim id.
pub(super) fn suggest_claims(
    doc: &Document,
    extra: &[Span],
    schema: &Schema,
    provenance: &Provenance,
) -> Vec<Claim> {
    let starts = crate::model::sentences::sentence_starts(doc.text.as_str());
    let candidates: Vec<Candidate<'_>> = doc
        .spans()
        .iter()
        .chain(extra)
        .filter(|span| span.status != ReviewStatus::Rejected)
        .map(|span| Candidate {
            span,
            sentence: crate::model::sentences::sentence_index(&starts, span.range.start().get()),
        })
        .collect();
    let mut used: HashSet<(Name, SpanId)> = HashSet::new();
    for claim in doc.claims() {
        for argument in &claim.arguments {
            if argument.role.as_str() == TRIGGER_ROLE
                || trigger_role(schema, &claim.claim_type).is_none()
            {
                used.insert((claim.claim_type.clone(), argument.span));
            }
        }
    }
    let mut next = doc.next_claim_id().0;
    let mut out = Vec::new();
    for anchor in &candidates {
        // "pardoned 31 political prisoners" counts whom the event touched,
        // not how many are held.
        let after_event = |c: &Candidate<'_>| {
            c.sentence == anchor.sentence
                && c.span.range.start() < anchor.span.range.start()
                && schema
                    .label(&c.span.label)
                    .is_some_and(|l| l.value_kind == ValueKind::Event)
        };
        let follows_event = candidates.iter().any(after_event);
        for claim_type in claim_types_for(doc, schema, anchor.span) {
            if follows_event && trigger_role(schema, &claim_type.name).is_none() {
                continue;
            }
            if used.contains(&(claim_type.name.clone(), anchor.span.id)) {
                continue;
            }
            let Some(claim) = build_claim(claim_type, schema, anchor, &candidates, ClaimId(next))
            else {
                continue;
            };
            used.insert((claim_type.name.clone(), anchor.span.id));
            next += 1;
            out.push(Claim {
                provenance: Some(provenance.clone()),
                ..claim
            });
        }
    }
    out
}

fn trigger_role<'s>(schema: &'s Schema, claim_type: &Name) -> Option<&'s crate::model::RoleDef> {
    schema
        .claim_type(claim_type)?
        .roles
        .iter()
        .find(|role| role.name.as_str() == TRIGGER_ROLE)
}

/// The claim types a span anchors: by its event value for types with a
/// trigger; for types without one, a count the type's name follows.
fn claim_types_for<'s>(doc: &Document, schema: &'s Schema, span: &Span) -> Vec<&'s ClaimTypeDef> {
    let kind = schema.label(&span.label).map(|label| label.value_kind);
    match (kind, span.value.as_ref().map(|v| &v.value)) {
        (Some(ValueKind::Event), Some(Value::Event { name })) => schema
            .claim_types
            .iter()
            .filter(|ty| ty.name.as_str() == name)
            .filter(|ty| {
                ty.roles
                    .iter()
                    .any(|role| role.name.as_str() == TRIGGER_ROLE && role.accepts(&span.label))
            })
            .collect(),
        (Some(ValueKind::Count), _) => schema
            .claim_types
            .iter()
            .filter(|ty| {
                ty.roles
                    .iter()
                    .all(|role| role.name.as_str() != TRIGGER_ROLE)
            })
            .filter(|ty| count_role(ty, schema).is_some())
            .filter(|ty| named_after(doc, span.range, &ty.name))
            .collect(),
        _ => Vec::new(),
    }
}

/// The first role of a type that takes count spans.
fn count_role<'s>(
    claim_type: &'s ClaimTypeDef,
    schema: &Schema,
) -> Option<&'s crate::model::RoleDef> {
    claim_type.roles.iter().find(|role| {
        !role.labels.is_empty()
            && role.labels.iter().any(|label| {
                schema
                    .label(label)
                    .is_some_and(|l| l.value_kind == ValueKind::Count)
            })
    })
}

/// Whether a word of the type's name (`prisoner` of `prisoner_count`,
/// plurals too) comes within three words after the range.
fn named_after(doc: &Document, range: CharRange, claim_type: &Name) -> bool {
    let after = doc.text.context_after(range, 60).to_lowercase();
    let words: Vec<&str> = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(3)
        .collect();
    claim_type
        .as_str()
        .split('_')
        .filter(|part| part.len() > 3 && *part != "count")
        .any(|part| words.iter().any(|word| word.starts_with(part)))
}

fn build_claim(
    claim_type: &ClaimTypeDef,
    schema: &Schema,
    anchor: &Candidate<'_>,
    candidates: &[Candidate<'_>],
    id: ClaimId,
) -> Option<Claim> {
    let has_trigger = claim_type
        .roles
        .iter()
        .any(|role| role.name.as_str() == TRIGGER_ROLE);
    let anchor_role = if has_trigger {
        Name::parse(TRIGGER_ROLE).ok()?
    } else {
        count_role(claim_type, schema)?.name.clone()
    };
    let mut arguments = vec![crate::model::Argument::new(
        anchor_role.clone(),
        anchor.span.id,
    )];
    let mut taken: HashSet<SpanId> = HashSet::from([anchor.span.id]);
    let at = anchor.span.range.start().get();
    let (mut fillable, mut filled) = (0usize, 0usize);
    for role in &claim_type.roles {
        if role.name == anchor_role || role.labels.is_empty() {
            continue;
        }
        fillable += 1;
        let mut fitting: Vec<&Candidate<'_>> = candidates
            .iter()
            .filter(|c| c.sentence == anchor.sentence && !taken.contains(&c.span.id))
            .filter(|c| role.accepts(&c.span.label))
            .collect();
        let preferred = |c: &Candidate<'_>| on_preferred_side(&role.name, at, c.span);
        fitting.sort_by_key(|c| filler_rank(&role.name, at, c.span));
        let chosen: Vec<&Candidate<'_>> = if role.multiple {
            // People on the other side of the trigger are usually in
            // another role ("Lukashenko pardoned …" has no pardoned person).
            fitting.into_iter().filter(|c| preferred(c)).collect()
        } else {
            fitting.into_iter().take(1).collect()
        };
        if chosen.is_empty() {
            if role.required {
                return None;
            }
            continue;
        }
        filled += 1;
        let mut chosen = chosen;
        chosen.sort_by_key(|c| c.span.range.start());
        for candidate in chosen {
            taken.insert(candidate.span.id);
            arguments.push(crate::model::Argument::new(
                role.name.clone(),
                candidate.span.id,
            ));
        }
    }
    #[allow(clippy::cast_precision_loss)] // a handful of roles
    let share = if fillable == 0 {
        1.0
    } else {
        filled as f64 / fillable as f64
    };
    let confidence = ((0.3 + 0.6 * share) * 100.0).round() / 100.0;
    Some(Claim {
        arguments,
        status: ReviewStatus::Proposed,
        confidence: Confidence::new(confidence),
        ..Claim::new(id, claim_type.name.clone())
    })
}

/// The provenance of the suggester's claims, made now.
pub(super) fn provenance(created: Timestamp) -> Provenance {
    Provenance {
        creator: super::agent(),
        created,
        reviewer: None,
        reviewed: None,
        bulk_review: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::notation;

    #[test]
    fn a_trigger_takes_the_fillers_of_its_sentence_by_side_and_label() {
        let mut doc = notation::document(
            "d",
            "[person|Lukashenko] [event|pardoned] [count|31] political prisoners on [date|Thursday]. [organization|Viasna] [event|freed] [person|Maria Kolesnikova].",
        )
        .unwrap();
        let schema = Schema::default_news();
        // The notation gives no values; the event words name their types.
        for (id, name) in [(2, "pardon"), (6, "release")] {
            doc.span_mut(SpanId(id)).unwrap().value = Some(crate::model::SpanValue {
                value: Value::Event { name: name.into() },
                source: crate::model::ValueSource::Normalizer,
            });
        }
        let at = Timestamp::parse("2026-12-06T00:00:00Z").unwrap();
        let claims = suggest_claims(&doc, &[], &schema, &provenance(at));
        let roles = |claim: &Claim| -> Vec<(String, u32)> {
            claim
                .arguments
                .iter()
                .map(|a| (a.role.to_string(), a.span.0))
                .collect()
        };
        assert_eq!(claims.len(), 2, "{claims:?}");
        assert_eq!(claims[0].claim_type.as_str(), "pardon");
        assert_eq!(
            roles(&claims[0]),
            [
                ("trigger".to_owned(), 2),
                ("count".to_owned(), 3),
                ("date".to_owned(), 4),
                ("actor".to_owned(), 1),
            ],
            "the person before the trigger is the actor, not the pardoned"
        );
        // 3 of 5 fillable roles (count, date, actor; not pardoned_person, source).
        assert!((claims[0].confidence.unwrap().get() - 0.66).abs() < 1e-9);
        assert_eq!(claims[1].claim_type.as_str(), "release");
        assert_eq!(
            roles(&claims[1]),
            [
                ("trigger".to_owned(), 6),
                ("released_person".to_owned(), 7),
                ("actor".to_owned(), 5),
            ],
            "the second sentence's spans only"
        );
        assert_eq!(claims[0].status, ReviewStatus::Proposed);
        assert_eq!(claims[0].id, ClaimId(1));
        assert_eq!(claims[1].id, ClaimId(2));

        // Claims already there (any status) are not proposed again.
        let mut again = doc.clone();
        let mut rejected = claims[0].clone();
        rejected.status = ReviewStatus::Rejected;
        assert!(again.insert_claim(rejected));
        let more = suggest_claims(&again, &[], &schema, &provenance(Timestamp::now()));
        assert_eq!(more.len(), 1);
        assert_eq!(more[0].claim_type.as_str(), "release");
        assert_eq!(more[0].id, ClaimId(2));
    }

    #[test]
    fn a_count_the_type_name_follows_makes_a_claim_without_trigger() {
        let doc = notation::document(
            "d",
            "[organization|Viasna] counts [count|1,184] political prisoners as of [date|18 September 2025]. Police held [count|12] people.",
        )
        .unwrap();
        let schema = Schema::default_news();
        let claims = suggest_claims(&doc, &[], &schema, &provenance(Timestamp::now()));
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert_eq!(claims[0].claim_type.as_str(), "prisoner_count");
        let roles: Vec<&str> = claims[0]
            .arguments
            .iter()
            .map(|a| a.role.as_str())
            .collect();
        assert_eq!(roles, ["count", "as_of", "source"]);
    }
}
