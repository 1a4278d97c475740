//! Contradictions: claims about one fact (or one person's event) whose
//! counts or dates cannot all be true.

use std::collections::BTreeSet;

use super::ranges::{CountRange, DayRange};
use super::rows::{Row, date_words, is_people_role};
use super::{ClaimRef, Ledger, Problem, ProblemKind};
use crate::model::{Name, Project, TRIGGER_ROLE};

/// The claim types whose events are one kind for a person: a pardon or an
/// amnesty frees people as a release does.
fn event_family(claim_type: &Name) -> &str {
    match claim_type.as_str() {
        "release" | "pardon" | "amnesty" => "release",
        other => other,
    }
}

/// One claim's value in a role, for comparing.
struct Stated<R> {
    claim: ClaimRef,
    range: R,
    shown: String,
}

/// The problems of one fact: per non-key role, counts (or dates) whose
/// ranges do not overlap. Two claims of one document that disagree are
/// `SameDocumentDisagrees`; across documents, `CountsDisagree` or
/// `DatesDisagree`.
pub(super) fn check_fact(
    project: &Project,
    ledger: &Ledger,
    members: &BTreeSet<(usize, usize)>,
) -> Vec<Problem> {
    let rows: Vec<(ClaimRef, &Row)> = members
        .iter()
        .filter_map(|&(doc, row)| Some((ledger.claim_ref(doc, row)?, ledger.row(doc, row)?)))
        .collect();
    let Some((_, first)) = rows.first() else {
        return Vec::new();
    };
    let Some(ty) = project.schema.claim_type(&first.claim_type) else {
        return Vec::new();
    };
    let fact = describe_fact(ty, first);
    let mut problems = Vec::new();
    for role in &ty.roles {
        if ty.is_key(&role.name) || role.name.as_str() == TRIGGER_ROLE {
            continue;
        }
        let mut counts = Vec::new();
        let mut dates = Vec::new();
        for (claim, row) in &rows {
            for filler in row.fillers_in(&role.name) {
                if let Some(range) = filler.count().and_then(CountRange::of) {
                    counts.push(Stated {
                        claim: claim.clone(),
                        range,
                        shown: filler.shown.clone(),
                    });
                }
                if let Some(date) = filler.date()
                    && let Some(range) = DayRange::of(date)
                {
                    dates.push(Stated {
                        claim: claim.clone(),
                        range,
                        shown: date_words(date),
                    });
                }
            }
        }
        let what = format!("{fact}: {}", role.name.display());
        disagreements(
            &counts,
            CountRange::overlaps,
            ProblemKind::CountsDisagree,
            &what,
            &mut problems,
        );
        disagreements(
            &dates,
            DayRange::overlaps,
            ProblemKind::DatesDisagree,
            &what,
            &mut problems,
        );
    }
    problems
}

/// "pardon (actor Lukashenko, date 2025-09-11)".
fn describe_fact(ty: &crate::model::ClaimTypeDef, row: &Row) -> String {
    let parts: Vec<String> = ty
        .key_roles
        .iter()
        .zip(&row.key)
        .filter_map(|(role, value)| Some(format!("{} {}", role.display(), value.as_ref()?.shown)))
        .collect();
    format!("{} ({})", ty.name.display(), parts.join(", "))
}

/// Statements whose ranges do not all overlap: one problem for those
/// across documents, one per document stating two values.
fn disagreements<R: Copy>(
    stated: &[Stated<R>],
    overlaps: fn(R, R) -> bool,
    kind: ProblemKind,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let mut across: Vec<(usize, usize)> = Vec::new();
    let mut within: Vec<(usize, usize)> = Vec::new();
    for (i, a) in stated.iter().enumerate() {
        for (j, b) in stated.iter().enumerate().skip(i + 1) {
            if a.claim == b.claim || overlaps(a.range, b.range) {
                continue;
            }
            if a.claim.doc == b.claim.doc {
                within.push((i, j));
            } else {
                across.push((i, j));
            }
        }
    }
    let listed = |pairs: &[(usize, usize)]| -> (Vec<ClaimRef>, String) {
        let mut involved: Vec<usize> = pairs.iter().flat_map(|&(i, j)| [i, j]).collect();
        involved.sort_unstable();
        involved.dedup();
        let claims = involved.iter().map(|&i| stated[i].claim.clone()).collect();
        let shown: Vec<String> = involved
            .iter()
            .map(|&i| format!("{} ({})", stated[i].shown, stated[i].claim.doc_id))
            .collect();
        (claims, join_words(&shown))
    };
    if !across.is_empty() {
        let (claims, shown) = listed(&across);
        problems.push(Problem::new(
            kind,
            format!("{what}: {shown} cannot all be true"),
            claims,
        ));
    }
    let mut docs: Vec<usize> = within.iter().map(|&(i, _)| stated[i].claim.doc).collect();
    docs.dedup();
    for doc in docs {
        let pairs: Vec<(usize, usize)> = within
            .iter()
            .copied()
            .filter(|&(i, _)| stated[i].claim.doc == doc)
            .collect();
        let (claims, shown) = listed(&pairs);
        let doc_id = &stated[pairs[0].0].claim.doc_id;
        problems.push(Problem::new(
            ProblemKind::SameDocumentDisagrees,
            format!("document “{doc_id}” states two values for {what}: {shown}"),
            claims,
        ));
    }
}

/// "a, b and c".
pub(super) fn join_words(words: &[String]) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

/// The person groups a claim is in: one per person named in a people role
/// that is not a key role ("released person" of a release), when the claim
/// has a date.
pub(super) fn person_groups(project: &Project, row: &Row) -> Vec<String> {
    let Some(ty) = project.schema.claim_type(&row.claim_type) else {
        return Vec::new();
    };
    if row.date().is_none() {
        return Vec::new();
    }
    let family = event_family(&row.claim_type);
    let mut keys: Vec<String> = ty
        .roles
        .iter()
        .filter(|role| !ty.is_key(&role.name) && is_people_role(project, role))
        .flat_map(|role| row.fillers_in(&role.name))
        .map(|filler| format!("{family}|{}", filler.canonical))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// One person's event dated differently by different claims.
pub(super) fn check_person(
    project: &Project,
    ledger: &Ledger,
    key: &str,
    members: &BTreeSet<(usize, usize)>,
) -> Vec<Problem> {
    let (family, person) = key.split_once('|').unwrap_or((key, ""));
    let mut stated = Vec::new();
    let mut name = None;
    for &(doc, index) in members {
        let (Some(claim), Some(row)) = (ledger.claim_ref(doc, index), ledger.row(doc, index))
        else {
            continue;
        };
        if name.is_none() {
            name = row
                .fillers
                .iter()
                .find(|f| f.canonical == person)
                .map(|f| f.shown.clone());
        }
        if let Some(date) = row.date()
            && let Some(range) = DayRange::of(date)
        {
            stated.push(Stated {
                claim,
                range,
                shown: date_words(date),
            });
        }
    }
    let _ = project;
    let what = format!(
        "the date of {}’s {family}",
        name.as_deref().unwrap_or(person)
    );
    let mut problems = Vec::new();
    disagreements(
        &stated,
        DayRange::overlaps,
        ProblemKind::DatesDisagree,
        &what,
        &mut problems,
    );
    problems
}
