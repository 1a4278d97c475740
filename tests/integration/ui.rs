//! The real app, driven with `egui_kittest`: pointer drags, clicks and key
//! presses, then assertions on the project and the saved file.

use std::path::{Path, PathBuf};

use claimmark::app::dialogs::DialogOutcome;
use claimmark::app::{AppOptions, ClaimmarkApp, Modal};
use claimmark_core::model::{CharOffset, CharRange, Document, SpanId, notation};
use claimmark_core::storage;
use egui::{Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::fixtures::{sample_project, scratch};

const ARTICLE: &str = "Lukashenko pardoned 31 political prisoners on Thursday.\n\nViasna counts 1,184 political prisoners.";

pub(super) fn harness_with(
    project: Option<PathBuf>,
    answers: Vec<DialogOutcome>,
) -> Harness<'static, ClaimmarkApp> {
    let mut harness = unnamed_harness(project, answers);
    // Reviews would first ask who reviews (see `the_first_review_asks_who_reviews`).
    harness
        .state_mut()
        .push(claimmark::command::Action::SetAnalyst("analyst".into()));
    harness.run();
    harness
}

/// The app as a first run has it: no analyst name yet.
fn unnamed_harness(
    project: Option<PathBuf>,
    answers: Vec<DialogOutcome>,
) -> Harness<'static, ClaimmarkApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .build_eframe(move |_cc| ClaimmarkApp::new(AppOptions::for_tests(project, answers)));
    harness.run();
    harness
}

#[test]
fn the_first_review_asks_who_reviews_once() {
    use claimmark_core::model::ReviewStatus;
    let dir = scratch();
    let path = proposals_project(dir.path());
    let mut harness = unnamed_harness(Some(path), vec![]);
    press(&mut harness, Key::J);
    let proposal = harness.state().current_proposal().expect("on a proposal");
    press(&mut harness, Key::A);
    assert!(
        matches!(harness.state().modal(), Some(Modal::Preferences { .. })),
        "asked for a name before the first decision"
    );
    assert_eq!(
        harness.state().current_proposal(),
        Some(proposal),
        "nothing decided yet"
    );
    // The name field has the focus already.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Analyst name")
        .type_text("Maryia K");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    press(&mut harness, Key::A);
    let doc = doc(&harness);
    let reviewer = match proposal {
        claimmark_core::review::Proposal::Claim(id) => {
            let claim = doc.claim(id).unwrap();
            assert_eq!(claim.status, ReviewStatus::Accepted);
            claim.provenance.clone().unwrap().reviewer.unwrap().id
        }
        claimmark_core::review::Proposal::Span(id) => {
            assert_eq!(doc.span(id).unwrap().status, ReviewStatus::Accepted);
            harness.state().settings().analyst.clone()
        }
    };
    assert_eq!(reviewer, "Maryia K");
    // Asked once: with the name set, the next decision goes straight ahead.
    press(&mut harness, Key::X);
    assert!(harness.state().modal().is_none());
}

/// A project file with one untagged article, in a scratch folder.
pub(super) fn article_project(dir: &Path) -> PathBuf {
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(notation::document("pardon", ARTICLE).unwrap());
    let path = dir.join("project.ron");
    storage::save_project(&path, &project).unwrap();
    path
}

fn doc(harness: &Harness<'_, ClaimmarkApp>) -> Document {
    harness
        .state()
        .current_document()
        .cloned()
        .expect("a document is open")
}

fn char_pos(harness: &Harness<'_, ClaimmarkApp>, offset: usize) -> Pos2 {
    harness
        .state()
        .article()
        .screen_pos_of(CharOffset::new(offset))
        .unwrap_or_else(|| panic!("char {offset} is not on screen"))
}

pub(super) fn offset_of(needle: &str) -> usize {
    ARTICLE[..ARTICLE.find(needle).unwrap()].chars().count()
}

