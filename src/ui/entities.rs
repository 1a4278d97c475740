//! The entities window: the project's people, organizations and places,
//! each with its canonical name, aliases and every mention across
//! documents; rename and merge (both undoable).

use egui::{RichText, Ui};

use crate::command::{Action, Commands};
use claimmark_core::model::{Entity, EntityId, Project, ValueKind};

#[derive(Default)]
pub struct EntitiesWindow {
    pub open: bool,
    pub selected: Option<EntityId>,
    filter: String,
    rename: String,
    merge_with: Option<EntityId>,
    /// Unlinked matching mentions of (entity, at project revision): counted
    /// once per change, not per frame.
    matching: Option<(EntityId, u64, usize)>,
}

fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Person => "person",
        ValueKind::Organization => "organization",
        ValueKind::Place => "place",
        _ => kind.as_str(),
    }
}

/// Every span linked to an entity: (document index, span id, text).
fn mentions(
    project: &Project,
    entity: EntityId,
) -> Vec<(usize, claimmark_core::model::SpanId, String)> {
    project
        .documents
        .iter()
        .enumerate()
        .flat_map(|(index, doc)| {
            doc.spans()
                .iter()
                .filter(move |span| span.entity == Some(entity))
                .map(move |span| (index, span.id, doc.span_text(span).to_owned()))
        })
        .collect()
}

impl EntitiesWindow {
    /// Drops what belongs to the project that was open (another one is).
    pub fn forget_project(&mut self) {
        *self = Self {
            open: self.open,
            ..Self::default()
        };
    }

    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
        ledger: Option<&crate::view::LedgerCache>,
        out: &mut Commands,
    ) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        super::tool_window(ctx, "Entities", &mut open, [640.0, 480.0]).show(ctx, |ui| {
            if project.entities.is_empty() {
                ui.label(
                    "No entities yet. Select a person, organization or place span and choose \
                         “New entity” in the form; later mentions are linked to it.",
                );
                return;
            }
            ui.horizontal(|ui| {
                let caption = ui.label("Filter");
                ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(200.0))
                    .labelled_by(caption.id);
            });
            ui.separator();
            ui.columns(2, |columns| {
                self.list_ui(&mut columns[0], project);
                self.details_ui(&mut columns[1], project, revision, ledger, out);
            });
        });
        self.open = open;
    }

    fn list_ui(&mut self, ui: &mut Ui, project: &Project) {
        let filter = self.filter.to_lowercase();
        egui::ScrollArea::vertical()
            .id_salt("entity_list")
            .show(ui, |ui| {
                for entity in &project.entities {
                    let matches = filter.is_empty()
                        || std::iter::once(&entity.name)
                            .chain(&entity.aliases)
                            .any(|name| name.to_lowercase().contains(&filter));
                    if !matches {
                        continue;
                    }
                    let count = mentions(project, entity.id).len();
                    let text = format!(
                        "{} · {} · {count} mention(s)",
                        entity.name,
                        kind_name(entity.kind)
                    );
                    if ui
                        .selectable_label(self.selected == Some(entity.id), text)
                        .clicked()
                    {
                        self.selected = Some(entity.id);
                        entity.name.clone_into(&mut self.rename);
                        self.merge_with = None;
                    }
                }
            });
    }

    fn details_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        revision: u64,
        ledger: Option<&crate::view::LedgerCache>,
        out: &mut Commands,
    ) {
        let Some(entity) = self.selected.and_then(|id| project.entity(id)) else {
            ui.label(RichText::new("Select an entity.").weak());
            return;
        };
        ui.heading(format!("{} ({})", entity.name, entity.id));
        ui.horizontal(|ui| {
            let caption = ui.label("Canonical name");
            ui.add(egui::TextEdit::singleline(&mut self.rename).desired_width(200.0))
                .labelled_by(caption.id);
            if ui.button("Rename").clicked() && self.rename.trim() != entity.name {
                out.push(Action::RenameEntity(
                    entity.id,
                    self.rename.trim().to_owned(),
                ));
            }
        });
        if entity.aliases.is_empty() {
            ui.label(RichText::new("No other spellings.").weak());
        } else {
            ui.label(format!("Also written: {}", entity.aliases.join(" · ")));
        }
        let unlinked = match self.matching {
            Some((id, at, count)) if id == entity.id && at == revision => count,
            _ => {
                let count = claimmark_core::annotate::matching_mentions(project, entity.id).len();
                self.matching = Some((entity.id, revision, count));
                count
            }
        };
        if unlinked > 0
            && ui
                .button(format!("Link {unlinked} matching mention(s)"))
                .on_hover_text("Unlinked spans across the documents that match this entity")
                .clicked()
        {
            out.push(Action::LinkMatchingMentions(entity.id));
        }
        merge_ui(ui, project, entity, &mut self.merge_with, out);
        if entity.kind == ValueKind::Person {
            ui.separator();
            super::history::history_ui(ui, project, ledger, entity.id, out);
        }
        ui.separator();
        ui.label("Mentions");
        egui::ScrollArea::vertical()
            .id_salt("entity_mentions")
            .show(ui, |ui| {
                for (index, span, text) in mentions(project, entity.id) {
                    let Some(doc) = project.documents.get(index) else {
                        continue;
                    };
                    let line = format!("{}: “{text}”", super::format::short_text(&doc.title, 40));
                    if ui.link(line).clicked() {
                        out.push(Action::GoToSpan(doc.id.clone(), span));
                    }
                }
            });
    }
}

fn merge_ui(
    ui: &mut Ui,
    project: &Project,
    entity: &Entity,
    merge_with: &mut Option<EntityId>,
    out: &mut Commands,
) {
    let others: Vec<&Entity> = project
        .entities
        .iter()
        .filter(|other| other.id != entity.id && other.kind == entity.kind)
        .collect();
    if others.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        let caption = ui.label("Merge in");
        let chosen = merge_with
            .and_then(|id| project.entity(id))
            .map_or("choose…".to_owned(), |e| e.name.clone());
        egui::ComboBox::from_id_salt("merge_with")
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for other in &others {
                    ui.selectable_value(merge_with, Some(other.id), other.name.clone());
                }
            })
            .response
            .labelled_by(caption.id);
        let ready = merge_with.is_some_and(|id| id != entity.id);
        let button = ui
            .add_enabled(ready, egui::Button::new("Merge"))
            .on_hover_text("Its mentions and names move to this entity; undo splits them again");
        if button.clicked()
            && let Some(absorb) = merge_with.take()
        {
            out.push(Action::MergeEntities(entity.id, absorb));
        }
    });
}
