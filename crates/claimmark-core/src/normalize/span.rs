//! Normalising one span by its label's value kind, and re-normalising a
//! document's spans as edits.

use crate::edit::Edit;
use crate::model::{
    CharRange, Document, Entity, Schema, SpanValue, Value, ValueKind, ValueSource,
    value::{CountModifier, CountValue},
};

use super::date::{DateReading, normalize_date};
use super::{count::normalize_count, duration::normalize_duration, event, names};

/// What the normaliser makes of a span's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Normalized {
    /// A value the normaliser stands behind.
    Value(Value),
    /// The text is of the kind, but its value needs a person (an unknown
    /// publication date, "04/07/2024", a word the normaliser cannot read).
    /// `reason` is a sentence for the analyst.
    NeedsAnalyst { reason: String },
    /// The kind has nothing to normalise (`text`).
    NotApplicable,
}

/// Normalises a span's text for its label's value kind.
///
/// - Dates are resolved against `published` where they need it ("Thursday",
///   "last week") and then say so (`Anchoring::Published`); without a
///   publication date, or when truly ambiguous, they need the analyst —
///   never a silent guess. Rules: `normalize::date`.
/// - Counts follow `claim/v1` (rules: `normalize::count`); a `count`-labelled
///   "six years" is the count 6 (see `normalize::duration`).
/// - Durations become ISO 8601 (`normalize::duration`).
/// - Events take the name of their trigger word (`normalize::event`).
/// - People, organizations and places get the mention as their name, its
///   possessive removed ("Kuznechyk’s" → "Kuznechyk"); [`renormalize`] and
///   the entity helpers replace it by the linked entity's canonical name.
pub fn normalize_span(kind: ValueKind, text: &str, published: Option<time::Date>) -> Normalized {
    let unreadable = |what: &str| Normalized::NeedsAnalyst {
        reason: format!("“{text}” is not {what} the normaliser can read; type its value"),
    };
    match kind {
        ValueKind::Date => match normalize_date(text, published) {
            Some(DateReading::Resolved(value)) => Normalized::Value(Value::Date(value)),
            Some(DateReading::NeedsAnalyst { reason }) => Normalized::NeedsAnalyst { reason },
            None => unreadable("a date"),
        },
        ValueKind::Count => {
            normalize_count(text).map_or_else(|| unreadable("a count"), count_value)
        }
        ValueKind::Duration => normalize_duration(text).map_or_else(
            || unreadable("a duration"),
            |value| Normalized::Value(Value::Duration { value }),
        ),
        ValueKind::Event => event::event_name(text).map_or_else(
            || unreadable("an event word"),
            |name| {
                Normalized::Value(Value::Event {
                    name: name.to_owned(),
                })
            },
        ),
        ValueKind::Person | ValueKind::Organization | ValueKind::Place => {
            let name = names::clean_mention(text);
            if name.is_empty() {
                return unreadable("a name");
            }
            name_value(kind, name, None).map_or_else(|| unreadable("a name"), Normalized::Value)
        }
        ValueKind::Text => Normalized::NotApplicable,
    }
}

fn count_value(value: CountValue) -> Normalized {
    Normalized::Value(Value::Count(value))
}

/// The value of a person, organization or place; `None` for other kinds.
pub(crate) fn name_value(
    kind: ValueKind,
    name: String,
    entity_id: Option<String>,
) -> Option<Value> {
    match kind {
        ValueKind::Person => Some(Value::Person { name, entity_id }),
        ValueKind::Organization => Some(Value::Organization { name, entity_id }),
        ValueKind::Place => Some(Value::Place { name, entity_id }),
        _ => None,
    }
}

/// The value the normaliser gives a span: its own reading, or for a span
/// linked to an entity, the entity's canonical name and id.
pub fn span_value(
    kind: ValueKind,
    text: &str,
    published: Option<time::Date>,
    entity: Option<&Entity>,
) -> Normalized {
    if let Some(entity) = entity
        && let Some(value) = name_value(kind, entity.name.clone(), Some(entity.id.to_string()))
    {
        return Normalized::Value(value);
    }
    normalize_span(kind, text, published)
}

/// How many words around a count span are read for a bound the span left
/// out ("over" in "over 75", "or more" in "75 or more").
const CONTEXT_WORDS: usize = 3;

