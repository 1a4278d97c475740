//! R's picker: the selected claim's roles, each waiting for its digit or a
//! click; roles the selected span cannot fill are greyed with why. (C's
//! claim draft is previewed in the form: `ui::draft`.)

use egui::{Align2, RichText};

use super::format::digit_for;
use crate::command::{Action, Commands};
use crate::view::Picker;
use claimmark_core::model::Name;

/// One role in R's picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleItem {
    pub name: Name,
    /// Why the selected span cannot fill it ("takes person, not date").
    pub refusal: Option<String>,
    /// The label untagged selected text gets to fill it.
    pub tags_as: Option<Name>,
}

/// The open picker, if any. A click picks (the app closes the picker when
/// it runs the command); Enter adds what the selection fits, when text is
/// selected.
pub fn picker_ui(
    ctx: &egui::Context,
    picker: Option<Picker>,
    roles: Vec<RoleItem>,
    text_selected: bool,
    out: &mut Commands,
) {
    let Some(Picker::Role) = picker else {
        return;
    };
    egui::Window::new("Fill role: press the role's digit")
        .id(egui::Id::unique("picker"))
        .anchor(Align2::CENTER_TOP, [0.0, 60.0])
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            for (i, item) in roles.into_iter().enumerate() {
                let digit = digit_for(i).map_or_else(|| " ".to_owned(), |d| d.to_string());
                let tags_as = item
                    .tags_as
                    .as_ref()
                    .map(|label| format!("  (tags as {})", label.display()))
                    .unwrap_or_default();
                let text = format!("{digit}  {}{tags_as}", item.name.display());
                let enabled = item.refusal.is_none();
                let response =
                    ui.add_enabled(enabled, egui::Button::new(RichText::new(text).monospace()));
                let response = match &item.refusal {
                    Some(why) => response.on_disabled_hover_text(why.clone()),
                    None => response,
                };
                if let Some(why) = &item.refusal {
                    ui.label(RichText::new(format!("   {why}")).small().weak());
                }
                if response.clicked() {
                    out.push(Action::FillRole(item.name));
                }
            }
            if text_selected
                && ui
                    .button("Enter  add every fitting span of the selection")
                    .clicked()
            {
                out.push(Action::AddFittingArguments);
            }
            ui.label(RichText::new("Escape cancels").small().weak());
        });
}
