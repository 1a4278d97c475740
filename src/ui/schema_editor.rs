//! The schema editor window: labels (name, colour, key, value kind) and
//! claim types with their roles. Every change is an undoable edit.

use egui::{RichText, Ui};

use super::text_buffers::TextBuffers;
use crate::command::{Action, Commands};
use claimmark_core::edit::{Edit, SchemaEdit};
use claimmark_core::model::{ClaimTypeDef, LabelDef, Name, Project, Rgb, RoleDef, ValueKind};
use claimmark_core::model::{LABEL_KEYS, NameError, default_key_roles};

/// Colours offered to new labels, in turn (Tableau 10).
const NEW_LABEL_COLORS: [[u8; 3]; 10] = [
    [0x4e, 0x79, 0xa7],
    [0xf2, 0x8e, 0x2b],
    [0xe1, 0x57, 0x59],
    [0x76, 0xb7, 0xb2],
    [0x59, 0xa1, 0x4f],
    [0xed, 0xc9, 0x48],
    [0xb0, 0x7a, 0xa1],
    [0xff, 0x9d, 0xa7],
    [0x9c, 0x75, 0x5f],
    [0xba, 0xb0, 0xac],
];

#[derive(Default)]
pub struct SchemaEditor {
    pub open: bool,
    new_label: String,
    new_claim_type: String,
    new_roles: std::collections::HashMap<String, String>,
    problem: Option<String>,
    buffers: TextBuffers,
}

fn parse_new_name(raw: &str, taken: impl Fn(&Name) -> bool) -> Result<Name, String> {
    let name = Name::from_user_input(raw).map_err(|e: NameError| e.to_string())?;
    if taken(&name) {
        return Err(format!("“{name}” already exists"));
    }
    Ok(name)
}

