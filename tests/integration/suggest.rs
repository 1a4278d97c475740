//! The suggester measured against the gold set in `tests/gold/` (format and
//! conventions in its README), and `claimmark suggest` on a project file.
//!
//! `cargo test --test integration suggest -- --nocapture` prints the table
//! that docs/benchmarks.md quotes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use claimmark_core::model::{
    Anchoring, CountModifier, CountValue, DateModifier, DateValue, Granularity,
};
use claimmark_core::model::{CharRange, Document, Project, Schema, Value, notation};
use claimmark_core::storage;
use claimmark_core::suggest::suggest_document;

use super::fixtures::scratch;

/// One gold article: the annotated document and the expected value of
/// each date and count span (`None`: the normaliser must ask the analyst).
struct Gold {
    doc: Document,
    values: BTreeMap<CharRange, Option<Value>>,
}

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold")
}

fn parse_date(raw: &str) -> Option<Value> {
    if raw == "?" {
        return None;
    }
    let parts: Vec<&str> = raw.split_whitespace().collect();
    let granularity = match parts[1] {
        "year" => Granularity::Year,
        "month" => Granularity::Month,
        "day" => Granularity::Day,
        other => panic!("granularity {other:?} in {raw:?}"),
    };
    let anchoring = match parts[2] {
        "absolute" => Anchoring::Absolute,
        "published" => Anchoring::Published,
        other => panic!("anchoring {other:?} in {raw:?}"),
    };
    let modifier = parts.get(3).map(|m| match *m {
        "before" => DateModifier::Before,
        "after" => DateModifier::After,
        "approx" => DateModifier::Approx,
        "start" => DateModifier::Start,
        "mid" => DateModifier::Mid,
        "end" => DateModifier::End,
        other => panic!("date modifier {other:?} in {raw:?}"),
    });
    Some(Value::Date(DateValue {
        value: parts[0].to_owned(),
        granularity,
        modifier,
        anchoring,
    }))
}

fn parse_count(raw: &str) -> Value {
    let parts: Vec<&str> = raw.split_whitespace().collect();
    assert_eq!(
        parts.len(),
        3,
        "count value {raw:?}: NUMBER MODIFIER LOWER..UPPER"
    );
    let number = (parts[0] != "-").then(|| parts[0].parse().unwrap());
    let modifier = match parts[1] {
        "exact" => CountModifier::Exact,
        "approx" => CountModifier::Approx,
        "more_than" => CountModifier::MoreThan,
        "at_least" => CountModifier::AtLeast,
        "less_than" => CountModifier::LessThan,
        "at_most" => CountModifier::AtMost,
        "range" => CountModifier::Range,
        "vague" => CountModifier::Vague,
        other => panic!("count modifier {other:?} in {raw:?}"),
    };
    let (lower, upper) = parts[2].split_once("..").expect("LOWER..UPPER");
    let bound = |b: &str| (!b.is_empty()).then(|| b.parse().unwrap());
    Value::Count(CountValue {
        number,
        modifier,
        lower: bound(lower),
        upper: bound(upper),
    })
}

fn load_gold(path: &Path) -> Gold {
    let raw = std::fs::read_to_string(path).unwrap();
    let name = path.display();
    let (header, rest) = raw.split_once("\n\n").expect("a header, then a blank line");
    let (article, table) = rest
        .split_once("\n\n== values\n")
        .unwrap_or_else(|| panic!("{name}: no “== values” line"));
    let header: BTreeMap<&str, &str> = header
        .lines()
        .map(|line| line.split_once(": ").expect("key: value"))
        .collect();
    let mut doc =
        notation::document(header["id"], article).unwrap_or_else(|e| panic!("{name}: {e}"));
    doc.published = match header["published"] {
        "none" => None,
        date => Some(claimmark_core::model::parse_day(date).expect("YYYY-MM-DD")),
    };
    let with_values: Vec<_> = doc
        .spans()
        .iter()
        .filter(|s| matches!(s.label.as_str(), "date" | "count"))
        .collect();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(
        rows.len(),
        with_values.len(),
        "{name}: one value row per date and count span"
    );
    let mut values = BTreeMap::new();
    for (span, row) in with_values.into_iter().zip(rows) {
        let [label, text, value] = row[..] else {
            panic!("{name}: row {row:?} is not “label | text | value”")
        };
        assert_eq!(
            (label, text),
            (span.label.as_str(), doc.span_text(span)),
            "{name}: the values table is out of step with the spans"
        );
        let expected = if label == "date" {
            parse_date(value)
        } else {
            Some(parse_count(value))
        };
        values.insert(span.range, expected);
    }
    Gold { doc, values }
}

fn gold_set() -> Vec<Gold> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(gold_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|path| load_gold(path)).collect()
}

