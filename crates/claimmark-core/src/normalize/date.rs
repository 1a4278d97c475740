//! Date expressions: reading one ("8 June 2022", "last week") and finding
//! them in running text.
//!
//! Rules for expressions that need the publication date (all documented
//! here once, and pinned by the tests below):
//! - A weekday ("Thursday", "on Monday") is the most recent such day on or
//!   before publication: news uses "on Thursday" for past events, so an
//!   article published on a Thursday means that same day. "last Thursday" is
//!   strictly before, "next Thursday" strictly after, "this Thursday" the one
//!   in the publication's ISO week (Monday to Sunday).
//! - A day and month without a year ("December 28") is the latest such date
//!   not more than 30 days after publication, so "December 28" in an article
//!   of 2025-01-03 is 2024-12-28 while "February 1" is 2025-02-01.
//! - A month without a year ("in January") is the most recent such month not
//!   after the publication month; "last August" is strictly before it,
//!   "next August" strictly after.
//! - When the words just before a weekday, yearless day or bare month say it
//!   lies ahead ("will", "scheduled", "upcoming", ... and no "was"/"had"),
//!   the earliest such date on or after publication is taken instead.
//! - "last week" / "this week" / "next week" is the Monday of that ISO week,
//!   day granularity, modifier `Approx` (a day the analyst can refine beats
//!   a question with no answer).
//! - "N days ago" is exact; "N weeks ago" is a day with `Approx`; "N months
//!   ago" a month with `Approx`; "N years ago" a year with `Approx`.
//! - "today", "tonight", "currently", "this morning" are the publication
//!   day; "yesterday" and "last night" the day before.
//! - "earlier this year" / "later this year" are the publication year with no
//!   modifier (`Before` would mean before the year itself).
//! - Without a publication date every such expression is `NeedsAnalyst`.
//! - "that year", "that day", "the same month" refer to a date the article
//!   named earlier: found (so the analyst sees them) but `NeedsAnalyst`.
//! - Numeric dates: `2024-07-04` (ISO) and `04.07.2024` (day first, the
//!   European order) are read directly; `04/07/2024` only when one part is
//!   over 12, otherwise `NeedsAnalyst`.
//! - A date that does not exist ("February 30, 2021") is `NeedsAnalyst`, and
//!   so is a weekday that does not match its date ("Friday, November 25,
//!   2021").
//! - A month name followed by a range to a dated month takes that year:
//!   "from January to March 2021" gives 2021-01 (absolute).
//!
//! In `find_dates` spans never include a leading preposition or article
//! ("on Thursday" gives "Thursday", "the end of 2022" gives "end of 2022"),
//! but do include words that change the value ("last", "early", "mid-",
//! "ago"). A bare four-digit number is a year only with a year context
//! before it ("in", "since", "by", "of", "summer", ...) or an event word
//! after it ("2020 presidential election", "the 2020 polls"); a month name
//! alone needs a preposition before it, except the names that are never
//! ordinary words ("January", but not "May", "March" or "August").
//! "2020–2022" gives two years. Month and weekday names must be capitalised
//! in running text; "Today" with a capital inside a sentence is taken for a
//! title ("Today's Edition") and skipped. "currently" is a date (the
//! publication day), because `claim/v1` anchors `as_of` arguments on it.

use time::{Date, Duration, Month, Weekday};

use super::text::{Token, TokenKind, Tokens};
use super::words;
use crate::model::text::CharRange;
use crate::model::value::{Anchoring, DateModifier, DateValue, Granularity};

/// Outcome of reading a date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateReading {
    Resolved(DateValue),
    /// A date expression that cannot be resolved without a person.
    NeedsAnalyst {
        reason: String,
    },
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub reading: DateReading,
}

impl FoundDate {
    /// Where the date is, in chars.
    pub fn range(&self) -> CharRange {
        CharRange::from_offsets(self.start, self.end)
    }
}

