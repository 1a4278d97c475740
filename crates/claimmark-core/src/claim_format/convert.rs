//! Conversions between wire types and model types: values, agents,
//! statuses. Wire → model checks what the model requires and says what is
//! wrong; model → wire cannot fail.

use std::borrow::Cow;

use serde_json::Map;

use super::wire::{WireAgent, WireAgentKind, WireStatus, WireValue};
use crate::model::review::{Agent, AgentKind, ReviewStatus};
use crate::model::value::{
    Anchoring, CountModifier, CountValue, DateModifier, DateValue, Granularity, Value, word_list,
};

pub fn status_to_wire(status: ReviewStatus) -> WireStatus {
    match status {
        ReviewStatus::Proposed => WireStatus::Proposed,
        ReviewStatus::Accepted => WireStatus::Accepted,
        ReviewStatus::Corrected => WireStatus::Corrected,
        ReviewStatus::Rejected => WireStatus::Rejected,
    }
}

pub fn status_from_wire(status: WireStatus) -> ReviewStatus {
    match status {
        WireStatus::Proposed => ReviewStatus::Proposed,
        WireStatus::Accepted => ReviewStatus::Accepted,
        WireStatus::Corrected => ReviewStatus::Corrected,
        WireStatus::Rejected => ReviewStatus::Rejected,
    }
}

pub fn agent_to_wire(agent: &Agent) -> WireAgent {
    WireAgent {
        kind: match agent.kind {
            AgentKind::Person => WireAgentKind::Person,
            AgentKind::Software => WireAgentKind::Software,
        },
        id: agent.id.clone(),
        version: agent.version.clone(),
        unknown: Map::new(),
    }
}

pub fn agent_from_wire(agent: &WireAgent) -> Result<Agent, String> {
    if agent.id.is_empty() {
        return Err("an agent's `id` is empty; name the person or program".to_owned());
    }
    Ok(Agent {
        kind: match agent.kind {
            WireAgentKind::Person => AgentKind::Person,
            WireAgentKind::Software => AgentKind::Software,
        },
        id: agent.id.clone(),
        version: agent.version.clone(),
    })
}

/// A model value on the wire, without unknown fields or aliases.
pub fn value_to_wire(value: &Value) -> WireValue {
    let unknown = Map::new();
    match value {
        Value::Person { name, entity_id } => WireValue::Person {
            name: name.clone(),
            entity_id: entity_id.clone(),
            aliases: None,
            unknown,
        },
        Value::Organization { name, entity_id } => WireValue::Organization {
            name: name.clone(),
            entity_id: entity_id.clone(),
            unknown,
        },
        Value::Place { name, entity_id } => WireValue::Place {
            name: name.clone(),
            entity_id: entity_id.clone(),
            unknown,
        },
        Value::Date(date) => WireValue::Date {
            value: date.value.clone(),
            granularity: Cow::Borrowed(date.granularity.as_str()),
            modifier: date
                .modifier
                .map(|modifier| Cow::Borrowed(modifier.as_str())),
            anchoring: Cow::Borrowed(date.anchoring.as_str()),
            unknown,
        },
        Value::Count(count) => WireValue::Count {
            number: count.number,
            modifier: Cow::Borrowed(count.modifier.as_str()),
            lower: count.lower,
            upper: count.upper,
            unknown,
        },
        Value::Duration { value } => WireValue::Duration {
            value: value.clone(),
            unknown,
        },
        Value::Event { name } => WireValue::Event {
            name: name.clone(),
            unknown,
        },
        Value::Text { text } => WireValue::Text {
            text: text.clone(),
            unknown,
        },
    }
}

/// A wire value in the model, checked: its words are the format's (see
/// [`value_as_written`]), and [`check_value`] finds nothing wrong.
pub fn value_from_wire(value: &WireValue) -> Result<Value, String> {
    let value = value_as_written(value)?;
    check_value(&value)?;
    Ok(value)
}

