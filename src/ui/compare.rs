//! The compare panel: the differences between our version of the document
//! and theirs, each with "Take theirs". Spans only they have are drawn in
//! the article as dotted outlines.

use std::fmt::Write as _;

use egui::{RichText, Ui};

use crate::command::{Action, Commands, UiCommand};
use crate::view::CompareState;
use claimmark_core::annotate::Row;
use claimmark_core::model::CharRange;
use claimmark_core::score::annotations::{ClaimAnn, DocAnnotations, SpanAnn};
use claimmark_core::score::compare::{ClaimDiff, SpanDiff};

fn quote(span: &SpanAnn) -> String {
    format!("“{}”", super::format::short_text(&span.text, 40))
}

fn value(span: &SpanAnn) -> String {
    span.value.clone().unwrap_or_else(|| "no value".into())
}

fn claim_summary(claim: &ClaimAnn) -> String {
    let args: Vec<String> = claim
        .args
        .iter()
        .take(4)
        .map(|arg| {
            format!(
                "{}={}",
                arg.role,
                super::format::short_text(
                    if arg.text.is_empty() {
                        &arg.value
                    } else {
                        &arg.text
                    },
                    20
                )
            )
        })
        .collect();
    format!("{} ({})", claim.claim_type, args.join(", "))
}

fn args_text(claim: &ClaimAnn, indices: &[usize]) -> String {
    indices
        .iter()
        .filter_map(|&i| claim.args.get(i))
        .map(|arg| format!("{}={}", arg.role, super::format::short_text(&arg.value, 20)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line describing a difference.
pub fn describe(ours: &DocAnnotations, theirs: &DocAnnotations, row: &Row) -> Option<String> {
    Some(match row {
        Row::Span(diff) => match *diff {
            SpanDiff::OnlyB(j) => {
                let s = theirs.spans.get(j)?;
                format!("Only theirs: {} {}", s.label, quote(s))
            }
            SpanDiff::OnlyA(i) => {
                let s = ours.spans.get(i)?;
                format!("Only ours: {} {}", s.label, quote(s))
            }
            SpanDiff::LabelDiffers { a, b } => {
                let (x, y) = (ours.spans.get(a)?, theirs.spans.get(b)?);
                format!("{}: ours {}, theirs {}", quote(x), x.label, y.label)
            }
            SpanDiff::ValueDiffers { a, b } => {
                let (x, y) = (ours.spans.get(a)?, theirs.spans.get(b)?);
                format!(
                    "{} {}: ours {}, theirs {}",
                    x.label,
                    quote(x),
                    value(x),
                    value(y)
                )
            }
            SpanDiff::BoundaryDiffers { a, b } => {
                let (x, y) = (ours.spans.get(a)?, theirs.spans.get(b)?);
                format!("{}: ours {}, theirs {}", x.label, quote(x), quote(y))
            }
            SpanDiff::Same { .. } => return None,
        },
        Row::Claim(diff) => match diff {
            ClaimDiff::OnlyB(j) => format!(
                "Claim only theirs: {}",
                claim_summary(theirs.claims.get(*j)?)
            ),
            ClaimDiff::OnlyA(i) => {
                format!("Claim only ours: {}", claim_summary(ours.claims.get(*i)?))
            }
            ClaimDiff::Differs {
                a,
                b,
                only_a_args,
                only_b_args,
            } => {
                let (x, y) = (ours.claims.get(*a)?, theirs.claims.get(*b)?);
                let mut text = format!("Claim {}:", x.claim_type);
                if !only_b_args.is_empty() {
                    let _ = write!(text, " theirs has {}", args_text(y, only_b_args));
                }
                if !only_a_args.is_empty() {
                    let _ = write!(text, " ours has {}", args_text(x, only_a_args));
                }
                text
            }
            ClaimDiff::Same { .. } => return None,
        },
    })
}

/// Ranges of the spans only they have, drawn as ghosts in the article.
pub fn ghost_ranges(compare: &CompareState) -> Vec<CharRange> {
    let Some(current) = &compare.current else {
        return Vec::new();
    };
    current
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Span(SpanDiff::OnlyB(j)) => current.theirs.spans.get(*j).map(|s| s.range),
            Row::Span(SpanDiff::BoundaryDiffers { b, .. }) => {
                current.theirs.spans.get(*b).map(|s| s.range)
            }
            _ => None,
        })
        .collect()
}

/// ◀ P and N ▶: the previous and next difference (or merge conflict).
pub fn step_buttons(ui: &mut Ui, out: &mut Commands) {
    if ui
        .small_button("◀ P")
        .on_hover_text(UiCommand::PreviousDifference.hover_text(ui.ctx()))
        .clicked()
    {
        out.push(UiCommand::PreviousDifference);
    }
    if ui
        .small_button("N ▶")
        .on_hover_text(UiCommand::NextDifference.hover_text(ui.ctx()))
        .clicked()
    {
        out.push(UiCommand::NextDifference);
    }
}

pub fn compare_ui(ui: &mut Ui, compare: &CompareState, out: &mut Commands) {
    // A long list of differences folds into the bar (a short one starts
    // open), so the text starts near the top; T, N and P work on the
    // selected difference either way.
    let rows = compare.current.as_ref().map_or(0, |c| c.rows.len());
    let mut list = egui::collapsing_header::CollapsingState::load_with_default_open(
        ui.ctx(),
        egui::Id::unique("compare_list"),
        rows <= 3,
    );
    ui.horizontal(|ui| {
        if rows > 0 {
            list.show_toggle_button(ui, egui::collapsing_header::paint_default_icon)
                .on_hover_text("Show or hide the list of differences");
        }
        let name = compare
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        ui.label(RichText::new(format!("Comparing with {name}")).strong());
        match &compare.current {
            Some(current) => {
                ui.label(format!(
                    "{} difference(s) in this document",
                    current.rows.len()
                ));
            }
            None => {
                ui.label("they have no version of this document");
            }
        }
        super::compare::step_buttons(ui, out);
        if ui
            .small_button("Stop comparing")
            .on_hover_text(UiCommand::CloseCompare.tooltip())
            .clicked()
        {
            out.push(UiCommand::CloseCompare);
        }
    });
    let Some(current) = &compare.current else {
        return;
    };
    list.show_body_unindented(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("compare_rows")
            .max_height(160.0)
            .show(ui, |ui| {
                for (index, row) in current.rows.iter().enumerate() {
                    let Some(text) = describe(&current.ours, &current.theirs, row) else {
                        continue;
                    };
                    ui.horizontal(|ui| {
                        let take = ui.small_button("Take theirs").on_hover_text(
                        "Make ours like theirs (T for the selected difference); undo takes it back",
                    );
                        if take.clicked() {
                            out.push(Action::TakeTheirsAt(index));
                        }
                        let selected = index == compare.selected;
                        if ui.selectable_label(selected, text).clicked() {
                            out.push(Action::SelectDifference(index));
                        }
                    });
                }
            });
    });
    ui.separator();
}
