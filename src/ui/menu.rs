//! The menu bar, built from the command table.

use std::path::PathBuf;

use egui::{Button, Ui};

use super::format::digit_for;
use crate::command::{Action, CommandState, Commands, Menu, UiCommand};
use claimmark_core::model::{DocStatus, Document, Schema};

/// What the menus show.
pub struct MenuInput<'a> {
    pub state: CommandState,
    /// What Undo and Redo would do.
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    pub recent: &'a [PathBuf],
    pub document: Option<&'a Document>,
    pub schema: &'a Schema,
}

pub fn menu_bar_ui(ui: &mut Ui, input: &MenuInput<'_>, out: &mut Commands) {
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                let commands = UiCommand::ALL
                    .into_iter()
                    .filter(|command| command.menu() == Some(menu));
                for (i, command) in commands.enumerate() {
                    if i > 0 && command.starts_group() {
                        ui.separator();
                    }
                    command_button(ui, input, command, out);
                    if command == UiCommand::OpenProject {
                        recent_ui(ui, input.recent, out);
                    }
                }
                match menu {
                    Menu::Document => document_menu_ui(ui, input.document, out),
                    Menu::Claim => claim_menu_ui(ui, input, out),
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

fn command_button(ui: &mut Ui, input: &MenuInput<'_>, command: UiCommand, out: &mut Commands) {
    let label = match command {
        UiCommand::Undo => input.undo.map_or_else(
            || command.label().to_owned(),
            |d| format!("Undo {}", lower_first(d)),
        ),
        UiCommand::Redo => input.redo.map_or_else(
            || command.label().to_owned(),
            |d| format!("Redo {}", lower_first(d)),
        ),
        _ => command.label().to_owned(),
    };
    let mut button = Button::new(label);
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    let reason = command.disabled_reason(&input.state);
    let response = ui
        .add_enabled(reason.is_none(), button)
        .on_hover_text(command.tooltip());
    let response = match reason {
        Some(reason) => response.on_disabled_hover_text(reason),
        None => response,
    };
    if response.clicked() {
        out.push(command);
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

fn recent_ui(ui: &mut Ui, recent: &[PathBuf], out: &mut Commands) {
    ui.menu_button("Open recent", |ui| {
        if recent.is_empty() {
            ui.label("No recent projects");
        }
        for path in recent {
            if ui.button(path.display().to_string()).clicked() {
                out.push(Action::OpenProjectAt(path.clone()));
            }
        }
    });
}

fn document_menu_ui(ui: &mut Ui, doc: Option<&Document>, out: &mut Commands) {
    let Some(doc) = doc else {
        return;
    };
    ui.separator();
    ui.menu_button("Mark as", |ui| {
        for status in DocStatus::ALL {
            if ui.radio(doc.status == status, status.label()).clicked() {
                out.push(Action::SetDocumentStatus(doc.id.clone(), status));
            }
        }
    });
    if ui.button("Remove document").clicked() {
        out.push(Action::RemoveDocument(doc.id.clone()));
    }
}

fn claim_menu_ui(ui: &mut Ui, input: &MenuInput<'_>, out: &mut Commands) {
    if input.document.is_none() {
        return;
    }
    ui.separator();
    ui.menu_button("New claim of type", |ui| {
        for (i, claim_type) in input.schema.claim_types.iter().enumerate() {
            let mut button = Button::new(claim_type.name.display());
            if let Some(digit) = digit_for(i) {
                button = button.shortcut_text(format!("C {digit}"));
            }
            if ui.add(button).clicked() {
                out.push(Action::NewClaim(claim_type.name.clone()));
            }
        }
    });
}
