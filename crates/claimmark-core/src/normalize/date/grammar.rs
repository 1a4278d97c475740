//! Matching date expressions in tokens: what each form looks like, before
//! any resolution against the publication date.

use super::lists::{
    COUNT_NOUNS, FUTURE_WORDS, MONTH_CONTEXT_BEFORE, PAST_WORDS, YEAR_CONTEXT_AFTER,
    YEAR_CONTEXT_BEFORE, month_from_name, month_name_is_ambiguous, period_unit, relation_from_word,
    weekday_from_name,
};
use super::surface_text;
use time::Weekday;

use crate::model::value::DateModifier;
use crate::normalize::text::{Token, TokenKind, Tokens};
use crate::normalize::words;

/// Whether a match must be read alone (`normalize_date`) or in running text
/// (`find_dates`), where capitals and context are required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Whole,
    Find,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    Plain,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression as written, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Expr {
    Full {
        year: i32,
        month: u8,
        day: u8,
    },
    MonthOfYear {
        year: i32,
        month: u8,
        modifier: Option<DateModifier>,
    },
    Year {
        year: i32,
        modifier: Option<DateModifier>,
    },
    /// A day and month without a year.
    DayOfMonth {
        month: u8,
        day: u8,
    },
    /// A month without a year.
    MonthName {
        month: u8,
        relation: Relation,
        modifier: Option<DateModifier>,
    },
    Weekday {
        weekday: Weekday,
        relation: Relation,
    },
    WeekdayAndDate {
        weekday: Weekday,
        date: Box<Expr>,
    },
    /// "today" (0), "yesterday" (-1).
    DaysFromPublished(i64),
    /// "last week" (Week, -1), "this year" (Year, 0).
    Period {
        unit: Unit,
        offset: i64,
        modifier: Option<DateModifier>,
    },
    Ago {
        amount: i64,
        unit: Unit,
    },
    Ambiguous(String),
}

/// A month name at `index`: (end, month, whether it was an abbreviation).
pub(super) fn parse_month(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, u8, bool)> {
    let token = tokens.get(index)?;
    if token.kind != TokenKind::Word || (mode == Mode::Find && !token.capitalized) {
        return None;
    }
    let (month, abbreviated) = month_from_name(&token.lower)?;
    let mut end = index + 1;
    if abbreviated && tokens.punct_at(end, '.') && tokens.touches_next(index) {
        end += 1;
    }
    Some((end, month, abbreviated))
}

pub(super) fn parse_weekday(tokens: &Tokens, index: usize, mode: Mode) -> Option<Weekday> {
    let token = tokens.get(index)?;
    if token.kind != TokenKind::Word || (mode == Mode::Find && !token.capitalized) {
        return None;
    }
    weekday_from_name(&token.lower)
}

/// Whether the number at `index` runs on into more of a number, a unit or
/// a word ("1,229", "3.5", "10:30", "14th", "5km").
pub(super) fn number_runs_on(tokens: &Tokens, index: usize) -> bool {
    if !tokens.touches_next(index) {
        return false;
    }
    let Some(next) = tokens.get(index + 1) else {
        return false;
    };
    match next.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => {
            next.lower.starts_with([',', '.', ':', '/'])
                && tokens.touches_next(index + 1)
                && tokens.get(index + 2).is_some_and(Token::is_number)
        }
    }
}

/// Whether the token at `index` is glued to something before it that makes
/// it part of a larger word, code or amount ("B52", "$2020", "v1.2020").
pub(super) fn glued_before(tokens: &Tokens, index: usize) -> bool {
    if index == 0 || !tokens.touches_next(index - 1) {
        return false;
    }
    let Some(previous) = tokens.get(index - 1) else {
        return false;
    };
    match previous.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => {
            // "2020-2021": a hyphen after a number starts a range, not a code.
            let hyphen_after_number = previous.lower == "-"
                && index >= 2
                && tokens.touches_next(index - 2)
                && tokens.get(index - 2).is_some_and(Token::is_number);
            !hyphen_after_number
                && !previous
                    .lower
                    .starts_with(['(', '[', '"', '\'', '“', '‘', '«', '—', '–'])
        }
    }
}

