//! The schema merged: labels by name (a label is one item), claim types by
//! name with their roles merged role by role. A label or claim type one
//! side removed while the other uses it comes back, as a conflict.

use crate::model::{
    ClaimTypeDef, Conflict, ConflictItem, LabelDef, Name, Project, RoleDef, Schema,
};

use super::MergeReport;
use super::three_way::{FieldMerge, Outcome, item, whole};

pub(super) fn merge(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    report: &mut MergeReport,
    conflicts: &mut Vec<Conflict>,
) -> Schema {
    let (b, o, t) = (&base.schema, &ours.schema, &theirs.schema);
    let mut labels: Vec<LabelDef> = Vec::new();
    for name in names(&o.labels, &t.labels, &b.labels, |l| &l.name) {
        let outcome = item(
            b.label(name),
            o.label(name),
            t.label(name),
            true,
            |b, o, t| whole(b, o, t, "definition"),
        );
        if let Some(label) = settle(outcome, report, conflicts, |ours, theirs| {
            ConflictItem::Label { ours, theirs }
        }) {
            labels.push(label);
        }
    }
    // A label theirs added may bring a key ours gave another label: the
    // key stays with the first.
    for i in 0..labels.len() {
        if let Some(key) = labels[i].key
            && labels[..i].iter().any(|l| l.key == Some(key))
        {
            labels[i].key = None;
        }
    }
    let mut claim_types: Vec<ClaimTypeDef> = Vec::new();
    for name in names(&o.claim_types, &t.claim_types, &b.claim_types, |c| &c.name) {
        let outcome = item(
            b.claim_type(name),
            o.claim_type(name),
            t.claim_type(name),
            true,
            claim_type_fields,
        );
        if let Some(claim_type) = settle(outcome, report, conflicts, |ours, theirs| {
            ConflictItem::ClaimType { ours, theirs }
        }) {
            claim_types.push(claim_type);
        }
    }
    Schema {
        labels,
        claim_types,
    }
}

