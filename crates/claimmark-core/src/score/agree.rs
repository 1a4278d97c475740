//! `agree`: how far two analysts agree on the same documents.
//!
//! Documents pair by text SHA-256 (ids may differ between projects).
//! Analyst A plays gold and B predictions for the F1 figures, which are
//! symmetric anyway (swapping the sides swaps P and R, F1 stays).
//!
//! **Cohen's kappa over tokens.** Tokens are the words of Unicode word
//! segmentation (UAX #29) that hold a letter or digit: "1,278" and "can't"
//! are one token each; spaces and punctuation are no tokens. A token is
//! covered by a span when they share a char.
//! - Per label L (binary): each annotator says "L" when one of their spans
//!   of label L covers the token, else "not L".
//! - Overall (multi-class): each annotator gives a token the label of the
//!   shortest of their spans covering it (ties: the label first in name
//!   order), or "none".
//!
//! `κ = (po − pe) / (1 − pe)`, with `po` the share of tokens both gave the
//! same category and `pe = Σ_k pA(k)·pB(k)`. It is undefined (null in
//! JSON, "–" in the table) when `pe = 1`: both put every token in one and
//! the same category. Labels neither used are not listed.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation as _;

use super::annotations::{Corpus, DocAnnotations, SpanAnn};
use super::compare::{ClaimDiff, SpanDiff, compare_documents};
use super::metrics::{PartialTally, Tally, round};
use super::pairing::{PairBy, TextMismatch, pair_documents};
use super::report::{Accumulator, Breakdown};
use crate::model::{CanonicalText, CharOffset, CharRange};

/// The words of a text that hold a letter or digit, as char ranges.
pub fn tokens(text: &CanonicalText) -> Vec<CharRange> {
    let mut offset = CharOffset::ZERO;
    let mut out = Vec::new();
    for segment in text.as_str().split_word_bounds() {
        let len = segment.chars().count();
        let range = CharRange::new(offset, offset.saturating_add(len));
        offset = range.end();
        if segment.chars().any(char::is_alphanumeric) {
            out.push(range);
        }
    }
    out
}

/// Per token: the labels covering it (sorted, deduplicated) and the label
/// of the shortest covering span.
struct TokenLabels<'a> {
    all: Vec<BTreeSet<&'a str>>,
    main: Vec<Option<&'a str>>,
}

fn label_tokens<'a>(tokens: &[CharRange], spans: &'a [SpanAnn]) -> TokenLabels<'a> {
    let mut all = vec![BTreeSet::new(); tokens.len()];
    let mut best: Vec<Option<(usize, &str)>> = vec![None; tokens.len()];
    for span in spans {
        // Tokens are sorted and disjoint: the first that ends after the
        // span's start, then on while they start before its end.
        let first = tokens.partition_point(|t| t.end() <= span.range.start());
        for (t, token) in tokens.iter().enumerate().skip(first) {
            if token.start() >= span.range.end() {
                break;
            }
            all[t].insert(span.label.as_str());
            let candidate = (span.range.len(), span.label.as_str());
            if best[t].is_none_or(|current| candidate < current) {
                best[t] = Some(candidate);
            }
        }
    }
    TokenLabels {
        all,
        main: best
            .into_iter()
            .map(|b| b.map(|(_, label)| label))
            .collect(),
    }
}

/// Cohen's kappa; `None` when the expected agreement is 1.
pub fn kappa(observed: f64, expected: f64) -> Option<f64> {
    let denominator = 1.0 - expected;
    (denominator.abs() > 1e-12).then(|| (observed - expected) / denominator)
}

/// Kappa and the agreements behind it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct KappaFigure {
    /// `null` when undefined (see the module docs).
    pub kappa: Option<f64>,
    pub observed: f64,
    pub expected: f64,
    /// Tokens A / B gave this label (per label) or any label (overall).
    pub tokens_a: u64,
    pub tokens_b: u64,
}

