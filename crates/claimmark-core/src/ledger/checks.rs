//! The consistency checks on each claim, each a rule with its own
//! [`ProblemKind`]:
//!
//! - parts against their whole (`RoleDef::part_of`), with range arithmetic:
//!   parts that cannot reach, or must exceed, the whole; and a part with an
//!   open bound told what it must be for the sum to hold;
//! - named people (a people role's spans) against the claim's count,
//!   unless the text introduces them as some of many ("including");
//! - a date after the document's publication date;
//! - a date read against a publication date the document does not have;
//! - a required role left empty;
//! - a trigger whose event word belongs to another claim type;
//! - an argument's value (typed or imported) against what its text reads.

use super::contradictions::join_words;
use super::ranges::{CountRange, DayRange, count_words, thousands};
use super::rows::{Filler, Row, is_people_role};
use super::{ClaimRef, Problem, ProblemKind};
use crate::model::value::{Anchoring, ValueSource};
use crate::model::{ClaimTypeDef, Document, Name, Project, TRIGGER_ROLE, Value};
use crate::normalize::{Normalized, event, span_value_at};

pub(super) fn check_document(project: &Project, index: usize, rows: &[Row]) -> Vec<Problem> {
    let doc = &project.documents[index];
    let mut problems = Vec::new();
    for row in rows {
        let claim = ClaimRef {
            doc: index,
            doc_id: doc.id.clone(),
            claim: row.claim,
        };
        let mut problem = |kind, message: String| {
            problems.push(Problem::new(kind, message, vec![claim.clone()]));
        };
        let Some(ty) = project.schema.claim_type(&row.claim_type) else {
            continue;
        };
        parts_and_whole(ty, row, &mut problem);
        named_people(project, doc, ty, row, &mut problem);
        dates(doc, row, &mut problem);
        required_roles(doc, ty, row, &mut problem);
        trigger_fits(ty, row, doc, &mut problem);
        values_fit_text(project, doc, row, &mut problem);
    }
    problems
}

type Report<'a> = dyn FnMut(ProblemKind, String) + 'a;

fn first_count<'r>(row: &'r Row, role: &Name) -> Option<(&'r Filler, CountRange)> {
    row.fillers_in(role)
        .find_map(|filler| Some((filler, CountRange::of(filler.count()?)?)))
}

fn parts_and_whole(ty: &ClaimTypeDef, row: &Row, problem: &mut Report<'_>) {
    let wholes: Vec<&Name> = {
        let mut wholes: Vec<&Name> = ty.roles.iter().filter_map(|r| r.part_of.as_ref()).collect();
        wholes.dedup();
        wholes
    };
    for whole_role in wholes {
        let Some((whole_filler, whole)) = first_count(row, whole_role) else {
            continue;
        };
        let parts: Vec<(&Name, &Filler, CountRange)> = ty
            .roles
            .iter()
            .filter(|role| role.part_of.as_ref() == Some(whole_role))
            .filter_map(|role| {
                let (filler, range) = first_count(row, &role.name)?;
                Some((&role.name, filler, range))
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let sum = CountRange::sum(parts.iter().map(|(_, _, range)| *range));
        let listed: Vec<String> = parts
            .iter()
            .map(|(role, filler, _)| format!("{} {}", filler.shown, role.display()))
            .collect();
        let listed = join_words(&listed);
        let whole_shown = format!("{} {}", whole_filler.shown, whole_role.display());
        if sum.high.is_some_and(|high| high < whole.low) {
            problem(
                ProblemKind::PartsBelowWhole,
                format!(
                    "the parts ({listed}) add up to at most {}, less than the {whole_shown}",
                    thousands(sum.high.unwrap_or_default())
                ),
            );
            continue;
        }
        if whole.high.is_some_and(|high| sum.low > high) {
            problem(
                ProblemKind::PartsExceedWhole,
                format!(
                    "the parts ({listed}) add up to at least {}, more than the {whole_shown}",
                    thousands(sum.low)
                ),
            );
            continue;
        }
        // One part not exact, the rest and the whole exact: the sum holds
        // only if that part is exactly what is left.
        let open: Vec<&(&Name, &Filler, CountRange)> = parts
            .iter()
            .filter(|(_, _, range)| !range.is_exact())
            .collect();
        if let ([(role, filler, _)], Some(total)) = (open.as_slice(), whole.high)
            && whole.is_exact()
        {
            let others: u64 = parts
                .iter()
                .filter(|(name, _, _)| name != role)
                .map(|(_, _, range)| range.low)
                .sum();
            let needed = total.saturating_sub(others);
            problem(
                ProblemKind::PartsOpenBound,
                format!(
                    "“{}” {} must be {} for the parts ({listed}) to add up to the {whole_shown}",
                    filler.shown,
                    role.display(),
                    thousands(needed)
                ),
            );
        }
    }
}

/// Words that introduce a list as partial: "five prisoners, including
/// Rygor Kastusev" names one of five on purpose.
const PARTIAL_LIST_WORDS: [&str; 6] = [
    "including",
    "among them",
    "among whom",
    "such as",
    "among those",
    "notably",
];

/// The claim's count: the first role taking only count labels, part of no
/// other role, that is filled ("term" takes any label and is no count).
fn count_role<'t>(project: &Project, ty: &'t ClaimTypeDef, row: &Row) -> Option<&'t Name> {
    ty.roles
        .iter()
        .find(|role| {
            role.part_of.is_none()
                && !role.labels.is_empty()
                && role.labels.iter().all(|label| {
                    project
                        .schema
                        .label(label)
                        .is_some_and(|l| l.value_kind == crate::model::ValueKind::Count)
                })
                && row.fillers_in(&role.name).any(|f| f.count().is_some())
        })
        .map(|role| &role.name)
}

