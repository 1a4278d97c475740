//! The claims ledger: every claim of the project grouped into **facts**
//! (claims of one type whose key roles agree), with the contradictions
//! between them and the consistency checks on each claim.
//!
//! - A fact's key is the values of its type's key roles (`ClaimTypeDef::
//!   key_roles`), by linked entity or normalised value. A claim lacking a
//!   key role joins the one fact of its document it fits, if exactly one
//!   does; otherwise it is **ungrouped**, listed, never dropped.
//! - Contradictions (`contradictions`): counts or dates of one fact whose
//!   ranges cannot both be true (`ranges`), and different dates for one
//!   person's event across claims.
//! - Checks (`checks`): parts against their whole, named people against a
//!   count, dates after publication, relative dates without one, required
//!   roles, trigger words, argument values against their text.
//! - A problem's [`Problem::key`] names its kind and claims; the analyst's
//!   note on it (`Project::explanations`, set by `Edit::SetExplanation`)
//!   marks it explained.
//!
//! Nothing here changes the project. [`Ledger::update`] redoes one
//! document after an edit, so the window re-checks as the analyst works.

mod checks;
mod contradictions;
mod output;
pub mod ranges;
mod report;
mod rows;
pub mod timeline;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{ClaimId, DocId, Name, Project, ReviewStatus};

pub use output::{
    LedgerError, LedgerFormat, LedgerSection, ProblemRecord, to_bytes, to_json, write_csv,
    write_file, write_json,
};
pub use report::{FactValue, FactView, Quote, Report, UngroupedView, quote};
use rows::Row;

/// Which claims the ledger reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerOptions {
    /// Claim types to read; empty reads all.
    pub claim_types: Vec<Name>,
    /// Statuses to read; empty reads all but rejected claims.
    pub statuses: Vec<ReviewStatus>,
}

impl LedgerOptions {
    fn keeps(&self, claim: &crate::model::Claim) -> bool {
        let status = if self.statuses.is_empty() {
            claim.status != ReviewStatus::Rejected
        } else {
            self.statuses.contains(&claim.status)
        };
        status && (self.claim_types.is_empty() || self.claim_types.contains(&claim.claim_type))
    }
}

/// A claim of the project, by document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef {
    /// The document's position in the project.
    pub doc: usize,
    pub doc_id: DocId,
    pub claim: ClaimId,
}

impl ClaimRef {
    /// `doc-id:c3`: what problem keys are made of.
    pub fn label(&self) -> String {
        format!("{}:{}", self.doc_id, self.claim)
    }
}

/// What kind of problem the ledger found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    CountsDisagree,
    DatesDisagree,
    SameDocumentDisagrees,
    PartsExceedWhole,
    PartsBelowWhole,
    PartsOpenBound,
    NamedPeopleCount,
    DateAfterPublication,
    RelativeDateUnanchored,
    RequiredRoleMissing,
    TriggerDoesNotFitType,
    ValueDisagreesWithText,
}

impl ProblemKind {
    pub const ALL: [Self; 12] = [
        Self::CountsDisagree,
        Self::DatesDisagree,
        Self::SameDocumentDisagrees,
        Self::PartsExceedWhole,
        Self::PartsBelowWhole,
        Self::PartsOpenBound,
        Self::NamedPeopleCount,
        Self::DateAfterPublication,
        Self::RelativeDateUnanchored,
        Self::RequiredRoleMissing,
        Self::TriggerDoesNotFitType,
        Self::ValueDisagreesWithText,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CountsDisagree => "counts_disagree",
            Self::DatesDisagree => "dates_disagree",
            Self::SameDocumentDisagrees => "same_document_disagrees",
            Self::PartsExceedWhole => "parts_exceed_whole",
            Self::PartsBelowWhole => "parts_below_whole",
            Self::PartsOpenBound => "parts_open_bound",
            Self::NamedPeopleCount => "named_people_count",
            Self::DateAfterPublication => "date_after_publication",
            Self::RelativeDateUnanchored => "relative_date_unanchored",
            Self::RequiredRoleMissing => "required_role_missing",
            Self::TriggerDoesNotFitType => "trigger_does_not_fit_type",
            Self::ValueDisagreesWithText => "value_disagrees_with_text",
        }
    }

    /// Contradictions are between claims; the rest are checks of one.
    pub fn is_contradiction(self) -> bool {
        matches!(
            self,
            Self::CountsDisagree | Self::DatesDisagree | Self::SameDocumentDisagrees
        )
    }
}

/// One problem: a contradiction or a failed check, with the claims it is
/// about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// One sentence: what is wrong, with the values.
    pub message: String,
    /// Sorted, no repeats.
    pub claims: Vec<ClaimRef>,
}

impl Problem {
    fn new(kind: ProblemKind, message: String, mut claims: Vec<ClaimRef>) -> Self {
        claims.sort();
        claims.dedup();
        Self {
            kind,
            message,
            claims,
        }
    }

