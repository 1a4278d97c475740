//! One document's annotations against another's, item by item: what a
//! compare view lists. Spans pair as in scoring (exact, then partial), plus
//! same-offset spans with different labels; claims align as in scoring.
//!
//! ```
//! use claimmark_core::model::{notation, Project};
//! use claimmark_core::score::StatusFilter;
//! use claimmark_core::score::compare::{SpanDiff, compare_in_projects};
//!
//! let mut a = Project::default();
//! a.documents.push(notation::document("d", "[person|Ales Bialiatski] was [event|freed]").unwrap());
//! let mut b = Project::default();
//! b.documents.push(notation::document("d", "Ales [person|Bialiatski] was [date|freed]").unwrap());
//! let (_, _, diff) = compare_in_projects(
//!     (&a, &a.documents[0]),
//!     (&b, &b.documents[0]),
//!     StatusFilter::Reviewed,
//! );
//! assert!(matches!(diff.spans[0], SpanDiff::BoundaryDiffers { a: 0, b: 0 }));
//! assert!(matches!(diff.spans[1], SpanDiff::LabelDiffers { a: 1, b: 1 }));
//! ```

use super::annotations::{DocAnnotations, Excluded, StatusFilter, document_annotations};
use super::claims::align_claims;
use super::spans::{Relabel, match_spans};
use crate::model::{CharRange, Document, Project};

/// A span of side A or B, or a pair, by index into each side's `spans`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanDiff {
    /// Same offsets, label and value.
    Same {
        a: usize,
        b: usize,
    },
    /// Same offsets and label, different canonical value.
    ValueDiffers {
        a: usize,
        b: usize,
    },
    /// Same offsets, different label.
    LabelDiffers {
        a: usize,
        b: usize,
    },
    /// Same label, overlapping, different offsets.
    BoundaryDiffers {
        a: usize,
        b: usize,
    },
    OnlyA(usize),
    OnlyB(usize),
}

/// A claim of side A or B, or an aligned pair, by index into `claims`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimDiff {
    /// Aligned, every argument (role and value) in common.
    Same {
        a: usize,
        b: usize,
    },
    /// Aligned; the arguments (indices into each claim's `args`) that
    /// only one side has.
    Differs {
        a: usize,
        b: usize,
        only_a_args: Vec<usize>,
        only_b_args: Vec<usize>,
    },
    OnlyA(usize),
    OnlyB(usize),
}

impl SpanDiff {
    pub fn is_same(self) -> bool {
        matches!(self, Self::Same { .. })
    }
}

impl ClaimDiff {
    pub fn is_same(&self) -> bool {
        matches!(self, Self::Same { .. })
    }
}

/// Everything two annotations of one document agree or differ on, in text
/// order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocComparison {
    pub spans: Vec<SpanDiff>,
    pub claims: Vec<ClaimDiff>,
}

impl DocComparison {
    pub fn differences(&self) -> usize {
        self.spans.iter().filter(|d| !d.is_same()).count()
            + self.claims.iter().filter(|d| !d.is_same()).count()
    }
}

/// Compares two annotations of the same text.
pub fn compare_documents(a: &DocAnnotations, b: &DocAnnotations) -> DocComparison {
    let m = match_spans(&a.spans, &b.spans, Relabel::Pair);
    let mut spans: Vec<(CharRange, SpanDiff)> = Vec::new();
    for &(i, j) in &m.exact {
        let diff = if a.spans[i].value == b.spans[j].value {
            SpanDiff::Same { a: i, b: j }
        } else {
            SpanDiff::ValueDiffers { a: i, b: j }
        };
        spans.push((a.spans[i].range, diff));
    }
    for &(i, j) in &m.relabelled {
        spans.push((a.spans[i].range, SpanDiff::LabelDiffers { a: i, b: j }));
    }
    for &(i, j) in &m.partial {
        spans.push((a.spans[i].range, SpanDiff::BoundaryDiffers { a: i, b: j }));
    }
    spans.extend(
        m.only_gold
            .iter()
            .map(|&i| (a.spans[i].range, SpanDiff::OnlyA(i))),
    );
    spans.extend(
        m.only_pred
            .iter()
            .map(|&j| (b.spans[j].range, SpanDiff::OnlyB(j))),
    );
    spans.sort_by_key(|(range, diff)| (*range, side_order(*diff)));

    let alignment = align_claims(&a.claims, &b.claims);
    let mut claims: Vec<(Option<CharRange>, usize, ClaimDiff)> = Vec::new();
    for pair in &alignment.pairs {
        let (ca, cb) = (&a.claims[pair.gold], &b.claims[pair.pred]);
        let only_a_args: Vec<usize> = (0..ca.args.len())
            .filter(|i| !pair.shared.iter().any(|(s, _)| s == i))
            .collect();
        let only_b_args: Vec<usize> = (0..cb.args.len())
            .filter(|j| !pair.shared.iter().any(|(_, s)| s == j))
            .collect();
        let diff = if only_a_args.is_empty() && only_b_args.is_empty() {
            ClaimDiff::Same {
                a: pair.gold,
                b: pair.pred,
            }
        } else {
            ClaimDiff::Differs {
                a: pair.gold,
                b: pair.pred,
                only_a_args,
                only_b_args,
            }
        };
        claims.push((ca.position(), 0, diff));
    }
    for &i in &alignment.only_gold {
        claims.push((a.claims[i].position(), 1, ClaimDiff::OnlyA(i)));
    }
    for &j in &alignment.only_pred {
        claims.push((b.claims[j].position(), 2, ClaimDiff::OnlyB(j)));
    }
    claims.sort_by_key(|c| (c.0, c.1));
    DocComparison {
        spans: spans.into_iter().map(|(_, d)| d).collect(),
        claims: claims.into_iter().map(|(_, _, d)| d).collect(),
    }
}

