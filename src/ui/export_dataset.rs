//! File › Export dataset…: which format the reviewed annotations are
//! written in (`claimmark dataset --format`), then a folder.

use claimmark_core::dataset::Format;

use crate::command::{Action, Commands, DialogRequest};

/// What each format is, for the analyst choosing one.
fn described(format: Format) -> &'static str {
    match format {
        Format::Claims => {
            "Gold fixtures: claim/v1 and span lines per document, for `claimmark score`"
        }
        Format::Brat => "brat standoff: .txt, .ann with events, annotation.conf",
        Format::Spacy => "spaCy-style JSON Lines: text, spans, entities",
        Format::LabelStudio => "Label Studio tasks (label-studio.json), UTF-16 offsets",
        Format::Doccano => "doccano relation project (doccano.jsonl)",
        Format::Prodigy => "Prodigy tasks with spans and relations (prodigy.jsonl)",
        Format::InceptionTsv => "INCEpTION: WebAnno TSV 3.3 per document, claims as a slot layer",
    }
}

/// Returns whether the dialog stays open.
pub fn export_dataset_ui(ui: &mut egui::Ui, format: &mut Format, out: &mut Commands) -> bool {
    ui.heading("Export dataset");
    ui.label(
        "The reviewed annotations (accepted or corrected), with manifest.json listing what the format cannot carry.",
    );
    ui.add_space(4.0);
    for candidate in Format::ALL {
        ui.radio_value(format, candidate, candidate.as_str())
            .on_hover_text(described(candidate));
    }
    ui.label(egui::RichText::new(described(*format)).weak());
    ui.add_space(4.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Choose folder…").clicked() {
            keep = false;
            out.push(Action::OpenDialog(DialogRequest::ExportDataset {
                format: *format,
            }));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}