impl SchemaEditor {
    pub fn window_ui(&mut self, ctx: &egui::Context, project: &Project, out: &mut Commands) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        super::tool_window(ctx, "Schema", &mut open, [620.0, 560.0]).show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                self.labels_ui(ui, project, out);
                ui.separator();
                self.claim_types_ui(ui, project, out);
                if let Some(problem) = &self.problem {
                    ui.colored_label(ui.visuals().error_fg_color, problem);
                }
            });
        });
        self.open = open;
    }

    fn labels_ui(&mut self, ui: &mut Ui, project: &Project, out: &mut Commands) {
        ui.heading("Labels");
        ui.label(
            RichText::new("Renaming a label keeps its spans. A label in use cannot be removed.")
                .small()
                .weak(),
        );
        for label in &project.schema.labels {
            self.label_row_ui(ui, project, label, out);
            ui.add_space(4.0);
        }
        ui.horizontal(|ui| {
            let caption = ui.label("New label");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_label)
                    .hint_text("e.g. charge")
                    .desired_width(160.0),
            )
            .labelled_by(caption.id);
            if ui.button("Add label").clicked() {
                match parse_new_name(&self.new_label, |n| project.schema.label(n).is_some()) {
                    Ok(name) => {
                        let color =
                            NEW_LABEL_COLORS[project.schema.labels.len() % NEW_LABEL_COLORS.len()];
                        out.push(Action::apply(
                            Edit::Schema(SchemaEdit::InsertLabel {
                                index: project.schema.labels.len(),
                                label: LabelDef {
                                    name: name.clone(),
                                    color: Rgb(color),
                                    key: project.schema.free_key(),
                                    value_kind: ValueKind::Text,
                                },
                            }),
                            format!("Add label {}", name.display()),
                        ));
                        self.new_label.clear();
                        self.problem = None;
                    }
                    Err(problem) => self.problem = Some(problem),
                }
            }
        });
    }

    /// One label: colour, key, value kind, remove, and its name.
    fn label_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        label: &LabelDef,
        out: &mut Commands,
    ) {
        ui.push_id(label.name.as_str(), |ui| {
            ui.horizontal(|ui| {
                let mut color = label.color.0;
                if egui::color_picker::color_edit_button_srgb(ui, &mut color)
                    .on_hover_text("Colour")
                    .changed()
                {
                    out.push(Action::apply(
                        Edit::Schema(SchemaEdit::ReplaceLabel {
                            label: LabelDef {
                                color: Rgb(color),
                                ..label.clone()
                            },
                        }),
                        format!("Recolour label {}", label.name.display()),
                    ));
                }
                label_key_ui(ui, project, label, out);
                let kind_caption = ui.label("Values");
                egui::ComboBox::from_id_salt("kind")
                    .selected_text(label.value_kind.as_str())
                    .show_ui(ui, |ui| {
                        for kind in ValueKind::ALL {
                            if ui
                                .selectable_label(kind == label.value_kind, kind.as_str())
                                .clicked()
                                && kind != label.value_kind
                            {
                                out.push(Action::apply(
                                    Edit::Schema(SchemaEdit::ReplaceLabel {
                                        label: LabelDef {
                                            value_kind: kind,
                                            ..label.clone()
                                        },
                                    }),
                                    format!("Change value kind of {}", label.name.display()),
                                ));
                            }
                        }
                    })
                    .response
                    .labelled_by(kind_caption.id);
                let spans = project
                    .documents
                    .iter()
                    .flat_map(claimmark_core::model::Document::spans)
                    .filter(|s| s.label == label.name)
                    .count();
                let in_roles = project
                    .schema
                    .claim_types
                    .iter()
                    .flat_map(|t| &t.roles)
                    .any(|r| r.labels.contains(&label.name));
                let remove = ui
                    .add_enabled(spans == 0 && !in_roles, egui::Button::new("Remove").small())
                    .on_disabled_hover_text(format!(
                        "Used by {spans} span(s){}",
                        if in_roles { " and by roles" } else { "" }
                    ));
                if remove.clicked() {
                    out.push(Action::apply(
                        Edit::Schema(SchemaEdit::RemoveLabel {
                            name: label.name.clone(),
                        }),
                        format!("Remove label {}", label.name.display()),
                    ));
                }
            });
            let taken = |name: &Name| project.schema.label(name).is_some();
            if let Some(renamed) = self.buffers.committed_field(
                ui,
                &format!("label/{}", label.name),
                "Label name",
                label.name.as_str(),
                "name",
                |raw| parse_new_name(raw, taken).map(|_| ()),
            ) && let Ok(to) = parse_new_name(&renamed, taken)
            {
                out.push(Action::apply(
                    Edit::Schema(SchemaEdit::RenameLabel {
                        from: label.name.clone(),
                        to: to.clone(),
                    }),
                    format!("Rename label {} to {}", label.name.display(), to.display()),
                ));
            }
        });
    }

    fn claim_types_ui(&mut self, ui: &mut Ui, project: &Project, out: &mut Commands) {
        ui.heading("Claim types");
        ui.label(
            RichText::new("Renaming a type or role keeps the claims that use it.")
                .small()
                .weak(),
        );
        for claim_type in &project.schema.claim_types {
            let claims = project
                .documents
                .iter()
                .flat_map(claimmark_core::model::Document::claims)
                .filter(|c| c.claim_type == claim_type.name)
                .count();
            egui::CollapsingHeader::new(format!("{} ({claims} claims)", claim_type.name.display()))
                .id_salt(("claim_type", claim_type.name.as_str()))
                .show(ui, |ui| {
                    self.claim_type_ui(ui, project, claim_type, claims, out);
                });
        }
        ui.horizontal(|ui| {
            let caption = ui.label("New claim type");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_claim_type)
                    .hint_text("e.g. deportation")
                    .desired_width(160.0),
            )
            .labelled_by(caption.id);
            if ui.button("Add claim type").clicked() {
                match parse_new_name(&self.new_claim_type, |n| {
                    project.schema.claim_type(n).is_some()
                }) {
                    Ok(name) => {
                        out.push(Action::apply(
                            Edit::Schema(SchemaEdit::InsertClaimType {
                                index: project.schema.claim_types.len(),
                                claim_type: ClaimTypeDef {
                                    key_roles: default_key_roles(name.as_str()),
                                    name: name.clone(),
                                    roles: Vec::new(),
                                },
                            }),
                            format!("Add claim type {}", name.display()),
                        ));
                        self.new_claim_type.clear();
                        self.problem = None;
                    }
                    Err(problem) => self.problem = Some(problem),
                }
            }
        });
    }

    #[allow(clippy::too_many_lines)] // one form
    fn claim_type_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        claim_type: &ClaimTypeDef,
        claims: usize,
        out: &mut Commands,
    ) {
        let taken = |name: &Name| project.schema.claim_type(name).is_some();
        if let Some(renamed) = self.buffers.committed_field(
            ui,
            &format!("type/{}", claim_type.name),
            "Type name",
            claim_type.name.as_str(),
            "name",
            |raw| parse_new_name(raw, taken).map(|_| ()),
        ) && let Ok(to) = parse_new_name(&renamed, taken)
        {
            out.push(Action::apply(
                Edit::Schema(SchemaEdit::RenameClaimType {
                    from: claim_type.name.clone(),
                    to: to.clone(),
                }),
                format!(
                    "Rename claim type {} to {}",
                    claim_type.name.display(),
                    to.display()
                ),
            ));
        }
        for role in &claim_type.roles {
            ui.push_id(role.name.as_str(), |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(role.name.display()).strong());
                    let mut required = role.required;
                    if ui.checkbox(&mut required, "required").changed() {
                        out.push(replace_role(
                            claim_type,
                            RoleDef {
                                required,
                                ..role.clone()
                            },
                        ));
                    }
                    let mut multiple = role.multiple;
                    if ui.checkbox(&mut multiple, "several spans").changed() {
                        out.push(replace_role(
                            claim_type,
                            RoleDef {
                                multiple,
                                ..role.clone()
                            },
                        ));
                    }
                    key_role_ui(ui, claim_type, role, out);
                    part_of_ui(ui, claim_type, role, out);
                    let accepted = role.describe_labels();
                    ui.menu_button(format!("Takes: {accepted}"), |ui| {
                        for label in &project.schema.labels {
                            let mut on = role.labels.contains(&label.name);
                            if ui.checkbox(&mut on, label.name.display()).changed() {
                                let labels = project
                                    .schema
                                    .labels
                                    .iter()
                                    .map(|l| l.name.clone())
                                    .filter(|name| {
                                        if name == &label.name {
                                            on
                                        } else {
                                            role.labels.contains(name)
                                        }
                                    })
                                    .collect();
                                out.push(replace_role(
                                    claim_type,
                                    RoleDef {
                                        labels,
                                        ..role.clone()
                                    },
                                ));
                            }
                        }
                    });
                    let used = project
                        .documents
                        .iter()
                        .flat_map(claimmark_core::model::Document::claims)
                        .filter(|c| c.claim_type == claim_type.name)
                        .flat_map(|c| &c.arguments)
                        .filter(|a| a.role == role.name)
                        .count();
                    if ui
                        .add_enabled(used == 0, egui::Button::new("Remove").small())
                        .on_disabled_hover_text(format!("Filled in {used} claim(s)"))
                        .clicked()
                    {
                        out.push(Action::apply(
                            Edit::Schema(SchemaEdit::RemoveRole {
                                claim_type: claim_type.name.clone(),
                                role: role.name.clone(),
                            }),
                            format!("Remove role {}", role.name.display()),
                        ));
                    }
                });
                let role_taken = |name: &Name| claim_type.role(name).is_some();
                if let Some(renamed) = self.buffers.committed_field(
                    ui,
                    &format!("role/{}/{}", claim_type.name, role.name),
                    "Role name",
                    role.name.as_str(),
                    "name",
                    |raw| parse_new_name(raw, role_taken).map(|_| ()),
                ) && let Ok(to) = parse_new_name(&renamed, role_taken)
                {
                    out.push(Action::apply(
                        Edit::Schema(SchemaEdit::RenameRole {
                            claim_type: claim_type.name.clone(),
                            from: role.name.clone(),
                            to: to.clone(),
                        }),
                        format!("Rename role {} to {}", role.name.display(), to.display()),
                    ));
                }
            });
        }
        ui.horizontal(|ui| {
            let entry = self
                .new_roles
                .entry(claim_type.name.as_str().to_owned())
                .or_default();
            let caption = ui.label("New role");
            ui.add(
                egui::TextEdit::singleline(entry)
                    .hint_text("e.g. prison")
                    .desired_width(140.0),
            )
            .labelled_by(caption.id);
            if ui.button("Add role").clicked() {
                match parse_new_name(entry, |n| claim_type.role(n).is_some()) {
                    Ok(name) => {
                        out.push(Action::apply(
                            Edit::Schema(SchemaEdit::InsertRole {
                                claim_type: claim_type.name.clone(),
                                index: claim_type.roles.len(),
                                role: RoleDef {
                                    name: name.clone(),
                                    required: false,
                                    multiple: false,
                                    labels: Vec::new(),
                                    part_of: None,
                                },
                            }),
                            format!("Add role {}", name.display()),
                        ));
                        entry.clear();
                        self.problem = None;
                    }
                    Err(problem) => self.problem = Some(problem),
                }
            }
        });
        if ui
            .add_enabled(claims == 0, egui::Button::new("Remove claim type"))
            .on_disabled_hover_text(format!("{claims} claim(s) have this type"))
            .clicked()
        {
            out.push(Action::apply(
                Edit::Schema(SchemaEdit::RemoveClaimType {
                    name: claim_type.name.clone(),
                }),
                format!("Remove claim type {}", claim_type.name.display()),
            ));
        }
    }
}