/// A day of the month at `index` ("8", "25th"): (end, day).
pub(super) fn parse_day(tokens: &Tokens, index: usize) -> Option<(usize, u8)> {
    let token = tokens.get(index)?;
    if !token.is_number() || token.digit_count() > 2 || glued_before(tokens, index) {
        return None;
    }
    let day = u8::try_from(token.number()?)
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    if tokens.touches_next(index) {
        let next = tokens.get(index + 1)?;
        if matches!(next.lower.as_str(), "st" | "nd" | "rd" | "th") {
            if tokens.touches_next(index + 1)
                && tokens
                    .get(index + 2)
                    .is_some_and(|t| t.kind != TokenKind::Punct)
            {
                return None;
            }
            return Some((index + 2, day));
        }
    }
    if number_runs_on(tokens, index) {
        return None;
    }
    Some((index + 1, day))
}

/// A four-digit year at `index` within `range`: (end, year).
pub(super) fn parse_year(
    tokens: &Tokens,
    index: usize,
    range: std::ops::RangeInclusive<i32>,
) -> Option<(usize, i32)> {
    let token = tokens.get(index)?;
    if token.digit_count() != 4 || number_runs_on(tokens, index) {
        return None;
    }
    let year = i32::try_from(token.number()?)
        .ok()
        .filter(|y| range.contains(y))?;
    Some((index + 1, year))
}

pub(super) const EXPLICIT_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;
pub(super) const BARE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2099;

/// The longest date expression starting at `index`.
pub(super) fn match_at(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
    let candidates = [
        match_weekday_and_date(tokens, index, mode),
        match_calendar(tokens, index, mode),
        match_numeric(tokens, index),
        match_modified(tokens, index, mode),
        match_relative(tokens, index, mode),
        match_ago(tokens, index),
        match_bare_year(tokens, index, mode),
    ];
    let mut best: Option<(usize, Expr)> = None;
    for (end, expr) in candidates.into_iter().flatten() {
        if best.as_ref().is_none_or(|(best_end, _)| end > *best_end) {
            best = Some((end, expr));
        }
    }
    best
}

/// "Thursday, September 18" or "Thursday 18 September 2025".
pub(super) fn match_weekday_and_date(
    tokens: &Tokens,
    index: usize,
    mode: Mode,
) -> Option<(usize, Expr)> {
    let weekday = parse_weekday(tokens, index, mode)?;
    let mut next = index + 1;
    if tokens.punct_at(next, ',') {
        next += 1;
    }
    let (end, date) = match_calendar(tokens, next, mode)?;
    matches!(date, Expr::Full { .. } | Expr::DayOfMonth { .. }).then(|| {
        (
            end,
            Expr::WeekdayAndDate {
                weekday,
                date: Box::new(date),
            },
        )
    })
}

/// Dates written with a month name: "November 25, 2021", "8 June 2022",
/// "Sept. 11", "14th of December", "September 2025", "in January".
pub(super) fn match_calendar(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
    if let Some((after_month, month, abbreviated)) = parse_month(tokens, index, mode) {
        if let Some((after_day, day)) = parse_day(tokens, after_month) {
            let mut next = after_day;
            if tokens.punct_at(next, ',') {
                next += 1;
            }
            if let Some((end, year)) = parse_year(tokens, next, EXPLICIT_YEARS) {
                return Some((end, Expr::Full { year, month, day }));
            }
            return Some((after_day, Expr::DayOfMonth { month, day }));
        }
        let mut next = after_month;
        if tokens.word_at(next, "of") || tokens.punct_at(next, ',') {
            next += 1;
        }
        if let Some((end, year)) = parse_year(tokens, next, EXPLICIT_YEARS) {
            return Some((
                end,
                Expr::MonthOfYear {
                    year,
                    month,
                    modifier: None,
                },
            ));
        }
        // "from January to March 2021": the year of the later month.
        if let Some(year) = year_of_following_month(tokens, after_month, month, mode) {
            return Some((
                after_month,
                Expr::MonthOfYear {
                    year,
                    month,
                    modifier: None,
                },
            ));
        }
        let capitalized = tokens.get(index).is_some_and(|t| t.capitalized);
        let alone_is_fine = match mode {
            // Lower-case "may" alone is the verb.
            Mode::Whole => !month_name_is_ambiguous(month) || capitalized,
            Mode::Find => {
                !abbreviated
                    && (!month_name_is_ambiguous(month) || month_context_before(tokens, index))
            }
        };
        return alone_is_fine.then_some((
            after_month,
            Expr::MonthName {
                month,
                relation: Relation::Plain,
                modifier: None,
            },
        ));
    }
    // Day first: "8 June 2022", "8th of June".
    let (after_day, day) = parse_day(tokens, index)?;
    let mut next = after_day;
    if tokens.word_at(next, "of") {
        next += 1;
    }
    let (after_month, month, _) = parse_month(tokens, next, mode)?;
    let mut next = after_month;
    if tokens.punct_at(next, ',') {
        next += 1;
    }
    if let Some((end, year)) = parse_year(tokens, next, EXPLICIT_YEARS) {
        return Some((end, Expr::Full { year, month, day }));
    }
    Some((after_month, Expr::DayOfMonth { month, day }))
}

