//! The form beside the article: label palette, the selection or selected
//! span, the document's claims and the claim editor.

use std::fmt::Write as _;

use egui::{Button, Color32, RichText, Ui};

use super::format::{digit_for, short_text};
use super::text_buffers::TextBuffers;
use super::theme;
use crate::command::{Action, Commands, UiCommand};
use crate::view::{ClaimsFilter, View};
use claimmark_core::edit::Edit;
use claimmark_core::model::{Claim, Document, Name, Project, ReviewStatus, Span};

/// What the form shows; it edits only its own text buffers and drafts.
pub struct FormInput<'a> {
    pub project: &'a Project,
    pub view: &'a View,
    pub claims_filter: &'a ClaimsFilter,
}

pub fn form_ui(
    ui: &mut Ui,
    input: &FormInput<'_>,
    buffers: &mut TextBuffers,
    value_draft: &mut super::value_editor::ValueDraft,
    out: &mut Commands,
) {
    let FormInput {
        project,
        view,
        claims_filter,
    } = *input;
    let Some(doc) = view.document.as_ref().and_then(|id| project.document(id)) else {
        ui.heading("Labels");
        palette_ui(ui, project, false, out);
        ui.separator();
        ui.label(RichText::new("Open or add a document to start tagging.").weak());
        return;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading("Labels");
        palette_ui(ui, project, view.selection.is_some() || view.span.is_some(), out);
        ui.separator();
        if let Some(state) = &view.draft {
            super::draft::draft_ui(ui, project, doc, &state.draft, out);
            ui.separator();
        }
        if let Some(range) = view.selection {
            ui.heading("Selection");
            quote_ui(ui, doc.text.slice(range).unwrap_or_default());
            ui.label(
                RichText::new(format!(
                    "chars {}–{}. Press a label's key or click it to tag; R puts it in a role of the selected claim.",
                    range.start(),
                    range.end()
                ))
                .small()
                .weak(),
            );
        } else if let Some(span) = view.span.and_then(|id| doc.span(id)) {
            span_ui(ui, project, doc, span, buffers, value_draft, out);
        } else {
            ui.label(RichText::new("Drag over text to select it, or click a span.").weak());
        }
        ui.separator();
        claims_ui(ui, project, doc, view, claims_filter, out);
        if let Some(claim) = view.claim.and_then(|id| doc.claim(id)) {
            ui.separator();
            claim_editor_ui(ui, project, doc, claim, view, buffers, out);
        }
    });
}

fn quote_ui(ui: &mut Ui, text: &str) {
    let shown: String = if text.chars().count() > 300 {
        text.chars().take(299).chain(std::iter::once('…')).collect()
    } else {
        text.to_owned()
    };
    ui.label(RichText::new(format!("“{shown}”")).italics());
}

fn palette_ui(ui: &mut Ui, project: &Project, enabled: bool, out: &mut Commands) {
    ui.horizontal_wrapped(|ui| {
        for label in &project.schema.labels {
            let text = match label.key {
                Some(key) => format!("{key} {}", label.name.display()),
                None => label.name.display(),
            };
            let button = Button::new(RichText::new(text).color(theme::on_solid(label.color)))
                .fill(theme::solid(label.color));
            let response = ui.add_enabled(enabled, button);
            let response = if enabled {
                response.on_hover_text(format!("Tag the selection as {}", label.name.display()))
            } else {
                response.on_disabled_hover_text("Select some text or a span first")
            };
            if response.clicked() {
                out.push(Action::ApplyLabel(label.name.clone()));
            }
        }
    });
}

