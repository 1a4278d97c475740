//! Text fields bound to model values. The field keeps its own buffer while
//! the user types; each change becomes a command (merged into one undo step
//! by the history), and when the model changes underneath (undo, another
//! document) the buffer follows.

use std::collections::HashMap;

use egui::{Response, TextEdit, Ui};

#[derive(Default)]
pub struct TextBuffers {
    buffers: HashMap<String, Buffer>,
}

struct Buffer {
    text: String,
    /// The model value the buffer last agreed with.
    synced: String,
}

impl TextBuffers {
    /// A labelled text field for `model`. Returns the new text when the user
    /// changed it, and the field's response.
    pub fn field(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        model: &str,
        multiline: bool,
        hint: &str,
    ) -> (Response, Option<String>) {
        let buffer = self
            .buffers
            .entry(key.to_owned())
            .or_insert_with(|| Buffer {
                text: model.to_owned(),
                synced: model.to_owned(),
            });
        if buffer.synced != model {
            model.clone_into(&mut buffer.text);
            model.clone_into(&mut buffer.synced);
        }
        let label_response = ui.label(label);
        let edit = if multiline {
            TextEdit::multiline(&mut buffer.text).desired_rows(2)
        } else {
            TextEdit::singleline(&mut buffer.text)
        };
        let response = ui
            .add(edit.hint_text(hint).desired_width(f32::INFINITY))
            .labelled_by(label_response.id);
        if response.changed() && buffer.text != buffer.synced {
            buffer.synced = buffer.text.clone();
            return (response, Some(buffer.text.clone()));
        }
        (response, None)
    }

    /// Like [`TextBuffers::field`], but the value is only given back once it
    /// is committed (Enter or leaving the field), for values checked as a
    /// whole: names, dates. `validate` explains what is wrong.
    pub fn committed_field(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        model: &str,
        hint: &str,
        validate: impl Fn(&str) -> Result<(), String>,
    ) -> Option<String> {
        let buffer = self
            .buffers
            .entry(key.to_owned())
            .or_insert_with(|| Buffer {
                text: model.to_owned(),
                synced: model.to_owned(),
            });
        let label_response = ui.label(label);
        let response = ui
            .add(
                TextEdit::singleline(&mut buffer.text)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label_response.id);
        if !response.has_focus() && buffer.synced != model {
            model.clone_into(&mut buffer.text);
            model.clone_into(&mut buffer.synced);
        }
        let problem = if buffer.text == model {
            None
        } else {
            validate(&buffer.text).err()
        };
        if let Some(problem) = &problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if response.lost_focus() && buffer.text != model {
            if problem.is_none() {
                buffer.synced = buffer.text.clone();
                return Some(buffer.text.clone());
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                model.clone_into(&mut buffer.text);
            }
        }
        None
    }
}
