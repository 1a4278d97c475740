//! The middle of the window: the document's header (title, source,
//! published date, status), the find bar and the article.

use egui::{Key, RichText, Ui};

use super::article::{ArticleInput, ArticleView};
use super::format::short_text;
use super::text_buffers::TextBuffers;
use crate::command::{Action, Commands, UiCommand};
use crate::view::{CompareState, FindState, View};
use claimmark_core::edit::Edit;
use claimmark_core::model::Project;
use claimmark_core::model::{CharRange, DocStatus};
use claimmark_core::model::{format_day, parse_day};
use claimmark_core::review::Proposal;

/// What the middle of the window shows.
pub struct CentralInput<'a> {
    pub project: &'a Project,
    pub revision: u64,
    pub view: &'a View,
    pub find: &'a FindState,
    pub compare: Option<&'a CompareState>,
    /// The merge conflicts list, while open.
    pub conflicts: Option<crate::view::ConflictsView>,
    pub current_proposal: Option<Proposal>,
    pub pending_in_project: usize,
    /// Scroll the article here this frame.
    pub scroll_to: Option<CharRange>,
}

/// The article keeps its layout in `article`; the header edits `buffers`.
pub fn central_ui(
    ui: &mut Ui,
    input: &CentralInput<'_>,
    article: &mut ArticleView,
    buffers: &mut TextBuffers,
    out: &mut Commands,
) {
    let CentralInput {
        project,
        revision,
        view,
        find,
        compare,
        conflicts,
        current_proposal,
        pending_in_project,
        scroll_to,
    } = *input;
    if let Some(conflicts) = conflicts
        && !project.conflicts.is_empty()
    {
        super::conflicts::conflicts_ui(ui, &project.conflicts, conflicts, out);
    }
    let Some(doc) = view.document.as_ref().and_then(|id| project.document(id)) else {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("No documents yet");
            ui.label("Add news articles (.txt) to start tagging people, dates, counts and events.");
            if ui.button("Add articles…").clicked() {
                out.push(UiCommand::AddArticles);
            }
            ui.label(RichText::new("You can also drop .txt files onto this window.").weak());
        });
        return;
    };

    // Measured before anything is added: a long title must not widen the
    // article past the panel.
    let article_width = ui.available_width();
    ui.scope(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        header_ui(ui, doc, buffers, out);
    });
    if find.open {
        find_bar_ui(ui, project, find, out);
    }
    review_bar_ui(ui, doc, current_proposal, pending_in_project, out);
    let ghosts = compare
        .map(super::compare::ghost_ranges)
        .unwrap_or_default();
    if let Some(compare) = compare {
        super::compare::compare_ui(ui, compare, out);
    }
    let matches: Vec<CharRange> = find
        .matches
        .iter()
        .filter(|(id, _)| id == &doc.id)
        .map(|(_, range)| *range)
        .collect();
    let current_match = find
        .current
        .and_then(|i| find.matches.get(i))
        .filter(|(id, _)| id == &doc.id)
        .map(|(_, r)| *r);
    let claim = view.claim.and_then(|id| doc.claim(id));
    let claim_spans: Vec<_> = claim
        .map(|claim| claim.arguments.iter().map(|a| a.span).collect())
        .unwrap_or_default();
    let claim_roles: Vec<(String, claimmark_core::model::SpanId)> = claim
        .map(|claim| {
            claim
                .arguments
                .iter()
                .map(|a| (a.role.display(), a.span))
                .collect()
        })
        .unwrap_or_default();
    let claim_links = claim.and_then(|claim| {
        let anchor = claim
            .arguments
            .iter()
            .find(|a| a.role.as_str() == claimmark_core::model::TRIGGER_ROLE)
            .or_else(|| claim.arguments.first())?;
        Some(super::article::ClaimLinks {
            anchor: anchor.span,
            arguments: &claim_roles,
        })
    });
    let input = ArticleInput {
        doc,
        schema: &project.schema,
        revision,
        selection: view.selection,
        selected_span: view.span,
        claim_spans: &claim_spans,
        claim_links,
        find_matches: if find.open { &matches } else { &[] },
        current_match,
        scroll_to,
        scroll_by: view.scroll_by,
        width: article_width,
        ghost_spans: &ghosts,
    };
    article.ui(ui, &input, out);
}

