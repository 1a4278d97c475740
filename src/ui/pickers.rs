//! The small pickers of two-key commands: C (claim type) and R (role),
//! each waiting for a digit, or a click.

use egui::{Align2, RichText};

use crate::app::{ClaimmarkApp, Command, Picker, digit_for};

pub fn picker_ui(ctx: &egui::Context, app: &mut ClaimmarkApp, out: &mut Vec<Command>) {
    let Some(picker) = app.view.picker else {
        return;
    };
    let (title, items): (&str, Vec<(claimmark_core::model::Name, Command)>) = match picker {
        Picker::ClaimType => (
            "New claim: press the type's digit",
            app.session
                .project()
                .schema
                .claim_types
                .iter()
                .map(|ty| (ty.name.clone(), Command::NewClaim(ty.name.clone())))
                .collect(),
        ),
        Picker::Role => (
            "Fill role: press the role's digit",
            app.selected_claim_roles()
                .into_iter()
                .map(|role| (role.clone(), Command::FillRole(role)))
                .collect(),
        ),
    };
    let mut close = false;
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
                    close = true;
                }
            }
            ui.label(RichText::new("Escape cancels").small().weak());
        });
    if close {
        app.view.picker = None;
    }
}