/// Drags from the middle of one char to the middle of another.
pub(super) fn drag(harness: &mut Harness<'_, ClaimmarkApp>, from: usize, to: usize) {
    let start = char_pos(harness, from);
    let end = char_pos(harness, to);
    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    harness.hover_at(Pos2::new(f32::midpoint(start.x, end.x), end.y));
    harness.run();
    harness.hover_at(end);
    harness.run();
    harness.drop_at(end);
    harness.run();
}

fn click_at(harness: &mut Harness<'_, ClaimmarkApp>, pos: Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

fn double_click_at(harness: &mut Harness<'_, ClaimmarkApp>, pos: Pos2) {
    harness.hover_at(pos);
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.step();
        }
    }
    harness.run();
}

pub(super) fn press(harness: &mut Harness<'_, ClaimmarkApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

pub(super) fn press_with(harness: &mut Harness<'_, ClaimmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn span_texts(doc: &Document) -> Vec<(String, String)> {
    doc.spans()
        .iter()
        .map(|s| (doc.span_text(s).to_owned(), s.label.to_string()))
        .collect()
}

#[test]
fn tag_claim_fill_undo_redo_save_round_trip() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path.clone()), vec![]);

    // Drag from inside "pardoned" to inside it again: the selection snaps to the word.
    let start = offset_of("pardoned");
    drag(&mut harness, start + 2, start + 6);
    assert_eq!(
        harness.state().view().selection,
        Some(CharRange::from_offsets(start, start + 8))
    );

    // 4 tags it as an event.
    press(&mut harness, Key::Num4);
    assert_eq!(
        span_texts(&doc(&harness)),
        vec![("pardoned".into(), "event".into())]
    );
    assert!(
        harness.state().window_title().contains('•'),
        "{}",
        harness.state().window_title()
    );

    // C then 4: a pardon claim with the selected event span as trigger.
    press(&mut harness, Key::C);
    press(&mut harness, Key::Num4);
    let claim = doc(&harness).claims()[0].clone();
    assert_eq!(claim.claim_type.as_str(), "pardon");
    assert_eq!(claim.arguments.len(), 1);
    assert_eq!(claim.arguments[0].role.as_str(), "trigger");

    // Double-click "31", tag it as a count, then R 2 puts it in the count role.
    let thirty_one = offset_of("31");
    let pos = char_pos(&harness, thirty_one);
    double_click_at(&mut harness, pos);
    assert_eq!(
        harness.state().view().selection,
        Some(CharRange::from_offsets(thirty_one, thirty_one + 2))
    );
    press(&mut harness, Key::Num3);
    press(&mut harness, Key::R);
    press(&mut harness, Key::Num2);
    let roles = |h: &Harness<'_, ClaimmarkApp>| -> Vec<String> {
        doc(h).claims()[0]
            .arguments
            .iter()
            .map(|a| a.role.to_string())
            .collect()
    };
    assert_eq!(roles(&harness), ["trigger", "count"]);

    // Undo the role, then redo it with both redo shortcuts.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(roles(&harness), ["trigger"]);
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(roles(&harness), ["trigger", "count"]);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    press_with(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(roles(&harness), ["trigger", "count"]);

    // Save and read the file back.
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().session().is_modified());
    assert!(!harness.state().window_title().contains('•'));
    let saved = storage::load_project(&path).unwrap();
    let saved_doc = &saved.documents[0];
    assert_eq!(
        span_texts(saved_doc),
        vec![
            ("pardoned".into(), "event".into()),
            ("31".into(), "count".into())
        ]
    );
    let saved_claim = &saved_doc.claims()[0];
    assert_eq!(saved_claim.claim_type.as_str(), "pardon");
    let filled: Vec<(String, &str)> = saved_claim
        .arguments
        .iter()
        .map(|a| {
            (
                a.role.to_string(),
                saved_doc.span_text(saved_doc.span(a.span).unwrap()),
            )
        })
        .collect();
    assert_eq!(
        filled,
        vec![("trigger".into(), "pardoned"), ("count".into(), "31")]
    );
}

