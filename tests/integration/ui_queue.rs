//! The review queue in the real app: rows by confidence across documents,
//! J/A/X through the queue with the article following, a filtered bulk
//! reject confirmed and undone.

use claimmark::app::ClaimmarkApp;
use claimmark::command::Action;
use claimmark_core::model::{CharRange, ClaimId, ReviewStatus};
use claimmark_core::review::QueueFilter;
use claimmark_core::storage;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::fixtures::scratch;
use super::ui::{harness_with, press, press_with};

fn open_on_two_agents() -> (tempfile::TempDir, Harness<'static, ClaimmarkApp>) {
    let dir = scratch();
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &super::review::project()).unwrap();
    let harness = harness_with(Some(path), vec![]);
    (dir, harness)
}

fn at(harness: &Harness<'_, ClaimmarkApp>) -> (String, Option<ClaimId>) {
    let view = harness.state().view();
    (
        view.document
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        view.claim,
    )
}

/// The first document, its claim `id` (no orphans left) and the span now
/// in the claim's count role.
fn attached_count<'a>(
    harness: &'a Harness<'_, ClaimmarkApp>,
    id: ClaimId,
) -> (
    &'a claimmark_core::model::Document,
    &'a claimmark_core::model::Claim,
    &'a claimmark_core::model::Span,
) {
    let doc = &harness.state().session().project().documents[0];
    let claim = doc.claim(id).unwrap();
    assert!(claim.orphans.is_empty());
    let count = claim
        .arguments
        .iter()
        .find(|a| a.role.as_str() == "count")
        .unwrap();
    (doc, claim, doc.span(count.span).unwrap())
}

fn claim_status(harness: &Harness<'_, ClaimmarkApp>, doc: usize, claim: u32) -> ReviewStatus {
    harness.state().session().project().documents[doc]
        .claim(ClaimId(claim))
        .unwrap()
        .status
}

#[test]
fn the_queue_goes_lowest_confidence_first_and_the_article_follows() {
    let (_dir, mut harness) = open_on_two_agents();
    press(&mut harness, Key::Q);
    harness.get_by_label("Review queue");
    // 0.2 (one/1), 0.25 (two/1), 0.9 (one/2): the first row is selected.
    assert_eq!(at(&harness), ("one".into(), Some(ClaimId(1))));
    press(&mut harness, Key::J);
    assert_eq!(
        at(&harness),
        ("two".into(), Some(ClaimId(1))),
        "J crosses documents"
    );
    // The queue's place survives looking at another document.
    press_with(&mut harness, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(at(&harness).0, "one");
    press(&mut harness, Key::J);
    assert_eq!(
        at(&harness),
        ("one".into(), Some(ClaimId(2))),
        "the row after two/1"
    );
    press(&mut harness, Key::K);
    press(&mut harness, Key::K);
    assert_eq!(at(&harness), ("one".into(), Some(ClaimId(1))));

    // A decides the row and goes to the next one, in the other document.
    press(&mut harness, Key::A);
    assert_eq!(claim_status(&harness, 0, 1), ReviewStatus::Accepted);
    assert_eq!(at(&harness), ("two".into(), Some(ClaimId(1))));
    press(&mut harness, Key::X);
    assert_eq!(claim_status(&harness, 1, 1), ReviewStatus::Rejected);
    assert_eq!(
        at(&harness),
        ("one".into(), Some(ClaimId(2))),
        "back to document one"
    );
    let reviewed = harness.state().session().project().documents[0]
        .claim(ClaimId(1))
        .unwrap()
        .provenance
        .clone()
        .unwrap()
        .reviewed
        .unwrap();
    assert_ne!(reviewed.as_str(), "1970-01-01T00:00:00Z");
}

#[test]
fn a_filtered_bulk_reject_is_confirmed_and_undone_in_one_step() {
    let (_dir, mut harness) = open_on_two_agents();
    let original = harness.state().session().project().clone();
    press(&mut harness, Key::Q);
    harness
        .state_mut()
        .push(Action::SetQueueFilter(Box::new(QueueFilter {
            agent: Some("x".into()),
            ..QueueFilter::default()
        })));
    harness.run();
    harness.get_by_label("2 shown");
    harness.get_by_label("Reject all shown…").click();
    harness.run();
    harness
        .get_by_label("Reject 2 claim(s) and 2 span(s)")
        .click();
    harness.run();
    assert_eq!(claim_status(&harness, 0, 1), ReviewStatus::Rejected);
    assert_eq!(claim_status(&harness, 1, 1), ReviewStatus::Rejected);
    let provenance = harness.state().session().project().documents[0]
        .claim(ClaimId(1))
        .unwrap()
        .provenance
        .clone()
        .unwrap();
    assert_eq!(provenance.reviewer.unwrap().id, "analyst");
    assert!(provenance.bulk_review, "recorded as a bulk decision");
    assert_ne!(
        provenance.reviewed.unwrap().as_str(),
        "1970-01-01T00:00:00Z",
        "the real time"
    );
    assert_eq!(
        claim_status(&harness, 0, 2),
        ReviewStatus::Proposed,
        "agent y's claim is not shown, so not touched"
    );
    harness.get_by_label("0 shown");
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().session().project(),
        &original,
        "one undo step"
    );
}

