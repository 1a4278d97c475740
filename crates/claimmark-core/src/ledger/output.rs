//! The ledger written for scripts and reports: JSON, CSV, and the section
//! of a dataset manifest, with the claim ids `claim/v1` exports give.

use std::io::Write;

use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};

use super::{ClaimRef, Report, quote};
use crate::claim_format::export::ClaimIds;
use crate::model::{Name, Project, format_day};

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("could not write the ledger: {0}")]
    Write(#[from] std::io::Error),
    #[error("could not write {}: {source}. Check the folder's permissions and free space", path.display())]
    WriteFile {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("could not write the ledger as CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Claim ids as `claim/v1` exports write them.
struct Ids<'p> {
    project: &'p Project,
    ids: ClaimIds,
}

impl Ids<'_> {
    fn of(&self, claim: &ClaimRef) -> String {
        let index = self.project.documents.get(claim.doc).and_then(|doc| {
            doc.claims()
                .binary_search_by_key(&claim.claim, |c| c.id)
                .ok()
        });
        index.map_or_else(
            || claim.label(),
            |index| self.ids.get(claim.doc, index).to_owned(),
        )
    }

    fn list(&self, claims: &[ClaimRef]) -> Vec<String> {
        claims.iter().map(|claim| self.of(claim)).collect()
    }
}

/// A problem as scripts read it, in JSON and in dataset manifests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemRecord {
    /// [`ProblemKind::as_str`](super::ProblemKind::as_str).
    pub kind: String,
    pub message: String,
    /// The claims' `claim/v1` ids.
    pub claims: Vec<String>,
    /// What explanations are stored under.
    pub key: String,
    /// The analyst's note, if the problem is explained.
    pub explanation: Option<String>,
}

impl ProblemRecord {
    fn all(project: &Project, report: &Report, ids: &Ids<'_>) -> Vec<Self> {
        report
            .problems
            .iter()
            .map(|problem| Self {
                kind: problem.kind.as_str().to_owned(),
                message: problem.message.clone(),
                claims: ids.list(&problem.claims),
                key: problem.key(),
                explanation: problem.explanation(project).map(str::to_owned),
            })
            .collect()
    }
}

/// The ledger's section of a dataset manifest: what it read and every
/// problem, so a dataset says whether its claims were checked and agree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerSection {
    pub claims: usize,
    pub facts: usize,
    pub ungrouped: usize,
    pub unexplained: usize,
    pub problems: Vec<ProblemRecord>,
}

impl LedgerSection {
    pub fn of(project: &Project, report: &Report) -> Self {
        let ids = Ids {
            project,
            ids: ClaimIds::of(project),
        };
        Self {
            claims: report.claim_count(),
            facts: report.facts.len(),
            ungrouped: report.ungrouped.len(),
            unexplained: report.unexplained(project).count(),
            problems: ProblemRecord::all(project, report, &ids),
        }
    }

    /// "the claims ledger finds 2 problems, 1 unexplained".
    pub fn summary(&self) -> String {
        match self.problems.len() {
            0 => "the claims ledger finds no problems".to_owned(),
            1 => format!(
                "the claims ledger finds 1 problem, {} unexplained",
                self.unexplained
            ),
            n => format!(
                "the claims ledger finds {n} problems, {} unexplained",
                self.unexplained
            ),
        }
    }
}

/// The ledger as one JSON object: `facts` (each with `type`, `key`,
/// `values`, `documents`, `claims` and `quotes`), `ungrouped`, `problems`
/// (each with `kind`, `message`, `claims`, `key` and `explanation`) and a
/// `summary`.
pub fn to_json(project: &Project, report: &Report) -> Json {
    let ids = Ids {
        project,
        ids: ClaimIds::of(project),
    };
    let facts: Vec<Json> = report
        .facts
        .iter()
        .map(|fact| {
            let key: serde_json::Map<String, Json> = fact
                .key
                .iter()
                .map(|(role, value)| (role.to_string(), Json::from(value.as_str())))
                .collect();
            let values: Vec<Json> = fact
                .values
                .iter()
                .map(|v| json!({"role": v.role.as_str(), "value": v.value, "claims": ids.list(&v.claims)}))
                .collect();
            let quotes: Vec<Json> = fact
                .claims
                .iter()
                .map(|claim| {
                    let quote = quote(project, claim);
                    json!({
                        "claim": ids.of(claim),
                        "document": claim.doc_id.as_str(),
                        "published": quote.as_ref().and_then(|q| q.published).map(format_day),
                        "quote": quote.map(|q| q.text),
                    })
                })
                .collect();
            json!({
                "type": fact.claim_type.as_str(),
                "key": key,
                "values": values,
                "documents": fact.documents,
                "claims": ids.list(&fact.claims),
                "quotes": quotes,
            })
        })
        .collect();
    let ungrouped: Vec<Json> = report
        .ungrouped
        .iter()
        .map(|u| {
            json!({
                "claim": ids.of(&u.claim),
                "type": u.claim_type.as_str(),
                "document": u.claim.doc_id.as_str(),
                "missing": u.missing.iter().map(Name::as_str).collect::<Vec<_>>(),
            })
        })
        .collect();
    let problems: Vec<Json> = ProblemRecord::all(project, report, &ids)
        .iter()
        .filter_map(|record| serde_json::to_value(record).ok())
        .collect();
    json!({
        "facts": facts,
        "ungrouped": ungrouped,
        "problems": problems,
        "summary": {
            "claims": report.claim_count(),
            "facts": report.facts.len(),
            "ungrouped": report.ungrouped.len(),
            "problems": report.problems.len(),
            "unexplained": report.unexplained(project).count(),
        },
    })
}