fn status_text(harness: &Harness<'_, ClaimmarkApp>) -> String {
    harness
        .state()
        .status()
        .map(|status| status.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_status_bar_names_the_last_edit_not_an_old_hint() {
    let dir = scratch();
    let mut harness = harness_with(Some(article_project(dir.path())), vec![]);
    // A label key with nothing selected leaves a hint…
    press(&mut harness, Key::Num4);
    assert!(status_text(&harness).starts_with("Select some text first"));
    // …which the tag that follows replaces with what was done.
    let pardoned = offset_of("pardoned");
    drag(&mut harness, pardoned + 1, pardoned + 4);
    press(&mut harness, Key::Num4);
    assert_eq!(status_text(&harness), "Tag “pardoned” as event.");
    harness.get_by_label("Tag “pardoned” as event.");
}

#[test]
fn palette_click_tags_and_alt_drag_keeps_exact_characters() {
    let dir = scratch();
    let mut harness = harness_with(Some(article_project(dir.path())), vec![]);
    let viasna = offset_of("Viasna");
    drag(&mut harness, viasna + 1, viasna + 3);
    harness.get_by_label("5 organization").click();
    harness.run();
    assert_eq!(
        span_texts(&doc(&harness)),
        vec![("Viasna".into(), "organization".into())]
    );

    // With Alt held, the drag keeps exactly the chars under the pointer.
    let start = char_pos(&harness, viasna + 1);
    let end = char_pos(&harness, viasna + 3);
    harness.event(egui::Event::PointerMoved(start));
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::ALT,
    });
    harness.run();
    harness.event(egui::Event::PointerMoved(end));
    harness.run();
    harness.key_down_modifiers(Modifiers::ALT, Key::A);
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: end,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::ALT,
        },
        Modifiers::ALT,
    );
    harness.run();
    let selection = harness.state().view().selection.expect("a selection");
    assert!(
        selection.len() < 6,
        "exact selection {selection} should not snap to the word"
    );
}

#[test]
fn clicking_a_span_selects_it_and_delete_asks_when_claims_use_it() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let article = doc(&harness);
    let pardoned = article
        .spans()
        .iter()
        .find(|s| article.span_text(s) == "pardoned")
        .unwrap()
        .clone();
    let pos = char_pos(&harness, pardoned.range.start().get() + 3);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().view().span, Some(pardoned.id));
    // The form shows which claims use it.
    assert!(
        harness
            .query_by_label_contains("c1 pardon (trigger)")
            .is_some()
    );

    press(&mut harness, Key::Delete);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::SpanInUse { .. })
    ));
    harness
        .get_by_label("Remove from claims and delete")
        .click();
    harness.run();
    let after = doc(&harness);
    assert!(after.span(pardoned.id).is_none());
    assert!(
        after.claims()[0]
            .arguments
            .iter()
            .all(|a| a.span != pardoned.id)
    );

    // One undo brings back both the span and its place in the claim.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&harness), article);
}

#[test]
fn overlapping_spans_are_each_clickable() {
    let dir = scratch();
    let mut project = claimmark_core::model::Project::default();
    project.documents.push(
        notation::document(
            "nested",
            "[event|[person|Ales Bialiatski] was freed] on [date|December 14th].",
        )
        .unwrap(),
    );
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    // "Ales": covered by the person span (inner) and the event span (outer).
    let pos = char_pos(&harness, 2);
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().view().span,
        Some(SpanId(2)),
        "the inner span first"
    );
    // A person's second click comes later than a double-click would.
    harness.run_steps(40);
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().view().span,
        Some(SpanId(1)),
        "a second click reaches the outer span"
    );
    let pos = char_pos(&harness, 20);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().view().span, Some(SpanId(1)));
}

