//! Extractors and claim suggestions in the real app: a project's extractor
//! command runs only after the analyst allowed it, its claims come in as one
//! run; a failing one changes nothing; Cancel stops a hanging one; the
//! built-in suggester proposes whole claims. And the same from the command
//! line (`claimmark extract`, `claimmark suggest --claims`).

use std::path::{Path, PathBuf};
use std::process::Command;

use claimmark::app::{ClaimmarkApp, Modal};
use claimmark::command::{Action, UiCommand};
use claimmark_core::model::{ExtractorConfig, Project, ReviewStatus, notation};
use claimmark_core::storage;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::fixtures::scratch;
use super::ui::{harness_with, wait_for_job};

const TEXT: &str = "Officials freed 31 people.";

/// An extractor that checks it got the text and prints one release claim.
const GOOD: &str = r#"
text=$(cat)
case "$text" in *freed*) ;; *) echo "no text on stdin" >&2; exit 9 ;; esac
echo "extracting $CLAIMMARK_DOC_ID" >&2
printf '{"schema":"claim/v1","id":"sh-1","doc":{"id":"%s","text_sha256":"%s","text_length":%s},"type":"release","trigger":{"start":10,"end":15,"exact":"freed"},"args":[{"role":"count","anchor":{"start":16,"end":18,"exact":"31"},"value":{"kind":"count","number":31,"mod":"exact"}}],"status":"proposed","confidence":0.8,"provenance":{"creator":{"kind":"software","id":"sh-extractor","version":"1"},"created":"2026-12-06T00:00:00Z"}}\n' "$CLAIMMARK_DOC_ID" "$CLAIMMARK_DOC_SHA256" "$CLAIMMARK_TEXT_LENGTH"
"#;

fn write_script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

/// A one-document project naming `extractor` (sh with a script).
fn project_naming(dir: &Path, script: Option<&Path>) -> PathBuf {
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("one", TEXT).unwrap());
    project.extractor = script.map(|script| ExtractorConfig {
        command: vec!["sh".into(), script.display().to_string()],
        timeout_seconds: Some(20),
    });
    let path = dir.join("p.ron");
    storage::save_project(&path, &project).unwrap();
    path
}

fn run_from_menu(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.get_by_label("Review").click();
    harness.run();
    harness
        .get_by_label("Run extractor on this document")
        .click();
    harness.run();
}

fn claim_count(harness: &Harness<'_, ClaimmarkApp>) -> usize {
    harness.state().session().project().claim_count()
}

#[test]
fn a_projects_extractor_runs_only_once_allowed_and_comes_in_as_one_run() {
    let dir = scratch();
    let script = write_script(dir.path(), "extract.sh", GOOD);
    let path = project_naming(dir.path(), Some(&script));
    let mut harness = harness_with(Some(path.clone()), vec![]);
    run_from_menu(&mut harness);
    assert!(
        matches!(
            harness.state().modal(),
            Some(Modal::ConfirmExtractor { .. })
        ),
        "asked first"
    );
    let command_line = format!("sh {}", script.display());
    harness.get_by_label(&command_line);
    harness.get_by_label("Run it").click();
    harness.run();
    wait_for_job(&mut harness);
    assert_eq!(claim_count(&harness), 1);
    let claim = &harness.state().session().project().documents[0].claims()[0];
    assert_eq!(claim.status, ReviewStatus::Proposed);
    assert!(
        harness
            .state()
            .settings()
            .allows(&path, &["sh".into(), script.display().to_string()])
    );
    let Some(Modal::Report { text, .. }) = harness.state().modal() else {
        panic!("a report: {:?}", harness.state().modal());
    };
    assert!(text.contains("imported 1 claim"), "{text}");
    assert!(
        text.contains("extracting one"),
        "its stderr is shown: {text}"
    );
    harness.get_by_label("Close").click();
    harness.run();

    // Allowed now: it runs at once; the claim came back unchanged.
    run_from_menu(&mut harness);
    assert!(!matches!(
        harness.state().modal(),
        Some(Modal::ConfirmExtractor { .. })
    ));
    wait_for_job(&mut harness);
    assert_eq!(claim_count(&harness), 1, "not asked about again");
    // One undo takes the first run away.
    harness.state_mut().push(UiCommand::Undo);
    harness.run();
    assert_eq!(claim_count(&harness), 0);
}

#[test]
fn a_failing_extractor_says_why_and_changes_nothing() {
    let dir = scratch();
    let path = project_naming(dir.path(), None);
    let mut harness = harness_with(Some(path), vec![]);
    // The analyst's own command, from Preferences.
    let failing = write_script(
        dir.path(),
        "fail.sh",
        "cat >/dev/null\necho 'model weights missing' >&2\nexit 4\n",
    );
    let preferences = claimmark::view::Preferences {
        analyst: "analyst".into(),
        extractor: format!("sh {}", failing.display()),
        ..claimmark::view::Preferences::default()
    };
    harness
        .state_mut()
        .push(Action::SetPreferences(Box::new(preferences)));
    harness.run();
    let revision = harness.state().session().history().revision();
    run_from_menu(&mut harness);
    wait_for_job(&mut harness);
    let Some(Modal::Error { title, text }) = harness.state().modal() else {
        panic!("an error: {:?}", harness.state().modal());
    };
    assert_eq!(title, "The extractor imported nothing");
    assert!(text.contains("exit code 4"), "{text}");
    assert!(text.contains("model weights missing"), "{text}");
    assert_eq!(harness.state().session().history().revision(), revision);
    assert_eq!(claim_count(&harness), 0);
}

