//! Modal questions and messages: unsaved changes, errors, recovery copies,
//! deleting a span that claims use, typing a path when no file dialog can
//! open, and the keyboard shortcut list.

use std::path::PathBuf;

use egui::{Id, Key, RichText};

use super::dialogs::DialogRequest;
use super::{ClaimmarkApp, Command, commands};
use claimmark_core::model::{ClaimId, SpanId};
use claimmark_core::session::Session;
use claimmark_core::storage::recovery::{self, RecoveryCopy};

#[derive(Debug, Clone)]
pub enum Modal {
    /// Save, discard or cancel before `then` runs.
    UnsavedChanges {
        then: Box<Command>,
    },
    Error {
        title: String,
        text: String,
    },
    /// A recovery copy of `project` (or of the untitled project) exists.
    Recovery {
        copy: RecoveryCopy,
        project: Option<PathBuf>,
    },
    /// The span to delete is used by these claims.
    SpanInUse {
        span: SpanId,
        claims: Vec<ClaimId>,
    },
    /// No file dialog could open: type the path instead.
    TypePath {
        request: DialogRequest,
        reason: String,
        text: String,
        problem: Option<String>,
    },
    Shortcuts,
    /// The analyst's name, being edited.
    Preferences {
        analyst: String,
    },
    /// What happened (an import's report): information, not an error.
    Report {
        title: String,
        text: String,
    },
    /// What to export: statuses (proposed, accepted, corrected, rejected),
    /// span lines instead of claims, gold fixtures instead of one file.
    Export {
        statuses: [bool; 4],
        spans: bool,
        fixtures: bool,
    },
}

pub(super) fn modal_ui(ctx: &egui::Context, app: &mut ClaimmarkApp, out: &mut Vec<Command>) {
    let Some(mut modal) = app.modal.take() else {
        return;
    };
    let mut keep = true;
    let response = egui::Modal::new(Id::unique("claimmark_modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        keep = match &mut modal {
            Modal::UnsavedChanges { then } => unsaved_changes_ui(ui, app, then, out),
            Modal::Error { title, text } => error_ui(ui, title, text),
            Modal::Recovery { copy, project } => recovery_ui(ui, app, copy, project.as_ref()),
            Modal::SpanInUse { span, claims } => span_in_use_ui(ui, *span, claims, out),
            Modal::TypePath {
                request,
                reason,
                text,
                problem,
            } => type_path_ui(ui, request, reason, text, problem, out),
            Modal::Preferences { analyst } => preferences_ui(ui, app, analyst),
            Modal::Report { title, text } => report_ui(ui, title, text),
            Modal::Export {
                statuses,
                spans,
                fixtures,
            } => export_ui(ui, app, statuses, spans, fixtures, ctx),
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                shortcuts_ui(ui, app);
                !ui.button("Close").clicked()
            }
        };
    });
    if response.should_close()
        && !matches!(modal, Modal::UnsavedChanges { .. } | Modal::Recovery { .. })
    {
        keep = false;
    }
    if keep && app.modal.is_none() {
        app.modal = Some(modal);
    }
}

/// Each modal's UI returns whether the modal stays open.
fn unsaved_changes_ui(
    ui: &mut egui::Ui,
    app: &mut ClaimmarkApp,
    then: &Command,
    out: &mut Vec<Command>,
) -> bool {
    ui.heading("Save changes?");
    ui.label(format!(
        "“{}” has unsaved changes. Save them before you go on?",
        app.session.display_name()
    ));
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            keep = false;
            app.pending_after_save = Some(then.clone());
            out.push(Command::SaveProject);
        }
        if ui.button("Don't save").clicked() {
            keep = false;
            app.discard_changes();
            out.push(then.clone());
        }
        if ui.button("Cancel").clicked() {
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
    app: &mut ClaimmarkApp,
    copy: &RecoveryCopy,
    project: Option<&PathBuf>,
) -> bool {
    ui.heading("Recover unsaved work?");
    let when = humantime_ago(copy.written);
    ui.label(format!(
        "claimmark found a recovery copy written {when}, newer than the saved project: \
         the last session probably ended without saving."
    ));
    ui.label(
        RichText::new(copy.path.display().to_string())
            .small()
            .weak(),
    );
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Restore it").clicked() {
            keep = false;
            match recovery::read(copy) {
                Ok(restored) => {
                    app.replace_session(Session::restored(restored, project.cloned()));
                    app.set_status("Restored the recovery copy. Save to keep it.");
                }
                Err(error) => app.show_error("Could not read the recovery copy", error.to_string()),
            }
        }
        if ui.button("Discard it").clicked() {
            keep = false;
            recovery::discard(&copy.path);
            app.set_status("Discarded the recovery copy.");
        }
        if ui.button("Decide later").clicked() {
            keep = false;
        }
    });
    keep
}

