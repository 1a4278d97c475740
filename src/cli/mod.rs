//! Command-line subcommands, on the same library the window uses: their
//! arguments and dispatch in [`commands`]; `add` here, `export`/`import`/
//! `validate` in [`claims`], `stats`, `suggest`, `score`/`agree`, `dataset`.

pub mod args;
pub mod claims;
pub mod commands;
pub mod dataset;
pub mod extract;
pub mod interop;
pub mod ledger;
pub mod merge;
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
    if let Some(parent) = project.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("could not create the folder {}", parent.display()))?;
    }
    let mut session = open_for_update(project, true)?;
    let created = session.disk_state().is_none();
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
        save_in_place(&mut session)?;
    }
    Ok(AddReport {
        added,
        refused: batch.refused.iter().map(ToString::to_string).collect(),
        created,
    })
}

/// Opens a project to change it, holding its folder's lock until the session
/// is dropped: a second claimmark changing it waits, so no change is lost.
pub(crate) fn open_for_update(project: &Path, create: bool) -> anyhow::Result<Session> {
    Session::open_for_update(project, create).map_err(|error| anyhow::anyhow!("{error}"))
}

/// Saves a session to its own file (refused when the file changed on disk
/// since it was read) and says when the window's recovery copies of
/// unsaved work exist beside it: they are left for the window.
pub(crate) fn save_in_place(session: &mut Session) -> anyhow::Result<bool> {
    // The lock keeps other claimmark processes out; a program that ignores
    // it (git pull, an editor) is merged with rather than overwritten.
    let merged = session
        .save_merging()
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let saved = session.path().is_some();
    if let (Some(report), Some(path)) = (merged, session.path()) {
        let name = claimmark_core::text_shown::shown(&path.display().to_string()).into_owned();
        eprintln!("note: {name} changed on disk while this command ran; merged with it:");
        for line in report.lines() {
            eprintln!("note: {name}: {line}");
        }
    }
    if let Some(path) = session.path() {
        let copies = claimmark_core::storage::recovery::find_all(path);
        if !copies.is_empty() {
            eprintln!(
                "note: {}: {} recovery cop{} of unsaved work from the window {} beside it, left as {}; open the project in claimmark to restore or discard {}",
                claimmark_core::text_shown::shown(&path.display().to_string()),
                copies.len(),
                if copies.len() == 1 { "y" } else { "ies" },
                if copies.len() == 1 { "is" } else { "are" },
                if copies.len() == 1 {
                    "it was"
                } else {
                    "they were"
                },
                if copies.len() == 1 { "it" } else { "them" },
            );
        }
    }
    Ok(saved)
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
