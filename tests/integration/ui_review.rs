//! The real app, driven with `egui_kittest`, reviewing: proposals by
//! keyboard, values and entities, suggestions in the background, comparing
//! with another annotation, extractor claims. The helpers are
//! in [`super::ui`].

use std::path::{Path, PathBuf};

use claimmark::app::dialogs::DialogOutcome;
use claimmark::app::{ClaimmarkApp, Modal};
use claimmark_core::model::notation;
use claimmark_core::storage;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::fixtures::{sample_project, scratch};
use super::ui::*;

/// The sample project with its second and third documents' claims turned
/// into an extractor's proposals, and one standalone proposed span.
pub(super) fn proposals_project(dir: &Path) -> PathBuf {
    use claimmark_core::model::{Agent, Confidence, ReviewStatus, SpanOrigin};
    let mut project = sample_project();
    let extractor = Agent::software("test-extractor", Some("1.0".into()));
    let mut edits = Vec::new();
    for doc in project.documents.iter().skip(1) {
        for span in doc.spans() {
            let mut changed = span.clone();
            changed.status = ReviewStatus::Proposed;
            changed.origin = Some(SpanOrigin {
                agent: extractor.clone(),
                confidence: Confidence::new(0.8),
            });
            edits.push(claimmark_core::edit::Edit::ReplaceSpan {
                doc: doc.id.clone(),
                span: changed,
            });
        }
        for claim in doc.claims() {
            let mut changed = claim.clone();
            changed.status = ReviewStatus::Proposed;
            edits.push(claimmark_core::edit::Edit::ReplaceClaim {
                doc: doc.id.clone(),
                claim: changed,
            });
        }
    }
    claimmark_core::edit::Edit::Batch(edits)
        .apply(&mut project)
        .unwrap();
    let path = dir.join("proposals.ron");
    storage::save_project(&path, &project).unwrap();
    path
}

#[test]
fn proposals_are_reviewed_by_keyboard_across_documents() {
    use claimmark_core::model::ReviewStatus;
    let dir = scratch();
    let path = proposals_project(dir.path());
    let mut harness = harness_with(Some(path.clone()), vec![]);
    let pending = |h: &mut Harness<'_, ClaimmarkApp>| h.state_mut().pending_in_project();
    let before = pending(&mut harness);
    assert!(before > 0);

    // J goes to the first proposal, in the next document that has one.
    press(&mut harness, Key::J);
    assert_eq!(
        harness
            .state()
            .view()
            .document
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("kuznechyk-freed")
    );
    let doc_now = doc(&harness);
    let status_of = |h: &Harness<'_, ClaimmarkApp>, proposal| match proposal {
        claimmark_core::review::Proposal::Claim(id) => doc(h).claim(id).unwrap().status,
        claimmark_core::review::Proposal::Span(id) => doc(h).span(id).unwrap().status,
    };
    // Walk to the first claim proposal and accept it: its spans come along.
    while !matches!(
        harness.state().current_proposal(),
        Some(claimmark_core::review::Proposal::Claim(_))
    ) {
        press(&mut harness, Key::J);
    }
    let Some(claimmark_core::review::Proposal::Claim(first_claim)) =
        harness.state().current_proposal()
    else {
        unreachable!()
    };
    let before_accept = pending(&mut harness);
    press(&mut harness, Key::A);
    let after = doc(&harness);
    let accepted = after.claim(first_claim).unwrap();
    assert_eq!(accepted.status, ReviewStatus::Accepted);
    for argument in &accepted.arguments {
        assert_eq!(
            after.span(argument.span).unwrap().status,
            ReviewStatus::Accepted
        );
    }
    let reviewer = accepted
        .provenance
        .as_ref()
        .unwrap()
        .reviewer
        .as_ref()
        .unwrap();
    assert_eq!(reviewer.id, "analyst", "the default analyst name");
    assert_eq!(pending(&mut harness), before_accept - 1);
    let second = harness
        .state()
        .current_proposal()
        .expect("moved on to the next proposal");
    assert_ne!(second, claimmark_core::review::Proposal::Claim(first_claim));

    // X rejects it and moves on; E marks the next one corrected and stays.
    press(&mut harness, Key::X);
    assert_eq!(status_of(&harness, second), ReviewStatus::Rejected);
    let third = harness
        .state()
        .current_proposal()
        .expect("a third proposal");
    press(&mut harness, Key::E);
    assert_eq!(status_of(&harness, third), ReviewStatus::Corrected);
    // K goes back to an earlier proposal still waiting.
    press(&mut harness, Key::K);
    assert!(harness.state().current_proposal().is_some());

    // Every review action is undoable.
    for _ in 0..3 {
        press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(
        doc(&harness).claim(first_claim).unwrap().status,
        ReviewStatus::Proposed
    );
    let _ = doc_now;

    // The claims list filters by status.
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_label("proposed").click();
    harness.run();
    assert_eq!(
        harness.state().claims_filter().status,
        Some(ReviewStatus::Proposed)
    );
    let shown = harness.query_all_by_label_contains(" — ").count();
    let proposed_here = doc(&harness)
        .claims()
        .iter()
        .filter(|c| c.status == ReviewStatus::Proposed)
        .count();
    assert_eq!(shown, proposed_here, "only proposed claims are listed");
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(storage::load_project(&path).is_ok());
}

