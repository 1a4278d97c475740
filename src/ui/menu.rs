//! The menu bar, built from the command table.

use egui::{Button, Ui};

use crate::app::commands::{Command, Menu, menu_commands};
use crate::app::{ClaimmarkApp, digit_for};
use claimmark_core::model::DocStatus;

pub fn menu_bar_ui(ui: &mut Ui, app: &ClaimmarkApp, out: &mut Vec<Command>) {
    let table = menu_commands();
    egui::MenuBar::new().ui(ui, |ui| {
        for (menu, title) in [
            (Menu::File, "File"),
            (Menu::Edit, "Edit"),
            (Menu::Document, "Document"),
            (Menu::Claim, "Claim"),
            (Menu::Review, "Review"),
            (Menu::View, "View"),
            (Menu::Help, "Help"),
        ] {
            ui.menu_button(title, |ui| {
                for entry in table.iter().filter(|entry| entry.menu == menu) {
                    if menu == Menu::File && entry.command == Command::Quit {
                        recent_ui(ui, app, out);
                        ui.separator();
                    }
                    let label = match entry.command {
                        Command::Undo => app.session.history().undo_description().map_or_else(
                            || "Undo".to_owned(),
                            |d| format!("Undo {}", lower_first(d)),
                        ),
                        Command::Redo => app.session.history().redo_description().map_or_else(
                            || "Redo".to_owned(),
                            |d| format!("Redo {}", lower_first(d)),
                        ),
                        _ => entry.label.to_owned(),
                    };
                    let mut button = Button::new(label);
                    if let Some(shortcut) = entry.shortcut {
                        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
                    }
                    let enabled = is_enabled(app, &entry.command);
                    if ui.add_enabled(enabled, button).clicked() {
                        out.push(entry.command.clone());
                    }
                }
                match menu {
                    Menu::Document => document_menu_ui(ui, app, out),
                    Menu::Claim => claim_menu_ui(ui, app, out),
                    Menu::View => {
                        ui.label("Theme (follows the system unless chosen)");
                        egui::widgets::global_theme_preference_buttons(ui);
                    }
                    _ => {}
                }
            });
        }
    });
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

fn is_enabled(app: &ClaimmarkApp, command: &Command) -> bool {
    let has_doc = app.current_document().is_some();
    match command {
        Command::Undo => app.session.history().can_undo(),
        Command::Redo => app.session.history().can_redo(),
        Command::DeleteSelectedSpan => app.view.span.is_some(),
        Command::NextDocument
        | Command::PreviousDocument
        | Command::PickClaimType
        | Command::Find => has_doc,
        Command::PickRole => app.view.claim.is_some(),
        Command::AcceptProposal | Command::RejectProposal | Command::EditProposal => {
            app.current_proposal().is_some()
        }
        _ => true,
    }
}

fn recent_ui(ui: &mut Ui, app: &ClaimmarkApp, out: &mut Vec<Command>) {
    ui.menu_button("Open recent", |ui| {
        if app.settings.recent_projects.is_empty() {
            ui.label("No recent projects");
        }
        for path in &app.settings.recent_projects {
            if ui.button(path.display().to_string()).clicked() {
                out.push(Command::OpenProjectAt(path.clone()));
            }
        }
    });
}

fn document_menu_ui(ui: &mut Ui, app: &ClaimmarkApp, out: &mut Vec<Command>) {
    let Some(doc) = app.current_document() else {
        return;
    };
    ui.separator();
    ui.menu_button("Mark as", |ui| {
        for status in DocStatus::ALL {
            if ui.radio(doc.status == status, status.label()).clicked() {
                out.push(Command::SetDocumentStatus(doc.id.clone(), status));
            }
        }
    });
    if ui.button("Remove document").clicked() {
        out.push(Command::RemoveDocument(doc.id.clone()));
    }
}

fn claim_menu_ui(ui: &mut Ui, app: &ClaimmarkApp, out: &mut Vec<Command>) {
    if app.current_document().is_none() {
        return;
    }
    ui.separator();
    ui.menu_button("New claim of type", |ui| {
        for (i, claim_type) in app.session.project().schema.claim_types.iter().enumerate() {
            let mut button = Button::new(claim_type.name.display());
            if let Some(digit) = digit_for(i) {
                button = button.shortcut_text(format!("C {digit}"));
            }
            if ui.add(button).clicked() {
                out.push(Command::NewClaim(claim_type.name.clone()));
            }
        }
    });
}