#[test]
fn a_file_that_fails_to_load_is_reported_and_left_alone() {
    let dir = scratch();
    let good = article_project(dir.path());
    let bad = dir.path().join("bad.ron");
    let text = std::fs::read_to_string(&good)
        .unwrap()
        .replace("format_version: 1", "format_version: 9");
    std::fs::write(&bad, &text).unwrap();
    let mut harness = harness_with(
        Some(good.clone()),
        vec![DialogOutcome::Picked(vec![bad.clone()])],
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::O);
    match &harness.state().modal() {
        Some(Modal::Error { text, .. }) => {
            assert!(
                text.contains("bad.ron:3:21: the file has format_version 9"),
                "{text}"
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(
        harness.state().session().path(),
        Some(good.as_path()),
        "the open project stays open"
    );
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().modal().is_none());
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        text,
        "the bad file is never written"
    );
}

#[test]
fn unsaved_changes_are_asked_about_before_a_new_project() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path.clone()), vec![]);
    let viasna = offset_of("Viasna");
    drag(&mut harness, viasna, viasna + 5);
    press(&mut harness, Key::Num5);
    press_with(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::UnsavedChanges { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().session().path(), Some(path.as_path()));
    assert_eq!(doc(&harness).spans().len(), 1);

    press_with(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Save").click();
    harness.run();
    assert!(
        harness.state().session().path().is_none(),
        "saved, then a new project"
    );
    assert_eq!(
        storage::load_project(&path).unwrap().documents[0]
            .spans()
            .len(),
        1
    );
}

#[test]
fn articles_come_in_by_dialog_and_by_typed_path_when_no_dialog_opens() {
    let dir = scratch();
    let first = dir.path().join("first.txt");
    std::fs::write(&first, "First article\nLukashenko freed five people.").unwrap();
    let second = dir.path().join("second.txt");
    std::fs::write(&second, "Second article\nViasna counts 1,229.").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"\x00\x01\x02").unwrap();
    let mut harness = harness_with(
        None,
        vec![
            DialogOutcome::Picked(vec![first.clone(), binary.clone()]),
            DialogOutcome::Unavailable("no desktop portal".into()),
        ],
    );
    harness
        .get_all_by_label("Add articles…")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(harness.state().session().project().documents.len(), 1);
    match &harness.state().modal() {
        Some(Modal::Error { title, text }) => {
            assert!(title.contains("1 file(s) refused"), "{title}");
            assert!(
                text.contains("binary.txt: not added: the file looks binary"),
                "{text}"
            );
        }
        other => panic!("expected the refusal, got {other:?}"),
    }
    harness.get_by_label("OK").click();
    harness.run();

    // The second dialog cannot open: the window asks for a path instead.
    harness
        .get_all_by_label("Add articles…")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::TypePath { .. })
    ));
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(second.to_str().unwrap());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    let titles: Vec<String> = harness
        .state()
        .session()
        .project()
        .documents
        .iter()
        .map(|d| d.title.clone())
        .collect();
    assert_eq!(titles, ["First article", "Second article"]);
    // Undo removes the last batch of articles in one step.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().session().project().documents.len(), 1);
}

