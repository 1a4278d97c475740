//! `claimmark suggest PROJECT.ron [--doc ID]... [--json]`: runs the
//! built-in pre-annotator on a project and saves it in place (atomically).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use claimmark_core::model::DocId;
use claimmark_core::suggest;

/// What `claimmark suggest` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestReport {
    pub project: PathBuf,
    /// Documents looked at.
    pub documents: usize,
    /// Proposed spans per label, by label name.
    pub per_label: BTreeMap<String, usize>,
    pub total: usize,
    /// Proposed claims per claim type (with `--claims`).
    pub per_claim_type: BTreeMap<String, usize>,
    pub claims: usize,
}

/// Proposes spans in the named documents (all when `docs` is empty) and
/// saves the project if anything was proposed.
pub fn suggest(project: &Path, docs: &[String], claims: bool) -> anyhow::Result<SuggestReport> {
    let mut session = super::open_for_update(project, false)?;
    let ids = docs
        .iter()
        .map(|raw| {
            let id =
                DocId::parse(raw).map_err(|reason| anyhow::anyhow!("--doc {raw}: {reason}"))?;
            if session.project().document(&id).is_none() {
                let known: Vec<&str> = session
                    .project()
                    .documents
                    .iter()
                    .map(|doc| doc.id.as_str())
                    .collect();
                anyhow::bail!(
                    "--doc {raw}: {} has no such document; its documents are: {}",
                    project.display(),
                    known.join(", ")
                );
            }
            Ok(id)
        })
        .collect::<anyhow::Result<Vec<DocId>>>()?;
    let selection = (!ids.is_empty()).then_some(ids.as_slice());
    let what = if claims {
        suggest::Proposals::SpansAndClaims {
            created: claimmark_core::model::Timestamp::now(),
        }
    } else {
        suggest::Proposals::Spans
    };
    let edit = suggest::suggest_proposals(session.project(), selection, &what, &|done, total| {
        tracing::info!("suggesting: {done}/{total} documents");
    })?;
    let documents = selection.map_or(session.project().documents.len(), <[DocId]>::len);
    let mut per_label: BTreeMap<String, usize> = BTreeMap::new();
    for span in edit.inserted_spans() {
        *per_label.entry(span.label.to_string()).or_default() += 1;
    }
    let total = per_label.values().sum();
    let mut per_claim_type: BTreeMap<String, usize> = BTreeMap::new();
    for claim in edit.inserted_claims() {
        *per_claim_type
            .entry(claim.claim_type.to_string())
            .or_default() += 1;
    }
    let claims = per_claim_type.values().sum();
    if total + claims > 0 {
        session
            .apply(
                edit,
                if claims > 0 {
                    "Suggest spans and claims"
                } else {
                    "Suggest spans"
                },
            )
            .context("could not add the proposals to the project")?;
        super::save_in_place(&mut session)?;
    }
    Ok(SuggestReport {
        project: project.to_owned(),
        documents,
        per_label,
        total,
        per_claim_type,
        claims,
    })
}

/// The report as one line of JSON.
pub fn report_json(report: &SuggestReport) -> String {
    serde_json::json!({
        "project": report.project.display().to_string(),
        "documents": report.documents,
        "proposed": report.per_label,
        "total": report.total,
        "claims_proposed": report.per_claim_type,
        "claims": report.claims,
    })
    .to_string()
}

/// Prints the report: a summary line and one line per label, or JSON.
pub fn print_suggest_report(report: &SuggestReport, json: bool) {
    if json {
        println!("{}", report_json(report));
        return;
    }
    let saved = if report.total + report.claims > 0 {
        "saved"
    } else {
        "unchanged"
    };
    println!(
        "{} {}: proposed {} span(s) in {} document(s)",
        saved,
        report.project.display(),
        report.total,
        report.documents
    );
    for (label, count) in &report.per_label {
        println!("  {label:<14} {count:>6}");
    }
    if !report.per_claim_type.is_empty() {
        println!("and {} claim(s):", report.claims);
        for (claim_type, count) in &report.per_claim_type {
            println!("  {claim_type:<14} {count:>6}");
        }
    }
}
