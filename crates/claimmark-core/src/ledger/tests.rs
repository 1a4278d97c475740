//! Hand-built projects for every rule and contradiction kind, each with a
//! known answer.

use super::*;
use crate::edit::Edit;
use crate::model::notation;
use crate::model::value::{Anchoring, CountValue, DateValue, Granularity, ValueSource};
use crate::model::{Argument, Claim, Document, SpanId, SpanValue, Value, parse_day};

type Roles<'a> = &'a [(&'a str, u32)];

/// A document from the notation, with claims whose roles name spans by
/// their number (from 1, in the order their `[` appears).
fn doc(id: &str, published: Option<&str>, marked: &str, claims: &[(&str, Roles<'_>)]) -> Document {
    let mut doc = notation::document(id, marked).unwrap();
    doc.published = published.and_then(parse_day);
    for (claim_type, roles) in claims {
        let mut claim = Claim::new(doc.next_claim_id(), Name::parse(claim_type).unwrap());
        for (role, span) in *roles {
            claim
                .arguments
                .push(Argument::new(Name::parse(role).unwrap(), SpanId(*span)));
        }
        doc.insert_claim(claim);
    }
    doc
}

fn project(docs: Vec<Document>) -> Project {
    Project {
        documents: docs,
        ..Project::default()
    }
}

fn ledger(project: &Project) -> Ledger {
    Ledger::build(project, LedgerOptions::default())
}

fn kinds(ledger: &Ledger) -> Vec<ProblemKind> {
    ledger.problems().map(|p| p.kind).collect()
}

fn count_doc(id: &str, count: &str, as_of: &str) -> Document {
    doc(
        id,
        Some("2025-10-01"),
        &format!(
            "[organization|Viasna] counts [count|{count}] political prisoners in [place|Belarus] as of [date|{as_of}]."
        ),
        &[(
            "prisoner_count",
            &[("source", 1), ("count", 2), ("place", 3), ("as_of", 4)],
        )],
    )
}

#[test]
fn a_series_by_one_source_is_one_fact_per_date() {
    let project = project(vec![
        count_doc("june", "1,278", "1 June 2025"),
        count_doc("july", "about 1,229", "1 July 2025"),
        count_doc("august", "more than 1,400", "August 2025"),
    ]);
    let ledger = ledger(&project);
    let report = ledger.report(&project);
    assert_eq!(report.facts.len(), 3);
    assert!(kinds(&ledger).is_empty(), "{:?}", kinds(&ledger));
    let first = &report.facts[0];
    assert_eq!(first.claim_type.as_str(), "prisoner_count");
    assert_eq!(
        first.key[0],
        (Name::parse("source").unwrap(), "Viasna".to_owned())
    );
}

#[test]
fn counts_of_one_fact_whose_ranges_cannot_meet_contradict() {
    let project = project(vec![
        count_doc("a", "1,278", "1 June 2025"),
        count_doc("b", "about 1,229", "1 June 2025"),
        count_doc("c", "more than 1,400", "1 June 2025"),
        count_doc("d", "thousands", "1 June 2025"),
    ]);
    let ledger = ledger(&project);
    let report = ledger.report(&project);
    assert_eq!(report.facts.len(), 1);
    assert_eq!(report.facts[0].documents, 4);
    let problems: Vec<&Problem> = ledger.problems().collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = problems[0];
    assert_eq!(problem.kind, ProblemKind::CountsDisagree);
    // 1,278 and about 1,229 agree with each other; "thousands" with all.
    let docs: Vec<&str> = problem.claims.iter().map(|c| c.doc_id.as_str()).collect();
    assert_eq!(docs, ["a", "b", "c"]);
    assert!(
        problem.message.contains("more than 1,400 (c)"),
        "{}",
        problem.message
    );
}

fn pardon_doc() -> Document {
    doc(
        "pardon-31",
        Some("2025-09-12"),
        "[person|Lukashenko] [event|pardoned] [count|31] political prisoners on [date|11 September 2025]. \
         Viasna said he has [event|let go] of [count|30].",
        &[
            (
                "pardon",
                &[("actor", 1), ("trigger", 2), ("count", 3), ("date", 4)],
            ),
            ("pardon", &[("trigger", 5), ("count", 6)]),
        ],
    )
}

#[test]
fn thirty_one_against_thirty_in_one_article() {
    let project = project(vec![pardon_doc()]);
    let ledger = ledger(&project);
    let report = ledger.report(&project);
    assert_eq!(
        report.facts.len(),
        1,
        "the keyless claim joins the one fact"
    );
    assert!(report.ungrouped.is_empty());
    let problems: Vec<&Problem> = ledger.problems().collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::SameDocumentDisagrees);
    assert!(
        problems[0]
            .message
            .contains("31 (pardon-31) and 30 (pardon-31)"),
        "{}",
        problems[0].message
    );
    assert_eq!(
        problems[0].key(),
        "same_document_disagrees:pardon-31:c1,pardon-31:c2"
    );
}

fn amnesty_doc(whole: &str) -> Document {
    doc(
        "amnesty",
        Some("2025-07-01"),
        &format!(
            "The [event|amnesty] covers [count|{whole}] people: [count|more than 2,090] will be released, \
             [count|800] will have sentences commuted and [count|4,550] will have terms cut by a year."
        ),
        &[(
            "amnesty",
            &[
                ("trigger", 1),
                ("count", 2),
                ("released", 3),
                ("commuted", 4),
                ("reduced", 5),
            ],
        )],
    )
}

#[test]
fn a_part_with_an_open_bound_is_told_what_it_must_be() {
    let project = project(vec![amnesty_doc("7,850")]);
    let ledger = ledger(&project);
    let problems: Vec<&Problem> = ledger.problems().collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::PartsOpenBound);
    assert!(
        problems[0]
            .message
            .starts_with("“more than 2,090” released must be 2,500 for the parts"),
        "{}",
        problems[0].message
    );
}

#[test]
fn parts_that_cannot_reach_or_must_exceed_the_whole_are_problems() {
    let below = project(vec![doc(
        "a",
        None,
        "[event|amnesty] for [count|9,000]: [count|2,090] freed, [count|800] commuted, [count|4,550] cut.",
        &[(
            "amnesty",
            &[
                ("trigger", 1),
                ("count", 2),
                ("released", 3),
                ("commuted", 4),
                ("reduced", 5),
            ],
        )],
    )]);
    assert_eq!(kinds(&ledger(&below)), [ProblemKind::PartsBelowWhole]);
    assert_eq!(
        kinds(&ledger(&project(vec![amnesty_doc("5,000")]))),
        [ProblemKind::PartsExceedWhole]
    );
    // Exact parts that add up are fine.
    let fine = project(vec![doc(
        "a",
        None,
        "[event|amnesty] for [count|7,440]: [count|2,090] freed, [count|800] commuted, [count|4,550] cut.",
        &[(
            "amnesty",
            &[
                ("trigger", 1),
                ("count", 2),
                ("released", 3),
                ("commuted", 4),
                ("reduced", 5),
            ],
        )],
    )]);
    assert!(kinds(&ledger(&fine)).is_empty());
}

#[test]
fn named_people_must_match_the_count() {
    let text = |names: &str| {
        format!("[count|Three] individuals, {names}, were [event|freed] on [date|3 May 2025].")
    };
    let three = doc(
        "three",
        Some("2025-05-04"),
        &text("[person|Ana Ruz], [person|Ivan Sokal] and [person|Olga Dzen]"),
        &[(
            "release",
            &[
                ("count", 1),
                ("released_person", 2),
                ("released_person", 3),
                ("released_person", 4),
                ("trigger", 5),
                ("date", 6),
            ],
        )],
    );
    assert!(kinds(&ledger(&project(vec![three]))).is_empty());
    let two = doc(
        "two",
        Some("2025-05-04"),
        &text("[person|Ana Ruz] and [person|Ivan Sokal]"),
        &[(
            "release",
            &[
                ("count", 1),
                ("released_person", 2),
                ("released_person", 3),
                ("trigger", 4),
                ("date", 5),
            ],
        )],
    );
    let two = project(vec![two]);
    let two_ledger = ledger(&two);
    let problems: Vec<&Problem> = two_ledger.problems().collect();
    assert_eq!(kinds(&two_ledger), [ProblemKind::NamedPeopleCount]);
    assert!(
        problems[0]
            .message
            .contains("names 2 people (Ana Ruz, Ivan Sokal)"),
        "{}",
        problems[0].message
    );
    let partial = doc(
        "partial",
        Some("2025-05-04"),
        "[count|Five] prisoners were [event|freed], including [person|Ana Ruz]. She was [event|sentenced] to [count|six years].",
        &[
            (
                "release",
                &[("count", 1), ("trigger", 2), ("released_person", 3)],
            ),
            (
                "sentence",
                &[("trigger", 4), ("sentenced_person", 3), ("term", 5)],
            ),
        ],
    );
    assert!(
        kinds(&ledger(&project(vec![partial]))).is_empty(),
        "a list said to be partial, and a term, are no count to match"
    );
}

#[test]
fn dates_after_publication_and_relative_dates_without_one() {
    let late = doc(
        "late",
        Some("2025-09-10"),
        "He was [event|freed] on [date|12 September 2025].",
        &[("release", &[("trigger", 1), ("date", 2)])],
    );
    assert_eq!(
        kinds(&ledger(&project(vec![late]))),
        [ProblemKind::DateAfterPublication]
    );
    let month = doc(
        "month",
        Some("2025-09-10"),
        "He was [event|freed] in [date|September 2025].",
        &[("release", &[("trigger", 1), ("date", 2)])],
    );
    assert!(
        kinds(&ledger(&project(vec![month]))).is_empty(),
        "a month starting before is fine"
    );
    let mut unanchored = doc(
        "thursday",
        None,
        "He was [event|freed] on [date|Thursday].",
        &[("release", &[("trigger", 1), ("date", 2)])],
    );
    unanchored.span_mut(SpanId(2)).unwrap().value = Some(SpanValue {
        value: Value::Date(DateValue {
            value: "2025-09-11".to_owned(),
            granularity: Granularity::Day,
            modifier: None,
            anchoring: Anchoring::Published,
        }),
        source: ValueSource::Imported,
    });
    assert_eq!(
        kinds(&ledger(&project(vec![unanchored]))),
        [ProblemKind::RelativeDateUnanchored]
    );
}

#[test]
fn required_roles_trigger_words_and_typed_values_are_checked() {
    let no_count = doc(
        "no-count",
        None,
        "[organization|Viasna] counts political prisoners.",
        &[("prisoner_count", &[("source", 1)])],
    );
    assert_eq!(
        kinds(&ledger(&project(vec![no_count]))),
        [ProblemKind::RequiredRoleMissing]
    );
    let wrong_word = doc(
        "wrong-word",
        None,
        "She was [event|arrested] again.",
        &[("release", &[("trigger", 1)])],
    );
    assert_eq!(
        kinds(&ledger(&project(vec![wrong_word]))),
        [ProblemKind::TriggerDoesNotFitType]
    );
    let mut typed = doc(
        "typed",
        None,
        "[count|31] were [event|pardoned].",
        &[("pardon", &[("count", 1), ("trigger", 2)])],
    );
    typed.span_mut(SpanId(1)).unwrap().value = Some(SpanValue {
        value: Value::Count(CountValue::exact(30)),
        source: ValueSource::Hand,
    });
    let project = project(vec![typed]);
    let ledger = ledger(&project);
    assert_eq!(kinds(&ledger), [ProblemKind::ValueDisagreesWithText]);
    let message = &ledger.problems().next().unwrap().message;
    assert!(
        message.contains("has the typed value 30, but its text reads 31"),
        "{message}"
    );
}

#[test]
fn one_persons_event_dated_two_ways_contradicts() {
    let release = |id: &str, date: &str| {
        doc(
            id,
            Some("2025-12-01"),
            &format!("[person|Ihar Losik] was [event|released] on [date|{date}]."),
            &[(
                "release",
                &[("released_person", 1), ("trigger", 2), ("date", 3)],
            )],
        )
    };
    let project = project(vec![
        release("a", "21 June 2025"),
        release("b", "11 September 2025"),
    ]);
    let ledger = ledger(&project);
    assert_eq!(kinds(&ledger), [ProblemKind::DatesDisagree]);
    let message = &ledger.problems().next().unwrap().message;
    assert!(
        message.starts_with("the date of Ihar Losik’s release"),
        "{message}"
    );
    // A month agrees with a day in it.
    let project = project_of_arrests("May 2020", "15 May 2020");
    assert!(kinds(&ledger_of(&project)).is_empty());
    let project = project_of_arrests("May 2020", "10 January 2021");
    assert_eq!(kinds(&ledger_of(&project)), [ProblemKind::DatesDisagree]);
}

fn ledger_of(project: &Project) -> Ledger {
    ledger(project)
}

fn project_of_arrests(first: &str, second: &str) -> Project {
    let arrest = |id: &str, date: &str| {
        doc(
            id,
            Some("2025-12-01"),
            &format!("[person|Maria Kalesnikava] was [event|detained] in [date|{date}]."),
            &[(
                "arrest",
                &[("arrested_person", 1), ("trigger", 2), ("date", 3)],
            )],
        )
    };
    project(vec![arrest("a", first), arrest("b", second)])
}

#[test]
fn claims_without_their_keys_are_ungrouped_never_dropped() {
    let alone = doc(
        "alone",
        None,
        "There are [count|1,100] political prisoners.",
        &[("prisoner_count", &[("count", 1)])],
    );
    let two_fit = doc(
        "two-fit",
        None,
        "[person|Lukashenko] [event|pardoned] [count|16] on [date|3 July 2025] and [count|14] on [date|17 July 2025]. \
         Another [count|20] were [event|pardoned].",
        &[
            (
                "pardon",
                &[("actor", 1), ("trigger", 2), ("count", 3), ("date", 4)],
            ),
            ("pardon", &[("actor", 1), ("count", 5), ("date", 6)]),
            ("pardon", &[("count", 7), ("trigger", 8)]),
        ],
    );
    let project = project(vec![alone, two_fit]);
    let ledger = ledger(&project);
    let report = ledger.report(&project);
    assert_eq!(report.facts.len(), 2);
    let ungrouped: Vec<(&str, Vec<&str>)> = report
        .ungrouped
        .iter()
        .map(|u| {
            (
                u.claim.doc_id.as_str(),
                u.missing.iter().map(Name::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        ungrouped,
        [
            ("alone", vec!["source", "place", "as_of"]),
            ("two-fit", vec!["actor", "date"])
        ]
    );
    assert_eq!(ledger.claim_count(), 4);
}

#[test]
fn statuses_and_types_choose_the_claims_read() {
    let mut project = project(vec![pardon_doc()]);
    project.documents[0].claim_mut(ClaimId(2)).unwrap().status = ReviewStatus::Rejected;
    assert!(
        kinds(&ledger(&project)).is_empty(),
        "rejected claims are not read"
    );
    let all = Ledger::build(
        &project,
        LedgerOptions {
            statuses: ReviewStatus::ALL.to_vec(),
            ..LedgerOptions::default()
        },
    );
    assert_eq!(kinds(&all), [ProblemKind::SameDocumentDisagrees]);
    let releases = Ledger::build(
        &project,
        LedgerOptions {
            claim_types: vec![Name::parse("release").unwrap()],
            ..LedgerOptions::default()
        },
    );
    assert_eq!(releases.claim_count(), 0);
}

#[test]
fn an_update_after_an_edit_gives_what_a_rebuild_gives() {
    let mut project = project(vec![
        count_doc("a", "1,278", "1 June 2025"),
        count_doc("b", "more than 1,400", "1 June 2025"),
        pardon_doc(),
    ]);
    let mut ledger = ledger(&project);
    assert_eq!(ledger.problems().count(), 2);
    let edit = Edit::RemoveClaim {
        doc: DocId::parse("b").unwrap(),
        claim: ClaimId(1),
    };
    let undo = edit.apply(&mut project).unwrap();
    ledger.update(&project, &DocId::parse("b").unwrap());
    let rebuilt = Ledger::build(&project, LedgerOptions::default());
    assert_eq!(ledger.report(&project), rebuilt.report(&project));
    assert_eq!(ledger.problems().count(), 1);
    undo.apply(&mut project).unwrap();
    ledger.update(&project, &DocId::parse("b").unwrap());
    assert_eq!(
        ledger.report(&project),
        Ledger::build(&project, LedgerOptions::default()).report(&project)
    );
    assert_eq!(ledger.problems().count(), 2);
}

#[test]
fn an_explained_problem_is_no_longer_unexplained_and_undo_brings_it_back() {
    let mut project = project(vec![pardon_doc()]);
    let ledger = ledger(&project);
    let problem = ledger.problems().next().unwrap().clone();
    assert_eq!(ledger.unexplained(&project).count(), 1);
    let undo = Edit::SetExplanation {
        problem: problem.key(),
        note: "Viasna counts one pardoned in absentia".to_owned(),
    }
    .apply(&mut project)
    .unwrap();
    assert_eq!(ledger.unexplained(&project).count(), 0);
    assert_eq!(
        problem.explanation(&project),
        Some("Viasna counts one pardoned in absentia")
    );
    undo.apply(&mut project).unwrap();
    assert_eq!(ledger.unexplained(&project).count(), 1);
}

#[test]
fn json_names_facts_and_problems_by_their_export_ids() {
    let project = project(vec![pardon_doc()]);
    let ledger = ledger(&project);
    let json = super::to_json(&project, &ledger.report(&project));
    assert_eq!(json["facts"][0]["type"], "pardon");
    assert_eq!(json["facts"][0]["key"]["actor"], "Lukashenko");
    assert_eq!(json["facts"][0]["key"]["date"], "2025-09-11");
    assert_eq!(json["facts"][0]["claims"][1], "pardon-31:c2");
    assert_eq!(json["facts"][0]["values"][0]["value"], "31");
    assert!(
        json["facts"][0]["quotes"][0]["quote"]
            .as_str()
            .unwrap()
            .starts_with("Lukashenko pardoned 31")
    );
    assert_eq!(json["problems"][0]["kind"], "same_document_disagrees");
    assert_eq!(json["problems"][0]["claims"][0], "pardon-31:c1");
    assert_eq!(json["summary"]["unexplained"], 1);
    let mut csv = Vec::new();
    write_csv(&project, &ledger.report(&project), &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.lines().nth(3).unwrap().starts_with("problem,"), "{csv}");
}

#[test]
fn the_timeline_keeps_each_dates_precision() {
    let project = project(vec![
        count_doc("june", "1,278", "1 June 2025"),
        count_doc("august", "more than 1,400", "August 2025"),
    ]);
    let points = timeline::count_points(&project, &ledger(&project));
    assert_eq!(points.len(), 2);
    assert_eq!(points[0].series, "Viasna");
    assert_eq!(points[0].first_day, points[0].last_day);
    assert_eq!(points[1].granularity, Granularity::Month);
    assert_eq!(points[1].last_day - points[1].first_day, 30);
    assert_eq!((points[1].low, points[1].high), (1401.0, None));
}