    /// The key its explanation is kept under: the kind and the claims. New
    /// claims in a contradiction make a new key, so it is looked at again.
    pub fn key(&self) -> String {
        let claims: Vec<String> = self.claims.iter().map(ClaimRef::label).collect();
        format!("{}:{}", self.kind.as_str(), claims.join(","))
    }

    /// The analyst's note, if they marked it explained.
    pub fn explanation<'p>(&self, project: &'p Project) -> Option<&'p str> {
        project.explanations.get(&self.key()).map(String::as_str)
    }
}

/// Where a claim went.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Placement {
    Fact(String),
    /// Lacking these key roles, and fitting no single fact.
    Ungrouped(Vec<Name>),
}

#[derive(Debug, Clone, Default)]
struct DocLedger {
    id: Option<DocId>,
    rows: Vec<Row>,
    placements: Vec<Placement>,
    /// The person groups each row is in.
    people: Vec<Vec<String>>,
    problems: Vec<Problem>,
}

/// Claims that are about one thing: a fact, or one person's event.
#[derive(Debug, Clone, Default)]
struct Group {
    /// (document, row) pairs, sorted.
    members: BTreeSet<(usize, usize)>,
    problems: Vec<Problem>,
}

/// The ledger of a project.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    options: LedgerOptions,
    docs: Vec<DocLedger>,
    facts: BTreeMap<String, Group>,
    people: BTreeMap<String, Group>,
}

impl Ledger {
    pub fn build(project: &Project, options: LedgerOptions) -> Self {
        let mut ledger = Self {
            options,
            docs: Vec::with_capacity(project.documents.len()),
            facts: BTreeMap::new(),
            people: BTreeMap::new(),
        };
        for index in 0..project.documents.len() {
            let doc = ledger.read_document(project, index);
            ledger.docs.push(doc);
            ledger.join_groups(index);
        }
        let facts: Vec<String> = ledger.facts.keys().cloned().collect();
        let people: Vec<String> = ledger.people.keys().cloned().collect();
        ledger.recheck(project, &facts, &people);
        ledger
    }

    pub fn options(&self) -> &LedgerOptions {
        &self.options
    }

    /// Re-reads one document after an edit to it. A project whose
    /// documents were added, removed or reordered is read again whole.
    pub fn update(&mut self, project: &Project, doc: &DocId) {
        let same_documents = self.docs.len() == project.documents.len()
            && self
                .docs
                .iter()
                .zip(&project.documents)
                .all(|(ours, theirs)| ours.id.as_ref() == Some(&theirs.id));
        let Some(index) = project.document_index(doc).filter(|_| same_documents) else {
            *self = Self::build(project, self.options.clone());
            return;
        };
        let mut facts: BTreeSet<String> = BTreeSet::new();
        let mut people: BTreeSet<String> = BTreeSet::new();
        self.leave_groups(index, &mut facts, &mut people);
        self.docs[index] = self.read_document(project, index);
        self.join_groups(index);
        let doc = &self.docs[index];
        facts.extend(doc.placements.iter().filter_map(|p| match p {
            Placement::Fact(key) => Some(key.clone()),
            Placement::Ungrouped(_) => None,
        }));
        people.extend(doc.people.iter().flatten().cloned());
        let facts: Vec<String> = facts.into_iter().collect();
        let people: Vec<String> = people.into_iter().collect();
        self.recheck(project, &facts, &people);
    }

    fn read_document(&self, project: &Project, index: usize) -> DocLedger {
        let doc = &project.documents[index];
        let rows: Vec<Row> = doc
            .claims()
            .iter()
            .filter(|claim| self.options.keeps(claim))
            .map(|claim| Row::read(project, doc, claim))
            .collect();
        let placements = place(project, &rows);
        let people = rows
            .iter()
            .map(|row| contradictions::person_groups(project, row))
            .collect();
        let problems = checks::check_document(project, index, &rows);
        DocLedger {
            id: Some(doc.id.clone()),
            rows,
            placements,
            people,
            problems,
        }
    }

    fn join_groups(&mut self, index: usize) {
        let doc = &self.docs[index];
        for (row, placement) in doc.placements.iter().enumerate() {
            if let Placement::Fact(key) = placement {
                self.facts
                    .entry(key.clone())
                    .or_default()
                    .members
                    .insert((index, row));
            }
        }
        for (row, groups) in doc.people.iter().enumerate() {
            for key in groups {
                self.people
                    .entry(key.clone())
                    .or_default()
                    .members
                    .insert((index, row));
            }
        }
    }

