//! Command-line subcommands, on the same library the window uses: their
//! arguments and dispatch in [`commands`]; `add` here, `export`/`import`/
//! `validate` in [`claims`], `stats`, `suggest`, `score`/`agree`, `dataset`.

pub mod claims;
pub mod commands;
pub mod dataset;
pub mod extract;
pub mod review;
pub mod score;
pub mod stats;
pub mod suggest;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use claimmark_core::session::Session;
use claimmark_core::storage::articles::{self, ArticleMeta};

/// What `claimmark add` did.
#[derive(Debug)]
pub struct AddReport {
    pub added: Vec<String>,
    pub refused: Vec<String>,
    pub created: bool,
}

/// `claimmark add PROJECT ARTICLE… [--published] [--source] [--title]`:
/// adds articles to a project, creating it if missing. Good files are added
/// even when others are refused; the project is saved atomically once.
pub fn add(project: &Path, files: &[PathBuf], meta: &ArticleMeta) -> anyhow::Result<AddReport> {
    let created = !project.exists();
    let mut session = if created {
        Session::new_at(project)
    } else {
        Session::open(project).map_err(|error| anyhow::anyhow!("{error}"))?
    };
    let batch = articles::read_articles(session.project(), files, meta);
    let added: Vec<String> = batch
        .documents
        .iter()
        .map(|doc| doc.id.to_string())
        .collect();
    let edit = claimmark_core::edit::append_documents(session.project(), batch.documents);
    session
        .apply(edit, "Add articles")
        .context("could not add the articles")?;
    if !added.is_empty() || created {
        if let Some(parent) = project.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create the folder {}", parent.display()))?;
        }
        session.save().map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    Ok(AddReport {
        added,
        refused: batch.refused.iter().map(ToString::to_string).collect(),
        created,
    })
}

/// Prints an add report: refusals to stderr, a summary to stdout.
pub fn print_add_report(project: &Path, report: &AddReport) {
    let mut stderr = std::io::stderr().lock();
    for line in &report.refused {
        let _ = writeln!(stderr, "{line}");
    }
    let verb = if report.created { "created" } else { "updated" };
    println!(
        "{verb} {}: added {} document(s), refused {} file(s)",
        project.display(),
        report.added.len(),
        report.refused.len()
    );
}
