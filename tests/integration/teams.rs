//! Teams on git: `claimmark merge`, the merge driver with the real `git`
//! binary, conflicts resolved from the command line and in the window, and
//! saves that merge with a file changed on disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use claimmark_core::model::{Name, Project, SpanId, notation};
use claimmark_core::storage;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use super::cli::claimmark;
use super::fixtures::scratch;
use super::ui::{harness_with, press, press_with};

const ARTICLE: &str = "[person|Lukashenko] pardoned [count|31] political prisoners on [date|Thursday].\n\n[organization|Viasna] counts 1,184 political prisoners.";

fn base_project() -> Project {
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("pardon", ARTICLE).unwrap());
    project
}

fn relabelled(project: &Project, changes: &[(u32, &str)]) -> Project {
    let mut copy = project.clone();
    for (span, label) in changes {
        claimmark_core::Edit::SetSpanLabel {
            doc: copy.documents[0].id.clone(),
            span: SpanId(*span),
            label: Name::parse(label).unwrap(),
        }
        .apply(&mut copy)
        .unwrap();
    }
    copy
}

fn save(dir: &Path, name: &str, project: &Project) -> PathBuf {
    let path = dir.join(name);
    storage::save_project(&path, project).unwrap();
    path
}

fn label_of(project: &Project, span: u32) -> String {
    project.documents[0]
        .span(SpanId(span))
        .unwrap()
        .label
        .to_string()
}

#[test]
fn merge_writes_a_deterministic_project_and_says_what_came_from_where() {
    let dir = scratch();
    let base = base_project();
    let b = save(dir.path(), "base.ron", &base);
    let o = save(dir.path(), "ours.ron", &relabelled(&base, &[(4, "place")]));
    let t = save(
        dir.path(),
        "theirs.ron",
        &relabelled(&base, &[(1, "organization")]),
    );
    let out = dir.path().join("merged.ron");
    let run = claimmark(&[&"merge", &b, &o, &t, &"-o", &out]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("from ours: 1 span"), "{stderr}");
    assert!(stderr.contains("from theirs: 1 span"), "{stderr}");
    let merged = storage::load_project(&out).unwrap();
    assert_eq!(label_of(&merged, 4), "place");
    assert_eq!(label_of(&merged, 1), "organization");
    // Same inputs, same bytes; standard output without -o.
    let again = claimmark(&[&"merge", &b, &o, &t]);
    assert_eq!(again.stdout, std::fs::read(&out).unwrap());
}