fn span_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    span: &Span,
    buffers: &mut TextBuffers,
    value_draft: &mut super::value_editor::ValueDraft,
    out: &mut Commands,
) {
    ui.heading(format!("Span {}", span.id));
    quote_ui(ui, doc.span_text(span));
    if span.status != ReviewStatus::Accepted || span.origin.is_some() {
        let mut line = format!("[{}]", span.status);
        if let Some(origin) = &span.origin {
            let _ = write!(
                line,
                " {}",
                claimmark_core::review::describe_origin(&origin.agent, origin.confidence)
            );
        }
        ui.label(RichText::new(line).italics());
    }
    ui.label(
        RichText::new(format!("chars {}–{}", span.range.start(), span.range.end()))
            .small()
            .weak(),
    );
    ui.horizontal(|ui| {
        let label_caption = ui.label("Label");
        egui::ComboBox::from_id_salt("span_label")
            .selected_text(span.label.display())
            .show_ui(ui, |ui| {
                for label in &project.schema.labels {
                    if ui
                        .selectable_label(label.name == span.label, label.name.display())
                        .clicked()
                        && label.name != span.label
                    {
                        out.push(Action::ApplyLabel(label.name.clone()));
                    }
                }
            })
            .response
            .labelled_by(label_caption.id);
    });
    meaning_ui(ui, project, doc, span, value_draft, out);
    let key = format!("span-note/{}/{}", doc.id, span.id);
    let (_, changed) = buffers.field(ui, &key, "Note", &span.note, true, "A remark on this span");
    if let Some(note) = changed {
        out.push(Action::apply(
            Edit::SetSpanNote {
                doc: doc.id.clone(),
                span: span.id,
                note,
            },
            "Edit span note",
        ));
    }
    let users: Vec<&Claim> = doc.claims_using(span.id).collect();
    if users.is_empty() {
        ui.label(RichText::new("No claim uses this span.").weak());
    } else {
        ui.label("Used by:");
        for claim in users {
            let roles: Vec<String> = claim
                .arguments
                .iter()
                .filter(|a| a.span == span.id)
                .map(|a| a.role.display())
                .collect();
            if ui
                .link(format!(
                    "{} {} ({})",
                    claim.id,
                    claim.claim_type.display(),
                    roles.join(", ")
                ))
                .clicked()
            {
                out.push(Action::SelectClaim(Some(claim.id)));
            }
        }
    }
    if ui
        .button("Delete span")
        .on_hover_text(UiCommand::DeleteSelectedSpan.hover_text(ui.ctx()))
        .clicked()
    {
        out.push(UiCommand::DeleteSelectedSpan);
    }
}

