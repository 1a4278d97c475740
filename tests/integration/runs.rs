//! Extractor runs: a second run imported onto the first says what is new,
//! changed and gone; the queue flags and filters them; `claimmark
//! diff-runs` gives the same comparison for two claims files.

use std::path::Path;
use std::process::Command;

use claimmark_core::model::{ClaimId, DocId, Project, notation};
use claimmark_core::review::{self, Proposal, QueueFilter, QueueSort, RowFlag};
use claimmark_core::storage;

use super::fixtures::scratch;

fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn write_lines(path: &Path, lines: &[serde_json::Value]) {
    let text: String = lines.iter().map(|line| line.to_string() + "\n").collect();
    std::fs::write(path, text).unwrap();
}

/// The documents of `review::project()`, without annotations.
fn bare_project() -> Project {
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("one", "Officials freed 31 people and released others.").unwrap());
    project
        .documents
        .push(notation::document("two", "The court pardoned 12 people.").unwrap());
    project
}

/// Run 1: the three proposals of `review::project()` (x on "freed"+"31",
/// y on "released"+"31", x on "pardoned"), plus an x pardon on "freed".
/// Run 2 of x (version 2.0): the first claim loses its count (changed), the
/// pardon on "freed" is gone, the others come back unchanged.
fn two_runs(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let source = dir.join("source.ron");
    storage::save_project(&source, &super::review::project()).unwrap();
    let run1 = dir.join("run1.jsonl");
    let output = claimmark(&[&"export", &source, &"-o", &run1]);
    assert!(output.status.success(), "{output:?}");
    let mut first = lines(&run1);
    assert_eq!(first.len(), 3);
    let mut pardon = first[0].clone();
    pardon["id"] = "x-pardon".into();
    pardon["type"] = "pardon".into();
    pardon["args"] = serde_json::json!([]);
    first.push(pardon);
    write_lines(&run1, &first);

    let mut second: Vec<serde_json::Value> = first
        .iter()
        .filter(|line| line["id"] != "x-pardon")
        .cloned()
        .collect();
    for line in &mut second {
        if line["provenance"]["creator"]["id"] == "x" {
            line["provenance"]["creator"]["version"] = "2.0".into();
            line["id"] = format!("{}-run2", line["id"].as_str().unwrap()).into();
        }
    }
    second[0]["args"] = serde_json::json!([]);
    let run2 = dir.join("run2.jsonl");
    write_lines(&run2, &second);
    (run1, run2)
}

#[test]
fn a_second_run_reports_new_changed_and_gone_and_the_queue_flags_them() {
    let dir = scratch();
    let (run1, run2) = two_runs(dir.path());
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &bare_project()).unwrap();

    let first = json(&claimmark(&[&"import", &path, &run1, &"--json"]));
    assert_eq!(first["claims"], 4);
    assert!(
        first["run"].is_null(),
        "nothing earlier to compare: {first}"
    );

    let second = json(&claimmark(&[&"import", &path, &run2, &"--json"]));
    let run = &second["run"];
    assert_eq!(run["number"], 2, "{second}");
    assert_eq!(run["agents"], serde_json::json!(["x", "y"]));
    let one = &run["changes"]["documents"][0];
    assert_eq!(one["doc"], "one");
    assert_eq!(one["changed"].as_array().unwrap().len(), 1, "{one}");
    assert_eq!(
        one["changed"][0]["changes"],
        serde_json::json!(["count “31” removed"])
    );
    assert_eq!(one["gone"].as_array().unwrap().len(), 1, "{one}");
    assert_eq!(one["unchanged"], 1, "y's claim came back as it was");
    assert_eq!(run["changes"]["documents"][1]["unchanged"], 1);
    // Only the changed claim is imported; the unchanged ones are not asked
    // about again.
    assert_eq!(second["claims"], 1);
    assert_eq!(second["duplicates"].as_array().unwrap().len(), 2);

    let project = storage::load_project(&path).unwrap();
    let one = DocId::parse("one").unwrap();
    let rows = |filter: QueueFilter| -> Vec<Proposal> {
        review::queue::build(&project, &filter, QueueSort::DocumentOrder)
            .into_iter()
            .filter(|row| row.doc == one)
            .map(|row| row.proposal)
            .collect()
    };
    let flagged = |flag| QueueFilter {
        flag: Some(flag),
        ..QueueFilter::default()
    };
    // Run 1 made claims 1-3 of document one (x, y, x's pardon); run 2
    // claim 4.
    assert_eq!(
        rows(flagged(RowFlag::Changed)),
        [Proposal::Claim(ClaimId(4))]
    );
    assert_eq!(
        rows(flagged(RowFlag::Superseded)),
        [Proposal::Claim(ClaimId(1)), Proposal::Claim(ClaimId(3))],
        "the old version and the gone pardon"
    );
    assert_eq!(
        rows(QueueFilter {
            since_run: Some(1),
            ..QueueFilter::default()
        }),
        [Proposal::Claim(ClaimId(4))]
    );

    // The same comparison from the two files.
    let diff = json(&claimmark(&[&"diff-runs", &run1, &run2, &"--json"]));
    let one = &diff["changes"]["documents"][0];
    assert_eq!(one["gone"], serde_json::json!(["x-pardon"]));
    assert_eq!(
        one["changed"][0]["changes"],
        serde_json::json!(["count “31” removed"])
    );
    assert_eq!(one["unchanged"], 1);
    assert!(diff["changed_texts"].as_array().unwrap().is_empty());
    let text = claimmark(&[&"diff-runs", &run1, &run2]);
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(
        stdout.contains("one: 0 new, 1 gone, 1 changed, 1 unchanged"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 document(s): 0 new, 1 gone, 1 changed, 2 unchanged"),
        "{stdout}"
    );
}