/// A wire value in the model as it is written: its words (`granularity`,
/// `mod`, `anchoring`) must be ones the format has, but what
/// [`check_value`] asks is not checked.
pub fn value_as_written(value: &WireValue) -> Result<Value, String> {
    Ok(match value {
        WireValue::Person {
            name, entity_id, ..
        } => Value::Person {
            name: name.clone(),
            entity_id: entity_id.clone(),
        },
        WireValue::Organization {
            name, entity_id, ..
        } => Value::Organization {
            name: name.clone(),
            entity_id: entity_id.clone(),
        },
        WireValue::Place {
            name, entity_id, ..
        } => Value::Place {
            name: name.clone(),
            entity_id: entity_id.clone(),
        },
        WireValue::Date {
            value,
            granularity,
            modifier,
            anchoring,
            ..
        } => Value::Date(DateValue {
            value: value.clone(),
            granularity: word(
                "date granularity",
                granularity,
                Granularity::ALL,
                Granularity::parse,
                Granularity::as_str,
            )?,
            modifier: match modifier {
                Some(modifier) => Some(word(
                    "date mod",
                    modifier,
                    DateModifier::ALL,
                    DateModifier::parse,
                    DateModifier::as_str,
                )?),
                None => None,
            },
            anchoring: word(
                "date anchoring",
                anchoring,
                Anchoring::ALL,
                Anchoring::parse,
                Anchoring::as_str,
            )?,
        }),
        WireValue::Count {
            number,
            modifier,
            lower,
            upper,
            ..
        } => Value::Count(CountValue {
            number: *number,
            modifier: word(
                "count mod",
                modifier,
                CountModifier::ALL,
                CountModifier::parse,
                CountModifier::as_str,
            )?,
            lower: *lower,
            upper: *upper,
        }),
        WireValue::Duration { value, .. } => Value::Duration {
            value: value.clone(),
        },
        WireValue::Event { name, .. } => Value::Event { name: name.clone() },
        WireValue::Text { text, .. } => Value::Text { text: text.clone() },
    })
}

/// One of an enumeration's words, or a message naming the others.
fn word<T: Copy>(
    what: &str,
    raw: &str,
    all: &[T],
    parse: impl Fn(&str) -> Option<T>,
    as_str: impl Fn(T) -> &'static str,
) -> Result<T, String> {
    parse(raw).ok_or_else(|| format!("{what} “{raw}” is not {}", word_list(all, as_str)))
}

