//! Keys: the command table's shortcuts (each asks whether its command can
//! run), label digits, the two-key pickers and Escape.

use egui::Key;

use super::{ClaimmarkApp, Picker};
use crate::command::Action;

impl ClaimmarkApp {
    /// Keys: the command table's shortcuts, label digits, pickers, Escape.
    pub(super) fn handle_keyboard(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.job.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        if !typing && self.handle_draft_keys(ctx) {
            return;
        }
        let state = self.command_state();
        for (shortcut, command) in crate::command::shortcut_table() {
            let typing_key = crate::command::is_typing_key(shortcut);
            if typing_key && (typing || self.view.picker.is_some()) {
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
        let escape = ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Escape));
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
        if escape && !left_text_field && self.view.picker.take().is_none() {
            if self.view.selection.is_some() || self.view.span.is_some() {
                self.view.selection = None;
                self.view.span = None;
            } else {
                self.find.open = false;
            }
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