#[test]
fn an_orphan_is_shown_in_the_form_placed_at_its_quote_and_undone() {
    use claimmark_core::Edit;
    use claimmark_core::model::OrphanArgument;
    let dir = scratch();
    let path = dir.path().join("p.ron");
    let mut project = super::review::project();
    let doc = &project.documents[0];
    let mut claim = doc.claim(ClaimId(2)).unwrap().clone();
    claim.orphans.push(OrphanArgument {
        role: claimmark_core::model::Name::parse("count").unwrap(),
        exact: "31".into(),
        start: 17,
        end: 19,
        prefix: String::new(),
        suffix: String::new(),
        value: None,
        reason: "the quote moved".into(),
    });
    claim.arguments.retain(|a| a.role.as_str() != "count");
    Edit::ReplaceClaim {
        doc: doc.id.clone(),
        claim,
    }
    .apply(&mut project)
    .unwrap();
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let original = harness.state().session().project().clone();
    press(&mut harness, Key::Q);
    harness
        .state_mut()
        .push(Action::SetQueueFilter(Box::new(QueueFilter {
            flag: Some(claimmark_core::review::RowFlag::Orphans),
            ..QueueFilter::default()
        })));
    harness.run();
    harness.get_by_label("1 shown");
    assert!(
        harness
            .query_by_label_contains("⚠ 1 not attached")
            .is_some(),
        "the documents list counts orphans"
    );
    press(&mut harness, Key::J);
    assert_eq!(at(&harness), ("one".into(), Some(ClaimId(2))));
    harness.get_by_label("Not attached (1)");
    harness.get_by_label("count: “31” (was 17–19): the quote moved");
    // The form scrolls: bring the orphan's buttons into view first.
    harness.get_by_label("Find quote").scroll_to_me();
    harness.run();
    harness.get_by_label("Find quote").click();
    harness.run();
    assert_eq!(
        harness.state().view().selection,
        Some(CharRange::from_offsets(16, 18)),
        "the place is shown, not yet taken"
    );
    harness.get_by_label("Attach to selection").scroll_to_me();
    harness.run();
    harness.get_by_label("Attach to selection").click();
    harness.run();
    let (doc, claim, count) = attached_count(&harness, ClaimId(2));
    assert_eq!(doc.span_text(count), "31");
    assert_eq!(
        claim.status,
        ReviewStatus::Corrected,
        "changing a proposal corrects it"
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().session().project(), &original);
}

#[test]
fn the_queue_position_survives_reopening_the_project() {
    let (dir, mut harness) = open_on_two_agents();
    let path = dir.path().join("p.ron");
    press(&mut harness, Key::Q);
    press(&mut harness, Key::J);
    assert_eq!(at(&harness), ("two".into(), Some(ClaimId(1))));
    // Another project, then this one again.
    let other = dir.path().join("other.ron");
    storage::save_project(&other, &claimmark_core::model::Project::default()).unwrap();
    harness.state_mut().push(Action::OpenProjectAt(other));
    harness.run();
    assert!(harness.state().view().document.is_none());
    harness
        .state_mut()
        .push(Action::OpenProjectAt(path.clone()));
    harness.run();
    harness.get_by_label("Review queue");
    assert_eq!(
        at(&harness),
        ("two".into(), Some(ClaimId(1))),
        "back on the row, the queue open"
    );
    // The row decided elsewhere: the queue goes on at its old place.
    press(&mut harness, Key::A);
    press(&mut harness, Key::K);
    assert_eq!(at(&harness), ("one".into(), Some(ClaimId(1))));
    press(&mut harness, Key::J);
    assert_eq!(at(&harness), ("one".into(), Some(ClaimId(2))));
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    let mut project = storage::load_project(&path).unwrap();
    // Someone accepts the row outside the window.
    project.documents[0]
        .claims()
        .iter()
        .find(|c| c.id == ClaimId(2))
        .unwrap();
    let edit = claimmark_core::Edit::SetClaimReview {
        doc: project.documents[0].id.clone(),
        claim: ClaimId(2),
        status: ReviewStatus::Accepted,
        provenance: None,
    };
    edit.apply(&mut project).unwrap();
    storage::save_project(&path, &project).unwrap();
    harness
        .state_mut()
        .push(Action::OpenProjectAt(dir.path().join("other.ron")));
    harness.run();
    harness.state_mut().push(Action::OpenProjectAt(path));
    harness.run();
    assert_eq!(
        at(&harness),
        ("one".into(), Some(ClaimId(1))),
        "the row at its old place (the last one left)"
    );
}

