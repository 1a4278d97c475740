//! `claimmark score` and `claimmark agree`: reading both sides, printing a
//! table or JSON, and the exit code.

use std::path::Path;

use anyhow::Context as _;

use claimmark_core::model::Schema;
use claimmark_core::score::agree::{AgreeReport, agree};
use claimmark_core::score::input::{Loaded, read_both, read_source};
use claimmark_core::score::table::{render_agree_table, render_table};
use claimmark_core::score::{Metric, ScoreOptions, ScoreReport, StatusFilter, score};

/// What `claimmark score` was asked.
#[derive(Debug, Clone)]
pub struct ScoreRequest<'a> {
    pub gold: &'a Path,
    pub pred: &'a Path,
    pub options: ScoreOptions,
    /// Count gold items still `proposed` (normally only reviewed gold counts).
    pub gold_proposed: bool,
}

/// Reads both sides and scores them. Spans made from claim anchors get the
/// labels of the first project's schema (else the default schema).
pub fn run_score(request: &ScoreRequest<'_>) -> anyhow::Result<ScoreReport> {
    let gold_keep = if request.gold_proposed {
        StatusFilter::NotRejected
    } else {
        StatusFilter::Reviewed
    };
    let (gold, pred) = read_both(
        || read_source(request.gold, gold_keep),
        || read_source(request.pred, StatusFilter::NotRejected),
    );
    let mut gold = gold.context("could not read the gold side")?;
    let mut pred = pred.context("could not read the predictions")?;
    relabel(&mut gold, &mut pred);
    Ok(score(&gold.corpus, &pred.corpus, request.options))
}

fn relabel(a: &mut Loaded, b: &mut Loaded) {
    let schema = a
        .schema
        .clone()
        .or_else(|| b.schema.clone())
        .unwrap_or_else(Schema::default_news);
    a.corpus.relabel_kinds(&schema);
    b.corpus.relabel_kinds(&schema);
}

/// Prints a score report: JSON or the table to stdout; with JSON, input
/// problems also go to stderr so that a person sees them.
pub fn print_score(report: &ScoreReport, json: bool) -> anyhow::Result<()> {
    if json {
        for problem in report.gold.problems.iter().chain(&report.pred.problems) {
            eprintln!("{problem}");
        }
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print!("{}", render_table(report));
    }
    Ok(())
}

/// The message when the headline F1 is below the bar, if it is.
pub fn below_bar(report: &ScoreReport, min_f1: f64) -> Option<String> {
    let f1 = report.f1(report.headline.metric);
    (f1 < min_f1).then(|| {
        format!(
            "{} F1 {f1:.3} is below --min-f1 {min_f1:.3}",
            report.headline.metric.as_str()
        )
    })
}

/// `--metric` values.
pub fn parse_metric(raw: &str) -> Result<Metric, String> {
    Metric::parse(raw).ok_or_else(|| {
        let names: Vec<&str> = Metric::ALL.iter().map(|m| m.as_str()).collect();
        format!("“{raw}” is not a metric; use one of {}", names.join(", "))
    })
}

/// `--min-f1` values: a number from 0 to 1.
pub fn parse_f1(raw: &str) -> Result<f64, String> {
    match raw.parse::<f64>() {
        Ok(value) if (0.0..=1.0).contains(&value) => Ok(value),
        _ => Err(format!("“{raw}” is not a number from 0 to 1")),
    }
}

/// Reads two analysts' projects (or fixtures) and compares them.
pub fn run_agree(a: &Path, b: &Path) -> anyhow::Result<AgreeReport> {
    let (a, b) = read_both(
        || read_source(a, StatusFilter::Reviewed),
        || read_source(b, StatusFilter::Reviewed),
    );
    let mut a = a.context("could not read A")?;
    let mut b = b.context("could not read B")?;
    relabel(&mut a, &mut b);
    Ok(agree(&a.corpus, &b.corpus))
}

pub fn print_agree(
    report: &AgreeReport,
    json: bool,
    max_disagreements: usize,
) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print!("{}", render_agree_table(report, max_disagreements));
    }
    Ok(())
}
