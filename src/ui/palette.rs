//! The command palette (Ctrl+K): every command of the one command table by
//! name, with its shortcut; type to filter, ↑/↓ to move, Enter to run. A
//! command that cannot run now is greyed, with why.

use egui::{Key, RichText};

use crate::command::{CommandState, Commands, UiCommand};

/// The commands a query finds: every word of it in the label or tooltip,
/// labels that start with it first.
pub fn matching(query: &str) -> Vec<UiCommand> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut found: Vec<UiCommand> = UiCommand::ALL
        .into_iter()
        .filter(|c| *c != UiCommand::CommandPalette)
        .filter(|c| {
            let text = format!("{} {}", c.label(), c.tooltip()).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect();
    let first = words.first().cloned().unwrap_or_default();
    found.sort_by_key(|c| !c.label().to_lowercase().starts_with(&first));
    found
}

/// Returns whether the palette stays open.
pub fn palette_ui(
    ui: &mut egui::Ui,
    query: &mut String,
    selected: &mut usize,
    state: &CommandState,
    out: &mut Commands,
) -> bool {
    ui.heading("Run a command");
    let field = ui.add(
        egui::TextEdit::singleline(query)
            .hint_text("Type part of a command's name")
            .desired_width(f32::INFINITY),
    );
    field.request_focus();
    if field.changed() {
        *selected = 0;
    }
    let found = matching(query);
    let (down, up, enter, escape) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::Enter),
            i.consume_key(egui::Modifiers::NONE, Key::Escape),
        )
    });
    if down && !found.is_empty() {
        *selected = (*selected + 1) % found.len();
    }
    if up && !found.is_empty() {
        *selected = (*selected + found.len() - 1) % found.len();
    }
    *selected = (*selected).min(found.len().saturating_sub(1));
    let mut keep = !escape;
    let mut run = None;
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            if found.is_empty() {
                ui.label(RichText::new("No command has those words.").weak());
            }
            for (index, command) in found.iter().enumerate() {
                let reason = command.disabled_reason(state);
                let shortcut = command.shortcut_text(ui.ctx()).unwrap_or_default();
                let row = ui.horizontal(|ui| {
                    let text = if reason.is_some() {
                        RichText::new(command.label()).weak()
                    } else {
                        RichText::new(command.label())
                    };
                    let label = ui.selectable_label(index == *selected, text);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(RichText::new(shortcut).monospace().weak());
                    });
                    label
                });
                let label = row.inner.on_hover_text(reason.unwrap_or(command.tooltip()));
                if index == *selected && (down || up) {
                    label.scroll_to_me(None);
                }
                if label.clicked() {
                    run = Some(*command);
                }
            }
        });
    if enter {
        run = found.get(*selected).copied();
    }
    if let Some(command) = run {
        // One that cannot run stays listed, its reason shown below.
        if command.disabled_reason(state).is_none() {
            out.push(command);
            keep = false;
        }
    }
    if let Some(reason) = found.get(*selected).and_then(|c| c.disabled_reason(state)) {
        ui.label(RichText::new(reason).weak());
    }
    keep
}
