use super::*;
use crate::model::{
    Argument, ClaimId, Confidence, OrphanArgument, Provenance, SpanId, SpanOrigin, Timestamp,
    notation,
};

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

fn software(id: &str) -> Agent {
    Agent::software(id, Some("2".into()))
}

fn provenance(agent: &Agent) -> Provenance {
    Provenance {
        creator: agent.clone(),
        created: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
        reviewer: None,
        reviewed: None,
        bulk_review: false,
    }
}

/// Document "a": claim 1 (release, 0.7, agent x) on spans 1-2, claim 2
/// (`prisoner_count`, 0.1, agent y, one orphan) on span 3, and span 4 a
/// standalone proposed place (0.5, agent x). Document "b": claim 1
/// (release, no confidence, agent y), and a hand-made accepted claim 2.
fn project() -> Project {
    let mut a = notation::document(
        "a",
        "The president [event|freed] [count|31] people; Viasna counts [count|1,184] in [place|Minsk].",
    )
    .unwrap();
    let (x, y) = (software("x"), software("y"));
    for id in 1..=4 {
        let span = a.span_mut(SpanId(id)).unwrap();
        span.status = ReviewStatus::Proposed;
        span.origin = Some(SpanOrigin {
            agent: if id == 3 { y.clone() } else { x.clone() },
            confidence: (id == 4).then(|| Confidence::new(0.5).unwrap()),
        });
    }
    a.insert_claim(Claim {
        status: ReviewStatus::Proposed,
        confidence: Confidence::new(0.7),
        provenance: Some(provenance(&x)),
        arguments: vec![
            Argument::new(name("trigger"), SpanId(1)),
            Argument::new(name("count"), SpanId(2)),
        ],
        ..Claim::new(ClaimId(1), name("release"))
    });
    a.insert_claim(Claim {
        status: ReviewStatus::Proposed,
        confidence: Confidence::new(0.1),
        provenance: Some(provenance(&y)),
        arguments: vec![Argument::new(name("count"), SpanId(3))],
        orphans: vec![OrphanArgument {
            role: name("source"),
            exact: "Viasna".into(),
            start: 48,
            end: 54,
            prefix: String::new(),
            suffix: String::new(),
            value: None,
            reason: "the quote is not in the text".into(),
        }],
        ..Claim::new(ClaimId(2), name("prisoner_count"))
    });
    let mut b = notation::document("b", "Officials [event|pardoned] [count|12] people.").unwrap();
    b.insert_claim(Claim {
        status: ReviewStatus::Proposed,
        provenance: Some(provenance(&y)),
        arguments: vec![Argument::new(name("trigger"), SpanId(1))],
        ..Claim::new(ClaimId(1), name("release"))
    });
    b.insert_claim(Claim {
        arguments: vec![Argument::new(name("count"), SpanId(2))],
        ..Claim::new(ClaimId(2), name("prisoner_count"))
    });
    let mut project = Project::default();
    project.documents.push(a);
    project.documents.push(b);
    project
}

fn shown(rows: &[QueueRow]) -> Vec<(&str, Proposal)> {
    rows.iter().map(|r| (r.doc.as_str(), r.proposal)).collect()
}

#[test]
fn rows_are_claims_and_standalone_spans_lowest_confidence_first() {
    let project = project();
    let rows = build(&project, &QueueFilter::default(), QueueSort::default());
    assert_eq!(
        shown(&rows),
        vec![
            ("a", Proposal::Claim(ClaimId(2))),
            ("a", Proposal::Span(SpanId(4))),
            ("a", Proposal::Claim(ClaimId(1))),
            ("b", Proposal::Claim(ClaimId(1))),
        ],
        "0.1, 0.5, 0.7, then the row without a confidence; the hand-made claim is no row"
    );
    assert_eq!(rows[0].orphans, 1);
    assert_eq!(rows[0].agent.as_ref().unwrap().id, "y");
    assert_eq!(rows[1].kind(), RowKind::Span);
}

#[test]
fn document_order_and_type_order() {
    let project = project();
    let by_doc = build(&project, &QueueFilter::default(), QueueSort::DocumentOrder);
    assert_eq!(
        shown(&by_doc),
        vec![
            ("a", Proposal::Claim(ClaimId(1))),
            ("a", Proposal::Claim(ClaimId(2))),
            ("a", Proposal::Span(SpanId(4))),
            ("b", Proposal::Claim(ClaimId(1))),
        ]
    );
    let by_type = build(&project, &QueueFilter::default(), QueueSort::Type);
    let names: Vec<&str> = by_type.iter().map(|r| r.kind_name.as_str()).collect();
    assert_eq!(names, vec!["place", "prisoner_count", "release", "release"]);
}

