//! `claimmark review`: bulk decisions from the command line, on projects
//! with proposals of two extractors.

use std::process::Command;

use claimmark_core::model::{
    Agent, Argument, CharRange, Claim, ClaimId, Confidence, Name, Project, Provenance,
    ReviewStatus, Span, SpanId, SpanOrigin, Timestamp, notation,
};
use claimmark_core::{Edit, storage};

use super::fixtures::scratch;

fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

/// Document "one" with a proposed release claim per extractor: "low" (agent
/// x, 0.2) on "freed"+"31", "high" (agent y, 0.9) on "released"+"31";
/// and document "two" with one of agent x (0.25) on "pardoned".
pub(super) fn project() -> Project {
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("one", "Officials freed 31 people and released others.").unwrap());
    project
        .documents
        .push(notation::document("two", "The court pardoned 12 people.").unwrap());
    let agent = |id: &str| Agent::software(id, Some("1.0".into()));
    let span = |id: u32, start: usize, end: usize, label: &str, by: &str| Span {
        status: ReviewStatus::Proposed,
        origin: Some(SpanOrigin {
            agent: agent(by),
            confidence: None,
        }),
        ..Span::new(SpanId(id), CharRange::from_offsets(start, end), name(label))
    };
    let claim = |id: u32, by: &str, confidence: f64, spans: &[(&str, u32)]| Claim {
        status: ReviewStatus::Proposed,
        confidence: Confidence::new(confidence),
        provenance: Some(Provenance {
            creator: agent(by),
            created: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
            reviewer: None,
            reviewed: None,
            bulk_review: false,
        }),
        arguments: spans
            .iter()
            .map(|(role, span)| Argument::new(name(role), SpanId(*span)))
            .collect(),
        ..Claim::new(ClaimId(id), name("release"))
    };
    let one = project.documents[0].id.clone();
    let two = project.documents[1].id.clone();
    let mut edits = vec![
        Edit::InsertSpan {
            doc: one.clone(),
            span: span(1, 10, 15, "event", "x"),
        },
        Edit::InsertSpan {
            doc: one.clone(),
            span: span(2, 16, 18, "count", "x"),
        },
        Edit::InsertSpan {
            doc: one.clone(),
            span: span(3, 30, 38, "event", "y"),
        },
        Edit::InsertSpan {
            doc: two.clone(),
            span: span(1, 10, 18, "event", "x"),
        },
    ];
    edits.push(Edit::InsertClaim {
        doc: one.clone(),
        claim: claim(1, "x", 0.2, &[("trigger", 1), ("count", 2)]),
    });
    edits.push(Edit::InsertClaim {
        doc: one,
        claim: claim(2, "y", 0.9, &[("trigger", 3), ("count", 2)]),
    });
    edits.push(Edit::InsertClaim {
        doc: two,
        claim: claim(1, "x", 0.25, &[("trigger", 1)]),
    });
    Edit::Batch(edits).apply(&mut project).unwrap();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    project
}

fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn review_rejects_what_a_filter_selects_and_dry_run_changes_nothing() {
    let dir = scratch();
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project()).unwrap();
    let before = std::fs::read(&path).unwrap();

    let args: [&dyn AsRef<std::ffi::OsStr>; 9] = [
        &"review",
        &path,
        &"--reject",
        &"--agent",
        &"x",
        &"--max-confidence",
        &"0.3",
        &"--json",
        &"--dry-run",
    ];
    let report = json(&claimmark(&args));
    assert_eq!(report["rows"], 2);
    assert_eq!(report["claims"], 2);
    assert_eq!(
        report["spans"], 2,
        "the two triggers; the count is still used by claim 2"
    );
    assert_eq!(report["documents"], 2);
    assert_eq!(report["saved"], false);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let report = json(&claimmark(&args[..8]));
    assert_eq!(report["saved"], true);
    let saved = storage::load_project(&path).unwrap();
    let one = &saved.documents[0];
    assert_eq!(
        one.claim(ClaimId(1)).unwrap().status,
        ReviewStatus::Rejected
    );
    assert_eq!(
        one.claim(ClaimId(2)).unwrap().status,
        ReviewStatus::Proposed
    );
    assert_eq!(one.span(SpanId(2)).unwrap().status, ReviewStatus::Proposed);
    let provenance = one.claim(ClaimId(1)).unwrap().provenance.clone().unwrap();
    assert_ne!(
        provenance.reviewed.unwrap().as_str(),
        "1970-01-01T00:00:00Z",
        "the real time is recorded"
    );

    // Accept the rest of document one, by a named reviewer.
    let output = claimmark(&[
        &"review",
        &path,
        &"--accept",
        &"--doc",
        &"one",
        &"--reviewer",
        &"lead",
    ]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "saved {}: accepted 1 claim(s) and 2 span(s)",
            path.display()
        )),
        "{stdout}"
    );
    let saved = storage::load_project(&path).unwrap();
    let claim = saved.documents[0].claim(ClaimId(2)).unwrap();
    assert_eq!(claim.status, ReviewStatus::Accepted);
    assert_eq!(
        claim
            .provenance
            .as_ref()
            .unwrap()
            .reviewer
            .as_ref()
            .unwrap()
            .id,
        "lead"
    );

    // Nothing left to decide there: the file is not rewritten.
    let before = std::fs::read(&path).unwrap();
    let report = json(&claimmark(&[
        &"review",
        &path,
        &"--accept",
        &"--doc",
        &"one",
        &"--json",
    ]));
    assert_eq!(report["claims"], 0);
    assert_eq!(report["saved"], false);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn review_refuses_bad_filters_and_leaves_the_project_alone() {
    let dir = scratch();
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project()).unwrap();
    let before = std::fs::read(&path).unwrap();
    for (args, says) in [
        (vec!["--accept", "--type", "nonsense"], "--type nonsense"),
        (vec!["--accept", "--doc", "three"], "--doc three"),
        (
            vec!["--reject", "--min-confidence", "1.5"],
            "between 0 and 1",
        ),
        (vec!["--accept", "--reject"], "cannot be used with"),
        (vec![], "required"),
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
        command.arg("review").arg(&path).args(&args);
        let output = command.output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn stats_review_gives_each_extractors_kept_share_by_confidence() {
    let dir = scratch();
    let path = dir.path().join("p.ron");
    storage::save_project(&path, &project()).unwrap();
    // x: 0.2 rejected, 0.25 rejected; y: 0.9 accepted.
    let reject: [&dyn AsRef<std::ffi::OsStr>; 5] =
        [&"review", &path, &"--reject", &"--agent", &"x"];
    assert!(claimmark(&reject).status.success());
    let accept: [&dyn AsRef<std::ffi::OsStr>; 5] =
        [&"review", &path, &"--accept", &"--agent", &"y"];
    assert!(claimmark(&accept).status.success());
    let report = json(&claimmark(&[&"stats", &path, &"--review", &"--json"]));
    let calibration = report["calibration"].as_array().unwrap();
    assert_eq!(calibration.len(), 2);
    assert_eq!(calibration[0]["agent"], "x");
    assert_eq!(calibration[0]["type"], "release");
    let x = calibration[0]["buckets"].as_array().unwrap();
    assert_eq!(x.len(), 10);
    assert_eq!(x[2]["reviewed"], 2, "0.2 and 0.25 both in 0.2-0.3");
    assert_eq!(x[2]["kept"], 0);
    assert_eq!(x[2]["rate"], 0.0);
    assert!(x[0]["rate"].is_null());
    let y = calibration[1]["buckets"].as_array().unwrap();
    assert_eq!(y[9]["kept"], 1);
    assert_eq!(y[9]["rate"], 1.0);
    let output = claimmark(&[&"stats", &path, &"--review"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("x · release: kept / reviewed by confidence"),
        "{text}"
    );
    assert!(text.contains("0.2-0.3       0 / 2        0.0 %"), "{text}");
}

#[test]
fn importing_the_same_claims_again_reports_duplicates_unless_kept() {
    let dir = scratch();
    let path = dir.path().join("p.ron");
    let claims = dir.path().join("c.jsonl");
    storage::save_project(&path, &project()).unwrap();
    let output = claimmark(&[&"export", &path, &"-o", &claims, &"--status", &"proposed"]);
    assert!(output.status.success(), "{output:?}");
    let before = std::fs::read(&path).unwrap();

    let report = json(&claimmark(&[&"import", &path, &claims, &"--json"]));
    assert_eq!(report["claims"], 0);
    assert_eq!(report["duplicates"].as_array().unwrap().len(), 3);
    assert!(
        report["duplicates"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("duplicate of claim"),
        "{report}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing imported, nothing written"
    );

    // The same claims under new ids: still duplicates, unless kept.
    let renamed: String = std::fs::read_to_string(&claims)
        .unwrap()
        .lines()
        .map(|line| {
            let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = format!("{}-again", value["id"].as_str().unwrap());
            value["id"] = serde_json::Value::from(id);
            value.to_string() + "\n"
        })
        .collect();
    std::fs::write(&claims, renamed).unwrap();
    let report = json(&claimmark(&[&"import", &path, &claims, &"--json"]));
    assert_eq!(report["claims"], 0);
    assert_eq!(report["duplicates"].as_array().unwrap().len(), 3);
    let report = json(&claimmark(&[
        &"import",
        &path,
        &claims,
        &"--keep-duplicates",
        &"--json",
    ]));
    assert_eq!(report["claims"], 3);
    assert!(report["duplicates"].as_array().unwrap().is_empty());
    assert_eq!(storage::load_project(&path).unwrap().claim_count(), 6);
}
