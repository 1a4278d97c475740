//! Matching one document's spans one-to-one.
//!
//! 1. **Exact**: same offsets and label. Equal spans pair in order; a
//!    duplicate prediction (the same span twice) finds no second gold span
//!    and stays unpaired: one true positive, one false positive.
//! 2. **Relabelled** (only for comparisons, not scoring): same offsets,
//!    different label.
//! 3. **Partial**: among what is left, overlapping spans of the same label,
//!    assigned one-to-one by Kuhn–Munkres so that as many pairs as possible
//!    form, then with the most overlapping chars. A prediction overlapping
//!    two gold spans pairs with one of them; the other gold span is missing.

use std::collections::BTreeMap;

use super::annotations::SpanAnn;
use super::assign::{Edge, assign};
use crate::model::CharRange;

/// Pairs as (gold index, predicted index); what is unpaired by index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanMatch {
    pub exact: Vec<(usize, usize)>,
    pub relabelled: Vec<(usize, usize)>,
    pub partial: Vec<(usize, usize)>,
    pub only_gold: Vec<usize>,
    pub only_pred: Vec<usize>,
}

/// Whether to pair same-offset spans of different labels (step 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relabel {
    Pair,
    Leave,
}

/// Matches gold against predicted spans of one document.
pub fn match_spans(gold: &[SpanAnn], pred: &[SpanAnn], relabel: Relabel) -> SpanMatch {
    let mut result = SpanMatch::default();
    let mut gold_left = vec![true; gold.len()];
    let mut pred_left = vec![true; pred.len()];

    pair_equal(
        gold,
        pred,
        &mut gold_left,
        &mut pred_left,
        &mut result.exact,
        |s| (s.range, s.label.as_str()),
    );
    if relabel == Relabel::Pair {
        pair_equal(
            gold,
            pred,
            &mut gold_left,
            &mut pred_left,
            &mut result.relabelled,
            |s| (s.range, ""),
        );
    }

    // Partial: per label, overlapping leftovers.
    let mut by_label: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, span) in gold.iter().enumerate().filter(|(i, _)| gold_left[*i]) {
        by_label.entry(&span.label).or_default().0.push(i);
    }
    for (j, span) in pred.iter().enumerate().filter(|(j, _)| pred_left[*j]) {
        by_label.entry(&span.label).or_default().1.push(j);
    }
    for (g_idx, p_idx) in by_label.values() {
        if g_idx.is_empty() || p_idx.is_empty() {
            continue;
        }
        let edges = overlap_edges(gold, g_idx, pred, p_idx);
        for (l, r) in assign(g_idx.len(), p_idx.len(), &edges).pairs {
            if let (Some(&g), Some(&p)) = (g_idx.get(l), p_idx.get(r)) {
                gold_left[g] = false;
                pred_left[p] = false;
                result.partial.push((g, p));
            }
        }
    }
    result.partial.sort_unstable();
    result.only_gold = (0..gold.len()).filter(|&i| gold_left[i]).collect();
    result.only_pred = (0..pred.len()).filter(|&j| pred_left[j]).collect();
    result
}

/// Pairs items whose keys are equal, first with first, in key order.
fn pair_equal<'a, K: Ord>(
    gold: &'a [SpanAnn],
    pred: &'a [SpanAnn],
    gold_left: &mut [bool],
    pred_left: &mut [bool],
    out: &mut Vec<(usize, usize)>,
    key: impl Fn(&'a SpanAnn) -> K,
) {
    let mut g: Vec<usize> = (0..gold.len()).filter(|&i| gold_left[i]).collect();
    let mut p: Vec<usize> = (0..pred.len()).filter(|&j| pred_left[j]).collect();
    g.sort_by(|&a, &b| key(&gold[a]).cmp(&key(&gold[b])).then(a.cmp(&b)));
    p.sort_by(|&a, &b| key(&pred[a]).cmp(&key(&pred[b])).then(a.cmp(&b)));
    let (mut i, mut j) = (0, 0);
    while let (Some(&gi), Some(&pj)) = (g.get(i), p.get(j)) {
        match key(&gold[gi]).cmp(&key(&pred[pj])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((gi, pj));
                gold_left[gi] = false;
                pred_left[pj] = false;
                i += 1;
                j += 1;
            }
        }
    }
    out.sort_unstable();
}

