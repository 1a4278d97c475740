//! The claims ledger in the window: opened by its shortcut, a contradiction
//! selected, its quote opened in the article, explained and undone; the
//! ledger follows edits as they are made.

use claimmark::command::Action;
use claimmark_core::edit::Edit;
use claimmark_core::model::{ClaimId, DocId, ReviewStatus};
use claimmark_core::storage;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use super::fixtures::{sample_project, scratch};
use super::ui::{harness_with, press_with};

const PARDONS_DISAGREE: &str = "same_document_disagrees:pardon-31:c1,pardon-31:c3";

#[test]
fn a_contradiction_is_opened_explained_and_undone_from_the_ledger() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path.clone()), vec![]);

    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.get_by_label("Problems (2)");
    harness
        .get_by_label_contains("same document disagrees: document “pardon-31”")
        .click();
    harness.run();

    // The two quotes side by side; the second one opens claim c3.
    let opens = harness.get_all_by_label("Open").count();
    assert_eq!(opens, 2, "one Open per quote");
    harness.get_all_by_label("Open").nth(1).unwrap().click();
    harness.run();
    let view = harness.state().view();
    assert_eq!(view.document, Some(DocId::parse("pardon-31").unwrap()));
    assert_eq!(view.claim, Some(ClaimId(3)));

    let note = "Viasna counts one pardoned person differently";
    let field =
        harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Explanation");
    field.focus();
    field.type_text(note);
    harness.run();
    harness.get_by_label("Mark explained").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .session()
            .project()
            .explanations
            .get(PARDONS_DISAGREE)
            .map(String::as_str),
        Some(note)
    );
    harness.get_by_label("Problems (1)");
    assert!(harness.state().session().is_modified());

    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness.state().session().project().explanations.is_empty(),
        "undo takes the note back"
    );
    harness.get_by_label("Problems (2)");

    // Explained again and saved: it stays explained in the file.
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = storage::load_project(&path).unwrap();
    assert_eq!(
        saved.explanations.get(PARDONS_DISAGREE).map(String::as_str),
        Some(note)
    );
}

#[test]
fn the_open_ledger_follows_edits_and_escape_closes_it() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.get_by_label("Problems (2)");

    // Rejecting the "30" claim ends the contradiction.
    harness.state_mut().push(Action::apply(
        Edit::SetClaimReview {
            doc: DocId::parse("pardon-31").unwrap(),
            claim: ClaimId(3),
            status: ReviewStatus::Rejected,
            provenance: None,
        },
        "Reject",
    ));
    harness.run();
    harness.get_by_label("Problems (1)");
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.get_by_label("Problems (2)");

    // The facts tab lists Viasna's two counts; the timeline draws them.
    harness.get_by_label_contains("Facts").click();
    harness.run();
    assert_eq!(
        harness
            .get_all_by_label_contains("prisoner count · source Viasna · place Belarus")
            .count(),
        2
    );
    harness.get_by_label("Timeline").click();
    harness.run();
    harness.get_by_label_contains("Counts over time");

    press_with(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Timeline").is_none(), "closed");
}
