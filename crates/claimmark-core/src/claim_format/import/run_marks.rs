//! An import as an extractor run: each line a program made is compared
//! with the claims an earlier run of the same program (same agent id, any
//! version) left in the same document, so the import can say what is new,
//! changed and gone, skip what came back unchanged, and mark the claims for
//! the queue. Claims of other agents, or made by hand, with the same type
//! and trigger make a line a near-duplicate.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{ArgAt, PreparedClaim};
use crate::claim_format::runs::{
    ClaimShape, Pairing, Place, RunChanges, ShapeArgument, ShapeKey, pair_runs,
};
use crate::model::{AgentKind, ClaimId, DocId, Project};

/// What comparing an import with earlier runs found, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunReport {
    /// The run's number in the project (1 for a program's first import).
    pub number: u32,
    /// The programs whose lines the file has.
    pub agents: Vec<String>,
    /// Per document, against the claims earlier runs of those programs
    /// left.
    pub changes: RunChanges,
}

/// What one line is in its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineRun {
    /// Not made by a program, or no run to compare with.
    Outside,
    New,
    /// An earlier version of the claim, which this one replaces.
    Changed(ClaimId),
    /// The same claim is already in the project from an earlier run.
    Unchanged(ClaimId),
}

/// The run an import makes.
pub(super) struct RunMarks {
    pub(super) number: u32,
    lines: Vec<LineRun>,
    /// Claims of earlier runs the new run no longer gives.
    gone: Vec<(DocId, ClaimId)>,
    /// Every claim of the touched documents by shape key, for
    /// near-duplicates.
    resembling: HashMap<ShapeKey, ClaimId>,
    pub(super) report: Option<RunReport>,
}

/// A prepared line as a shape (ranges in the project's text).
fn shape_of(claim: &PreparedClaim) -> ClaimShape {
    let place =
        |range: crate::model::CharRange| Place::Range(range.start().get(), range.end().get());
    let trigger = claim
        .arguments
        .iter()
        .find(|a| a.at == ArgAt::Trigger)
        .map(|a| place(a.range));
    let mut arguments: Vec<ShapeArgument> = claim
        .arguments
        .iter()
        .filter(|a| a.at != ArgAt::Trigger)
        .map(|a| ShapeArgument {
            role: a.role.clone(),
            place: place(a.range),
            quote: String::new(),
            value: a.value.clone(),
        })
        .collect();
    arguments.extend(claim.implicit.iter().map(|implicit| ShapeArgument {
        role: implicit.role.clone(),
        place: Place::Implicit,
        quote: String::new(),
        value: Some(implicit.value.clone()),
    }));
    arguments.extend(claim.orphans.iter().map(|orphan| ShapeArgument {
        role: orphan.role.clone(),
        place: Place::Quote(orphan.exact.clone()),
        quote: orphan.exact.clone(),
        value: orphan.value.clone(),
    }));
    ClaimShape::new(
        claim.doc.as_str().to_owned(),
        claim.claim_type.clone(),
        trigger,
        arguments,
    )
}

/// A claim of an earlier run: its document, id and import record.
type EarlierClaim = (DocId, ClaimId, Option<crate::model::ExternalClaim>);

/// The claims earlier runs of `agent` left in these documents and that
/// no later run replaced, as shapes and as who they are.
fn earlier_claims(
    project: &Project,
    agent: &str,
    docs: &HashSet<&DocId>,
) -> (Vec<ClaimShape>, Vec<EarlierClaim>) {
    let mut shapes = Vec::new();
    let mut ids = Vec::new();
    for doc in project.documents.iter().filter(|d| docs.contains(&d.id)) {
        for claim in doc.claims() {
            let same_agent = claim
                .provenance
                .as_ref()
                .is_some_and(|p| p.creator.kind == AgentKind::Software && p.creator.id == agent);
            let current = claim
                .external
                .as_ref()
                .is_none_or(|e| e.absent_from.is_none());
            if same_agent && current {
                shapes.push(ClaimShape::of_claim(doc, claim));
                ids.push((doc.id.clone(), claim.id, claim.external.clone()));
            }
        }
    }
    (shapes, ids)
}