/// Token counts behind the kappas, summed over documents.
#[derive(Default)]
struct KappaCounts {
    tokens: u64,
    /// (A's category, B's category) → tokens; "" is none.
    confusion: BTreeMap<(String, String), u64>,
    /// Per label: [both, only A, only B, neither].
    binary: BTreeMap<String, [u64; 4]>,
}

impl KappaCounts {
    fn add(&mut self, text: &CanonicalText, a: &[SpanAnn], b: &[SpanAnn]) {
        let tokens = tokens(text);
        let la = label_tokens(&tokens, a);
        let lb = label_tokens(&tokens, b);
        self.tokens += tokens.len() as u64;
        let labels: BTreeSet<&str> = a.iter().chain(b).map(|s| s.label.as_str()).collect();
        for label in &labels {
            self.binary.entry((*label).to_owned()).or_default();
        }
        for t in 0..tokens.len() {
            let key = (
                la.main[t].unwrap_or_default().to_owned(),
                lb.main[t].unwrap_or_default().to_owned(),
            );
            *self.confusion.entry(key).or_default() += 1;
            for label in &labels {
                let cell = match (la.all[t].contains(label), lb.all[t].contains(label)) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (false, false) => 3,
                };
                if let Some(counts) = self.binary.get_mut(*label) {
                    counts[cell] += 1;
                }
            }
        }
    }

    fn overall(&self) -> KappaFigure {
        let n = self.tokens as f64;
        if self.tokens == 0 {
            return KappaFigure::default();
        }
        let mut agree = 0;
        let mut margin_a: BTreeMap<&str, u64> = BTreeMap::new();
        let mut margin_b: BTreeMap<&str, u64> = BTreeMap::new();
        for ((ca, cb), &count) in &self.confusion {
            if ca == cb {
                agree += count;
            }
            *margin_a.entry(ca).or_default() += count;
            *margin_b.entry(cb).or_default() += count;
        }
        let expected: f64 = margin_a
            .iter()
            .map(|(k, &na)| na as f64 * margin_b.get(k).copied().unwrap_or(0) as f64)
            .sum::<f64>()
            / (n * n);
        let observed = agree as f64 / n;
        KappaFigure {
            kappa: kappa(observed, expected).map(round),
            observed: round(observed),
            expected: round(expected),
            tokens_a: self.tokens - margin_a.get("").copied().unwrap_or(0),
            tokens_b: self.tokens - margin_b.get("").copied().unwrap_or(0),
        }
    }

    fn by_label(&self) -> BTreeMap<String, KappaFigure> {
        let n = self.tokens as f64;
        self.binary
            .iter()
            .filter(|_| self.tokens > 0)
            .map(|(label, &[both, only_a, only_b, neither])| {
                let (a_yes, b_yes) = ((both + only_a) as f64, (both + only_b) as f64);
                let (a_no, b_no) = ((only_b + neither) as f64, (only_a + neither) as f64);
                let observed = (both + neither) as f64 / n;
                let expected = (a_yes * b_yes + a_no * b_no) / (n * n);
                let figure = KappaFigure {
                    kappa: kappa(observed, expected).map(round),
                    observed: round(observed),
                    expected: round(expected),
                    tokens_a: both + only_a,
                    tokens_b: both + only_b,
                };
                (label.clone(), figure)
            })
            .collect()
    }
}