/// The year a month name borrows from "to March 2021" after it.
pub(super) fn year_of_following_month(
    tokens: &Tokens,
    joiner: usize,
    month: u8,
    mode: Mode,
) -> Option<i32> {
    let joins = ["to", "and", "until", "till", "through", "or"]
        .iter()
        .any(|word| tokens.word_at(joiner, word))
        || tokens.punct_at(joiner, '-')
        || tokens.punct_at(joiner, '–')
        || tokens.punct_at(joiner, '—');
    if !joins {
        return None;
    }
    let (after_month, later_month, _) = parse_month(tokens, joiner + 1, mode)?;
    let mut next = after_month;
    if tokens.punct_at(next, ',') || tokens.word_at(next, "of") {
        next += 1;
    }
    let (_, year) = parse_year(tokens, next, EXPLICIT_YEARS)?;
    Some(if month > later_month { year - 1 } else { year })
}

pub(super) fn month_context_before(tokens: &Tokens, index: usize) -> bool {
    let Some(previous) = index.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    if previous.kind == TokenKind::Word && MONTH_CONTEXT_BEFORE.contains(&previous.lower.as_str()) {
        return true;
    }
    // "in June and March": a month name two tokens back.
    let joined = previous.is_word("and") || previous.is_word("or") || previous.is_punct('–');
    joined
        && index
            .checked_sub(2)
            .is_some_and(|i| parse_month(tokens, i, Mode::Find).is_some())
}

/// "2024-07-04", "04.07.2024", "04/07/2024".
pub(super) fn match_numeric(tokens: &Tokens, index: usize) -> Option<(usize, Expr)> {
    let first = tokens.get(index)?;
    if !first.is_number() || glued_before(tokens, index) {
        return None;
    }
    let all_touch = (index..index + 4).all(|i| tokens.touches_next(i));
    if !all_touch || number_runs_on(tokens, index + 4) {
        return None;
    }
    let separator = tokens.get(index + 1)?.lower.chars().next()?;
    if !tokens.punct_at(index + 3, separator) {
        return None;
    }
    let middle = tokens.get(index + 2)?;
    let last = tokens.get(index + 4)?;
    if !middle.is_number() || !last.is_number() || middle.digit_count() > 2 {
        return None;
    }
    let as_u8 = |value: u64| u8::try_from(value).ok();
    let end = index + 5;
    if separator == '-' && first.digit_count() == 4 && last.digit_count() <= 2 {
        let year = i32::try_from(first.number()?).ok()?;
        let month = as_u8(middle.number()?)?;
        let day = as_u8(last.number()?)?;
        return Some((end, Expr::Full { year, month, day }));
    }
    if first.digit_count() > 2 || last.digit_count() != 4 {
        return None;
    }
    let year = i32::try_from(last.number()?).ok()?;
    let a = as_u8(first.number()?)?;
    let b = as_u8(middle.number()?)?;
    match separator {
        '.' => Some((
            end,
            Expr::Full {
                year,
                month: b,
                day: a,
            },
        )),
        '/' => {
            let expr = if a > 12 && b <= 12 {
                Expr::Full {
                    year,
                    month: b,
                    day: a,
                }
            } else if a <= 12 && (b > 12 || a == b) {
                Expr::Full {
                    year,
                    month: a,
                    day: b,
                }
            } else if a <= 12 && b <= 12 {
                Expr::Ambiguous(format!(
                    "{a}/{b}/{year} can be read day first or month first"
                ))
            } else {
                return None;
            };
            Some((end, expr))
        }
        _ => None,
    }
}

