//! The review queue panel: the filter and order on top, bulk decisions,
//! and one row per proposal (document, type, quote, arguments, confidence,
//! extractor, flags), virtualised so 100,000 rows cost what the visible
//! ones cost. Reads the queue; pushes commands.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::format::short_text;
use crate::command::{Action, Commands, UiCommand};
use crate::view::{QueueState, View};
use claimmark_core::Project;
use claimmark_core::model::{Document, Name, ReviewStatus};
use claimmark_core::review::{Proposal, QueueFilter, QueueRow, QueueSort, RowFlag};

pub struct QueueInput<'a> {
    pub project: &'a Project,
    pub queue: &'a QueueState,
    pub view: &'a View,
    /// Scroll the table to the selected row (it just changed).
    pub scroll_to_selected: bool,
}

pub fn queue_ui(ui: &mut Ui, input: &QueueInput<'_>, out: &mut Commands) {
    ui.horizontal(|ui| {
        ui.heading("Review queue");
        ui.label(RichText::new(format!("{} shown", input.queue.len())).weak());
        ui.separator();
        for command in [UiCommand::AcceptAllShown, UiCommand::RejectAllShown] {
            let button = ui
                .add_enabled(!input.queue.is_empty(), egui::Button::new(command.label()))
                .on_hover_text(command.tooltip());
            if button.clicked() {
                out.push(command);
            }
        }
        ui.separator();
        if ui
            .button("Close")
            .on_hover_text(UiCommand::ToggleReviewQueue.hover_text(ui.ctx()))
            .clicked()
        {
            out.push(UiCommand::ToggleReviewQueue);
        }
    });
    filter_ui(ui, input, out);
    ui.separator();
    rows_ui(ui, input, out);
}

fn filter_ui(ui: &mut Ui, input: &QueueInput<'_>, out: &mut Commands) {
    let queue = input.queue;
    let mut filter = queue.filter.clone();
    let mut sort = queue.sort;
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::new("queue_sort", "order")
            .selected_text(sort.label())
            .show_ui(ui, |ui| {
                for option in QueueSort::ALL {
                    ui.selectable_value(&mut sort, option, option.label());
                }
            });
        ui.separator();
        type_and_status_ui(ui, input.project, &mut filter);
        ui.label("Agent");
        let mut agent = filter.agent.clone().unwrap_or_default();
        ui.add(
            egui::TextEdit::singleline(&mut agent)
                .desired_width(90.0)
                .hint_text("any"),
        );
        filter.agent = Some(agent.trim().to_owned()).filter(|a| !a.is_empty());
        ui.label("Confidence");
        let mut min = filter.min_confidence.unwrap_or(0.0);
        let mut max = filter.max_confidence.unwrap_or(1.0);
        ui.add(
            egui::DragValue::new(&mut min)
                .range(0.0..=1.0)
                .speed(0.01)
                .fixed_decimals(2),
        )
        .on_hover_text("At least; 0 means no lower bound");
        ui.label("to");
        ui.add(
            egui::DragValue::new(&mut max)
                .range(0.0..=1.0)
                .speed(0.01)
                .fixed_decimals(2),
        )
        .on_hover_text("At most; 1 means no upper bound");
        filter.min_confidence = (min > 0.0).then_some(min);
        filter.max_confidence = (max < 1.0).then_some(max);
        let mut this_document = !filter.docs.is_empty();
        ui.checkbox(&mut this_document, "This document")
            .on_hover_text("Only the rows of the document open in the article");
        filter.docs = match (&input.view.document, this_document) {
            (Some(doc), true) => vec![doc.clone()],
            _ => Vec::new(),
        };
        flag_and_run_ui(ui, input, &mut filter);
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .desired_width(140.0)
                .hint_text("Filter by text"),
        );
    });
    if filter != queue.filter {
        out.push(Action::SetQueueFilter(Box::new(filter)));
    }
    if sort != queue.sort {
        out.push(Action::SetQueueSort(sort));
    }
}