#[test]
fn relabelling_a_proposed_span_marks_it_corrected_in_one_step() {
    use claimmark_core::model::ReviewStatus;
    let dir = scratch();
    let path = proposals_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND, Key::PageDown);
    let before = doc(&harness);
    let minsk = before
        .spans()
        .iter()
        .find(|s| before.span_text(s) == "Minsk")
        .unwrap()
        .clone();
    let pos = char_pos(&harness, minsk.range.start().get() + 1);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().view().span, Some(minsk.id));
    press(&mut harness, Key::Num5);
    let span = doc(&harness).span(minsk.id).unwrap().clone();
    assert_eq!(span.label.as_str(), "organization");
    assert_eq!(span.status, ReviewStatus::Corrected);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        doc(&harness),
        before,
        "one undo reverts both the label and the status"
    );
}

#[test]
fn a_value_set_by_hand_is_kept_and_undoable() {
    use claimmark_core::model::ValueSource;
    use claimmark_core::model::{CountModifier, CountValue, Value};
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let article = doc(&harness);
    let span = article
        .spans()
        .iter()
        .find(|s| article.span_text(s) == "more than 100")
        .unwrap()
        .clone();
    let pos = char_pos(&harness, span.range.start().get() + 2);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().view().span, Some(span.id));
    // The normaliser's reading is there already; the analyst changes it.
    assert_eq!(
        doc(&harness)
            .span(span.id)
            .unwrap()
            .value
            .as_ref()
            .map(|v| v.source),
        Some(ValueSource::Normalizer)
    );
    harness.get_by_label("Edit value").click();
    harness.run();
    for (field, typed) in [("Number", "100"), ("Lower bound", "100")] {
        harness.get_by_label(field).focus();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.get_by_label(field).type_text(typed);
        harness.run();
    }
    harness.get_by_label("Kind").click();
    harness.run();
    harness.get_by_label("at least").click();
    harness.run();
    harness.get_by_label("Set value").click();
    harness.run();
    let value = doc(&harness)
        .span(span.id)
        .unwrap()
        .value
        .clone()
        .expect("a value");
    assert_eq!(value.source, ValueSource::Hand);
    assert_eq!(
        value.value,
        Value::Count(CountValue {
            number: Some(100),
            modifier: CountModifier::AtLeast,
            lower: Some(100),
            upper: None
        })
    );
    assert!(
        harness
            .query_by_label_contains("at least 100 [≥ 100]")
            .is_some(),
        "the form shows the value"
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        doc(&harness)
            .span(span.id)
            .unwrap()
            .value
            .as_ref()
            .map(|v| v.source),
        Some(ValueSource::Normalizer)
    );
}

