//! The small pickers of two-key commands: C (claim type) and R (role),
//! each waiting for a digit, or a click.

use egui::{Align2, RichText};

use super::format::digit_for;
use crate::command::{Action, Command, Commands};
use crate::view::Picker;
use claimmark_core::model::{Name, Project};

/// The open picker, if any; `roles` are the selected claim's. A click
/// picks (the app closes the picker when it runs the command).
pub fn picker_ui(
    ctx: &egui::Context,
    picker: Option<Picker>,
    project: &Project,
    roles: Vec<Name>,
    out: &mut Commands,
) {
    let Some(picker) = picker else {
        return;
    };
    let (title, items): (&str, Vec<(Name, Command)>) = match picker {
        Picker::ClaimType => (
            "New claim: press the type's digit",
            project
                .schema
                .claim_types
                .iter()
                .map(|ty| (ty.name.clone(), Action::NewClaim(ty.name.clone()).into()))
                .collect(),
        ),
        Picker::Role => (
            "Fill role: press the role's digit",
            roles
                .into_iter()
                .map(|role| (role.clone(), Action::FillRole(role).into()))
                .collect(),
        ),
    };
    egui::Window::new(title)
        .id(egui::Id::unique("picker"))
        .anchor(Align2::CENTER_TOP, [0.0, 60.0])
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            for (i, (name, command)) in items.into_iter().enumerate() {
                let digit = digit_for(i).map_or_else(|| " ".to_owned(), |d| d.to_string());
                if ui
                    .button(RichText::new(format!("{digit}  {}", name.display())).monospace())
                    .clicked()
                {
                    out.push(command);
                }
            }
            ui.label(RichText::new("Escape cancels").small().weak());
        });
}
