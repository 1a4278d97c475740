//! Turning a matched expression into a value: calendar arithmetic
//! against the publication date, and the rules in the module docs.

use super::DateReading;
use super::grammar::{Expr, Relation, Unit};
use time::{Date, Duration, Month};

use crate::model::value::{Anchoring, DateModifier, DateValue, Granularity};

pub(super) fn apply_framing(reading: DateReading, framing: Option<DateModifier>) -> DateReading {
    match (reading, framing) {
        (DateReading::Resolved(mut value), Some(modifier)) if value.modifier.is_none() => {
            value.modifier = Some(modifier);
            DateReading::Resolved(value)
        }
        (reading, _) => reading,
    }
}

pub(super) fn needs_analyst(reason: String) -> DateReading {
    DateReading::NeedsAnalyst { reason }
}

pub(super) fn month_of(number: u8) -> Option<Month> {
    Month::try_from(number).ok()
}

pub(super) fn day_value(
    date: Date,
    modifier: Option<DateModifier>,
    anchoring: Anchoring,
) -> DateReading {
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

pub(super) fn month_value(
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

pub(super) fn year_value(
    year: i32,
    modifier: Option<DateModifier>,
    anchoring: Anchoring,
) -> DateReading {
    DateReading::Resolved(DateValue {
        value: format!("{year:04}"),
        granularity: Granularity::Year,
        modifier,
        anchoring,
    })
}

/// Whether `day` can ever be a day of `month` (February 29 can).
pub(super) fn day_exists_in_some_year(month: u8, day: u8) -> bool {
    month_of(month).is_some_and(|m| day >= 1 && day <= m.length(2024))
}

pub(super) fn shift_days(date: Date, days: i64) -> Option<Date> {
    // `Duration::days` panics on overflow; no calendar date is this far away.
    if days.abs() > 10_000_000 {
        return None;
    }
    date.checked_add(Duration::days(days))
}

/// `(year, month)` moved by `offset` months.
pub(super) fn shift_month(year: i32, month: u8, offset: i64) -> Option<(i32, u8)> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + offset;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

pub(super) fn resolve(
    expr: &Expr,
    surface: &str,
    published: Option<Date>,
    future: bool,
) -> DateReading {
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
pub(super) fn resolve_relative(
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
pub(super) fn resolve_day_of_month(
    month: u8,
    day: u8,
    published: Date,
    future: bool,
) -> Option<Date> {
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