#[test]
fn documents_are_switched_by_keyboard_and_list() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let ids =
        |h: &Harness<'_, ClaimmarkApp>| h.state().view().document.as_ref().map(ToString::to_string);
    assert_eq!(ids(&harness).as_deref(), Some("pardon-31"));
    press_with(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(ids(&harness).as_deref(), Some("kuznechyk-freed"));
    press_with(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(ids(&harness).as_deref(), Some("amnesty-7850"));
    press_with(&mut harness, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(ids(&harness).as_deref(), Some("kuznechyk-freed"));
    harness
        .get_by_label_contains("Belarus amnesty to cover 7,850 people")
        .click();
    harness.run();
    assert_eq!(ids(&harness).as_deref(), Some("amnesty-7850"));
}

#[test]
fn find_selects_matches_across_documents() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label("All documents").click();
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .focus();
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("viasna");
    harness.run();
    assert_eq!(harness.state().find().query, "viasna");
    let found = harness.state().find().matches.len();
    assert_eq!(
        found, 3,
        "Viasna: twice in the first article, once in the second"
    );
    press(&mut harness, Key::F3);
    let first = harness
        .state()
        .view()
        .selection
        .expect("first match selected");
    let text = doc(&harness).text.slice(first).unwrap().to_owned();
    assert_eq!(text, "Viasna");
    for _ in 0..2 {
        press(&mut harness, Key::F3);
    }
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
}

#[test]
fn a_recovery_copy_is_offered_back_after_a_crash() {
    let dir = scratch();
    let path = article_project(dir.path());
    {
        let mut harness = harness_with(Some(path.clone()), vec![]);
        let viasna = offset_of("Viasna");
        drag(&mut harness, viasna, viasna + 5);
        press(&mut harness, Key::Num5);
        harness.state_mut().write_recovery_now();
        // The "crash": the harness goes away without saving.
    }
    assert!(
        storage::load_project(&path).unwrap().documents[0]
            .spans()
            .is_empty()
    );
    let mut harness = harness_with(Some(path.clone()), vec![]);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Recovery { .. })
    ));
    harness.get_by_label("Restore it").click();
    harness.run();
    assert_eq!(
        span_texts(&doc(&harness)),
        vec![("Viasna".into(), "organization".into())]
    );
    assert!(
        harness.state().session().is_modified(),
        "restored work still needs saving"
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        !storage::recovery::recovery_path(&path).exists(),
        "saving removes the recovery copy"
    );
}

#[test]
fn schema_label_rename_keeps_its_spans_and_undoes() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Edit schema…").click();
    harness.run();
    let field = harness
        .get_all_by_label("Label name")
        .find(|node| node.value().as_deref() == Some("place"))
        .expect("a name field for place");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_label("Label name")
        .find(|n| n.value().as_deref() == Some("place"))
        .unwrap()
        .type_text("location");
    harness.run();
    press(&mut harness, Key::Enter);
    let project = harness.state().session().project().clone();
    assert!(
        project
            .schema
            .labels
            .iter()
            .any(|l| l.name.as_str() == "location")
    );
    let labels: Vec<&str> = project
        .documents
        .iter()
        .flat_map(claimmark_core::model::Document::spans)
        .map(|s| s.label.as_str())
        .collect();
    assert!(labels.contains(&"location") && !labels.contains(&"place"));
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().session().project(), &sample_project());
}

/// A file dropped onto the window, as winit reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn articles_dropped_onto_the_window_are_added() {
    let dir = scratch();
    let path = article_project(dir.path());
    let first = dir.path().join("dropped one.txt");
    std::fs::write(
        &first,
        "Dropped article\r\nIt mentions 1,229 prisoners.\r\n",
    )
    .unwrap();
    let second = dir.path().join("dropped two.txt");
    std::fs::write(&second, "Another one\nWith text.").unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness.input_mut().dropped_files = vec![
        std::sync::Arc::new(Dropped(first)) as std::sync::Arc<dyn egui::DroppedFile + Send + Sync>,
        std::sync::Arc::new(Dropped(second)),
    ];
    harness.run();
    let project = harness.state().session().project();
    let ids: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["pardon", "dropped-one", "dropped-two"]);
    assert_eq!(
        project.documents[1].text.as_str(),
        "Dropped article\nIt mentions 1,229 prisoners.\n"
    );
    assert_eq!(
        harness
            .state()
            .view()
            .document
            .as_ref()
            .map(claimmark_core::model::DocId::as_str),
        Some("dropped-one")
    );
}