#[test]
fn suggestions_run_and_one_is_accepted() {
    use claimmark_core::model::{ReviewStatus, Value};
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    assert!(doc(&harness).spans().is_empty());
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    let proposed = doc(&harness);
    let texts: Vec<String> = proposed
        .spans()
        .iter()
        .map(|s| proposed.span_text(s).to_owned())
        .collect();
    for expected in ["31", "Thursday", "1,184", "pardoned"] {
        assert!(
            texts.iter().any(|t| t == expected),
            "no proposal for {expected}: {texts:?}"
        );
    }
    assert!(
        proposed
            .spans()
            .iter()
            .all(|s| s.status == ReviewStatus::Proposed)
    );
    // J goes to the first proposal in text order; A accepts it.
    press(&mut harness, Key::J);
    let first = harness.state().view().span.expect("a proposal selected");
    press(&mut harness, Key::A);
    let accepted = doc(&harness).span(first).unwrap().clone();
    assert_eq!(accepted.status, ReviewStatus::Accepted);
    // The suggester's value comes with it ("pardoned" is the pardon event).
    assert!(matches!(
        accepted.value.map(|v| v.value),
        Some(
            Value::Event { .. }
                | Value::Count(_)
                | Value::Date(_)
                | Value::Person { .. }
                | Value::Organization { .. }
        )
    ));
    // Suggesting again proposes nothing new.
    let count = doc(&harness).spans().len();
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert_eq!(doc(&harness).spans().len(), count);
}

#[test]
fn a_tagged_name_links_to_its_entity_across_spellings() {
    let dir = scratch();
    let mut project = claimmark_core::model::Project::default();
    project.documents.push(
        notation::document(
            "names",
            "Ales Bialiatski was freed. Later Byalyatski spoke, and Bialiatski’s wife too.",
        )
        .unwrap(),
    );
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let text = doc(&harness).text.as_str().to_owned();
    let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    drag(&mut harness, at("Ales") + 1, at("Bialiatski") + 4);
    press(&mut harness, Key::Num1);
    harness
        .get_by_label_contains("New entity “Ales Bialiatski”")
        .click();
    harness.run();
    assert_eq!(harness.state().session().project().entities.len(), 1);
    // Another spelling, tagged later, is linked to the same entity.
    let byalyatski = at("Byalyatski");
    let pos = char_pos(&harness, byalyatski + 2);
    // A person takes longer than a double-click to move from the button.
    harness.run_steps(30);
    double_click_at(&mut harness, pos);
    press(&mut harness, Key::Num1);
    let tagged = doc(&harness);
    let span = tagged
        .spans()
        .iter()
        .find(|s| tagged.span_text(s) == "Byalyatski")
        .unwrap();
    let entity = harness.state().session().project().entities[0].clone();
    assert_eq!(span.entity, Some(entity.id));
    assert_eq!(
        entity.aliases,
        vec!["Byalyatski".to_owned()],
        "the new spelling is an alias"
    );
    match span.value.as_ref().map(|v| &v.value) {
        Some(claimmark_core::model::Value::Person { name, entity_id }) => {
            assert_eq!(name, "Ales Bialiatski");
            assert_eq!(entity_id.as_deref(), Some("e1"));
        }
        other => panic!("expected the canonical name, got {other:?}"),
    }
    // One undo takes back the span and the alias together.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness.state().session().project().entities[0]
            .aliases
            .is_empty()
    );
}

#[test]
fn suggestions_for_all_documents_run_in_the_background() {
    let dir = scratch();
    let mut project = claimmark_core::model::Project::default();
    for (i, text) in [
        "Lukashenko freed 31 people on Thursday.",
        "Viasna counts 1,184 political prisoners.",
        "Three activists were detained in Minsk.",
    ]
    .iter()
    .enumerate()
    {
        project
            .documents
            .push(notation::document(&format!("doc-{i}"), text).unwrap());
    }
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness.get_by_label("Review").click();
    harness.run();
    harness
        .get_by_label("Suggest spans in all documents")
        .click();
    harness.run();
    wait_for_job(&mut harness);
    let project = harness.state().session().project();
    assert!(
        project.documents.iter().all(|d| !d.spans().is_empty()),
        "every document got proposals"
    );
    // The whole run is one undo step.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness
            .state()
            .session()
            .project()
            .documents
            .iter()
            .all(|d| d.spans().is_empty())
    );
}