#[derive(Default, Debug)]
struct Tally {
    gold: usize,
    proposed: usize,
    matched: usize,
    values_checked: usize,
    values_right: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.matched, self.proposed)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    fn value_accuracy(&self) -> f64 {
        ratio(self.values_right, self.values_checked)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Runs the suggester on each gold article (without its spans) and tallies
/// strict matches per label; also lists every difference.
fn measure(gold: &[Gold]) -> (BTreeMap<String, Tally>, Vec<String>) {
    let schema = Schema::default_news();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut differences = Vec::new();
    for article in gold {
        let mut bare = Document::new(
            article.doc.id.clone(),
            article.doc.title.clone(),
            article.doc.text.clone(),
        );
        bare.published = article.doc.published;
        let proposed = suggest_document(&bare, &schema, &[]);
        let gold_spans: BTreeSet<(CharRange, String)> = article
            .doc
            .spans()
            .iter()
            .map(|s| (s.range, s.label.to_string()))
            .collect();
        for span in article.doc.spans() {
            tallies.entry(span.label.to_string()).or_default().gold += 1;
        }
        for span in &proposed {
            let tally = tallies.entry(span.label.to_string()).or_default();
            tally.proposed += 1;
            let text = bare.span_text(span);
            if !gold_spans.contains(&(span.range, span.label.to_string())) {
                differences.push(format!("{}: extra {} “{text}”", bare.id, span.label));
                continue;
            }
            tally.matched += 1;
            if let Some(expected) = article.values.get(&span.range) {
                tally.values_checked += 1;
                let got = span.value.as_ref().map(|v| v.value.clone());
                if &got == expected {
                    tally.values_right += 1;
                } else {
                    differences.push(format!(
                        "{}: value of {} “{text}”: got {got:?}, want {expected:?}",
                        bare.id, span.label
                    ));
                }
            }
        }
        for span in article.doc.spans() {
            if !proposed
                .iter()
                .any(|p| p.range == span.range && p.label == span.label)
            {
                differences.push(format!(
                    "{}: missed {} “{}”",
                    bare.id,
                    span.label,
                    article.doc.span_text(span)
                ));
            }
        }
    }
    (tallies, differences)
}

fn print_table(tallies: &BTreeMap<String, Tally>) {
    println!("| label | gold | proposed | matched | precision | recall | values right |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (label, t) in tallies {
        let values = if t.values_checked > 0 {
            format!(
                "{}/{} = {:.2}",
                t.values_right,
                t.values_checked,
                t.value_accuracy()
            )
        } else {
            "–".to_owned()
        };
        println!(
            "| {label} | {} | {} | {} | {:.2} | {:.2} | {values} |",
            t.gold,
            t.proposed,
            t.matched,
            t.precision(),
            t.recall()
        );
    }
}

#[test]
fn suggester_meets_its_targets_on_the_gold_set() {
    let gold = gold_set();
    assert!(gold.len() >= 6, "the gold set has at least six articles");
    let words: usize = gold
        .iter()
        .map(|g| g.doc.text.as_str().split_whitespace().count())
        .sum();
    assert!(words >= 600, "several hundred words ({words})");
    let (tallies, differences) = measure(&gold);
    println!("\n{} gold articles, {words} words", gold.len());
    print_table(&tallies);
    println!("\nDifferences:");
    for difference in &differences {
        println!("  {difference}");
    }
    for label in ["date", "count"] {
        let t = &tallies[label];
        assert!(t.recall() >= 0.95, "{label} recall {:.3}", t.recall());
        assert!(
            t.precision() >= 0.9,
            "{label} precision {:.3}",
            t.precision()
        );
        assert!(
            t.value_accuracy() >= 0.9,
            "{label} value accuracy {:.3}",
            t.value_accuracy()
        );
    }
    let persons = &tallies["person"];
    assert!(
        persons.recall() >= 0.8,
        "person recall {:.3}",
        persons.recall()
    );
}

#[test]
fn the_gold_set_is_our_own_text() {
    // Nothing in the gold set is a run of 12 words from a shared corpus
    // article, where that corpus is around (it is not part of the repo).
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        return;
    };
    let mut shingles = std::collections::BTreeSet::new();
    for entry in entries {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        let words: Vec<&str> = text.split_whitespace().collect();
        for window in words.windows(12) {
            shingles.insert(window.join(" "));
        }
    }
    for gold in gold_set() {
        let text = gold.doc.text.as_str();
        let words: Vec<&str> = text.split_whitespace().collect();
        for window in words.windows(12) {
            let shingle = window.join(" ");
            assert!(
                !shingles.contains(&shingle),
                "{}: “{shingle}” is copied",
                gold.doc.id
            );
        }
    }
}

fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

#[test]
fn cli_suggest_saves_proposals_once_and_reports_per_label() {
    let dir = scratch();
    let path = dir.path().join("p.ron");
    let mut project = Project::default();
    let mut first = notation::document(
        "first",
        "[person|Ales Bialiatski] was freed on Thursday with 30 others.",
    )
    .unwrap();
    first.published = claimmark_core::model::parse_day("2024-11-14");
    project.documents.push(first);
    project
        .documents
        .push(notation::document("second", "Viasna counts 1,278 political prisoners.").unwrap());
    storage::save_project(&path, &project).unwrap();

    let output = claimmark(&[&"suggest", &path, &"--doc", &"first", &"--json"]);
    assert!(output.status.success(), "{output:?}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["documents"], 1);
    assert_eq!(report["total"], 3);
    assert_eq!(
        report["proposed"],
        serde_json::json!({"count": 1, "date": 1, "event": 1})
    );
    let saved = storage::load_project(&path).unwrap();
    assert_eq!(saved.documents[0].spans().len(), 4);
    assert!(saved.documents[1].spans().is_empty(), "only --doc first");

    // All documents; what was proposed is not proposed again.
    let output = claimmark(&[&"suggest", &path]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "saved {}: proposed 2 span(s) in 2 document(s)",
            path.display()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("organization"), "{stdout}");
    let output = claimmark(&[&"suggest", &path, &"--json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["total"], 0);

    // An unknown document is refused, naming the ones there are.
    let before = std::fs::read(&path).unwrap();
    let output = claimmark(&[&"suggest", &path, &"--doc", &"third"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--doc third"), "{stderr}");
    assert!(stderr.contains("first, second"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}
