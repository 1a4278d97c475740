//! Three-way merges of projects at the level of the model: documents,
//! spans, claims and their arguments, values, review status, entities, the
//! schema. What only one side changed is taken; the same change on both
//! sides is taken once; what both sides added is all kept, theirs under new
//! ids where they clash (every reference following). What both sides
//! changed differently becomes a [`Conflict`] record in the project, with
//! both versions: conflicts are data, never loss.
//!
//! `claimmark merge`, the git merge driver and the save that merges a file
//! changed on disk all call [`merge`].

mod annotations;
mod documents;
mod entities;
mod resolve;
mod schema;
mod three_way;

use std::fmt::Write as _;

use crate::model::{Conflict, ModelProblem, Project};

pub use documents::theirs_copy_id;
pub use resolve::{Resolution, ResolveError, resolution};

/// A merged project and what came from where.
#[derive(Debug)]
pub struct Merged {
    pub project: Project,
    pub report: MergeReport,
}

/// How many items each side's changes touched.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub documents: usize,
    pub spans: usize,
    pub claims: usize,
    pub entities: usize,
    pub schema: usize,
}

impl Tally {
    fn describe(self) -> String {
        let parts: Vec<String> = [
            (self.documents, "document"),
            (self.spans, "span"),
            (self.claims, "claim"),
            (self.entities, "entity"),
            (self.schema, "schema item"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| {
            let plural = match (n, what) {
                (1, _) => what.to_owned(),
                (_, "entity") => "entities".to_owned(),
                _ => format!("{what}s"),
            };
            format!("{n} {plural}")
        })
        .collect();
        if parts.is_empty() {
            "nothing".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// Items added, changed or removed on our side and taken.
    pub ours: Tally,
    pub theirs: Tally,
    /// Theirs' ids given new numbers because ours used them.
    pub renumbered: usize,
    /// Conflicts this merge found (the project may carry older ones too).
    pub conflicts: usize,
    /// The base shares no document with either side: it was not their
    /// ancestor, so the merge was two-way and every difference a conflict.
    pub unrelated_base: bool,
}

impl MergeReport {
    /// The summary, one line each.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.unrelated_base {
            lines.push("the base shares no document with either side, so it is not their common ancestor: merged two-way, every difference a conflict".to_owned());
        }
        lines.push(format!("from ours: {}", self.ours.describe()));
        lines.push(format!("from theirs: {}", self.theirs.describe()));
        if self.renumbered > 0 {
            lines.push(format!(
                "{} of theirs' ids renumbered where ours used them (their references follow)",
                self.renumbered
            ));
        }
        let mut conflicts = format!("{} conflict", self.conflicts);
        if self.conflicts != 1 {
            conflicts.push('s');
        }
        if self.conflicts > 0 {
            let _ = write!(
                conflicts,
                ": both versions kept in the project; resolve them in the window (View › Merge conflicts)"
            );
        }
        lines.push(conflicts);
        lines
    }
}

/// Why two projects could not be merged into a sound one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error(
        "the merged project would break the model's rules ({first}{more}); nothing was written. Open ours in claimmark and compare it with theirs to merge by hand",
        first = .0.first().map(ToString::to_string).unwrap_or_default(),
        more = if .0.len() > 1 { format!(", and {} more", .0.len() - 1) } else { String::new() }
    )]
    Unsound(Vec<ModelProblem>),
}

/// Exports of reviewed data refuse a project with unresolved conflicts:
/// which version is the reviewed one is not decided yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the project has {0} unresolved merge conflict(s); resolve them first (the window's Conflicts view, or claimmark resolve), or pass --allow-conflicts to export the versions in place"
)]
pub struct UnresolvedConflicts(pub usize);

/// `Err` while the project has conflicts.
pub fn refuse_unresolved(project: &Project) -> Result<(), UnresolvedConflicts> {
    if project.conflicts.is_empty() {
        Ok(())
    } else {
        Err(UnresolvedConflicts(project.conflicts.len()))
    }
}