/// A modifier before a year, month or period: (end, modifier).
pub(super) fn parse_date_modifier(tokens: &Tokens, index: usize) -> Option<(usize, DateModifier)> {
    let token = tokens.get(index)?;
    let of_follows = tokens.word_at(index + 1, "of");
    match token.lower.as_str() {
        "early" => Some((index + 1, DateModifier::Start)),
        "late" => Some((index + 1, DateModifier::End)),
        "mid" if tokens.punct_at(index + 1, '-') && tokens.touches_next(index) => {
            Some((index + 2, DateModifier::Mid))
        }
        "mid" => Some((index + 1, DateModifier::Mid)),
        "end" if of_follows => Some((index + 2, DateModifier::End)),
        "beginning" | "start" if of_follows => Some((index + 2, DateModifier::Start)),
        "middle" if of_follows => Some((index + 2, DateModifier::Mid)),
        _ => None,
    }
}

/// "mid-2020", "early 2021", "end of 2022", "late last year", "mid-June",
/// "earlier this year".
pub(super) fn match_modified(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
    let token = tokens.get(index)?;
    if matches!(token.lower.as_str(), "earlier" | "later") && tokens.word_at(index + 1, "this") {
        let unit = period_unit(&tokens.get(index + 2)?.lower)?;
        return Some((
            index + 3,
            Expr::Period {
                unit,
                offset: 0,
                modifier: None,
            },
        ));
    }
    let (next, modifier) = parse_date_modifier(tokens, index)?;
    if let Some((end, year)) = parse_year(tokens, next, BARE_YEARS) {
        return Some((
            end,
            Expr::Year {
                year,
                modifier: Some(modifier),
            },
        ));
    }
    if let Some((after_month, month, abbreviated)) = parse_month(tokens, next, mode) {
        let mut after = after_month;
        if tokens.punct_at(after, ',') || tokens.word_at(after, "of") {
            after += 1;
        }
        if let Some((end, year)) = parse_year(tokens, after, EXPLICIT_YEARS) {
            return Some((
                end,
                Expr::MonthOfYear {
                    year,
                    month,
                    modifier: Some(modifier),
                },
            ));
        }
        if parse_day(tokens, after_month).is_some() || (abbreviated && mode == Mode::Find) {
            return None;
        }
        return Some((
            after_month,
            Expr::MonthName {
                month,
                relation: Relation::Plain,
                modifier: Some(modifier),
            },
        ));
    }
    let (end, expr) = match_relative(tokens, next, mode)?;
    match expr {
        Expr::Period { unit, offset, .. } if unit != Unit::Week && unit != Unit::Day => Some((
            end,
            Expr::Period {
                unit,
                offset,
                modifier: Some(modifier),
            },
        )),
        Expr::MonthName {
            month, relation, ..
        } => Some((
            end,
            Expr::MonthName {
                month,
                relation,
                modifier: Some(modifier),
            },
        )),
        _ => None,
    }
}