pub fn write_json(
    project: &Project,
    report: &Report,
    out: &mut impl Write,
) -> Result<(), LedgerError> {
    serde_json::to_writer_pretty(&mut *out, &to_json(project, report))
        .map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The ledger as CSV, one row per record: `claim` (a fact's claim with its
/// quote), `ungrouped`, `problem`.
pub fn write_csv(
    project: &Project,
    report: &Report,
    out: &mut impl Write,
) -> Result<(), LedgerError> {
    let ids = Ids {
        project,
        ids: ClaimIds::of(project),
    };
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "record",
        "fact",
        "type",
        "key",
        "claims",
        "document",
        "published",
        "values",
        "quote",
        "kind",
        "message",
        "explanation",
    ])?;
    for (n, fact) in report.facts.iter().enumerate() {
        let key: Vec<String> = fact
            .key
            .iter()
            .map(|(role, value)| format!("{role}={value}"))
            .collect();
        for claim in &fact.claims {
            let values: Vec<String> = fact
                .values
                .iter()
                .filter(|v| v.claims.contains(claim))
                .map(|v| format!("{}={}", v.role, v.value))
                .collect();
            let quote = quote(project, claim);
            csv.write_record([
                "claim",
                &(n + 1).to_string(),
                fact.claim_type.as_str(),
                &key.join("; "),
                &ids.of(claim),
                claim.doc_id.as_str(),
                &quote
                    .as_ref()
                    .and_then(|q| q.published)
                    .map(format_day)
                    .unwrap_or_default(),
                &values.join("; "),
                &quote.map(|q| q.text).unwrap_or_default(),
                "",
                "",
                "",
            ])?;
        }
    }
    for u in &report.ungrouped {
        let missing: Vec<&str> = u.missing.iter().map(Name::as_str).collect();
        csv.write_record([
            "ungrouped",
            "",
            u.claim_type.as_str(),
            "",
            &ids.of(&u.claim),
            u.claim.doc_id.as_str(),
            "",
            "",
            "",
            "",
            &format!("missing key roles: {}", missing.join(", ")),
            "",
        ])?;
    }
    for p in &report.problems {
        csv.write_record([
            "problem",
            "",
            "",
            "",
            &ids.list(&p.claims).join(" "),
            "",
            "",
            "",
            "",
            p.kind.as_str(),
            &p.message,
            p.explanation(project).unwrap_or_default(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

/// The ledger's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerFormat {
    Json,
    Csv,
}

impl LedgerFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
        }
    }
}

/// The ledger in `format`, as bytes.
pub fn to_bytes(
    project: &Project,
    report: &Report,
    format: LedgerFormat,
) -> Result<Vec<u8>, LedgerError> {
    let mut bytes = Vec::new();
    match format {
        LedgerFormat::Json => write_json(project, report, &mut bytes)?,
        LedgerFormat::Csv => write_csv(project, report, &mut bytes)?,
    }
    Ok(bytes)
}

/// Writes the ledger to `path` atomically (the caller has checked that it
/// is not one of the command's inputs).
pub fn write_file(
    project: &Project,
    report: &Report,
    format: LedgerFormat,
    path: &std::path::Path,
) -> Result<(), LedgerError> {
    let bytes = to_bytes(project, report, format)?;
    crate::storage::atomic::write_atomic(path, &bytes).map_err(|source| LedgerError::WriteFile {
        path: path.to_owned(),
        source,
    })
}