/// One thing the analysts disagree on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// A's document id (B's when only B has it).
    pub doc: String,
    /// `label`, `boundary`, `value`, `span_only_a`, `span_only_b`,
    /// `claim_differs`, `claim_only_a`, `claim_only_b`.
    pub kind: &'static str,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The text at A's offsets (B's when only B has it).
    pub text: String,
    /// What A has: a label, `label value`, or a claim.
    pub a: String,
    pub b: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreeSide {
    pub source: String,
    pub documents: usize,
    pub spans: usize,
    pub claims: usize,
    pub excluded: BTreeMap<String, usize>,
    pub problems: Vec<String>,
}

impl AgreeSide {
    fn of(corpus: &Corpus) -> Self {
        Self {
            source: corpus.source.clone(),
            documents: corpus.docs.len(),
            spans: corpus.span_count(),
            claims: corpus.claim_count(),
            excluded: corpus.excluded.counts.clone(),
            problems: corpus.problems.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreeDocuments {
    pub compared: usize,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
    /// Same id, different text: not compared.
    pub text_differs: Vec<TextMismatch>,
    /// Compared documents without text (no kappa for them).
    pub without_text: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KappaReport {
    pub tokens: u64,
    pub overall: KappaFigure,
    pub by_label: BTreeMap<String, KappaFigure>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimAgreement {
    /// TP: aligned pairs; FP: claims only B has; FN: claims only A has.
    pub micro: Tally,
    pub by_claim_type: BTreeMap<String, Tally>,
    /// Aligned pairs whose arguments all agree.
    pub exact: Tally,
    pub arguments_in_aligned: Breakdown<Tally>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreeReport {
    pub a: AgreeSide,
    pub b: AgreeSide,
    pub documents: AgreeDocuments,
    pub spans_strict: Breakdown<Tally>,
    pub spans_partial: Breakdown<PartialTally>,
    pub kappa: KappaReport,
    pub claims: ClaimAgreement,
    pub disagreements: Vec<Disagreement>,
}

/// Compares two analysts' annotations of the same documents.
pub fn agree(a: &Corpus, b: &Corpus) -> AgreeReport {
    let pairing = pair_documents(a, b, PairBy::Text);
    let mut acc = Accumulator::default();
    let mut kappa = KappaCounts::default();
    let mut disagreements = Vec::new();
    let mut without_text = Vec::new();
    for &(i, j) in &pairing.pairs {
        let (da, db) = (&a.docs[i], &b.docs[j]);
        acc.add_document(da, db);
        match da.text.as_ref().or(db.text.as_ref()) {
            Some(text) => kappa.add(text, &da.spans, &db.spans),
            None => without_text.push(da.id.clone()),
        }
        disagreements.extend(list_disagreements(da, db));
    }
    AgreeReport {
        a: AgreeSide::of(a),
        b: AgreeSide::of(b),
        documents: AgreeDocuments {
            compared: pairing.pairs.len(),
            only_a: pairing
                .only_gold
                .iter()
                .map(|&i| a.docs[i].id.clone())
                .collect(),
            only_b: pairing
                .only_pred
                .iter()
                .map(|&j| b.docs[j].id.clone())
                .collect(),
            text_differs: pairing.mismatches(a, b),
            without_text,
        },
        spans_strict: acc.spans.strict,
        spans_partial: acc.spans.partial,
        kappa: KappaReport {
            tokens: kappa.tokens,
            overall: kappa.overall(),
            by_label: kappa.by_label(),
        },
        claims: ClaimAgreement {
            micro: acc.claims.micro,
            by_claim_type: acc.claims.by_claim_type,
            exact: acc.claims.exact,
            arguments_in_aligned: acc.claims.arguments_in_aligned,
        },
        disagreements,
    }
}

fn describe_span(span: &SpanAnn, with_value: bool) -> String {
    match (&span.value, with_value) {
        (Some(value), true) => format!("{} {value}", span.label),
        _ => span.label.clone(),
    }
}

fn describe_claim(claim: &super::annotations::ClaimAnn, args: Option<&[usize]>) -> String {
    let shown: Vec<String> = claim
        .args
        .iter()
        .enumerate()
        .filter(|(i, _)| args.is_none_or(|only| only.contains(i)))
        .map(|(_, arg)| format!("{}={}", arg.role, arg.value))
        .collect();
    format!("{} [{}]", claim.claim_type, shown.join(", "))
}

/// The differences between two annotations of one document, in text order.
pub fn list_disagreements(a: &DocAnnotations, b: &DocAnnotations) -> Vec<Disagreement> {
    let comparison = compare_documents(a, b);
    let mut out = Vec::new();
    let entry = |kind, range: Option<CharRange>, text: &str, sa: String, sb: String| Disagreement {
        doc: a.id.clone(),
        kind,
        start: range.map(|r| r.start().get()),
        end: range.map(|r| r.end().get()),
        text: text.to_owned(),
        a: sa,
        b: sb,
    };
    for diff in comparison.spans {
        let (kind, sa, sb) = match diff {
            SpanDiff::Same { .. } => continue,
            SpanDiff::ValueDiffers { a: i, b: j } => ("value", Some(i), Some(j)),
            SpanDiff::LabelDiffers { a: i, b: j } => ("label", Some(i), Some(j)),
            SpanDiff::BoundaryDiffers { a: i, b: j } => ("boundary", Some(i), Some(j)),
            SpanDiff::OnlyA(i) => ("span_only_a", Some(i), None),
            SpanDiff::OnlyB(j) => ("span_only_b", None, Some(j)),
        };
        let sa = sa.and_then(|i| a.spans.get(i));
        let sb = sb.and_then(|j| b.spans.get(j));
        let Some(shown) = sa.or(sb) else { continue };
        let with_value = kind == "value";
        let show = |s: Option<&SpanAnn>| {
            s.map(|s| {
                if kind == "boundary" {
                    format!("{} {}", s.label, s.range)
                } else {
                    describe_span(s, with_value)
                }
            })
        };
        out.push(entry(
            kind,
            Some(shown.range),
            &shown.text,
            show(sa).unwrap_or_else(|| "none".to_owned()),
            show(sb).unwrap_or_else(|| "none".to_owned()),
        ));
    }
    for diff in comparison.claims {
        let (kind, ca, cb, only_a, only_b) = match &diff {
            ClaimDiff::Same { .. } => continue,
            ClaimDiff::Differs {
                a: i,
                b: j,
                only_a_args,
                only_b_args,
            } => (
                "claim_differs",
                Some(*i),
                Some(*j),
                Some(only_a_args.as_slice()),
                Some(only_b_args.as_slice()),
            ),
            ClaimDiff::OnlyA(i) => ("claim_only_a", Some(*i), None, None, None),
            ClaimDiff::OnlyB(j) => ("claim_only_b", None, Some(*j), None, None),
        };
        let ca = ca.and_then(|i| a.claims.get(i));
        let cb = cb.and_then(|j| b.claims.get(j));
        let Some(shown) = ca.or(cb) else { continue };
        let trigger_text = shown.trigger().map(|t| t.text.as_str()).unwrap_or_default();
        out.push(entry(
            kind,
            shown.position(),
            trigger_text,
            ca.map_or_else(|| "none".to_owned(), |c| describe_claim(c, only_a)),
            cb.map_or_else(|| "none".to_owned(), |c| describe_claim(c, only_b)),
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// The table.

#[cfg(test)]
// The figures compared are exact binary fractions or rounded to 6 decimals.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::model::{Project, notation};
    use crate::score::annotations::StatusFilter;
    use crate::score::table::render_agree_table;

    fn corpus(marked: &str) -> Corpus {
        let mut project = Project::default();
        project
            .documents
            .push(notation::document("d", marked).unwrap());
        Corpus::from_project("x", &project, StatusFilter::Reviewed)
    }

    #[test]
    fn tokens_are_words_with_letters_or_digits() {
        let text = CanonicalText::from_bytes("“Ales” freed; 1,278 held.".as_bytes()).unwrap();
        let words: Vec<_> = tokens(&text)
            .into_iter()
            .map(|r| text.slice(r).unwrap())
            .collect();
        assert_eq!(words, ["Ales", "freed", "1,278", "held"]);
    }

    // Eight tokens: Ales Bialiatski was freed on Thursday in Minsk.
    //
    // | token      | A      | B      |
    // |------------|--------|--------|
    // | Ales       | person | none   |
    // | Bialiatski | person | person |
    // | was        | none   | none   |
    // | freed      | event  | event  |
    // | on         | none   | date   |
    // | Thursday   | date   | date   |
    // | in         | none   | none   |
    // | Minsk      | place  | none   |
    //
    // Overall: p_o = 5/8 (Bialiatski, was, freed, Thursday, in).
    // Marginals A: person 2, event 1, date 1, place 1, none 3;
    //           B: person 1, event 1, date 2, place 0, none 4.
    // p_e = (2·1 + 1·1 + 1·2 + 1·0 + 3·4) / 64 = 17/64.
    // κ = (40/64 − 17/64) / (47/64) = 23/47 ≈ 0.489362.
    //
    // Person (binary): both 1, only A 1, only B 0, neither 6.
    // p_o = 7/8; p_e = (2·1 + 6·7)/64 = 44/64; κ = (56 − 44)/(64 − 44) = 0.6.
    // Place: both 0, only A 1, neither 7: p_o = 7/8, p_e = (1·0 + 7·8)/64
    // = 56/64, κ = 0. Event: identical, p_e = (1 + 49)/64, κ = 1.
    #[test]
    fn kappa_matches_the_hand_computation() {
        let a = corpus(
            "[person|Ales Bialiatski] was [event|freed] on [date|Thursday] in [place|Minsk]",
        );
        let b = corpus("Ales [person|Bialiatski] was [event|freed] [date|on Thursday] in Minsk");
        let r = agree(&a, &b);
        assert_eq!(r.kappa.tokens, 8);
        let overall = r.kappa.overall;
        assert_eq!(overall.observed, 0.625);
        assert_eq!(overall.expected, round(17.0 / 64.0));
        assert_eq!(overall.kappa, Some(round(23.0 / 47.0)));
        assert_eq!(r.kappa.by_label["person"].kappa, Some(0.6));
        assert_eq!(r.kappa.by_label["date"].kappa, Some(0.6));
        assert_eq!(r.kappa.by_label["place"].kappa, Some(0.0));
        assert_eq!(r.kappa.by_label["event"].kappa, Some(1.0));
        assert_eq!(
            (
                r.kappa.by_label["date"].tokens_a,
                r.kappa.by_label["date"].tokens_b
            ),
            (1, 2)
        );

        // Spans: the event agrees; person and date differ in boundary;
        // the place is only A's.
        assert_eq!(
            (
                r.spans_strict.micro.tp,
                r.spans_strict.micro.fp,
                r.spans_strict.micro.fn_
            ),
            (1, 2, 3)
        );
        assert_eq!(r.spans_partial.micro.partial, 2);
        let kinds: Vec<_> = r
            .disagreements
            .iter()
            .map(|d| (d.kind, d.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("boundary", "Ales Bialiatski"),
                ("boundary", "Thursday"),
                ("span_only_a", "Minsk")
            ]
        );
        assert_eq!(r.disagreements[0].a, "person 0..15");
        assert_eq!(r.disagreements[0].b, "person 5..15");
        let table = render_agree_table(&r, 10);
        assert!(table.contains("kappa over 8 tokens"), "{table}");
        assert!(table.contains("0.489"), "{table}");
    }

    #[test]
    fn kappa_is_undefined_when_expected_agreement_is_one() {
        assert_eq!(kappa(1.0, 1.0), None);
        assert_eq!(kappa(0.5, 0.5), Some(0.0));
        // Neither analyst tagged anything: every token "none" on both sides.
        let r = agree(
            &corpus("Nothing tagged here"),
            &corpus("Nothing tagged here"),
        );
        assert_eq!(r.kappa.overall.kappa, None);
        assert!(r.kappa.by_label.is_empty());
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""kappa":null"#), "{json}");
        assert!(!json.contains("NaN"));
    }
}