/// Compares a document of one project with a document of another (or the
/// same) project, keeping the statuses `keep` keeps. Returns both sides'
/// annotations, which the comparison's indices point into.
pub fn compare_in_projects(
    a: (&Project, &Document),
    b: (&Project, &Document),
    keep: StatusFilter,
) -> (DocAnnotations, DocAnnotations, DocComparison) {
    let mut excluded = Excluded::default();
    let a = document_annotations(a.0, a.1, keep, &mut excluded);
    let b = document_annotations(b.0, b.1, keep, &mut excluded);
    let comparison = compare_documents(&a, &b);
    (a, b, comparison)
}

fn side_order(diff: SpanDiff) -> u8 {
    match diff {
        SpanDiff::Same { .. }
        | SpanDiff::ValueDiffers { .. }
        | SpanDiff::LabelDiffers { .. }
        | SpanDiff::BoundaryDiffers { .. } => 0,
        SpanDiff::OnlyA(_) => 1,
        SpanDiff::OnlyB(_) => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::annotations::SpanAnn;
    use crate::score::testing::claim;

    fn span(start: usize, end: usize, label: &str, value: &str) -> SpanAnn {
        SpanAnn {
            value: Some(value.to_owned()),
            ..crate::score::testing::span(start, end, label)
        }
    }

    #[test]
    fn every_kind_of_difference_is_listed_in_text_order() {
        let mut a = DocAnnotations::new("d");
        a.spans = vec![
            span(0, 4, "person", "person:ales"),
            span(10, 15, "date", "date:2025/year"),
            span(20, 25, "count", "count:3/exact"),
            span(30, 35, "place", "place:minsk"),
            span(40, 45, "event", "text:freed"),
        ];
        a.claims = vec![
            claim("release", &[("date", "d1"), ("count", "c3")]),
            claim("arrest", &[("date", "d2")]),
        ];
        let mut b = DocAnnotations::new("d");
        b.spans = vec![
            span(0, 4, "person", "person:ales"),
            span(10, 15, "date", "date:2024/year"),
            span(20, 25, "place", "place:x"),
            span(31, 36, "place", "place:minsk"),
            span(50, 55, "event", "text:held"),
        ];
        b.claims = vec![
            claim("release", &[("date", "d1"), ("count", "c4")]),
            claim("pardon", &[("date", "d2")]),
            claim("release", &[("date", "d9")]),
        ];
        let diff = compare_documents(&a, &b);
        assert_eq!(
            diff.spans,
            vec![
                SpanDiff::Same { a: 0, b: 0 },
                SpanDiff::ValueDiffers { a: 1, b: 1 },
                SpanDiff::LabelDiffers { a: 2, b: 2 },
                SpanDiff::BoundaryDiffers { a: 3, b: 3 },
                SpanDiff::OnlyA(4),
                SpanDiff::OnlyB(4),
            ]
        );
        assert_eq!(
            diff.claims,
            vec![
                ClaimDiff::Differs {
                    a: 0,
                    b: 0,
                    only_a_args: vec![1],
                    only_b_args: vec![1]
                },
                ClaimDiff::OnlyA(1),
                ClaimDiff::OnlyB(1),
                ClaimDiff::OnlyB(2),
            ]
        );
        assert_eq!(diff.differences(), 9);
    }
}