    fn leave_groups(
        &mut self,
        index: usize,
        facts: &mut BTreeSet<String>,
        people: &mut BTreeSet<String>,
    ) {
        let doc = &self.docs[index];
        for (row, placement) in doc.placements.iter().enumerate() {
            if let Placement::Fact(key) = placement
                && let Some(group) = self.facts.get_mut(key)
            {
                group.members.remove(&(index, row));
                facts.insert(key.clone());
            }
        }
        for (row, keys) in doc.people.iter().enumerate() {
            for key in keys {
                if let Some(group) = self.people.get_mut(key) {
                    group.members.remove(&(index, row));
                    people.insert(key.clone());
                }
            }
        }
    }

    fn recheck(&mut self, project: &Project, facts: &[String], people: &[String]) {
        let checked = self.checked(&self.facts, facts, |ledger, _, members| {
            contradictions::check_fact(project, ledger, members)
        });
        replace_problems(&mut self.facts, checked);
        let checked = self.checked(&self.people, people, |ledger, key, members| {
            contradictions::check_person(project, ledger, key, members)
        });
        replace_problems(&mut self.people, checked);
    }

    /// Each of `keys`' groups checked afresh; `None` for a group left
    /// without members.
    fn checked(
        &self,
        groups: &BTreeMap<String, Group>,
        keys: &[String],
        check: impl Fn(&Self, &str, &BTreeSet<(usize, usize)>) -> Vec<Problem>,
    ) -> Vec<(String, Option<Vec<Problem>>)> {
        keys.iter()
            .filter_map(|key| {
                let group = groups.get(key)?;
                let problems =
                    (!group.members.is_empty()).then(|| check(self, key, &group.members));
                Some((key.clone(), problems))
            })
            .collect()
    }

    fn row(&self, doc: usize, row: usize) -> Option<&Row> {
        self.docs.get(doc)?.rows.get(row)
    }

    fn claim_ref(&self, doc: usize, row: usize) -> Option<ClaimRef> {
        let ledger = self.docs.get(doc)?;
        Some(ClaimRef {
            doc,
            doc_id: ledger.id.clone()?,
            claim: ledger.rows.get(row)?.claim,
        })
    }

    /// Every problem: contradictions first (fact by fact), then the checks
    /// document by document.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.facts
            .values()
            .chain(self.people.values())
            .flat_map(|group| &group.problems)
            .chain(self.docs.iter().flat_map(|doc| &doc.problems))
    }

    /// Problems the analyst has not explained.
    pub fn unexplained<'a>(&'a self, project: &'a Project) -> impl Iterator<Item = &'a Problem> {
        self.problems()
            .filter(move |problem| problem.explanation(project).is_none())
    }

    /// How many claims the ledger read.
    pub fn claim_count(&self) -> usize {
        self.docs.iter().map(|doc| doc.rows.len()).sum()
    }

    pub fn fact_count(&self) -> usize {
        self.facts.len()
    }
}

/// Stores each group's new problems; removes the groups left empty.
fn replace_problems(
    groups: &mut BTreeMap<String, Group>,
    checked: Vec<(String, Option<Vec<Problem>>)>,
) {
    for (key, problems) in checked {
        match problems {
            None => {
                groups.remove(&key);
            }
            Some(problems) => {
                if let Some(group) = groups.get_mut(&key) {
                    group.problems = problems;
                }
            }
        }
    }
}

/// Each row's fact: its own key, or the one same-document fact it fits.
fn place(project: &Project, rows: &[Row]) -> Vec<Placement> {
    let full: Vec<Option<String>> = rows
        .iter()
        .map(|row| row.has_full_key().then(|| fact_key(row)))
        .collect();
    rows.iter()
        .zip(&full)
        .map(|(row, key)| {
            if let Some(key) = key {
                return Placement::Fact(key.clone());
            }
            let fits: BTreeSet<&String> = rows
                .iter()
                .zip(&full)
                .filter(|(other, key)| {
                    key.is_some()
                        && other.claim_type == row.claim_type
                        && row.key.iter().zip(&other.key).all(|(ours, theirs)| {
                            ours.as_ref()
                                .is_none_or(|ours| theirs.as_ref() == Some(ours))
                        })
                })
                .filter_map(|(_, key)| key.as_ref())
                .collect();
            match fits.into_iter().collect::<Vec<_>>().as_slice() {
                [only] => Placement::Fact((*only).clone()),
                _ => Placement::Ungrouped(missing_keys(project, row)),
            }
        })
        .collect()
}

fn missing_keys(project: &Project, row: &Row) -> Vec<Name> {
    project
        .schema
        .claim_type(&row.claim_type)
        .map(|ty| {
            ty.key_roles
                .iter()
                .zip(&row.key)
                .filter(|(_, value)| value.is_none())
                .map(|(role, _)| role.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// `type|value|value`: claims with equal keys are one fact.
fn fact_key(row: &Row) -> String {
    let mut key = row.claim_type.as_str().to_owned();
    for value in row.key.iter().flatten() {
        key.push('|');
        key.push_str(&value.canonical);
    }
    key
}