fn named_people(
    project: &Project,
    doc: &Document,
    ty: &ClaimTypeDef,
    row: &Row,
    problem: &mut Report<'_>,
) {
    let Some(count_role) = count_role(project, ty, row) else {
        return;
    };
    let Some((count, range)) = first_count(row, count_role) else {
        return;
    };
    for role in ty.roles.iter().filter(|role| is_people_role(project, role)) {
        let people: Vec<&Filler> = row.fillers_in(&role.name).collect();
        let mut names: Vec<&str> = people.iter().map(|f| f.shown.as_str()).collect();
        names.dedup();
        let named_count = names.len() as u64;
        if named_count == 0 || range.contains(named_count) {
            continue;
        }
        if named_count < range.low && introduced_as_partial(doc, count, &people) {
            continue;
        }
        problem(
            ProblemKind::NamedPeopleCount,
            format!(
                "{} names {named_count} {} ({}), but its {} is {}",
                ty.name.display(),
                if named_count == 1 { "person" } else { "people" },
                names.join(", "),
                count_role.display(),
                count.shown
            ),
        );
    }
}

/// Whether the text between the count and the first name says the names
/// are only some of them ("including", "among them").
fn introduced_as_partial(doc: &Document, count: &Filler, people: &[&Filler]) -> bool {
    let range_of = |filler: &Filler| filler.span.and_then(|id| doc.span(id)).map(|s| s.range);
    let Some(count_range) = range_of(count) else {
        return false;
    };
    let Some(first_name) = people
        .iter()
        .filter_map(|f| range_of(f))
        .min_by_key(|r| r.start())
    else {
        return false;
    };
    let (from, to) = if count_range.end() <= first_name.start() {
        (count_range.end(), first_name.start())
    } else {
        (first_name.end(), count_range.start())
    };
    if from >= to {
        return false;
    }
    let between = doc
        .text
        .slice(crate::model::CharRange::new(from, to))
        .unwrap_or_default()
        .to_lowercase();
    PARTIAL_LIST_WORDS.iter().any(|word| between.contains(word))
}