#[test]
fn near_duplicates_from_another_extractor_are_imported_and_linked() {
    let dir = scratch();
    let (run1, _) = two_runs(dir.path());
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &bare_project()).unwrap();
    let first = json(&claimmark(&[&"import", &path, &run1, &"--json"]));
    assert_eq!(first["claims"], 4);
    // Agent z gives x's first claim without its count.
    let mut other = lines(&run1)[0].clone();
    other["id"] = "z-1".into();
    other["provenance"]["creator"]["id"] = "z".into();
    other["args"] = serde_json::json!([]);
    let file = dir.path().join("z.jsonl");
    write_lines(&file, &[other]);
    let report = json(&claimmark(&[&"import", &path, &file, &"--json"]));
    assert_eq!(report["claims"], 1);
    let near = report["near_duplicates"].as_array().unwrap();
    assert_eq!(near.len(), 1, "{report}");
    assert!(
        near[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("near-duplicate of claim c1"),
        "{report}"
    );
    let project = storage::load_project(&path).unwrap();
    let rows = review::queue::build(
        &project,
        &QueueFilter {
            flag: Some(RowFlag::NearDuplicate),
            ..QueueFilter::default()
        },
        QueueSort::DocumentOrder,
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].resembles, Some(ClaimId(1)));
    assert!(!rows[0].changed, "another extractor: not a change");
}

#[test]
fn diff_runs_compares_changed_texts_by_quote_and_reports_bad_lines() {
    let dir = scratch();
    let (run1, _) = two_runs(dir.path());
    // The later run saw a text with two more characters in front: offsets
    // move, quotes stay.
    let mut moved = lines(&run1);
    for line in &mut moved {
        line["doc"]["text_sha256"] = "0".repeat(64).into();
        let mut trigger = line["trigger"].clone();
        let mut anchors: Vec<&mut serde_json::Value> = line["args"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .map(|arg| &mut arg["anchor"])
            .collect();
        anchors.push(&mut trigger);
        for anchor in anchors {
            for end in ["start", "end"] {
                let at = anchor[end].as_u64().unwrap();
                anchor[end] = (at + 2).into();
            }
        }
        line["trigger"] = trigger;
    }
    let run2 = dir.path().join("moved.jsonl");
    let mut text: String = moved.iter().map(|line| line.to_string() + "\n").collect();
    text.push_str("{not json\n");
    std::fs::write(&run2, text).unwrap();
    let output = claimmark(&[&"diff-runs", &run1, &run2, &"--json"]);
    assert_eq!(output.status.code(), Some(1), "a bad line fails the run");
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(diff["changed_texts"], serde_json::json!(["one", "two"]));
    let (mut new, mut gone, mut changed, mut unchanged) = (0, 0, 0, 0);
    for doc in diff["changes"]["documents"].as_array().unwrap() {
        new += doc["new"].as_array().unwrap().len();
        gone += doc["gone"].as_array().unwrap().len();
        changed += doc["changed"].as_array().unwrap().len();
        unchanged += doc["unchanged"].as_u64().unwrap();
    }
    assert_eq!((new, gone, changed, unchanged), (0, 0, 0, 4));
    let problems = diff["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].as_str().unwrap().contains("moved.jsonl:5"),
        "{problems:?}"
    );
    let missing = claimmark(&[&"diff-runs", &run1, &dir.path().join("nope.jsonl")]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("nope.jsonl"),
        "{missing:?}"
    );
}
