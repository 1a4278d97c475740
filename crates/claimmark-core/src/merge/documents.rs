//! Documents merged: matched by id (and text), added and removed ones
//! taken, fields merged, annotations merged by [`super::annotations`]. A
//! document removed on one side and changed on the other, or two texts
//! under one id, is a conflict that keeps both.

use std::collections::HashMap;

use crate::model::{
    ClaimId, Conflict, ConflictItem, DocId, Document, DocumentInfo, EntityId, Project, SpanId,
};

use super::annotations::{self, Sides, follow_entities};
use super::{MergeReport, Tally};

/// Where theirs' documents, spans and claims went where their ids changed,
/// so records that name them (conflicts theirs carried) can follow.
#[derive(Default)]
pub(super) struct Renumbering {
    /// A document whose text differs: theirs is the copy.
    pub(super) documents: HashMap<DocId, DocId>,
    pub(super) annotations: HashMap<DocId, AnnotationIds>,
}

pub(super) type AnnotationIds = (HashMap<SpanId, SpanId>, HashMap<ClaimId, ClaimId>);

pub(super) struct Inputs<'a> {
    pub(super) base: &'a Project,
    pub(super) ours: &'a Project,
    pub(super) theirs: &'a Project,
    pub(super) two_way: bool,
    pub(super) ours_entities: &'a HashMap<EntityId, EntityId>,
    pub(super) theirs_entities: &'a HashMap<EntityId, EntityId>,
}

/// The id theirs' version of a document with another text gets:
/// `ID-theirs` (numbered if taken).
pub fn theirs_copy_id(doc: &DocId, taken: impl Fn(&DocId) -> bool) -> DocId {
    DocId::from_stem(&format!("{doc}-theirs"), taken)
}

// One arm per way a document can differ between the three.
#[allow(clippy::too_many_lines)]
pub(super) fn merge(
    inputs: &Inputs<'_>,
    project: &mut Project,
    report: &mut MergeReport,
    conflicts: &mut Vec<Conflict>,
) -> Renumbering {
    let mut renumbering = Renumbering::default();
    let Inputs {
        base, ours, theirs, ..
    } = inputs;
    let map_ours = |id: EntityId| inputs.ours_entities.get(&id).copied().unwrap_or(id);
    let map_theirs = |id: EntityId| inputs.theirs_entities.get(&id).copied().unwrap_or(id);
    let mut order: Vec<&DocId> = ours.documents.iter().map(|d| &d.id).collect();
    order.extend(
        theirs
            .documents
            .iter()
            .map(|d| &d.id)
            .filter(|id| ours.document(id).is_none()),
    );
    order.extend(
        base.documents
            .iter()
            .map(|d| &d.id)
            .filter(|id| ours.document(id).is_none() && theirs.document(id).is_none()),
    );
    let mut copies: Vec<Document> = Vec::new();
    for id in order {
        let b = base.document(id);
        let o = ours
            .document(id)
            .map(|d| with_spans(d, follow_entities(d.spans(), b, &map_ours)));
        let t = theirs
            .document(id)
            .map(|d| with_spans(d, follow_entities(d.spans(), b, &map_theirs)));
        match (o, t) {
            (None, None) => report.ours.documents += usize::from(b.is_some()),
            (Some(o), None) => {
                if b.is_none() {
                    tally_document(None, &o, &mut report.ours);
                    project.documents.push(o);
                } else if b == Some(&o) {
                    report.theirs.documents += 1;
                } else {
                    conflicts.push(Conflict {
                        item: ConflictItem::Document {
                            doc: id.clone(),
                            ours: Some(DocumentInfo::of(&o)),
                            theirs: None,
                        },
                        fields: vec!["changed here, removed there".to_owned()],
                    });
                    project.documents.push(o);
                }
            }
            (None, Some(t)) => {
                if b.is_none() {
                    tally_document(None, &t, &mut report.theirs);
                    project.documents.push(t);
                } else if b == Some(&t) {
                    report.ours.documents += 1;
                } else {
                    conflicts.push(Conflict {
                        item: ConflictItem::Document {
                            doc: id.clone(),
                            ours: None,
                            theirs: Some(DocumentInfo::of(&t)),
                        },
                        fields: vec!["removed here, changed there".to_owned()],
                    });
                    project.documents.push(t);
                }
            }
            (Some(o), Some(t)) => {
                // One side left it as it was: the other's version, text and all.
                if b == Some(&t) {
                    tally_document(b, &o, &mut report.ours);
                    project.documents.push(o);
                    continue;
                }
                if b == Some(&o) {
                    tally_document(b, &t, &mut report.theirs);
                    project.documents.push(t);
                    continue;
                }
                if o.text != t.text {
                    // Two texts under one id: both kept, theirs beside ours.
                    let taken = |candidate: &DocId| {
                        ours.document(candidate).is_some()
                            || theirs.document(candidate).is_some()
                            || copies.iter().any(|c| &c.id == candidate)
                    };
                    let copy_id = theirs_copy_id(id, taken);
                    conflicts.push(Conflict {
                        item: ConflictItem::DocumentText {
                            doc: id.clone(),
                            theirs: copy_id.clone(),
                        },
                        fields: vec!["text".to_owned()],
                    });
                    renumbering.documents.insert(id.clone(), copy_id.clone());
                    let mut copy = t;
                    copy.id = copy_id;
                    copies.push(copy);
                    project.documents.push(o);
                    continue;
                }
                // A base with another text is no base for this document.
                let b = b.filter(|b| b.text == o.text);
                let (merged, ids) =
                    merge_one(b, &o, &t, inputs.two_way, project, report, conflicts);
                if !ids.0.is_empty() || !ids.1.is_empty() {
                    renumbering.annotations.insert(id.clone(), ids);
                }
                project.documents.push(merged);
            }
        }
    }
    project.documents.extend(copies);
    renumbering
}

