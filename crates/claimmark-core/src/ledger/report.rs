//! The ledger as people read it: facts with their values and quotes,
//! ungrouped claims, problems.

use std::collections::BTreeSet;

use super::{ClaimRef, Ledger, Placement, Problem};
use crate::model::sentences::sentence_around;
use crate::model::{CharRange, Name, Project};

/// The text a claim stands on: the sentence(s) around its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub range: CharRange,
    pub text: String,
    pub published: Option<time::Date>,
}

/// The quote of a claim: the sentence around its spans; `None` for a
/// claim without spans (every argument implicit).
pub fn quote(project: &Project, claim: &ClaimRef) -> Option<Quote> {
    let doc = project.documents.get(claim.doc)?;
    let found = doc.claim(claim.claim)?;
    let mut extent: Option<CharRange> = None;
    for argument in &found.arguments {
        let range = doc.span(argument.span)?.range;
        extent = Some(extent.map_or(range, |e| {
            CharRange::new(e.start().min(range.start()), e.end().max(range.end()))
        }));
    }
    let range = sentence_around(&doc.text, extent?);
    Some(Quote {
        range,
        text: doc.text.slice(range).unwrap_or_default().to_owned(),
        published: doc.published,
    })
}

/// One value a fact's claims give a role, and who gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactValue {
    pub role: Name,
    pub value: String,
    pub claims: Vec<ClaimRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactView {
    pub claim_type: Name,
    /// Each key role with its value, as people read it.
    pub key: Vec<(Name, String)>,
    pub values: Vec<FactValue>,
    pub claims: Vec<ClaimRef>,
    /// How many documents state it.
    pub documents: usize,
    /// Its contradictions (indexes into [`Report::problems`]).
    pub problems: Vec<usize>,
}

impl FactView {
    /// "pardon · actor Lukashenko · date 2025-09-11".
    pub fn title(&self) -> String {
        let mut title = self.claim_type.display();
        for (role, value) in &self.key {
            title.push_str(" · ");
            title.push_str(&role.display());
            title.push(' ');
            title.push_str(value);
        }
        title
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UngroupedView {
    pub claim: ClaimRef,
    pub claim_type: Name,
    /// The key roles it leaves empty (none when its type has no key roles).
    pub missing: Vec<Name>,
}

/// The ledger, read out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub facts: Vec<FactView>,
    pub ungrouped: Vec<UngroupedView>,
    pub problems: Vec<Problem>,
}

impl Report {
    /// Problems the analyst has not explained.
    pub fn unexplained<'a>(&'a self, project: &'a Project) -> impl Iterator<Item = &'a Problem> {
        self.problems
            .iter()
            .filter(move |problem| problem.explanation(project).is_none())
    }

    /// "12 claims in 5 facts, 1 ungrouped; 2 problems, 1 unexplained".
    pub fn summary(&self, project: &Project) -> String {
        format!(
            "{} claims in {} facts, {} ungrouped; {} problems, {} unexplained",
            self.claim_count(),
            self.facts.len(),
            self.ungrouped.len(),
            self.problems.len(),
            self.unexplained(project).count()
        )
    }

    /// How many claims the ledger read: its facts' and the ungrouped.
    pub fn claim_count(&self) -> usize {
        self.facts.iter().map(|f| f.claims.len()).sum::<usize>() + self.ungrouped.len()
    }
}

impl Ledger {
    pub fn report(&self, project: &Project) -> Report {
        let mut problems: Vec<Problem> = Vec::new();
        let mut facts = Vec::with_capacity(self.facts.len());
        for group in self.facts.values() {
            let mut claims = Vec::with_capacity(group.members.len());
            let mut values: Vec<FactValue> = Vec::new();
            let mut documents = BTreeSet::new();
            let mut key = Vec::new();
            let mut claim_type = None;
            for &(doc, index) in &group.members {
                let (Some(claim), Some(row)) = (self.claim_ref(doc, index), self.row(doc, index))
                else {
                    continue;
                };
                documents.insert(doc);
                claim_type.get_or_insert_with(|| row.claim_type.clone());
                let ty = project.schema.claim_type(&row.claim_type);
                if key.is_empty()
                    && let Some(ty) = ty
                    && row.has_full_key()
                {
                    key = ty
                        .key_roles
                        .iter()
                        .zip(&row.key)
                        .filter_map(|(role, value)| {
                            Some((role.clone(), value.as_ref()?.shown.clone()))
                        })
                        .collect();
                }
                for filler in &row.fillers {
                    let is_key = ty.is_some_and(|ty| ty.is_key(&filler.role));
                    if is_key || filler.role.as_str() == crate::model::TRIGGER_ROLE {
                        continue;
                    }
                    match values
                        .iter_mut()
                        .find(|v| v.role == filler.role && v.value == filler.shown)
                    {
                        Some(value) => value.claims.push(claim.clone()),
                        None => values.push(FactValue {
                            role: filler.role.clone(),
                            value: filler.shown.clone(),
                            claims: vec![claim.clone()],
                        }),
                    }
                }
                claims.push(claim);
            }
            let Some(claim_type) = claim_type else {
                continue;
            };
            let first_problem = problems.len();
            problems.extend(group.problems.iter().cloned());
            facts.push(FactView {
                claim_type,
                key,
                values,
                claims,
                documents: documents.len(),
                problems: (first_problem..problems.len()).collect(),
            });
        }
        problems.extend(
            self.people
                .values()
                .flat_map(|g| g.problems.iter().cloned()),
        );
        problems.extend(self.docs.iter().flat_map(|d| d.problems.iter().cloned()));
        let ungrouped = self
            .docs
            .iter()
            .enumerate()
            .flat_map(|(doc, ledger)| {
                ledger
                    .placements
                    .iter()
                    .enumerate()
                    .filter_map(move |(index, placement)| match placement {
                        Placement::Ungrouped(missing) => Some((doc, index, missing)),
                        Placement::Fact(_) => None,
                    })
            })
            .filter_map(|(doc, index, missing)| {
                Some(UngroupedView {
                    claim: self.claim_ref(doc, index)?,
                    claim_type: self.row(doc, index)?.claim_type.clone(),
                    missing: missing.clone(),
                })
            })
            .collect();
        Report {
            facts,
            ungrouped,
            problems,
        }
    }
}
