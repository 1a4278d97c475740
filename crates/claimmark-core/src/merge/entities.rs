//! The entity registry merged: by id, names and kinds field by field,
//! aliases as sets; theirs' new entities renumbered where ours used the
//! id, or folded into ours' where both added the same one; an entity one
//! side merged into another takes the other side's new references along.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Conflict, ConflictItem, Entity, EntityId, Project};

use super::MergeReport;
use super::three_way::{FieldMerge, Outcome, Taken, item};

pub(super) struct MergedEntities {
    pub(super) merged: Vec<Entity>,
    /// Where ours' references go in the merged registry.
    pub(super) ours_map: HashMap<EntityId, EntityId>,
    pub(super) theirs_map: HashMap<EntityId, EntityId>,
}

pub(super) fn merge(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    two_way: bool,
    report: &mut MergeReport,
    conflicts: &mut Vec<Conflict>,
) -> MergedEntities {
    let mut merged: BTreeMap<EntityId, Entity> = BTreeMap::new();
    let mut theirs_new: Vec<Entity> = Vec::new();
    let mut ids: Vec<EntityId> = base
        .entities
        .iter()
        .chain(&ours.entities)
        .chain(&theirs.entities)
        .map(|e| e.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let b = base.entity(id);
        let o = ours.entity(id);
        let t = theirs.entity(id);
        match item(b, o, t, two_way, entity_fields) {
            Outcome::Take(Some(entity), Taken::Theirs) if b.is_none() => theirs_new.push(entity),
            Outcome::Take(kept, taken) => {
                match taken {
                    Taken::Ours => report.ours.entities += 1,
                    Taken::Theirs => report.theirs.entities += 1,
                    Taken::Both | Taken::Combined => {
                        report.ours.entities += 1;
                        report.theirs.entities += 1;
                    }
                    Taken::Unchanged => {}
                }
                if let Some(entity) = kept {
                    merged.insert(id, entity);
                }
            }
            Outcome::Conflict {
                ours,
                theirs,
                fields,
            } => {
                if let Some(in_place) = ours.clone().or_else(|| theirs.clone()) {
                    merged.insert(id, in_place);
                }
                conflicts.push(Conflict {
                    item: ConflictItem::Entity { ours, theirs },
                    fields,
                });
            }
            Outcome::BothAdded { ours, theirs } => {
                report.ours.entities += 1;
                merged.insert(id, ours);
                theirs_new.push(theirs);
            }
        }
    }
    let mut theirs_map: HashMap<EntityId, EntityId> = HashMap::new();
    for entity in theirs_new {
        // The same person added on both sides is one entity.
        let same = merged.values().find(|e| {
            base.entity(e.id).is_none() && e.kind == entity.kind && e.name == entity.name
        });
        if let Some(same) = same {
            theirs_map.insert(entity.id, same.id);
            continue;
        }
        report.theirs.entities += 1;
        let id = if merged.contains_key(&entity.id) {
            report.renumbered += 1;
            let fresh = EntityId(merged.last_key_value().map_or(1, |(id, _)| id.0 + 1));
            theirs_map.insert(entity.id, fresh);
            fresh
        } else {
            entity.id
        };
        merged.insert(id, Entity { id, ..entity });
    }
    // Entities a side merged away, where the merged registry lost them too.
    let ours_merges = merged_into(base, ours);
    let theirs_merges = merged_into(base, theirs);
    let mut ours_map: HashMap<EntityId, EntityId> = HashMap::new();
    for (from, to) in theirs_merges {
        if !merged.contains_key(&from) && merged.contains_key(&to) {
            ours_map.insert(from, to);
        }
    }
    for (from, to) in ours_merges {
        if !merged.contains_key(&from) && merged.contains_key(&to) {
            theirs_map.entry(from).or_insert(to);
        }
    }
    MergedEntities {
        merged: merged.into_values().collect(),
        ours_map,
        theirs_map,
    }
}

fn entity_fields(b: Option<&Entity>, o: &Entity, t: &Entity) -> FieldMerge<Entity> {
    let mut ours = o.clone();
    let mut theirs = t.clone();
    let mut conflicts = Vec::new();
    super::three_way::merge_fields!(b, o, t, ours, theirs, conflicts; kind, name);
    // Aliases are spellings met: a set, never a conflict.
    let base_aliases = b.map(|b| b.aliases.as_slice()).unwrap_or_default();
    let removed =
        |a: &String| base_aliases.contains(a) && (!o.aliases.contains(a) || !t.aliases.contains(a));
    let mut aliases: Vec<String> = o.aliases.iter().filter(|a| !removed(a)).cloned().collect();
    for alias in &t.aliases {
        if !removed(alias) && !aliases.contains(alias) {
            aliases.push(alias.clone());
        }
    }
    ours.aliases.clone_from(&aliases);
    theirs.aliases = aliases;
    if conflicts.is_empty() {
        Ok(ours)
    } else {
        super::three_way::split(ours, theirs, conflicts)
    }
}

/// Entities a side removed after pointing every span that referred to
/// them at one other entity: merged into it.
fn merged_into(base: &Project, side: &Project) -> HashMap<EntityId, EntityId> {
    let mut targets: HashMap<EntityId, Option<EntityId>> = HashMap::new();
    for base_doc in &base.documents {
        let Some(doc) = side.document(&base_doc.id) else {
            continue;
        };
        for span in base_doc.spans() {
            let Some(from) = span.entity else { continue };
            if side.entity(from).is_some() {
                continue;
            }
            let now = doc.span(span.id).and_then(|s| s.entity);
            let entry = targets.entry(from).or_insert(now);
            if *entry != now {
                *entry = None;
            }
        }
    }
    targets
        .into_iter()
        .filter_map(|(from, to)| Some((from, to?)))
        .collect()
}

/// An entity one side removed while spans of the other (or a conflict's
/// version of a span) still refer to it comes back, as a conflict.
pub(super) fn restore_used(
    project: &mut Project,
    sides: [&Project; 3],
    conflicts: &mut Vec<Conflict>,
) {
    let [base, ours, theirs] = sides;
    let mut used: Vec<EntityId> = project
        .documents
        .iter()
        .flat_map(|d| d.spans().iter().filter_map(|s| s.entity))
        .collect();
    for conflict in conflicts.iter() {
        if let ConflictItem::Span { ours, theirs, .. } = &conflict.item {
            used.extend(ours.iter().chain(theirs).filter_map(|s| s.entity));
        }
    }
    used.sort_unstable();
    used.dedup();
    for id in used {
        if project.entity(id).is_some() {
            continue;
        }
        let o = ours.entity(id).cloned();
        let t = theirs.entity(id).cloned();
        let Some(in_place) = o
            .clone()
            .or_else(|| t.clone())
            .or_else(|| base.entity(id).cloned())
        else {
            continue;
        };
        let at = project.entities.partition_point(|e| e.id < id);
        project.entities.insert(at, in_place);
        conflicts.push(Conflict {
            item: ConflictItem::Entity { ours: o, theirs: t },
            fields: vec!["removed on one side, referred to on the other".to_owned()],
        });
    }
}
