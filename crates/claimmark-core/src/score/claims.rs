//! Aligning one document's claims one-to-one, and matching arguments.
//!
//! An argument is compared as (role, canonical value); its anchor need not
//! match. Two claims can be aligned when they have the **same type and at
//! least one argument in common that is anchored on at least one side** (an
//! implicit argument on both sides, such as the country every claim of a
//! corpus names, does not make two claims the same, though it counts once
//! they are aligned); among all one-to-one alignments,
//! Kuhn–Munkres picks the one with the most arguments in common (then the
//! most same-role arguments whose anchors overlap, as a tie-break). Claims
//! of different documents are never aligned.

use std::collections::HashMap;

use super::annotations::{ArgAnn, ClaimAnn};
use super::assign::{Edge, assign};

/// Two aligned claims and their arguments in common, as (gold argument
/// index, predicted argument index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedPair {
    pub gold: usize,
    pub pred: usize,
    pub shared: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimAlignment {
    /// Sorted by gold index.
    pub pairs: Vec<AlignedPair>,
    pub only_gold: Vec<usize>,
    pub only_pred: Vec<usize>,
    /// Components too large for exact assignment (see `assign`).
    pub greedy_components: usize,
}

/// A claim's arguments as (role, value, argument index), sorted.
fn keys(claim: &ClaimAnn) -> Vec<(&str, &str, usize)> {
    let mut keys: Vec<_> = claim
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| (a.role.as_str(), a.value.as_str(), i))
        .collect();
    keys.sort_unstable();
    keys
}

