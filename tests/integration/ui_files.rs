//! The window's side of files that never lose work: a change on disk is
//! said before more editing and never overwritten by a save, and recovery
//! copies from earlier sessions are kept, dated, and all offered; the File
//! menu, typed paths, exports into a used folder, other tools' files.

use claimmark::app::ClaimmarkApp;
use claimmark::app::dialogs::DialogOutcome;
use claimmark::view::Modal;
use claimmark_core::storage::{self, recovery};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::fixtures::{sample_project, scratch};
use super::ui::{article_project, drag, harness_with, offset_of, press, press_with, status_text};

/// Another program adds a document to the project on disk.
fn change_on_disk(path: &std::path::Path) {
    let mut project = storage::load_project(path).unwrap();
    let id = format!("theirs-{}", project.documents.len());
    let text = format!("Another analyst's [person|Ales] number {id}.");
    project
        .documents
        .push(claimmark_core::model::notation::document(&id, &text).unwrap());
    std::thread::sleep(std::time::Duration::from_millis(15));
    storage::save_project(path, &project).unwrap();
}

/// An unsaved edit: "Viasna" tagged as an organization.
fn tag_viasna(harness: &mut egui_kittest::Harness<'_, claimmark::app::ClaimmarkApp>) {
    let viasna = offset_of("Viasna");
    drag(harness, viasna, viasna + 5);
    press(harness, Key::Num5);
}

#[test]
fn the_window_says_when_the_project_changed_on_disk_and_never_saves_over_it() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path.clone()), vec![]);
    tag_viasna(&mut harness);
    change_on_disk(&path);

    // A save before the poll noticed: refused, and said so.
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        matches!(
            harness.state().modal(),
            Some(Modal::ChangedOnDisk {
                save_refused: true,
                ..
            })
        ),
        "{:?}",
        harness.state().modal()
    );
    assert_eq!(storage::load_project(&path).unwrap().documents.len(), 2);
    assert!(harness.state().session().is_modified());

    // Decide later: not asked again for the same change; then Reload.
    harness.get_by_label("Decide later").click();
    harness.run();
    harness.state_mut().check_disk_now();
    assert!(harness.state().modal().is_none());
    change_on_disk(&path);
    harness.state_mut().check_disk_now();
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ChangedOnDisk {
            save_refused: false,
            ..
        })
    ));
    harness.get_by_label("Reload from disk").click();
    harness.run();
    assert_eq!(
        harness.state().session().project().documents.len(),
        3,
        "{:?}",
        harness.state().modal()
    );
    assert!(!harness.state().session().is_modified());
}

#[test]
fn keep_mine_overwrites_only_when_the_analyst_chose_it() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path.clone()), vec![]);
    tag_viasna(&mut harness);
    change_on_disk(&path);
    harness.state_mut().check_disk_now();
    harness.run();
    harness.get_by_label("Keep mine").click();
    harness.run();
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        harness.state().modal().is_none(),
        "{:?}",
        harness.state().modal()
    );
    let saved = storage::load_project(&path).unwrap();
    assert_eq!(
        saved.documents.len(),
        1,
        "the analyst's version replaced theirs"
    );
    assert_eq!(saved.documents[0].spans().len(), 1);
}

#[test]
fn decide_later_keeps_the_old_recovery_copy_and_both_are_offered() {
    let dir = scratch();
    let path = article_project(dir.path());
    // First session: an edit, a recovery copy, a crash.
    {
        let mut harness = harness_with(Some(path.clone()), vec![]);
        tag_viasna(&mut harness);
        harness.state_mut().write_recovery_now();
    }
    let first = recovery::recovery_path(&path);
    let first_bytes = std::fs::read(&first).unwrap();
    // Second session: Decide later, edit again, another crash.
    {
        let mut harness = harness_with(Some(path.clone()), vec![]);
        harness.get_by_label("Decide later").click();
        harness.run();
        press(&mut harness, Key::Num1);
        let lukashenko = offset_of("Viasna");
        drag(&mut harness, lukashenko, lukashenko + 2);
        press(&mut harness, Key::Num1);
        harness.state_mut().write_recovery_now();
    }
    assert_eq!(
        std::fs::read(&first).unwrap(),
        first_bytes,
        "the first session's work is untouched"
    );
    let copies = recovery::find_all(&path);
    assert_eq!(copies.len(), 2, "{copies:?}");
    // Third session: both are listed; restoring one and saving removes
    // only that one.
    let mut harness = harness_with(Some(path.clone()), vec![]);
    match harness.state().modal() {
        Some(Modal::Recovery { copies, .. }) => assert_eq!(copies.len(), 2),
        other => panic!("expected both copies offered, got {other:?}"),
    }
    harness.get_by_label("Restore copy 2").click();
    harness.run();
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        recovery::find_all(&path).len(),
        1,
        "the other copy is still the analyst's"
    );
}

