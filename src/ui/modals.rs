//! Modal questions and messages: unsaved changes, errors, recovery copies,
//! deleting a span that claims use, typing a path when no file dialog can
//! open, the export choices, the analyst's name and the keyboard shortcut
//! list. Like every panel they only emit commands.

use std::path::{Path, PathBuf};

use egui::{Id, Key, RichText};

use crate::command::{Action, Command, Commands, DialogRequest, ExportChoice, UiCommand};
use crate::view::Modal;
use claimmark_core::model::{ClaimId, ReviewStatus, Schema, SpanId};
use claimmark_core::storage::recovery::RecoveryCopy;

/// What the modals show besides their own fields.
pub struct ModalInput<'a> {
    /// The project's name, for "Save changes?".
    pub project_name: &'a str,
    pub project_path: Option<&'a Path>,
    pub schema: &'a Schema,
    /// What decides which commands can run (the palette greys the others).
    pub state: crate::command::CommandState,
}

/// Draws the modal; its fields (a typed path, checkboxes) are its own to
/// edit. Returns whether it stays open.
pub fn modal_ui(
    ctx: &egui::Context,
    modal: &mut Modal,
    input: &ModalInput<'_>,
    out: &mut Commands,
) -> bool {
    let mut keep = true;
    let response = egui::Modal::new(Id::unique("claimmark_modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        keep = match &mut *modal {
            Modal::UnsavedChanges { then } => unsaved_changes_ui(ui, input.project_name, then, out),
            Modal::Error { title, text } => error_ui(ui, title, text),
            Modal::Recovery { copies, project } => recovery_ui(ui, copies, project.as_ref(), out),
            Modal::ChangedOnDisk {
                change,
                save_refused,
            } => changed_on_disk_ui(ui, input.project_name, change, *save_refused, out),
            Modal::SpanInUse { span, claims } => span_in_use_ui(ui, *span, claims, out),
            Modal::BulkDecision {
                status,
                claims,
                spans,
                documents,
            } => bulk_decision_ui(ui, *status, (*claims, *spans, *documents), out),
            Modal::TypePath {
                request,
                reason,
                text,
                problem,
                candidates,
            } => type_path_ui(ui, request, reason, (text, candidates), problem, out),
            Modal::Preferences(preferences) => {
                super::preferences::preferences_ui(ui, preferences, out)
            }
            Modal::ConfirmExtractor { config, docs } => {
                super::preferences::confirm_extractor_ui(ui, input.project_path, config, docs, out)
            }
            Modal::Calibration { found, selected } => {
                super::calibration::calibration_ui(ui, found, selected)
            }
            Modal::Report { title, text } => report_ui(ui, title, text),
            Modal::ImportPreview(preview) => {
                super::import_preview::import_preview_ui(ui, preview, out)
            }
            Modal::Export {
                statuses,
                spans,
                fixtures,
            } => export_ui(ui, input.project_path, statuses, spans, fixtures, out),
            Modal::ReplaceFixtures { dir, choice } => replace_fixtures_ui(ui, dir, choice, out),
            Modal::ExportDataset { format } => {
                super::export_dataset::export_dataset_ui(ui, format, out)
            }
            Modal::Palette { query, selected } => {
                super::palette::palette_ui(ui, query, selected, &input.state, out)
            }
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                shortcuts_ui(ui, input.schema);
                !ui.button("Close").clicked()
            }
        };
    });
    if response.should_close()
        && !matches!(modal, Modal::UnsavedChanges { .. } | Modal::Recovery { .. })
    {
        keep = false;
    }
    keep
}

/// Each modal's UI returns whether the modal stays open.
fn unsaved_changes_ui(
    ui: &mut egui::Ui,
    project_name: &str,
    then: &Command,
    out: &mut Commands,
) -> bool {
    ui.heading("Save changes?");
    ui.label(format!(
        "“{project_name}” has unsaved changes. Save them before you go on?"
    ));
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            keep = false;
            out.push(Action::SaveThen(Box::new(then.clone())));
        }
        if ui.button("Don't save").clicked() {
            keep = false;
            out.push(Action::DiscardChangesThen(Box::new(then.clone())));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

fn replace_fixtures_ui(
    ui: &mut egui::Ui,
    dir: &Path,
    choice: &ExportChoice,
    out: &mut Commands,
) -> bool {
    ui.heading("Replace the fixtures in this folder?");
    ui.label(format!(
        "{} already holds files. Files of the same names (<doc-id>.txt, .claims.jsonl, manifest.json) are replaced; others stay.",
        claimmark_core::text_shown::shown(&dir.display().to_string())
    ));
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Replace").clicked() {
            keep = false;
            out.push(Action::ExportFixturesReplacing(
                dir.to_owned(),
                choice.clone(),
            ));
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            keep = false;
        }
    });
    keep
}