/// Arguments in common between two sorted key lists, one-to-one.
fn shared_args(gold: &[(&str, &str, usize)], pred: &[(&str, &str, usize)]) -> Vec<(usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut shared = Vec::new();
    while let (Some(g), Some(p)) = (gold.get(i), pred.get(j)) {
        match (g.0, g.1).cmp(&(p.0, p.1)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared.push((g.2, p.2));
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Same-role argument pairs whose anchors overlap.
fn overlapping_anchors(gold: &[ArgAnn], pred: &[ArgAnn]) -> i64 {
    let mut n = 0;
    for g in gold {
        let Some(ga) = g.anchor else { continue };
        n += pred
            .iter()
            .filter(|p| p.role == g.role && p.anchor.is_some_and(|pa| pa.overlaps(ga)))
            .count();
    }
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Arguments in common outweigh any number of overlapping anchors.
const SHARED_WEIGHT: i64 = 1 << 20;

/// Aligns gold and predicted claims of one document.
pub fn align_claims(gold: &[ClaimAnn], pred: &[ClaimAnn]) -> ClaimAlignment {
    let gold_keys: Vec<_> = gold.iter().map(keys).collect();
    let pred_keys: Vec<_> = pred.iter().map(keys).collect();
    // (type, role, value) -> predicted claims having it.
    let mut index: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (j, (claim, claim_keys)) in pred.iter().zip(&pred_keys).enumerate() {
        for &(role, value, _) in claim_keys {
            let list = index
                .entry((claim.claim_type.as_str(), role, value))
                .or_default();
            if list.last() != Some(&j) {
                list.push(j);
            }
        }
    }
    let mut edges = Vec::new();
    let mut seen = vec![usize::MAX; pred.len()];
    for (i, (claim, claim_keys)) in gold.iter().zip(&gold_keys).enumerate() {
        for &(role, value, _) in claim_keys {
            let Some(candidates) = index.get(&(claim.claim_type.as_str(), role, value)) else {
                continue;
            };
            for &j in candidates {
                if seen[j] == i {
                    continue;
                }
                seen[j] = i;
                let shared = shared_args(claim_keys, &pred_keys[j]);
                // Implicit on both sides (the country every claim names)
                // is too weak to say two claims are the same.
                if !shared.iter().any(|&(g, p)| {
                    claim.args[g].anchor.is_some() || pred[j].args[p].anchor.is_some()
                }) {
                    continue;
                }
                let shared = shared.len();
                let shared = i64::try_from(shared).unwrap_or(i64::MAX / SHARED_WEIGHT);
                let overlaps = overlapping_anchors(&claim.args, &pred[j].args);
                edges.push(Edge {
                    left: i,
                    right: j,
                    weight: shared * SHARED_WEIGHT + overlaps.min(SHARED_WEIGHT - 1),
                });
            }
        }
    }
    let assignment = assign(gold.len(), pred.len(), &edges);
    let mut gold_paired = vec![false; gold.len()];
    let mut pred_paired = vec![false; pred.len()];
    let pairs = assignment
        .pairs
        .iter()
        .map(|&(i, j)| {
            gold_paired[i] = true;
            pred_paired[j] = true;
            AlignedPair {
                gold: i,
                pred: j,
                shared: shared_args(&gold_keys[i], &pred_keys[j]),
            }
        })
        .collect();
    ClaimAlignment {
        pairs,
        only_gold: (0..gold.len()).filter(|&i| !gold_paired[i]).collect(),
        only_pred: (0..pred.len()).filter(|&j| !pred_paired[j]).collect(),
        greedy_components: assignment.greedy_components,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CharRange;

    type TestArg<'a> = (&'a str, &'a str, Option<(usize, usize)>);

    pub(crate) fn claim(id: &str, ty: &str, args: &[TestArg<'_>]) -> ClaimAnn {
        ClaimAnn {
            id: id.to_owned(),
            claim_type: ty.to_owned(),
            args: args
                .iter()
                .map(|(role, value, anchor)| ArgAnn {
                    role: (*role).to_owned(),
                    anchor: anchor.map(|(s, e)| CharRange::from_offsets(s, e)),
                    text: String::new(),
                    value: (*value).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn claims_align_through_values_with_different_anchors() {
        let gold = [claim(
            "g1",
            "release",
            &[
                ("trigger", "text:freed", Some((10, 15))),
                ("date", "date:2025-09-18/day", Some((20, 29))),
            ],
        )];
        // Another mention of the same date, elsewhere in the text.
        let pred = [claim(
            "p1",
            "release",
            &[("date", "date:2025-09-18/day", Some((200, 212)))],
        )];
        let a = align_claims(&gold, &pred);
        assert_eq!(
            a.pairs,
            vec![AlignedPair {
                gold: 0,
                pred: 0,
                shared: vec![(1, 0)]
            }]
        );
    }

    #[test]
    fn different_types_or_nothing_shared_do_not_align() {
        let gold = [
            claim(
                "g1",
                "release",
                &[("count", "count:31/exact", Some((0, 1)))],
            ),
            claim("g2", "pardon", &[("count", "count:5/exact", Some((0, 1)))]),
        ];
        let pred = [
            claim("p1", "pardon", &[("count", "count:31/exact", Some((0, 1)))]),
            claim("p2", "pardon", &[("count", "count:6/exact", Some((0, 1)))]),
        ];
        let a = align_claims(&gold, &pred);
        assert!(a.pairs.is_empty());
        assert_eq!(a.only_gold, vec![0, 1]);
        assert_eq!(a.only_pred, vec![0, 1]);
    }

    #[test]
    fn the_alignment_is_optimal_not_greedy() {
        // g0 shares 2 with p0 and 1 with p1; g1 shares 2 with p0 only.
        // Greedy (g0-p0) leaves g1 alone: 2 shared. Optimal: g0-p1, g1-p0: 3.
        let gold = [
            claim(
                "g0",
                "arrest",
                &[
                    ("date", "d1", Some((0, 1))),
                    ("place", "minsk", Some((0, 1))),
                    ("count", "c5", Some((0, 1))),
                ],
            ),
            claim(
                "g1",
                "arrest",
                &[
                    ("date", "d1", Some((0, 1))),
                    ("place", "minsk", Some((0, 1))),
                ],
            ),
        ];
        let pred = [
            claim(
                "p0",
                "arrest",
                &[
                    ("date", "d1", Some((0, 1))),
                    ("place", "minsk", Some((0, 1))),
                ],
            ),
            claim("p1", "arrest", &[("count", "c5", Some((0, 1)))]),
        ];
        let a = align_claims(&gold, &pred);
        let pairs: Vec<_> = a
            .pairs
            .iter()
            .map(|p| (p.gold, p.pred, p.shared.len()))
            .collect();
        assert_eq!(pairs, vec![(0, 1, 1), (1, 0, 2)]);
    }

    #[test]
    fn implicit_values_alone_do_not_align_claims() {
        let gold = [claim(
            "g",
            "release",
            &[
                ("place", "place:belarus", None),
                ("date", "d1", Some((0, 4))),
            ],
        )];
        let pred = [claim(
            "p",
            "release",
            &[
                ("place", "place:belarus", None),
                ("date", "d2", Some((0, 4))),
            ],
        )];
        let a = align_claims(&gold, &pred);
        assert!(a.pairs.is_empty());
        // Anchored on one side is enough: a claim whose arguments are all
        // implicit aligns with one that anchors the same value.
        let pred = [claim("p", "release", &[("date", "d1", None)])];
        let a = align_claims(&gold, &pred);
        assert_eq!(a.pairs.len(), 1);
    }

    #[test]
    fn overlapping_anchors_break_ties() {
        let gold = [claim(
            "g0",
            "release",
            &[("trigger", "text:freed", Some((50, 55)))],
        )];
        let pred = [
            claim("p0", "release", &[("trigger", "text:freed", Some((5, 10)))]),
            claim(
                "p1",
                "release",
                &[("trigger", "text:freed", Some((50, 55)))],
            ),
        ];
        let a = align_claims(&gold, &pred);
        assert_eq!(a.pairs[0].pred, 1);
        assert_eq!(a.only_pred, vec![0]);
    }
}