/// Chars two ranges share.
pub fn overlap_len(a: CharRange, b: CharRange) -> usize {
    let start = a.start().max(b.start());
    let end = a.end().min(b.end());
    if start < end {
        CharRange::new(start, end).len()
    } else {
        0
    }
}

/// Weight of a partial pair: any pair outweighs every overlap length, so
/// the assignment makes as many pairs as it can, then prefers overlap.
const PAIR_WEIGHT: i64 = 1 << 40;

/// Edges between overlapping spans, found by a sweep over starts.
fn overlap_edges(
    gold: &[SpanAnn],
    g_idx: &[usize],
    pred: &[SpanAnn],
    p_idx: &[usize],
) -> Vec<Edge> {
    let mut by_start: Vec<(usize, CharRange)> = p_idx
        .iter()
        .enumerate()
        .map(|(r, &j)| (r, pred[j].range))
        .collect();
    by_start.sort_by_key(|(_, range)| *range);
    let longest = by_start.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let mut edges = Vec::new();
    for (l, &i) in g_idx.iter().enumerate() {
        let g = gold[i].range;
        // Predictions starting before g.start - longest cannot reach g.
        let from = g.start().saturating_sub(longest);
        let first = by_start.partition_point(|(_, r)| r.start() < from);
        for (r, range) in by_start.iter().skip(first) {
            if range.start() >= g.end() {
                break;
            }
            let shared = overlap_len(g, *range);
            if shared > 0 {
                edges.push(Edge {
                    left: l,
                    right: *r,
                    weight: PAIR_WEIGHT + i64::try_from(shared).unwrap_or(0),
                });
            }
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::span;

    #[test]
    fn duplicates_pair_once() {
        let gold = [span(0, 4, "person")];
        let pred = [span(0, 4, "person"), span(0, 4, "person")];
        let m = match_spans(&gold, &pred, Relabel::Leave);
        assert_eq!(m.exact, vec![(0, 0)]);
        assert_eq!(m.only_pred, vec![1]);
        assert!(m.only_gold.is_empty());
    }

    #[test]
    fn one_prediction_over_two_gold_spans_pairs_once() {
        // gold "Ales" 0..4 and "Bialiatski" 5..15; predicted 0..15.
        let gold = [span(0, 4, "person"), span(5, 15, "person")];
        let pred = [span(0, 15, "person")];
        let m = match_spans(&gold, &pred, Relabel::Leave);
        // Pairs with the longer overlap (10 chars over 4).
        assert_eq!(m.partial, vec![(1, 0)]);
        assert_eq!(m.only_gold, vec![0]);
        assert!(m.only_pred.is_empty());
    }

    #[test]
    fn partial_pairs_need_the_same_label_and_maximise_pairs() {
        // p0 overlaps g0 and g1; p1 overlaps only g0. Both pair: p1-g0, p0-g1.
        let gold = [
            span(0, 10, "date"),
            span(12, 20, "date"),
            span(30, 35, "count"),
        ];
        let pred = [
            span(5, 15, "date"),
            span(0, 3, "date"),
            span(30, 35, "date"),
        ];
        let m = match_spans(&gold, &pred, Relabel::Leave);
        assert_eq!(m.partial, vec![(0, 1), (1, 0)]);
        assert_eq!(m.only_gold, vec![2]);
        assert_eq!(m.only_pred, vec![2]);
        let m = match_spans(&gold, &pred, Relabel::Pair);
        assert_eq!(m.relabelled, vec![(2, 2)]);
        assert!(m.only_gold.is_empty() && m.only_pred.is_empty());
    }

    #[test]
    fn nested_long_prediction_is_found_by_the_sweep() {
        // A long prediction that starts well before a short gold span.
        let gold = [span(100, 104, "event")];
        let pred = [
            span(0, 3, "event"),
            span(2, 102, "event"),
            span(50, 60, "event"),
        ];
        let m = match_spans(&gold, &pred, Relabel::Leave);
        assert_eq!(m.partial, vec![(0, 1)]);
        assert_eq!(overlap_len(gold[0].range, pred[1].range), 2);
    }
}
