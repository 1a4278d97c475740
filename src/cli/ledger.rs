//! `claimmark ledger`: the claims ledger of a project, as text, JSON or
//! CSV, and `--check` for builds to gate on.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use claimmark_core::Name;
use claimmark_core::ledger::{ClaimRef, Ledger, LedgerFormat, LedgerOptions, Report};
use claimmark_core::model::Project;
use claimmark_core::storage;

use super::commands::{exit_status, fail, print_out};

pub struct LedgerArgs {
    pub project: PathBuf,
    pub options: LedgerOptions,
    /// `None`: the text summary.
    pub format: Option<LedgerFormat>,
    pub check: bool,
    pub out: Option<PathBuf>,
}

pub fn run(args: &LedgerArgs) -> ExitCode {
    match write(args) {
        Ok(unexplained) => exit_status(!args.check || unexplained == 0),
        Err(error) => fail("ledger", &error),
    }
}

/// Writes the ledger; returns how many problems are unexplained.
fn write(args: &LedgerArgs) -> anyhow::Result<usize> {
    let project = storage::load_project(&args.project).map_err(|e| anyhow::anyhow!("{e}"))?;
    let ledger = Ledger::build(&project, args.options.clone());
    let report = ledger.report(&project);
    let unexplained = report.unexplained(&project).count();
    match (args.format, &args.out) {
        (Some(format), Some(out)) => {
            storage::paths::refuse_own_input(out, &[&args.project])?;
            claimmark_core::ledger::write_file(&project, &report, format, out)?;
        }
        (Some(format), None) => {
            let bytes = claimmark_core::ledger::to_bytes(&project, &report, format)?;
            let _ = std::io::stdout().lock().write_all(&bytes);
        }
        (None, Some(_)) => {
            anyhow::bail!("-o writes JSON or CSV; add --json or --csv");
        }
        (None, None) => print_out(&text(&project, &report)),
    }
    Ok(unexplained)
}

/// The ledger for people: a summary line, each fact with its values, the
/// ungrouped claims, the problems (explained ones with their note).
pub fn text(project: &Project, report: &Report) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{}", report.summary(project));
    if !report.facts.is_empty() {
        out.push_str("\nFacts:\n");
    }
    for fact in &report.facts {
        let documents = if fact.documents == 1 {
            "1 document".to_owned()
        } else {
            format!("{} documents", fact.documents)
        };
        let _ = writeln!(out, "  {} ({documents})", fact.title());
        for value in &fact.values {
            let claims: Vec<String> = value.claims.iter().map(ClaimRef::label).collect();
            let _ = writeln!(
                out,
                "    {} {}: {}",
                value.role.display(),
                value.value,
                claims.join(", ")
            );
        }
    }
    if !report.ungrouped.is_empty() {
        out.push_str("\nUngrouped (key roles missing):\n");
    }
    for ungrouped in &report.ungrouped {
        let missing: Vec<String> = ungrouped.missing.iter().map(Name::display).collect();
        let missing = if missing.is_empty() {
            "its type has no key roles".to_owned()
        } else {
            format!("no {}", missing.join(", "))
        };
        let _ = writeln!(
            out,
            "  {} {}: {missing}",
            ungrouped.claim.label(),
            ungrouped.claim_type.display()
        );
    }
    if !report.problems.is_empty() {
        out.push_str("\nProblems:\n");
    }
    for problem in &report.problems {
        let claims: Vec<String> = problem.claims.iter().map(ClaimRef::label).collect();
        let _ = writeln!(
            out,
            "  {}: {} [{}]",
            problem.kind.as_str(),
            claimmark_core::text_shown::shown_lines(&problem.message),
            claims.join(", ")
        );
        if let Some(note) = problem.explanation(project) {
            let _ = writeln!(
                out,
                "    explained: {}",
                claimmark_core::text_shown::shown_lines(note)
            );
        }
    }
    out
}