/// Reads one date expression. `None` means it is not a date expression.
///
/// A leading preposition is allowed and dropped ("on Monday", "in
/// January"); "before"/"until"/"by" add `Before` and "after"/"since"/"from"
/// add `After` when the date has no modifier of its own, "around"/"about"/
/// "circa" add `Approx`.
#[must_use]
pub fn normalize_date(expression: &str, published: Option<Date>) -> Option<DateReading> {
    let tokens = Tokens::new(expression);
    let (first, framing) = skip_framing_words(&tokens);
    let (end, expr) = match_at(&tokens, first, Mode::Whole)?;
    let trailing_punct_only = (end..tokens.len()).all(|i| {
        tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct && t.lower.starts_with(['.', ',', ';', ':', '!', '?'])
        })
    });
    if !trailing_punct_only || end == first {
        return None;
    }
    let surface = surface_text(&tokens, first, end);
    let reading = resolve(&expr, &surface, published, false);
    Some(apply_framing(reading, framing))
}

/// Finds date expressions in `text`: sorted by start, non-overlapping, the
/// longest match at each place.
#[must_use]
pub fn find_dates(text: &str, published: Option<Date>) -> Vec<FoundDate> {
    find_dates_in(&Tokens::new(text), published)
        .into_iter()
        .map(|(_, found)| found)
        .collect()
}

/// [`find_dates`] on text already cut into tokens, with each date's token
/// range `[first, end)` (the count finder skips numbers inside dates).
pub(crate) fn find_dates_in(
    tokens: &Tokens,
    published: Option<Date>,
) -> Vec<((usize, usize), FoundDate)> {
    scan(tokens)
        .into_iter()
        .filter_map(|(first, end, expr)| {
            let (start, end_char) = tokens.char_span(first, end)?;
            let surface = surface_text(tokens, first, end);
            let future = looks_ahead(tokens, first);
            let found = FoundDate {
                start,
                end: end_char,
                reading: resolve(&expr, &surface, published, future),
            };
            Some(((first, end), found))
        })
        .collect()
}

/// Token ranges `[first, end)` of the dates in `tokens`, for the count
/// finder (numbers inside dates are not counts).
pub(crate) fn date_token_ranges(tokens: &Tokens) -> Vec<(usize, usize)> {
    scan(tokens)
        .into_iter()
        .map(|(first, end, _)| (first, end))
        .collect()
}

fn scan(tokens: &Tokens) -> Vec<(usize, usize, Expr)> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        if let Some((end, expr)) = match_at(tokens, index, Mode::Find) {
            found.push((index, end, expr));
            index = end;
        } else {
            index += 1;
        }
    }
    found
}

fn surface_text(tokens: &Tokens, first: usize, end: usize) -> String {
    tokens
        .char_span(first, end)
        .and_then(|(start, end)| tokens.chars.get(start..end))
        .map(|chars| chars.iter().collect())
        .unwrap_or_default()
}

/// Whether a match must be read alone (`normalize_date`) or in running text
/// (`find_dates`), where capitals and context are required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Whole,
    Find,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Plain,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression as written, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
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