/// The flag and "since run" combo boxes; runs are those the queue's rows
/// came from.
fn flag_and_run_ui(ui: &mut Ui, input: &QueueInput<'_>, filter: &mut QueueFilter) {
    egui::ComboBox::new("queue_flag", "flag")
        .selected_text(filter.flag.map_or("any", RowFlag::label))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.flag, None, "any");
            for flag in RowFlag::ALL {
                ui.selectable_value(&mut filter.flag, Some(flag), flag.label());
            }
        });
    let runs = input.queue.runs();
    if runs.is_empty() && filter.since_run.is_none() {
        return;
    }
    egui::ComboBox::new("queue_since_run", "since")
        .selected_text(
            filter
                .since_run
                .map_or_else(|| "any run".to_owned(), |run| format!("after run {run}")),
        )
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.since_run, None, "any run");
            for &run in runs {
                ui.selectable_value(&mut filter.since_run, Some(run), format!("after run {run}"))
                    .on_hover_text(format!(
                        "Only claims runs after run {run} brought: new or changed since"
                    ));
            }
        })
        .response
        .on_hover_text("Claims of extractor runs after the one chosen");
}

/// The type and status combo boxes.
fn type_and_status_ui(ui: &mut Ui, project: &Project, filter: &mut QueueFilter) {
    let types: Vec<&Name> = project
        .schema
        .claim_types
        .iter()
        .map(|t| &t.name)
        .chain(project.schema.labels.iter().map(|l| &l.name))
        .collect();
    let shown = filter
        .types
        .first()
        .map_or("all", |name| name.as_str())
        .to_owned();
    egui::ComboBox::new("queue_type", "type")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(filter.types.is_empty(), "all")
                .clicked()
            {
                filter.types.clear();
            }
            for name in types {
                if ui
                    .selectable_label(filter.types.contains(name), name.as_str())
                    .clicked()
                {
                    filter.types = vec![name.clone()];
                }
            }
        });
    ui.separator();
    let status_text = match filter.statuses.as_slice() {
        [] => "any",
        [one] => one.as_str(),
        _ => "several",
    };
    egui::ComboBox::new("queue_status", "status")
        .selected_text(status_text)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(filter.statuses.is_empty(), "any")
                .clicked()
            {
                filter.statuses.clear();
            }
            for status in ReviewStatus::ALL {
                if ui
                    .selectable_label(filter.statuses == [status], status.as_str())
                    .clicked()
                {
                    filter.statuses = vec![status];
                }
            }
        });
    ui.separator();
}

fn rows_ui(ui: &mut Ui, input: &QueueInput<'_>, out: &mut Commands) {
    let queue = input.queue;
    if queue.is_empty() {
        ui.label(
            RichText::new("No proposals under this filter. Suggest spans, import claims, or widen the filter.")
                .weak(),
        );
        return;
    }
    let selected = queue.selected_index();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(70.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::auto().at_least(80.0))
        .column(Column::initial(140.0).clip(true))
        .column(Column::auto().at_least(50.0))
        .column(Column::remainder().at_least(120.0).clip(true));
    if input.scroll_to_selected
        && let Some(index) = selected
    {
        table = table.scroll_to_row(index, Some(egui::Align::Center));
    }
    table
        .header(row_height, |mut header| {
            for title in [
                "Document",
                "Type",
                "Conf.",
                "Extractor",
                "Quote",
                "Flags",
                "Arguments",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, queue.len(), |mut table_row| {
                let index = table_row.index();
                let Some(row) = queue.row(index) else {
                    return;
                };
                table_row.set_selected(selected == Some(index));
                let cells = describe(input.project, row);
                for (column, cell) in [
                    row.doc.as_str(),
                    row.kind_name.as_str(),
                    cells.confidence.as_str(),
                    cells.agent.as_str(),
                    cells.quote.as_str(),
                    cells.flags.as_str(),
                    cells.arguments.as_str(),
                ]
                .into_iter()
                .enumerate()
                {
                    table_row.col(|ui| match row.resembles {
                        // The flags link to the claim this one resembles.
                        Some(earlier) if column == FLAGS_COLUMN => {
                            if ui
                                .link(cell)
                                .on_hover_text(format!(
                                    "Open claim {earlier}, which this one resembles"
                                ))
                                .clicked()
                            {
                                out.push(Action::SelectDocument(row.doc.clone()));
                                out.push(Action::SelectClaim(Some(earlier)));
                            }
                        }
                        _ => {
                            ui.add(egui::Label::new(cell).truncate().selectable(false));
                        }
                    });
                }
                if table_row.response().clicked() {
                    out.push(Action::SelectQueueRow(row.doc.clone(), row.proposal));
                }
            });
        });
}

