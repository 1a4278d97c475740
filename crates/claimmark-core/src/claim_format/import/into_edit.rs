//! Turning prepared claims into one edit on the project: spans reused or
//! created, labels chosen by role, entities linked, ids numbered.

use super::run_marks::LineRun;
use super::{ArgAt, ImportEdit, ImportReport, Prepared, PreparedClaim};
use std::collections::{HashMap, HashSet};

use crate::claim_format::export::ClaimIds;
use crate::edit::Edit;
use crate::model::document::{Argument, Claim, ClaimId, DocId, ExternalClaim, Span, SpanId};
use crate::model::entity::EntityId;
use crate::model::review::{ReviewStatus, SpanOrigin};
use crate::model::schema::{Name, RoleDef, Schema, ValueKind};
use crate::model::value::{SpanValue, Value, ValueSource};
use crate::model::{CharRange, Project};

/// Span ids and claim ids handed out so far in one document, and its spans
/// by range (those already there and those this import adds).
pub(super) struct DocumentIds {
    pub(super) next_span: u32,
    pub(super) next_claim: u32,
    pub(super) spans_at: HashMap<CharRange, Vec<(SpanId, Name)>>,
}

impl DocumentIds {
    pub(super) fn new(doc: &crate::model::Document) -> Self {
        let mut spans_at: HashMap<CharRange, Vec<(SpanId, Name)>> = HashMap::new();
        for span in doc.spans() {
            spans_at
                .entry(span.range)
                .or_default()
                .push((span.id, span.label.clone()));
        }
        Self {
            next_span: doc.next_span_id().0,
            next_claim: doc.next_claim_id().0,
            spans_at,
        }
    }
}

/// What to do with a line whose claim is already in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// Report it and leave it out.
    #[default]
    Skip,
    /// Import it anyway.
    Keep,
}

impl Prepared {
    /// What reading found so far (problems with lines, orphans), before
    /// the schema and ids are checked.
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// Lines that will be tried.
    pub fn claim_count(&self) -> usize {
        self.claims.len()
    }

    /// The import as one edit against `project` as it is now. Lines whose
    /// claim type or roles the schema lacks, whose id the project already
    /// has, or whose document changed since reading are reported and left
    /// out; the rest go into the edit.
    pub fn into_edit(self, project: &Project) -> ImportEdit {
        self.into_edit_with(project, Duplicates::Skip)
    }

    /// The same, choosing what a line whose claim the document already has
    /// (same type, roles on the same ranges, same values) does.
    pub fn into_edit_with(self, project: &Project, duplicates: Duplicates) -> ImportEdit {
        let Self { claims, mut report } = self;
        let mut known = super::duplicates::KnownClaims::default();
        let taken: HashMap<String, (DocId, ClaimId)> = {
            let ids = ClaimIds::of(project);
            ids.iter()
                .filter_map(|(d, c, id)| {
                    let doc = project.documents.get(d)?;
                    Some((id.to_owned(), (doc.id.clone(), doc.claims().get(c)?.id)))
                })
                .collect()
        };
        let documents: HashMap<&DocId, &crate::model::Document> =
            project.documents.iter().map(|doc| (&doc.id, doc)).collect();
        let mut per_document: HashMap<DocId, DocumentIds> = HashMap::new();
        let mut edits = Vec::new();
        // Notices about lines that end up refused are dropped below.
        let mut refused_lines: HashSet<u64> = HashSet::new();
        let run = super::run_marks::RunMarks::new(project, &claims);
        let mut replaced = Vec::new();
        for (index, claim) in claims.into_iter().enumerate() {
            let Some(doc) = documents
                .get(&claim.doc)
                .copied()
                .filter(|d| d.text.sha256() == &claim.doc_sha256)
            else {
                report.problem(
                    claim.line,
                    format!(
                        "document “{}” was removed or replaced while the file was read; import again",
                        claim.doc
                    ),
                );
                refused_lines.insert(claim.line);
                continue;
            };
            let line_run = run.line(index);
            if duplicates == Duplicates::Skip
                && let Some(message) = repeat_message(&mut known, doc, &claim, line_run)
            {
                report.duplicates.push(message);
                refused_lines.insert(claim.line);
                continue;
            }
            if let Some((doc_id, claim_id)) = taken.get(&claim.external_id) {
                report.problem(
                    claim.line,
                    format!(
                        "claim id “{}” is already in the project (document “{doc_id}”, claim {claim_id}); it was imported before. Remove that claim first to import it again",
                        claim.external_id
                    ),
                );
                refused_lines.insert(claim.line);
                continue;
            }
            if let Err(message) = check_against_schema(&project.schema, &claim) {
                report.problem(claim.line, message);
                refused_lines.insert(claim.line);
                continue;
            }
            let ids = per_document
                .entry(claim.doc.clone())
                .or_insert_with(|| DocumentIds::new(doc));
            if duplicates == Duplicates::Skip {
                known.remember(&claim);
            }
            let resembles = resemblance(&run, line_run, &claim, &mut replaced, &mut report);
            let marks = ClaimMarks {
                run: run.run_of(&claim),
                resembles,
            };
            edits.extend(claim_edits(project, claim, ids, marks, &mut report));
        }
        let absent = absent_edits(project, &run.absent(&replaced), run.number);
        report.run = run.report;
        report
            .notices
            .retain(|notice| !refused_lines.contains(&notice.line));
        report.problems.sort_by_key(|problem| problem.line);
        report.duplicates.sort_by_key(|duplicate| duplicate.line);
        report.notices.sort_by_key(|notice| notice.line);
        report.near_duplicates.sort_by_key(|near| near.line);
        let inserts = crate::edit::gather_inserts(edits);
        ImportEdit {
            edit: if absent.is_empty() {
                inserts
            } else {
                Edit::Batch(vec![inserts, Edit::Batch(absent)])
            },
            report,
        }
    }
}