#[test]
fn a_save_that_fails_says_so_and_keeps_the_session() {
    let dir = scratch();
    let path = article_project(dir.path());
    let before = std::fs::read(&path).unwrap();
    let nowhere = dir.path().join("missing-folder/project.ron");
    let mut harness = harness_with(
        Some(path.clone()),
        vec![DialogOutcome::Picked(vec![nowhere.clone()])],
    );
    let viasna = offset_of("Viasna");
    drag(&mut harness, viasna, viasna + 5);
    press(&mut harness, Key::Num5);
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    match &harness.state().modal() {
        Some(Modal::Error { title, text }) => {
            assert_eq!(title, "Could not save");
            assert!(text.contains("missing-folder/project.ron"), "{text}");
            assert!(text.contains("The file on disk is unchanged"), "{text}");
        }
        other => panic!("expected the save error, got {other:?}"),
    }
    assert!(
        harness.state().session().is_modified(),
        "the changes are still unsaved"
    );
    assert_eq!(
        harness.state().session().path(),
        Some(path.as_path()),
        "the session keeps its file"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!nowhere.exists());
}

/// The sample project with its second and third documents' claims turned
/// into an extractor's proposals, and one standalone proposed span.
fn proposals_project(dir: &Path) -> PathBuf {
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
    let started = std::time::Instant::now();
    while harness.state().is_busy() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the job never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
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
}

/// Runs frames until background work is done (or 30 s pass).
fn finish_job(harness: &mut Harness<'_, ClaimmarkApp>) {
    let started = std::time::Instant::now();
    while harness.state().is_busy() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the job never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
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
    finish_job(&mut harness);
    match &harness.state().modal() {
        Some(Modal::Report { title, text }) => {
            assert_eq!(title, "Claims imported");
            assert!(text.contains("imported 10 claim(s)"), "{text}");
        }
        other => panic!("expected the import report, got {other:?}"),
    }
    harness.get_by_label("Close").click();
    harness.run();
    let project = harness.state().session().project().clone();
    assert_eq!(project.claim_count(), 10);
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
fn reviewed_claims_are_exported_from_the_window() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let out = dir.path().join("reviewed.jsonl");
    let mut harness = harness_with(Some(path), vec![DialogOutcome::Picked(vec![out.clone()])]);
    press_with(&mut harness, Modifiers::COMMAND, Key::E);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Export { .. })
    ));
    harness.get_by_label("Export…").click();
    harness.run();
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written.lines().count(),
        10,
        "every accepted claim of the sample"
    );
    for line in written.lines() {
        let json: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(json["schema"], "claim/v1");
    }
    assert!(
        harness
            .state()
            .status()
            .unwrap()
            .text
            .contains("Wrote 10 claim line(s)")
    );
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
    finish_job(&mut harness);
    assert!(
        doc(&harness).spans().len() >= 3_000,
        "dates, counts and places on every line"
    );
}

#[test]
fn the_file_menu_is_in_the_usual_order_and_shortcuts_ask_whether_they_can_run() {
    let dir = scratch();
    let mut harness = harness_with(Some(article_project(dir.path())), vec![]);
    harness.get_by_label("File").click();
    harness.run();
    let top = |h: &Harness<'_, ClaimmarkApp>, label: &str| h.get_by_label(label).rect().top();
    // Menu items read "label shortcut".
    let order = [
        "New project Ctrl+N",
        "Open project… Ctrl+O",
        "Open recent",
        "Save Ctrl+S",
        "Save as… Ctrl+Shift+S",
        "Add articles… Ctrl+Shift+A",
        "Import claims… Ctrl+I",
        "Export claims… Ctrl+E",
        "Compare with…",
        "Quit Ctrl+Q",
    ];
    for pair in order.windows(2) {
        assert!(
            top(&harness, pair[0]) < top(&harness, pair[1]),
            "{} comes before {}",
            pair[0],
            pair[1]
        );
    }
    press(&mut harness, Key::Escape);
    // Nothing to undo: the shortcut does not run, and says why.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(status_text(&harness), "Nothing to undo.");
    // Accept with no proposal selected: refused with the table's reason.
    press(&mut harness, Key::A);
    assert_eq!(
        status_text(&harness),
        "Select a proposal first: J goes to the next one."
    );
    assert!(!harness.state().session().is_modified());
}