/// One text field of the header (what was typed, once it changes).
fn header_field(
    ui: &mut Ui,
    buffers: &mut crate::ui::text_buffers::TextBuffers,
    doc: &claimmark_core::model::DocId,
    (key, label, value, hint): (&str, &str, &str, &str),
) -> Option<String> {
    let (_, typed) = buffers.field(ui, &format!("{key}/{doc}"), label, value, false, hint);
    ui.end_row();
    typed
}

/// Title, source, published date, note and status of the document.
fn header_ui(
    ui: &mut Ui,
    doc: &claimmark_core::model::Document,
    buffers: &mut crate::ui::text_buffers::TextBuffers,
    out: &mut Commands,
) {
    egui::CollapsingHeader::new(RichText::new(short_text(&doc.title, 70)).heading())
        .id_salt(("document_header", doc.id.as_str()))
        .default_open(false)
        .show(ui, |ui| {
            // The title line truncates; the fields' labels never do.
            ui.style_mut().wrap_mode = None;
            egui::Grid::new("document_header")
                .num_columns(2)
                .show(ui, |ui| {
                    let doc_id = || doc.id.clone();
                    if let Some(title) = header_field(
                        ui,
                        buffers,
                        &doc.id,
                        ("title", "Title", &doc.title, "Headline"),
                    ) {
                        let edit = Edit::SetDocumentTitle {
                            doc: doc_id(),
                            title,
                        };
                        out.push(Action::apply(edit, "Edit title"));
                    }
                    let source = ("source", "Source", doc.source.as_str(), "URL or file name");
                    if let Some(source) = header_field(ui, buffers, &doc.id, source) {
                        let edit = Edit::SetDocumentSource {
                            doc: doc_id(),
                            source,
                        };
                        out.push(Action::apply(edit, "Edit source"));
                    }
                    let published = doc.published.map(format_day).unwrap_or_default();
                    if let Some(typed) = buffers.committed_field(
                        ui,
                        &format!("published/{}", doc.id),
                        "Published",
                        &published,
                        "YYYY-MM-DD",
                        |raw| {
                            if raw.trim().is_empty() || parse_day(raw).is_some() {
                                Ok(())
                            } else {
                                Err("Use the form YYYY-MM-DD, e.g. 2025-09-18".into())
                            }
                        },
                    ) {
                        let date = parse_day(&typed);
                        out.push(Action::apply(
                            Edit::SetDocumentPublished {
                                doc: doc.id.clone(),
                                published: date,
                            },
                            "Edit published date",
                        ));
                    }
                    ui.end_row();
                    let note = (
                        "doc-note",
                        "Note",
                        doc.note.as_str(),
                        "On the whole article",
                    );
                    if let Some(note) = header_field(ui, buffers, &doc.id, note) {
                        let edit = Edit::SetDocumentNote {
                            doc: doc_id(),
                            note,
                        };
                        out.push(Action::apply(edit, "Edit document note"));
                    }
                    let caption = ui.label("Status");
                    egui::ComboBox::from_id_salt("document_status")
                        .selected_text(doc.status.label())
                        .show_ui(ui, |ui| {
                            for status in DocStatus::ALL {
                                if ui
                                    .selectable_label(doc.status == status, status.label())
                                    .clicked()
                                    && doc.status != status
                                {
                                    out.push(Action::SetDocumentStatus(doc.id.clone(), status));
                                }
                            }
                        })
                        .response
                        .labelled_by(caption.id);
                    ui.end_row();
                    ui.label("Id");
                    ui.label(RichText::new(doc.id.as_str()).monospace());
                    ui.end_row();
                });
            if ui
                .button("Remove document")
                .on_hover_text("Undo brings it back")
                .clicked()
            {
                out.push(Action::RemoveDocument(doc.id.clone()));
            }
        });
}

