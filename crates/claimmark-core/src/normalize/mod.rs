//! Normalising what spans say into values, and matching names to the
//! project's entities. No GUI here: the window, the CLI and the suggester
//! call these functions.
//!
//! Every position in this module's public API is a `CharRange` (Unicode
//! code points, half-open), as in `claim/v1`; inside, the finders count
//! chars in plain `usize`. The finders are deterministic: the same text and
//! publication date give the same result.
//!
//! Layout:
//! - [`normalize_span`] / [`renormalize`] (`span.rs`): one span's value by
//!   its label's value kind; recomputing a document's values as edits.
//! - `date` and `count`: reading one expression and finding them in running
//!   text (their module docs list every rule); `duration`: "six-year
//!   sentence" → `P6Y`; `event`: the trigger word list per claim type.
//! - [`names`]: matching mentions to registry entities across spellings, and
//!   the edits that create, link, rename and merge entities.
//! - `text` cuts text into tokens with char offsets, `words` reads English
//!   number words. The count finder asks the date finder first, so that
//!   "June 8, 2022" or "in 2020" never yield counts.

pub mod count;
mod count_words;
pub mod date;
pub mod duration;
pub mod event;
pub mod names;
pub(crate) mod span;
pub(crate) mod text;
mod words;

pub use count::{FoundCount, find_counts, normalize_count};
pub use date::{DateReading, FoundDate, find_dates, normalize_date};
pub use duration::normalize_duration;
pub use span::{
    Normalized, normalize_span, normalizer_owns, renormalize, span_value, span_value_at,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::{
        Anchoring, CountModifier, CountValue, DateModifier, DateValue, Granularity,
    };
    use proptest::prelude::*;
    use time::macros::date;

    /// Our own text, written to contain every date and count form seen in
    /// the shared corpus, plus the traps around them.
    const PARAGRAPH: &str = "Weekly digest\n\
        On Thursday the authorities said they had freed 31 detainees this month; three of them \
        are disabled and 17 are ill. Last week a court gave a six-year term to a reporter first \
        held on November 25, 2021 and sentenced on June 8, 2022, after ten days in a cell. \
        Monitors say there are currently around 1,229 political prisoners, down from more than \
        1,400 last August, and at least 1,721 people were convicted in 2022. The leader, in \
        office since 1994, began his seventh term after the 2020 presidential election; four \
        years ago thousands were detained, and more than 4,000 people were later listed as \
        extremists. This year alone 115 were pardoned, 30 of them last week, while over 100 \
        were arrested. The decree covers 7,850 cases: 800 sentences commuted, 4,550 terms cut \
        by one year and an additional 5,800 fines waived. In 2020, before the 2020 polls, a \
        rival from the 2010 presidential election got 10 years; five others and More than 250 \
        of them are ill. One of the few who spoke paid $32.95, or less than $3 a month. The \
        next vote is scheduled for January, and today nobody — not one — knows.\n0\n";

    fn resolved(
        value: &str,
        granularity: Granularity,
        modifier: Option<DateModifier>,
        anchoring: Anchoring,
    ) -> DateReading {
        DateReading::Resolved(DateValue {
            value: value.to_owned(),
            granularity,
            modifier,
            anchoring,
        })
    }

    fn count(
        number: Option<u64>,
        modifier: CountModifier,
        lower: Option<u64>,
        upper: Option<u64>,
    ) -> CountValue {
        CountValue::new(number, modifier, lower, upper)
    }

    fn exact(number: u64) -> CountValue {
        CountValue::exact(number)
    }

    fn slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn paragraph_dates() {
        use Anchoring::{Absolute, Published};
        use Granularity::{Day, Month, Year};
        let approx = Some(DateModifier::Approx);
        let expected = vec![
            (17, "Thursday", resolved("2024-11-14", Day, None, Published)),
            (
                75,
                "this month",
                resolved("2024-11", Month, None, Published),
            ),
            (
                130,
                "Last week",
                resolved("2024-11-11", Day, approx, Published),
            ),
            (
                197,
                "November 25, 2021",
                resolved("2021-11-25", Day, None, Absolute),
            ),
            (
                232,
                "June 8, 2022",
                resolved("2022-06-08", Day, None, Absolute),
            ),
            (
                295,
                "currently",
                resolved("2024-11-20", Day, None, Published),
            ),
            (
                365,
                "last August",
                resolved("2024-08", Month, None, Published),
            ),
            (422, "2022", resolved("2022", Year, None, Absolute)),
            (456, "1994", resolved("1994", Year, None, Absolute)),
            (495, "2020", resolved("2020", Year, None, Absolute)),
            (
                523,
                "four years ago",
                resolved("2020", Year, approx, Published),
            ),
            (623, "This year", resolved("2024", Year, None, Published)),
            (
                669,
                "last week",
                resolved("2024-11-11", Day, approx, Published),
            ),
            (834, "2020", resolved("2020", Year, None, Absolute)),
            (851, "2020", resolved("2020", Year, None, Absolute)),
            (880, "2010", resolved("2010", Year, None, Absolute)),
            (1062, "January", resolved("2025-01", Month, None, Published)),
            (1075, "today", resolved("2024-11-20", Day, None, Published)),
        ];
        let found: Vec<(usize, String, DateReading)> =
            find_dates(PARAGRAPH, Some(date!(2024 - 11 - 20)))
                .into_iter()
                .map(|d| (d.start, slice(PARAGRAPH, d.start, d.end), d.reading))
                .collect();
        let expected: Vec<(usize, String, DateReading)> = expected
            .into_iter()
            .map(|(start, span, reading)| (start, span.to_owned(), reading))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn paragraph_dates_without_publication_date() {
        let readings = find_dates(PARAGRAPH, None);
        let needs_analyst = readings
            .iter()
            .filter(|d| matches!(d.reading, DateReading::NeedsAnalyst { .. }))
            .count();
        // Everything but the absolute dates and years asks the analyst.
        assert_eq!((readings.len(), needs_analyst), (18, 10));
    }

    #[test]
    fn paragraph_counts() {
        use CountModifier::{Approx, AtLeast, MoreThan, Vague};
        let expected = vec![
            (62, "31", exact(31)),
            (87, "three", exact(3)),
            (118, "17", exact(17)),
            (252, "ten", exact(10)),
            (305, "around 1,229", count(Some(1229), Approx, None, None)),
            (
                349,
                "more than 1,400",
                count(Some(1400), MoreThan, Some(1401), None),
            ),
            (
                382,
                "at least 1,721",
                count(Some(1721), AtLeast, Some(1721), None),
            ),
            (538, "thousands", count(None, Vague, Some(2000), None)),
            (
                567,
                "more than 4,000",
                count(Some(4000), MoreThan, Some(4001), None),
            ),
            (639, "115", exact(115)),
            (658, "30", exact(30)),
            (686, "over 100", count(Some(100), MoreThan, Some(101), None)),
            (728, "7,850", exact(7850)),
            (741, "800", exact(800)),
            (765, "4,550", exact(4550)),
            (784, "one", exact(1)),
            (811, "5,800", exact(5800)),
            (911, "10", exact(10)),
            (921, "five", exact(5)),
            (
                937,
                "More than 250",
                count(Some(250), MoreThan, Some(251), None),
            ),
        ];
        let found: Vec<(usize, String, CountValue)> = find_counts(PARAGRAPH)
            .into_iter()
            .map(|c| (c.start, slice(PARAGRAPH, c.start, c.end), c.value))
            .collect();
        let expected: Vec<(usize, String, CountValue)> = expected
            .into_iter()
            .map(|(start, span, value)| (start, span.to_owned(), value))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn claim_format_examples() {
        assert_eq!(
            normalize_date("September 18th", Some(date!(2025 - 09 - 20))),
            Some(resolved(
                "2025-09-18",
                Granularity::Day,
                None,
                Anchoring::Published
            ))
        );
        let counts = [
            (
                "over 75",
                count(Some(75), CountModifier::MoreThan, Some(76), None),
            ),
            (
                "around 1,229",
                count(Some(1229), CountModifier::Approx, None, None),
            ),
            (
                "thousands",
                count(None, CountModifier::Vague, Some(2000), None),
            ),
            ("1,278", exact(1278)),
        ];
        for (expression, expected) in counts {
            assert_eq!(normalize_count(expression), Some(expected), "{expression}");
        }
    }

    /// Text made of the pieces the finders care about, shuffled.
    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            " ",
            "\n",
            ", ",
            ".",
            "-",
            "–",
            "+",
            "$",
            "/",
            "’s",
            "🎉",
            "é\u{301}",
            "“",
            "”",
            "\u{a0}",
            "1",
            "31",
            "229",
            "1,229",
            "2020",
            "8",
            "June",
            "May",
            "Thursday",
            "in",
            "since",
            "the",
            "last",
            "week",
            "year",
            "ago",
            "four",
            "one",
            "someone",
            "more",
            "than",
            "at",
            "least",
            "between",
            "and",
            "to",
            "thousands",
            "a",
            "dozen",
            "mid",
            "early",
            "of",
            "end",
            "presidential",
            "people",
            "today",
            "currently",
            "or",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn found_spans_are_ordered_disjoint_char_ranges(text in text_strategy()) {
            let length = text.chars().count();
            let published = Some(date!(2024 - 07 - 04));
            let dates = find_dates(&text, published);
            let counts = find_counts(&text);
            let date_spans: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
            let count_spans: Vec<(usize, usize)> = counts.iter().map(|c| (c.start, c.end)).collect();
            for spans in [&date_spans, &count_spans] {
                for (start, end) in spans {
                    prop_assert!(start < end && *end <= length);
                }
                for pair in spans.windows(2) {
                    prop_assert!(pair[0].1 <= pair[1].0);
                }
            }
            // Counts never overlap dates.
            for (count_start, count_end) in &count_spans {
                for (date_start, date_end) in &date_spans {
                    prop_assert!(count_end <= date_start || date_end <= count_start);
                }
            }
            prop_assert_eq!(&dates, &find_dates(&text, published));
            prop_assert_eq!(&counts, &find_counts(&text));
        }

        #[test]
        fn a_prefix_shifts_offsets_by_its_char_count(text in text_strategy()) {
            let prefix = "🎉 “Łódź” — e\u{301}.\n";
            let shift = prefix.chars().count();
            let shifted = format!("{prefix}{text}");
            let published = Some(date!(2024 - 07 - 04));
            let expected: Vec<FoundDate> = find_dates(&text, published)
                .into_iter()
                .map(|d| FoundDate { start: d.start + shift, end: d.end + shift, ..d })
                .collect();
            prop_assert_eq!(find_dates(&shifted, published), expected);
            let expected: Vec<FoundCount> = find_counts(&text)
                .into_iter()
                .map(|c| FoundCount { start: c.start + shift, end: c.end + shift, ..c })
                .collect();
            prop_assert_eq!(find_counts(&shifted), expected);
        }
    }
}
