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
use super::ui_review::proposals_project;

pub(super) const ARTICLE: &str = "Lukashenko pardoned 31 political prisoners on Thursday.\n\nViasna counts 1,184 political prisoners.";

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
pub(super) fn unnamed_harness(
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

pub(super) fn doc(harness: &Harness<'_, ClaimmarkApp>) -> Document {
    harness
        .state()
        .current_document()
        .cloned()
        .expect("a document is open")
}

pub(super) fn char_pos(harness: &Harness<'_, ClaimmarkApp>, offset: usize) -> Pos2 {
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

pub(super) fn click_at(harness: &mut Harness<'_, ClaimmarkApp>, pos: Pos2) {
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

pub(super) fn double_click_at(harness: &mut Harness<'_, ClaimmarkApp>, pos: Pos2) {
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

pub(super) fn span_texts(doc: &Document) -> Vec<(String, String)> {
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

    // C then Enter: the type the event implies (pardon), with the selected
    // event span as trigger (nothing else in its sentence is tagged yet).
    press(&mut harness, Key::C);
    press(&mut harness, Key::Enter);
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

pub(super) fn status_text(harness: &Harness<'_, ClaimmarkApp>) -> String {
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

/// Steps the app until its background work (suggesting, reading files)
/// is done.
pub fn wait_for_job(harness: &mut Harness<'_, ClaimmarkApp>) {
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
