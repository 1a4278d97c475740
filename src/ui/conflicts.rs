//! The merge conflicts list, above the article: each conflict with both
//! versions and "Take ours", "Take theirs", "Keep both". Panels only push
//! commands; the app resolves.

use egui::{RichText, Ui};

use crate::command::{Action, Commands, UiCommand};
use crate::view::ConflictsView;
use claimmark_core::merge::Resolution;
use claimmark_core::model::{Conflict, Side};
use claimmark_core::text_shown::shown;

pub fn conflicts_ui(ui: &mut Ui, conflicts: &[Conflict], view: ConflictsView, out: &mut Commands) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} merge conflict(s)", conflicts.len())).strong());
        ui.label("Each keeps both versions until you choose; undo brings it back.");
        super::compare::step_buttons(ui, out);
        if ui
            .small_button("Close")
            .on_hover_text(UiCommand::ToggleConflicts.hover_text(ui.ctx()))
            .clicked()
        {
            out.push(UiCommand::ToggleConflicts);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("conflict_rows")
        .max_height(180.0)
        .show(ui, |ui| {
            for (index, conflict) in conflicts.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    let take = |side: Side| Action::ResolveConflict(index, Resolution::Take(side));
                    if ui
                        .small_button("Take ours")
                        .on_hover_text(UiCommand::TakeOurs.hover_text(ui.ctx()))
                        .clicked()
                    {
                        out.push(take(Side::Ours));
                    }
                    if ui
                        .small_button("Take theirs")
                        .on_hover_text(UiCommand::TakeTheirs.hover_text(ui.ctx()))
                        .clicked()
                    {
                        out.push(take(Side::Theirs));
                    }
                    let both = ui
                        .add_enabled(
                            conflict.can_keep_both(),
                            egui::Button::new("Keep both").small(),
                        )
                        .on_hover_text(UiCommand::KeepBoth.hover_text(ui.ctx()))
                        .on_disabled_hover_text(
                            "One side removed it: there is only one version to keep.",
                        );
                    if both.clicked() {
                        out.push(Action::ResolveConflict(index, Resolution::KeepBoth));
                    }
                    let text = format!(
                        "{}. {}: {} — ours: {} · theirs: {}",
                        index + 1,
                        shown(&conflict.subject()),
                        shown(&conflict.fields.join(", ")),
                        shown(&conflict.version(Side::Ours)),
                        shown(&conflict.version(Side::Theirs)),
                    );
                    if ui.selectable_label(index == view.selected, text).clicked() {
                        out.push(Action::SelectConflict(index));
                    }
                });
            }
        });
    ui.separator();
}