/// What the format asks of a value beyond its words: names are not empty,
/// dates have as many parts as their granularity says and exist, count
/// bounds are ordered, durations are ISO 8601.
pub fn check_value(value: &Value) -> Result<(), String> {
    let name_of = |kind: &str, name: &str| {
        if name.trim().is_empty() {
            Err(format!("a {kind} value needs a non-empty `name`"))
        } else {
            Ok(())
        }
    };
    match value {
        Value::Person { name, .. } => name_of("person", name),
        Value::Organization { name, .. } => name_of("organization", name),
        Value::Place { name, .. } => name_of("place", name),
        Value::Event { name } => name_of("event", name),
        Value::Date(date) => check_date(&date.value, date.granularity),
        Value::Count(CountValue {
            lower: Some(lower),
            upper: Some(upper),
            ..
        }) if lower > upper => Err(format!(
            "a count's `lower` ({lower}) is above its `upper` ({upper})"
        )),
        Value::Duration { value } if !is_iso8601_duration(value) => Err(format!(
            "duration “{value}” is not an ISO 8601 duration such as P6Y, P18M or P2Y6M"
        )),
        Value::Count(_) | Value::Duration { .. } | Value::Text { .. } => Ok(()),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the granularity says, and a real
/// calendar date.
fn check_date(value: &str, granularity: Granularity) -> Result<(), String> {
    let (format, example) = match granularity {
        Granularity::Year => ("[year]", "2024"),
        Granularity::Month => ("[year]-[month]", "2024-07"),
        Granularity::Day => ("[year]-[month]-[day]", "2024-07-04"),
    };
    let parsed = crate::model::IsoDate::parse(value)
        .is_ok_and(|date| date.granularity() == granularity && date.to_string() == value);
    if parsed {
        Ok(())
    } else {
        Err(format!(
            "date “{value}” does not fit its granularity: write it as {format} (e.g. {example})"
        ))
    }
}

/// An ISO 8601 duration: `P`, then numbers with the units Y, M, W, D in that
/// order, then optionally `T` with H, M, S (seconds may have a fraction).
/// At least one number, and none after a lone `T`.
pub fn is_iso8601_duration(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix('P') else {
        return false;
    };
    let (date_part, time_part) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let units_in_order = |part: &str, units: &[char], fraction_on: Option<char>| {
        let mut next_unit = 0;
        let mut digits = String::new();
        let mut count = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || (c == '.' && !digits.is_empty()) {
                digits.push(c);
                continue;
            }
            let position = units.iter().skip(next_unit).position(|&u| u == c)?;
            let fraction_ok = !digits.contains('.') || Some(c) == fraction_on;
            if digits.is_empty() || digits.ends_with('.') || !fraction_ok {
                return None;
            }
            digits.clear();
            next_unit += position + 1;
            count += 1;
        }
        digits.is_empty().then_some(count)
    };
    let Some(date_units) = units_in_order(date_part, &['Y', 'M', 'W', 'D'], None) else {
        return false;
    };
    match time_part {
        None => date_units > 0,
        Some(time) => matches!(units_in_order(time, &['H', 'M', 'S'], Some('S')), Some(n) if n > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(value: &str, granularity: Granularity) -> Value {
        Value::Date(DateValue {
            value: value.into(),
            granularity,
            modifier: None,
            anchoring: Anchoring::Absolute,
        })
    }

    #[test]
    fn values_round_trip_through_the_wire() {
        let values = [
            Value::Person {
                name: "Ales Bialiatski".into(),
                entity_id: Some("e1".into()),
            },
            Value::Organization {
                name: "Viasna".into(),
                entity_id: None,
            },
            Value::Place {
                name: "Minsk".into(),
                entity_id: None,
            },
            date("2025-09-18", Granularity::Day),
            Value::Date(DateValue {
                value: "2024-07".into(),
                granularity: Granularity::Month,
                modifier: Some(DateModifier::Approx),
                anchoring: Anchoring::Published,
            }),
            Value::Count(CountValue {
                number: Some(75),
                modifier: CountModifier::MoreThan,
                lower: Some(76),
                upper: None,
            }),
            Value::Count(CountValue {
                number: None,
                modifier: CountModifier::Vague,
                lower: Some(2000),
                upper: None,
            }),
            Value::Duration {
                value: "P6Y".into(),
            },
            Value::Event {
                name: "release".into(),
            },
            Value::Text {
                text: "extremist".into(),
            },
        ];
        for value in values {
            let wire = value_to_wire(&value);
            let json = serde_json::to_string(&wire).unwrap();
            let back: WireValue = serde_json::from_str(&json).unwrap();
            assert_eq!(value_from_wire(&back), Ok(value.clone()), "{json}");
        }
    }

    #[test]
    fn values_on_the_wire_look_like_the_format() {
        let table: [(Value, &str); 3] = [
            (
                Value::Count(CountValue {
                    number: Some(1229),
                    modifier: CountModifier::Approx,
                    lower: None,
                    upper: None,
                }),
                r#"{"kind":"count","number":1229,"mod":"approx"}"#,
            ),
            (
                date("2025-09-18", Granularity::Day),
                r#"{"kind":"date","value":"2025-09-18","granularity":"day","anchoring":"absolute"}"#,
            ),
            (
                Value::Count(CountValue {
                    number: None,
                    modifier: CountModifier::Vague,
                    lower: Some(2000),
                    upper: None,
                }),
                r#"{"kind":"count","number":null,"mod":"vague","lower":2000}"#,
            ),
        ];
        for (value, expected) in table {
            assert_eq!(
                serde_json::to_string(&value_to_wire(&value)).unwrap(),
                expected
            );
        }
    }

    #[test]
    fn bad_values_are_explained() {
        let table: [(&str, &str); 7] = [
            (
                r#"{"kind":"date","value":"2025-9-18","granularity":"day","anchoring":"absolute"}"#,
                "does not fit its granularity",
            ),
            (
                r#"{"kind":"date","value":"2025-02-30","granularity":"day","anchoring":"absolute"}"#,
                "does not fit its granularity",
            ),
            (
                r#"{"kind":"date","value":"2025-09","granularity":"year","anchoring":"absolute"}"#,
                "[year]",
            ),
            (
                r#"{"kind":"date","value":"2025-13","granularity":"month","anchoring":"absolute"}"#,
                "[year]-[month]",
            ),
            (
                r#"{"kind":"count","number":5,"mod":"range","lower":9,"upper":3}"#,
                "above its `upper`",
            ),
            (r#"{"kind":"duration","value":"6 years"}"#, "ISO 8601"),
            (r#"{"kind":"person","name":" "}"#, "non-empty `name`"),
        ];
        for (json, expected) in table {
            let wire: WireValue = serde_json::from_str(json).unwrap();
            let error = value_from_wire(&wire).unwrap_err();
            assert!(error.contains(expected), "{json}: {error}");
        }
    }

    #[test]
    fn iso8601_durations() {
        for good in [
            "P6Y",
            "P18M",
            "P2Y6M",
            "P3W",
            "P1DT12H",
            "PT1.5S",
            "P1Y2M3DT4H5M6S",
        ] {
            assert!(is_iso8601_duration(good), "{good}");
        }
        for bad in [
            "", "P", "PT", "6Y", "P6", "PY", "P1M2Y", "P1YT", "P1.5Y", "P1DT1.S",
        ] {
            assert!(!is_iso8601_duration(bad), "{bad}");
        }
    }
}
