//! What a count or a date can mean, as a range, and the arithmetic the
//! ledger's checks do on ranges.
//!
//! Decisions:
//! - A count's range comes from its bounds where the normaliser set them
//!   ("more than 2,090" is 2,091 and up). "About 1,229" without bounds is
//!   within 10 % either way ([`APPROX_SHARE`]); "nearly 75" is 90 % of it
//!   up to 75. A vague amount ("thousands") has no range: it never
//!   contradicts anything, and the ledger shows it as vague.
//! - A date is the days it covers: "2025-09" is the whole of September, so
//!   it agrees with "2025-09-18". "Before"/"after" open one side; "start
//!   of", "mid" and "end of" keep the whole period (the text is not exact).

use crate::model::IsoDate;
use crate::model::value::{CountModifier, CountValue, DateModifier, DateValue, Granularity};

/// How far "about N" may be from N, either way.
pub const APPROX_SHARE: f64 = 0.1;

/// Inclusive bounds of a number; `None` above is no upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountRange {
    pub low: u64,
    pub high: Option<u64>,
}

impl CountRange {
    pub fn exact(n: u64) -> Self {
        Self {
            low: n,
            high: Some(n),
        }
    }

    /// The range a count value allows; `None` for a vague amount or one
    /// without any number.
    pub fn of(count: &CountValue) -> Option<Self> {
        if count.modifier == CountModifier::Vague {
            return None;
        }
        let share = |n: u64, factor: f64| -> u64 {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )] // counts of people are far below 2^52
            let scaled = (n as f64 * factor).round() as u64;
            scaled
        };
        match (count.modifier, count.number, count.lower, count.upper) {
            (CountModifier::Approx, Some(n), None, None) => Some(Self {
                low: share(n, 1.0 - APPROX_SHARE),
                high: Some(share(n, 1.0 + APPROX_SHARE)),
            }),
            (CountModifier::Approx, Some(n), None, Some(upper)) => Some(Self {
                low: share(n, 1.0 - APPROX_SHARE),
                high: Some(upper),
            }),
            (_, _, Some(low), high) => Some(Self { low, high }),
            (_, _, None, Some(high)) => Some(Self {
                low: 0,
                high: Some(high),
            }),
            (_, Some(n), None, None) => Some(Self::exact(n)),
            (_, None, None, None) => None,
        }
    }

    pub fn is_exact(self) -> bool {
        self.high == Some(self.low)
    }

    pub fn overlaps(self, other: Self) -> bool {
        self.high.is_none_or(|high| other.low <= high) && other.high.is_none_or(|h| self.low <= h)
    }

    pub fn contains(self, n: u64) -> bool {
        self.low <= n && self.high.is_none_or(|high| n <= high)
    }

    /// The range of a sum of counts in these ranges.
    pub fn sum(ranges: impl IntoIterator<Item = Self>) -> Self {
        ranges
            .into_iter()
            .fold(Self::exact(0), |total, range| Self {
                low: total.low.saturating_add(range.low),
                high: total.high.zip(range.high).map(|(a, b)| a.saturating_add(b)),
            })
    }
}

/// The days a date can be, inclusive, as day numbers (Julian days); `None`
/// on a side the text leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub first: Option<i32>,
    pub last: Option<i32>,
}

impl DayRange {
    pub fn of(date: &DateValue) -> Option<Self> {
        let iso = IsoDate::parse(&date.value).ok()?;
        let (first, last) = period(iso, date.granularity)?;
        Some(match date.modifier {
            Some(DateModifier::Before) => Self {
                first: None,
                last: Some(first - 1),
            },
            Some(DateModifier::After) => Self {
                first: Some(last + 1),
                last: None,
            },
            // "about March" may spill a little over either side.
            Some(DateModifier::Approx) => Self {
                first: Some(first - 15),
                last: Some(last + 15),
            },
            _ => Self {
                first: Some(first),
                last: Some(last),
            },
        })
    }

    pub fn overlaps(self, other: Self) -> bool {
        let before = |last: Option<i32>, first: Option<i32>| {
            last.zip(first).is_some_and(|(last, first)| last < first)
        };
        !before(self.last, other.first) && !before(other.last, self.first)
    }
}

