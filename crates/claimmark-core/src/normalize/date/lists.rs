//! The words dates are made of and the words around them that decide
//! whether a number is a year or a month name a month.

use super::grammar::{Relation, Unit};
use time::Weekday;

pub(super) const YEAR_CONTEXT_BEFORE: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "through",
    "throughout",
    "before",
    "after",
    "during",
    "of",
    "between",
    "year",
    "circa",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

pub(super) const YEAR_CONTEXT_AFTER: &[&str] = &[
    "presidential",
    "parliamentary",
    "local",
    "municipal",
    "general",
    "election",
    "elections",
    "vote",
    "voting",
    "poll",
    "polls",
    "protest",
    "protests",
    "uprising",
    "crackdown",
    "campaign",
    "referendum",
    "amnesty",
    "census",
    "constitution",
    "constitutional",
    "revolution",
    "unrest",
    "demonstrations",
    "crisis",
    "olympics",
    "riots",
    "coup",
    "war",
    "invasion",
    "pandemic",
    "sanctions",
    "summit",
    "report",
];

/// Nouns after which a four-digit number counts things rather than naming
/// a year ("2000 people"). Shared with the count finder.
pub(crate) const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "prisoners",
    "political",
    "individuals",
    "detainees",
    "inmates",
    "cases",
    "men",
    "women",
    "children",
    "activists",
    "journalists",
    "protesters",
    "protestors",
    "demonstrators",
    "citizens",
    "students",
    "workers",
    "members",
    "participants",
    "arrests",
    "others",
    "families",
    "employees",
    "soldiers",
    "signatures",
    "names",
];

pub(super) const MONTH_CONTEXT_BEFORE: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "through",
    "throughout",
    "before",
    "after",
    "during",
    "of",
    "for",
    "to",
    "between",
];

pub(super) const FUTURE_WORDS: &[&str] =
    &["will", "upcoming", "scheduled", "slated", "planned", "due"];
pub(super) const PAST_WORDS: &[&str] = &["was", "were", "had", "been", "did"];

pub(super) fn month_from_name(word: &str) -> Option<(u8, bool)> {
    let month = match word {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    };
    Some(month)
}

pub(super) fn weekday_from_name(word: &str) -> Option<Weekday> {
    let weekday = match word {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    };
    Some(weekday)
}

/// Names that are also ordinary words, so alone they need a preposition.
pub(super) fn month_name_is_ambiguous(month: u8) -> bool {
    matches!(month, 3 | 5 | 8)
}

pub(super) fn period_unit(word: &str) -> Option<Unit> {
    match word {
        "week" => Some(Unit::Week),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

pub(super) fn relation_from_word(word: &str) -> Option<Relation> {
    match word {
        "last" => Some(Relation::Last),
        "this" => Some(Relation::This),
        "next" => Some(Relation::Next),
        _ => None,
    }
}
