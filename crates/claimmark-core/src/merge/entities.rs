//! The entity registry merged: by id, names and kinds field by field,
//! aliases as sets; theirs' new entities renumbered where ours used the
//! id, or folded into ours' where both added the same one; an entity one
//! side merged into another takes the other side's new references along.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Conflict, ConflictItem, Entity, EntityId, Project};

use super::MergeReport;
use super::three_way::{FieldMerge, Outcome, Taken, item, keep_conflict};

pub(super) struct MergedEntities {
    pub(super) merged: Vec<Entity>,
    /// Where ours' references go in the merged registry.
    pub(super) ours_map: HashMap<EntityId, EntityId>,
    pub(super) theirs_map: HashMap<EntityId, EntityId>,
}

// Ids three ways, then theirs' new ones, then merges followed: one state.
#[allow(clippy::too_many_lines)]
pub(super) fn merge(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    two_way: bool,
    report: &mut MergeReport,
    conflicts: &mut Vec<Conflict>,
) -> MergedEntities {
    let base_links = links(base);
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
        if let (Some(b), Some(o), Some(t)) = (b, o, t)
            && o != t
            && (reused(b, o, ours, &base_links) || reused(b, t, theirs, &base_links))
        {
            // Not the same entity any more on one side: both kept, theirs
            // under a new id that theirs' references follow.
            merged.insert(id, o.clone());
            theirs_new.push(t.clone());
            continue;
        }
        match item(b, o, t, two_way, entity_fields) {
            Outcome::Take(Some(entity), Taken::Theirs) if b.is_none() => theirs_new.push(entity),
            Outcome::Take(kept, taken) => {
                taken.count(&mut report.ours.entities, &mut report.theirs.entities);
                if let Some(entity) = kept {
                    merged.insert(id, entity);
                }
            }
            Outcome::Conflict {
                ours,
                theirs,
                fields,
            } => keep_conflict(
                &mut merged,
                id,
                (ours, theirs, fields),
                |ours, theirs| ConflictItem::Entity { ours, theirs },
                conflicts,
            ),
            Outcome::BothAdded { ours, theirs } => {
                report.ours.entities += 1;
                merged.insert(id, ours);
                theirs_new.push(theirs);
            }
        }
    }
    let mut theirs_map: HashMap<EntityId, EntityId> = HashMap::new();
    let mut fresh = base
        .entities
        .iter()
        .chain(&ours.entities)
        .chain(&theirs.entities)
        .map(|e| e.id.0)
        .max()
        .unwrap_or(0);
    for entity in theirs_new {
        // The same person added on both sides is one entity.
        let same = merged.values().find(|e| {
            base.entity(e.id).is_none() && e.kind == entity.kind && e.name == entity.name
        });
        if let Some(same) = same {
            let same_id = same.id;
            theirs_map.insert(entity.id, same_id);
            if let Some(same) = merged.get_mut(&same_id) {
                for alias in entity.aliases {
                    if !same.aliases.contains(&alias) {
                        same.aliases.push(alias);
                    }
                }
            }
            continue;
        }
        report.theirs.entities += 1;
        let id = if merged.contains_key(&entity.id) {
            report.renumbered += 1;
            fresh += 1;
            theirs_map.insert(entity.id, EntityId(fresh));
            EntityId(fresh)
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

/// Which base spans refer to each entity.
fn links(
    project: &Project,
) -> HashMap<EntityId, Vec<(&crate::model::DocId, crate::model::SpanId)>> {
    let mut links: HashMap<EntityId, Vec<_>> = HashMap::new();
    for doc in &project.documents {
        for span in doc.spans() {
            if let Some(entity) = span.entity {
                links.entry(entity).or_default().push((&doc.id, span.id));
            }
        }
    }
    links
}

/// A side's entity under a base id is another one: renamed or re-kinded
/// while no span that referred to it in base still does on that side (the
/// newest entity's id is given again after it is deleted).
fn reused(
    base_entity: &Entity,
    side_entity: &Entity,
    side: &Project,
    base_links: &HashMap<EntityId, Vec<(&crate::model::DocId, crate::model::SpanId)>>,
) -> bool {
    let renamed = side_entity.kind != base_entity.kind || side_entity.name != base_entity.name;
    let Some(linked) = base_links.get(&base_entity.id) else {
        return false;
    };
    renamed
        && linked.iter().all(|(doc, span)| {
            side.document(doc)
                .and_then(|d| d.span(*span))
                .is_none_or(|s| s.entity != Some(base_entity.id))
        })
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
