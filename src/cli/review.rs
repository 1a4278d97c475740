//! `claimmark review PROJECT.ron --accept|--reject [filters] [--dry-run]
//! [--json]`: a bulk decision from the command line, through the same
//! queue filter and bulk edit as the window's review queue.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use claimmark_core::model::{Agent, DocId, Name, ReviewStatus, Timestamp};
use claimmark_core::review::{self, QueueFilter, QueueSort, Reviewer, RowFlag};
use claimmark_core::session::Session;

/// What to decide and for which rows.
#[derive(Debug, Clone)]
pub struct ReviewRequest<'a> {
    pub project: &'a Path,
    pub status: ReviewStatus,
    pub types: &'a [String],
    pub agent: Option<&'a str>,
    pub min_confidence: Option<f64>,
    pub max_confidence: Option<f64>,
    pub docs: &'a [String],
    pub flag: Option<RowFlag>,
    pub since_run: Option<u32>,
    pub reviewer: &'a str,
    pub dry_run: bool,
}

/// What `claimmark review` did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewReport {
    pub project: PathBuf,
    pub status: ReviewStatus,
    /// Rows the filter selected.
    pub rows: usize,
    pub claims: usize,
    pub spans: usize,
    pub documents: usize,
    pub saved: bool,
    pub dry_run: bool,
}

/// Decides every proposal the filter selects and saves the project in
/// place (atomically) when anything changed and this is not a dry run.
pub fn review(request: &ReviewRequest<'_>) -> anyhow::Result<ReviewReport> {
    let mut session = super::open_for_update(request.project, false)?;
    let filter = filter(request, &session)?;
    let rows = review::queue::build(session.project(), &filter, QueueSort::DocumentOrder);
    let reviewer = Reviewer {
        agent: Agent::person(request.reviewer),
        at: Timestamp::now(),
    };
    let decision = review::decide_all(session.project(), &rows, request.status, &reviewer);
    let mut report = ReviewReport {
        project: request.project.to_owned(),
        status: request.status,
        rows: rows.len(),
        claims: decision.claims,
        spans: decision.spans,
        documents: decision.documents,
        saved: false,
        dry_run: request.dry_run,
    };
    if !request.dry_run && !decision.is_empty() {
        session
            .apply(decision.edit, "Bulk review")
            .context("could not apply the decision to the project")?;
        report.saved = super::save_in_place(&mut session)?;
    }
    Ok(report)
}

fn filter(request: &ReviewRequest<'_>, session: &Session) -> anyhow::Result<QueueFilter> {
    for (flag, bound) in [
        ("--min-confidence", request.min_confidence),
        ("--max-confidence", request.max_confidence),
    ] {
        if let Some(bound) = bound
            && !(0.0..=1.0).contains(&bound)
        {
            anyhow::bail!("{flag} {bound}: a confidence is between 0 and 1");
        }
    }
    let project = session.project();
    let types = request
        .types
        .iter()
        .map(|raw| {
            let name =
                Name::parse(raw).map_err(|reason| anyhow::anyhow!("--type {raw}: {reason}"))?;
            let known =
                project.schema.claim_type(&name).is_some() || project.schema.label(&name).is_some();
            anyhow::ensure!(
                known,
                "--type {raw}: {} has no claim type or label of that name",
                request.project.display()
            );
            Ok(name)
        })
        .collect::<anyhow::Result<Vec<Name>>>()?;
    let docs = request
        .docs
        .iter()
        .map(|raw| {
            let id =
                DocId::parse(raw).map_err(|reason| anyhow::anyhow!("--doc {raw}: {reason}"))?;
            anyhow::ensure!(
                project.document(&id).is_some(),
                "--doc {raw}: {} has no such document",
                request.project.display()
            );
            Ok(id)
        })
        .collect::<anyhow::Result<Vec<DocId>>>()?;
    Ok(QueueFilter {
        types,
        agent: request.agent.map(str::to_owned),
        min_confidence: request.min_confidence,
        max_confidence: request.max_confidence,
        docs,
        flag: request.flag,
        since_run: request.since_run,
        ..QueueFilter::default()
    })
}

/// The report as one line of JSON.
pub fn report_json(report: &ReviewReport) -> String {
    serde_json::json!({
        "project": report.project.display().to_string(),
        "decision": report.status.as_str(),
        "rows": report.rows,
        "claims": report.claims,
        "spans": report.spans,
        "documents": report.documents,
        "dry_run": report.dry_run,
        "saved": report.saved,
    })
    .to_string()
}

/// Prints the report as a sentence, or JSON.
pub fn print_review_report(report: &ReviewReport, json: bool) {
    if json {
        println!("{}", report_json(report));
        return;
    }
    let what = format!(
        "{} {} claim(s) and {} span(s) in {} document(s) ({} row(s) selected)",
        report.status.as_str(),
        report.claims,
        report.spans,
        report.documents,
        report.rows
    );
    if report.dry_run {
        println!(
            "dry run, {} unchanged: would have {what}",
            report.project.display()
        );
    } else if report.saved {
        println!("saved {}: {what}", report.project.display());
    } else {
        println!("unchanged {}: {what}", report.project.display());
    }
}