fn error_ui(ui: &mut egui::Ui, title: &str, text: &str) -> bool {
    ui.heading(RichText::new(title).color(ui.visuals().error_fg_color));
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
        });
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            keep = false;
        }
        if ui.button("Copy message").clicked() {
            ui.ctx().copy_text(format!("{title}\n{text}"));
        }
    });
    keep
}

fn recovery_ui(
    ui: &mut egui::Ui,
    copies: &[RecoveryCopy],
    project: Option<&PathBuf>,
    out: &mut Commands,
) -> bool {
    ui.heading("Recover unsaved work?");
    ui.label(if copies.len() == 1 {
        "claimmark found a recovery copy of unsaved work: an earlier session ended without saving.".to_owned()
    } else {
        format!(
            "claimmark found {} recovery copies of unsaved work from earlier sessions that ended without saving.",
            copies.len()
        )
    });
    let mut keep = true;
    for (i, copy) in copies.iter().enumerate() {
        ui.separator();
        let mut line = format!(
            "Written {}, {} KB",
            humantime_ago(copy.written),
            copy.bytes.div_ceil(1024)
        );
        if copy.older_than_project {
            line.push_str(
                " (older than the saved project: restoring it goes back behind that save)",
            );
        }
        ui.label(line);
        ui.label(
            RichText::new(copy.path.display().to_string())
                .small()
                .weak(),
        );
        ui.horizontal(|ui| {
            let restore = if copies.len() == 1 {
                "Restore it".to_owned()
            } else {
                format!("Restore copy {}", i + 1)
            };
            if ui.button(restore).clicked() {
                keep = false;
                out.push(Action::RestoreRecovery {
                    copy: copy.clone(),
                    project: project.cloned(),
                });
            }
            let discard = if copies.len() == 1 {
                "Discard it".to_owned()
            } else {
                format!("Discard copy {}", i + 1)
            };
            if ui.button(discard).clicked() {
                out.push(Action::DiscardRecovery(copy.path.clone()));
                if copies.len() == 1 {
                    keep = false;
                }
            }
        });
    }
    ui.add_space(8.0);
    if ui
        .button("Decide later")
        .on_hover_text("Keeps every copy as it is; this session's own changes go to a new copy")
        .clicked()
    {
        keep = false;
    }
    keep
}

fn changed_on_disk_ui(
    ui: &mut egui::Ui,
    project_name: &str,
    change: &str,
    save_refused: bool,
    out: &mut Commands,
) -> bool {
    ui.heading(format!("{project_name} changed on disk"));
    ui.label(format!(
        "Another program changed the project file since claimmark read it ({change})."
    ));
    if save_refused {
        ui.label("Nothing was saved, so that change is not lost.");
    }
    ui.label(
        "Merge combines both, three ways: what only one side changed is taken, both sides' new \
         annotations are kept, and where both changed the same thing you choose (nothing is lost). \
         Reload takes the version on disk (your unsaved changes are dropped); Save as… keeps \
         yours in another file to compare; Keep mine overwrites the version on disk at the next save.",
    );
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        let merge = if save_refused {
            "Merge and save"
        } else {
            "Reload and merge now"
        };
        if ui.button(merge).clicked() {
            keep = false;
            out.push(Action::MergeFromDisk {
                then_save: save_refused,
            });
        }
        if ui.button("Reload from disk").clicked() {
            keep = false;
            out.push(Action::ReloadFromDisk);
        }
        if ui.button("Save as…").clicked() {
            keep = false;
            out.push(Action::DismissDiskChange);
            out.push(UiCommand::SaveProjectAs);
        }
        if ui.button("Keep mine").clicked() {
            keep = false;
            out.push(Action::KeepMineOverDisk);
        }
        if ui.button("Decide later").clicked() {
            keep = false;
            out.push(Action::DismissDiskChange);
        }
    });
    keep
}

fn span_in_use_ui(ui: &mut egui::Ui, span: SpanId, claims: &[ClaimId], out: &mut Commands) -> bool {
    ui.heading("Delete a span that claims use?");
    let list: Vec<String> = claims.iter().map(ToString::to_string).collect();
    ui.label(format!(
        "Span {span} fills roles in {} claim(s): {}. Deleting it takes it out of them.",
        claims.len(),
        list.join(", ")
    ));
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Remove from claims and delete").clicked()
            || ui.input(|i| i.key_pressed(Key::Enter))
        {
            keep = false;
            out.push(Action::DeleteSpanFromClaims(span));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

fn bulk_decision_ui(
    ui: &mut egui::Ui,
    status: ReviewStatus,
    (claims, spans, documents): (usize, usize, usize),
    out: &mut Commands,
) -> bool {
    let verb = if status == ReviewStatus::Accepted {
        "Accept"
    } else {
        "Reject"
    };
    ui.heading(format!("{verb} every proposal shown?"));
    ui.label(format!(
        "This changes {claims} claim(s) and {spans} span(s) in {documents} document(s), \
         everything the review queue's filter shows. It is one step: Ctrl+Z undoes it."
    ));
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui
            .button(format!("{verb} {claims} claim(s) and {spans} span(s)"))
            .clicked()
            || ui.input(|i| i.key_pressed(Key::Enter))
        {
            keep = false;
            out.push(Action::DecideAllShown(status));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

fn report_ui(ui: &mut egui::Ui, title: &str, text: &str) -> bool {
    ui.heading(title);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
        });
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            keep = false;
        }
        if ui.button("Copy report").clicked() {
            ui.ctx().copy_text(format!("{title}\n{text}"));
        }
    });
    keep
}

