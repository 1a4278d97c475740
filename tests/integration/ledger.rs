//! `claimmark ledger`, `validate`'s ledger warnings and the dataset
//! manifest's ledger section, on the sample project's own articles: Viasna's
//! counts on two dates, 31 against 30 in one article, amnesty parts that add
//! up only if "more than 2,090" is 2,500.

use std::path::{Path, PathBuf};

use claimmark_core::edit::Edit;
use claimmark_core::storage;
use serde_json::Value as Json;

use super::cli::claimmark;
use super::fixtures::{sample_project, scratch};

const PARDONS_DISAGREE: &str = "same_document_disagrees:pardon-31:c1,pardon-31:c3";
const PARTS_OPEN_BOUND: &str = "parts_open_bound:amnesty-7850:c1";

fn saved_sample(dir: &Path) -> PathBuf {
    let path = dir.join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    path
}

fn ledger_json(project: &Path, extra: &[&str]) -> Json {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"ledger", &project, &"--json"];
    for arg in extra {
        args.push(arg);
    }
    let out = claimmark(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strings(value: &Json) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn ledger_json_names_facts_and_problems_by_exported_claim_ids() {
    let dir = scratch();
    let project = saved_sample(dir.path());
    let ledger = ledger_json(&project, &[]);

    // Viasna's counts are one series: two facts (two as-of dates), one
    // source, each stated by one document.
    let viasna: Vec<&Json> = ledger["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["type"] == "prisoner_count" && f["key"]["source"] == "Viasna")
        .collect();
    let as_of: Vec<&str> = viasna
        .iter()
        .map(|f| f["key"]["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(as_of, ["2024-11", "2025-02-13"]);
    assert_eq!(strings(&viasna[1]["claims"]), ["kuznechyk-freed:c4"]);
    assert!(
        viasna[1]["quotes"][0]["quote"]
            .as_str()
            .unwrap()
            .contains("1,229"),
        "{}",
        viasna[1]["quotes"]
    );

    // 31 against 30 in one article; the parts' open bound said in numbers.
    let problems = ledger["problems"].as_array().unwrap();
    let keys: Vec<&str> = problems
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, [PARDONS_DISAGREE, PARTS_OPEN_BOUND]);
    assert_eq!(problems[0]["kind"], "same_document_disagrees");
    assert_eq!(
        strings(&problems[0]["claims"]),
        ["pardon-31:c1", "pardon-31:c3"]
    );
    let message = problems[1]["message"].as_str().unwrap();
    assert!(
        message.contains("“more than 2,090” released must be 2,500"),
        "{message}"
    );
    assert_eq!(ledger["summary"]["unexplained"], 2);

    // Every id is one `claimmark export` writes.
    let export = dir.path().join("all.claims.jsonl");
    let out = claimmark(&[&"export", &project, &"--out", &export]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported: Vec<String> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<Json>(line).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut named: Vec<&str> = ledger["facts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| strings(&f["claims"]))
        .chain(problems.iter().flat_map(|p| strings(&p["claims"])))
        .collect();
    named.extend(
        ledger["ungrouped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["claim"].as_str().unwrap()),
    );
    for id in named {
        assert!(
            exported.iter().any(|e| e == id),
            "{id} is not an exported id"
        );
    }

    // `--type` reads only that type: the pardon contradiction stays.
    let pardons = ledger_json(&project, &["--type", "pardon"]);
    assert!(
        pardons["facts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["type"] == "pardon")
    );
    let kinds: Vec<&str> = pardons["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, [PARDONS_DISAGREE]);
}

#[test]
fn check_fails_until_every_problem_is_explained_and_validate_warns_meanwhile() {
    let dir = scratch();
    let project = saved_sample(dir.path());
    let check = || claimmark(&[&"ledger", &project, &"--check"]);

    let out = check();
    assert_eq!(
        out.status.code(),
        Some(1),
        "unexplained problems fail the check"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 problems, 2 unexplained"), "{text}");

    let out = claimmark(&[&"validate", &project]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "warnings do not fail validate: {text}"
    );
    let warnings: Vec<&str> = text.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(warnings.len(), 2, "{text}");
    // Each at its first claim's line in the project file.
    let file = std::fs::read_to_string(&project).unwrap();
    for warning in &warnings {
        let line: usize = warning.split(':').nth(1).unwrap().parse().unwrap();
        let at = file.lines().nth(line - 1).unwrap();
        assert!(
            at.contains("(id: 1, claim_type:"),
            "{warning} points at {at}"
        );
    }

    let mut explained = storage::load_project(&project).unwrap();
    for key in [PARDONS_DISAGREE, PARTS_OPEN_BOUND] {
        Edit::SetExplanation {
            problem: key.to_owned(),
            note: "the article quotes both figures".to_owned(),
        }
        .apply(&mut explained)
        .unwrap();
    }
    storage::save_project(&project, &explained).unwrap();

    let out = check();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = claimmark(&[&"validate", &project]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("warning"), "{text}");
    let ledger = ledger_json(&project, &[]);
    assert_eq!(
        ledger["problems"][0]["explanation"],
        "the article quotes both figures"
    );

    // CSV: one problem row per problem, with its note.
    let out = claimmark(&[&"ledger", &project, &"--csv"]);
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    let problems: Vec<csv::StringRecord> = rows
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == "problem")
        .collect();
    assert_eq!(problems.len(), 2);
    assert_eq!(&problems[0][4], "pardon-31:c1 pardon-31:c3");
    assert_eq!(&problems[0][11], "the article quotes both figures");
}

#[test]
fn ledger_files_are_written_whole_and_never_onto_the_project() {
    let dir = scratch();
    let project = saved_sample(dir.path());
    let before = std::fs::read(&project).unwrap();
    let out = claimmark(&[&"ledger", &project, &"--json", &"-o", &project]);
    assert!(!out.status.success(), "refused");
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(error.contains("sample.ron"), "{error}");
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "project untouched"
    );

    let out = claimmark(&[&"ledger", &project, &"-o", &dir.path().join("l.txt")]);
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(error.contains("add --json or --csv"), "{error}");

    let json = dir.path().join("ledger.json");
    let out = claimmark(&[&"ledger", &project, &"--json", &"-o", &json]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: Json = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(written, ledger_json(&project, &[]));
}

#[test]
fn the_dataset_manifest_carries_the_ledger_of_its_claims() {
    let dir = scratch();
    let project = saved_sample(dir.path());
    let out_dir = dir.path().join("dataset");
    let out = claimmark(&[
        &"dataset",
        &project,
        &"--format",
        &"claims",
        &"--out",
        &out_dir,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("the claims ledger finds 2 problems, 2 unexplained"),
        "{stdout}"
    );
    let manifest: Json =
        serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap()).unwrap();
    let section = &manifest["ledger"];
    assert_eq!(section["unexplained"], 2);
    assert_eq!(section["claims"], manifest["counts"]["claims"]);
    let keys: Vec<&str> = section["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, [PARDONS_DISAGREE, PARTS_OPEN_BOUND]);
}
