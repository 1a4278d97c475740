//! The Preferences dialog (the analyst's name, theme and own extractor
//! command) and the question asked before a project's extractor command
//! first runs.

use std::path::Path;

use egui::{Key, RichText};

use crate::command::{Action, Commands};
use crate::view::Preferences;
use claimmark_core::model::{DocId, ExtractorConfig};

pub fn preferences_ui(
    ui: &mut egui::Ui,
    preferences: &mut Preferences,
    out: &mut Commands,
) -> bool {
    ui.heading("Preferences");
    ui.label("Your name or initials go into each reviewed claim's provenance as reviewer.");
    let caption = ui.label("Analyst name");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut preferences.analyst)
                .hint_text("e.g. analyst-1")
                .desired_width(240.0),
        )
        .labelled_by(caption.id);
    // The name is what this dialog is usually opened for: type at once.
    if ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Theme");
        ui.selectable_value(&mut preferences.dark_mode, None, "system");
        ui.selectable_value(&mut preferences.dark_mode, Some(false), "light");
        ui.selectable_value(&mut preferences.dark_mode, Some(true), "dark");
    });
    ui.add_space(6.0);
    let caption = ui.label("Your extractor command (run when a project names none)");
    let command = ui
        .add(
            egui::TextEdit::singleline(&mut preferences.extractor)
                .hint_text("e.g. python3 /home/me/extract.py --model small")
                .desired_width(420.0),
        )
        .labelled_by(caption.id);
    ui.label(
        RichText::new(
            "Run without a shell; quote parts with spaces. It gets each document's text on standard input and prints claim/v1 lines.",
        )
        .weak(),
    );
    if let Some(problem) = &preferences.problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    let mut keep = true;
    ui.horizontal(|ui| {
        let enter =
            (field.lost_focus() || command.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
        if ui.button("Save").clicked() || enter {
            match ExtractorConfig::parse_command_line(&preferences.extractor) {
                Ok(_) => {
                    keep = false;
                    out.push(Action::SetPreferences(Box::new(preferences.clone())));
                }
                Err(problem) => preferences.problem = Some(problem),
            }
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

pub fn confirm_extractor_ui(
    ui: &mut egui::Ui,
    project: Option<&Path>,
    config: &ExtractorConfig,
    docs: &[DocId],
    out: &mut Commands,
) -> bool {
    ui.heading("Run the project's extractor?");
    let file = project.map_or_else(|| "This project".to_owned(), |p| p.display().to_string());
    ui.label(format!(
        "{file} names this command. A project file can come from anyone: run it only if you trust it."
    ));
    ui.add_space(4.0);
    ui.label(RichText::new(config.command_line()).monospace().strong());
    ui.add_space(4.0);
    ui.label(format!(
        "It runs on {} document(s), up to {} s each, in the project's folder. You are asked again if the command or the project file changes.",
        docs.len(),
        config.timeout().as_secs()
    ));
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Run it").clicked() {
            keep = false;
            out.push(Action::AllowExtractor(config.clone(), docs.to_vec()));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}