/// "5" said twice; the claim's count orphaned with its old place nearer the
/// second.
fn open_on_an_orphan_quoted_twice() -> (tempfile::TempDir, Harness<'static, ClaimmarkApp>) {
    use claimmark_core::Edit;
    use claimmark_core::model::{
        Agent, Argument, Claim, Confidence, Name, OrphanArgument, Project, Provenance, SpanId,
        Timestamp, notation,
    };
    let mut project = Project::default();
    project.documents.push(
        notation::document("three", "Officials [event|freed] 5 people, then 5 more.").unwrap(),
    );
    let claim = Claim {
        status: ReviewStatus::Proposed,
        confidence: Confidence::new(0.5),
        provenance: Some(Provenance {
            creator: Agent::software("x", None),
            created: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
            reviewer: None,
            reviewed: None,
            bulk_review: false,
        }),
        arguments: vec![Argument::new(Name::parse("trigger").unwrap(), SpanId(1))],
        orphans: vec![OrphanArgument {
            role: Name::parse("count").unwrap(),
            exact: "5".into(),
            start: 29,
            end: 30,
            prefix: String::new(),
            suffix: String::new(),
            value: None,
            reason: "the quote moved".into(),
        }],
        ..Claim::new(ClaimId(1), Name::parse("release").unwrap())
    };
    let doc = project.documents[0].id.clone();
    Edit::InsertClaim { doc, claim }
        .apply(&mut project)
        .unwrap();
    let dir = scratch();
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness
        .state_mut()
        .push(Action::SelectClaim(Some(ClaimId(1))));
    harness.run();
    (dir, harness)
}

#[test]
fn orphan_keys_show_each_place_then_attach_or_drop() {
    let (_dir, mut harness) = open_on_an_orphan_quoted_twice();
    let original = harness.state().session().project().clone();
    harness.get_by_label("Not attached (1)");
    // L: the place nearest the old one first, then the other, then round.
    press(&mut harness, Key::L);
    let second = Some(CharRange::from_offsets(31, 32));
    assert_eq!(harness.state().view().selection, second);
    press(&mut harness, Key::L);
    assert_eq!(
        harness.state().view().selection,
        Some(CharRange::from_offsets(16, 17))
    );
    assert!(
        harness
            .state()
            .status()
            .is_some_and(|s| s.text.contains("place 2 of 2")),
        "{:?}",
        harness.state().status()
    );
    press(&mut harness, Key::L);
    assert_eq!(harness.state().view().selection, second);
    // O: attached there, as a count span.
    press(&mut harness, Key::O);
    let (_, _, span) = attached_count(&harness, ClaimId(1));
    assert_eq!(span.range, CharRange::from_offsets(31, 32));
    assert_eq!(span.label.as_str(), "count");
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().session().project(), &original);

    // Shift+Delete: dropped, one undo step.
    harness
        .state_mut()
        .push(Action::SelectClaim(Some(ClaimId(1))));
    harness.run();
    press_with(&mut harness, Modifiers::SHIFT, Key::Delete);
    let doc = &harness.state().session().project().documents[0];
    let claim = doc.claim(ClaimId(1)).unwrap();
    assert!(claim.orphans.is_empty());
    assert_eq!(claim.arguments.len(), 1, "nothing attached");
    assert_eq!(doc.spans().len(), 1, "the trigger is still there");
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().session().project(), &original);
}

#[test]
fn the_calibration_window_plots_each_extractors_kept_share() {
    let (_dir, mut harness) = open_on_two_agents();
    harness
        .state_mut()
        .push(claimmark::command::UiCommand::ShowCalibration);
    harness.run();
    harness.get_by_label_contains("No reviewed claims");
    harness.get_by_label("Close").click();
    harness.run();
    // x: 0.2 accepted, 0.25 rejected (one bucket, half kept); y: 0.9 kept.
    press(&mut harness, Key::Q);
    press(&mut harness, Key::A);
    press(&mut harness, Key::X);
    press(&mut harness, Key::A);
    harness
        .state_mut()
        .push(claimmark::command::UiCommand::ShowCalibration);
    harness.run();
    harness.get_by_label("Calibration");
    harness.get_by_value("x · release");
    harness.get_by_label("0.2-0.3");
    harness.get_by_label("50 %");
    assert!(
        harness.query_by_label("0.9-1.0").is_none(),
        "y is not shown yet"
    );
    harness.get_by_label("Extractor and claim type").click();
    harness.run();
    harness.get_by_label("y · release (1 reviewed)").click();
    harness.run();
    harness.get_by_label("0.9-1.0");
    harness.get_by_label("100 %");
}
