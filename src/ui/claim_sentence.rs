//! The selected claim's sentence in the form, its arguments marked in
//! their labels' colours with the role after each, so the claim reads as
//! the article says it.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Ui};

use super::theme;
use claimmark_core::model::{CharRange, Claim, Document, Project, sentences};

/// Sentences longer than this are shown around the arguments only.
const MAX_CHARS: usize = 600;

pub fn claim_sentence_ui(ui: &mut Ui, project: &Project, doc: &Document, claim: &Claim) {
    let mut marked: Vec<(CharRange, String, claimmark_core::model::Rgb)> = claim
        .arguments
        .iter()
        .filter_map(|argument| {
            let span = doc.span(argument.span)?;
            let color = project.schema.label(&span.label)?.color;
            Some((span.range, argument.role.display(), color))
        })
        .collect();
    if marked.is_empty() {
        return;
    }
    marked.sort_by_key(|(range, _, _)| (range.start(), range.end()));
    let start = marked.iter().map(|(r, _, _)| r.start()).min();
    let end = marked.iter().map(|(r, _, _)| r.end()).max();
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    let mut shown = sentences::sentence_around(&doc.text, CharRange::new(start, end));
    let cut = shown.len() > MAX_CHARS;
    if cut {
        shown = CharRange::new(
            start.saturating_sub(80),
            end.saturating_add(80).min(doc.text.end()),
        );
    }
    let body = FontId::proportional(13.0);
    let plain = TextFormat {
        font_id: body.clone(),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let role_format = TextFormat {
        font_id: FontId::proportional(10.0),
        color: ui.visuals().weak_text_color(),
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    let slice = |range: CharRange| doc.text.slice(range).unwrap_or_default();
    let mut at = shown.start();
    if cut {
        job.append("…", 0.0, plain.clone());
    }
    for (range, role, color) in &marked {
        // Arguments overlapping one already marked are named only.
        if range.start() < at {
            job.append(&format!("[{role}]"), 0.0, role_format.clone());
            continue;
        }
        job.append(slice(CharRange::new(at, range.start())), 0.0, plain.clone());
        job.append(
            slice(*range),
            0.0,
            TextFormat {
                font_id: body.clone(),
                color: theme::on_solid(*color),
                background: theme::solid(*color),
                ..TextFormat::default()
            },
        );
        job.append(&format!("[{role}]"), 0.0, role_format.clone());
        at = range.end();
    }
    job.append(slice(CharRange::new(at, shown.end())), 0.0, plain.clone());
    if cut {
        job.append("…", 0.0, plain);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}