/// Why a line repeats a claim the project (or an earlier line) has, if it
/// does: the same claim from an earlier run of its extractor, or the same
/// claim from anyone.
fn repeat_message(
    known: &mut super::duplicates::KnownClaims,
    doc: &crate::model::Document,
    claim: &PreparedClaim,
    line_run: LineRun,
) -> Option<super::LineMessage> {
    let message = if let LineRun::Unchanged(earlier) = line_run {
        format!(
            "duplicate of claim {earlier} in document “{}”: unchanged since an earlier run of {}; not asked about again (--keep-duplicates imports it)",
            claim.doc, claim.provenance.creator.id
        )
    } else {
        match known.check(doc, claim)? {
            super::duplicates::Repeats::Claim(id) => format!(
                "duplicate of claim {id} in document “{}” (same type, arguments and values); not imported again (--keep-duplicates imports it)",
                claim.doc
            ),
            super::duplicates::Repeats::EarlierLine => "duplicate of an earlier line of this file; not imported again (--keep-duplicates imports it)".to_owned(),
        }
    };
    Some(super::LineMessage {
        line: claim.line,
        column: None,
        message,
    })
}

/// The claim an imported line resembles: its earlier version (which this
/// run then marks as replaced), or a near-duplicate (reported).
fn resemblance(
    run: &super::run_marks::RunMarks,
    line_run: LineRun,
    claim: &PreparedClaim,
    replaced: &mut Vec<(DocId, ClaimId)>,
    report: &mut ImportReport,
) -> Option<ClaimId> {
    match line_run {
        LineRun::Changed(earlier) => {
            replaced.push((claim.doc.clone(), earlier));
            Some(earlier)
        }
        LineRun::New | LineRun::Outside => {
            let near = run.near_duplicate(claim)?;
            report.near_duplicates.push(super::LineMessage {
                line: claim.line,
                column: None,
                message: format!(
                    "near-duplicate of claim {near} in document “{}” (same type and trigger, other arguments); imported and flagged in the review queue",
                    claim.doc
                ),
            });
            Some(near)
        }
        LineRun::Unchanged(_) => None,
    }
}

/// What an imported claim is in its run.
#[derive(Debug, Clone, Copy)]
pub(super) struct ClaimMarks {
    run: Option<u32>,
    resembles: Option<ClaimId>,
}

