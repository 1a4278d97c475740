//! Normalised values of spans and claim arguments.
//!
//! These mirror the `value` object of `claim/v1` (see docs/claim-format.md)
//! but belong to the model: the claim format has its own wire types and
//! converts at its boundary.

use serde::{Deserialize, Serialize};

use super::schema::ValueKind;

/// What a span or argument means, beyond its exact text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Value {
    Person {
        name: String,
        entity_id: Option<String>,
    },
    Organization {
        name: String,
        entity_id: Option<String>,
    },
    Place {
        name: String,
        entity_id: Option<String>,
    },
    Date(DateValue),
    Count(CountValue),
    /// An ISO 8601 duration such as `P6Y`.
    Duration {
        value: String,
    },
    /// A normalised event word: "freed" becomes `release`.
    Event {
        name: String,
    },
    Text {
        text: String,
    },
}

impl Value {
    /// What kind of value it is.
    pub fn kind(&self) -> ValueKind {
        match self {
            Self::Person { .. } => ValueKind::Person,
            Self::Organization { .. } => ValueKind::Organization,
            Self::Place { .. } => ValueKind::Place,
            Self::Date(_) => ValueKind::Date,
            Self::Count(_) => ValueKind::Count,
            Self::Duration { .. } => ValueKind::Duration,
            Self::Event { .. } => ValueKind::Event,
            Self::Text { .. } => ValueKind::Text,
        }
    }
}

/// A calendar date at year, month or day precision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateValue {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as many parts as `granularity` says.
    pub value: String,
    pub granularity: Granularity,
    pub modifier: Option<DateModifier>,
    pub anchoring: Anchoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Granularity {
    Year,
    Month,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateModifier {
    Before,
    After,
    Approx,
    Start,
    Mid,
    End,
}

/// Whether a date stands on its own or was resolved against the document's
/// publication date ("Thursday", "last week").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Anchoring {
    Absolute,
    Published,
}

/// A number of things, exact or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountValue {
    /// The number the text names; `None` for vague amounts ("thousands").
    pub number: Option<u64>,
    pub modifier: CountModifier,
    /// Inclusive bounds, where the text implies them.
    pub lower: Option<u64>,
    pub upper: Option<u64>,
}

impl CountValue {
    pub fn new(
        number: Option<u64>,
        modifier: CountModifier,
        lower: Option<u64>,
        upper: Option<u64>,
    ) -> Self {
        Self {
            number,
            modifier,
            lower,
            upper,
        }
    }

    /// Exactly `number`: both bounds are the number itself.
    pub fn exact(number: u64) -> Self {
        Self::new(
            Some(number),
            CountModifier::Exact,
            Some(number),
            Some(number),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CountModifier {
    Exact,
    Approx,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    Range,
    Vague,
}

/// The words `claim/v1` (and the canonical strings of scoring) use for
/// these enumerations: one table per enumeration, read both ways.
macro_rules! words {
    ($type:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $type {
            /// Every variant, in the order the format lists them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The word for it in `claim/v1`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word),+
                }
            }

            /// The variant a `claim/v1` word names.
            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|known| known.as_str() == raw)
            }
        }
    };
}

words!(Granularity { Year => "year", Month => "month", Day => "day" });
words!(DateModifier {
    Before => "before",
    After => "after",
    Approx => "approx",
    Start => "start",
    Mid => "mid",
    End => "end",
});
words!(Anchoring { Absolute => "absolute", Published => "published" });
words!(CountModifier {
    Exact => "exact",
    Approx => "approx",
    MoreThan => "more_than",
    AtLeast => "at_least",
    LessThan => "less_than",
    AtMost => "at_most",
    Range => "range",
    Vague => "vague",
});

/// A value as one short line: "2025-09-18 (day, from the published date)".
impl Value {
    /// The value as one short line for people: "2025-09-18 (from the
    /// published date)", "more than 75 [≥ 76]".
    pub fn describe(&self) -> String {
        match self {
            Value::Person { name, entity_id }
            | Value::Organization { name, entity_id }
            | Value::Place { name, entity_id } => match entity_id {
                Some(id) => format!("{name} ({id})"),
                None => name.clone(),
            },
            Value::Date(date) => {
                let mut text = date.value.clone();
                if let Some(modifier) = date.modifier {
                    text = format!("{} {text}", modifier.word());
                }
                if date.anchoring == Anchoring::Published {
                    text.push_str(" (from the published date)");
                }
                text
            }
            Value::Count(count) => describe_count(count),
            Value::Duration { value } => format!("duration {value}"),
            Value::Event { name } => format!("event: {name}"),
            Value::Text { text } => format!("“{text}”"),
        }
    }
}

fn describe_count(count: &CountValue) -> String {
    let bounds = match (count.lower, count.upper) {
        (Some(lower), Some(upper))
            if Some(lower) != count.number || Some(upper) != count.number =>
        {
            format!(" [{lower}–{upper}]")
        }
        (Some(lower), None) => format!(" [≥ {lower}]"),
        (None, Some(upper)) => format!(" [≤ {upper}]"),
        _ => String::new(),
    };
    let number = count
        .number
        .map_or_else(|| "?".to_owned(), |n| n.to_string());
    match count.modifier {
        CountModifier::Exact => format!("{number}{bounds}"),
        other => format!("{} {number}{bounds}", other.word()),
    }
}

impl DateModifier {
    /// The word for people: "about", "start of".
    pub fn word(self) -> &'static str {
        match self {
            DateModifier::Before => "before",
            DateModifier::After => "after",
            DateModifier::Approx => "about",
            DateModifier::Start => "start of",
            DateModifier::Mid => "mid",
            DateModifier::End => "end of",
        }
    }
}

impl CountModifier {
    /// The word for people: "more than", "about".
    pub fn word(self) -> &'static str {
        match self {
            CountModifier::Exact => "exactly",
            CountModifier::Approx => "about",
            CountModifier::MoreThan => "more than",
            CountModifier::AtLeast => "at least",
            CountModifier::LessThan => "less than",
            CountModifier::AtMost => "at most",
            CountModifier::Range => "range",
            CountModifier::Vague => "vague",
        }
    }
}

/// The words of `all`, for messages: "a, b or c".
pub fn word_list<T: Copy>(all: &[T], word: impl Fn(T) -> &'static str) -> String {
    let words: Vec<&str> = all.iter().map(|&item| word(item)).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

/// A span's normalised value and who set it. A value set by hand is never
/// replaced by re-normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpanValue {
    pub value: Value,
    pub source: ValueSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueSource {
    /// Typed or corrected by the analyst.
    Hand,
    /// Computed by claimmark's normaliser.
    Normalizer,
    /// Came with an imported claim.
    Imported,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifier_names_round_trip() {
        for &m in CountModifier::ALL {
            assert_eq!(CountModifier::parse(m.as_str()), Some(m));
        }
        for &m in DateModifier::ALL {
            assert_eq!(DateModifier::parse(m.as_str()), Some(m));
        }
        assert_eq!(Granularity::parse("month"), Some(Granularity::Month));
        assert_eq!(CountModifier::parse("several"), None);
    }

    #[test]
    fn word_lists_read_as_prose() {
        assert_eq!(
            word_list(Granularity::ALL, Granularity::as_str),
            "year, month or day"
        );
        assert_eq!(
            word_list(&[Anchoring::Absolute], Anchoring::as_str),
            "absolute"
        );
    }
}