#[test]
fn merge_refuses_bad_input_and_never_writes_onto_an_input() {
    let dir = scratch();
    let base = base_project();
    let b = save(dir.path(), "base.ron", &base);
    let o = save(dir.path(), "ours.ron", &base);
    let not_a_project = dir.path().join("theirs.ron");
    std::fs::write(&not_a_project, "(hello: 1)").unwrap();
    let out = dir.path().join("out.ron");
    let run = claimmark(&[&"merge", &b, &o, &not_a_project, &"-o", &out]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("THEIRS cannot be merged"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    let before = std::fs::read(&o).unwrap();
    let run = claimmark(&[&"merge", &b, &o, &b, &"-o", &o]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read(&o).unwrap(), before);
}

#[test]
fn conflicts_are_listed_by_validate_refused_by_export_and_resolved_from_the_cli() {
    let dir = scratch();
    let base = base_project();
    let b = save(dir.path(), "base.ron", &base);
    let o = save(
        dir.path(),
        "ours.ron",
        &relabelled(&base, &[(1, "place"), (4, "place")]),
    );
    let t = save(
        dir.path(),
        "theirs.ron",
        &relabelled(&base, &[(1, "organization"), (4, "person")]),
    );
    let merged = dir.path().join("merged.ron");
    let run = claimmark(&[&"merge", &b, &o, &t, &"-o", &merged]);
    assert_eq!(run.status.code(), Some(1), "conflicts remain");
    let validate = claimmark(&[&"validate", &merged]);
    let listed = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1));
    assert!(
        listed.contains("merged.ron:")
            && listed.contains("unresolved merge conflict 1: span s1 in pardon: label"),
        "{listed}"
    );
    let fixtures = dir.path().join("fixtures");
    let export = claimmark(&[&"export", &merged, &"--fixtures", &fixtures]);
    assert_eq!(export.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&export.stderr).contains("2 unresolved merge conflict"));
    assert!(!fixtures.exists());
    let dataset = claimmark(&[&"dataset", &merged, &"-o", &fixtures, &"--format", &"brat"]);
    assert_eq!(dataset.status.code(), Some(1));
    let allowed = claimmark(&[&"export", &merged, &"--allow-conflicts"]);
    assert_eq!(allowed.status.code(), Some(0));

    let resolve = claimmark(&[&"resolve", &merged, &"--theirs", &"--conflict", &"2"]);
    assert_eq!(
        resolve.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&resolve.stderr)
    );
    let resolve = claimmark(&[&"resolve", &merged, &"--ours"]);
    assert_eq!(resolve.status.code(), Some(0));
    let project = storage::load_project(&merged).unwrap();
    assert!(project.conflicts.is_empty());
    assert_eq!(
        (label_of(&project, 1), label_of(&project, 4)),
        ("place".into(), "person".into())
    );
    assert_eq!(claimmark(&[&"validate", &merged]).status.code(), Some(0));
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn cm_ok(args: &[&dyn AsRef<std::ffi::OsStr>]) {
    let out = claimmark(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git_missing() -> bool {
    if Command::new("git").arg("--version").output().is_ok() {
        return false;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI installs git (.ci/run)"
    );
    eprintln!("skipped: git is not installed");
    true
}

/// A repository set up with `git-setup` where Alice's and Bob's branches
/// (each tagging other articles, Bob adding one) were merged by git.
fn merged_branches() -> (tempfile::TempDir, PathBuf) {
    let dir = scratch();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    git_ok(repo, &["config", "user.email", "lead@example.org"]);
    git_ok(repo, &["config", "user.name", "Lead"]);
    std::fs::write(
        repo.join("a.txt"),
        "Ales Bialiatski was released on 14 December 2025 with 123 other prisoners.\n",
    )
    .unwrap();
    std::fs::write(repo.join("b.txt"), "Viasna counts 1,184 political prisoners as of 18 September 2025, said Maria Kalesnikava.\n").unwrap();
    let project = repo.join("p.ron");
    cm_ok(&[&"add", &project, &repo.join("a.txt"), &repo.join("b.txt")]);
    let setup = claimmark(&[&"git-setup", &repo]);
    assert!(String::from_utf8_lossy(&setup.stdout).contains("added `*.ron merge=claimmark`"));
    let again = claimmark(&[&"git-setup", &repo]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("already has"),
        "idempotent"
    );
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-qm", "base"]);

    // Alice tags one article, Bob the other and adds a third: their span
    // lists would collide line by line and by id.
    git_ok(repo, &["checkout", "-qb", "alice"]);
    cm_ok(&[&"suggest", &project, &"--doc", &"a"]);
    git_ok(repo, &["commit", "-qam", "alice"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    git_ok(repo, &["checkout", "-qb", "bob"]);
    cm_ok(&[&"suggest", &project, &"--doc", &"b", &"--claims"]);
    std::fs::write(
        repo.join("c.txt"),
        "Lukashenko pardoned 31 political prisoners on Thursday.\n",
    )
    .unwrap();
    cm_ok(&[&"add", &project, &repo.join("c.txt")]);
    cm_ok(&[&"suggest", &project, &"--doc", &"c"]);
    git_ok(repo, &["commit", "-qam", "bob"]);
    let alice = storage::load_project(&{
        git_ok(repo, &["checkout", "-q", "alice"]);
        project.clone()
    })
    .unwrap();
    git_ok(repo, &["checkout", "-q", "bob"]);
    let bob = storage::load_project(&project).unwrap();
    git_ok(repo, &["merge", "-q", "alice", "-m", "merge alice"]);
    let merged = storage::load_project(&project).unwrap();
    assert_merged(&merged, &[&alice, &bob]);
    (dir, project)
}

fn assert_merged(merged: &Project, sides: &[&Project]) {
    for side in sides {
        for doc in &side.documents {
            let ours = merged.document(&doc.id).unwrap();
            assert!(ours.spans().len() >= doc.spans().len(), "{}", doc.id);
            assert!(ours.claims().len() >= doc.claims().len());
        }
    }
    assert_eq!(merged.documents.len(), 3);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn git_merges_two_analysts_branches_through_the_driver() {
    if git_missing() {
        return;
    }
    let (_dir, project) = merged_branches();
    assert_eq!(claimmark(&[&"validate", &project]).status.code(), Some(0));
    let setup = claimmark(&[&"git-setup", &project.parent().unwrap()]);
    assert!(
        String::from_utf8_lossy(&setup.stdout).contains("already has"),
        "idempotent"
    );
}

#[test]
fn git_marks_different_decisions_conflicted_and_claimmark_lists_them() {
    if git_missing() {
        return;
    }
    let (dir, project) = merged_branches();
    let repo = dir.path();
    // Two analysts decide the same proposals differently: git marks the
    // file conflicted, and claimmark lists the conflicts in it.
    git_ok(repo, &["checkout", "-qb", "carol"]);
    cm_ok(&[
        &"review",
        &project,
        &"--accept",
        &"--doc",
        &"a",
        &"--reviewer",
        &"carol",
    ]);
    git_ok(repo, &["commit", "-qam", "carol"]);
    git_ok(repo, &["checkout", "-q", "bob"]);
    git_ok(repo, &["checkout", "-qb", "dave"]);
    cm_ok(&[
        &"review",
        &project,
        &"--reject",
        &"--doc",
        &"a",
        &"--reviewer",
        &"dave",
    ]);
    git_ok(repo, &["commit", "-qam", "dave"]);
    let merge = git(repo, &["merge", "carol", "-m", "merge carol"]);
    assert!(!merge.status.success(), "git marks the file conflicted");
    let status = git(repo, &["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("UU p.ron"));
    let text = std::fs::read_to_string(&project).unwrap();
    assert!(!text.contains("<<<<<<<"), "no textual conflict markers");
    let conflicted = storage::load_project(&project).unwrap();
    assert!(!conflicted.conflicts.is_empty());
    let validate = claimmark(&[&"validate", &project]);
    assert!(String::from_utf8_lossy(&validate.stdout).contains("unresolved merge conflict 1"));
    // Provenance says who decided what on each side.
    cm_ok(&[&"resolve", &project, &"--theirs"]);
    git_ok(repo, &["commit", "-qam", "adjudicated"]);
    let done = storage::load_project(&project).unwrap();
    assert!(done.conflicts.is_empty());
    let reviewers: Vec<String> = done.documents[0]
        .claims()
        .iter()
        .filter_map(|c| {
            c.provenance
                .as_ref()?
                .reviewer
                .as_ref()
                .map(|r| r.id.clone())
        })
        .collect();
    assert!(reviewers.iter().all(|r| r == "carol"), "{reviewers:?}");
}

#[test]
fn the_window_lists_conflicts_and_resolves_each_in_one_undoable_step() {
    let dir = scratch();
    let base = base_project();
    let merged = claimmark_core::merge::merge(
        &base,
        &relabelled(&base, &[(1, "place"), (4, "place")]),
        &relabelled(&base, &[(1, "organization"), (4, "person")]),
    )
    .unwrap()
    .project;
    assert_eq!(merged.conflicts.len(), 2);
    let path = save(dir.path(), "merged.ron", &merged);
    let mut harness = harness_with(Some(path), vec![]);
    assert_eq!(
        harness.query_all_by_label("Take ours").count(),
        2,
        "the list opens with the project"
    );
    // Shift+T takes ours for the first; the list moves to the second.
    press_with(&mut harness, Modifiers::SHIFT, Key::T);
    let project = harness.state().session().project().clone();
    assert_eq!(project.conflicts.len(), 1);
    assert_eq!(label_of(&project, 1), "place");
    // Keep both: theirs becomes a second span on the same words.
    harness.get_by_label("Keep both").click();
    harness.run();
    let project = harness.state().session().project().clone();
    assert!(project.conflicts.is_empty());
    assert_eq!(label_of(&project, 4), "place");
    assert_eq!(label_of(&project, 5), "person");
    // Undo brings the conflict back; T takes theirs.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().session().project().conflicts.len(), 1);
    // The list closed when the last conflict went; Ctrl+Shift+M opens it.
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    press(&mut harness, Key::T);
    let project = harness.state().session().project().clone();
    assert!(project.conflicts.is_empty(), "{:?}", project.conflicts);
    assert_eq!(label_of(&project, 4), "person");
}

#[test]
fn a_save_over_a_file_changed_on_disk_merges_both_versions() {
    let dir = scratch();
    let path = save(dir.path(), "p.ron", &base_project());
    let mut harness = harness_with(Some(path.clone()), vec![]);
    // Ours: Viasna relabelled in the window, unsaved.
    let doc = harness.state().session().project().documents[0].id.clone();
    harness.state_mut().push(claimmark::command::Action::apply(
        claimmark_core::Edit::SetSpanLabel {
            doc,
            span: SpanId(4),
            label: Name::parse("place").unwrap(),
        },
        "relabel",
    ));
    harness.run();
    // Theirs: another program adds a document and relabels Lukashenko.
    std::thread::sleep(std::time::Duration::from_millis(15));
    let mut theirs = relabelled(&base_project(), &[(1, "organization")]);
    theirs
        .documents
        .push(notation::document("other", "[person|Maria] was not freed.").unwrap());
    storage::save_project(&path, &theirs).unwrap();
    press_with(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Merge and save").click();
    harness.run();
    let on_disk = storage::load_project(&path).unwrap();
    assert_eq!(on_disk.documents.len(), 2, "theirs' document is kept");
    assert_eq!(label_of(&on_disk, 1), "organization");
    assert_eq!(label_of(&on_disk, 4), "place", "ours is kept");
    assert!(!harness.state().session().is_modified());
}

#[test]
fn the_window_exports_nothing_while_conflicts_remain() {
    let dir = scratch();
    let base = base_project();
    let merged = claimmark_core::merge::merge(
        &base,
        &relabelled(&base, &[(1, "place")]),
        &relabelled(&base, &[(1, "organization")]),
    )
    .unwrap()
    .project;
    let path = save(dir.path(), "merged.ron", &merged);
    let mut harness = harness_with(Some(path), vec![]);
    let out = dir.path().join("claims.jsonl");
    harness
        .state_mut()
        .push(claimmark::command::Action::ExportClaimsTo(
            out.clone(),
            claimmark::command::ExportChoice {
                statuses: vec![claimmark_core::ReviewStatus::Accepted],
                spans: false,
            },
        ));
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(claimmark::view::Modal::Error { .. })
    ));
    assert!(!out.exists());
}