/// The analysts' notes on ledger problems, problem by problem. Two
/// different notes on one problem are both kept, ours first: a note is
/// never lost, and joining them is what a person would do.
fn merge_explanations(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> std::collections::BTreeMap<String, String> {
    let mut merged = std::collections::BTreeMap::new();
    let problems: std::collections::BTreeSet<&String> = ours
        .explanations
        .keys()
        .chain(theirs.explanations.keys())
        .collect();
    for problem in problems {
        let [b, o, t] = [base, ours, theirs].map(|side| side.explanations.get(problem));
        let note = match three_way::field(Some(&b), &o, &t) {
            Some(agreed) => agreed.cloned(),
            None => Some(match (o, t) {
                (Some(o), Some(t)) => format!("{o}\n{t}"),
                (o, t) => o.or(t).cloned().unwrap_or_default(),
            }),
        };
        if let Some(note) = note.filter(|note| !note.is_empty()) {
            merged.insert(problem.clone(), note);
        }
    }
    merged
}

/// Merges `ours` and `theirs`, both changed from `base`. Deterministic: the
/// same three projects give the same project.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    let mut report = MergeReport::default();
    if theirs == base {
        return Ok(Merged {
            project: ours.clone(),
            report: MergeReport {
                ours: documents::tally_changes(base, ours),
                ..report
            },
        });
    }
    if ours == base {
        return Ok(Merged {
            project: theirs.clone(),
            report: MergeReport {
                theirs: documents::tally_changes(base, theirs),
                ..report
            },
        });
    }
    let unrelated = !base.documents.is_empty()
        && base.documents.iter().all(|b| {
            [ours, theirs].iter().all(|side| {
                side.document(&b.id)
                    .is_none_or(|d| d.text.sha256() != b.text.sha256())
            })
        });
    report.unrelated_base = unrelated;
    let empty = Project::new(crate::model::Schema {
        labels: Vec::new(),
        claim_types: Vec::new(),
    });
    let base = if unrelated { &empty } else { base };

    let mut conflicts: Vec<Conflict> = Vec::new();
    let schema = schema::merge(base, ours, theirs, &mut report, &mut conflicts);
    let entities = entities::merge(base, ours, theirs, unrelated, &mut report, &mut conflicts);
    let mut project = Project::new(schema);
    project.entities = entities.merged;
    project.extractor = if let Some(agreed) =
        three_way::field(Some(&base.extractor), &ours.extractor, &theirs.extractor)
    {
        agreed.clone()
    } else {
        conflicts.push(Conflict {
            item: crate::model::ConflictItem::Extractor {
                ours: ours.extractor.clone(),
                theirs: theirs.extractor.clone(),
            },
            fields: vec!["command".to_owned()],
        });
        ours.extractor.clone()
    };

    project.explanations = merge_explanations(base, ours, theirs);

    let renumbering = documents::merge(
        &documents::Inputs {
            base,
            ours,
            theirs,
            two_way: unrelated,
            ours_entities: &entities.ours_map,
            theirs_entities: &entities.theirs_map,
        },
        &mut project,
        &mut report,
        &mut conflicts,
    );
    entities::restore_used(&mut project, [base, ours, theirs], &mut conflicts);
    schema::restore_used(&mut project, [base, ours, theirs], &mut conflicts);
    report.conflicts = conflicts.len();
    project.conflicts = conflicts;
    // The records the inputs carried follow the three-way rule too: one
    // resolved on either side is gone; one still open on both, or new on
    // either, stays (theirs' in the merged numbering).
    let still_open =
        |c: &Conflict, other: &[Conflict]| other.contains(c) || !base.conflicts.contains(c);
    let carried: Vec<Conflict> = ours
        .conflicts
        .iter()
        .filter(|c| still_open(c, &theirs.conflicts))
        .cloned()
        .chain(
            theirs
                .conflicts
                .iter()
                .filter(|c| !ours.conflicts.contains(c) && !base.conflicts.contains(c))
                .map(|c| followed(c, &renumbering, &entities.theirs_map)),
        )
        .collect();
    for conflict in carried {
        if conflict_documents_present(&project, &conflict) && !project.conflicts.contains(&conflict)
        {
            project.conflicts.push(conflict);
        }
    }
    let problems = project.problems();
    if !problems.is_empty() {
        return Err(MergeError::Unsound(problems));
    }
    Ok(Merged { project, report })
}

/// Whether every document a conflict names is in the project.
pub fn conflict_documents_present(project: &Project, conflict: &Conflict) -> bool {
    let doc = conflict
        .document()
        .is_none_or(|doc| project.document(doc).is_some());
    let copy = match &conflict.item {
        crate::model::ConflictItem::DocumentText { theirs, .. } => {
            project.document(theirs).is_some()
        }
        _ => true,
    };
    doc && copy
}

/// A conflict theirs carried, in the merged project's numbering.
fn followed(
    conflict: &Conflict,
    renumbering: &documents::Renumbering,
    entities: &std::collections::HashMap<crate::model::EntityId, crate::model::EntityId>,
) -> Conflict {
    use crate::model::ConflictItem;
    let mut conflict = conflict.clone();
    let doc_of = |doc: &crate::model::DocId| {
        renumbering
            .documents
            .get(doc)
            .cloned()
            .unwrap_or_else(|| doc.clone())
    };
    match &mut conflict.item {
        ConflictItem::Span { doc, ours, theirs } => {
            if let Some((spans, _)) = renumbering.annotations.get(doc) {
                for span in ours.iter_mut().chain(theirs.iter_mut()) {
                    span.id = spans.get(&span.id).copied().unwrap_or(span.id);
                }
            }
            for span in ours.iter_mut().chain(theirs.iter_mut()) {
                span.entity = span.entity.map(|e| entities.get(&e).copied().unwrap_or(e));
            }
            *doc = doc_of(doc);
        }
        ConflictItem::Claim { doc, ours, theirs } => {
            if let Some((spans, claims)) = renumbering.annotations.get(doc) {
                for claim in ours.iter_mut().chain(theirs.iter_mut()) {
                    claim.id = claims.get(&claim.id).copied().unwrap_or(claim.id);
                    for argument in &mut claim.arguments {
                        argument.span = spans.get(&argument.span).copied().unwrap_or(argument.span);
                    }
                }
            }
            *doc = doc_of(doc);
        }
        ConflictItem::Document { doc, .. } => *doc = doc_of(doc),
        ConflictItem::Entity { ours, theirs } => {
            for entity in ours.iter_mut().chain(theirs.iter_mut()) {
                entity.id = entities.get(&entity.id).copied().unwrap_or(entity.id);
            }
        }
        _ => {}
    }
    conflict
}

#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod tests;