fn dates(doc: &Document, row: &Row, problem: &mut Report<'_>) {
    for filler in &row.fillers {
        let Some(date) = filler.date() else { continue };
        match doc.published {
            Some(published) => {
                let after = DayRange::of(date)
                    .and_then(|range| range.first)
                    .is_some_and(|first| first > published.to_julian_day());
                if after {
                    problem(
                        ProblemKind::DateAfterPublication,
                        format!(
                            "{} {} is after the article’s publication on {}",
                            filler.role.display(),
                            filler.shown,
                            crate::model::format_day(published)
                        ),
                    );
                }
            }
            None if date.anchoring == Anchoring::Published => problem(
                ProblemKind::RelativeDateUnanchored,
                format!(
                    "{} {} was read against a publication date, but the document has none; set its publication date",
                    filler.role.display(),
                    filler.shown
                ),
            ),
            None => {}
        }
    }
}

fn required_roles(doc: &Document, ty: &ClaimTypeDef, row: &Row, problem: &mut Report<'_>) {
    let orphans = doc
        .claim(row.claim)
        .map(|claim| claim.orphans.as_slice())
        .unwrap_or_default();
    for role in ty.roles.iter().filter(|role| role.required) {
        let filled = row.fillers_in(&role.name).next().is_some()
            || orphans.iter().any(|orphan| orphan.role == role.name);
        if !filled {
            problem(
                ProblemKind::RequiredRoleMissing,
                format!(
                    "the {} has no {}, which its type requires",
                    ty.name.display(),
                    role.name.display()
                ),
            );
        }
    }
}

/// A trigger word of the release family fits a pardon or an amnesty too.
fn types_fit(word_type: &str, claim_type: &str) -> bool {
    let family = |t: &str| matches!(t, "release" | "pardon" | "amnesty");
    word_type == claim_type || (family(word_type) && family(claim_type))
}

fn trigger_fits(ty: &ClaimTypeDef, row: &Row, doc: &Document, problem: &mut Report<'_>) {
    let known_type = event::TRIGGERS
        .iter()
        .any(|trigger| trigger.claim_type == ty.name.as_str());
    if !known_type {
        return;
    }
    let trigger_role = Name::parse(TRIGGER_ROLE).ok();
    for filler in row
        .fillers
        .iter()
        .filter(|f| Some(&f.role) == trigger_role.as_ref())
    {
        let Some(span) = filler.span.and_then(|id| doc.span(id)) else {
            continue;
        };
        let text = doc.span_text(span);
        if let Some(trigger) = event::trigger_for(text)
            && !types_fit(trigger.claim_type, ty.name.as_str())
        {
            problem(
                ProblemKind::TriggerDoesNotFitType,
                format!(
                    "trigger “{text}” is a word for {}, but the claim is a {}",
                    trigger.event,
                    ty.name.display()
                ),
            );
        }
    }
}

fn values_fit_text(project: &Project, doc: &Document, row: &Row, problem: &mut Report<'_>) {
    for filler in &row.fillers {
        let Some(span) = filler.span.and_then(|id| doc.span(id)) else {
            continue;
        };
        let Some(stored) = span
            .value
            .as_ref()
            .filter(|value| matches!(value.source, ValueSource::Hand | ValueSource::Imported))
        else {
            continue;
        };
        let Some(kind) = project.schema.label(&span.label).map(|l| l.value_kind) else {
            continue;
        };
        let Normalized::Value(read) = span_value_at(doc, span.range, kind, None) else {
            continue;
        };
        let (disagree, reads) = match (&stored.value, &read) {
            (Value::Count(stored), Value::Count(read)) => (
                CountRange::of(stored)
                    .zip(CountRange::of(read))
                    .is_some_and(|(a, b)| !a.overlaps(b)),
                count_words(read),
            ),
            (Value::Date(stored), Value::Date(read)) => (
                DayRange::of(stored)
                    .zip(DayRange::of(read))
                    .is_some_and(|(a, b)| !a.overlaps(b)),
                super::rows::date_words(read),
            ),
            _ => (false, String::new()),
        };
        if disagree {
            let how = if stored.source == ValueSource::Hand {
                "typed"
            } else {
                "imported"
            };
            problem(
                ProblemKind::ValueDisagreesWithText,
                format!(
                    "{} “{}” has the {how} value {}, but its text reads {reads}",
                    filler.role.display(),
                    doc.span_text(span),
                    filler.shown
                ),
            );
        }
    }
}