/// The program that made a line, if a program did.
fn software_agent(claim: &PreparedClaim) -> Option<&str> {
    let creator = &claim.provenance.creator;
    (creator.kind == AgentKind::Software).then_some(creator.id.as_str())
}

impl RunMarks {
    pub(super) fn new(project: &Project, claims: &[PreparedClaim]) -> Self {
        let number = project
            .documents
            .iter()
            .flat_map(crate::model::Document::claims)
            .filter_map(|claim| claim.external.as_ref().and_then(|e| e.run))
            .max()
            .unwrap_or(0)
            + 1;
        let touched: HashSet<&DocId> = claims.iter().map(|c| &c.doc).collect();
        let mut resembling = HashMap::new();
        for doc in project.documents.iter().filter(|d| touched.contains(&d.id)) {
            for claim in doc.claims() {
                resembling
                    .entry(ClaimShape::of_claim(doc, claim).key())
                    .or_insert(claim.id);
            }
        }
        let mut agents: Vec<&str> = claims.iter().filter_map(software_agent).collect();
        agents.sort_unstable();
        agents.dedup();
        let mut lines = vec![LineRun::Outside; claims.len()];
        let mut gone = Vec::new();
        let mut changes = Vec::new();
        for agent in &agents {
            let agent_docs: HashSet<&DocId> = claims
                .iter()
                .filter(|c| software_agent(c) == Some(agent))
                .map(|c| &c.doc)
                .collect();
            let (earlier, earlier_ids) = earlier_claims(project, agent, &agent_docs);
            let indices: Vec<usize> = (0..claims.len())
                .filter(|&i| software_agent(&claims[i]) == Some(agent))
                .collect();
            let later: Vec<ClaimShape> = indices.iter().map(|&i| shape_of(&claims[i])).collect();
            let pairings = pair_runs(&earlier, &later);
            for pairing in &pairings {
                match *pairing {
                    Pairing::New(l) => lines[indices[l]] = LineRun::New,
                    Pairing::Changed(e, l) => {
                        lines[indices[l]] = LineRun::Changed(earlier_ids[e].1);
                    }
                    Pairing::Unchanged(e, l) => {
                        lines[indices[l]] = LineRun::Unchanged(earlier_ids[e].1);
                    }
                    Pairing::Gone(e) => gone.push((earlier_ids[e].0.clone(), earlier_ids[e].1)),
                }
            }
            if !earlier.is_empty() {
                let earlier_id = |e: usize| {
                    let (_, id, external) = &earlier_ids[e];
                    match external {
                        Some(external) => format!("{id} ({})", external.id),
                        None => id.to_string(),
                    }
                };
                let later_id = |l: usize| {
                    let claim = &claims[indices[l]];
                    format!("line {} ({})", claim.line, claim.external_id)
                };
                changes.push(RunChanges::from_pairings(
                    &earlier, &later, &pairings, earlier_id, later_id,
                ));
            }
        }
        let report = (!changes.is_empty()).then(|| RunReport {
            number,
            agents: agents.iter().map(|a| (*a).to_owned()).collect(),
            changes: changes
                .into_iter()
                .fold(RunChanges::default(), |mut all, one| {
                    all.merge(one);
                    all
                }),
        });
        Self {
            number,
            lines,
            gone,
            resembling,
            report,
        }
    }

    pub(super) fn line(&self, index: usize) -> LineRun {
        self.lines.get(index).copied().unwrap_or(LineRun::Outside)
    }

    /// The run number a line's claim gets: only lines a program made
    /// belong to a run.
    pub(super) fn run_of(&self, claim: &PreparedClaim) -> Option<u32> {
        software_agent(claim).map(|_| self.number)
    }

    /// A claim already in the document the line resembles (same type and
    /// trigger; without a trigger, the same places), if it is not an
    /// earlier version of it.
    pub(super) fn near_duplicate(&self, claim: &PreparedClaim) -> Option<ClaimId> {
        if self.resembling.is_empty() {
            return None;
        }
        self.resembling.get(&shape_of(claim).key()).copied()
    }

    /// The claims to mark as no longer given by this run: those gone, and
    /// the earlier versions of the changed lines that were imported.
    pub(super) fn absent(&self, replaced: &[(DocId, ClaimId)]) -> Vec<(DocId, ClaimId)> {
        self.gone.iter().chain(replaced).cloned().collect()
    }
}