/// Marks claims of earlier runs that this run no longer gives as they are.
fn absent_edits(project: &Project, claims: &[(DocId, ClaimId)], run: u32) -> Vec<Edit> {
    claims
        .iter()
        .filter_map(|(doc_id, id)| {
            let mut claim = project.document(doc_id)?.claim(*id)?.clone();
            let external = claim
                .external
                .get_or_insert_with(|| ExternalClaim::new(String::new(), String::new()));
            external.absent_from = Some(run);
            Some(Edit::ReplaceClaim {
                doc: doc_id.clone(),
                claim,
            })
        })
        .collect()
}

/// The claim type and every role exist, and roles that take one span get
/// one.
pub(super) fn check_against_schema(schema: &Schema, claim: &PreparedClaim) -> Result<(), String> {
    let Some(claim_type) = schema.claim_type(&claim.claim_type) else {
        return Err(format!(
            "claim type “{}” is not in the project's schema; add it in the schema editor (Edit › Edit schema…) and import again",
            claim.claim_type
        ));
    };
    let roles = claim
        .arguments
        .iter()
        .map(|a| (&a.role, a.at))
        .chain(claim.implicit.iter().map(|a| (&a.role, ArgAt::Implicit)))
        .chain(claim.orphans.iter().map(|a| (&a.role, ArgAt::KeptOrphan)));
    for (role, at) in roles {
        if claim_type.role(role).is_none() {
            return Err(format!(
                "{at}: claim type “{}” has no role “{role}”; add the role in the schema editor (Edit › Edit schema…) and import again",
                claim_type.name
            ));
        }
    }
    if !claim.arguments.is_empty() && schema.labels.is_empty() {
        return Err(
            "the project's schema has no labels for the claim's spans; add labels in the schema editor (Edit › Edit schema…) and import again"
                .to_owned(),
        );
    }
    for (i, argument) in claim.arguments.iter().enumerate() {
        let earlier = &claim.arguments[..i];
        if let Some(same) = earlier
            .iter()
            .find(|a| a.role == argument.role && a.range == argument.range)
        {
            return Err(format!(
                "{} and {} put the same text ({}) in role “{}” twice; remove one",
                same.at, argument.at, argument.range, argument.role
            ));
        }
        let takes_one = claim_type
            .role(&argument.role)
            .is_some_and(|role| !role.multiple);
        if takes_one && earlier.iter().any(|a| a.role == argument.role) {
            return Err(format!(
                "role “{}” of claim type “{}” takes one span, but the line fills it more than once; allow several in the schema editor (Edit › Edit schema…) or fix the line",
                argument.role, claim_type.name
            ));
        }
    }
    Ok(())
}

/// The spans and the claim one checked line adds.
pub(super) fn claim_edits(
    project: &Project,
    claim: PreparedClaim,
    ids: &mut DocumentIds,
    marks: ClaimMarks,
    report: &mut ImportReport,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let claim_type = project.schema.claim_type(&claim.claim_type);
    let mut arguments = Vec::with_capacity(claim.arguments.len());
    for placed in claim.arguments {
        let role = claim_type.and_then(|ty| ty.role(&placed.role));
        let candidates = accepted_labels(&project.schema, role);
        let kind = placed.value.as_ref().map(Value::kind);
        let existing = ids.spans_at.get(&placed.range).and_then(|spans| {
            let fitting = |(_, label): &&(SpanId, Name)| candidates.contains(&label);
            let same_kind = |(_, label): &&(SpanId, Name)| {
                kind.is_some() && project.schema.label(label).map(|l| l.value_kind) == kind
            };
            spans
                .iter()
                .filter(fitting)
                .find(same_kind)
                .or_else(|| spans.iter().find(fitting))
                .map(|(id, _)| *id)
        });
        let span_id = if let Some(id) = existing {
            report.reused_spans += 1;
            id
        } else {
            // `check_against_schema` refused the line if there is no label.
            let Some(label) = new_span_label(&project.schema, role, &candidates, kind) else {
                continue;
            };
            let id = SpanId(ids.next_span);
            ids.next_span += 1;
            let entity = placed
                .value
                .as_ref()
                .and_then(|value| linked_entity(project, value));
            edits.push(Edit::InsertSpan {
                doc: claim.doc.clone(),
                span: Span {
                    // A claim someone already reviewed brings its spans as
                    // reviewed too; an extractor's proposal, as proposals.
                    status: span_status(claim.status),
                    origin: Some(SpanOrigin {
                        agent: claim.provenance.creator.clone(),
                        confidence: claim.confidence,
                    }),
                    value: placed.value.map(|value| SpanValue {
                        value,
                        source: ValueSource::Imported,
                    }),
                    entity,
                    ..Span::new(id, placed.range, label.clone())
                },
            });
            ids.spans_at
                .entry(placed.range)
                .or_default()
                .push((id, label));
            report.new_spans += 1;
            id
        };
        arguments.push(Argument::new(placed.role, span_id));
    }
    report.claims += 1;
    report.implicit += claim.implicit.len();
    report.orphans += claim.orphans.len();
    let id = ClaimId(ids.next_claim);
    ids.next_claim += 1;
    edits.push(Edit::InsertClaim {
        doc: claim.doc,
        claim: Claim {
            arguments,
            note: claim.note,
            status: claim.status,
            provenance: Some(claim.provenance),
            confidence: claim.confidence,
            implicit: claim.implicit,
            orphans: claim.orphans,
            external: Some(ExternalClaim {
                run: marks.run,
                resembles: marks.resembles,
                ..ExternalClaim::new(claim.external_id, claim.original)
            }),
            ..Claim::new(id, claim.claim_type)
        },
    });
    edits
}