/// The first and last day of a date's period, as Julian day numbers.
pub fn period(date: IsoDate, granularity: Granularity) -> Option<(i32, i32)> {
    let text = date.to_string();
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: Option<u8> = parts.next().and_then(|m| m.parse().ok());
    let day = |y: i32, m: u8, d: u8| -> Option<i32> {
        let month = time::Month::try_from(m).ok()?;
        Some(
            time::Date::from_calendar_date(y, month, d)
                .ok()?
                .to_julian_day(),
        )
    };
    let last_of_month = |y: i32, m: u8| -> Option<i32> {
        let month = time::Month::try_from(m).ok()?;
        day(y, m, month.length(y))
    };
    match (granularity, month) {
        (Granularity::Year, _) | (_, None) => Some((day(year, 1, 1)?, day(year, 12, 31)?)),
        (Granularity::Month, Some(m)) => Some((day(year, m, 1)?, last_of_month(year, m)?)),
        (Granularity::Day, Some(_)) => {
            let julian = date.to_day()?.to_julian_day();
            Some((julian, julian))
        }
    }
}

/// A count in words, with the number as the article would write it: "31",
/// "more than 2,090", "about 1,229", "75–80", "vague (at least 2,000)".
pub fn count_words(count: &CountValue) -> String {
    let number = count.number.map(thousands);
    match (count.modifier, number) {
        (CountModifier::Exact, Some(n)) => n,
        (CountModifier::Range, _) | (_, None) => {
            let bounds = match (count.lower, count.upper) {
                (Some(low), Some(high)) => format!("{}–{}", thousands(low), thousands(high)),
                (Some(low), None) => format!("at least {}", thousands(low)),
                (None, Some(high)) => format!("at most {}", thousands(high)),
                (None, None) => "no number".to_owned(),
            };
            if count.modifier == CountModifier::Vague {
                format!("vague ({bounds})")
            } else {
                bounds
            }
        }
        (modifier, Some(n)) => format!("{} {n}", modifier.word()),
    }
}

/// A number with thousands separators, as the articles write them: 2,500.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::Anchoring;
    use crate::normalize::count::normalize_count;

    fn range(text: &str) -> Option<CountRange> {
        CountRange::of(&normalize_count(text).unwrap())
    }

    #[test]
    fn counts_become_ranges() {
        assert_eq!(range("31"), Some(CountRange::exact(31)));
        assert_eq!(
            range("more than 2,090"),
            Some(CountRange {
                low: 2091,
                high: None
            })
        );
        assert_eq!(
            range("about 1,229"),
            Some(CountRange {
                low: 1106,
                high: Some(1352)
            })
        );
        assert_eq!(
            range("between 75 and 80"),
            Some(CountRange {
                low: 75,
                high: Some(80)
            })
        );
        assert_eq!(range("thousands"), None);
        assert!(!range("31").unwrap().overlaps(range("30").unwrap()));
        assert!(
            range("about 1,229")
                .unwrap()
                .overlaps(range("1,278").unwrap())
        );
        assert!(
            !range("about 1,229")
                .unwrap()
                .overlaps(range("more than 1,400").unwrap())
        );
        let total = CountRange::sum([range("more than 2,090").unwrap(), CountRange::exact(800)]);
        assert_eq!((total.low, total.high), (2891, None));
    }

    #[test]
    fn dates_cover_their_period() {
        let date = |value: &str, granularity, modifier| DateValue {
            value: value.to_owned(),
            granularity,
            modifier,
            anchoring: Anchoring::Absolute,
        };
        let day = DayRange::of(&date("2025-09-18", Granularity::Day, None)).unwrap();
        let month = DayRange::of(&date("2025-09", Granularity::Month, None)).unwrap();
        let october = DayRange::of(&date("2025-10-01", Granularity::Day, None)).unwrap();
        let before = DayRange::of(&date(
            "2025-09",
            Granularity::Month,
            Some(DateModifier::Before),
        ))
        .unwrap();
        assert!(day.overlaps(month));
        assert!(!october.overlaps(month));
        assert!(!before.overlaps(day));
        assert_eq!(month.last.unwrap() - month.first.unwrap(), 29);
    }

    #[test]
    fn counts_read_as_the_article_writes_them() {
        let words = |text: &str| count_words(&normalize_count(text).unwrap());
        assert_eq!(words("31"), "31");
        assert_eq!(words("more than 2,090"), "more than 2,090");
        assert_eq!(words("about 1,229"), "about 1,229");
        assert_eq!(words("between 75 and 80"), "75–80");
        assert_eq!(words("thousands"), "vague (at least 2,000)");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(2500), "2,500");
        assert_eq!(thousands(7_850_000), "7,850,000");
        assert_eq!(thousands(31), "31");
        assert_eq!(thousands(100), "100");
    }
}