/// The names in ours' order, then theirs' new ones, then base's (so a
/// removal is looked at too).
fn names<'a, T>(
    ours: &'a [T],
    theirs: &'a [T],
    base: &'a [T],
    name: impl Fn(&T) -> &Name,
) -> Vec<&'a Name>
where
    T: 'a,
{
    let mut names: Vec<&Name> = Vec::new();
    for item in ours.iter().chain(theirs).chain(base) {
        let n = name(item);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

fn settle<T: Clone>(
    outcome: Outcome<T>,
    report: &mut MergeReport,
    conflicts: &mut Vec<Conflict>,
    conflict: impl Fn(Option<T>, Option<T>) -> ConflictItem,
) -> Option<T> {
    match outcome {
        Outcome::Take(kept, taken) => {
            taken.count(&mut report.ours.schema, &mut report.theirs.schema);
            kept
        }
        Outcome::Conflict {
            ours,
            theirs,
            fields,
        } => {
            let in_place = ours.clone().or_else(|| theirs.clone());
            conflicts.push(Conflict {
                item: conflict(ours, theirs),
                fields,
            });
            in_place
        }
        // Schema items are named, so "added on both sides" under one name
        // is one item changed two ways (`item` is called two-way here).
        Outcome::BothAdded { ours, theirs } => {
            let in_place = ours.clone();
            conflicts.push(Conflict {
                item: conflict(Some(ours), Some(theirs)),
                fields: vec!["definition".to_owned()],
            });
            Some(in_place)
        }
    }
}

fn claim_type_fields(
    b: Option<&ClaimTypeDef>,
    o: &ClaimTypeDef,
    t: &ClaimTypeDef,
) -> FieldMerge<ClaimTypeDef> {
    let mut ours_roles: Vec<RoleDef> = Vec::new();
    let mut theirs_roles: Vec<RoleDef> = Vec::new();
    let mut conflicting = Vec::new();
    let base_roles = b.map(|b| b.roles.as_slice()).unwrap_or_default();
    for name in names(&o.roles, &t.roles, base_roles, |r| &r.name) {
        let (br, or, tr) = (b.and_then(|b| b.role(name)), o.role(name), t.role(name));
        match item(br, or, tr, true, |b, o, t| whole(b, o, t, "role")) {
            Outcome::Take(kept, _) => {
                ours_roles.extend(kept.clone());
                theirs_roles.extend(kept);
            }
            Outcome::Conflict { ours, theirs, .. } => {
                conflicting.push(format!("role {name}"));
                // Ours keeps a role theirs changed, so theirs' arguments
                // still fit; theirs likewise.
                ours_roles.extend(ours.clone().or_else(|| theirs.clone()));
                theirs_roles.extend(theirs.or(ours));
            }
            Outcome::BothAdded { ours, theirs } => {
                conflicting.push(format!("role {name}"));
                ours_roles.push(ours);
                theirs_roles.push(theirs);
            }
        }
    }
    // Key roles are one list: two different changes are a conflict.
    let key_roles = super::three_way::field(b.map(|b| &b.key_roles), &o.key_roles, &t.key_roles);
    if key_roles.is_none() {
        conflicting.push("key roles".to_owned());
    }
    let ours = ClaimTypeDef {
        name: o.name.clone(),
        roles: ours_roles,
        key_roles: key_roles.unwrap_or(&o.key_roles).clone(),
    };
    if conflicting.is_empty() {
        Ok(ours)
    } else {
        super::three_way::split(
            ours,
            ClaimTypeDef {
                name: t.name.clone(),
                roles: theirs_roles,
                key_roles: t.key_roles.clone(),
            },
            conflicting,
        )
    }
}

/// Labels used by spans or roles, claim types used by claims and roles
/// used by arguments (in the project or in a conflict's versions) that the
/// merged schema lost come back, as conflicts.
#[allow(clippy::too_many_lines)] // claim types, then their roles, then labels
pub(super) fn restore_used(
    project: &mut Project,
    sides: [&Project; 3],
    conflicts: &mut Vec<Conflict>,
) {
    let [base, ours, theirs] = sides;
    let mut labels: Vec<Name> = Vec::new();
    let mut claims: Vec<crate::model::Claim> = Vec::new();
    for doc in &project.documents {
        labels.extend(doc.spans().iter().map(|s| s.label.clone()));
        claims.extend(doc.claims().iter().cloned());
    }
    for conflict in conflicts.iter() {
        match &conflict.item {
            ConflictItem::Span { ours, theirs, .. } => {
                labels.extend(ours.iter().chain(theirs).map(|s| s.label.clone()));
            }
            ConflictItem::Claim { ours, theirs, .. } => {
                claims.extend(ours.iter().chain(theirs).cloned());
            }
            _ => {}
        }
    }
    let mut claim_types: Vec<Name> = claims.iter().map(|c| c.claim_type.clone()).collect();
    claim_types.sort_unstable();
    claim_types.dedup();
    let find_type = |name: &Name| {
        (
            ours.schema.claim_type(name).cloned(),
            theirs.schema.claim_type(name).cloned(),
        )
    };
    for name in claim_types {
        if project.schema.claim_type(&name).is_some() {
            continue;
        }
        let (o, t) = find_type(&name);
        let Some(in_place) = o
            .clone()
            .or_else(|| t.clone())
            .or_else(|| base.schema.claim_type(&name).cloned())
        else {
            continue;
        };
        project.schema.claim_types.push(in_place);
        conflicts.push(Conflict {
            item: ConflictItem::ClaimType { ours: o, theirs: t },
            fields: vec!["removed on one side, used on the other".to_owned()],
        });
    }
    // Roles one side removed (or changed to take one span) while the
    // other side's arguments use them.
    for claim in &claims {
        let Some(index) = project
            .schema
            .claim_types
            .iter()
            .position(|c| c.name == claim.claim_type)
        else {
            continue;
        };
        for argument in &claim.arguments {
            let in_role = claim
                .arguments
                .iter()
                .filter(|a| a.role == argument.role)
                .count();
            let claim_type = &project.schema.claim_types[index];
            let fits = claim_type
                .role(&argument.role)
                .is_some_and(|r| r.multiple || in_role < 2);
            if fits {
                continue;
            }
            let (o, t) = find_type(&claim.claim_type);
            let wanted = [&o, &t, &base.schema.claim_type(&claim.claim_type).cloned()]
                .into_iter()
                .flatten()
                .filter_map(|c| c.role(&argument.role).cloned())
                .find(|r| r.multiple || in_role < 2)
                .or_else(|| {
                    claim_type
                        .role(&argument.role)
                        .map(|r| crate::model::RoleDef {
                            multiple: true,
                            ..r.clone()
                        })
                });
            let Some(role) = wanted else { continue };
            let roles = &mut project.schema.claim_types[index].roles;
            match roles.iter_mut().find(|r| r.name == role.name) {
                Some(existing) => *existing = role,
                None => roles.push(role),
            }
            let conflict = Conflict {
                item: ConflictItem::ClaimType { ours: o, theirs: t },
                fields: vec![format!("role {}", argument.role)],
            };
            if !conflicts.contains(&conflict) {
                conflicts.push(conflict);
            }
        }
    }
    for claim_type in &project.schema.claim_types {
        for role in &claim_type.roles {
            labels.extend(role.labels.iter().cloned());
        }
    }
    labels.sort_unstable();
    labels.dedup();
    for name in labels {
        if project.schema.label(&name).is_some() {
            continue;
        }
        let o = ours.schema.label(&name).cloned();
        let t = theirs.schema.label(&name).cloned();
        let Some(mut in_place) = o
            .clone()
            .or_else(|| t.clone())
            .or_else(|| base.schema.label(&name).cloned())
        else {
            continue;
        };
        if in_place
            .key
            .is_some_and(|key| project.schema.labels.iter().any(|l| l.key == Some(key)))
        {
            in_place.key = None;
        }
        project.schema.labels.push(in_place);
        conflicts.push(Conflict {
            item: ConflictItem::Label { ours: o, theirs: t },
            fields: vec!["removed on one side, used on the other".to_owned()],
        });
    }
}
