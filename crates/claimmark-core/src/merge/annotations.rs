//! One document's spans and claims merged: by id, field by field, with new
//! ids for theirs where both sides added under the same id, and every
//! reference following the renumbering.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{
    Argument, Claim, ClaimId, Conflict, ConflictItem, DocId, Document, EntityId, Name, Schema,
    Span, SpanId,
};

use super::Tally;
use super::three_way::{FieldMerge, Outcome, Taken, item, keep_conflict, merge_fields};

/// What one document's annotations became.
pub(super) struct MergedAnnotations {
    pub(super) spans: Vec<Span>,
    pub(super) claims: Vec<Claim>,
    pub(super) conflicts: Vec<Conflict>,
    /// Theirs' span and claim ids that changed.
    pub(super) renumbered: usize,
    /// Where theirs' spans and claims went, where their ids changed.
    pub(super) span_ids: HashMap<SpanId, SpanId>,
    pub(super) claim_ids: HashMap<ClaimId, ClaimId>,
}

/// The three documents' annotations, with entity references already in
/// the merged project's numbering.
pub(super) struct Sides<'a> {
    pub(super) doc: &'a DocId,
    pub(super) base: Option<&'a Document>,
    pub(super) ours: Vec<Span>,
    pub(super) ours_claims: &'a [Claim],
    pub(super) theirs: Vec<Span>,
    pub(super) theirs_claims: &'a [Claim],
    pub(super) two_way: bool,
}

