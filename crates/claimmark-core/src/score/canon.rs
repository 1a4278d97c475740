//! Values as canonical strings: what "the same value" means when arguments
//! are compared. Two values match when their strings are equal.
//!
//! | kind | canonical string | left out |
//! |---|---|---|
//! | person, organization, place | `person:ales bialiatski` (name folded) | `entity_id`, `aliases`: entity ids are local to one project's registry |
//! | date | `date:2025-09-18/day`, with `/approx` etc. when there is a `mod` | `anchoring` (how it was resolved, not what it is) |
//! | count | `count:75/more_than`; `count:?/vague/2000..?` | bounds, unless `number` is null or `mod` is `range` (then the bounds are the value) |
//! | duration | `duration:P6Y` (upper case) | |
//! | event | `event:release` (folded) | |
//! | text | `text:released` (folded) | |
//!
//! *Folded*: trimmed, lower case, runs of white space as one space.
//! A claim's trigger has no value in `claim/v1`; it is compared as
//! `text:` + its folded exact text.

use crate::model::value::{CountModifier, CountValue, DateValue, Value};

/// Trimmed, lower case, inner white space runs as one space.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().flat_map(char::to_lowercase));
    }
    folded
}

/// The canonical string of a value (see the module table).
pub fn canonical(value: &Value) -> String {
    match value {
        Value::Person { name, .. } => format!("person:{}", fold(name)),
        Value::Organization { name, .. } => format!("organization:{}", fold(name)),
        Value::Place { name, .. } => format!("place:{}", fold(name)),
        Value::Date(date) => canonical_date(date),
        Value::Count(count) => canonical_count(count),
        Value::Duration { value } => format!("duration:{}", value.trim().to_uppercase()),
        Value::Event { name } => format!("event:{}", fold(name)),
        Value::Text { text } => text_value(text),
    }
}

/// The canonical string of free text (and of triggers).
pub fn text_value(text: &str) -> String {
    format!("text:{}", fold(text))
}

fn canonical_date(date: &DateValue) -> String {
    let mut out = format!("date:{}/{}", date.value.trim(), date.granularity.as_str());
    if let Some(modifier) = date.modifier {
        out.push('/');
        out.push_str(modifier.as_str());
    }
    out
}

fn canonical_count(count: &CountValue) -> String {
    let number = count
        .number
        .map_or_else(|| "?".to_owned(), |n| n.to_string());
    let mut out = format!("count:{number}/{}", count.modifier.as_str());
    if count.number.is_none() || count.modifier == CountModifier::Range {
        let bound = |b: Option<u64>| b.map_or_else(|| "?".to_owned(), |n| n.to_string());
        out.push('/');
        out.push_str(&bound(count.lower));
        out.push_str("..");
        out.push_str(&bound(count.upper));
    }
    out
}

#[cfg(test)]
// The figures compared are exact binary fractions or rounded to 6 decimals.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::model::value::{Anchoring, DateModifier, Granularity};

    #[test]
    fn names_and_text_are_folded() {
        assert_eq!(fold("  Ales\t BIALIATSKI \n"), "ales bialiatski");
        let person = Value::Person {
            name: "Ales  Bialiatski".into(),
            entity_id: Some("e3".into()),
        };
        assert_eq!(canonical(&person), "person:ales bialiatski");
        assert_eq!(
            canonical(&Value::Text {
                text: " Released ".into()
            }),
            "text:released"
        );
    }

    #[test]
    fn dates_keep_granularity_and_mod_but_not_anchoring() {
        let mut date = DateValue {
            value: "2025-09-18".into(),
            granularity: Granularity::Day,
            modifier: None,
            anchoring: Anchoring::Published,
        };
        assert_eq!(canonical(&Value::Date(date.clone())), "date:2025-09-18/day");
        date.anchoring = Anchoring::Absolute;
        assert_eq!(canonical(&Value::Date(date.clone())), "date:2025-09-18/day");
        date.modifier = Some(DateModifier::Approx);
        assert_eq!(canonical(&Value::Date(date)), "date:2025-09-18/day/approx");
    }

    #[test]
    fn counts_keep_bounds_only_when_they_are_the_value() {
        let count = |number, modifier, lower, upper| {
            canonical(&Value::Count(CountValue {
                number,
                modifier,
                lower,
                upper,
            }))
        };
        assert_eq!(
            count(Some(75), CountModifier::MoreThan, Some(76), None),
            "count:75/more_than"
        );
        assert_eq!(
            count(Some(75), CountModifier::MoreThan, None, None),
            "count:75/more_than"
        );
        assert_eq!(
            count(None, CountModifier::Vague, Some(2000), None),
            "count:?/vague/2000..?"
        );
        assert_eq!(
            count(Some(15), CountModifier::Range, Some(10), Some(20)),
            "count:15/range/10..20"
        );
    }
}
