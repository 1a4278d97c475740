//! Claims from a selection (C): the draft the form previews, its keys
//! (digit: type, Tab: next filler of the row, Up/Down: row, Enter: create,
//! Escape: drop), and R's picker that knows which roles the selected span
//! can fill. The rules are `claimmark_core::annotate::ClaimDraft`'s.

use egui::{Key, Modifiers};

use super::{ClaimmarkApp, Picker};
use crate::command::Action;
use crate::ui::format::digit_index;
use crate::ui::pickers::RoleItem;
use crate::view::DraftState;
use claimmark_core::annotate::{self, ClaimDraft};
use claimmark_core::model::{CharRange, sentences};

impl ClaimmarkApp {
    /// C: drafts a claim from the text selection, or from the sentence of
    /// the selected span, or (nothing selected) an empty claim of a type.
    pub(super) fn start_draft(&mut self) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let range = match (
            self.view.selection,
            self.view.span.and_then(|id| doc.span(id)),
        ) {
            (Some(range), _) => range,
            (None, Some(span)) => sentences::sentence_around(&doc.text, span.range),
            (None, None) => CharRange::from_offsets(0, 0),
        };
        let Some(draft) = ClaimDraft::new(self.session.project(), doc, range) else {
            self.set_status("The schema has no claim types: add one in Edit › Schema first.");
            return;
        };
        self.view.picker = None;
        self.view.draft = Some(DraftState {
            draft,
            revision: self.session.history().revision(),
        });
        self.set_status(
            "New claim: Enter creates it, a digit changes the type, Tab the row’s filler, Up/Down the row, Escape cancels.",
        );
    }

    /// The draft's keys; true when a draft is open (other keys then wait).
    pub(super) fn handle_draft_keys(&mut self, ctx: &egui::Context) -> bool {
        if self.view.draft.is_none() {
            return false;
        }
        let pressed = |key: Key, modifiers: Modifiers| {
            ctx.input_mut(|input| input.consume_key(modifiers, key))
        };
        if pressed(Key::Escape, Modifiers::NONE) {
            self.queue.push(Action::CancelDraft);
        } else if pressed(Key::Enter, Modifiers::NONE) {
            self.queue.push(Action::CreateDraft);
        } else if pressed(Key::Tab, Modifiers::NONE) {
            let row = self.view.draft.as_ref().map_or(0, |d| d.draft.row);
            self.queue.push(Action::DraftCycle(row));
        } else if pressed(Key::ArrowDown, Modifiers::NONE) || pressed(Key::Tab, Modifiers::SHIFT) {
            self.move_draft_row(true);
        } else if pressed(Key::ArrowUp, Modifiers::NONE) {
            self.move_draft_row(false);
        }
        for (digit, key) in super::keyboard::DIGIT_KEYS {
            if pressed(key, Modifiers::NONE)
                && let Some(index) = digit_index(digit)
            {
                self.queue.push(Action::DraftType(index));
            }
        }
        // Nothing else acts while the preview is up: not egui's Tab focus
        // either (it would focus a menu button, which Enter then opens).
        ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
        ctx.input_mut(|input| {
            input
                .events
                .retain(|event| !matches!(event, egui::Event::Key { .. } | egui::Event::Text(_)));
        });
        true
    }

    fn move_draft_row(&mut self, forward: bool) {
        if let Some(state) = &mut self.view.draft {
            state.draft.move_row(forward);
        }
    }

    /// The draft's actions; the draft is dropped when the project changed
    /// under it (its spans may be gone).
    pub(super) fn draft_action(&mut self, action: &Action) {
        let revision = self.session.history().revision();
        if self
            .view
            .draft
            .as_ref()
            .is_some_and(|d| d.revision != revision)
        {
            self.view.draft = None;
        }
        let Some(mut state) = self.view.draft.take() else {
            if matches!(action, Action::AddFittingArguments) {
                self.add_fitting_arguments();
            }
            return;
        };
        let project = self.session.project();
        let Some(doc) = project.document(&state.draft.doc) else {
            return;
        };
        match action {
            Action::DraftType(index) if !state.draft.set_type(project, doc, *index) => {
                self.set_status(format!("No claim type has number {}.", index + 1));
            }
            Action::DraftCycle(row) => {
                state.draft.row = *row;
                state.draft.cycle(project, doc);
            }
            Action::CreateDraft => {
                let shown = state.draft.claim_type().display();
                let filled = state.draft.arguments(&project.schema).len();
                match state.draft.create(project, doc) {
                    Ok(made) => {
                        if self.apply(made.edit, format!("New {shown} claim")) {
                            self.view.claim = Some(made.claim);
                            self.view.selection = None;
                            self.set_status(format!(
                                "New {shown} claim with {}. R fills a role from a selection.",
                                crate::ui::format::counted(filled, "argument")
                            ));
                        }
                    }
                    Err(error) => self.set_error_status(format!("Not done: {error}")),
                }
                return;
            }
            Action::CancelDraft => {
                self.set_status("No claim made.");
                return;
            }
            _ => {}
        }
        self.view.draft = Some(state);
    }

    /// R then Enter: the selection's fitting spans into the selected
    /// claim's roles, one undoable edit.
    fn add_fitting_arguments(&mut self) {
        self.view.picker = None;
        let (Some(claim), Some(range), Some(doc)) = (
            self.view.claim,
            self.view.selection,
            self.current_document(),
        ) else {
            self.set_status("Select a claim, then drag over text with its spans, then R, Enter.");
            return;
        };
        match annotate::fitting_arguments(self.session.project(), doc, claim, range) {
            Ok(claimmark_core::edit::Edit::Batch(edits)) if edits.is_empty() => {
                self.set_status("No span in the selection fits a role the claim has free.");
            }
            Ok(edit) => {
                let added = match &edit {
                    claimmark_core::edit::Edit::Batch(edits) => edits.len(),
                    _ => 1,
                };
                let description = format!(
                    "Add {} from the selection",
                    crate::ui::format::counted(added, "argument")
                );
                let edit = self.with_correction(edit);
                if self.apply(edit, description) {
                    self.view.selection = None;
                }
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }

    /// R's picker rows: every role of the selected claim, greyed with why
    /// where the selected span's label does not fit it.
    pub(crate) fn role_items(&self) -> Vec<RoleItem> {
        let Some(doc) = self.current_document() else {
            return Vec::new();
        };
        let schema = &self.session.project().schema;
        let Some(claim_type) = self
            .view
            .claim
            .and_then(|id| doc.claim(id))
            .and_then(|claim| schema.claim_type(&claim.claim_type))
        else {
            return Vec::new();
        };
        let span = self.view.span.and_then(|id| doc.span(id));
        claim_type
            .roles
            .iter()
            .map(|role| {
                let refusal = span.filter(|s| !role.accepts(&s.label)).map(|s| {
                    format!(
                        "takes {}, not {}",
                        role.describe_labels(),
                        s.label.display()
                    )
                });
                let tags_as = (span.is_none())
                    .then(|| role.labels.first().cloned())
                    .flatten();
                RoleItem {
                    name: role.name.clone(),
                    refusal,
                    tags_as,
                }
            })
            .collect()
    }

    /// A digit typed while R's picker is open: fills that role, or says
    /// why it cannot.
    pub(super) fn pick_role(&mut self, digit: char) {
        self.view.picker = None;
        let Some(item) = digit_index(digit).and_then(|i| self.role_items().into_iter().nth(i))
        else {
            self.set_status(format!("No role has number {digit}."));
            return;
        };
        match item.refusal {
            Some(why) => {
                self.view.picker = Some(Picker::Role);
                self.set_status(format!("“{}” {why}.", item.name.display()));
            }
            None => self.queue.push(Action::FillRole(item.name)),
        }
    }
}
