//! One-to-one assignment of maximum total weight (Kuhn–Munkres, from the
//! `pathfinding` crate), run per connected component of the graph of
//! positive-weight edges so that its O(n³) cost stays per component.
//!
//! Components larger than [`EXACT_LIMIT`] on their smaller side fall back to
//! a greedy assignment (heaviest edge first, ties by index), which is
//! reported: such a component means thousands of claims sharing a value in
//! one document, far from a real article.

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

/// Largest component (smaller side) assigned exactly.
pub const EXACT_LIMIT: usize = 400;

/// The pairs chosen, as (left index, right index), sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub pairs: Vec<(usize, usize)>,
    /// Components assigned greedily because they were too large.
    pub greedy_components: usize,
}

/// An edge between left `l` and right `r` worth `weight` (> 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub left: usize,
    pub right: usize,
    pub weight: i64,
}

/// Union–find over `left + right` nodes.
struct Components {
    parent: Vec<usize>,
}

impl Components {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            let grand = self.parent[self.parent[x]];
            self.parent[x] = grand;
            x = grand;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low;
        }
    }
}

/// Pairs left and right items one-to-one so that the total weight of the
/// chosen edges is largest. Only edges with positive weight can be chosen;
/// items without one stay unpaired. Deterministic for a given edge list.
pub fn assign(left: usize, right: usize, edges: &[Edge]) -> Assignment {
    let edges: Vec<Edge> = edges
        .iter()
        .copied()
        .filter(|e| e.weight > 0 && e.left < left && e.right < right)
        .collect();
    if edges.is_empty() {
        return Assignment::default();
    }
    let mut components = Components::new(left + right);
    for edge in &edges {
        components.union(edge.left, left + edge.right);
    }
    // Edges grouped by component root, in edge order.
    let mut groups: std::collections::BTreeMap<usize, Vec<Edge>> =
        std::collections::BTreeMap::new();
    for edge in edges {
        let root = components.find(edge.left);
        groups.entry(root).or_default().push(edge);
    }
    let mut result = Assignment::default();
    for group in groups.values() {
        if let [single] = group.as_slice() {
            result.pairs.push((single.left, single.right));
            continue;
        }
        let (pairs, exact) = assign_component(group);
        if !exact {
            result.greedy_components += 1;
        }
        result.pairs.extend(pairs);
    }
    result.pairs.sort_unstable();
    result
}

/// Assigns one connected component; `false` when it was done greedily.
fn assign_component(edges: &[Edge]) -> (Vec<(usize, usize)>, bool) {
    let mut lefts: Vec<usize> = edges.iter().map(|e| e.left).collect();
    let mut rights: Vec<usize> = edges.iter().map(|e| e.right).collect();
    lefts.sort_unstable();
    lefts.dedup();
    rights.sort_unstable();
    rights.dedup();
    if lefts.len().min(rights.len()) > EXACT_LIMIT {
        return (greedy(edges), false);
    }
    // Kuhn–Munkres wants rows <= columns: put the smaller side in rows.
    let transpose = lefts.len() > rights.len();
    let (rows, cols) = if transpose {
        (&rights, &lefts)
    } else {
        (&lefts, &rights)
    };
    let mut weights = vec![0i64; rows.len() * cols.len()];
    for edge in edges {
        let (row_item, col_item) = if transpose {
            (edge.right, edge.left)
        } else {
            (edge.left, edge.right)
        };
        if let (Ok(row), Ok(col)) = (rows.binary_search(&row_item), cols.binary_search(&col_item))
            && let Some(cell) = weights.get_mut(row * cols.len() + col)
        {
            *cell = (*cell).max(edge.weight);
        }
    }
    let Ok(matrix) = Matrix::from_vec(rows.len(), cols.len(), weights.clone()) else {
        return (greedy(edges), false);
    };
    let (_, columns) = kuhn_munkres(&matrix);
    let mut pairs = Vec::new();
    for (row, col) in columns.into_iter().enumerate() {
        // Zero cells are padding, not edges.
        if weights.get(row * cols.len() + col).copied().unwrap_or(0) <= 0 {
            continue;
        }
        if let (Some(&r), Some(&c)) = (rows.get(row), cols.get(col)) {
            pairs.push(if transpose { (c, r) } else { (r, c) });
        }
    }
    (pairs, true)
}

/// Heaviest edge first, ties by (left, right).
fn greedy(edges: &[Edge]) -> Vec<(usize, usize)> {
    let mut sorted = edges.to_vec();
    sorted.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    let mut left_used = std::collections::HashSet::new();
    let mut right_used = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for edge in sorted {
        if !left_used.contains(&edge.left) && !right_used.contains(&edge.right) {
            left_used.insert(edge.left);
            right_used.insert(edge.right);
            pairs.push((edge.left, edge.right));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(left: usize, right: usize, weight: i64) -> Edge {
        Edge {
            left,
            right,
            weight,
        }
    }

    #[test]
    fn optimal_beats_greedy() {
        // Greedy would take (0,0) worth 3 and then only (1,1) worth 1: 4.
        // The optimum is (0,1) + (1,0) = 2 + 3 = 5.
        let edges = [e(0, 0, 3), e(0, 1, 2), e(1, 0, 3), e(1, 1, 1)];
        assert_eq!(greedy(&edges), vec![(0, 0), (1, 1)]);
        assert_eq!(assign(2, 2, &edges).pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn more_left_than_right_is_transposed() {
        // Three left items want the one right item; the heaviest wins.
        let edges = [e(0, 0, 1), e(1, 0, 5), e(2, 0, 2), e(2, 1, 1)];
        assert_eq!(assign(3, 2, &edges).pairs, vec![(1, 0), (2, 1)]);
    }

    #[test]
    fn items_without_positive_edges_stay_unpaired() {
        assert_eq!(assign(2, 2, &[]).pairs, vec![]);
        assert_eq!(assign(2, 2, &[e(0, 0, 0), e(1, 1, -3)]).pairs, vec![]);
        // A component whose padding zero would pair 1 with 1 leaves it out.
        let edges = [e(0, 0, 1), e(0, 1, 1), e(1, 0, 1)];
        assert_eq!(assign(2, 2, &edges).pairs, vec![(0, 1), (1, 0)]);
        let edges = [e(0, 0, 5), e(0, 1, 1), e(1, 0, 1)];
        assert_eq!(assign(2, 2, &edges).pairs, vec![(0, 0)]);
    }

    #[test]
    fn components_are_solved_apart() {
        let edges = [e(0, 0, 1), e(1, 1, 1), e(2, 2, 2), e(2, 3, 1), e(3, 2, 2)];
        let result = assign(4, 4, &edges);
        assert_eq!(result.pairs, vec![(0, 0), (1, 1), (2, 3), (3, 2)]);
        assert_eq!(result.greedy_components, 0);
    }
}