fn span_in_use_ui(
    ui: &mut egui::Ui,
    span: SpanId,
    claims: &[ClaimId],
    out: &mut Vec<Command>,
) -> bool {
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
            out.push(Command::DeleteSpanFromClaims(span));
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
    app: &mut ClaimmarkApp,
    statuses: &mut [bool; 4],
    spans: &mut bool,
    fixtures: &mut bool,
    ctx: &egui::Context,
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
            let choice = super::commands::ExportChoice {
                statuses: chosen.clone(),
                spans: *spans,
            };
            let request = if *fixtures {
                DialogRequest::ExportFixtures { choice }
            } else {
                let stem = app
                    .session
                    .path()
                    .and_then(std::path::Path::file_stem)
                    .map_or_else(|| "claims".to_owned(), |s| s.to_string_lossy().into_owned());
                DialogRequest::ExportClaims {
                    suggested_name: format!("{stem}.jsonl"),
                    choice,
                }
            };
            app.open_dialog(request, ctx);
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

fn preferences_ui(ui: &mut egui::Ui, app: &mut ClaimmarkApp, analyst: &mut String) -> bool {
    ui.heading("Analyst");
    ui.label("Your name or initials go into each reviewed claim's provenance as reviewer.");
    let caption = ui.label("Analyst name");
    let field = ui
        .add(
            egui::TextEdit::singleline(analyst)
                .hint_text("e.g. analyst-1")
                .desired_width(240.0),
        )
        .labelled_by(caption.id);
    let mut keep = true;
    ui.horizontal(|ui| {
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if ui.button("Save").clicked() || enter {
            keep = false;
            analyst.trim().clone_into(&mut app.settings.analyst);
            app.save_settings();
            app.set_status(format!(
                "Reviews are now recorded as by “{}”.",
                app.settings.analyst
            ));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

fn type_path_ui(
    ui: &mut egui::Ui,
    request: &DialogRequest,
    reason: &str,
    text: &mut String,
    problem: &mut Option<String>,
    out: &mut Vec<Command>,
) -> bool {
    ui.heading(request.title());
    ui.label(format!("The system file dialog could not open: {reason}."));
    let hint = match request {
        DialogRequest::AddArticles => {
            "Type the path of an article (.txt); separate several with “;”."
        }
        DialogRequest::OpenProject => "Type the path of the project file (.ron) to open.",
        DialogRequest::SaveProjectAs { .. } => "Type the path to save the project to (.ron).",
        DialogRequest::CompareWith => {
            "Type the path of the project (.ron) or claims file (.jsonl) to compare with."
        }
        DialogRequest::ImportClaims => "Type the path of the claims file (.jsonl) to import.",
        DialogRequest::ExportClaims { .. } => "Type the path of the claims file (.jsonl) to write.",
        DialogRequest::ExportFixtures { .. } => "Type the path of the folder for the fixtures.",
    };
    ui.label(hint);
    let edit = ui.add(
        egui::TextEdit::singleline(text)
            .desired_width(f32::INFINITY)
            .hint_text("/path/to/file"),
    );
    if !edit.has_focus() && !edit.lost_focus() {
        edit.request_focus();
    }
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
                    out.push(Command::AddArticlesFrom(paths));
                }
                (DialogRequest::OpenProject, [path]) => {
                    keep = false;
                    out.push(Command::OpenProjectAt(path.clone()));
                }
                (DialogRequest::CompareWith, [path]) => {
                    keep = false;
                    out.push(Command::CompareWith(path.clone()));
                }
                (DialogRequest::ImportClaims, [path]) => {
                    keep = false;
                    out.push(Command::ImportClaimsFrom(path.clone()));
                }
                (DialogRequest::ExportClaims { choice, .. }, [path]) => {
                    keep = false;
                    out.push(Command::ExportClaimsTo(path.clone(), choice.clone()));
                }
                (DialogRequest::ExportFixtures { choice }, [path]) => {
                    keep = false;
                    out.push(Command::ExportFixturesTo(path.clone(), choice.clone()));
                }
                (DialogRequest::SaveProjectAs { .. }, [path]) => {
                    keep = false;
                    out.push(Command::SaveProjectTo(path.clone()));
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

fn shortcuts_ui(ui: &mut egui::Ui, app: &ClaimmarkApp) {
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for label in &app.session.project().schema.labels {
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
        for entry in commands::menu_commands() {
            let Some(shortcut) = entry.shortcut else {
                continue;
            };
            let mut keys = ui.ctx().format_shortcut(&shortcut);
            if let Some(alternative) = entry.alternative {
                keys.push_str(" or ");
                keys.push_str(&ui.ctx().format_shortcut(&alternative));
            }
            ui.label(keys);
            ui.label(entry.label.trim_end_matches('…'));
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