#[test]
fn cancel_stops_a_hanging_extractor() {
    let dir = scratch();
    let path = project_naming(dir.path(), None);
    let mut harness = harness_with(Some(path), vec![]);
    let hanging = write_script(dir.path(), "hang.sh", "exec sleep 60\n");
    harness.state_mut().push(Action::SetPreferences(Box::new(
        claimmark::view::Preferences {
            analyst: "analyst".into(),
            extractor: format!("sh {}", hanging.display()),
            ..claimmark::view::Preferences::default()
        },
    )));
    harness.run();
    run_from_menu(&mut harness);
    assert!(harness.state().is_busy());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_busy());
    assert_eq!(claim_count(&harness), 0);
}

#[test]
fn the_suggester_proposes_whole_claims_for_the_queue() {
    let dir = scratch();
    let mut project = Project::default();
    project.documents.push(
        notation::document(
            "pardon",
            "Alexander Lukashenko pardoned 31 political prisoners on Thursday.\n\nViasna counts 1,184 political prisoners.",
        )
        .unwrap(),
    );
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness.get_by_label("Review").click();
    harness.run();
    harness
        .get_by_label("Suggest spans and claims in this document")
        .click();
    harness.run();
    let project = harness.state().session().project();
    let doc = &project.documents[0];
    let mut types: Vec<&str> = doc.claims().iter().map(|c| c.claim_type.as_str()).collect();
    types.sort_unstable();
    assert_eq!(types, ["pardon", "prisoner_count"], "{:?}", doc.claims());
    let pardon = doc
        .claims()
        .iter()
        .find(|c| c.claim_type.as_str() == "pardon")
        .unwrap();
    let quotes: Vec<(String, &str)> = pardon
        .arguments
        .iter()
        .map(|a| (a.role.to_string(), doc.span_text(doc.span(a.span).unwrap())))
        .collect();
    assert!(
        quotes.contains(&("trigger".into(), "pardoned")),
        "{quotes:?}"
    );
    assert!(quotes.contains(&("count".into(), "31")), "{quotes:?}");
    assert!(
        quotes.contains(&("actor".into(), "Alexander Lukashenko")),
        "{quotes:?}"
    );
    assert!(pardon.confidence.is_some());
    // They are queue rows, and one undo takes spans and claims away.
    let rows = claimmark_core::review::queue::build(
        project,
        &claimmark_core::review::QueueFilter::default(),
        claimmark_core::review::QueueSort::default(),
    );
    assert!(
        rows.iter()
            .filter(|r| r.kind() == claimmark_core::review::RowKind::Claim)
            .count()
            == 2
    );
    harness.state_mut().push(UiCommand::Undo);
    harness.run();
    assert_eq!(harness.state().session().project().span_count(), 0);
}

fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

#[test]
fn the_command_line_runs_a_projects_extractor_only_when_allowed() {
    let dir = scratch();
    let script = write_script(dir.path(), "extract.sh", GOOD);
    let path = project_naming(dir.path(), Some(&script));
    let before = std::fs::read(&path).unwrap();
    let refused = claimmark(&[&"extract", &path]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--allow-extractor"), "{stderr}");
    assert!(
        stderr.contains(&format!("sh {}", script.display())),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing ran, nothing changed"
    );

    let allowed = claimmark(&[&"extract", &path, &"--allow-extractor", &"--json"]);
    assert!(allowed.status.success(), "{allowed:?}");
    let report: serde_json::Value = serde_json::from_slice(&allowed.stdout).unwrap();
    assert_eq!(report["claims"], 1);
    assert_eq!(storage::load_project(&path).unwrap().claim_count(), 1);

    // A command of the caller's own needs no permission.
    let failing = write_script(dir.path(), "fail.sh", "cat >/dev/null\nexit 2\n");
    let output = claimmark(&[&"extract", &path, &"--", &"sh", &failing]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("exit code 2"));
    assert_eq!(storage::load_project(&path).unwrap().claim_count(), 1);
}

#[test]
fn suggest_claims_from_the_command_line() {
    let dir = scratch();
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("count", "Viasna counts 1,184 political prisoners.").unwrap());
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project).unwrap();
    let output = claimmark(&[&"suggest", &path, &"--claims", &"--json"]);
    assert!(output.status.success(), "{output:?}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["claims_proposed"]["prisoner_count"], 1, "{report}");
    let saved = storage::load_project(&path).unwrap();
    let claim = &saved.documents[0].claims()[0];
    assert_eq!(claim.status, ReviewStatus::Proposed);
    assert_eq!(
        claim.provenance.as_ref().unwrap().creator.id,
        claimmark_core::suggest::AGENT_ID
    );
}
