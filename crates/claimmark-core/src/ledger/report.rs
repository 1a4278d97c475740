//! The ledger as people and scripts read it: facts with their values and
//! quotes, ungrouped claims, problems; written as JSON or CSV with the
//! claim ids `claim/v1` exports give.

use std::collections::BTreeSet;
use std::io::Write;

use serde_json::{Value as Json, json};

use super::{ClaimRef, Ledger, Placement, Problem};
use crate::claim_format::export::ClaimIds;
use crate::model::sentences::sentence_around;
use crate::model::{CharRange, Name, Project, format_day};

/// The text a claim stands on: the sentence(s) around its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub range: CharRange,
    pub text: String,
    pub published: Option<time::Date>,
}

/// The quote of a claim: the sentence around its spans; `None` for a
/// claim without spans (every argument implicit).
pub fn quote(project: &Project, claim: &ClaimRef) -> Option<Quote> {
    let doc = project.documents.get(claim.doc)?;
    let found = doc.claim(claim.claim)?;
    let mut extent: Option<CharRange> = None;
    for argument in &found.arguments {
        let range = doc.span(argument.span)?.range;
        extent = Some(extent.map_or(range, |e| {
            CharRange::new(e.start().min(range.start()), e.end().max(range.end()))
        }));
    }
    let range = sentence_around(&doc.text, extent?);
    Some(Quote {
        range,
        text: doc.text.slice(range).unwrap_or_default().to_owned(),
        published: doc.published,
    })
}

/// One value a fact's claims give a role, and who gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactValue {
    pub role: Name,
    pub value: String,
    pub claims: Vec<ClaimRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactView {
    pub claim_type: Name,
    /// Each key role with its value, as people read it.
    pub key: Vec<(Name, String)>,
    pub values: Vec<FactValue>,
    pub claims: Vec<ClaimRef>,
    /// How many documents state it.
    pub documents: usize,
    /// Its contradictions (indexes into [`Report::problems`]).
    pub problems: Vec<usize>,
}

impl FactView {
    /// "pardon · actor Lukashenko · date 2025-09-11".
    pub fn title(&self) -> String {
        let mut title = self.claim_type.display();
        for (role, value) in &self.key {
            title.push_str(" · ");
            title.push_str(&role.display());
            title.push(' ');
            title.push_str(value);
        }
        title
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UngroupedView {
    pub claim: ClaimRef,
    pub claim_type: Name,
    /// The key roles it leaves empty (none when its type has no key roles).
    pub missing: Vec<Name>,
}

/// The ledger, read out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub facts: Vec<FactView>,
    pub ungrouped: Vec<UngroupedView>,
    pub problems: Vec<Problem>,
}

impl Ledger {
    pub fn report(&self, project: &Project) -> Report {
        let mut problems: Vec<Problem> = Vec::new();
        let mut facts = Vec::with_capacity(self.facts.len());
        for group in self.facts.values() {
            let mut claims = Vec::with_capacity(group.members.len());
            let mut values: Vec<FactValue> = Vec::new();
            let mut documents = BTreeSet::new();
            let mut key = Vec::new();
            let mut claim_type = None;
            for &(doc, index) in &group.members {
                let (Some(claim), Some(row)) = (self.claim_ref(doc, index), self.row(doc, index))
                else {
                    continue;
                };
                documents.insert(doc);
                claim_type.get_or_insert_with(|| row.claim_type.clone());
                let ty = project.schema.claim_type(&row.claim_type);
                if key.is_empty()
                    && let Some(ty) = ty
                    && row.has_full_key()
                {
                    key = ty
                        .key_roles
                        .iter()
                        .zip(&row.key)
                        .filter_map(|(role, value)| {
                            Some((role.clone(), value.as_ref()?.shown.clone()))
                        })
                        .collect();
                }
                for filler in &row.fillers {
                    let is_key = ty.is_some_and(|ty| ty.is_key(&filler.role));
                    if is_key || filler.role.as_str() == crate::model::TRIGGER_ROLE {
                        continue;
                    }
                    match values
                        .iter_mut()
                        .find(|v| v.role == filler.role && v.value == filler.shown)
                    {
                        Some(value) => value.claims.push(claim.clone()),
                        None => values.push(FactValue {
                            role: filler.role.clone(),
                            value: filler.shown.clone(),
                            claims: vec![claim.clone()],
                        }),
                    }
                }
                claims.push(claim);
            }
            let Some(claim_type) = claim_type else {
                continue;
            };
            let first_problem = problems.len();
            problems.extend(group.problems.iter().cloned());
            facts.push(FactView {
                claim_type,
                key,
                values,
                claims,
                documents: documents.len(),
                problems: (first_problem..problems.len()).collect(),
            });
        }
        problems.extend(
            self.people
                .values()
                .flat_map(|g| g.problems.iter().cloned()),
        );
        problems.extend(self.docs.iter().flat_map(|d| d.problems.iter().cloned()));
        let ungrouped = self
            .docs
            .iter()
            .enumerate()
            .flat_map(|(doc, ledger)| {
                ledger
                    .placements
                    .iter()
                    .enumerate()
                    .filter_map(move |(index, placement)| match placement {
                        Placement::Ungrouped(missing) => Some((doc, index, missing)),
                        Placement::Fact(_) => None,
                    })
            })
            .filter_map(|(doc, index, missing)| {
                Some(UngroupedView {
                    claim: self.claim_ref(doc, index)?,
                    claim_type: self.row(doc, index)?.claim_type.clone(),
                    missing: missing.clone(),
                })
            })
            .collect();
        Report {
            facts,
            ungrouped,
            problems,
        }
    }
}

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
    let problems: Vec<Json> = report
        .problems
        .iter()
        .map(|p| {
            json!({
                "kind": p.kind.as_str(),
                "message": p.message,
                "claims": ids.list(&p.claims),
                "key": p.key(),
                "explanation": p.explanation(project),
            })
        })
        .collect();
    let unexplained = report
        .problems
        .iter()
        .filter(|p| p.explanation(project).is_none())
        .count();
    json!({
        "facts": facts,
        "ungrouped": ungrouped,
        "problems": problems,
        "summary": {
            "claims": report.facts.iter().map(|f| f.claims.len()).sum::<usize>() + report.ungrouped.len(),
            "facts": report.facts.len(),
            "ungrouped": report.ungrouped.len(),
            "problems": report.problems.len(),
            "unexplained": unexplained,
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