/// The digit key of a label; keys other labels have are greyed out.
fn label_key_ui(ui: &mut Ui, project: &Project, label: &LabelDef, out: &mut Commands) {
    let key_caption = ui.label("Key");
    egui::ComboBox::from_id_salt("key")
        .width(44.0)
        .selected_text(label.key.map_or_else(|| "–".to_owned(), |k| k.to_string()))
        .show_ui(ui, |ui| {
            let mut choose = |key: Option<char>| {
                if key != label.key {
                    out.push(Action::apply(
                        Edit::Schema(SchemaEdit::ReplaceLabel {
                            label: LabelDef {
                                key,
                                ..label.clone()
                            },
                        }),
                        format!("Change key of {}", label.name.display()),
                    ));
                }
            };
            if ui.selectable_label(label.key.is_none(), "none").clicked() {
                choose(None);
            }
            for key in LABEL_KEYS {
                let owner = project.schema.label_for_key(key);
                let free = owner.is_none_or(|o| o.name == label.name);
                if ui
                    .add_enabled(
                        free,
                        egui::Button::selectable(label.key == Some(key), key.to_string()),
                    )
                    .clicked()
                {
                    choose(Some(key));
                }
            }
        })
        .response
        .labelled_by(key_caption.id);
}

/// Whether the role is one of the type's key roles: claims agreeing on
/// them are one fact in the ledger.
fn key_role_ui(ui: &mut Ui, claim_type: &ClaimTypeDef, role: &RoleDef, out: &mut Commands) {
    let mut key = claim_type.is_key(&role.name);
    if ui
        .checkbox(&mut key, "key")
        .on_hover_text(
            "Claims of this type that agree on their key roles are one fact in the ledger",
        )
        .changed()
    {
        // Kept in the roles' order, so the ledger's keys read the same way.
        let roles = claim_type
            .roles
            .iter()
            .map(|r| r.name.clone())
            .filter(|name| {
                if name == &role.name {
                    key
                } else {
                    claim_type.is_key(name)
                }
            })
            .collect();
        out.push(Action::apply(
            Edit::Schema(SchemaEdit::SetKeyRoles {
                claim_type: claim_type.name.clone(),
                roles,
            }),
            format!("Change key roles of {}", claim_type.name.display()),
        ));
    }
}