/// "today", "last week", "this year", "four years ago", "on Thursday",
/// "last Thursday", "last August".
pub(super) fn match_relative(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
    let token = tokens.get(index)?;
    if token.kind != TokenKind::Word {
        return None;
    }
    let word = token.lower.as_str();
    let single_day = match word {
        "today" | "tonight" => {
            // "Listen to Today's Edition": a capital inside a sentence is a title.
            let title = mode == Mode::Find && token.capitalized && !tokens.starts_sentence(index);
            (!title).then_some(0)
        }
        "currently" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(offset) = single_day {
        return Some((index + 1, Expr::DaysFromPublished(offset)));
    }
    if word == "this"
        && tokens
            .get(index + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "morning" | "afternoon" | "evening"))
    {
        return Some((index + 2, Expr::DaysFromPublished(0)));
    }
    // "that year", "the same month": a date named earlier, which only a
    // reader of the article can name.
    let anaphoric = if word == "that" {
        Some(index + 1)
    } else if word == "the" && tokens.word_at(index + 1, "same") {
        Some(index + 2)
    } else {
        None
    };
    if let Some(unit_at) = anaphoric
        && let Some(unit) = tokens
            .get(unit_at)
            .filter(|t| matches!(t.lower.as_str(), "day" | "week" | "month" | "year"))
    {
        let surface = surface_text(tokens, index, unit_at + 1);
        return Some((
            unit_at + 1,
            Expr::Ambiguous(format!(
                "“{surface}” refers to a {} named earlier in the article; type its value",
                unit.lower
            )),
        ));
    }
    if word == "last" && tokens.word_at(index + 1, "night") {
        return Some((index + 2, Expr::DaysFromPublished(-1)));
    }
    if let Some(relation) = relation_from_word(word) {
        if let Some(unit) = tokens.get(index + 1).and_then(|t| period_unit(&t.lower)) {
            let offset = match relation {
                Relation::Last => -1,
                Relation::Next => 1,
                Relation::This | Relation::Plain => 0,
            };
            return Some((
                index + 2,
                Expr::Period {
                    unit,
                    offset,
                    modifier: None,
                },
            ));
        }
        if let Some(weekday) = parse_weekday(tokens, index + 1, mode) {
            return Some((index + 2, Expr::Weekday { weekday, relation }));
        }
        if let Some((end, month, abbreviated)) = parse_month(tokens, index + 1, mode) {
            if (abbreviated && mode == Mode::Find) || parse_day(tokens, end).is_some() {
                return None;
            }
            return Some((
                end,
                Expr::MonthName {
                    month,
                    relation,
                    modifier: None,
                },
            ));
        }
        return None;
    }
    if let Some(weekday) = parse_weekday(tokens, index, mode) {
        return Some((
            index + 1,
            Expr::Weekday {
                weekday,
                relation: Relation::Plain,
            },
        ));
    }
    None
}

/// "four years ago", "a week ago", "3 days ago".
pub(super) fn match_ago(tokens: &Tokens, index: usize) -> Option<(usize, Expr)> {
    let token = tokens.get(index)?;
    let (amount, after_amount) = if token.is_word("a") || token.is_word("an") {
        (1, index + 1)
    } else if token.is_number() {
        if token.digit_count() > 3 || glued_before(tokens, index) || number_runs_on(tokens, index) {
            return None;
        }
        (token.number()?, index + 1)
    } else {
        let number = words::parse_number_words(tokens, index)?;
        (number.value, number.end)
    };
    let unit_token = tokens.get(after_amount)?;
    let (unit, multiplier) = match unit_token.lower.trim_end_matches('s') {
        "day" => (Unit::Day, 1),
        "week" => (Unit::Week, 1),
        "month" => (Unit::Month, 1),
        "year" => (Unit::Year, 1),
        "decade" => (Unit::Year, 10),
        _ => return None,
    };
    if !tokens.word_at(after_amount + 1, "ago") || amount == 0 {
        return None;
    }
    let amount = i64::try_from(amount).ok()?.checked_mul(multiplier)?;
    Some((after_amount + 2, Expr::Ago { amount, unit }))
}

/// A four-digit year standing alone: anywhere in `normalize_date`, only with
/// year context in `find_dates`.
pub(super) fn match_bare_year(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
    if glued_before(tokens, index) {
        return None;
    }
    let (end, year) = parse_year(tokens, index, BARE_YEARS)?;
    if mode == Mode::Find && !is_year_in_context(tokens, index, 0) {
        return None;
    }
    Some((
        end,
        Expr::Year {
            year,
            modifier: None,
        },
    ))
}

