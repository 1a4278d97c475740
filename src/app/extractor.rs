//! Running an extractor from the window: the project's command only after
//! the analyst has seen it and allowed it for this project file (asked
//! again when the command or the file changes), or the analyst's own from
//! Preferences; in the background, with progress and Cancel; its output
//! imported as one run, or the reason it imported nothing.

use super::jobs::{Job, JobOutput};
use super::{ClaimmarkApp, Modal};
use claimmark_core::extract::{self, ExtractError};
use claimmark_core::model::{DocId, ExtractorConfig};

impl ClaimmarkApp {
    /// Runs the extractor on the open document, or on all of them.
    pub(crate) fn run_extractor(&mut self, all_documents: bool, ctx: &egui::Context) {
        let docs: Vec<DocId> = if all_documents {
            self.session
                .project()
                .documents
                .iter()
                .map(|doc| doc.id.clone())
                .collect()
        } else {
            self.view.document.iter().cloned().collect()
        };
        if docs.is_empty() {
            self.set_status("Add or open a document first.");
            return;
        }
        if let Some(named) = self.session.project().extractor.clone() {
            let allowed = self
                .session
                .path()
                .is_some_and(|path| self.settings.allows(path, &named.command));
            if !allowed {
                self.modal = Some(Modal::ConfirmExtractor {
                    config: named,
                    docs,
                });
                return;
            }
            self.start_extractor(named, docs, ctx);
            return;
        }
        if self.settings.extractor_command.is_empty() {
            self.show_error(
                "No extractor to run",
                "Name your extractor command in Review › Preferences… (for example: python3 /path/to/extract.py), or in the project file: extractor: (command: [\"python3\", \"extract.py\"]). It gets each document's text on standard input and prints claim/v1 lines.",
            );
            return;
        }
        let own = ExtractorConfig {
            command: self.settings.extractor_command.clone(),
            timeout_seconds: None,
        };
        self.start_extractor(own, docs, ctx);
    }

    /// The analyst allowed the project's command: remembered for this
    /// project file, then run.
    pub(crate) fn allow_extractor(
        &mut self,
        config: ExtractorConfig,
        docs: Vec<DocId>,
        ctx: &egui::Context,
    ) {
        if let Some(path) = self.session.path().map(std::path::Path::to_owned) {
            self.settings.allow(&path, &config.command);
            self.save_settings();
        }
        self.start_extractor(config, docs, ctx);
    }

    fn start_extractor(&mut self, config: ExtractorConfig, docs: Vec<DocId>, ctx: &egui::Context) {
        if self.job.is_some() {
            self.set_status("Wait for the work under way to finish.");
            return;
        }
        let project = self.session.project().clone();
        let folder = extract::working_dir(self.session.path());
        let title = format!("Running {}", config.command_line());
        self.job = Some(Job::start(title, ctx, move |progress| {
            let report = |done: usize, total: usize| progress.report(done as u64, total as u64);
            let read = extract::run_extractor(
                &config,
                &project,
                &docs,
                folder.as_deref(),
                &report,
                progress.cancel_flag(),
            )
            .and_then(|output| {
                let prepared = extract::prepare_output(&project, &output, "extractor output")?;
                Ok(Box::new((prepared, output.stderr)))
            });
            JobOutput::Extracted(read)
        }));
    }

    /// The extractor finished: its claims as one run, or why nothing
    /// changed.
    pub(crate) fn finish_extraction(
        &mut self,
        read: Result<Box<extract::PreparedRun>, ExtractError>,
    ) {
        match read {
            Ok(run) => {
                let (prepared, stderr) = *run;
                self.apply_import(prepared, "Run extractor", &stderr);
            }
            Err(ExtractError::Cancelled) => {
                self.set_status("The extractor was cancelled; nothing changed.");
            }
            Err(error) => self.show_error(
                "The extractor imported nothing",
                format!("{error}\n\nThe project is unchanged."),
            ),
        }
    }

    /// The Preferences dialog's fields, from the settings.
    pub(crate) fn preferences(&self) -> crate::view::Preferences {
        crate::view::Preferences {
            analyst: self.settings.analyst.clone(),
            extractor: ExtractorConfig {
                command: self.settings.extractor_command.clone(),
                timeout_seconds: None,
            }
            .command_line(),
            dark_mode: self.settings.dark_mode,
            problem: None,
        }
    }

    /// Saves the Preferences dialog's fields in the settings.
    pub(crate) fn set_preferences(
        &mut self,
        preferences: &crate::view::Preferences,
        ctx: &egui::Context,
    ) {
        let analyst = preferences.analyst.trim().to_owned();
        let changed_name = analyst != self.settings.analyst;
        self.settings.analyst = analyst;
        if let Ok(command) = ExtractorConfig::parse_command_line(&preferences.extractor) {
            self.settings.extractor_command = command;
        }
        self.settings.dark_mode = preferences.dark_mode;
        super::apply_theme(ctx, self.settings.dark_mode);
        self.save_settings();
        if changed_name {
            self.set_status(format!(
                "Reviews are now recorded as by “{}”.",
                self.settings.analyst
            ));
        } else {
            self.set_status("Preferences saved.");
        }
    }

    /// Stops the background work: its result, if it comes, is dropped.
    pub(crate) fn cancel_job(&mut self) {
        if let Some(job) = self.job.take() {
            job.cancel();
            self.set_status(format!("Cancelled: {}. Nothing changed.", job.title));
        }
    }
}