fn with_spans(doc: &Document, spans: Vec<crate::model::Span>) -> Document {
    let mut header = Document::new(doc.id.clone(), doc.title.clone(), doc.text.clone());
    header.source.clone_from(&doc.source);
    header.published = doc.published;
    header.status = doc.status;
    Document::from_parts(header, spans, doc.claims().to_vec())
}

fn merge_one(
    b: Option<&Document>,
    o: &Document,
    t: &Document,
    two_way: bool,
    project: &Project,
    report: &mut MergeReport,
    conflicts: &mut Vec<Conflict>,
) -> (Document, AnnotationIds) {
    let mut header = Document::new(o.id.clone(), o.title.clone(), o.text.clone());
    let info = DocumentInfo::of;
    let (bi, oi, ti) = (b.map(info), info(o), info(t));
    let mut ours_info = oi.clone();
    let mut theirs_info = ti.clone();
    let mut differ = Vec::new();
    super::three_way::merge_fields!(bi.as_ref(), oi, ti, ours_info, theirs_info, differ; title, source, published, status, note);
    if ours_info != oi || ours_info != ti {
        report.ours.documents += usize::from(bi.as_ref() != Some(&oi));
        report.theirs.documents += usize::from(bi.as_ref() != Some(&ti));
    }
    if !differ.is_empty() {
        conflicts.push(Conflict {
            item: ConflictItem::Document {
                doc: o.id.clone(),
                ours: Some(ours_info.clone()),
                theirs: Some(theirs_info),
            },
            fields: differ,
        });
    }
    header.title = ours_info.title;
    header.source = ours_info.source;
    header.published = ours_info.published;
    header.status = ours_info.status;
    header.note = ours_info.note;
    let merged = annotations::merge(
        &Sides {
            doc: &o.id,
            base: b,
            ours: o.spans().to_vec(),
            ours_claims: o.claims(),
            theirs: t.spans().to_vec(),
            theirs_claims: t.claims(),
            two_way,
        },
        &project.schema,
        (&mut report.ours, &mut report.theirs),
    );
    report.renumbered += merged.renumbered;
    conflicts.extend(merged.conflicts);
    (
        Document::from_parts(header, merged.spans, merged.claims),
        (merged.span_ids, merged.claim_ids),
    )
}

/// What one side changed from base, for the summary of a merge whose other
/// side changed nothing.
pub(super) fn tally_changes(base: &Project, side: &Project) -> Tally {
    let mut tally = Tally::default();
    for doc in &side.documents {
        tally_document(base.document(&doc.id), doc, &mut tally);
    }
    tally.documents += base
        .documents
        .iter()
        .filter(|b| side.document(&b.id).is_none())
        .count();
    tally.entities = changed(&base.entities, &side.entities, |e| e.id);
    tally.schema = changed(&base.schema.labels, &side.schema.labels, |l| l.name.clone())
        + changed(&base.schema.claim_types, &side.schema.claim_types, |c| {
            c.name.clone()
        });
    tally
}

/// A document taken whole from one side: what it changed from base.
fn tally_document(base: Option<&Document>, doc: &Document, tally: &mut Tally) {
    match base {
        None => {
            tally.documents += 1;
            tally.spans += doc.spans().len();
            tally.claims += doc.claims().len();
        }
        Some(b) if b != doc => {
            tally.documents += usize::from(DocumentInfo::of(b) != DocumentInfo::of(doc));
            tally.spans += changed(b.spans(), doc.spans(), |s| s.id);
            tally.claims += changed(b.claims(), doc.claims(), |c| c.id);
        }
        Some(_) => {}
    }
}

/// Items added, changed or removed between two lists keyed by id.
fn changed<T: PartialEq, K: std::hash::Hash + Eq>(
    base: &[T],
    side: &[T],
    key: impl Fn(&T) -> K,
) -> usize {
    let in_base: HashMap<K, &T> = base.iter().map(|b| (key(b), b)).collect();
    let in_side: std::collections::HashSet<K> = side.iter().map(&key).collect();
    side.iter()
        .filter(|s| in_base.get(&key(s)) != Some(s))
        .count()
        + base.iter().filter(|b| !in_side.contains(&key(b))).count()
}
