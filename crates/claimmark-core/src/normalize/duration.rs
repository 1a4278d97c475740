//! Durations: "six-year sentence" → `P6Y`, "10 years" → `P10Y`.
//!
//! Decisions:
//! - A number (digits or words) and a unit: "10 years", "ten days",
//!   "18 months", "two weeks", "a year", "six-year", "10-day"; words after
//!   the unit are ignored ("six-year sentence", "10 years in prison").
//! - Parts joined by "and" or a comma add up: "six years and six months" is
//!   `P6Y6M`; "two and a half years" is `P2Y6M` (half a year is six months;
//!   half of any other unit has no exact ISO form and needs the analyst).
//! - Units: years `Y`, months `M`, weeks `W`, days `D`, hours `PT…H`.
//!   Weeks are kept as `W` rather than turned into days.
//! - "life", "life sentence", ranges ("three to five years") and vague
//!   amounts ("several years") are not single durations: `None`, which
//!   `normalize_span` reports as needing the analyst.
//! - A `count`-labelled "six years" is a count of six (of years), not a
//!   duration: the label says what the analyst wants; give the span a
//!   duration label to get `P6Y`.

use super::text::{TokenKind, Tokens};
use super::words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
}

fn unit_of(word: &str) -> Option<Unit> {
    let unit = match word {
        "year" | "years" | "yr" | "yrs" => Unit::Year,
        "month" | "months" => Unit::Month,
        "week" | "weeks" => Unit::Week,
        "day" | "days" => Unit::Day,
        "hour" | "hours" => Unit::Hour,
        _ => return None,
    };
    Some(unit)
}

/// Reads a duration expression into an ISO 8601 duration.
#[must_use]
pub fn normalize_duration(expression: &str) -> Option<String> {
    let tokens = Tokens::new(expression);
    let (end, iso) = read_duration(&tokens, 0, true)?;
    let rest_is_words = (end..tokens.len()).all(|i| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind != TokenKind::Number && !t.is_word("to") && !t.is_word("or"))
    });
    rest_is_words.then_some(iso)
}

/// Durations in running text: tokens `[first, end)` and the ISO form,
/// skipping tokens where `blocked` is true. A duration must start with a
/// number here ("a year" alone is too often not one: "$3 a month"), and a
/// range ("three to five years") is none.
pub(crate) fn find_durations_in(tokens: &Tokens, blocked: &[bool]) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let free =
            |first: usize, end: usize| blocked.get(first..end).is_some_and(|b| !b.contains(&true));
        let starts_number = tokens.get(index).is_some_and(|t| {
            t.is_number()
                || (!t.is_word("a")
                    && !t.is_word("an")
                    && words::parse_number_words(tokens, index).is_some())
        });
        let glued = index > 0 && tokens.touches_next(index - 1);
        let joins_range = |at: usize| {
            tokens.word_at(at, "to")
                || tokens.word_at(at, "or")
                || tokens.punct_at(at, '-')
                || tokens.punct_at(at, '–')
        };
        let range_after = |end: usize| joins_range(end);
        // "three to five years": the second end of a range is no duration.
        let range_before = index >= 2
            && joins_range(index - 1)
            && tokens.get(index - 2).is_some_and(|t| {
                t.is_number()
                    || words::parse_number_words(tokens, index - 2)
                        .is_some_and(|n| n.end == index - 1)
            });
        match read_duration(tokens, index, false) {
            Some((end, iso))
                if starts_number
                    && !glued
                    && !range_before
                    && free(index, end)
                    && !range_after(end) =>
            {
                found.push((index, end, iso));
                index = end;
            }
            _ => index += 1,
        }
    }
    found
}

/// A duration starting at token `index`: (token one past it, ISO form).
/// `a_is_one` lets "a"/"an" stand for one ("a year").
fn read_duration(tokens: &Tokens, index: usize, a_is_one: bool) -> Option<(usize, String)> {
    let mut parts: Vec<(Unit, u64)> = Vec::new();
    let mut index = index;
    loop {
        let (next, unit, amount, half) = read_part(tokens, index, a_is_one)?;
        parts.push((unit, amount));
        if half {
            if unit != Unit::Year {
                return None;
            }
            parts.push((Unit::Month, 6));
        }
        index = next;
        // "six years and six months", "six years, six months".
        let joined = tokens.word_at(index, "and") || tokens.punct_at(index, ',');
        if joined && read_part(tokens, index + 1, false).is_some() {
            index += 1;
            continue;
        }
        break;
    }
    Some((index, iso(&parts)?))
}