const YEAR_CONTEXT_BEFORE: &[&str] = &[
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

const YEAR_CONTEXT_AFTER: &[&str] = &[
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

const MONTH_CONTEXT_BEFORE: &[&str] = &[
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

const FUTURE_WORDS: &[&str] = &["will", "upcoming", "scheduled", "slated", "planned", "due"];
const PAST_WORDS: &[&str] = &["was", "were", "had", "been", "did"];

fn month_from_name(word: &str) -> Option<(u8, bool)> {
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

fn weekday_from_name(word: &str) -> Option<Weekday> {
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
fn month_name_is_ambiguous(month: u8) -> bool {
    matches!(month, 3 | 5 | 8)
}

/// A month name at `index`: (end, month, whether it was an abbreviation).
fn parse_month(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, u8, bool)> {
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

fn parse_weekday(tokens: &Tokens, index: usize, mode: Mode) -> Option<Weekday> {
    let token = tokens.get(index)?;
    if token.kind != TokenKind::Word || (mode == Mode::Find && !token.capitalized) {
        return None;
    }
    weekday_from_name(&token.lower)
}

/// Whether the number at `index` runs on into more of a number, a unit or
/// a word ("1,229", "3.5", "10:30", "14th", "5km").
fn number_runs_on(tokens: &Tokens, index: usize) -> bool {
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
fn glued_before(tokens: &Tokens, index: usize) -> bool {
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
fn parse_day(tokens: &Tokens, index: usize) -> Option<(usize, u8)> {
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
fn parse_year(
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

const EXPLICIT_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;
const BARE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2099;

/// The longest date expression starting at `index`.
fn match_at(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
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
fn match_weekday_and_date(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
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
fn match_calendar(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
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
fn year_of_following_month(tokens: &Tokens, joiner: usize, month: u8, mode: Mode) -> Option<i32> {
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

fn month_context_before(tokens: &Tokens, index: usize) -> bool {
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
fn match_numeric(tokens: &Tokens, index: usize) -> Option<(usize, Expr)> {
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
fn parse_date_modifier(tokens: &Tokens, index: usize) -> Option<(usize, DateModifier)> {
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
fn match_modified(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
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

fn period_unit(word: &str) -> Option<Unit> {
    match word {
        "week" => Some(Unit::Week),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

fn relation_from_word(word: &str) -> Option<Relation> {
    match word {
        "last" => Some(Relation::Last),
        "this" => Some(Relation::This),
        "next" => Some(Relation::Next),
        _ => None,
    }
}

/// "today", "last week", "this year", "four years ago", "on Thursday",
/// "last Thursday", "last August".
fn match_relative(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
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
fn match_ago(tokens: &Tokens, index: usize) -> Option<(usize, Expr)> {
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
fn match_bare_year(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, Expr)> {
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

fn is_year_in_context(tokens: &Tokens, index: usize, depth: u8) -> bool {
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
fn looks_ahead(tokens: &Tokens, first: usize) -> bool {
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
fn skip_framing_words(tokens: &Tokens) -> (usize, Option<DateModifier>) {
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

fn apply_framing(reading: DateReading, framing: Option<DateModifier>) -> DateReading {
    match (reading, framing) {
        (DateReading::Resolved(mut value), Some(modifier)) if value.modifier.is_none() => {
            value.modifier = Some(modifier);
            DateReading::Resolved(value)
        }
        (reading, _) => reading,
    }
}

fn needs_analyst(reason: String) -> DateReading {
    DateReading::NeedsAnalyst { reason }
}

fn month_of(number: u8) -> Option<Month> {
    Month::try_from(number).ok()
}

fn day_value(date: Date, modifier: Option<DateModifier>, anchoring: Anchoring) -> DateReading {
    DateReading::Resolved(DateValue {
        value: format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
        granularity: Granularity::Day,
        modifier,
        anchoring,
    })
}

fn month_value(
    year: i32,
    month: u8,
    modifier: Option<DateModifier>,
    anchoring: Anchoring,
) -> DateReading {
    DateReading::Resolved(DateValue {
        value: format!("{year:04}-{month:02}"),
        granularity: Granularity::Month,
        modifier,
        anchoring,
    })
}

fn year_value(year: i32, modifier: Option<DateModifier>, anchoring: Anchoring) -> DateReading {
    DateReading::Resolved(DateValue {
        value: format!("{year:04}"),
        granularity: Granularity::Year,
        modifier,
        anchoring,
    })
}

/// Whether `day` can ever be a day of `month` (February 29 can).
fn day_exists_in_some_year(month: u8, day: u8) -> bool {
    month_of(month).is_some_and(|m| day >= 1 && day <= m.length(2024))
}

fn shift_days(date: Date, days: i64) -> Option<Date> {
    // `Duration::days` panics on overflow; no calendar date is this far away.
    if days.abs() > 10_000_000 {
        return None;
    }
    date.checked_add(Duration::days(days))
}

/// `(year, month)` moved by `offset` months.
fn shift_month(year: i32, month: u8, offset: i64) -> Option<(i32, u8)> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + offset;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

fn resolve(expr: &Expr, surface: &str, published: Option<Date>, future: bool) -> DateReading {
    let out_of_range = || {
        needs_analyst(format!(
            "\"{surface}\" falls outside the supported calendar"
        ))
    };
    match expr {
        Expr::Full { year, month, day } => {
            match month_of(*month).and_then(|m| Date::from_calendar_date(*year, m, *day).ok()) {
                Some(date) => day_value(date, None, Anchoring::Absolute),
                None => needs_analyst(format!("\"{surface}\" is not a real date")),
            }
        }
        Expr::MonthOfYear {
            year,
            month,
            modifier,
        } => {
            if month_of(*month).is_none() {
                return needs_analyst(format!("\"{surface}\" is not a real month"));
            }
            month_value(*year, *month, *modifier, Anchoring::Absolute)
        }
        Expr::Year { year, modifier } => year_value(*year, *modifier, Anchoring::Absolute),
        Expr::Ambiguous(reason) => needs_analyst(reason.clone()),
        Expr::WeekdayAndDate { weekday, date } => {
            let reading = resolve(date, surface, published, future);
            if let DateReading::Resolved(value) = &reading
                && let Some(found) = crate::model::date::parse_day(&value.value)
                && found.weekday() != *weekday
            {
                return needs_analyst(format!(
                    "\"{surface}\" names a {weekday}, but {} is a {}",
                    value.value,
                    found.weekday()
                ));
            }
            reading
        }
        relative => {
            let Some(published) = published else {
                return needs_analyst(format!(
                    "\"{surface}\" depends on the publication date, which is unknown"
                ));
            };
            resolve_relative(relative, surface, published, future).unwrap_or_else(out_of_range)
        }
    }
}

/// Resolves an expression that needs the publication date; `None` when the
/// arithmetic leaves the calendar.
fn resolve_relative(
    expr: &Expr,
    surface: &str,
    published: Date,
    future: bool,
) -> Option<DateReading> {
    let anchoring = Anchoring::Published;
    let published_month = u8::from(published.month());
    let reading = match expr {
        Expr::DayOfMonth { month, day } => {
            if !day_exists_in_some_year(*month, *day) {
                return Some(needs_analyst(format!("\"{surface}\" is not a real date")));
            }
            let date = resolve_day_of_month(*month, *day, published, future)?;
            day_value(date, None, anchoring)
        }
        Expr::MonthName {
            month,
            relation,
            modifier,
        } => {
            let year = published.year();
            let year = match relation {
                Relation::Plain if future => year + i32::from(*month < published_month),
                Relation::Plain => year - i32::from(*month > published_month),
                Relation::Last => year - i32::from(*month >= published_month),
                Relation::Next => year + i32::from(*month <= published_month),
                Relation::This => year,
            };
            month_value(year, *month, *modifier, anchoring)
        }
        Expr::Weekday { weekday, relation } => {
            let back = (i64::from(published.weekday().number_days_from_monday())
                - i64::from(weekday.number_days_from_monday()))
            .rem_euclid(7);
            let forward = (7 - back) % 7;
            let offset = match relation {
                Relation::Plain if future => forward,
                Relation::Plain => -back,
                Relation::Last => -(if back == 0 { 7 } else { back }),
                Relation::Next => {
                    if forward == 0 {
                        7
                    } else {
                        forward
                    }
                }
                Relation::This => {
                    i64::from(weekday.number_days_from_monday())
                        - i64::from(published.weekday().number_days_from_monday())
                }
            };
            day_value(shift_days(published, offset)?, None, anchoring)
        }
        Expr::DaysFromPublished(offset) => {
            day_value(shift_days(published, *offset)?, None, anchoring)
        }
        Expr::Period {
            unit,
            offset,
            modifier,
        } => match unit {
            Unit::Day => day_value(shift_days(published, *offset)?, *modifier, anchoring),
            Unit::Week => {
                let monday = shift_days(
                    published,
                    -i64::from(published.weekday().number_days_from_monday()),
                )?;
                let start = shift_days(monday, offset.checked_mul(7)?)?;
                day_value(start, Some(DateModifier::Approx), anchoring)
            }
            Unit::Month => {
                let (year, month) = shift_month(published.year(), published_month, *offset)?;
                month_value(year, month, *modifier, anchoring)
            }
            Unit::Year => {
                let year = i32::try_from(i64::from(published.year()).checked_add(*offset)?).ok()?;
                year_value(year, *modifier, anchoring)
            }
        },
        Expr::Ago { amount, unit } => match unit {
            Unit::Day => day_value(shift_days(published, -amount)?, None, anchoring),
            Unit::Week => day_value(
                shift_days(published, -(amount.checked_mul(7)?))?,
                Some(DateModifier::Approx),
                anchoring,
            ),
            Unit::Month => {
                let (year, month) = shift_month(published.year(), published_month, -amount)?;
                month_value(year, month, Some(DateModifier::Approx), anchoring)
            }
            Unit::Year => {
                let year = i32::try_from(i64::from(published.year()).checked_sub(*amount)?).ok()?;
                year_value(year, Some(DateModifier::Approx), anchoring)
            }
        },
        Expr::Full { .. }
        | Expr::MonthOfYear { .. }
        | Expr::Year { .. }
        | Expr::Ambiguous(_)
        | Expr::WeekdayAndDate { .. } => resolve(expr, surface, Some(published), future),
    };
    Some(reading)
}

/// The year of a day and month written without one (rule in the module docs).
fn resolve_day_of_month(month: u8, day: u8, published: Date, future: bool) -> Option<Date> {
    let month = month_of(month)?;
    let on_year = |year: i32| Date::from_calendar_date(year, month, day).ok();
    let year = published.year();
    if future {
        // Eight years always include a February 29.
        return (year - 1..=year + 8)
            .filter_map(on_year)
            .find(|date| *date >= published);
    }
    let latest = shift_days(published, 30)?;
    (year - 8..=year + 1)
        .rev()
        .filter_map(on_year)
        .find(|date| *date <= latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn day(value: &str, modifier: Option<DateModifier>, anchoring: Anchoring) -> DateReading {
        DateReading::Resolved(DateValue {
            value: value.to_owned(),
            granularity: Granularity::Day,
            modifier,
            anchoring,
        })
    }

    fn month(value: &str, modifier: Option<DateModifier>, anchoring: Anchoring) -> DateReading {
        DateReading::Resolved(DateValue {
            value: value.to_owned(),
            granularity: Granularity::Month,
            modifier,
            anchoring,
        })
    }

    fn year(value: &str, modifier: Option<DateModifier>, anchoring: Anchoring) -> DateReading {
        DateReading::Resolved(DateValue {
            value: value.to_owned(),
            granularity: Granularity::Year,
            modifier,
            anchoring,
        })
    }

    use Anchoring::{Absolute, Published};
    use DateModifier::{Approx, End, Mid, Start};

    #[test]
    fn absolute_expressions() {
        let published = Some(date!(2025 - 09 - 20));
        let cases: &[(&str, DateReading)] = &[
            ("November 25, 2021", day("2021-11-25", None, Absolute)),
            ("8 June 2022", day("2022-06-08", None, Absolute)),
            ("June 8, 2022", day("2022-06-08", None, Absolute)),
            ("June 8 2022", day("2022-06-08", None, Absolute)),
            ("18 September 2025", day("2025-09-18", None, Absolute)),
            ("8th of June, 2022", day("2022-06-08", None, Absolute)),
            ("Nov. 25, 2021", day("2021-11-25", None, Absolute)),
            ("September 2025", month("2025-09", None, Absolute)),
            ("Sept. 2025", month("2025-09", None, Absolute)),
            ("2024", year("2024", None, Absolute)),
            ("in 2020", year("2020", None, Absolute)),
            ("mid-2020", year("2020", Some(Mid), Absolute)),
            ("mid 2020", year("2020", Some(Mid), Absolute)),
            ("early 2021", year("2021", Some(Start), Absolute)),
            ("late 2022", year("2022", Some(End), Absolute)),
            ("end of 2022", year("2022", Some(End), Absolute)),
            ("the end of 2022", year("2022", Some(End), Absolute)),
            ("the beginning of 2021", year("2021", Some(Start), Absolute)),
            ("late March 2021", month("2021-03", Some(End), Absolute)),
            ("2024-07-04", day("2024-07-04", None, Absolute)),
            ("04.07.2024", day("2024-07-04", None, Absolute)),
            ("25/11/2021", day("2021-11-25", None, Absolute)),
            ("11/25/2021", day("2021-11-25", None, Absolute)),
            (
                "Thursday, November 25, 2021",
                day("2021-11-25", None, Absolute),
            ),
            (
                "since 1994",
                year("1994", Some(DateModifier::After), Absolute),
            ),
            (
                "before 2020",
                year("2020", Some(DateModifier::Before), Absolute),
            ),
            ("around 2020", year("2020", Some(Approx), Absolute)),
            ("June 8, 2022.", day("2022-06-08", None, Absolute)),
        ];
        for (expression, expected) in cases {
            assert_eq!(
                normalize_date(expression, published).as_ref(),
                Some(expected),
                "{expression}"
            );
            // Absolute readings never need the publication date.
            assert_eq!(
                normalize_date(expression, None).as_ref(),
                Some(expected),
                "{expression}"
            );
        }
    }

    #[test]
    fn relative_expressions() {
        // A Thursday.
        let published = Some(date!(2024 - 07 - 04));
        let cases: &[(&str, DateReading)] = &[
            ("Thursday", day("2024-07-04", None, Published)),
            ("on Thursday", day("2024-07-04", None, Published)),
            ("Wednesday", day("2024-07-03", None, Published)),
            ("Friday", day("2024-06-28", None, Published)),
            ("on Monday", day("2024-07-01", None, Published)),
            ("last Thursday", day("2024-06-27", None, Published)),
            ("next Thursday", day("2024-07-11", None, Published)),
            ("this Sunday", day("2024-07-07", None, Published)),
            ("last week", day("2024-06-24", Some(Approx), Published)),
            ("this week", day("2024-07-01", Some(Approx), Published)),
            (
                "earlier this week",
                day("2024-07-01", Some(Approx), Published),
            ),
            ("last month", month("2024-06", None, Published)),
            ("this month", month("2024-07", None, Published)),
            ("next month", month("2024-08", None, Published)),
            ("this year", year("2024", None, Published)),
            ("last year", year("2023", None, Published)),
            ("earlier this year", year("2024", None, Published)),
            ("late last year", year("2023", Some(End), Published)),
            ("end of last month", month("2024-06", Some(End), Published)),
            ("yesterday", day("2024-07-03", None, Published)),
            ("today", day("2024-07-04", None, Published)),
            ("currently", day("2024-07-04", None, Published)),
            ("four years ago", year("2020", Some(Approx), Published)),
            ("a year ago", year("2023", Some(Approx), Published)),
            ("3 days ago", day("2024-07-01", None, Published)),
            ("two weeks ago", day("2024-06-20", Some(Approx), Published)),
            ("six months ago", month("2024-01", Some(Approx), Published)),
            ("in January", month("2024-01", None, Published)),
            ("in July", month("2024-07", None, Published)),
            ("in August", month("2023-08", None, Published)),
            ("last August", month("2023-08", None, Published)),
            ("last July", month("2023-07", None, Published)),
            ("next January", month("2025-01", None, Published)),
            ("mid-June", month("2024-06", Some(Mid), Published)),
            ("early September", month("2023-09", Some(Start), Published)),
            ("Sept. 11", day("2023-09-11", None, Published)),
            ("Sep 11", day("2023-09-11", None, Published)),
            ("December 14th", day("2023-12-14", None, Published)),
            ("July 4", day("2024-07-04", None, Published)),
            // 30 days after publication is the last day read as this year.
            ("August 3", day("2024-08-03", None, Published)),
            ("August 4", day("2023-08-04", None, Published)),
            ("14 December", day("2023-12-14", None, Published)),
        ];
        for (expression, expected) in cases {
            assert_eq!(
                normalize_date(expression, published).as_ref(),
                Some(expected),
                "{expression}"
            );
        }
    }

    #[test]
    fn yearless_day_across_the_year_boundary() {
        let published = Some(date!(2025 - 01 - 03));
        let cases: &[(&str, &str)] = &[
            ("December 28", "2024-12-28"),
            ("January 2", "2025-01-02"),
            ("February 1", "2025-02-01"),
            ("February 2", "2025-02-02"),
            // 31 days after publication: too far ahead, so last year.
            ("February 3", "2024-02-03"),
            ("February 29", "2024-02-29"),
            ("December 31", "2024-12-31"),
        ];
        for (expression, expected) in cases {
            assert_eq!(
                normalize_date(expression, published),
                Some(day(expected, None, Published)),
                "{expression}"
            );
        }
        assert_eq!(
            normalize_date("in January", published),
            Some(month("2025-01", None, Published))
        );
        assert_eq!(
            normalize_date("in December", published),
            Some(month("2024-12", None, Published))
        );
    }

    #[test]
    fn relative_without_publication_date_needs_analyst() {
        for expression in [
            "Thursday",
            "last week",
            "yesterday",
            "four years ago",
            "in January",
            "Sept. 11",
            "December 14th",
            "this year",
            "mid-June",
            "currently",
        ] {
            assert!(
                matches!(
                    normalize_date(expression, None),
                    Some(DateReading::NeedsAnalyst { .. })
                ),
                "{expression}"
            );
        }
    }

    #[test]
    fn far_off_arithmetic_needs_analyst_instead_of_panicking() {
        let published = Some(date!(2024 - 07 - 04));
        for expression in [
            "nine hundred billion days ago",
            "nine hundred billion weeks ago",
            "nine hundred billion months ago",
            "nine hundred billion years ago",
        ] {
            assert!(
                matches!(
                    normalize_date(expression, published),
                    Some(DateReading::NeedsAnalyst { .. })
                ),
                "{expression}"
            );
        }
    }

    #[test]
    fn doubtful_dates_need_analyst() {
        let published = Some(date!(2024 - 07 - 04));
        for expression in [
            "February 30, 2021",
            "February 30",
            "31 April 2020",
            "04/07/2024",
            "2023-02-29",
            "Friday, November 25, 2021",
            "that year",
            "the same month",
        ] {
            assert!(
                matches!(
                    normalize_date(expression, published),
                    Some(DateReading::NeedsAnalyst { .. })
                ),
                "{expression}"
            );
        }
    }

    #[test]
    fn not_dates() {
        for expression in [
            "",
            "hello",
            "1,229",
            "75",
            "may",
            "the presidential election",
            "June 45",
            "2020 presidential election",
            "someone",
            "13/13/2020",
        ] {
            assert_eq!(normalize_date(expression, None), None, "{expression}");
        }
    }

    fn found(text: &str, published: Option<Date>) -> Vec<(String, DateReading)> {
        let chars: Vec<char> = text.chars().collect();
        find_dates(text, published)
            .into_iter()
            .map(|f| (chars[f.start..f.end].iter().collect(), f.reading))
            .collect()
    }

    #[test]
    fn finds_bare_years_only_in_context() {
        let cases: &[(&str, &[&str])] = &[
            ("in 2020", &["2020"]),
            ("In 2020, protests erupted", &["2020"]),
            ("in power since 1994", &["1994"]),
            ("the 2020 presidential election", &["2020"]),
            ("in the 2010 presidential election", &["2010"]),
            ("before the 2020 polls", &["2020"]),
            ("between 2020 and 2022", &["2020", "2022"]),
            ("from 2020 to 2022", &["2020", "2022"]),
            ("the summer of 2020", &["2020"]),
            ("the 2020-2021 protests", &["2020", "2021"]),
            ("his rule (1994–2024)", &["1994", "2024"]),
            ("the 2020–2000 mix", &[]),
            ("convicted in 2022 of conspiracy", &["2022"]),
            ("Viasna counts 1,184 political prisoners", &[]),
            ("affecting 7,850 individuals", &[]),
            ("in 2000 cases", &[]),
            ("released 2020 prisoners", &[]),
            ("a total of 2000 of them", &[]),
            ("the 1990s", &[]),
            ("since 2020s", &[]),
            ("$2020 in fines", &[]),
            ("call 2020", &[]),
        ];
        for (text, expected) in cases {
            let spans: Vec<String> = found(text, None).into_iter().map(|(s, _)| s).collect();
            assert_eq!(&spans, expected, "{text}");
        }
    }

    #[test]
    fn finds_spans_without_prepositions() {
        let published = Some(date!(2024 - 07 - 04));
        let cases: &[(&str, &[&str])] = &[
            ("announced by his office on Thursday.", &["Thursday"]),
            (
                "arrested on November 25, 2021, near his home",
                &["November 25, 2021"],
            ),
            (
                "at the end of 2022 and in early 2023",
                &["end of 2022", "early 2023"],
            ),
            ("Last week, the government", &["Last week"]),
            ("elections scheduled for January", &["January"]),
            ("a prisoner exchange last August", &["last August"]),
            ("the crackdown four years ago", &["four years ago"]),
            ("there are currently 1,278", &["currently"]),
            ("Thursday's release", &["Thursday"]),
            (
                "on Thursday, September 18, 2025",
                &["Thursday, September 18, 2025"],
            ),
            ("in May and March", &["May", "March"]),
            ("they may march in august", &[]),
            ("A March for freedom", &[]),
            ("Listen to Today's Edition", &[]),
            ("Today's edition", &["Today"]),
            ("Sept. 11 and Sep 11", &["Sept. 11", "Sep 11"]),
            ("winner of that year’s election", &["that year"]),
            ("on the same day", &["the same day"]),
            ("that yearly report", &[]),
            ("sentenced to ten days", &[]),
            ("Jan went home", &[]),
        ];
        for (text, expected) in cases {
            let spans: Vec<String> = found(text, published).into_iter().map(|(s, _)| s).collect();
            assert_eq!(&spans, expected, "{text}");
        }
    }

    #[test]
    fn month_ranges_share_the_later_year() {
        let published = Some(date!(2025 - 01 - 03));
        let cases: &[(&str, &[(&str, DateReading)])] = &[
            (
                "from January to March 2021",
                &[
                    ("January", month("2021-01", None, Absolute)),
                    ("March 2021", month("2021-03", None, Absolute)),
                ],
            ),
            (
                "between November and February 2021",
                &[
                    ("November", month("2020-11", None, Absolute)),
                    ("February 2021", month("2021-02", None, Absolute)),
                ],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, DateReading)> = expected
                .iter()
                .map(|(s, r)| ((*s).to_owned(), r.clone()))
                .collect();
            assert_eq!(found(text, published), expected, "{text}");
        }
    }

    #[test]
    fn future_context_reads_ahead() {
        let published = Some(date!(2024 - 11 - 20));
        let cases: &[(&str, DateReading)] = &[
            (
                "the presidential elections scheduled for January",
                month("2025-01", None, Published),
            ),
            (
                "the vote was held in January",
                month("2024-01", None, Published),
            ),
            (
                "he will be tried on Monday",
                day("2024-11-25", None, Published),
            ),
            ("he was tried on Monday", day("2024-11-18", None, Published)),
            (
                "the trial will open on December 2",
                day("2024-12-02", None, Published),
            ),
        ];
        for (text, expected) in cases {
            let readings: Vec<DateReading> =
                found(text, published).into_iter().map(|(_, r)| r).collect();
            assert_eq!(readings, vec![expected.clone()], "{text}");
        }
    }

    #[test]
    fn offsets_are_chars_after_wide_and_combining_characters() {
        let published = Some(date!(2024 - 07 - 04));
        let prefixes = ["🎉 ", "“Quoted” ", "word — ", "cafe\u{301} ", "Łódź 👩‍👩‍👧 "];
        for prefix in prefixes {
            let text = format!("{prefix}on Thursday and in 2020");
            let base = prefix.chars().count();
            let dates = find_dates(&text, published);
            let spans: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
            assert_eq!(
                spans,
                vec![(base + 3, base + 11), (base + 19, base + 23)],
                "{prefix}"
            );
        }
    }

    #[test]
    fn same_input_same_output() {
        let text = "On Thursday, and last week, and in 2020, and December 14th.";
        let published = Some(date!(2024 - 07 - 04));
        assert_eq!(find_dates(text, published), find_dates(text, published));
    }
}