fn export_ui(
    ui: &mut egui::Ui,
    project_path: Option<&Path>,
    statuses: &mut [bool; 4],
    spans: &mut bool,
    fixtures: &mut bool,
    out: &mut Commands,
) -> bool {
    use claimmark_core::model::ReviewStatus;
    ui.heading("Export claims (claim/v1)");
    ui.label("Claims with these statuses:");
    ui.horizontal(|ui| {
        for (on, status) in statuses.iter_mut().zip(ReviewStatus::ALL) {
            ui.checkbox(on, status.as_str());
        }
    });
    ui.checkbox(spans, "One line per span instead of per claim");
    ui.checkbox(
        fixtures,
        "Gold fixtures: a folder with each document's text and claims, and a manifest",
    );
    let chosen: Vec<ReviewStatus> = statuses
        .iter()
        .zip(ReviewStatus::ALL)
        .filter_map(|(on, status)| on.then_some(status))
        .collect();
    let mut keep = true;
    ui.horizontal(|ui| {
        let ready = !chosen.is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Export…"))
            .on_disabled_hover_text("Choose at least one status")
            .clicked()
        {
            keep = false;
            let choice = ExportChoice {
                statuses: chosen.clone(),
                spans: *spans,
            };
            let request = if *fixtures {
                DialogRequest::ExportFixtures { choice }
            } else {
                let stem = project_path
                    .and_then(Path::file_stem)
                    .map_or_else(|| "claims".to_owned(), |s| s.to_string_lossy().into_owned());
                DialogRequest::ExportClaims {
                    suggested_name: format!("{stem}.jsonl"),
                    choice,
                }
            };
            out.push(Action::OpenDialog(request));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

/// What to type where no file dialog opens.
fn typed_path_hint(request: &DialogRequest) -> &'static str {
    match request {
        DialogRequest::AddArticles => {
            "Type the path of an article (.txt); separate several with “;”."
        }
        DialogRequest::OpenProject => "Type the path of the project file (.ron) to open.",
        DialogRequest::SaveProjectAs { .. } => "Type the path to save the project to (.ron).",
        DialogRequest::CompareWith => {
            "Type the path of the project (.ron) or claims file (.jsonl) to compare with."
        }
        DialogRequest::ImportClaims => "Type the path of the claims file (.jsonl) to import.",
        DialogRequest::ImportAnnotations => {
            "Type the path of the annotation files (.ann, .json, .jsonl, or a folder); separate several with “;”."
        }
        DialogRequest::ExportClaims { .. } => "Type the path of the claims file (.jsonl) to write.",
        DialogRequest::ExportFixtures { .. } => "Type the path of the folder for the fixtures.",
        DialogRequest::ExportDataset { .. } => {
            "Type the path of the folder for the dataset (new, empty, or an earlier dataset)."
        }
        DialogRequest::ExportLedger { .. } => {
            "Type the path of the ledger file to write (.json or .csv)."
        }
    }
}

fn type_path_ui(
    ui: &mut egui::Ui,
    request: &DialogRequest,
    reason: &str,
    (text, candidates): (&mut String, &mut Vec<String>),
    problem: &mut Option<String>,
    out: &mut Commands,
) -> bool {
    ui.heading(request.title());
    ui.label(format!("The system file dialog could not open: {reason}."));
    ui.label(typed_path_hint(request));
    let edit = ui.add(
        egui::TextEdit::singleline(text)
            .desired_width(f32::INFINITY)
            // Tab completes the path instead of leaving the field.
            .lock_focus(true)
            .hint_text("/path/to/file"),
    );
    if !edit.has_focus() && !edit.lost_focus() {
        edit.request_focus();
    }
    complete_on_tab(ui, &edit, request, text, candidates);
    if !candidates.is_empty() {
        let shown: Vec<&str> = candidates.iter().take(12).map(String::as_str).collect();
        let more = candidates.len().saturating_sub(shown.len());
        let mut line = shown.join("   ");
        if more > 0 {
            line = format!("{line}   … and {more} more");
        }
        ui.label(RichText::new(line).small().weak());
    }
    ui.label(RichText::new("Tab completes the path.").small().weak());
    if let Some(problem) = problem.as_ref() {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    let mut keep = true;
    ui.horizontal(|ui| {
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if ui.button("OK").clicked() || enter {
            let paths: Vec<PathBuf> = text
                .split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .collect();
            match (request, paths.as_slice()) {
                (_, []) => *problem = Some("Type a path first.".into()),
                (DialogRequest::AddArticles, _) => {
                    keep = false;
                    out.push(Action::AddArticlesFrom(paths));
                }
                (DialogRequest::OpenProject, [path]) => {
                    keep = false;
                    out.push(Action::OpenProjectAt(path.clone()));
                }
                (DialogRequest::CompareWith, [path]) => {
                    keep = false;
                    out.push(Action::CompareWith(path.clone()));
                }
                (DialogRequest::ImportAnnotations, _) => {
                    keep = false;
                    out.push(Action::PreviewImport(paths));
                }
                (DialogRequest::ImportClaims, [path]) => {
                    keep = false;
                    out.push(Action::ImportClaimsFrom(path.clone()));
                }
                (DialogRequest::ExportClaims { choice, .. }, [path]) => {
                    keep = false;
                    out.push(Action::ExportClaimsTo(path.clone(), choice.clone()));
                }
                (DialogRequest::ExportFixtures { choice }, [path]) => {
                    keep = false;
                    out.push(Action::ExportFixturesTo(path.clone(), choice.clone()));
                }
                (DialogRequest::ExportDataset { format }, [path]) => {
                    keep = false;
                    out.push(Action::ExportDatasetTo(path.clone(), *format));
                }
                (DialogRequest::SaveProjectAs { .. }, [path]) => {
                    keep = false;
                    out.push(Action::SaveProjectTo(path.clone()));
                }
                _ => *problem = Some("Type one path.".into()),
            }
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

/// Tab in the typed path: completes it from the file system (relative
/// paths from the current folder, as OK reads them) and lists what still
/// matches; the cursor goes to the end.
fn complete_on_tab(
    ui: &mut egui::Ui,
    edit: &egui::Response,
    request: &DialogRequest,
    text: &mut String,
    candidates: &mut Vec<String>,
) {
    if edit.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab)) {
        // Relative paths are read from the current folder, as the OK button
        // reads them.
        let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let done =
            claimmark_core::storage::complete::complete_path(text, &base, request.extensions());
        *text = done.text;
        *candidates = done.candidates;
        // The cursor to the end, after what was completed.
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), edit.id) {
            let end = egui::text::CCursor::new(text.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), edit.id);
        }
    }
}

fn shortcuts_ui(ui: &mut egui::Ui, schema: &Schema) {
    // The list is longer than a small window: it scrolls, the Close button
    // below stays on screen.
    let height = (ui.ctx().content_rect().height() - 160.0).max(160.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .show(ui, |ui| {
            shortcut_rows(ui, schema);
        });
}

fn shortcut_rows(ui: &mut egui::Ui, schema: &Schema) {
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for label in &schema.labels {
            if let Some(key) = label.key {
                ui.label(key.to_string());
                ui.label(format!(
                    "Tag the selection as {} (or relabel the selected span)",
                    label.name.display()
                ));
                ui.end_row();
            }
        }
        let rows = [
            (
                "Drag",
                "Select text; it snaps to whole words (hold Alt for exact characters)",
            ),
            ("Double-click", "Select a word"),
            (
                "Click a span",
                "Select it; click again to cycle through overlapping spans",
            ),
            (
                "Escape",
                "Clear the selection, close a picker or the find bar",
            ),
            (
                "C, then 1–9",
                "New claim of that type (a selected event span becomes its trigger)",
            ),
            (
                "R, then 1–9",
                "Put the selected span (or text) in that role of the selected claim",
            ),
        ];
        for (keys, what) in rows {
            ui.label(keys);
            ui.label(what);
            ui.end_row();
        }
        // C and R are listed above, with the digit that follows them.
        for command in UiCommand::ALL
            .into_iter()
            .filter(|c| !matches!(c, UiCommand::PickClaimType | UiCommand::PickRole))
        {
            let Some(keys) = command.shortcut_text(ui.ctx()) else {
                continue;
            };
            ui.label(keys);
            ui.label(command.label().trim_end_matches('…'));
            ui.end_row();
        }
    });
}

fn humantime_ago(when: std::time::SystemTime) -> String {
    let Ok(elapsed) = when.elapsed() else {
        return "just now".into();
    };
    let seconds = elapsed.as_secs();
    match seconds {
        0..=59 => format!("{seconds} s ago"),
        60..=3599 => format!("{} min ago", seconds / 60),
        3600..=86_399 => format!("{} h ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}