/// One "number unit" part at `index`: (next token, unit, amount, "and a
/// half" followed).
fn read_part(tokens: &Tokens, index: usize, a_is_one: bool) -> Option<(usize, Unit, u64, bool)> {
    let first = tokens.get(index)?;
    let (amount, mut next) = if first.is_number() {
        let mut digits = first.lower.clone();
        let mut next = index + 1;
        // "1,000 days" (groups of three after a comma touching both sides).
        while tokens.punct_at(next, ',')
            && tokens.touches_next(next - 1)
            && tokens.touches_next(next)
            && tokens.get(next + 1).is_some_and(|t| t.digit_count() == 3)
        {
            digits.push_str(&tokens.get(next + 1)?.lower);
            next += 2;
        }
        (digits.parse::<u64>().ok()?, next)
    } else if (a_is_one && (first.is_word("a") || first.is_word("an"))) || first.is_word("one") {
        // "a year", "an hour", "one year" (the number reader refuses a lone "a").
        let number = words::parse_number_words(tokens, index);
        match number {
            Some(number) if number.end > index + 1 => (number.value, number.end),
            _ => (1, index + 1),
        }
    } else {
        let number = words::parse_number_words(tokens, index)?;
        (number.value, number.end)
    };
    let mut half = false;
    // "two and a half years".
    if tokens.words_at(next, &["and", "a", "half"]) {
        half = true;
        next += 3;
    }
    // "six-year", "10-day": the unit after a hyphen, in the singular.
    let hyphenated =
        tokens.punct_at(next, '-') && tokens.touches_next(next - 1) && tokens.touches_next(next);
    if hyphenated {
        next += 1;
    }
    let unit_token = tokens.get(next)?;
    if unit_token.kind != TokenKind::Word {
        return None;
    }
    let unit = unit_of(&unit_token.lower)?;
    if amount == 0 {
        return None;
    }
    Some((next + 1, unit, amount, half))
}

/// The ISO 8601 form of parts, each unit once, largest first.
fn iso(parts: &[(Unit, u64)]) -> Option<String> {
    let mut totals: std::collections::BTreeMap<Unit, u64> = std::collections::BTreeMap::new();
    for &(unit, amount) in parts {
        let total = totals.entry(unit).or_insert(0);
        *total = total.checked_add(amount)?;
    }
    let mut out = String::from("P");
    let mut time = String::new();
    for (unit, amount) in totals {
        let (target, letter) = match unit {
            Unit::Year => (&mut out, 'Y'),
            Unit::Month => (&mut out, 'M'),
            Unit::Week => (&mut out, 'W'),
            Unit::Day => (&mut out, 'D'),
            Unit::Hour => (&mut time, 'H'),
        };
        target.push_str(&amount.to_string());
        target.push(letter);
    }
    if !time.is_empty() {
        out.push('T');
        out.push_str(&time);
    }
    (out.len() > 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_durations() {
        let cases: &[(&str, Option<&str>)] = &[
            ("six-year sentence", Some("P6Y")),
            ("six-year", Some("P6Y")),
            ("10 years", Some("P10Y")),
            ("10 years in prison", Some("P10Y")),
            ("ten days", Some("P10D")),
            ("10-day", Some("P10D")),
            ("18 months", Some("P18M")),
            ("two weeks", Some("P2W")),
            ("a year", Some("P1Y")),
            ("one year", Some("P1Y")),
            ("an hour", Some("PT1H")),
            ("72 hours", Some("PT72H")),
            ("six years and six months", Some("P6Y6M")),
            ("six years, six months", Some("P6Y6M")),
            ("two and a half years", Some("P2Y6M")),
            ("thirty-one days", Some("P31D")),
            ("1,000 days", Some("P1000D")),
            ("Six years", Some("P6Y")),
            // Not one duration.
            ("life", None),
            ("a life sentence", None),
            ("three to five years", None),
            ("three or four years", None),
            ("several years", None),
            ("two and a half weeks", None),
            ("0 days", None),
            ("years", None),
            ("six", None),
            ("", None),
            ("99999999999999999999999 days", None),
        ];
        for (expression, expected) in cases {
            assert_eq!(
                normalize_duration(expression).as_deref(),
                *expected,
                "{expression}"
            );
        }
    }
}
