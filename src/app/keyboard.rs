//! Keys: the command table's shortcuts (each asks whether its command can
//! run), label digits, the two-key pickers and Escape.

use egui::Key;

use super::{ClaimmarkApp, Picker};
use crate::command::Action;
use crate::view::KeyboardPanel;

impl ClaimmarkApp {
    /// Keys: the command table's shortcuts, label digits, pickers, Escape.
    pub(super) fn handle_keyboard(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.job.is_some() {
            return;
        }
        // A focused button (after Tab) leaves the keys to the app, except
        // the arrows, which move between buttons; a text field keeps them.
        let typing = ctx.text_edit_focused();
        let button_focused = ctx.memory(|memory| memory.focused().is_some()) && !typing;
        if !typing && self.handle_draft_keys(ctx) {
            return;
        }
        let state = self.command_state();
        for (shortcut, command) in crate::command::shortcut_table() {
            let typing_key = crate::command::is_typing_key(shortcut);
            if typing_key && (typing || self.view.picker.is_some()) {
                continue;
            }
            if button_focused && command.scrolls_the_article() {
                continue;
            }
            if ctx.input_mut(|input| input.consume_shortcut(shortcut)) {
                match command.disabled_reason(&state) {
                    None => self.queue.push(*command),
                    Some(reason) => self.set_status(reason),
                }
            }
        }
        if typing {
            return;
        }
        // Escape in a text field only leaves the field (egui drops the focus
        // before this runs, so look at the last frame).
        let left_text_field = std::mem::take(&mut self.was_typing);
        // An open menu closes on Escape itself.
        let escape = !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Escape));
        if escape && left_text_field && self.find.open && self.find.current.is_none() {
            // Leaving the find field selects the first match, so a digit
            // tags it (as it does after Enter).
            self.update_find();
            if !self.find.matches.is_empty() {
                self.step_find(1);
            }
        }
        if self.view.picker == Some(Picker::Role)
            && self.view.selection.is_some()
            && ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Enter))
        {
            self.queue.push(Action::AddFittingArguments);
        }
        if escape && !left_text_field {
            self.escape();
        }
        for (digit, key) in DIGIT_KEYS {
            if !ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, key)) {
                continue;
            }
            if let Some(picker) = self.view.picker {
                self.pick(picker, digit);
            } else {
                let label = self
                    .session
                    .project()
                    .schema
                    .label_for_key(digit)
                    .map(|label| label.name.clone());
                match label {
                    Some(label) => self.queue.push(Action::ApplyLabel(label)),
                    None => self.set_status(format!("No label has key {digit}.")),
                }
            }
        }
    }

    /// Escape closes the innermost thing open: a picker, the keyboard's
    /// stay in another panel, the selection, the find bar, then a window.
    fn escape(&mut self) {
        if self.view.picker.take().is_some() {
            return;
        }
        if self
            .view
            .panel
            .is_some_and(|panel| panel != KeyboardPanel::Article)
        {
            self.view.panel = Some(KeyboardPanel::Article);
            self.set_status("Keyboard back in the article.");
        } else if self.view.selection.is_some() || self.view.span.is_some() {
            self.view.selection = None;
            self.view.span = None;
        } else if self.find.open {
            self.find.open = false;
        } else if self.ledger_window.open {
            self.ledger_window.open = false;
        } else if self.entities_window.open {
            self.entities_window.open = false;
        } else if self.schema_editor.open {
            self.schema_editor.open = false;
        }
    }

    /// Tab, Shift+Tab: the keyboard to the next panel (article, form, review
    /// queue when open); the panel's first button takes the focus, so the
    /// arrows move between its buttons and Enter presses one.
    pub(super) fn step_panel(&mut self, forward: bool, ctx: &egui::Context) {
        let mut panels = vec![KeyboardPanel::Article, KeyboardPanel::Form];
        if self.review_queue.open {
            panels.push(KeyboardPanel::Queue);
        }
        let current = self.view.panel.unwrap_or(KeyboardPanel::Article);
        let at = panels.iter().position(|p| *p == current).unwrap_or(0);
        let step = if forward { 1 } else { panels.len() - 1 };
        let next = panels[(at + step) % panels.len()];
        // Not egui's own Tab, which walks widget by widget.
        ctx.memory_mut(|memory| {
            memory.move_focus(egui::FocusDirection::None);
            if let Some(id) = memory.focused() {
                memory.surrender_focus(id);
            }
        });
        self.view.panel = Some(next);
        self.view.focus_panel_widget = next != KeyboardPanel::Article;
        self.set_status(format!(
            "Keyboard in the {}{}.",
            next.name(),
            if next == KeyboardPanel::Article {
                ""
            } else {
                ": arrows move between its buttons, Enter presses one, Escape goes back"
            }
        ));
    }

    /// A digit typed while a picker is open.
    fn pick(&mut self, picker: Picker, digit: char) {
        match picker {
            Picker::Role => self.pick_role(digit),
        }
    }
}

pub(super) const DIGIT_KEYS: [(char, Key); 10] = [
    ('1', Key::Num1),
    ('2', Key::Num2),
    ('3', Key::Num3),
    ('4', Key::Num4),
    ('5', Key::Num5),
    ('6', Key::Num6),
    ('7', Key::Num7),
    ('8', Key::Num8),
    ('9', Key::Num9),
    ('0', Key::Num0),
];