/// [`span_value`] for the span at `range` of `doc`: a count reads the
/// words around it too, so a hand-tagged "75" in "over 75" is `more_than`
/// as the suggester's is, whoever made the span. Words across a sentence
/// end (`.`, `!`, `?`, `;`, `:`) are not read.
pub fn span_value_at(
    doc: &Document,
    range: CharRange,
    kind: ValueKind,
    entity: Option<&Entity>,
) -> Normalized {
    let text = doc.text.slice(range).unwrap_or_default();
    let alone = span_value(kind, text, doc.published, entity);
    if kind != ValueKind::Count {
        return alone;
    }
    let Normalized::Value(Value::Count(plain)) = &alone else {
        return alone;
    };
    if plain.modifier != CountModifier::Exact {
        return alone;
    }
    let stops = |word: &&str| word.ends_with(['.', '!', '?', ';', ':']);
    let before: Vec<&str> = doc
        .text
        .context_before(range, 60)
        .split_whitespace()
        .rev()
        .take_while(|word| !stops(word))
        .take(CONTEXT_WORDS)
        .collect();
    let after: Vec<&str> = doc
        .text
        .context_after(range, 40)
        .split_whitespace()
        .take(CONTEXT_WORDS)
        .collect();
    let bounded = |candidate: &str| {
        normalize_count(candidate)
            .filter(|value| value.number == plain.number && value.modifier != CountModifier::Exact)
    };
    // The longest phrase before first ("no fewer than" over "than").
    for taken in (1..=before.len()).rev() {
        let words: Vec<&str> = before[..taken].iter().rev().copied().collect();
        if let Some(value) = bounded(&format!("{} {text}", words.join(" "))) {
            return Normalized::Value(Value::Count(value));
        }
    }
    let until_stop: Vec<&str> = after
        .iter()
        .scan(false, |stopped, word| {
            let keep = !*stopped;
            *stopped |= stops(word);
            keep.then_some(*word)
        })
        .collect();
    for taken in (1..=until_stop.len()).rev() {
        if let Some(value) = bounded(&format!("{text} {}", until_stop[..taken].join(" "))) {
            return Normalized::Value(Value::Count(value));
        }
    }
    alone
}

/// Whether the normaliser may (re)set a span's value: it has none, or the
/// normaliser set it. Values typed by hand or imported are never replaced.
pub fn normalizer_owns(value: Option<&SpanValue>) -> bool {
    value.is_none_or(|value| value.source == ValueSource::Normalizer)
}