/// The labels a role accepts; every label when it accepts any.
pub(super) fn accepted_labels<'s>(schema: &'s Schema, role: Option<&'s RoleDef>) -> Vec<&'s Name> {
    match role {
        Some(role) if !role.labels.is_empty() => role.labels.iter().collect(),
        _ => schema.labels.iter().map(|label| &label.name).collect(),
    }
}

/// The label of a new span (docs/claim-format.md, "Import"): the first
/// accepted label whose value kind is the value's; else the role's first
/// label if it names any; else the first label of that kind, then of kind
/// text, in the schema; else the schema's first label. `None` only when
/// the schema has no labels.
pub(super) fn new_span_label(
    schema: &Schema,
    role: Option<&RoleDef>,
    candidates: &[&Name],
    kind: Option<ValueKind>,
) -> Option<Name> {
    let of_kind = |wanted: ValueKind| {
        move |name: &&&Name| schema.label(name).is_some_and(|l| l.value_kind == wanted)
    };
    let kind = kind.unwrap_or(ValueKind::Event);
    let all: Vec<&Name> = schema.labels.iter().map(|l| &l.name).collect();
    candidates
        .iter()
        .find(of_kind(kind))
        .or_else(|| {
            role.filter(|r| !r.labels.is_empty())
                .and_then(|_| candidates.first())
        })
        .or_else(|| all.iter().find(of_kind(kind)))
        .or_else(|| all.iter().find(of_kind(ValueKind::Text)))
        .or_else(|| all.first())
        .map(|name| (*name).clone())
}

/// The registry entity a value names by `entity_id`, if the project has it
/// with the same kind.
pub(super) fn linked_entity(project: &Project, value: &Value) -> Option<EntityId> {
    let (entity_id, kind) = match value {
        Value::Person { entity_id, .. } => (entity_id.as_deref()?, ValueKind::Person),
        Value::Organization { entity_id, .. } => (entity_id.as_deref()?, ValueKind::Organization),
        Value::Place { entity_id, .. } => (entity_id.as_deref()?, ValueKind::Place),
        _ => return None,
    };
    let id = EntityId::parse(entity_id)?;
    project
        .entity(id)
        .filter(|entity| entity.kind == kind)
        .map(|entity| entity.id)
}

/// The status of a span an imported claim brings: proposed with a proposed
/// claim, accepted with a kept one (rejected claims bring proposals, which
/// the review walk then offers on their own).
pub(super) fn span_status(claim: ReviewStatus) -> ReviewStatus {
    match claim {
        ReviewStatus::Accepted | ReviewStatus::Corrected => ReviewStatus::Accepted,
        ReviewStatus::Proposed | ReviewStatus::Rejected => ReviewStatus::Proposed,
    }
}
