//! Changes to the schema: labels, claim types and roles. Each keeps the
//! schema sound and the project's spans, claims and arguments in step with
//! it (a rename renames every use; a removal is refused while in use).

use super::{EditError, Result, check_index};
use crate::model::Project;
use crate::model::document::{Argument, Document};
use crate::model::project::claim_problems;
use crate::model::schema::{ClaimTypeDef, LabelDef, Name, RoleDef};

/// One change to the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaEdit {
    InsertLabel {
        index: usize,
        label: LabelDef,
    },
    /// Refused while spans or roles use the label.
    RemoveLabel {
        name: Name,
    },
    /// Changes a label's colour, key or value kind; its name stays.
    ReplaceLabel {
        label: LabelDef,
    },
    /// Renames a label everywhere: schema, roles and spans.
    RenameLabel {
        from: Name,
        to: Name,
    },
    InsertClaimType {
        index: usize,
        claim_type: ClaimTypeDef,
    },
    /// Refused while claims have the type.
    RemoveClaimType {
        name: Name,
    },
    /// Renames a claim type and every claim of it.
    RenameClaimType {
        from: Name,
        to: Name,
    },
    InsertRole {
        claim_type: Name,
        index: usize,
        role: RoleDef,
    },
    /// Refused while arguments fill the role.
    RemoveRole {
        claim_type: Name,
        role: Name,
    },
    /// Changes whether a role is required, takes several spans and which
    /// labels it accepts; its name stays.
    ReplaceRole {
        claim_type: Name,
        role: RoleDef,
    },
    /// Renames a role and every argument in it.
    RenameRole {
        claim_type: Name,
        from: Name,
        to: Name,
    },
    /// Sets the roles that say which fact a claim of the type is about.
    SetKeyRoles {
        claim_type: Name,
        roles: Vec<Name>,
    },
}