pub(super) fn is_year_in_context(tokens: &Tokens, index: usize, depth: u8) -> bool {
    let next_word = tokens.get(index + 1).filter(|t| t.kind == TokenKind::Word);
    if next_word.is_some_and(|t| COUNT_NOUNS.contains(&t.lower.as_str())) {
        return false;
    }
    // "a total of 2000 of them" counts; "convicted in 2022 of conspiracy" is a year.
    let previous_word = index
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .filter(|t| t.kind == TokenKind::Word);
    if next_word.is_some_and(|t| t.lower == "of") && previous_word.is_none_or(|t| t.lower == "of") {
        return false;
    }
    if next_word.is_some_and(|t| YEAR_CONTEXT_AFTER.contains(&t.lower.as_str())) {
        return true;
    }
    // "2020's": a possessive after a year.
    let possessive = (tokens.punct_at(index + 1, '\'') || tokens.punct_at(index + 1, '’'))
        && tokens.touches_next(index)
        && tokens.word_at(index + 2, "s");
    if possessive {
        return true;
    }
    let Some(previous) = index.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    if previous.kind == TokenKind::Word && YEAR_CONTEXT_BEFORE.contains(&previous.lower.as_str()) {
        return true;
    }
    // "2020–2022", "(1994-2024)": a span of years reads as two years.
    let year_value = |i: usize| parse_year(tokens, i, BARE_YEARS).map(|(_, year)| year);
    let this_year = year_value(index);
    let dash_at =
        |i: usize| tokens.punct_at(i, '-') || tokens.punct_at(i, '–') || tokens.punct_at(i, '—');
    let later_year_follows = dash_at(index + 1)
        && year_value(index + 2) > this_year
        && !tokens
            .get(index + 3)
            .is_some_and(|t| COUNT_NOUNS.contains(&t.lower.as_str()));
    let earlier_year_precedes = index >= 2
        && dash_at(index - 1)
        && year_value(index - 2).is_some_and(|y| Some(y) < this_year);
    if later_year_follows || earlier_year_precedes {
        return true;
    }
    // The second year of "between 2020 and 2022", "from 2020 to 2022".
    let joins = ["and", "or", "to", "through"]
        .iter()
        .any(|w| previous.is_word(w))
        || previous.is_punct('-')
        || previous.is_punct('–')
        || previous.is_punct('—');
    depth < 2
        && joins
        && index.checked_sub(2).is_some_and(|earlier| {
            parse_year(tokens, earlier, BARE_YEARS).is_some()
                && is_year_in_context(tokens, earlier, depth + 1)
        })
}

/// Words before a date that say it lies ahead ("scheduled for January").
pub(super) fn looks_ahead(tokens: &Tokens, first: usize) -> bool {
    let mut future = false;
    for index in (first.saturating_sub(6)..first).rev() {
        let Some(token) = tokens.get(index) else {
            break;
        };
        if token.kind == TokenKind::Punct && token.lower.starts_with(['.', '!', '?', ';']) {
            break;
        }
        if PAST_WORDS.contains(&token.lower.as_str()) {
            return false;
        }
        future |= FUTURE_WORDS.contains(&token.lower.as_str());
    }
    future
}

/// Leading words of a lone expression: skipped, and the modifier they add.
pub(super) fn skip_framing_words(tokens: &Tokens) -> (usize, Option<DateModifier>) {
    let mut index = 0;
    let mut framing = None;
    while let Some(token) = tokens.get(index) {
        if token.is_word("the") && tokens.word_at(index + 1, "same") {
            break;
        }
        let (width, modifier) = match token.lower.as_str() {
            "on" | "in" | "at" | "during" | "the" | "of" | "as" => (1, None),
            "before" | "until" | "till" | "by" => (1, Some(DateModifier::Before)),
            "prior" if tokens.word_at(index + 1, "to") => (2, Some(DateModifier::Before)),
            "after" | "since" | "from" => (1, Some(DateModifier::After)),
            "around" | "about" | "circa" | "approximately" => (1, Some(DateModifier::Approx)),
            _ => break,
        };
        // Keep at least one token for the date itself.
        if index + width >= tokens.len() {
            break;
        }
        index += width;
        framing = framing.or(modifier);
    }
    (index, framing)
}
