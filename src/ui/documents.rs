//! The documents list: title, status, spans and claims per document.

use super::format::short_text;
use std::fmt::Write as _;

use egui::{Button, RichText, Ui};

use crate::command::{Action, Commands, UiCommand};
use crate::view::{DocumentSummaries, View};
use claimmark_core::model::{DocStatus, Project};

pub fn documents_ui(
    ui: &mut Ui,
    project: &Project,
    view: &View,
    summaries: &DocumentSummaries,
    out: &mut Commands,
) {
    ui.horizontal(|ui| {
        ui.heading("Documents");
        ui.label(RichText::new(project.documents.len().to_string()).weak());
    });
    if ui
        .button("Add articles…")
        .on_hover_text(format!(
            "{} (or drop them onto the window)",
            UiCommand::AddArticles.hover_text(ui.ctx())
        ))
        .clicked()
    {
        out.push(UiCommand::AddArticles);
    }
    ui.separator();
    if project.documents.is_empty() {
        ui.label(RichText::new("No documents yet. Add .txt articles, or drop them here.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, doc) in project.documents.iter().enumerate() {
                let selected = view.document.as_ref() == Some(&doc.id);
                let marker = match doc.status {
                    DocStatus::Todo => "○",
                    DocStatus::InProgress => "•",
                    DocStatus::Done => "✔",
                };
                let mut text = format!(
                    "{}\n{marker} {} · {} · {}",
                    short_text(&doc.title, 48),
                    doc.status.label(),
                    super::format::counted(doc.spans().len(), "span"),
                    super::format::counted(doc.claims().len(), "claim")
                );
                let summary = summaries.get(index);
                let (reviewed, proposed) = (summary.reviewed, summary.proposed);
                if proposed > 0 {
                    let _ = write!(text, "\n{reviewed}/{proposed} proposals reviewed");
                }
                let orphans = summary.orphans;
                if orphans > 0 {
                    let _ = write!(text, " · ⚠ {orphans} not attached");
                }
                let response = ui.add(
                    Button::selectable(selected, text)
                        .min_size(egui::vec2(ui.available_width(), 0.0)),
                );
                if response.clicked() {
                    out.push(Action::SelectDocument(doc.id.clone()));
                }
                if selected && view.scroll_to.is_none() && response.gained_focus() {
                    response.scroll_to_me(None);
                }
                response.context_menu(|ui| {
                    for status in DocStatus::ALL {
                        if ui
                            .radio(doc.status == status, format!("Mark as {}", status.label()))
                            .clicked()
                        {
                            out.push(Action::SetDocumentStatus(doc.id.clone(), status));
                        }
                    }
                    ui.separator();
                    if ui.button("Remove document").clicked() {
                        out.push(Action::RemoveDocument(doc.id.clone()));
                    }
                });
            }
        });
}