#[test]
fn each_filter_narrows_the_rows() {
    let project = project();
    let count = |filter: QueueFilter| build(&project, &filter, QueueSort::default()).len();
    let base = QueueFilter::default;
    assert_eq!(
        count(QueueFilter {
            types: vec![name("release")],
            ..base()
        }),
        2
    );
    assert_eq!(
        count(QueueFilter {
            agent: Some("x".into()),
            ..base()
        }),
        2
    );
    assert_eq!(
        count(QueueFilter {
            min_confidence: Some(0.5),
            max_confidence: Some(0.7),
            ..base()
        }),
        2,
        "bounds are inclusive; no confidence fails a bound"
    );
    assert_eq!(
        count(QueueFilter {
            docs: vec![DocId::parse("b").unwrap()],
            ..base()
        }),
        1
    );
    assert_eq!(
        count(QueueFilter {
            flag: Some(RowFlag::Orphans),
            ..base()
        }),
        1
    );
    assert_eq!(
        count(QueueFilter {
            text: "MINSK".into(),
            ..base()
        }),
        1,
        "quotes, any case"
    );
    assert_eq!(
        count(QueueFilter {
            text: "viasna".into(),
            ..base()
        }),
        1,
        "an orphan's quote counts; text outside any quote does not"
    );
    assert_eq!(
        count(QueueFilter {
            statuses: vec![ReviewStatus::Accepted],
            ..base()
        }),
        0
    );
    assert_eq!(
        count(QueueFilter {
            statuses: Vec::new(),
            ..base()
        }),
        4
    );
}

#[test]
fn reviewed_machine_claims_stay_rows_with_their_status() {
    let mut project = project();
    project.documents[1].claim_mut(ClaimId(1)).unwrap().status = ReviewStatus::Accepted;
    let all = QueueFilter {
        statuses: Vec::new(),
        ..QueueFilter::default()
    };
    let rows = build(&project, &all, QueueSort::DocumentOrder);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3].status, ReviewStatus::Accepted);
    assert_eq!(
        build(&project, &QueueFilter::default(), QueueSort::default()).len(),
        3
    );
}

#[test]
fn run_flags_tell_changed_from_near_duplicates_and_filter_by_run() {
    let mut project = project();
    let a = &mut project.documents[0];
    // Claim 3: agent x's second run changed claim 1 (same agent): changed.
    a.insert_claim(Claim {
        status: ReviewStatus::Proposed,
        provenance: Some(provenance(&software("x"))),
        arguments: vec![Argument::new(name("trigger"), SpanId(1))],
        external: Some(crate::model::ExternalClaim {
            run: Some(2),
            resembles: Some(ClaimId(1)),
            ..crate::model::ExternalClaim::new("x-3".into(), String::new())
        }),
        ..Claim::new(ClaimId(3), name("release"))
    });
    // Claim 4: agent y resembles x's claim 1: a near-duplicate.
    a.insert_claim(Claim {
        status: ReviewStatus::Proposed,
        provenance: Some(provenance(&software("y"))),
        arguments: vec![Argument::new(name("trigger"), SpanId(1))],
        external: Some(crate::model::ExternalClaim {
            run: Some(3),
            resembles: Some(ClaimId(1)),
            ..crate::model::ExternalClaim::new("y-4".into(), String::new())
        }),
        ..Claim::new(ClaimId(4), name("release"))
    });
    a.claim_mut(ClaimId(1)).unwrap().external = Some(crate::model::ExternalClaim {
        run: Some(1),
        absent_from: Some(2),
        ..crate::model::ExternalClaim::new("x-1".into(), String::new())
    });
    let ids = |filter: QueueFilter| -> Vec<Proposal> {
        build(&project, &filter, QueueSort::DocumentOrder)
            .into_iter()
            .map(|row| row.proposal)
            .collect()
    };
    let flag = |flag| QueueFilter {
        flag: Some(flag),
        ..QueueFilter::default()
    };
    assert_eq!(ids(flag(RowFlag::Changed)), [Proposal::Claim(ClaimId(3))]);
    assert_eq!(
        ids(flag(RowFlag::NearDuplicate)),
        [Proposal::Claim(ClaimId(4))]
    );
    assert_eq!(
        ids(flag(RowFlag::Superseded)),
        [Proposal::Claim(ClaimId(1))]
    );
    let since = |run| QueueFilter {
        since_run: Some(run),
        ..QueueFilter::default()
    };
    assert_eq!(
        ids(since(1)),
        [Proposal::Claim(ClaimId(3)), Proposal::Claim(ClaimId(4))]
    );
    assert_eq!(ids(since(2)), [Proposal::Claim(ClaimId(4))]);
    assert!(ids(since(3)).is_empty());
    for flag in RowFlag::ALL {
        assert_eq!(RowFlag::parse(flag.as_str()), Some(flag));
    }
}
