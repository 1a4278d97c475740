//! File › Import annotations…: other tools' files read and previewed
//! (format, documents, spans, claims, names the schema lacks, refusals)
//! before one undoable edit imports them, by `claimmark_core::interop` as
//! `claimmark import` does.

use std::path::PathBuf;

use super::jobs::{Job, JobOutput};
use super::{ClaimmarkApp, Modal};
use crate::view::ImportPreview;
use claimmark_core::interop::{self, Options};

impl ClaimmarkApp {
    /// Reads the files in the background (a large export takes a
    /// moment), with Cancel; the preview opens when they are read.
    pub(super) fn preview_import(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if self.job.is_some() {
            self.set_status("Wait for the work under way to finish.");
            return;
        }
        let project = self.session.project().clone();
        let title = match paths.as_slice() {
            [one] => format!(
                "Reading {}",
                one.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ),
            _ => format!("Reading {} files", paths.len()),
        };
        self.job = Some(Job::start(title, ctx, move |progress| {
            progress.report(0, 1);
            let read = interop::format_of(&paths, None)
                .and_then(|format| interop::read(&paths, format).map(|read| (format, read)));
            JobOutput::ImportPreview(read.map(|(format, (docs, refused))| {
                let options = Options::default();
                let report =
                    interop::prepare(&project, docs.clone(), &refused, format.name(), &options)
                        .report;
                let map = report
                    .unknown
                    .iter()
                    .map(|unknown| (unknown.name.clone(), String::new()))
                    .collect();
                progress.report(1, 1);
                Box::new(ImportPreview {
                    paths,
                    format,
                    docs,
                    refused,
                    options,
                    report,
                    map,
                    add_to_schema: false,
                })
            }))
        }));
    }

    /// The files are read: the preview, or why they could not be.
    pub(super) fn show_import_preview(
        &mut self,
        read: Result<Box<ImportPreview>, interop::InteropError>,
    ) {
        match read {
            Ok(preview) => self.modal = Some(Modal::ImportPreview(preview)),
            Err(error) => self.show_error("Could not import these files", error.to_string()),
        }
    }

    pub(super) fn refresh_import(&mut self, options: Options) {
        if let Some(Modal::ImportPreview(preview)) = &mut self.modal {
            preview.report = interop::prepare(
                self.session.project(),
                preview.docs.clone(),
                &preview.refused,
                preview.format.name(),
                &options,
            )
            .report;
            preview.options = options;
        }
    }

    pub(super) fn confirm_import(&mut self, options: &Options) {
        let Some(Modal::ImportPreview(preview)) = self.modal.take() else {
            return;
        };
        let prepared = interop::prepare(
            self.session.project(),
            preview.docs,
            &preview.refused,
            preview.format.name(),
            options,
        );
        let (problems, summary) = prepared.report.lines();
        let description = format!("Import {} annotations", preview.format.name());
        if self.apply(prepared.edit, description) {
            if let Some(first) = prepared.report.documents_added.first()
                && let Ok(id) = claimmark_core::model::DocId::parse(first)
            {
                self.view.document = Some(id);
            }
            self.set_status(summary.clone());
            if !problems.is_empty() {
                self.modal = Some(Modal::Report {
                    title: "Some annotations were not imported".into(),
                    text: format!("{summary}\n\n{}", problems.join("\n")),
                });
            }
        }
    }
}

impl ClaimmarkApp {
    /// File › Export dataset…: `claimmark dataset` into `dir`.
    pub(super) fn export_dataset_to(
        &mut self,
        dir: &std::path::Path,
        format: claimmark_core::dataset::Format,
    ) {
        if self.refuse_conflicts("Dataset") {
            return;
        }
        let project_path = self.session.path().map_or_else(
            || std::path::Path::new("untitled.ron").to_owned(),
            ToOwned::to_owned,
        );
        let written = claimmark_core::storage::paths::refuse_folder_holding_input(
            dir,
            &[project_path.as_path()],
        )
        .map_err(|e| e.to_string())
        .and_then(|()| {
            claimmark_core::dataset::write_dataset(
                self.session.project(),
                &project_path,
                dir,
                format,
            )
            .map_err(|e| e.to_string())
        });
        match written {
            Ok(manifest) => {
                let count = |what: &str| manifest.counts.get(what).copied().unwrap_or(0);
                let not_carried: usize = manifest.not_carried.len();
                self.set_status(format!(
                    "Wrote the {} dataset to {}: {} document(s), {} span(s), {} claim(s); {} item(s) the format cannot carry are listed in manifest.json; {}.",
                    manifest.format,
                    dir.display(),
                    count("documents"),
                    count("spans"),
                    count("claims"),
                    not_carried,
                    manifest.ledger.summary()
                ));
            }
            Err(error) => self.show_error(
                format!("Could not write the dataset to {}", dir.display()),
                error,
            ),
        }
    }
}
