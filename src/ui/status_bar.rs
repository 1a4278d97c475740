//! The status bar: project file, saved or not, counts, last message.

use egui::{RichText, Ui};

use crate::view::Status;
use claimmark_core::session::Session;

pub fn status_bar_ui(ui: &mut Ui, session: &Session, status: Option<&Status>) {
    ui.horizontal(|ui| {
        let path = session.path().map_or_else(
            || "Untitled project (not saved yet)".to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(RichText::new(path).small());
        ui.separator();
        if session.is_modified() {
            ui.label(
                RichText::new("• Unsaved changes")
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        } else {
            ui.label(RichText::new("Saved").small());
        }
        ui.separator();
        let project = session.project();
        ui.label(
            RichText::new(format!(
                "{} · {} · {}",
                super::format::counted(project.documents.len(), "document"),
                super::format::counted(project.span_count(), "span"),
                super::format::counted(project.claim_count(), "claim")
            ))
            .small(),
        );
        if let Some(status) = status {
            ui.separator();
            let text = RichText::new(&status.text).small();
            if status.is_error {
                ui.label(text.color(ui.visuals().error_fg_color));
            } else {
                ui.label(text);
            }
        }
    });
}
