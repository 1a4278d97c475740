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

mod grammar;
mod lists;
mod resolve;

use grammar::{Expr, Mode, looks_ahead, match_at, skip_framing_words};
pub(crate) use lists::COUNT_NOUNS;
use resolve::apply_framing;
use time::Date;

use super::text::{TokenKind, Tokens};
use crate::model::text::CharRange;
use crate::model::value::DateValue;

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
    let reading = resolve::resolve(&expr, &surface, published, false);
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
                reading: resolve::resolve(&expr, &surface, published, future),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::{Anchoring, DateModifier, Granularity};
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
