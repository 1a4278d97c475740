//! Conversions between wire types and model types: values, agents,
//! statuses. Wire → model checks what the model requires and says what is
//! wrong; model → wire cannot fail.

use serde_json::Map;

use super::wire::{
    WireAgent, WireAgentKind, WireAnchoring, WireCountModifier, WireDateModifier, WireGranularity,
    WireStatus, WireValue,
};
use crate::model::review::{Agent, AgentKind, ReviewStatus};
use crate::model::value::{
    Anchoring, CountModifier, CountValue, DateModifier, DateValue, Granularity, Value,
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
            granularity: match date.granularity {
                Granularity::Year => WireGranularity::Year,
                Granularity::Month => WireGranularity::Month,
                Granularity::Day => WireGranularity::Day,
            },
            modifier: date.modifier.map(|modifier| match modifier {
                DateModifier::Before => WireDateModifier::Before,
                DateModifier::After => WireDateModifier::After,
                DateModifier::Approx => WireDateModifier::Approx,
                DateModifier::Start => WireDateModifier::Start,
                DateModifier::Mid => WireDateModifier::Mid,
                DateModifier::End => WireDateModifier::End,
            }),
            anchoring: match date.anchoring {
                Anchoring::Absolute => WireAnchoring::Absolute,
                Anchoring::Published => WireAnchoring::Published,
            },
            unknown,
        },
        Value::Count(count) => WireValue::Count {
            number: count.number,
            modifier: match count.modifier {
                CountModifier::Exact => WireCountModifier::Exact,
                CountModifier::Approx => WireCountModifier::Approx,
                CountModifier::MoreThan => WireCountModifier::MoreThan,
                CountModifier::AtLeast => WireCountModifier::AtLeast,
                CountModifier::LessThan => WireCountModifier::LessThan,
                CountModifier::AtMost => WireCountModifier::AtMost,
                CountModifier::Range => WireCountModifier::Range,
                CountModifier::Vague => WireCountModifier::Vague,
            },
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

/// A wire value in the model, checked: dates have as many parts as their
/// granularity says and exist, count bounds are ordered, durations are ISO
/// 8601, names are not empty.
pub fn value_from_wire(value: &WireValue) -> Result<Value, String> {
    let name_of = |kind: &str, name: &str| {
        if name.trim().is_empty() {
            Err(format!("a {kind} value needs a non-empty `name`"))
        } else {
            Ok(name.to_owned())
        }
    };
    Ok(match value {
        WireValue::Person {
            name, entity_id, ..
        } => Value::Person {
            name: name_of("person", name)?,
            entity_id: entity_id.clone(),
        },
        WireValue::Organization {
            name, entity_id, ..
        } => Value::Organization {
            name: name_of("organization", name)?,
            entity_id: entity_id.clone(),
        },
        WireValue::Place {
            name, entity_id, ..
        } => Value::Place {
            name: name_of("place", name)?,
            entity_id: entity_id.clone(),
        },
        WireValue::Date {
            value,
            granularity,
            modifier,
            anchoring,
            ..
        } => date_from_wire(value, *granularity, *modifier, *anchoring)?,
        WireValue::Count {
            number,
            modifier,
            lower,
            upper,
            ..
        } => count_from_wire(*number, *modifier, *lower, *upper)?,
        WireValue::Duration { value, .. } => {
            if !is_iso8601_duration(value) {
                return Err(format!(
                    "duration “{value}” is not an ISO 8601 duration such as P6Y, P18M or P2Y6M"
                ));
            }
            Value::Duration {
                value: value.clone(),
            }
        }
        WireValue::Event { name, .. } => Value::Event {
            name: name_of("event", name)?,
        },
        WireValue::Text { text, .. } => Value::Text { text: text.clone() },
    })
}

fn date_from_wire(
    value: &str,
    granularity: WireGranularity,
    modifier: Option<WireDateModifier>,
    anchoring: WireAnchoring,
) -> Result<Value, String> {
    let granularity = match granularity {
        WireGranularity::Year => Granularity::Year,
        WireGranularity::Month => Granularity::Month,
        WireGranularity::Day => Granularity::Day,
    };
    check_date(value, granularity)?;
    Ok(Value::Date(DateValue {
        value: value.to_owned(),
        granularity,
        modifier: modifier.map(|modifier| match modifier {
            WireDateModifier::Before => DateModifier::Before,
            WireDateModifier::After => DateModifier::After,
            WireDateModifier::Approx => DateModifier::Approx,
            WireDateModifier::Start => DateModifier::Start,
            WireDateModifier::Mid => DateModifier::Mid,
            WireDateModifier::End => DateModifier::End,
        }),
        anchoring: match anchoring {
            WireAnchoring::Absolute => Anchoring::Absolute,
            WireAnchoring::Published => Anchoring::Published,
        },
    }))
}

fn count_from_wire(
    number: Option<u64>,
    modifier: WireCountModifier,
    lower: Option<u64>,
    upper: Option<u64>,
) -> Result<Value, String> {
    if let (Some(lower), Some(upper)) = (lower, upper)
        && lower > upper
    {
        return Err(format!(
            "a count's `lower` ({lower}) is above its `upper` ({upper})"
        ));
    }
    Ok(Value::Count(CountValue {
        number,
        modifier: match modifier {
            WireCountModifier::Exact => CountModifier::Exact,
            WireCountModifier::Approx => CountModifier::Approx,
            WireCountModifier::MoreThan => CountModifier::MoreThan,
            WireCountModifier::AtLeast => CountModifier::AtLeast,
            WireCountModifier::LessThan => CountModifier::LessThan,
            WireCountModifier::AtMost => CountModifier::AtMost,
            WireCountModifier::Range => CountModifier::Range,
            WireCountModifier::Vague => CountModifier::Vague,
        },
        lower,
        upper,
    }))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the granularity says, and a real
/// calendar date.
fn check_date(value: &str, granularity: Granularity) -> Result<(), String> {
    let (format, example) = match granularity {
        Granularity::Year => ("[year]", "2024"),
        Granularity::Month => ("[year]-[month]", "2024-07"),
        Granularity::Day => ("[year]-[month]-[day]", "2024-07-04"),
    };
    let parsed = match granularity {
        Granularity::Year => value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()),
        Granularity::Month => {
            let description = time::macros::format_description!("[year]-[month]-[day]");
            value.len() == 7 && time::Date::parse(&format!("{value}-01"), &description).is_ok()
        }
        Granularity::Day => {
            let description = time::macros::format_description!("[year]-[month]-[day]");
            value.len() == 10 && time::Date::parse(value, &description).is_ok()
        }
    };
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