impl SchemaEdit {
    /// Applies the edit and returns its inverse. On error nothing changed.
    #[allow(clippy::too_many_lines)] // one arm per schema edit, each short
    pub(super) fn apply(self, project: &mut Project) -> Result<Self> {
        match self {
            Self::InsertLabel { index, label } => {
                if project.schema.label(&label.name).is_some() {
                    return Err(EditError::LabelExists(label.name));
                }
                check_index(index, project.schema.labels.len())?;
                let mut schema = project.schema.clone();
                let name = label.name.clone();
                schema.labels.insert(index, label);
                check_schema(&schema)?;
                project.schema = schema;
                Ok(Self::RemoveLabel { name })
            }
            Self::RemoveLabel { name } => {
                let index = label_index(project, &name)?;
                let spans = project
                    .documents
                    .iter()
                    .flat_map(Document::spans)
                    .filter(|span| span.label == name)
                    .count();
                let roles = project
                    .schema
                    .claim_types
                    .iter()
                    .flat_map(|ty| &ty.roles)
                    .filter(|role| role.labels.contains(&name))
                    .count();
                if spans > 0 || roles > 0 {
                    return Err(EditError::LabelInUse { name, spans, roles });
                }
                let label = project.schema.labels.remove(index);
                Ok(Self::InsertLabel { index, label })
            }
            Self::ReplaceLabel { label } => {
                let index = label_index(project, &label.name)?;
                let mut schema = project.schema.clone();
                let old = std::mem::replace(&mut schema.labels[index], label);
                check_schema(&schema)?;
                project.schema = schema;
                Ok(Self::ReplaceLabel { label: old })
            }
            Self::RenameLabel { from, to } => {
                let index = label_index(project, &from)?;
                if from == to {
                    return Ok(Self::RenameLabel { from: to, to: from });
                }
                if project.schema.label(&to).is_some() {
                    return Err(EditError::LabelExists(to));
                }
                project.schema.labels[index].name = to.clone();
                for role in project
                    .schema
                    .claim_types
                    .iter_mut()
                    .flat_map(|ty| ty.roles.iter_mut())
                {
                    for label in &mut role.labels {
                        if *label == from {
                            *label = to.clone();
                        }
                    }
                }
                for span in project.documents.iter_mut().flat_map(Document::spans_mut) {
                    if span.label == from {
                        span.label = to.clone();
                    }
                }
                Ok(Self::RenameLabel { from: to, to: from })
            }
            Self::InsertClaimType { index, claim_type } => {
                if project.schema.claim_type(&claim_type.name).is_some() {
                    return Err(EditError::ClaimTypeExists(claim_type.name));
                }
                check_index(index, project.schema.claim_types.len())?;
                let mut schema = project.schema.clone();
                let name = claim_type.name.clone();
                schema.claim_types.insert(index, claim_type);
                check_schema(&schema)?;
                project.schema = schema;
                Ok(Self::RemoveClaimType { name })
            }
            Self::RemoveClaimType { name } => {
                let index = claim_type_index(project, &name)?;
                let claims = project
                    .documents
                    .iter()
                    .flat_map(Document::claims)
                    .filter(|claim| claim.claim_type == name)
                    .count();
                if claims > 0 {
                    return Err(EditError::ClaimTypeInUse { name, claims });
                }
                let claim_type = project.schema.claim_types.remove(index);
                Ok(Self::InsertClaimType { index, claim_type })
            }
            Self::RenameClaimType { from, to } => {
                let index = claim_type_index(project, &from)?;
                if from == to {
                    return Ok(Self::RenameClaimType { from: to, to: from });
                }
                if project.schema.claim_type(&to).is_some() {
                    return Err(EditError::ClaimTypeExists(to));
                }
                project.schema.claim_types[index].name = to.clone();
                for claim in project.documents.iter_mut().flat_map(Document::claims_mut) {
                    if claim.claim_type == from {
                        claim.claim_type = to.clone();
                    }
                }
                Ok(Self::RenameClaimType { from: to, to: from })
            }
            Self::InsertRole {
                claim_type,
                index,
                role,
            } => {
                let type_index = claim_type_index(project, &claim_type)?;
                let mut schema = project.schema.clone();
                let roles = &mut schema.claim_types[type_index].roles;
                if roles.iter().any(|r| r.name == role.name) {
                    return Err(EditError::RoleExists {
                        claim_type,
                        role: role.name,
                    });
                }
                check_index(index, roles.len())?;
                let name = role.name.clone();
                roles.insert(index, role);
                check_schema(&schema)?;
                project.schema = schema;
                Ok(Self::RemoveRole {
                    claim_type,
                    role: name,
                })
            }
            Self::RemoveRole { claim_type, role } => {
                let (type_index, index) = role_index(project, &claim_type, &role)?;
                let arguments = arguments_in_role(project, &claim_type, &role).count();
                if arguments > 0 {
                    return Err(EditError::RoleInUse { role, arguments });
                }
                let ty = &project.schema.claim_types[type_index];
                if ty.is_key(&role) {
                    return Err(EditError::KeyRoleInUse { claim_type, role });
                }
                if let Some(part) = ty.roles.iter().find(|r| r.part_of.as_ref() == Some(&role)) {
                    return Err(EditError::WholeRoleInUse {
                        role,
                        part: part.name.clone(),
                    });
                }
                let removed = project.schema.claim_types[type_index].roles.remove(index);
                Ok(Self::InsertRole {
                    claim_type,
                    index,
                    role: removed,
                })
            }
            Self::ReplaceRole { claim_type, role } => {
                let (type_index, index) = role_index(project, &claim_type, &role.name)?;
                let mut schema = project.schema.clone();
                let old = std::mem::replace(&mut schema.claim_types[type_index].roles[index], role);
                check_schema(&schema)?;
                // Turning "several spans" off must not leave claims with several.
                let mut probe = Project::new(schema);
                for doc in &project.documents {
                    for claim in doc.claims().iter().filter(|c| c.claim_type == claim_type) {
                        if let Some(problem) =
                            claim_problems(&probe.schema, doc, claim).into_iter().next()
                        {
                            return Err(EditError::Invalid(problem));
                        }
                    }
                }
                std::mem::swap(&mut project.schema, &mut probe.schema);
                Ok(Self::ReplaceRole {
                    claim_type,
                    role: old,
                })
            }
            Self::RenameRole {
                claim_type,
                from,
                to,
            } => {
                let (type_index, index) = role_index(project, &claim_type, &from)?;
                if from == to {
                    return Ok(Self::RenameRole {
                        claim_type,
                        from: to,
                        to: from,
                    });
                }
                if project.schema.claim_types[type_index].role(&to).is_some() {
                    return Err(EditError::RoleExists {
                        claim_type,
                        role: to,
                    });
                }
                let ty = &mut project.schema.claim_types[type_index];
                ty.roles[index].name = to.clone();
                for name in ty
                    .key_roles
                    .iter_mut()
                    .chain(ty.roles.iter_mut().filter_map(|r| r.part_of.as_mut()))
                {
                    if *name == from {
                        *name = to.clone();
                    }
                }
                for claim in project.documents.iter_mut().flat_map(Document::claims_mut) {
                    if claim.claim_type != claim_type {
                        continue;
                    }
                    for argument in &mut claim.arguments {
                        if argument.role == from {
                            argument.role = to.clone();
                        }
                    }
                }
                Ok(Self::RenameRole {
                    claim_type,
                    from: to,
                    to: from,
                })
            }
            Self::SetKeyRoles { claim_type, roles } => {
                let type_index = claim_type_index(project, &claim_type)?;
                let mut schema = project.schema.clone();
                let old = std::mem::replace(&mut schema.claim_types[type_index].key_roles, roles);
                check_schema(&schema)?;
                project.schema = schema;
                Ok(Self::SetKeyRoles {
                    claim_type,
                    roles: old,
                })
            }
        }
    }
}

fn label_index(project: &Project, name: &Name) -> Result<usize> {
    project
        .schema
        .labels
        .iter()
        .position(|label| &label.name == name)
        .ok_or_else(|| EditError::NoLabel(name.clone()))
}

fn claim_type_index(project: &Project, name: &Name) -> Result<usize> {
    project
        .schema
        .claim_types
        .iter()
        .position(|ty| &ty.name == name)
        .ok_or_else(|| EditError::NoClaimType(name.clone()))
}

fn role_index(project: &Project, claim_type: &Name, role: &Name) -> Result<(usize, usize)> {
    let type_index = claim_type_index(project, claim_type)?;
    let role_index = project.schema.claim_types[type_index]
        .roles
        .iter()
        .position(|r| &r.name == role)
        .ok_or_else(|| EditError::NoRole {
            claim_type: claim_type.clone(),
            role: role.clone(),
        })?;
    Ok((type_index, role_index))
}

/// A schema whose problems list is empty, or the first problem.
fn check_schema(schema: &crate::model::Schema) -> Result<()> {
    match schema.problems().into_iter().next() {
        Some(problem) => Err(EditError::Invalid(problem)),
        None => Ok(()),
    }
}

fn arguments_in_role<'p>(
    project: &'p Project,
    claim_type: &'p Name,
    role: &'p Name,
) -> impl Iterator<Item = &'p Argument> + 'p {
    project
        .documents
        .iter()
        .flat_map(Document::claims)
        .filter(move |claim| &claim.claim_type == claim_type)
        .flat_map(|claim| claim.arguments.iter())
        .filter(move |argument| &argument.role == role)
}