// Spans, then claims following the spans' new ids: one pass, one state.
#[allow(clippy::too_many_lines)]
pub(super) fn merge(
    sides: &Sides<'_>,
    schema: &Schema,
    tally: (&mut Tally, &mut Tally),
) -> MergedAnnotations {
    let (ours_tally, theirs_tally) = tally;
    let mut conflicts = Vec::new();
    let doc = sides.doc;
    let base_spans = sides.base.map_or(&[][..], Document::spans);
    let base_claims = sides.base.map_or(&[][..], Document::claims);

    let ours_refs = new_references(base_claims, sides.ours_claims);
    let theirs_refs = new_references(base_claims, sides.theirs_claims);

    // Spans.
    let mut spans: BTreeMap<SpanId, Span> = BTreeMap::new();
    let mut theirs_new: Vec<Span> = Vec::new();
    let mut ours_new: HashMap<crate::model::CharRange, Vec<SpanId>> = HashMap::new();
    for id in union_ids(&[
        base_spans.iter().map(|s| s.id).collect(),
        sides.ours.iter().map(|s| s.id).collect(),
        sides.theirs.iter().map(|s| s.id).collect(),
    ]) {
        let b = find(base_spans, id, |s| s.id);
        let o = find(&sides.ours, id, |s| s.id);
        let t = find(&sides.theirs, id, |s| s.id);
        if let (Some(b), Some(o), Some(t)) = (b, o, t)
            && moved_under_the_other(b, o, t, ours_refs.contains(&id), theirs_refs.contains(&id))
        {
            // Kept apart rather than combined: ours in place, theirs as a
            // span of its own that theirs' claims follow.
            ours_tally.spans += usize::from(o != b);
            spans.insert(id, o.clone());
            theirs_new.push(t.clone());
            continue;
        }
        match item(b, o, t, sides.two_way, span_fields) {
            Outcome::Take(Some(span), Taken::Theirs) if b.is_none() => theirs_new.push(span),
            Outcome::Take(kept, taken) => {
                taken.count(&mut ours_tally.spans, &mut theirs_tally.spans);
                if let Some(span) = kept {
                    if b.is_none() {
                        ours_new.entry(span.range).or_default().push(span.id);
                    }
                    spans.insert(id, span);
                }
            }
            Outcome::Conflict {
                ours,
                theirs,
                fields,
            } => keep_conflict(
                &mut spans,
                id,
                (ours, theirs, fields),
                |ours, theirs| ConflictItem::Span {
                    doc: doc.clone(),
                    ours,
                    theirs,
                },
                &mut conflicts,
            ),
            Outcome::BothAdded { ours, theirs } => {
                ours_tally.spans += 1;
                ours_new.entry(ours.range).or_default().push(ours.id);
                spans.insert(id, ours);
                theirs_new.push(theirs);
            }
        }
    }
    let mut span_ids: HashMap<SpanId, SpanId> = HashMap::new();
    let mut renumbered = 0;
    // Fresh ids above every id any side has or refers to: a span removed
    // here may still come back for a claim that uses it.
    let mut fresh_span = base_spans
        .iter()
        .chain(&sides.ours)
        .chain(&sides.theirs)
        .map(|s| s.id.0)
        .chain(
            base_claims
                .iter()
                .chain(sides.ours_claims)
                .chain(sides.theirs_claims)
                .flat_map(|c| c.arguments.iter().map(|a| a.span.0)),
        )
        .max()
        .unwrap_or(0);
    for span in theirs_new {
        let same = ours_new.get(&span.range).and_then(|candidates| {
            candidates
                .iter()
                .copied()
                .find(|&id| spans.get(&id).is_some_and(|o| same_but_id(o, &span, o.id)))
        });
        if let Some(ours_id) = same {
            span_ids.insert(span.id, ours_id);
            continue;
        }
        theirs_tally.spans += 1;
        let id = if spans.contains_key(&span.id) {
            renumbered += 1;
            fresh_span += 1;
            let fresh = SpanId(fresh_span);
            span_ids.insert(span.id, fresh);
            fresh
        } else {
            span.id
        };
        spans.insert(id, Span { id, ..span });
    }

    // Claims, with theirs' arguments following their spans' new ids.
    let follow = |claim: &Claim| -> Claim {
        let mut claim = claim.clone();
        for argument in &mut claim.arguments {
            if let Some(&id) = span_ids.get(&argument.span) {
                argument.span = id;
            }
        }
        claim
    };
    let theirs_claims: Vec<Claim> = sides.theirs_claims.iter().map(follow).collect();
    for conflict in &mut conflicts {
        if let ConflictItem::Span {
            theirs: Some(span), ..
        } = &mut conflict.item
            && let Some(&id) = span_ids.get(&span.id)
        {
            span.id = id;
        }
    }
    let mut claims: BTreeMap<ClaimId, Claim> = BTreeMap::new();
    let mut theirs_new: Vec<Claim> = Vec::new();
    let mut ours_new: Vec<ClaimId> = Vec::new();
    for id in union_ids(&[
        base_claims.iter().map(|c| c.id).collect(),
        sides.ours_claims.iter().map(|c| c.id).collect(),
        theirs_claims.iter().map(|c| c.id).collect(),
    ]) {
        let b = find(base_claims, id, |c| c.id);
        let o = find(sides.ours_claims, id, |c| c.id);
        let t = find(&theirs_claims, id, |c| c.id);
        if let (Some(b), Some(o), Some(t)) = (b, o, t)
            && o != b
            && t != b
            && identity(o) != identity(t)
        {
            // Another type or trigger on each side: maybe not the same claim
            // (a deleted newest claim's id is given again), so both are kept.
            ours_tally.claims += 1;
            claims.insert(id, o.clone());
            theirs_new.push(t.clone());
            continue;
        }
        match item(b, o, t, sides.two_way, |b, o, t| {
            claim_fields(schema, b, o, t)
        }) {
            Outcome::Take(Some(claim), Taken::Theirs) if b.is_none() => theirs_new.push(claim),
            Outcome::Take(kept, taken) => {
                taken.count(&mut ours_tally.claims, &mut theirs_tally.claims);
                if let Some(claim) = kept {
                    if b.is_none() {
                        ours_new.push(claim.id);
                    }
                    claims.insert(id, claim);
                }
            }
            Outcome::Conflict {
                ours,
                theirs,
                fields,
            } => keep_conflict(
                &mut claims,
                id,
                (ours, theirs, fields),
                |ours, theirs| ConflictItem::Claim {
                    doc: doc.clone(),
                    ours,
                    theirs,
                },
                &mut conflicts,
            ),
            Outcome::BothAdded { ours, theirs } => {
                ours_tally.claims += 1;
                ours_new.push(ours.id);
                claims.insert(id, ours);
                theirs_new.push(theirs);
            }
        }
    }
    let mut claim_ids: HashMap<ClaimId, ClaimId> = HashMap::new();
    let mut added: Vec<ClaimId> = Vec::new();
    let mut fresh_claim = base_claims
        .iter()
        .chain(sides.ours_claims)
        .chain(sides.theirs_claims)
        .map(|c| c.id.0)
        .max()
        .unwrap_or(0);
    for claim in theirs_new {
        if let Some(&ours_id) = ours_new.iter().find(|&&id| {
            claims
                .get(&id)
                .is_some_and(|o| same_claim_but_id(o, &claim))
        }) {
            claim_ids.insert(claim.id, ours_id);
            continue;
        }
        theirs_tally.claims += 1;
        let id = if claims.contains_key(&claim.id) {
            renumbered += 1;
            fresh_claim += 1;
            let fresh = ClaimId(fresh_claim);
            claim_ids.insert(claim.id, fresh);
            fresh
        } else {
            claim.id
        };
        added.push(id);
        claims.insert(id, Claim { id, ..claim });
    }
    // A renumbered claim's "resembles" follows it too.
    for id in added {
        if let Some(claim) = claims.get_mut(&id)
            && let Some(external) = &mut claim.external
            && let Some(resembles) = external.resembles
            && let Some(&now) = claim_ids.get(&resembles)
        {
            external.resembles = Some(now);
        }
    }

    restore_used_spans(sides, &mut spans, &claims, &mut conflicts);
    MergedAnnotations {
        spans: spans.into_values().collect(),
        claims: claims.into_values().collect(),
        conflicts,
        renumbered,
        span_ids,
        claim_ids,
    }
}