/// Required roles of a claim that no span fills.
pub fn missing_roles(project: &Project, claim: &Claim) -> Vec<Name> {
    project
        .schema
        .claim_type(&claim.claim_type)
        .map(|ty| {
            ty.roles
                .iter()
                .filter(|role| {
                    role.required && !claim.arguments.iter().any(|a| a.role == role.name)
                })
                .map(|role| role.name.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn claim_summary(doc: &Document, claim: &Claim) -> String {
    let mut parts = Vec::new();
    for argument in claim.arguments.iter().take(4) {
        if let Some(span) = doc.span(argument.span) {
            parts.push(short_text(doc.span_text(span), 24));
        }
    }
    if claim.arguments.len() > 4 {
        parts.push("…".into());
    }
    parts.join(" · ")
}

fn claims_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    view: &View,
    filter: &ClaimsFilter,
    out: &mut Commands,
) {
    ui.horizontal(|ui| {
        ui.heading("Claims");
        ui.label(RichText::new(doc.claims().len().to_string()).weak());
        ui.menu_button("New claim…", |ui| {
            for (i, claim_type) in project.schema.claim_types.iter().enumerate() {
                let mut button = Button::new(claim_type.name.display());
                if let Some(digit) = digit_for(i) {
                    button = button.shortcut_text(format!("C {digit}"));
                }
                if ui.add(button).clicked() {
                    out.push(Action::NewClaim(claim_type.name.clone()));
                }
            }
        });
    });
    if doc.claims().is_empty() {
        ui.label(
            RichText::new("No claims yet. Select an event span and press C, or use New claim…")
                .weak(),
        );
        return;
    }
    claims_filter_ui(ui, project, filter, out);
    let using_selected_span: Vec<_> = view
        .span
        .map(|span| doc.claims_using(span).map(|c| c.id).collect())
        .unwrap_or_default();
    let shown = doc.claims().iter().filter(|claim| {
        filter.status.is_none_or(|status| claim.status == status)
            && filter
                .claim_type
                .as_ref()
                .is_none_or(|ty| &claim.claim_type == ty)
    });
    let mut count = 0;
    for claim in shown {
        count += 1;
        claim_row_ui(
            ui,
            project,
            doc,
            claim,
            view.claim == Some(claim.id),
            using_selected_span.contains(&claim.id),
            out,
        );
    }
    if count == 0 {
        ui.label(RichText::new("No claim matches the filter.").weak());
    }
}

fn claims_filter_ui(ui: &mut Ui, project: &Project, filter: &ClaimsFilter, out: &mut Commands) {
    ui.horizontal(|ui| {
        let caption = ui.label("Show");
        egui::ComboBox::from_id_salt("claims_status_filter")
            .selected_text(filter.status.map_or("any status", ReviewStatus::as_str))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filter.status.is_none(), "any status")
                    .clicked()
                {
                    out.push(Action::FilterClaims(None, filter.claim_type.clone()));
                }
                for status in ReviewStatus::ALL {
                    if ui
                        .selectable_label(filter.status == Some(status), status.as_str())
                        .clicked()
                    {
                        out.push(Action::FilterClaims(
                            Some(status),
                            filter.claim_type.clone(),
                        ));
                    }
                }
            })
            .response
            .labelled_by(caption.id);
        let type_caption = ui.label("of");
        egui::ComboBox::from_id_salt("claims_type_filter")
            .selected_text(
                filter
                    .claim_type
                    .as_ref()
                    .map_or_else(|| "any type".to_owned(), Name::display),
            )
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filter.claim_type.is_none(), "any type")
                    .clicked()
                {
                    out.push(Action::FilterClaims(filter.status, None));
                }
                for claim_type in &project.schema.claim_types {
                    let on = filter.claim_type.as_ref() == Some(&claim_type.name);
                    if ui.selectable_label(on, claim_type.name.display()).clicked() {
                        out.push(Action::FilterClaims(
                            filter.status,
                            Some(claim_type.name.clone()),
                        ));
                    }
                }
            })
            .response
            .labelled_by(type_caption.id);
    });
}

fn claim_row_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    claim: &Claim,
    selected: bool,
    uses_selected_span: bool,
    out: &mut Commands,
) {
    let missing = missing_roles(project, claim);
    let mut text = format!(
        "{} {} — {}",
        claim.id,
        claim.claim_type.display(),
        claim_summary(doc, claim)
    );
    if claim.status != ReviewStatus::Accepted {
        let _ = write!(text, "\n[{}]", claim.status);
        if let Some(confidence) = claim.confidence {
            let _ = write!(text, " confidence {:.2}", confidence.get());
        }
        if !claim.orphans.is_empty() {
            let _ = write!(
                text,
                " · {} argument(s) not found in the text",
                claim.orphans.len()
            );
        }
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(Name::display).collect();
        let _ = write!(text, "\n⚠ missing: {}", names.join(", "));
    }
    let mut rich = RichText::new(text);
    if uses_selected_span {
        rich = rich.strong();
    }
    match claim.status {
        ReviewStatus::Proposed => rich = rich.italics(),
        ReviewStatus::Rejected => rich = rich.strikethrough().weak(),
        ReviewStatus::Accepted | ReviewStatus::Corrected => {}
    }
    if !missing.is_empty() {
        rich = rich.color(theme::warning(ui.visuals()));
    }
    let response =
        ui.add(Button::selectable(selected, rich).min_size(egui::vec2(ui.available_width(), 0.0)));
    if response.clicked() {
        out.push(Action::SelectClaim(if selected {
            None
        } else {
            Some(claim.id)
        }));
    }
}