/// Where the flags are among the columns.
const FLAGS_COLUMN: usize = 5;

/// A row's cells as text.
struct Cells {
    quote: String,
    arguments: String,
    confidence: String,
    agent: String,
    flags: String,
}

fn describe(project: &Project, row: &QueueRow) -> Cells {
    let doc = project.document(&row.doc);
    let (quote, arguments) = doc.map_or_else(Default::default, |doc| quotes(doc, row));
    let agent = row.agent.as_ref().map_or_else(String::new, |agent| {
        agent.version.as_ref().map_or_else(
            || agent.id.clone(),
            |version| format!("{} {version}", agent.id),
        )
    });
    let mut flags = Vec::new();
    if row.orphans > 0 {
        flags.push(format!("{} orphan(s)", row.orphans));
    }
    if let Some(earlier) = row.resembles {
        flags.push(if row.changed {
            format!("changed since {earlier}")
        } else {
            format!("near-duplicate of {earlier}")
        });
    }
    if let Some(run) = row.absent_from {
        flags.push(format!("not in run {run}"));
    }
    if row.status != ReviewStatus::Proposed {
        flags.push(row.status.as_str().to_owned());
    }
    Cells {
        quote,
        arguments,
        confidence: row
            .confidence
            .map_or_else(|| "–".to_owned(), |c| format!("{:.2}", c.get())),
        agent,
        flags: flags.join(", "),
    }
}

/// The trigger's (or span's) quote, and the arguments as `role: quote
/// = value`.
fn quotes(doc: &Document, row: &QueueRow) -> (String, String) {
    match row.proposal {
        Proposal::Span(id) => (
            doc.span(id)
                .map(|span| short_text(doc.span_text(span), 60))
                .unwrap_or_default(),
            String::new(),
        ),
        Proposal::Claim(id) => {
            let Some(claim) = doc.claim(id) else {
                return Default::default();
            };
            let trigger = claim
                .arguments
                .iter()
                .find(|a| a.role.as_str() == claimmark_core::model::TRIGGER_ROLE)
                .and_then(|a| doc.span(a.span))
                .map(|span| short_text(doc.span_text(span), 60))
                .unwrap_or_default();
            let mut parts: Vec<String> = claim
                .arguments
                .iter()
                .filter(|a| a.role.as_str() != claimmark_core::model::TRIGGER_ROLE)
                .filter_map(|a| {
                    let span = doc.span(a.span)?;
                    let quote = short_text(doc.span_text(span), 40);
                    Some(match &span.value {
                        Some(value) => format!("{}: {quote} = {}", a.role, value.value.describe()),
                        None => format!("{}: {quote}", a.role),
                    })
                })
                .collect();
            parts.extend(
                claim
                    .orphans
                    .iter()
                    .map(|o| format!("{}: ⚠ {} (not attached)", o.role, short_text(&o.exact, 40))),
            );
            (trigger, parts.join(" · "))
        }
    }
}
