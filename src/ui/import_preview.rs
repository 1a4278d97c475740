//! The import preview: the files' format and what importing them would
//! do, with a field for each name the schema lacks (map it to a schema
//! name) and "add what the schema lacks", before one step imports them.

use egui::RichText;

use crate::command::{Action, Commands};
use crate::view::ImportPreview;
use claimmark_core::interop::Options;

/// Returns whether the preview stays open.
pub fn import_preview_ui(
    ui: &mut egui::Ui,
    preview: &mut ImportPreview,
    out: &mut Commands,
) -> bool {
    ui.heading("Import annotations");
    let paths = &preview.paths;
    let what = match paths.as_slice() {
        [one] if one.is_dir() => format!("The folder {}", one.display()),
        [one] => format!("The file {}", one.display()),
        _ => format!("{} files and folders", paths.len()),
    };
    ui.label(format!("{what}, in {} format", preview.format.name()));
    let report = &preview.report;
    ui.label(format!(
        "Would add {} and match {}{}: {}, {}; {} not imported.",
        crate::ui::format::counted(report.documents_added.len(), "document"),
        report.documents_matched.len(),
        if report.document_notes > 0 {
            format!(" (adding to {} note(s))", report.document_notes)
        } else {
            String::new()
        },
        crate::ui::format::counted(report.spans, "span"),
        crate::ui::format::counted(report.claims, "claim"),
        report.refused.len()
    ));
    if !report.spans_per_label.is_empty() {
        let labels: Vec<String> = report
            .spans_per_label
            .iter()
            .map(|(label, n)| format!("{label} {n}"))
            .collect();
        ui.label(RichText::new(labels.join(" · ")).weak());
    }
    if !preview.map.is_empty() {
        ui.separator();
        ui.label(RichText::new("Names the schema lacks: map each to a schema name").strong());
        egui::Grid::new("import_mapping")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for (name, target) in &mut preview.map {
                    let uses = report
                        .unknown
                        .iter()
                        .find(|u| &u.name == name)
                        .map_or(0, |u| u.used_at.len());
                    let caption = ui.label(name.as_str());
                    ui.label(RichText::new(format!("{uses}×")).weak());
                    ui.add(
                        egui::TextEdit::singleline(target)
                            .hint_text("schema name")
                            .desired_width(160.0),
                    )
                    .labelled_by(caption.id);
                    ui.end_row();
                }
            });
    }
    ui.checkbox(
        &mut preview.add_to_schema,
        "Add what the schema still lacks to it",
    );
    if !report.refused.is_empty() {
        ui.separator();
        let shown: Vec<&str> = report.refused.iter().take(8).map(String::as_str).collect();
        let more = report.refused.len().saturating_sub(shown.len());
        let mut text = shown.join("\n");
        if more > 0 {
            text = format!("{text}\n… and {more} more");
        }
        egui::ScrollArea::vertical()
            .max_height(140.0)
            .show(ui, |ui| {
                ui.label(RichText::new(text).monospace().small());
            });
    }
    let options = Options {
        unit: preview.options.unit,
        map: preview
            .map
            .iter()
            .filter(|(_, target)| !target.trim().is_empty())
            .map(|(name, target)| (name.clone(), target.trim().to_owned()))
            .collect(),
        add_to_schema: preview.add_to_schema,
    };
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Update preview").clicked() {
            out.push(Action::RefreshImport(Box::new(options.clone())));
        }
        if ui.button("Import").clicked() {
            out.push(Action::ConfirmImport(Box::new(options.clone())));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}