/// The role this one is a part of (an amnesty's `released` of its `count`).
fn part_of_ui(ui: &mut Ui, claim_type: &ClaimTypeDef, role: &RoleDef, out: &mut Commands) {
    let shown = role
        .part_of
        .as_ref()
        .map_or_else(|| "–".to_owned(), Name::display);
    ui.menu_button(format!("Part of: {shown}"), |ui| {
        let mut choose = |part_of: Option<Name>| {
            if part_of != role.part_of {
                out.push(replace_role(
                    claim_type,
                    RoleDef {
                        part_of,
                        ..role.clone()
                    },
                ));
            }
        };
        if ui
            .selectable_label(role.part_of.is_none(), "none")
            .clicked()
        {
            choose(None);
        }
        for whole in claim_type.roles.iter().filter(|r| r.name != role.name) {
            let chosen = role.part_of.as_ref() == Some(&whole.name);
            if ui.selectable_label(chosen, whole.name.display()).clicked() {
                choose(Some(whole.name.clone()));
            }
        }
    })
    .response
    .on_hover_text("The ledger checks that the parts of a role can add up to it");
}

fn replace_role(claim_type: &ClaimTypeDef, role: RoleDef) -> Action {
    let description = format!("Change role {}", role.name.display());
    Action::apply(
        Edit::Schema(SchemaEdit::ReplaceRole {
            claim_type: claim_type.name.clone(),
            role,
        }),
        description,
    )
}
