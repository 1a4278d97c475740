//! `claimmark score`, `agree` and `dataset` on the command line, end to end:
//! a gold project exported as fixtures, predictions written by hand as
//! claim/v1 lines, brat and spaCy exports read back.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use claimmark_core::edit::Edit;
use claimmark_core::model::{Anchoring, CountModifier, CountValue, DateValue, Granularity};
use claimmark_core::model::{
    Argument, CanonicalText, Claim, ClaimId, Name, Project, SpanId, SpanValue, Value, ValueSource,
    notation,
};
use claimmark_core::storage;

use super::fixtures::{sample_project, scratch};

fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

fn text_of(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Our own test article (facts from public reporting, words ours).
const ARTICLE: &str = "[organization|Viasna] says “[person|Ihar Losik]” was [event|freed] on \
[date|30 June 2025] — [count|16] others were [event|released] with him.\n";

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

/// The gold project: six spans, two release claims, values on the date and
/// the count.
fn gold_project(doc_id: &str) -> Project {
    let mut project = Project::default();
    let mut doc = notation::document(doc_id, ARTICLE).unwrap();
    doc.title = "Losik freed".into();
    let id = doc.id.clone();
    project.documents.push(doc);
    let mut set_value = |span: u32, value: Value| {
        let mut changed = project.documents[0].span(SpanId(span)).unwrap().clone();
        changed.value = Some(SpanValue {
            value,
            source: ValueSource::Hand,
        });
        Edit::ReplaceSpan {
            doc: id.clone(),
            span: changed,
        }
        .apply(&mut project)
        .unwrap();
    };
    set_value(
        4,
        Value::Date(DateValue {
            value: "2025-06-30".into(),
            granularity: Granularity::Day,
            modifier: None,
            anchoring: Anchoring::Absolute,
        }),
    );
    set_value(
        5,
        Value::Count(CountValue {
            number: Some(16),
            modifier: CountModifier::Exact,
            lower: None,
            upper: None,
        }),
    );
    let claims = [
        (
            1,
            vec![
                ("trigger", 3),
                ("released_person", 2),
                ("date", 4),
                ("source", 1),
            ],
        ),
        (2, vec![("trigger", 6), ("count", 5)]),
    ];
    for (n, args) in claims {
        let mut claim = Claim::new(ClaimId(n), name("release"));
        claim.arguments = args
            .into_iter()
            .map(|(role, span)| Argument::new(name(role), SpanId(span)))
            .collect();
        Edit::InsertClaim {
            doc: id.clone(),
            claim,
        }
        .apply(&mut project)
        .unwrap();
    }
    project
}

/// A claim/v1 anchor on the first occurrence of `exact` in the article.
fn anchor(exact: &str) -> String {
    let text =
        CanonicalText::from_bytes(notation::parse(ARTICLE).unwrap().text.as_bytes()).unwrap();
    let byte = text.as_str().find(exact).unwrap();
    let start = text.char_offset_of_byte(byte).get();
    let end = start + exact.chars().count();
    format!(r#"{{"start":{start},"end":{end},"exact":"{exact}"}}"#)
}

fn claim_line(id: &str, ty: &str, trigger: &str, args: &[String], status: &str) -> String {
    format!(
        r#"{{"schema":"claim/v1","id":"{id}","doc":{{"id":"losik","text_sha256":"{}","text_length":100}},"type":"{ty}","trigger":{},"args":[{}],"status":"{status}","confidence":0.8,"provenance":{{"creator":{{"kind":"software","id":"test-extractor"}},"created":"2026-11-22T10:00:00Z"}},"extractor_run":7}}"#,
        sha(),
        anchor(trigger),
        args.join(",")
    )
}

fn sha() -> String {
    CanonicalText::from_bytes(notation::parse(ARTICLE).unwrap().text.as_bytes())
        .unwrap()
        .sha256_hex()
}

fn arg(role: &str, exact: Option<&str>, value: &str) -> String {
    let anchor = exact.map_or_else(|| "null".to_owned(), anchor);
    format!(r#"{{"role":"{role}","anchor":{anchor},"value":{value}}}"#)
}

/// Predictions: the first release right but for the source and a short
/// date span; the second right plus an implicit place; a spurious arrest;
/// a rejected claim; then a line that is not UTF-8 and one that is not JSON.
fn predictions(dir: &Path) -> PathBuf {
    let date = r#"{"kind":"date","value":"2025-06-30","granularity":"day","anchoring":"absolute"}"#;
    let lines = [
        claim_line(
            "p1",
            "release",
            "freed",
            &[
                arg(
                    "released_person",
                    Some("Ihar Losik"),
                    r#"{"kind":"person","name":"Ihar Losik"}"#,
                ),
                arg("date", Some("30 June"), date),
            ],
            "proposed",
        ),
        claim_line(
            "p2",
            "release",
            "released",
            &[
                arg(
                    "count",
                    Some("16"),
                    r#"{"kind":"count","number":16,"mod":"exact"}"#,
                ),
                arg("place", None, r#"{"kind":"place","name":"Belarus"}"#),
            ],
            "proposed",
        ),
        claim_line("p3", "arrest", "freed", &[], "proposed"),
        claim_line("p4", "pardon", "released", &[], "rejected"),
    ];
    let mut bytes = lines.join("\n").into_bytes();
    bytes.extend_from_slice(b"\n\xff\xfe\n{\"schema\":\"claim/v1\",\n");
    let path = dir.join("pred.jsonl");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Gold as a fixtures folder, written by `claimmark dataset --format claims`.
fn gold_fixtures(dir: &Path) -> PathBuf {
    let project = dir.join("gold.ron");
    storage::save_project(&project, &gold_project("losik")).unwrap();
    let out = dir.join("gold");
    let output = claimmark(&[&"dataset", &project, &"-o", &out, &"--format", &"claims"]);
    assert!(output.status.success(), "{:?}", text_of(&output));
    out
}

#[test]
fn score_prints_a_table_with_every_figure() {
    let dir = scratch();
    let gold = gold_fixtures(dir.path());
    let pred = predictions(dir.path());
    let output = claimmark(&[&"score", &"--gold", &gold, &"--pred", &pred]);
    let (stdout, stderr) = text_of(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    // Claims: two aligned, the arrest spurious: P 2/3, R 1, F1 0.8.
    assert!(stdout.contains("headline: claims F1 0.800"), "{stdout}");
    assert!(
        stdout.contains("pred.jsonl:5: the line is not UTF-8"),
        "{stdout}"
    );
    assert!(
        stdout.contains("pred.jsonl:6: not a JSON object"),
        "{stdout}"
    );
    assert!(
        stdout.contains("left out by status: 1 claims rejected"),
        "{stdout}"
    );
    assert!(stdout.contains("spans from claim anchors"), "{stdout}");
}

#[test]
fn score_json_has_the_hand_computed_figures() {
    let dir = scratch();
    let gold = gold_fixtures(dir.path());
    let pred = predictions(dir.path());
    let output = claimmark(&[&"score", &"--gold", &gold, &"--pred", &pred, &"--json"]);
    let (stdout, stderr) = text_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("pred.jsonl:5"),
        "problems also on stderr: {stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let tally = |v: &serde_json::Value| (v["tp"].clone(), v["fp"].clone(), v["fn"].clone());
    let n = |a: i64, b: i64, c: i64| (a.into(), b.into(), c.into());
    // Claims: TP 2 (both releases), FP 1 (the arrest), FN 0.
    assert_eq!(tally(&json["claims"]["micro"]), n(2, 1, 0));
    assert_eq!(json["claims"]["micro"]["f1"], 0.8);
    // Arguments: 5 of 6 gold tuples found (not the source); the place and
    // the arrest's trigger are spurious. F1 = 10/13.
    assert_eq!(tally(&json["arguments"]["micro"]), n(5, 2, 1));
    assert_eq!(json["arguments"]["micro"]["f1"], 0.769_231);
    assert_eq!(tally(&json["arguments"]["by_role"]["source"]), n(0, 0, 1));
    // Spans (gold from .spans.jsonl, predictions from anchors): freed,
    // Ihar Losik, released, 16 exact; "30 June" overlaps "30 June 2025";
    // Viasna missed. The arrest's trigger is the same span as p1's.
    assert_eq!(tally(&json["spans"]["strict"]["micro"]), n(4, 1, 2));
    let partial = &json["spans"]["partial"]["micro"];
    assert_eq!(
        (
            &partial["correct"],
            &partial["partial"],
            &partial["missing"],
            &partial["spurious"]
        ),
        (&4.into(), &1.into(), &1.into(), &0.into())
    );
    assert_eq!(json["documents"]["compared"], 1);
    assert_eq!(json["gold"]["span_source"], "spans");
    assert!(!stdout.contains("NaN"));
}

#[test]
fn min_f1_sets_the_exit_code_on_the_chosen_metric() {
    let dir = scratch();
    let gold = gold_fixtures(dir.path());
    let pred = predictions(dir.path());
    let run = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            vec![&"score", &"--gold", &gold, &"--pred", &pred];
        args.extend_from_slice(extra);
        claimmark(&args)
    };
    let output = run(&[&"--min-f1", &"0.9"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text_of(&output)
            .1
            .contains("claims F1 0.800 is below --min-f1 0.900")
    );
    assert_eq!(run(&[&"--min-f1", &"0.8"]).status.code(), Some(0));
    let output = run(&[&"--min-f1", &"0.8", &"--metric", &"arguments"]);
    assert_eq!(output.status.code(), Some(1), "arguments F1 is 10/13");
    assert_eq!(
        run(&[&"--min-f1", &"1.5"]).status.code(),
        Some(2),
        "clap refuses"
    );
    let output = run(&[&"--metric", &"tokens"]);
    assert!(
        text_of(&output)
            .1
            .contains("use one of spans, spans-partial, arguments, claims")
    );
}

#[test]
fn score_reports_inputs_it_cannot_read() {
    let dir = scratch();
    let pred = predictions(dir.path());
    let missing = dir.path().join("nowhere.jsonl");
    let output = claimmark(&[&"score", &"--gold", &missing, &"--pred", &pred]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text_of(&output)
            .1
            .contains("nowhere.jsonl: no such file or folder")
    );
    // An empty gold file: figures, not a failure; every prediction spurious.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let output = claimmark(&[&"score", &"--gold", &empty, &"--pred", &pred, &"--json"]);
    let json: serde_json::Value = serde_json::from_str(&text_of(&output).0).unwrap();
    assert_eq!(json["claims"]["micro"]["precision"], 0.0);
    assert_eq!(json["documents"]["only_pred"][0], "losik");
    assert!(
        json["notes"][0]
            .as_str()
            .unwrap()
            .contains("hold no spans and no claims")
    );
}

#[test]
fn agree_pairs_documents_by_text_and_lists_disagreements() {
    let dir = scratch();
    let a = dir.path().join("a.ron");
    storage::save_project(&a, &gold_project("losik")).unwrap();
    // B named the document differently, tagged only "Ihar" and no count.
    let mut b_project = Project::default();
    let marked = ARTICLE
        .replace("[person|Ihar Losik]", "[person|Ihar] Losik")
        .replace("[count|16]", "16");
    b_project
        .documents
        .push(notation::document("losik-b", &marked).unwrap());
    let b = dir.path().join("b.ron");
    storage::save_project(&b, &b_project).unwrap();

    let output = claimmark(&[&"agree", &a, &b]);
    let (stdout, stderr) = text_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("documents compared (same text): 1"),
        "{stdout}"
    );
    assert!(stdout.contains("kappa over"), "{stdout}");
    assert!(stdout.contains("boundary"), "{stdout}");
    assert!(stdout.contains("span_only_a"), "{stdout}");
    assert!(stdout.contains("claim_only_a"), "{stdout}");

    let output = claimmark(&[&"agree", &a, &b, &"--json"]);
    let json: serde_json::Value = serde_json::from_str(&text_of(&output).0).unwrap();
    assert_eq!(json["spans_strict"]["micro"]["tp"], 4);
    assert!(json["kappa"]["overall"]["kappa"].as_f64().unwrap() > 0.0);
    assert_eq!(json["claims"]["micro"]["fn"], 2);
    let kinds: BTreeSet<&str> = json["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    // "value": A normalised the date, B did not.
    assert_eq!(
        kinds,
        BTreeSet::from(["boundary", "claim_only_a", "span_only_a", "value"])
    );
}

/// One text-bound line of a `.ann` file: id, type, fragments, text.
type TextBound = (String, String, Vec<(usize, usize)>, String);

/// A small reader of brat `.ann` files: text-bound annotations and events.
fn parse_ann(ann: &str) -> (Vec<TextBound>, Vec<Vec<String>>) {
    let mut bounds = Vec::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0].chars().next() {
            Some('T') => {
                let (ty, offsets) = fields[1].split_once(' ').unwrap();
                let fragments = offsets
                    .split(';')
                    .map(|f| {
                        let (s, e) = f.split_once(' ').unwrap();
                        (s.parse().unwrap(), e.parse().unwrap())
                    })
                    .collect();
                bounds.push((
                    fields[0].to_owned(),
                    ty.to_owned(),
                    fragments,
                    fields[2].to_owned(),
                ));
            }
            Some('E') => events.push(fields[1].split(' ').map(str::to_owned).collect()),
            Some('#') => assert!(fields[1].starts_with("AnnotatorNotes T"), "{line}"),
            _ => panic!("unexpected line {line}"),
        }
    }
    (bounds, events)
}

fn sample_on_disk(dir: &Path) -> PathBuf {
    let path = dir.join("sample.ron");
    storage::save_project(&path, &sample_project()).unwrap();
    path
}

#[test]
fn brat_export_reads_back_with_offsets_that_fit_the_text() {
    let dir = scratch();
    let project = sample_on_disk(dir.path());
    let out = dir.path().join("brat");
    let output = claimmark(&[&"dataset", &project, &"-o", &out, &"--format", &"brat"]);
    let (stdout, stderr) = text_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("wrote brat dataset"), "{stdout}");
    assert!(stderr.contains("claim without a trigger"), "{stderr}");
    let sample = sample_project();
    let mut events = 0;
    for doc in &sample.documents {
        let text: Vec<char> = std::fs::read_to_string(out.join(format!("{}.txt", doc.id)))
            .unwrap()
            .chars()
            .collect();
        assert_eq!(text.iter().collect::<String>(), doc.text.as_str());
        let (bounds, doc_events) =
            parse_ann(&std::fs::read_to_string(out.join(format!("{}.ann", doc.id))).unwrap());
        for (id, _, fragments, covered) in &bounds {
            let found: Vec<String> = fragments
                .iter()
                .map(|&(s, e)| text[s..e].iter().collect())
                .collect();
            assert_eq!(&found.join(" "), covered, "{id} in {}", doc.id);
        }
        // Every entity is a span of the project with that label.
        let spans: BTreeSet<(usize, usize, String)> = doc
            .spans()
            .iter()
            .map(|s| {
                (
                    s.range.start().get(),
                    s.range.end().get(),
                    s.label.to_string(),
                )
            })
            .collect();
        let entity_bounds = bounds.iter().filter(|b| spans.iter().any(|s| s.2 == b.1));
        for (_, ty, fragments, _) in entity_bounds {
            let whole = (fragments[0].0, fragments.last().unwrap().1, ty.clone());
            assert!(spans.contains(&whole), "{whole:?}");
        }
        // Events point at text-bound annotations that exist; the trigger's
        // type is the event's.
        for event in &doc_events {
            let (ty, trigger) = event[0].split_once(':').unwrap();
            assert!(
                bounds.iter().any(|b| b.0 == trigger && b.1 == ty),
                "{event:?}"
            );
            for role in &event[1..] {
                let (role, target) = role.split_once(':').unwrap();
                assert!(role.starts_with(|c: char| c.is_ascii_uppercase()), "{role}");
                assert!(bounds.iter().any(|b| b.0 == target), "{target}");
            }
        }
        events += doc_events.len();
    }
    // 11 claims, 2 of them prisoner counts without a trigger.
    assert_eq!(events, 9);
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    assert!(conf.contains("[events]\nrelease\t"), "{conf}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], "brat");
    assert_eq!(manifest["counts"]["events"], 9);
    assert_eq!(
        manifest["not_carried_counts"]["claim without a trigger: brat events need one"],
        2
    );
    assert_eq!(manifest["files"].as_array().unwrap().len(), 7);
}

#[test]
fn spacy_export_offsets_are_code_points_of_the_text() {
    let dir = scratch();
    let project = sample_on_disk(dir.path());
    let out = dir.path().join("spacy");
    let output = claimmark(&[&"dataset", &project, &"-o", &out, &"--format", &"spacy"]);
    assert!(output.status.success(), "{:?}", text_of(&output));
    let sample = sample_project();
    let lines = std::fs::read_to_string(out.join("spacy.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), sample.documents.len());
    for (line, doc) in lines.iter().zip(&sample.documents) {
        let text: Vec<char> = line["text"].as_str().unwrap().chars().collect();
        // The sample's "MINSK —" has a three-byte dash: byte offsets would drift.
        let spans: Vec<(usize, usize, String)> = line["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                    s[2].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(spans.len(), doc.spans().len());
        for ((s, e, label), span) in spans.iter().zip(doc.spans()) {
            assert_eq!(text[*s..*e].iter().collect::<String>(), doc.span_text(span));
            assert_eq!(label, span.label.as_str());
        }
        assert_eq!(line["meta"]["text_sha256"], doc.text.sha256_hex());
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["not_carried_counts"]["claims: spaCy JSONL holds spans only"],
        11
    );
}
