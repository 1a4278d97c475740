//! Importing an extractor's claims (read and anchored in the background,
//! with progress, then applied as one undoable step) and exporting claims,
//! spans or gold fixtures in `claim/v1`.

use std::fmt::Write as _;
use std::path::Path;

use super::jobs::{Job, JobOutput};
use super::{ClaimmarkApp, Modal};
use crate::command::ExportChoice;
use claimmark_core::claim_format::{export, import};

impl ClaimmarkApp {
    pub(crate) fn import_claims_from(&mut self, path: &Path, ctx: &egui::Context) {
        if self.job.is_some() {
            self.set_status("Wait for the work under way to finish.");
            return;
        }
        let project = self.session.project().clone();
        let file = path.to_owned();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        self.job = Some(Job::start(
            format!("Importing {name}"),
            ctx,
            move |progress| {
                let read = import::read_claims_file(&file, &project, &|done, total| {
                    progress.report(done, total);
                });
                JobOutput::Import(file, read.map(Box::new))
            },
        ));
    }

    /// A claims file was read: one edit for what fits the project, and the
    /// report for the rest.
    pub(crate) fn finish_import(
        &mut self,
        path: &Path,
        read: Result<Box<import::Prepared>, import::ImportError>,
    ) {
        let prepared = match read {
            Ok(prepared) => prepared,
            Err(error) => {
                self.show_error(
                    format!("Could not import {}", path.display()),
                    error.to_string(),
                );
                return;
            }
        };
        self.apply_import(
            *prepared,
            &format!("Import claims from {}", file_name(path)),
            &[],
        );
    }

    /// Applies prepared claims (a file's, an extractor's) as one undoable
    /// step and shows what happened; `stderr` is what an extractor wrote
    /// there, per document.
    pub(crate) fn apply_import(
        &mut self,
        prepared: import::Prepared,
        description: &str,
        stderr: &[(claimmark_core::model::DocId, String)],
    ) {
        let imported = prepared.into_edit(self.session.project());
        let empty = imported.is_empty();
        let report = imported.report;
        let applied = !empty && self.apply(imported.edit, description);
        let mut text = report.summary();
        let run_lines = report.run_lines();
        if !run_lines.is_empty() {
            text.push_str("\n\n");
            text.push_str(&run_lines.join("\n"));
            text.push_str("\n(The review queue's “since” filter shows this run's claims; its flags mark what changed.)");
        }
        let lines = report.lines();
        if !lines.is_empty() {
            text.push_str("\n\n");
            text.push_str(&lines.join("\n"));
        }
        for (doc, written) in stderr {
            let first: Vec<String> = written
                .lines()
                .take(5)
                .map(|line| line.chars().flat_map(char::escape_default).collect())
                .collect();
            let _ = write!(
                text,
                "\n\nThe extractor wrote on “{doc}”:\n{}",
                first.join("\n")
            );
        }
        if applied {
            text.push_str("\n\nThe claims are proposals: Q opens the review queue, J goes to the next, A accepts, X rejects, E edits. Ctrl+Z undoes the whole import.");
        }
        self.modal = Some(Modal::Report {
            title: if report.problems.is_empty() {
                "Claims imported".to_owned()
            } else {
                format!("Claims imported, {} line(s) not", report.problems.len())
            },
            text,
        });
    }

    pub(crate) fn export_claims_to(&mut self, path: &Path, choice: &ExportChoice) {
        if self.refuse_conflicts("Claims") {
            return;
        }
        let filter = export::Filter {
            statuses: choice.statuses.clone(),
            documents: Vec::new(),
        };
        let project = self.session.project();
        let mut count = 0;
        let written = claimmark_core::storage::atomic::replace_with(path, |file| {
            let mut out = std::io::BufWriter::new(file);
            count = if choice.spans {
                export::write_spans(project, &filter, &mut out)
            } else {
                export::write_claims(project, &filter, &mut out)
            }
            .map_err(std::io::Error::other)?;
            std::io::Write::flush(&mut out)
        });
        match written {
            Ok(()) => {
                let what = if choice.spans { "span" } else { "claim" };
                self.set_status(format!(
                    "Wrote {count} {what} line(s) to {}.",
                    path.display()
                ));
            }
            Err(error) => self.show_error(
                format!("Could not export to {}", path.display()),
                format!("{error}. Nothing was written there; choose another place."),
            ),
        }
    }

    /// Exports of reviewed data wait until no merge conflict is left.
    pub(super) fn refuse_conflicts(&mut self, what: &str) -> bool {
        let count = self.session.project().conflicts.len();
        if count > 0 {
            self.show_error(
                format!("{what} not written"),
                format!("The project has {count} unresolved merge conflict(s): which version is the reviewed one is not decided yet. Resolve them first (View › Merge conflicts, Ctrl+Shift+M)."),
            );
        }
        count > 0
    }

    pub(crate) fn export_fixtures_to(&mut self, dir: &Path, choice: &ExportChoice, replace: bool) {
        if self.refuse_conflicts("Fixtures") {
            return;
        }
        let filter = export::Filter {
            statuses: choice.statuses.clone(),
            documents: Vec::new(),
        };
        let project_path = self
            .session
            .path()
            .map_or_else(|| Path::new("untitled.ron").to_owned(), Path::to_owned);
        match export::check_fixtures_folder(dir, replace) {
            Ok(()) => {}
            Err(export::ExportError::NotEmpty(_)) => {
                self.modal = Some(Modal::ReplaceFixtures {
                    dir: dir.to_owned(),
                    choice: choice.clone(),
                });
                return;
            }
            Err(error) => {
                self.show_error("Fixtures not written", error.to_string());
                return;
            }
        }
        match export::write_fixtures(
            self.session.project(),
            &project_path,
            &filter,
            dir,
            choice.spans,
        ) {
            Ok(manifest) => self.set_status(format!(
                "Wrote fixtures for {} document(s), {} claim(s) to {}.",
                manifest.documents,
                manifest.claims,
                dir.display()
            )),
            Err(error) => self.show_error(
                format!("Could not write fixtures to {}", dir.display()),
                error.to_string(),
            ),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