#[allow(clippy::too_many_lines)] // the claim editor is one form
fn claim_editor_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    claim: &Claim,
    view: &View,
    buffers: &mut TextBuffers,
    out: &mut Commands,
) {
    ui.horizontal(|ui| {
        ui.heading(format!("Claim {}", claim.id));
        // Who made and reviewed it, on the heading's line (hover for all).
        if let Some(provenance) = &claim.provenance {
            let text = claimmark_core::review::describe_provenance(provenance);
            ui.add(egui::Label::new(RichText::new(&text).small().weak()).truncate())
                .on_hover_text(text);
        }
    });
    super::claim_sentence::claim_sentence_ui(ui, project, doc, claim);
    ui.horizontal(|ui| {
        let caption = ui.label("Type");
        egui::ComboBox::from_id_salt("claim_type")
            .selected_text(claim.claim_type.display())
            .show_ui(ui, |ui| {
                for claim_type in &project.schema.claim_types {
                    if ui
                        .selectable_label(
                            claim_type.name == claim.claim_type,
                            claim_type.name.display(),
                        )
                        .clicked()
                        && claim_type.name != claim.claim_type
                    {
                        out.push(Action::ChangeClaimType(claim.id, claim_type.name.clone()));
                    }
                }
            })
            .response
            .labelled_by(caption.id);
    });
    let can_fill = view.span.is_some() || view.selection.is_some();
    if let Some(claim_type) = project.schema.claim_type(&claim.claim_type) {
        egui::Grid::new("roles")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for (i, role) in claim_type.roles.iter().enumerate() {
                    let filled: Vec<(usize, &claimmark_core::model::Argument)> = claim
                        .arguments
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| a.role == role.name)
                        .collect();
                    let digit = digit_for(i).map(|d| format!("{d} ")).unwrap_or_default();
                    let mut caption = RichText::new(format!("{digit}{}", role.name.display()));
                    if role.required {
                        caption = caption.strong();
                    }
                    ui.label(caption).on_hover_text(role_help(role));
                    // Its own column before the chips, so it never overlaps
                    // them and sits in the same place on every row.
                    if filled.is_empty() || role.multiple {
                        let add = ui
                            .add_enabled(can_fill, Button::new("+ selected").small())
                            .on_hover_text(format!(
                                "Put the selected span or text in {} (R {})",
                                role.name.display(),
                                digit.trim()
                            ))
                            .on_disabled_hover_text("Select a span or some text first");
                        if add.clicked() {
                            out.push(Action::FillRole(role.name.clone()));
                        }
                    } else {
                        ui.label("");
                    }
                    ui.horizontal_wrapped(|ui| {
                        for (index, argument) in &filled {
                            let text = doc.span(argument.span).map_or_else(
                                || "?".to_owned(),
                                |s| short_text(doc.span_text(s), 28),
                            );
                            let color = doc
                                .span(argument.span)
                                .and_then(|s| project.schema.label(&s.label))
                                .map_or(Color32::GRAY, |l| theme::solid(l.color));
                            let chip = ui.add(
                                Button::new(RichText::new(&text))
                                    .stroke(egui::Stroke::new(1.5, color)),
                            );
                            let hover = doc
                                .span(argument.span)
                                .and_then(|s| s.value.as_ref())
                                .map_or_else(
                                    || "Select this span".to_owned(),
                                    |v| {
                                        format!(
                                            "Value: {}. Click to select the span.",
                                            v.value.describe()
                                        )
                                    },
                                );
                            if chip.on_hover_text(hover).clicked() {
                                out.push(Action::SelectSpan(Some(argument.span)));
                            }
                            if ui
                                .small_button("✖")
                                .on_hover_text(format!(
                                    "Take “{text}” out of {}",
                                    role.name.display()
                                ))
                                .clicked()
                            {
                                out.push(Action::RemoveArgument(claim.id, *index));
                            }
                        }
                        if filled.is_empty() && role.required {
                            ui.colored_label(theme::warning(ui.visuals()), "missing");
                        }
                    });
                    ui.end_row();
                }
            });
    }
    super::orphans::orphans_ui(ui, claim, view, out);
    let key = format!("claim-note/{}/{}", doc.id, claim.id);
    let (_, changed) = buffers.field(
        ui,
        &key,
        "Claim note",
        &claim.note,
        true,
        "A remark on this claim",
    );
    if let Some(note) = changed {
        out.push(Action::apply(
            Edit::SetClaimNote {
                doc: doc.id.clone(),
                claim: claim.id,
                note,
            },
            "Edit claim note",
        ));
    }
    if ui.button("Delete claim").clicked() {
        out.push(Action::DeleteClaim(claim.id));
    }
}

