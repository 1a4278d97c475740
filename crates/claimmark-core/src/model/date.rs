//! Calendar dates as the project writes them: ISO 8601 `YYYY`, `YYYY-MM`
//! or `YYYY-MM-DD`. The one parser of them: the project file, claim/v1,
//! the normaliser, the value editor and the command line all call it.

use std::fmt;

use super::value::Granularity;

/// A real calendar year, month or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why text is not an ISO date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct NotADate(pub String);

impl IsoDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (surrounding spaces allowed):
    /// four-digit years, two-digit months and days, on the calendar.
    pub fn parse(raw: &str) -> Result<Self, NotADate> {
        let trimmed = raw.trim();
        let problem = || NotADate(trimmed.to_owned());
        let number = |part: &str, digits: usize| -> Option<u16> {
            (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let mut parts = trimmed.split('-');
        let year = parts
            .next()
            .and_then(|p| number(p, 4))
            .ok_or_else(problem)?;
        let month = match parts.next() {
            None => None,
            Some(part) => Some(
                number(part, 2)
                    .and_then(|m| u8::try_from(m).ok())
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(problem)?,
            ),
        };
        let day = match parts.next() {
            None => None,
            Some(part) => Some(
                number(part, 2)
                    .and_then(|d| u8::try_from(d).ok())
                    .ok_or_else(problem)?,
            ),
        };
        if parts.next().is_some() {
            return Err(problem());
        }
        let date = Self { year, month, day };
        if day.is_some() && date.to_day().is_none() {
            return Err(problem());
        }
        Ok(date)
    }

    /// A day of the calendar.
    pub fn from_day(date: time::Date) -> Option<Self> {
        Some(Self {
            year: u16::try_from(date.year()).ok().filter(|y| *y <= 9999)?,
            month: Some(u8::from(date.month())),
            day: Some(date.day()),
        })
    }

    pub fn granularity(self) -> Granularity {
        match (self.month, self.day) {
            (None, _) => Granularity::Year,
            (Some(_), None) => Granularity::Month,
            (Some(_), Some(_)) => Granularity::Day,
        }
    }

    /// The day, when the date is one.
    pub fn to_day(self) -> Option<time::Date> {
        let month = time::Month::try_from(self.month?).ok()?;
        time::Date::from_calendar_date(i32::from(self.year), month, self.day?).ok()
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// Reads a day, `YYYY-MM-DD`.
pub fn parse_day(raw: &str) -> Option<time::Date> {
    IsoDate::parse(raw).ok()?.to_day()
}

/// Writes a day as `YYYY-MM-DD`.
pub fn format_day(date: time::Date) -> String {
    IsoDate::from_day(date).map_or_else(
        || {
            format!(
                "{:04}-{:02}-{:02}",
                date.year(),
                u8::from(date.month()),
                date.day()
            )
        },
        |iso| iso.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reads_the_three_granularities_on_the_calendar() {
        for (raw, granularity) in [
            ("2025", Granularity::Year),
            ("2025-09", Granularity::Month),
            (" 2025-09-18 ", Granularity::Day),
            ("2024-02-29", Granularity::Day),
        ] {
            let date = IsoDate::parse(raw).unwrap();
            assert_eq!(date.granularity(), granularity, "{raw}");
            assert_eq!(date.to_string(), raw.trim());
        }
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-9",
            "2025-02-30",
            "2023-02-29",
            "18.09.2025",
            "2025-09-18-1",
            "+2025",
            "2025-09-1x",
        ] {
            assert!(IsoDate::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(parse_day("2025-09-18"), Some(date!(2025 - 09 - 18)));
        assert_eq!(parse_day("2025-09"), None);
        assert_eq!(format_day(date!(0987 - 01 - 02)), "0987-01-02");
        assert_eq!(
            parse_day(&format_day(date!(2024 - 11 - 14))),
            Some(date!(2024 - 11 - 14))
        );
    }
}
