//! `claimmark extract PROJECT.ron [--doc ID]… [--allow-extractor] [--json]
//! [-- COMMAND…]`: runs an extractor on documents and imports its claims
//! as proposals, through the same library code as the window's *Review ›
//! Run extractor*.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;

use claimmark_core::claim_format::import::ImportReport;
use claimmark_core::extract;
use claimmark_core::model::{DocId, ExtractorConfig};
use claimmark_core::session::Session;

/// What to run, and on what.
pub struct ExtractRequest<'a> {
    pub project: &'a Path,
    pub docs: &'a [String],
    /// A command given on the command line (the caller's own); else the
    /// project's, which runs only with `allow_project_command`.
    pub command: &'a [String],
    pub allow_project_command: bool,
    pub timeout_seconds: Option<u32>,
}

/// Runs the extractor and imports its output; saves the project when
/// anything was imported.
pub fn extract(request: &ExtractRequest<'_>) -> anyhow::Result<ImportReport> {
    let mut session = Session::open(request.project).map_err(|error| anyhow::anyhow!("{error}"))?;
    let config = match (request.command, &session.project().extractor) {
        ([_, ..], _) => ExtractorConfig {
            command: request.command.to_vec(),
            timeout_seconds: request.timeout_seconds,
        },
        ([], Some(named)) if request.allow_project_command => ExtractorConfig {
            timeout_seconds: request.timeout_seconds.or(named.timeout_seconds),
            ..named.clone()
        },
        ([], Some(named)) => anyhow::bail!(
            "{} names the extractor command `{}`; a project file can come from anyone, so it runs only with --allow-extractor (check the command first)",
            request.project.display(),
            named.command_line()
        ),
        ([], None) => anyhow::bail!(
            "{} names no extractor; give one after `--` (claimmark extract {} -- python3 extract.py) or add extractor: (command: [\"python3\", \"extract.py\"]) to the project",
            request.project.display(),
            request.project.display()
        ),
    };
    let docs = if request.docs.is_empty() {
        session
            .project()
            .documents
            .iter()
            .map(|doc| doc.id.clone())
            .collect()
    } else {
        request
            .docs
            .iter()
            .map(|raw| {
                let id =
                    DocId::parse(raw).map_err(|reason| anyhow::anyhow!("--doc {raw}: {reason}"))?;
                anyhow::ensure!(
                    session.project().document(&id).is_some(),
                    "--doc {raw}: {} has no such document",
                    request.project.display()
                );
                Ok(id)
            })
            .collect::<anyhow::Result<Vec<DocId>>>()?
    };
    let output = extract::run_extractor(
        &config,
        session.project(),
        &docs,
        extract::working_dir(Some(request.project)).as_deref(),
        &|done, total| tracing::info!("extracting: {done}/{total} documents"),
        &AtomicBool::new(false),
    )?;
    for (doc, stderr) in &output.stderr {
        tracing::info!("extractor on “{doc}” wrote to stderr: {}", stderr.trim());
    }
    let imported = extract::import_output(session.project(), &output, "extractor output")?;
    if !imported.is_empty() {
        session
            .apply(imported.edit, "Run extractor")
            .context("could not apply the extractor's claims; the project is unchanged")?;
        // Not locked during the run (it may take minutes): the save still
        // refuses if the project changed on disk meanwhile.
        super::save_in_place(&mut session)?;
    }
    Ok(imported.report)
}