fn role_help(role: &claimmark_core::model::RoleDef) -> String {
    let labels = role.describe_labels();
    format!(
        "{}{}; takes {labels}",
        if role.required {
            "required"
        } else {
            "optional"
        },
        if role.multiple {
            ", several spans"
        } else {
            ", one span"
        }
    )
}

/// What a span means: its value (and what the normaliser asks), its entity
/// for names, and proposing its other occurrences.
fn meaning_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    span: &Span,
    value_draft: &mut super::value_editor::ValueDraft,
    out: &mut Commands,
) {
    let kind = project
        .schema
        .label(&span.label)
        .map_or(claimmark_core::model::ValueKind::Text, |l| l.value_kind);
    super::value_editor::value_ui(ui, doc, span, kind, value_draft, out);
    if let Some(question) = claimmark_core::annotate::needs_analyst(project, doc, span) {
        ui.colored_label(
            theme::warning(ui.visuals()),
            format!("⚠ Needs you: {question}"),
        );
    }
    if matches!(
        kind,
        claimmark_core::model::ValueKind::Person
            | claimmark_core::model::ValueKind::Organization
            | claimmark_core::model::ValueKind::Place
    ) {
        entity_ui(ui, project, doc, span, kind, out);
    }
    ui.horizontal(|ui| {
        if ui
            .small_button(UiCommand::TagAllOccurrencesHere.label())
            .on_hover_text(UiCommand::TagAllOccurrencesHere.tooltip())
            .clicked()
        {
            out.push(UiCommand::TagAllOccurrencesHere);
        }
        if ui
            .small_button("…in all documents")
            .on_hover_text(UiCommand::TagAllOccurrencesEverywhere.tooltip())
            .clicked()
        {
            out.push(UiCommand::TagAllOccurrencesEverywhere);
        }
    });
}

/// The entity a person, organization or place span refers to, or the
/// likely ones to link it to.
fn entity_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    span: &Span,
    kind: claimmark_core::model::ValueKind,
    out: &mut Commands,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Entity");
        if let Some(entity) = span.entity.and_then(|id| project.entity(id)) {
            ui.label(RichText::new(format!("{} ({})", entity.name, entity.id)).strong());
            if ui.small_button("Unlink").clicked() {
                out.push(Action::UnlinkSpan(span.id));
            }
            if ui.small_button("All mentions…").clicked() {
                out.push(UiCommand::ShowEntities);
            }
            if entity.kind == claimmark_core::model::ValueKind::Person
                && ui
                    .small_button("History…")
                    .on_hover_text(
                        "Every claim this person appears in, across documents, in date order",
                    )
                    .clicked()
            {
                out.push(Action::ShowHistory(entity.id));
            }
            return;
        }
        let mention = doc.span_text(span);
        let matches =
            claimmark_core::normalize::names::best_matches(&project.entities, kind, mention);
        for (id, score) in matches.iter().take(3) {
            if let Some(entity) = project.entity(*id) {
                let button = ui
                    .small_button(format!("Link to {}", entity.name))
                    .on_hover_text(format!("match {score:.2}"));
                if button.clicked() {
                    out.push(Action::LinkSpanToEntity(span.id, entity.id));
                }
            }
        }
        if ui
            .small_button(format!(
                "New entity “{}”",
                short_text(
                    &claimmark_core::normalize::names::clean_mention(mention),
                    30
                )
            ))
            .clicked()
        {
            out.push(Action::NewEntityFromSpan(span.id));
        }
    });
}
