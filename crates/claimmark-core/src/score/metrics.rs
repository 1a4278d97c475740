//! Precision, recall and F1 from counts, with one rule for empty sides so
//! that no figure is ever NaN or infinite.
//!
//! - A ratio `0 / 0` is 0: precision with no predictions, recall with no
//!   gold items.
//! - Except when both sides are empty (no gold, no prediction): there was
//!   nothing to find and nothing was claimed, so precision, recall and F1
//!   are all 1.
//!
//! ```
//! use claimmark_core::score::Tally;
//! let t = Tally { tp: 3, fp: 1, fn_: 2 };
//! assert_eq!(t.precision(), 0.75);
//! assert_eq!(t.recall(), 0.6);
//! assert!((t.f1() - 2.0 / 3.0).abs() < 1e-12);
//! assert_eq!(Tally::default().f1(), 1.0);
//! assert_eq!(Tally { tp: 0, fp: 0, fn_: 4 }.precision(), 0.0);
//! ```

use serde::Serialize;
use serde::ser::SerializeStruct as _;

/// Precision, recall and F1 for fractional counts (partial matches count
/// half), with the rule above.
pub fn prf(tp: f64, fp: f64, fn_: f64) -> (f64, f64, f64) {
    if tp + fp == 0.0 && tp + fn_ == 0.0 {
        return (1.0, 1.0, 1.0);
    }
    let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    let f1 = ratio(2.0 * precision * recall, precision + recall);
    (precision, recall, f1)
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Tally {
    /// Gold items and predicted items of which `tp` were matched.
    pub fn from_sizes(gold: usize, predicted: usize, tp: usize) -> Self {
        Self {
            tp: tp as u64,
            fp: predicted.saturating_sub(tp) as u64,
            fn_: gold.saturating_sub(tp) as u64,
        }
    }

    pub fn add(&mut self, other: Self) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn figures(self) -> (f64, f64, f64) {
        prf(self.tp as f64, self.fp as f64, self.fn_ as f64)
    }

    pub fn precision(self) -> f64 {
        self.figures().0
    }

    pub fn recall(self) -> f64 {
        self.figures().1
    }

    pub fn f1(self) -> f64 {
        self.figures().2
    }
}

impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (precision, recall, f1) = self.figures();
        let mut s = serializer.serialize_struct("Tally", 6)?;
        s.serialize_field("tp", &self.tp)?;
        s.serialize_field("fp", &self.fp)?;
        s.serialize_field("fn", &self.fn_)?;
        s.serialize_field("precision", &round(precision))?;
        s.serialize_field("recall", &round(recall))?;
        s.serialize_field("f1", &round(f1))?;
        s.end()
    }
}

/// Span counts in the SemEval-2013 task 9.1 vocabulary: `correct` (same
/// offsets), `partial` (overlapping, different offsets), `missing` (gold
/// left unmatched), `spurious` (predictions left unmatched). All pairs have
/// the same label and are one-to-one.
///
/// A partial pair is half a true positive, half a false positive and half
/// a false negative, so that precision = (COR + ½ PAR) / (COR + PAR + SPU)
/// and recall = (COR + ½ PAR) / (COR + PAR + MIS), as in `SemEval`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartialTally {
    pub correct: u64,
    pub partial: u64,
    pub missing: u64,
    pub spurious: u64,
}

impl PartialTally {
    pub fn add(&mut self, other: Self) {
        self.correct += other.correct;
        self.partial += other.partial;
        self.missing += other.missing;
        self.spurious += other.spurious;
    }

    /// (TP, FP, FN) with half credit for partial pairs.
    pub fn counts(self) -> (f64, f64, f64) {
        let half = self.partial as f64 / 2.0;
        (
            self.correct as f64 + half,
            self.spurious as f64 + half,
            self.missing as f64 + half,
        )
    }

    pub fn f1(self) -> f64 {
        let (tp, fp, fn_) = self.counts();
        prf(tp, fp, fn_).2
    }

    pub fn precision(self) -> f64 {
        let (tp, fp, fn_) = self.counts();
        prf(tp, fp, fn_).0
    }

    pub fn recall(self) -> f64 {
        let (tp, fp, fn_) = self.counts();
        prf(tp, fp, fn_).1
    }
}

impl Serialize for PartialTally {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (tp, fp, fn_) = self.counts();
        let (precision, recall, f1) = prf(tp, fp, fn_);
        let mut s = serializer.serialize_struct("PartialTally", 10)?;
        s.serialize_field("correct", &self.correct)?;
        s.serialize_field("partial", &self.partial)?;
        s.serialize_field("missing", &self.missing)?;
        s.serialize_field("spurious", &self.spurious)?;
        s.serialize_field("tp", &tp)?;
        s.serialize_field("fp", &fp)?;
        s.serialize_field("fn", &fn_)?;
        s.serialize_field("precision", &round(precision))?;
        s.serialize_field("recall", &round(recall))?;
        s.serialize_field("f1", &round(f1))?;
        s.end()
    }
}

/// Six decimals in JSON: enough for any comparison, and stable across
/// platforms' last-bit differences.
pub fn round(value: f64) -> f64 {
    if value.is_finite() {
        (value * 1e6).round() / 1e6
    } else {
        0.0
    }
}

#[cfg(test)]
// The figures compared are exact binary fractions or rounded to 6 decimals.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn empty_sides_give_figures_not_nan() {
        // Nothing on either side: perfect.
        assert_eq!(prf(0.0, 0.0, 0.0), (1.0, 1.0, 1.0));
        // Empty predictions against 4 gold items: P = 0/0 → 0, R = 0/4.
        assert_eq!(prf(0.0, 0.0, 4.0), (0.0, 0.0, 0.0));
        // Empty gold, 2 predictions: P = 0/2, R = 0/0 → 0.
        assert_eq!(prf(0.0, 2.0, 0.0), (0.0, 0.0, 0.0));
        // All wrong on both sides.
        assert_eq!(prf(0.0, 3.0, 3.0), (0.0, 0.0, 0.0));
    }

    #[test]
    fn partial_pairs_count_half() {
        // 2 correct, 1 partial, 1 missing, 0 spurious:
        // TP = 2.5, FP = 0.5, FN = 1.5; P = 2.5/3, R = 2.5/4.
        let t = PartialTally {
            correct: 2,
            partial: 1,
            missing: 1,
            spurious: 0,
        };
        assert_eq!(t.counts(), (2.5, 0.5, 1.5));
        assert!((t.precision() - 2.5 / 3.0).abs() < 1e-12);
        assert!((t.recall() - 0.625).abs() < 1e-12);
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""tp":2.5,"fp":0.5,"fn":1.5"#), "{json}");
    }

    #[test]
    fn tallies_serialise_with_fn_and_rounded_figures() {
        let t = Tally {
            tp: 1,
            fp: 2,
            fn_: 0,
        };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"tp":1,"fp":2,"fn":0,"precision":0.333333,"recall":1.0,"f1":0.5}"#
        );
        assert_eq!(
            Tally::from_sizes(3, 5, 2),
            Tally {
                tp: 2,
                fp: 3,
                fn_: 1
            }
        );
    }
}
