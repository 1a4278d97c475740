//! The preview of a claim drafted from the selection (C): its type among
//! the others (digits), the trigger and each role's filler (Tab cycles the
//! marked row, Up/Down moves the mark), Enter creates, Escape cancels.

use egui::{RichText, Ui};

use super::format::{digit_for, short_text};
use crate::command::{Action, Commands};
use claimmark_core::annotate::ClaimDraft;
use claimmark_core::model::{Document, Project, SpanId};

pub fn draft_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    draft: &ClaimDraft,
    out: &mut Commands,
) {
    ui.heading(format!(
        "New {} claim (preview)",
        draft.claim_type().display()
    ));
    ui.horizontal_wrapped(|ui| {
        for (i, name) in draft.types.iter().enumerate() {
            let digit = digit_for(i).map_or_else(String::new, |d| format!("{d} "));
            let selected = i == draft.type_index;
            if ui
                .selectable_label(selected, format!("{digit}{}", name.display()))
                .on_hover_text("Press its digit to make the claim this type")
                .clicked()
            {
                out.push(Action::DraftType(i));
            }
        }
    });
    ui.add_space(4.0);
    let texts = |spans: &[SpanId]| -> String {
        let shown: Vec<String> = spans
            .iter()
            .filter_map(|id| doc.span(*id))
            .map(|span| format!("“{}”", short_text(doc.span_text(span), 40)))
            .collect();
        if shown.is_empty() {
            "—".to_owned()
        } else {
            shown.join(", ")
        }
    };
    let trigger = draft.trigger(&project.schema);
    let has_trigger_role = project
        .schema
        .claim_type(draft.claim_type())
        .is_some_and(|ty| {
            ty.roles
                .iter()
                .any(|r| r.name.as_str() == claimmark_core::model::TRIGGER_ROLE)
        });
    let mut rows: Vec<(String, String, usize)> = Vec::new();
    if has_trigger_role {
        let of = if draft.triggers.len() > 1 {
            format!(" ({} of {})", draft.trigger_index + 1, draft.triggers.len())
        } else {
            String::new()
        };
        rows.push((
            "trigger".to_owned(),
            format!("{}{of}", texts(&trigger.into_iter().collect::<Vec<_>>())),
            draft.triggers.len(),
        ));
    } else {
        rows.push(("trigger".to_owned(), "(this type has none)".to_owned(), 0));
    }
    for choice in &draft.roles {
        rows.push((
            choice.role.display(),
            texts(choice.chosen()),
            choice.options.len().saturating_sub(1),
        ));
    }
    same_claim_warning(ui, doc, draft, trigger);
    egui::Grid::new("draft_roles")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for (row, (role, filler, candidates)) in rows.into_iter().enumerate() {
                let marked = row == draft.row;
                let mark = if marked { "▶ " } else { "   " };
                ui.label(RichText::new(format!("{mark}{role}")).strong());
                ui.label(filler);
                if candidates > 1 || (row > 0 && candidates == 1) {
                    if ui
                        .small_button("⟳")
                        .on_hover_text("The next candidate (Tab on the marked row)")
                        .clicked()
                    {
                        out.push(Action::DraftCycle(row));
                    }
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        if ui.button("Create (Enter)").clicked() {
            out.push(Action::CreateDraft);
        }
        if ui.button("Cancel (Esc)").clicked() {
            out.push(Action::CancelDraft);
        }
    });
    ui.label(
        RichText::new("Digit: type · Tab: the marked row’s next filler · Up/Down: row")
            .small()
            .weak(),
    );
}

/// Says so when the document already has a claim of this type on this
/// trigger (the draft would duplicate it).
fn same_claim_warning(ui: &mut Ui, doc: &Document, draft: &ClaimDraft, trigger: Option<SpanId>) {
    let Some(same) = trigger.and_then(|trigger| {
        doc.claims_using(trigger)
            .find(|claim| &claim.claim_type == draft.claim_type())
    }) else {
        return;
    };
    ui.colored_label(
        super::theme::warning(ui.visuals()),
        format!(
            "Claim {} is already a {} with this trigger.",
            same.id,
            draft.claim_type().display()
        ),
    );
}