#[test]
fn a_save_behind_another_claimmarks_lock_gives_up_soon_and_keeps_the_work() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path.clone()), vec![]);
    tag_viasna(&mut harness);
    let before = std::fs::read(&path).unwrap();
    let held = storage::lock::ProjectLock::acquire(&path, storage::lock::WAIT).unwrap();
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        matches!(harness.state().modal(), Some(Modal::Error { text, .. }) if text.contains("another claimmark")),
        "{:?}",
        harness.state().modal()
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(harness.state().session().is_modified());
    drop(held);
    harness.get_by_label("OK").click();
    harness.run();
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().session().is_modified());
}

#[test]
fn a_typed_path_starts_in_the_projects_folder_and_tab_lists_what_matches() {
    let dir = scratch();
    let path = article_project(dir.path());
    for name in ["claims-a.jsonl", "claims-b.jsonl", "notes.txt"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    let mut harness = harness_with(
        Some(path),
        vec![DialogOutcome::Unavailable("no desktop portal".into())],
    );
    harness
        .state_mut()
        .push(claimmark::command::UiCommand::ImportClaims);
    harness.run();
    let folder = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    let typed = |harness: &egui_kittest::Harness<'_, claimmark::app::ClaimmarkApp>| match harness
        .state()
        .modal()
    {
        Some(Modal::TypePath {
            text, candidates, ..
        }) => (text.clone(), candidates.clone()),
        other => panic!("expected the typed path, got {other:?}"),
    };
    assert_eq!(typed(&harness).0, folder, "the project's folder");
    press(&mut harness, Key::Tab);
    // Only claims files match an import (the .txt and .ron are left out).
    let (text, candidates) = typed(&harness);
    assert_eq!(text, format!("{folder}claims-"));
    assert_eq!(candidates, ["claims-a.jsonl", "claims-b.jsonl"]);
    harness.get_by_label("claims-a.jsonl   claims-b.jsonl");
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
    // It starts in the folder the last articles came from; Tab completes.
    let folder = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    match harness.state().modal() {
        Some(Modal::TypePath { text, .. }) => assert_eq!(text, &folder),
        other => panic!("expected the typed path, got {other:?}"),
    }
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("s");
    harness.run();
    press(&mut harness, Key::Tab);
    match harness.state().modal() {
        Some(Modal::TypePath { text, .. }) => {
            assert_eq!(text, &format!("{folder}second.txt"));
        }
        other => panic!("expected the typed path, got {other:?}"),
    }
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
fn annotations_of_another_tool_are_previewed_mapped_and_imported_in_one_step() {
    let dir = scratch();
    let project = dir.path().join("p.ron");
    storage::save_project(
        &project,
        &claimmark_core::model::Project::new(claimmark_core::model::Schema::default_news()),
    )
    .unwrap();
    let text = "Minsk report\r\nLukashenko freed 31 prisoners.";
    std::fs::write(dir.path().join("minsk.txt"), text).unwrap();
    let cp = |needle: &str| {
        let start = text[..text.find(needle).unwrap()].chars().count();
        (start, start + needle.chars().count())
    };
    let (ls, le) = cp("Lukashenko");
    let (fs, fe) = cp("freed");
    let ann = dir.path().join("minsk.ann");
    std::fs::write(
        &ann,
        format!("T1\tOfficial {ls} {le}\tLukashenko\nT2\tevent {fs} {fe}\tfreed\nE1\trelease:T2 Actor:T1\n"),
    )
    .unwrap();
    let mut harness = harness_with(
        Some(project),
        vec![DialogOutcome::Picked(vec![ann.clone()])],
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import annotations…").click();
    harness.run();
    super::ui::wait_for_job(&mut harness);
    // Shown before anything changes: the format and the unknown label.
    harness.get_by_label(&format!("The file {}, in brat format", ann.display()));
    assert!(harness.state().session().project().documents.is_empty());
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Official")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Official")
        .type_text("person");
    harness.run();
    harness.get_by_label("Update preview").click();
    harness.run();
    harness.get_by_label_contains("2 spans, 1 claim; 0 not imported");
    harness.get_by_label("Import").click();
    harness.run();
    let project = harness.state().session().project().clone();
    let doc = &project.documents[0];
    let spans: Vec<(&str, &str)> = doc
        .spans()
        .iter()
        .map(|s| (doc.span_text(s), s.label.as_str()))
        .collect();
    assert_eq!(spans, [("Lukashenko", "person"), ("freed", "event")]);
    assert_eq!(doc.claims()[0].arguments.len(), 2);
    // One step: one undo takes it all back.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().session().project().documents.is_empty());
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
        "Import annotations…",
        "Export claims… Ctrl+E",
        "Export dataset…",
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

#[test]
fn fixtures_replace_a_folder_that_has_files_only_when_the_analyst_confirms() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let folder = dir.path().join("fixtures");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("old.txt"), "an earlier export").unwrap();
    let export = |harness: &mut Harness<'_, ClaimmarkApp>| {
        press_with(harness, Modifiers::COMMAND, Key::E);
        harness
            .get_by_label(
                "Gold fixtures: a folder with each document's text and claims, and a manifest",
            )
            .click();
        harness.run();
        harness.get_by_label("Export…").click();
        harness.run();
    };
    let mut harness = harness_with(
        Some(path),
        vec![
            DialogOutcome::Picked(vec![folder.clone()]),
            DialogOutcome::Picked(vec![folder.clone()]),
        ],
    );
    export(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ReplaceFixtures { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(
        !folder.join("manifest.json").exists(),
        "nothing written on Cancel"
    );
    export(&mut harness);
    harness.get_by_label("Replace").click();
    harness.run();
    assert!(folder.join("manifest.json").exists());
    assert!(folder.join("old.txt").exists(), "other files stay");
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
        11,
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
            .contains("Wrote 11 claim line(s)")
    );
}

#[test]
fn a_dataset_for_another_tool_is_written_from_the_window_as_the_cli_writes_it() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let folder = dir.path().join("inception");
    let mut harness = harness_with(
        Some(path.clone()),
        vec![DialogOutcome::Picked(vec![folder.clone()])],
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export dataset…").click();
    harness.run();
    harness.get_by_label("inception-tsv").click();
    harness.run();
    harness.get_by_label("Choose folder…").click();
    harness.run();
    let status = harness.state().status().unwrap().text.clone();
    assert!(
        status.starts_with("Wrote the inception-tsv dataset"),
        "{status}"
    );
    // The command line's dataset of the same project, byte for byte but
    // the manifest's time.
    let cli = dir.path().join("cli");
    let out = super::cli::claimmark(&[
        &"dataset",
        &path,
        &"-o",
        &cli,
        &"--format",
        &"inception-tsv",
    ]);
    assert!(out.status.success());
    for doc in ["amnesty-7850.tsv", "kuznechyk-freed.tsv", "pardon-31.tsv"] {
        assert_eq!(
            std::fs::read(folder.join(doc)).unwrap(),
            std::fs::read(cli.join(doc)).unwrap(),
            "{doc}"
        );
    }
    assert!(folder.join("manifest.json").exists());
}

#[test]
fn a_documents_note_is_typed_in_its_header_and_saved() {
    let dir = scratch();
    let path = dir.path().join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    let mut harness = harness_with(Some(path.clone()), vec![]);
    let title = harness.state().current_document().unwrap().title.clone();
    harness.get_by_label(&title).click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Note")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Note")
        .type_text("relevance: high");
    harness.run();
    assert_eq!(
        harness.state().session().project().documents[0].note,
        "relevance: high"
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(
        storage::load_project(&path).unwrap().documents[0].note,
        "relevance: high"
    );
}