#[test]
fn entities_are_renamed_and_merged_in_their_window() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    let mut project = sample_project();
    // A second entity for Lukashenko, as if an analyst had made one by mistake.
    let lukashenko = project
        .entities
        .iter()
        .find(|e| e.name == "Alexander Lukashenko")
        .unwrap()
        .id;
    let duplicate = claimmark_core::model::Entity {
        id: project.next_entity_id(),
        kind: claimmark_core::model::ValueKind::Person,
        name: "A. Lukashenka".into(),
        aliases: vec![],
    };
    let duplicate_id = duplicate.id;
    claimmark_core::edit::Edit::InsertEntity { entity: duplicate }
        .apply(&mut project)
        .unwrap();
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness
        .get_by_label_contains("Alexander Lukashenko · person")
        .click();
    harness.run();
    harness.get_by_label("Merge in").click();
    harness.run();
    harness.get_by_label("A. Lukashenka").click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    let entities = &harness.state().session().project().entities;
    assert!(entities.iter().all(|e| e.id != duplicate_id), "merged away");
    let kept = entities.iter().find(|e| e.id == lukashenko).unwrap();
    assert!(
        kept.aliases.iter().any(|a| a == "A. Lukashenka"),
        "{kept:?}"
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness
            .state()
            .session()
            .project()
            .entities
            .iter()
            .any(|e| e.id == duplicate_id),
        "undo splits them"
    );
}

#[test]
fn matching_mentions_are_linked_in_one_step() {
    let dir = scratch();
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(notation::document("a", "[person|Ales Bialiatski] was freed.").unwrap());
    project.documents.push(
        notation::document("b", "[person|Bialiatski] spoke; [person|Byalyatski] too.").unwrap(),
    );
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let pos = char_pos(&harness, 2);
    click_at(&mut harness, pos);
    harness.get_by_label_contains("New entity").click();
    harness.run();
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness
        .get_by_label_contains("Ales Bialiatski · person")
        .click();
    harness.run();
    harness.get_by_label("Link 2 matching mention(s)").click();
    harness.run();
    let project = harness.state().session().project();
    let entity = project.entities[0].id;
    assert!(
        project
            .documents
            .iter()
            .flat_map(claimmark_core::model::Document::spans)
            .all(|s| s.entity == Some(entity))
    );
    assert_eq!(
        project.entities[0].aliases,
        vec!["Bialiatski".to_owned(), "Byalyatski".to_owned()]
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    let project = harness.state().session().project();
    assert_eq!(
        project.documents[1]
            .spans()
            .iter()
            .filter(|s| s.entity.is_some())
            .count(),
        0
    );
}

#[test]
fn taking_their_side_in_the_compare_view() {
    let dir = scratch();
    let mut ours = claimmark_core::model::Project::default();
    ours.documents.push(
        notation::document(
            "d",
            "[person|Ales Bialiatski] was [event|freed] on [date|December 14th] with 31 others.",
        )
        .unwrap(),
    );
    let mut theirs = claimmark_core::model::Project::default();
    theirs.documents.push(
        notation::document("d", "[person|Ales Bialiatski] was [event|freed] on [count|December 14th] with [count|31] others.").unwrap(),
    );
    let ours_path = dir.path().join("ours.ron");
    let theirs_path = dir.path().join("theirs.ron");
    storage::save_project(&ours_path, &ours).unwrap();
    storage::save_project(&theirs_path, &theirs).unwrap();
    let mut harness = harness_with(
        Some(ours_path),
        vec![DialogOutcome::Picked(vec![theirs_path])],
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Compare with…").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("2 difference(s) in this document")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("“December 14th”: ours date, theirs count")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Only theirs: count “31”")
            .is_some()
    );
    let before = doc(&harness);

    // One click takes their "31".
    let rows: Vec<_> = harness.get_all_by_label("Take theirs").collect();
    assert_eq!(rows.len(), 2);
    rows[1].click();
    harness.run();
    let after = doc(&harness);
    assert!(
        after
            .spans()
            .iter()
            .any(|s| after.span_text(s) == "31" && s.label.as_str() == "count")
    );
    assert!(
        harness
            .query_by_label_contains("1 difference(s) in this document")
            .is_some()
    );

    // The key T takes the selected difference: their label for "December 14th".
    press(&mut harness, Key::T);
    let after = doc(&harness);
    let december = after
        .spans()
        .iter()
        .find(|s| after.span_text(s) == "December 14th")
        .unwrap();
    assert_eq!(december.label.as_str(), "count");
    assert!(
        harness
            .query_by_label_contains("0 difference(s) in this document")
            .is_some()
    );

    // Both are undoable.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&harness), before);

    // Stop comparing: the panel goes, and the status bar no longer says
    // "Comparing with…".
    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("difference(s) in this document")
            .is_none()
    );
    assert_eq!(status_text(&harness), "Stopped comparing.");
}