/// Recomputes the value of every span of `doc` whose value is missing or
/// came from the normaliser, and returns one `Edit::ReplaceSpan` per span
/// whose value changes (the caller applies them as one batch). A value set
/// by hand or imported is never touched. A normaliser value that no longer
/// holds (the publication date was removed, the text now reads otherwise)
/// is cleared rather than left stale. Spans whose label the schema lacks
/// are skipped.
pub fn renormalize(doc: &Document, schema: &Schema, entities: &[Entity]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for span in doc.spans() {
        if !normalizer_owns(span.value.as_ref()) {
            continue;
        }
        let Some(label) = schema.label(&span.label) else {
            continue;
        };
        let entity = span
            .entity
            .and_then(|id| entities.binary_search_by_key(&id, |e| e.id).ok())
            .and_then(|index| entities.get(index));
        let wanted = match span_value_at(doc, span.range, label.value_kind, entity) {
            Normalized::Value(value) => Some(SpanValue {
                value,
                source: ValueSource::Normalizer,
            }),
            Normalized::NeedsAnalyst { .. } | Normalized::NotApplicable => None,
        };
        if wanted != span.value {
            let mut changed = span.clone();
            changed.value = wanted;
            edits.push(Edit::ReplaceSpan {
                doc: doc.id.clone(),
                span: changed,
            });
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::{Anchoring, DateModifier, Granularity};
    use crate::model::{Entity, EntityId, SpanId, notation};
    use time::macros::date;

    fn date(value: &str, granularity: Granularity, anchoring: Anchoring) -> Normalized {
        Normalized::Value(Value::Date(crate::model::value::DateValue {
            value: value.to_owned(),
            granularity,
            modifier: None,
            anchoring,
        }))
    }

    fn count(number: u64) -> Normalized {
        Normalized::Value(Value::Count(CountValue::exact(number)))
    }

    fn needs_analyst(normalized: &Normalized) -> bool {
        matches!(normalized, Normalized::NeedsAnalyst { .. })
    }

    #[test]
    fn spans_normalise_by_their_kind() {
        // A Thursday.
        let published = Some(date!(2024 - 11 - 14));
        let cases: &[(ValueKind, &str, Normalized)] = &[
            (
                ValueKind::Date,
                "Thursday",
                date("2024-11-14", Granularity::Day, Anchoring::Published),
            ),
            (
                ValueKind::Date,
                "on Thursday",
                date("2024-11-14", Granularity::Day, Anchoring::Published),
            ),
            (
                ValueKind::Date,
                "June 8, 2022",
                date("2022-06-08", Granularity::Day, Anchoring::Absolute),
            ),
            (
                ValueKind::Date,
                "December 28",
                date("2023-12-28", Granularity::Day, Anchoring::Published),
            ),
            (ValueKind::Count, "1,229", count(1229)),
            (ValueKind::Count, "1.229", count(1229)),
            (ValueKind::Count, "1 229", count(1229)),
            (ValueKind::Count, "seventeen", count(17)),
            // Decision: a count-labelled "six years" is the count 6.
            (ValueKind::Count, "six years", count(6)),
            (
                ValueKind::Duration,
                "six-year sentence",
                Normalized::Value(Value::Duration {
                    value: "P6Y".into(),
                }),
            ),
            (
                ValueKind::Duration,
                "10 years",
                Normalized::Value(Value::Duration {
                    value: "P10Y".into(),
                }),
            ),
            (
                ValueKind::Event,
                "freed",
                Normalized::Value(Value::Event {
                    name: "release".into(),
                }),
            ),
            (
                ValueKind::Event,
                "Pardoned",
                Normalized::Value(Value::Event {
                    name: "pardon".into(),
                }),
            ),
            (
                ValueKind::Person,
                "Kuznechyk’s",
                Normalized::Value(Value::Person {
                    name: "Kuznechyk".into(),
                    entity_id: None,
                }),
            ),
            (
                ValueKind::Place,
                "Belarus’",
                Normalized::Value(Value::Place {
                    name: "Belarus".into(),
                    entity_id: None,
                }),
            ),
            (
                ValueKind::Organization,
                "Viasna",
                Normalized::Value(Value::Organization {
                    name: "Viasna".into(),
                    entity_id: None,
                }),
            ),
            (ValueKind::Text, "anything", Normalized::NotApplicable),
        ];
        for (kind, text, expected) in cases {
            assert_eq!(
                &normalize_span(*kind, text, published),
                expected,
                "{kind:?} {text}"
            );
        }
    }

    #[test]
    fn what_cannot_be_resolved_asks_the_analyst() {
        let published = Some(date!(2024 - 11 - 14));
        for (kind, text, published) in [
            // No publication date: never a silent guess.
            (ValueKind::Date, "Thursday", None),
            (ValueKind::Date, "last week", None),
            // Truly ambiguous.
            (ValueKind::Date, "04/07/2024", published),
            (ValueKind::Date, "the day after the vote", published),
            (ValueKind::Count, "many", published),
            (ValueKind::Duration, "life", published),
            (ValueKind::Event, "picnicked", published),
            (ValueKind::Person, "’s", published),
        ] {
            let normalized = normalize_span(kind, text, published);
            assert!(
                needs_analyst(&normalized),
                "{kind:?} {text}: {normalized:?}"
            );
        }
        let Normalized::NeedsAnalyst { reason } = normalize_span(ValueKind::Date, "Thursday", None)
        else {
            panic!("needs the analyst")
        };
        assert!(reason.contains("publication date"), "{reason}");
    }

    #[test]
    fn renormalize_recomputes_only_the_normalisers_values() {
        let mut doc = notation::document(
            "doc",
            "[date|Thursday] [count|31] [date|last week] [count|five] [person|Bialiatski’s] [event|freed]",
        )
        .unwrap();
        doc.published = Some(date!(2024 - 11 - 14));
        let schema = Schema::default_news();
        let entities = vec![Entity {
            id: EntityId(4),
            kind: ValueKind::Person,
            name: "Ales Bialiatski".into(),
            aliases: Vec::new(),
        }];
        let hand = SpanValue {
            value: Value::Count(CountValue::exact(32)),
            source: ValueSource::Hand,
        };
        let imported = SpanValue {
            source: ValueSource::Imported,
            ..hand.clone()
        };
        let stale = SpanValue {
            value: Value::Date(crate::model::value::DateValue {
                value: "1999".into(),
                granularity: Granularity::Year,
                modifier: Some(DateModifier::Approx),
                anchoring: Anchoring::Absolute,
            }),
            source: ValueSource::Normalizer,
        };
        doc.span_mut(SpanId(2)).unwrap().value = Some(hand.clone());
        doc.span_mut(SpanId(4)).unwrap().value = Some(imported.clone());
        doc.span_mut(SpanId(3)).unwrap().value = Some(stale);
        doc.span_mut(SpanId(5)).unwrap().entity = Some(EntityId(4));

        let edits = renormalize(&doc, &schema, &entities);
        let changed: Vec<(SpanId, Option<Value>)> = edits
            .iter()
            .map(|edit| match edit {
                Edit::ReplaceSpan { span, .. } => (span.id, span.value.clone().map(|v| v.value)),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        let ids: Vec<SpanId> = changed.iter().map(|c| c.0).collect();
        // Hand (2) and imported (4) values are never touched.
        assert_eq!(ids, [SpanId(1), SpanId(3), SpanId(5), SpanId(6)]);
        assert!(matches!(
            &changed[2].1,
            Some(Value::Person { name, entity_id }) if name == "Ales Bialiatski" && entity_id.as_deref() == Some("e4")
        ));

        // Applied, a second run has nothing to do.
        for edit in edits {
            let Edit::ReplaceSpan { span, .. } = edit else {
                unreachable!()
            };
            let id = span.id;
            *doc.span_mut(id).unwrap() = span;
        }
        assert!(renormalize(&doc, &schema, &entities).is_empty());
        assert_eq!(doc.span(SpanId(2)).unwrap().value, Some(hand));
        assert_eq!(doc.span(SpanId(4)).unwrap().value, Some(imported));

        // Without a publication date the relative dates' values are cleared
        // (they need the analyst), the absolute ones stay.
        doc.published = None;
        let cleared: Vec<SpanId> = renormalize(&doc, &schema, &entities)
            .iter()
            .filter_map(|edit| match edit {
                Edit::ReplaceSpan { span, .. } if span.value.is_none() => Some(span.id),
                _ => None,
            })
            .collect();
        assert_eq!(cleared, [SpanId(1), SpanId(3)]);
    }
}