/// A span one side removed while the other side's claims use it (or a
/// conflict's version of a claim does) comes back, as a conflict, so no
/// claim loses an argument silently.
fn restore_used_spans(
    sides: &Sides<'_>,
    spans: &mut BTreeMap<SpanId, Span>,
    claims: &BTreeMap<ClaimId, Claim>,
    conflicts: &mut Vec<Conflict>,
) {
    let mut used: BTreeSet<SpanId> = claims
        .values()
        .flat_map(|c| c.arguments.iter().map(|a| a.span))
        .collect();
    for conflict in conflicts.iter() {
        if let ConflictItem::Claim { ours, theirs, .. } = &conflict.item {
            for claim in ours.iter().chain(theirs) {
                used.extend(claim.arguments.iter().map(|a| a.span));
            }
        }
    }
    for id in used {
        if spans.contains_key(&id) {
            continue;
        }
        let ours = find(&sides.ours, id, |s| s.id).cloned();
        let theirs = find(&sides.theirs, id, |s| s.id).cloned();
        let Some(in_place) = ours
            .clone()
            .or_else(|| theirs.clone())
            .or_else(|| sides.base.and_then(|b| b.span(id)).cloned())
        else {
            continue;
        };
        spans.insert(id, in_place);
        conflicts.push(Conflict {
            item: ConflictItem::Span {
                doc: sides.doc.clone(),
                ours,
                theirs,
            },
            fields: vec!["removed on one side, used by a claim on the other".to_owned()],
        });
    }
}

/// Spans a side's claims use that base's same claims did not: new claims,
/// or arguments added.
fn new_references(base: &[Claim], side: &[Claim]) -> std::collections::HashSet<SpanId> {
    let mut references = std::collections::HashSet::new();
    for claim in side {
        let before = find(base, claim.id, |c| c.id);
        for argument in &claim.arguments {
            if before.is_none_or(|b| !b.uses_span(argument.span)) {
                references.insert(argument.span);
            }
        }
    }
    references
}

/// A span one side moved to other text while the other side changed it or
/// started using it. The id may even have been given to a new span after
/// the old one was deleted (ids of the newest span are reused), so the two
/// versions may not be the same annotation: combining them could put the
/// other side's claim on the wrong words.
fn moved_under_the_other(b: &Span, o: &Span, t: &Span, ours_use: bool, theirs_use: bool) -> bool {
    o.range != t.range
        && ((o.range != b.range && (t != b || theirs_use))
            || (t.range != b.range && (o != b || ours_use)))
}

/// What makes a claim the claim it is: its type and trigger.
fn identity(claim: &Claim) -> (&Name, Vec<SpanId>) {
    (
        &claim.claim_type,
        claim
            .arguments
            .iter()
            .filter(|a| a.role.as_str() == crate::model::TRIGGER_ROLE)
            .map(|a| a.span)
            .collect(),
    )
}