#[test]
#[allow(clippy::too_many_lines)] // one analyst's session, step by step
fn extractor_claims_are_imported_and_reviewed_by_keyboard() {
    use claimmark_core::model::ReviewStatus;
    let dir = scratch();
    // An extractor's output: the sample's claims, as proposals.
    let mut extracted = sample_project();
    let mut edits = Vec::new();
    for doc in &extracted.documents {
        for claim in doc.claims() {
            let mut proposed = claim.clone();
            proposed.status = ReviewStatus::Proposed;
            edits.push(claimmark_core::edit::Edit::ReplaceClaim {
                doc: doc.id.clone(),
                claim: proposed,
            });
        }
    }
    claimmark_core::edit::Edit::Batch(edits)
        .apply(&mut extracted)
        .unwrap();
    let claims_path = dir.path().join("extractor.jsonl");
    let mut lines = Vec::new();
    claimmark_core::claim_format::export::write_claims(
        &extracted,
        &claimmark_core::claim_format::export::Filter::default(),
        &mut lines,
    )
    .unwrap();
    std::fs::write(&claims_path, &lines).unwrap();
    // The analyst's project: the same articles, nothing annotated.
    let mut plain = claimmark_core::model::Project::default();
    for doc in &extracted.documents {
        let mut bare = claimmark_core::model::Document::new(
            doc.id.clone(),
            doc.title.clone(),
            doc.text.clone(),
        );
        bare.published = doc.published;
        plain.documents.push(bare);
    }
    let path = dir.path().join("plain.ron");
    storage::save_project(&path, &plain).unwrap();

    let mut harness = harness_with(Some(path), vec![DialogOutcome::Picked(vec![claims_path])]);
    press_with(&mut harness, Modifiers::COMMAND, Key::I);
    wait_for_job(&mut harness);
    match &harness.state().modal() {
        Some(Modal::Report { title, text }) => {
            assert_eq!(title, "Claims imported");
            assert!(text.contains("imported 11 claim(s)"), "{text}");
        }
        other => panic!("expected the import report, got {other:?}"),
    }
    harness.get_by_label("Close").click();
    harness.run();
    let project = harness.state().session().project().clone();
    assert_eq!(project.claim_count(), 11);
    assert!(
        project
            .documents
            .iter()
            .flat_map(claimmark_core::model::Document::claims)
            .all(|c| c.status == ReviewStatus::Proposed)
    );
    assert!(
        project
            .documents
            .iter()
            .flat_map(claimmark_core::model::Document::spans)
            .all(|s| s.status == ReviewStatus::Proposed)
    );

    // Review by keyboard: J to the first claim, A accepts it with its spans.
    press(&mut harness, Key::J);
    while !matches!(
        harness.state().current_proposal(),
        Some(claimmark_core::review::Proposal::Claim(_))
    ) {
        press(&mut harness, Key::J);
    }
    let Some(claimmark_core::review::Proposal::Claim(first)) = harness.state().current_proposal()
    else {
        unreachable!()
    };
    press(&mut harness, Key::A);
    let doc_now = doc(&harness);
    let accepted = doc_now.claim(first).unwrap();
    assert_eq!(accepted.status, ReviewStatus::Accepted);
    assert!(
        accepted
            .arguments
            .iter()
            .all(|a| doc_now.span(a.span).unwrap().status == ReviewStatus::Accepted)
    );
    // X rejects the next proposal.
    let next = harness
        .state()
        .current_proposal()
        .expect("the next proposal");
    press(&mut harness, Key::X);
    let rejected = match next {
        claimmark_core::review::Proposal::Claim(id) => doc(&harness).claim(id).unwrap().status,
        claimmark_core::review::Proposal::Span(id) => doc(&harness).span(id).unwrap().status,
    };
    assert_eq!(rejected, ReviewStatus::Rejected);
    // The whole import is one undo step, after the two reviews.
    for _ in 0..3 {
        press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(harness.state().session().project().claim_count(), 0);
}

#[test]
fn a_long_article_is_suggested_in_the_background() {
    let dir = scratch();
    let sentence = "On 18 September 2025 Viasna counted 1,184 political prisoners in Belarus. ";
    let text = sentence.repeat(1_000);
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(notation::document("long", &text).unwrap());
    let path = dir.path().join("long.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert!(
        harness.state().is_busy(),
        "a long article is worked on in the background"
    );
    wait_for_job(&mut harness);
    assert!(
        doc(&harness).spans().len() >= 3_000,
        "dates, counts and places on every line"
    );
}
