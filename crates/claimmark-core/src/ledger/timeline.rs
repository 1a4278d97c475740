//! What the ledger's timelines plot: counts over time, one series per
//! source, and each person's events across documents. Dates keep their
//! precision: a month is its whole month, a year its whole year.

use std::collections::BTreeSet;

use super::ranges::{CountRange, DayRange};
use super::{ClaimRef, Ledger};
use crate::model::value::{DateValue, Granularity};
use crate::model::{EntityId, Name, Project};

/// A count at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct CountPoint {
    pub claim: ClaimRef,
    /// Who states it (the source role's value), or "no source".
    pub series: String,
    pub claim_type: Name,
    /// The days the date covers (Julian day numbers), first to last.
    pub first_day: i32,
    pub last_day: i32,
    pub granularity: Granularity,
    /// The number drawn: the count's own, else the middle of its range.
    pub value: f64,
    pub low: f64,
    /// `None`: no upper bound ("more than 1,400").
    pub high: Option<f64>,
    /// "1,184 · as of 2025-09-18".
    pub label: String,
}

/// The Julian day of 1970-01-01, for plotting days as "days since 1970".
pub const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

/// Every count with a date, in series then date order. The count is the
/// first count-valued role that is no part of another; the date is the
/// `as_of` role's, else the claim's first date.
pub fn count_points(project: &Project, ledger: &Ledger) -> Vec<CountPoint> {
    let source = Name::parse("source").ok();
    let as_of = Name::parse("as_of").ok();
    let mut points = Vec::new();
    for (doc, doc_ledger) in ledger.docs.iter().enumerate() {
        for (index, row) in doc_ledger.rows.iter().enumerate() {
            let Some(ty) = project.schema.claim_type(&row.claim_type) else {
                continue;
            };
            let count = row.fillers.iter().find_map(|filler| {
                let whole = ty.role(&filler.role).is_some_and(|r| r.part_of.is_none());
                let count = filler.count().filter(|_| whole)?;
                Some((filler, count, CountRange::of(count)))
            });
            let date = as_of
                .as_ref()
                .and_then(|role| row.fillers_in(role).find_map(super::rows::Filler::date))
                .or_else(|| row.date());
            let (Some((filler, count, range)), Some(date), Some(claim)) =
                (count, date, ledger.claim_ref(doc, index))
            else {
                continue;
            };
            let Some(days) = DayRange::of(date) else {
                continue;
            };
            let (Some(first_day), Some(last_day)) = (days.first, days.last) else {
                continue;
            };
            #[allow(clippy::cast_precision_loss)] // counts far below 2^52
            let (low, high) =
                range.map_or((0.0, None), |r| (r.low as f64, r.high.map(|h| h as f64)));
            #[allow(clippy::cast_precision_loss)]
            let value = count
                .number
                .map_or_else(|| high.map_or(low, |h| f64::midpoint(low, h)), |n| n as f64);
            let series = source
                .as_ref()
                .map(|role| {
                    row.fillers_in(role)
                        .map(|f| f.shown.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "no source".to_owned());
            points.push(CountPoint {
                label: format!("{} · {}", filler.shown, super::rows::date_words(date)),
                claim,
                series,
                claim_type: row.claim_type.clone(),
                first_day,
                last_day,
                granularity: date.granularity,
                value,
                low,
                high,
            });
        }
    }
    points.sort_by(|a, b| (&a.series, a.first_day).cmp(&(&b.series, b.first_day)));
    points
}

/// One claim a person appears in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub claim: ClaimRef,
    pub claim_type: Name,
    /// The role the person fills ("released person", "actor").
    pub role: Name,
    pub date: Option<DateValue>,
    /// The first day the date can be, for ordering and plotting.
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    /// The claim is in a contradiction.
    pub contradicted: bool,
}

/// Every claim the entity appears in, in date order (undated last).
pub fn person_history(ledger: &Ledger, entity: EntityId) -> Vec<HistoryEntry> {
    let contradicted: BTreeSet<&ClaimRef> = ledger
        .problems()
        .filter(|p| p.kind.is_contradiction())
        .flat_map(|p| &p.claims)
        .collect();
    let mut entries = Vec::new();
    for (doc, doc_ledger) in ledger.docs.iter().enumerate() {
        for (index, row) in doc_ledger.rows.iter().enumerate() {
            let Some(filler) = row.fillers.iter().find(|f| f.entity == Some(entity)) else {
                continue;
            };
            let Some(claim) = ledger.claim_ref(doc, index) else {
                continue;
            };
            let date = row.date().cloned();
            let days = date.as_ref().and_then(DayRange::of);
            entries.push(HistoryEntry {
                contradicted: contradicted.contains(&claim),
                claim,
                claim_type: row.claim_type.clone(),
                role: filler.role.clone(),
                first_day: days.and_then(|d| d.first),
                last_day: days.and_then(|d| d.last),
                date,
            });
        }
    }
    entries.sort_by(|a, b| {
        (a.first_day.is_none(), a.first_day, &a.claim).cmp(&(
            b.first_day.is_none(),
            b.first_day,
            &b.claim,
        ))
    });
    entries
}