/// The find bar, and the list of matches when searching all documents.
fn find_bar_ui(
    ui: &mut Ui,
    project: &claimmark_core::model::Project,
    find: &FindState,
    out: &mut Commands,
) {
    ui.horizontal(|ui| {
        let caption = ui.label("Find");
        let mut query = find.query.clone();
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text("text in the article")
                    .desired_width(220.0),
            )
            .labelled_by(caption.id);
        if response.changed() {
            out.push(Action::SetFindQuery(query));
        }
        if find.focus_requested {
            response.request_focus();
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(if back {
                UiCommand::FindPrevious
            } else {
                UiCommand::FindNext
            });
            response.request_focus();
        }
        let mut all_documents = find.all_documents;
        if ui.checkbox(&mut all_documents, "All documents").changed() {
            out.push(Action::SetFindAllDocuments(all_documents));
        }
        let count = find.matches.len();
        let position = find.current.map_or_else(
            || format!("{count} found"),
            |i| format!("{} of {count}", i + 1),
        );
        ui.label(position);
        if ui
            .small_button("◀")
            .on_hover_text(UiCommand::FindPrevious.hover_text(ui.ctx()))
            .clicked()
        {
            out.push(UiCommand::FindPrevious);
        }
        if ui
            .small_button("▶")
            .on_hover_text(UiCommand::FindNext.hover_text(ui.ctx()))
            .clicked()
        {
            out.push(UiCommand::FindNext);
        }
        if ui
            .small_button("✖")
            .on_hover_text("Close (Escape)")
            .clicked()
        {
            out.push(UiCommand::CloseFind);
        }
    });
    if find.all_documents && !find.matches.is_empty() {
        egui::ScrollArea::vertical()
            .max_height(120.0)
            .id_salt("find_results")
            .show(ui, |ui| {
                for (i, (doc_id, range)) in find.matches.iter().enumerate().take(500) {
                    let Some(found_in) = project.document(doc_id) else {
                        continue;
                    };
                    let before = found_in.text.context_before(*range, 30);
                    let after = found_in.text.context_after(*range, 30);
                    let exact = found_in.text.slice(*range).unwrap_or_default();
                    let line = format!("{}: …{before}[{exact}]{after}…", found_in.title)
                        .replace('\n', " ");
                    if ui.selectable_label(find.current == Some(i), line).clicked() {
                        out.push(Action::SelectDocument(doc_id.clone()));
                        out.push(Action::SetTextSelection(Some(*range)));
                    }
                }
            });
    }
    ui.separator();
}

/// Review progress and the review keys, while there are proposals.
fn review_bar_ui(
    ui: &mut Ui,
    doc: &claimmark_core::model::Document,
    current: Option<claimmark_core::review::Proposal>,
    pending_in_project: usize,
    out: &mut Commands,
) {
    let (reviewed, proposed) = claimmark_core::review::progress(doc);
    if proposed == 0 && pending_in_project == 0 {
        return;
    }
    // One line whatever the width: the proposal's summary is cut to fit
    // (hover shows it whole), so the bar never pushes the text down.
    ui.horizontal(|ui| {
        ui.label(RichText::new("To review").strong());
        ui.label(format!("{reviewed}/{proposed} here · {pending_in_project} in project"))
            .on_hover_text(format!(
                "{reviewed} of {proposed} proposals reviewed in this document; {pending_in_project} waiting in the whole project"
            ));
        for (label, command) in [
            ("K ◀", UiCommand::PreviousProposal),
            ("J ▶", UiCommand::NextProposal),
        ] {
            if ui
                .small_button(label)
                .on_hover_text(command.hover_text(ui.ctx()))
                .clicked()
            {
                out.push(command);
            }
        }
        let on_proposal = current.is_some();
        for (label, command) in [
            ("A accept", UiCommand::AcceptProposal),
            ("X reject", UiCommand::RejectProposal),
            ("E edit", UiCommand::EditProposal),
        ] {
            if ui
                .add_enabled(on_proposal, egui::Button::new(label).small())
                .on_hover_text(command.hover_text(ui.ctx()))
                .on_disabled_hover_text("Select a proposal first (J)")
                .clicked()
            {
                out.push(command);
            }
        }
        if let Some(proposal) = current {
            let summary = proposal_summary(doc, proposal);
            ui.add(egui::Label::new(RichText::new(&summary).weak()).truncate())
                .on_hover_text(summary);
        }
    });
    ui.separator();
}

fn proposal_summary(
    doc: &claimmark_core::model::Document,
    proposal: claimmark_core::review::Proposal,
) -> String {
    use claimmark_core::review::{Proposal, describe_origin};
    match proposal {
        Proposal::Claim(id) => doc.claim(id).map_or_else(String::new, |claim| {
            let origin = claim
                .provenance
                .as_ref()
                .map(|p| describe_origin(&p.creator, claim.confidence))
                .unwrap_or_default();
            format!("claim {id} {} {origin}", claim.claim_type.display())
        }),
        Proposal::Span(id) => doc.span(id).map_or_else(String::new, |span| {
            let origin = span
                .origin
                .as_ref()
                .map(|o| describe_origin(&o.agent, o.confidence))
                .unwrap_or_default();
            format!(
                "span {id} {} “{}” {origin}",
                span.label.display(),
                short_text(doc.span_text(span), 40)
            )
        }),
    }
}
