//! Duplicates on import: a line whose claim is already in the document,
//! whatever its id, or that an earlier line of the same file brought: same
//! type, same roles on the same ranges, and the same values where both
//! sides give one (a value stated on one side only is no disagreement).

use std::collections::HashMap;

use super::PreparedClaim;
use crate::model::{CharRange, ClaimId, Document, Name, TRIGGER_ROLE, Value};

/// A claim's type and its (role, range) pairs, sorted: what must match.
type Shape = (Name, Vec<(Name, CharRange)>);
/// Claims of one shape: the project's claim (or `None` for a line of this
/// import) with its values in the shape's order.
type SameShape = Vec<(Option<ClaimId>, Vec<Option<Value>>)>;

/// What a line repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repeats {
    Claim(ClaimId),
    EarlierLine,
}

/// The claims of the documents seen so far, by shape, with their values
/// in the shape's order.
#[derive(Default)]
pub(super) struct KnownClaims {
    by_shape: HashMap<(crate::model::DocId, Shape), SameShape>,
    documents_read: std::collections::HashSet<crate::model::DocId>,
}

fn sorted(
    mut args: Vec<(Name, CharRange, Option<Value>)>,
) -> (Vec<(Name, CharRange)>, Vec<Option<Value>>) {
    args.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    args.into_iter()
        .map(|(role, range, value)| ((role, range), value))
        .unzip()
}

impl KnownClaims {
    fn read_document(&mut self, doc: &Document) {
        if !self.documents_read.insert(doc.id.clone()) {
            return;
        }
        for claim in doc.claims() {
            let args = claim
                .arguments
                .iter()
                .filter_map(|a| {
                    let span = doc.span(a.span)?;
                    let value = (a.role.as_str() != TRIGGER_ROLE)
                        .then(|| span.value.as_ref().map(|v| v.value.clone()))
                        .flatten();
                    Some((a.role.clone(), span.range, value))
                })
                .collect();
            let (shape, values) = sorted(args);
            self.by_shape
                .entry((doc.id.clone(), (claim.claim_type.clone(), shape)))
                .or_default()
                .push((Some(claim.id), values));
        }
    }

    fn shape_of(claim: &PreparedClaim) -> (Shape, Vec<Option<Value>>) {
        let args = claim
            .arguments
            .iter()
            .map(|a| (a.role.clone(), a.range, a.value.clone()))
            .collect();
        let (shape, values) = sorted(args);
        ((claim.claim_type.clone(), shape), values)
    }

    /// What this line repeats, if anything.
    pub(super) fn check(&mut self, doc: &Document, claim: &PreparedClaim) -> Option<Repeats> {
        self.read_document(doc);
        let (shape, values) = Self::shape_of(claim);
        let known = self.by_shape.get(&(doc.id.clone(), shape))?;
        known
            .iter()
            .find(|(_, theirs)| {
                values
                    .iter()
                    .zip(theirs)
                    .all(|(ours, theirs)| ours.is_none() || theirs.is_none() || ours == theirs)
            })
            .map(|(id, _)| id.map_or(Repeats::EarlierLine, Repeats::Claim))
    }

    /// A line that was imported, so a later copy of it is caught.
    pub(super) fn remember(&mut self, claim: &PreparedClaim) {
        let (shape, values) = Self::shape_of(claim);
        self.by_shape
            .entry((claim.doc.clone(), shape))
            .or_default()
            .push((None, values));
    }
}