/// The ids of several sorted lists, sorted and once each.
fn union_ids<I: Ord + Copy>(lists: &[Vec<I>]) -> Vec<I> {
    let mut ids: Vec<I> = lists.iter().flatten().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn find<T, I: Ord + Copy>(items: &[T], id: I, key: impl Fn(&T) -> I) -> Option<&T> {
    items
        .binary_search_by(|item| key(item).cmp(&id))
        .ok()
        .map(|i| &items[i])
}

fn same_but_id(ours: &Span, theirs: &Span, id: SpanId) -> bool {
    ours == &Span {
        id,
        ..theirs.clone()
    }
}

fn same_claim_but_id(ours: &Claim, theirs: &Claim) -> bool {
    ours == &Claim {
        id: ours.id,
        ..theirs.clone()
    }
}

fn span_fields(b: Option<&Span>, o: &Span, t: &Span) -> FieldMerge<Span> {
    let mut ours = o.clone();
    let mut theirs = t.clone();
    let mut conflicts = Vec::new();
    merge_fields!(b, o, t, ours, theirs, conflicts; range, label, note, status, origin, value, entity);
    if conflicts.is_empty() {
        Ok(ours)
    } else {
        super::three_way::split(ours, theirs, conflicts)
    }
}

fn claim_fields(schema: &Schema, b: Option<&Claim>, o: &Claim, t: &Claim) -> FieldMerge<Claim> {
    let mut ours = o.clone();
    let mut theirs = t.clone();
    let mut conflicts = Vec::new();
    merge_fields!(b, o, t, ours, theirs, conflicts; claim_type, note, confidence, implicit, orphans, external);
    // Status and provenance change together (who reviewed it, when).
    let review = |c: &Claim| (c.status, c.provenance.clone());
    let base_review = b.map(review);
    match super::three_way::field(base_review.as_ref(), &review(o), &review(t)) {
        Some((status, provenance)) => {
            ours.status = *status;
            theirs.status = *status;
            ours.provenance.clone_from(provenance);
            theirs.provenance.clone_from(provenance);
        }
        None => conflicts.push("review".to_owned()),
    }
    let multiple = |role: &Name| {
        schema
            .claim_type(&ours.claim_type)
            .and_then(|ty| ty.role(role))
            .is_some_and(|r| r.multiple)
    };
    match merge_arguments(
        b.map(|b| b.arguments.as_slice()),
        &o.arguments,
        &t.arguments,
        multiple,
    ) {
        Ok(arguments) => {
            ours.arguments.clone_from(&arguments);
            theirs.arguments = arguments;
        }
        Err((o_args, t_args, roles)) => {
            ours.arguments = o_args;
            theirs.arguments = t_args;
            conflicts.extend(roles.into_iter().map(|r| format!("role {r}")));
        }
    }
    if conflicts.is_empty() {
        Ok(ours)
    } else {
        super::three_way::split(ours, theirs, conflicts)
    }
}

type ArgumentsConflict = (Vec<Argument>, Vec<Argument>, Vec<Name>);

/// Arguments merged role by role: a role changed on one side takes that
/// side's spans; a role that takes several spans merges them as sets; a
/// single role changed differently on both sides is a conflict.
fn merge_arguments(
    base: Option<&[Argument]>,
    ours: &[Argument],
    theirs: &[Argument],
    multiple: impl Fn(&Name) -> bool,
) -> Result<Vec<Argument>, ArgumentsConflict> {
    let mut roles: Vec<&Name> = Vec::new();
    for argument in ours.iter().chain(theirs).chain(base.unwrap_or_default()) {
        if !roles.contains(&&argument.role) {
            roles.push(&argument.role);
        }
    }
    let in_role = |arguments: &[Argument], role: &Name| -> Vec<SpanId> {
        arguments
            .iter()
            .filter(|a| &a.role == role)
            .map(|a| a.span)
            .collect()
    };
    let mut merged_ours = Vec::new();
    let mut merged_theirs = Vec::new();
    let mut conflicting = Vec::new();
    for role in roles {
        let b = base.map(|b| in_role(b, role));
        let o = in_role(ours, role);
        let t = in_role(theirs, role);
        let (for_ours, for_theirs) =
            if let Some(agreed) = super::three_way::field(b.as_ref(), &o, &t) {
                (agreed.clone(), agreed.clone())
            } else if multiple(role) {
                let b = b.unwrap_or_default();
                let removed = |s: &SpanId| b.contains(s) && (!o.contains(s) || !t.contains(s));
                let mut set: Vec<SpanId> = o.iter().copied().filter(|s| !removed(s)).collect();
                for span in t.iter().copied() {
                    if !removed(&span) && !set.contains(&span) {
                        set.push(span);
                    }
                }
                (set.clone(), set)
            } else {
                conflicting.push(role.clone());
                (o, t)
            };
        merged_ours.extend(
            for_ours
                .into_iter()
                .map(|span| Argument::new(role.clone(), span)),
        );
        merged_theirs.extend(
            for_theirs
                .into_iter()
                .map(|span| Argument::new(role.clone(), span)),
        );
    }
    if conflicting.is_empty() {
        Ok(merged_ours)
    } else {
        Err((merged_ours, merged_theirs, conflicting))
    }
}

/// Maps a side's entity references into the merged numbering, where that
/// side made them (new spans, or an entity changed from base's).
pub(super) fn follow_entities(
    spans: &[Span],
    base: Option<&Document>,
    map: &dyn Fn(EntityId) -> EntityId,
) -> Vec<Span> {
    spans
        .iter()
        .map(|span| {
            let base_entity = base.and_then(|b| b.span(span.id)).and_then(|s| s.entity);
            let mut span = span.clone();
            if span.entity != base_entity {
                span.entity = span.entity.map(map);
            }
            span
        })
        .collect()
}
