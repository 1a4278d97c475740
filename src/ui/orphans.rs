//! The claim form's arguments that did not re-attach on import: role,
//! quote, old offsets and why, with the three ways out (O, L and
//! Shift+Delete act on the first).

use egui::{Button, RichText, Ui};

use super::format::short_text;
use super::theme;
use crate::command::{Action, Commands, OrphanFix};
use crate::view::View;
use claimmark_core::model::Claim;

/// Arguments that did not re-attach on import: role, quote, old offsets
/// and why, with the three ways out.
pub fn orphans_ui(ui: &mut Ui, claim: &Claim, view: &View, out: &mut Commands) {
    if claim.orphans.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!("Not attached ({})", claim.orphans.len()))
            .color(theme::warning(ui.visuals())),
    );
    let has_target = view.span.is_some() || view.selection.is_some();
    for (index, orphan) in claim.orphans.iter().enumerate() {
        ui.label(format!(
            "{}: “{}” (was {}–{}): {}",
            orphan.role.display(),
            short_text(&orphan.exact, 60),
            orphan.start,
            orphan.end,
            orphan.reason
        ));
        ui.horizontal(|ui| {
            let attach = ui
                .add_enabled(has_target, Button::new("Attach to selection").small())
                .on_hover_text(format!(
                    "Put {} on the selected span or text",
                    orphan.role.display()
                ))
                .on_disabled_hover_text("Select the span or text it belongs on first");
            if attach.clicked() {
                out.push(Action::FixOrphan(
                    claim.id,
                    index,
                    OrphanFix::AttachToSelection,
                ));
            }
            if ui
                .button("Find quote")
                .on_hover_text(
                    "Select the next place its quote occurs, nearest its old place first; \
                     then attach it there",
                )
                .clicked()
            {
                out.push(Action::FixOrphan(claim.id, index, OrphanFix::FindQuote));
            }
            if ui
                .button("Drop")
                .on_hover_text("Take it out of the claim (undoable)")
                .clicked()
            {
                out.push(Action::FixOrphan(claim.id, index, OrphanFix::Drop));
            }
        });
    }
}
