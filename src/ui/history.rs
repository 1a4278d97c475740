//! A person's history across documents: every claim they appear in, in
//! date order, contradictions marked, with their events on a timeline.

use egui::{RichText, Ui};

use super::timeline::{Mark, YAxis, shorten, timeline_ui};
use crate::command::{Action, Commands};
use crate::view::LedgerCache;
use claimmark_core::ledger::timeline::person_history;
use claimmark_core::model::{EntityId, Project};

pub fn history_ui(
    ui: &mut Ui,
    project: &Project,
    cache: Option<&LedgerCache>,
    entity: EntityId,
    out: &mut Commands,
) {
    let Some(cache) = cache else {
        ui.spinner();
        return;
    };
    let entries = person_history(&cache.ledger, entity);
    ui.label(RichText::new("History").strong());
    if entries.is_empty() {
        ui.weak("No claim names them yet.");
        return;
    }
    let mut rows: Vec<String> = entries.iter().map(|e| e.claim_type.display()).collect();
    rows.sort();
    rows.dedup();
    let marks: Vec<Mark> = entries
        .iter()
        .filter_map(|entry| {
            let row = rows.iter().position(|r| *r == entry.claim_type.display())?;
            #[allow(clippy::cast_precision_loss)] // a handful of rows
            let y = row as f64;
            Some(Mark {
                first_day: entry.first_day?,
                last_day: entry.last_day?,
                y,
                low: y,
                high: Some(y),
                series: 0,
                claim: entry.claim.clone(),
                label: format!("{} ({})", entry.claim_type.display(), entry.role.display()),
            })
        })
        .collect();
    if !marks.is_empty() {
        let series = ["events".to_owned()];
        if let Some(claim) = timeline_ui(
            ui,
            "person_timeline",
            project,
            &marks,
            &series,
            &YAxis::Rows(&rows),
        ) {
            out.push(Action::GoToClaim(claim.doc_id, claim.claim));
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("person_history")
        .max_height(200.0)
        .show(ui, |ui| {
            for entry in &entries {
                let date = entry
                    .date
                    .as_ref()
                    .map_or_else(|| "no date".to_owned(), |d| d.value.clone());
                let quote = claimmark_core::ledger::quote(project, &entry.claim)
                    .map(|q| shorten(&q.text, 90))
                    .unwrap_or_default();
                let mark = if entry.contradicted { "⚠ " } else { "" };
                let text = format!(
                    "{mark}{date} · {} ({}) · {} · “{quote}”",
                    entry.claim_type.display(),
                    entry.role.display(),
                    entry.claim.doc_id
                );
                let mut response = ui.link(text);
                if entry.contradicted {
                    response = response
                        .on_hover_text("Another claim contradicts this one: see the claims ledger");
                }
                if response.clicked() {
                    out.push(Action::GoToClaim(
                        entry.claim.doc_id.clone(),
                        entry.claim.claim,
                    ));
                }
            }
        });
}
