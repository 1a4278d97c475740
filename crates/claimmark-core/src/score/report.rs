//! `score`: gold against predictions, for spans, arguments and claims, with
//! a table for people and JSON for machines.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::annotations::{ClaimAnn, Corpus, DocAnnotations, SpanSource};
use super::claims::align_claims;
use super::metrics::{PartialTally, Tally};
use super::pairing::{DocPairing, PairBy, TextMismatch, pair_documents};
use super::spans::{Relabel, match_spans};

/// The figure `--min-f1` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Micro F1 of spans, strict.
    Spans,
    /// Micro F1 of spans, partial (half credit for overlaps).
    SpansPartial,
    /// Micro F1 of argument tuples.
    Arguments,
    /// Micro F1 of aligned claims.
    #[default]
    Claims,
}

impl Metric {
    pub const ALL: [Self; 4] = [
        Self::Spans,
        Self::SpansPartial,
        Self::Arguments,
        Self::Claims,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Spans => "spans",
            Self::SpansPartial => "spans-partial",
            Self::Arguments => "arguments",
            Self::Claims => "claims",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Leave out documents that are not on both sides (with the same
    /// text), instead of counting their gold as missed and their
    /// predictions as spurious.
    pub common_only: bool,
    pub metric: Metric,
}

/// What one side held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SideSummary {
    pub source: String,
    pub span_source: SpanSource,
    pub documents: usize,
    pub spans: usize,
    pub claims: usize,
    /// Items left out by status, e.g. `"claims proposed": 3`.
    pub excluded: BTreeMap<String, usize>,
    /// Lines or files that could not be read.
    pub problems: Vec<String>,
}

impl SideSummary {
    fn of(corpus: &Corpus) -> Self {
        Self {
            source: corpus.source.clone(),
            span_source: corpus.span_source,
            documents: corpus.docs.len(),
            spans: corpus.span_count(),
            claims: corpus.claim_count(),
            excluded: corpus.excluded.counts.clone(),
            problems: corpus.problems.clone(),
        }
    }
}

/// How the documents were paired.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocumentsReport {
    pub compared: usize,
    /// Paired by text although their ids differ: `gold-id = pred-id`.
    pub paired_by_text: Vec<String>,
    /// Counted as missed (unless `common_only`).
    pub only_gold: Vec<String>,
    /// Counted as spurious (unless `common_only`).
    pub only_pred: Vec<String>,
    /// Same id, different text; counted like documents on one side only.
    pub text_differs: Vec<TextMismatch>,
    /// Whether one-sided documents were left out of the figures.
    pub common_only: bool,
}

/// Micro total and a breakdown.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Breakdown<T> {
    pub micro: T,
    pub by: BTreeMap<String, T>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpanScores {
    /// By label.
    pub strict: Breakdown<Tally>,
    /// By label.
    pub partial: Breakdown<PartialTally>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArgumentScores {
    pub micro: Tally,
    pub by_claim_type: BTreeMap<String, Tally>,
    pub by_role: BTreeMap<String, Tally>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimScores {
    /// A true positive is an aligned pair (same type, ≥ 1 argument in common).
    pub micro: Tally,
    pub by_claim_type: BTreeMap<String, Tally>,
    /// A true positive is an aligned pair whose arguments all match.
    pub exact: Tally,
    /// Arguments of aligned pairs only, by role.
    pub arguments_in_aligned: Breakdown<Tally>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub metric: Metric,
    pub f1: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    pub gold: SideSummary,
    pub pred: SideSummary,
    pub documents: DocumentsReport,
    pub spans: SpanScores,
    pub arguments: ArgumentScores,
    pub claims: ClaimScores,
    /// Remarks on how figures were made (e.g. greedy alignment).
    pub notes: Vec<String>,
    pub headline: Headline,
}

impl ScoreReport {
    /// The F1 of a metric (micro).
    pub fn f1(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Spans => self.spans.strict.micro.f1(),
            Metric::SpansPartial => self.spans.partial.micro.f1(),
            Metric::Arguments => self.arguments.micro.f1(),
            Metric::Claims => self.claims.micro.f1(),
        }
    }
}

/// Scores predictions against gold.
pub fn score(gold: &Corpus, pred: &Corpus, options: ScoreOptions) -> ScoreReport {
    let pairing = pair_documents(gold, pred, PairBy::IdThenText);
    let mut acc = Accumulator::default();
    let empty = DocAnnotations::new("");
    for &(g, p) in &pairing.pairs {
        acc.add_document(&gold.docs[g], &pred.docs[p]);
    }
    if !options.common_only {
        for &g in pairing
            .only_gold
            .iter()
            .chain(pairing.text_differs.iter().map(|(g, _)| g))
        {
            acc.add_document(&gold.docs[g], &empty);
        }
        for &p in pairing
            .only_pred
            .iter()
            .chain(pairing.text_differs.iter().map(|(_, p)| p))
        {
            acc.add_document(&empty, &pred.docs[p]);
        }
    }
    let mut notes = Vec::new();
    for (side, corpus, meaning) in [
        ("gold", gold, "every prediction counts as spurious"),
        ("predictions", pred, "every gold item counts as missed"),
    ] {
        if corpus.span_count() == 0 && corpus.claim_count() == 0 {
            notes.push(format!(
                "{side} ({}) hold no spans and no claims: {meaning}",
                corpus.source
            ));
        }
    }
    if acc.greedy_components > 0 {
        notes.push(format!(
            "{} group(s) of more than {} claims sharing values in one document were aligned greedily, not optimally",
            acc.greedy_components,
            super::assign::EXACT_LIMIT
        ));
    }
    let mut report = ScoreReport {
        gold: SideSummary::of(gold),
        pred: SideSummary::of(pred),
        documents: documents_report(gold, pred, &pairing, options.common_only),
        spans: acc.spans,
        arguments: acc.arguments,
        claims: acc.claims,
        notes,
        headline: Headline {
            metric: options.metric,
            f1: 0.0,
        },
    };
    report.headline.f1 = super::metrics::round(report.f1(options.metric));
    report
}

fn documents_report(
    gold: &Corpus,
    pred: &Corpus,
    pairing: &DocPairing,
    common_only: bool,
) -> DocumentsReport {
    DocumentsReport {
        compared: pairing.pairs.len(),
        paired_by_text: pairing
            .by_text
            .iter()
            .map(|&(g, p)| format!("{} = {}", gold.docs[g].id, pred.docs[p].id))
            .collect(),
        only_gold: pairing
            .only_gold
            .iter()
            .map(|&g| gold.docs[g].id.clone())
            .collect(),
        only_pred: pairing
            .only_pred
            .iter()
            .map(|&p| pred.docs[p].id.clone())
            .collect(),
        text_differs: pairing.mismatches(gold, pred),
        common_only,
    }
}

/// Figures summed over documents; `agree` uses it too.
#[derive(Default)]
pub(crate) struct Accumulator {
    pub(crate) spans: SpanScores,
    pub(crate) arguments: ArgumentScores,
    pub(crate) claims: ClaimScores,
    pub(crate) greedy_components: usize,
}

fn bump<'a, T: Default>(map: &'a mut BTreeMap<String, T>, key: &str) -> &'a mut T {
    map.entry(key.to_owned()).or_default()
}

impl Accumulator {
    pub(crate) fn add_document(&mut self, gold: &DocAnnotations, pred: &DocAnnotations) {
        self.add_spans(gold, pred);
        self.add_arguments(&gold.claims, &pred.claims);
        self.add_claims(&gold.claims, &pred.claims);
    }

    fn add_spans(&mut self, gold: &DocAnnotations, pred: &DocAnnotations) {
        let m = match_spans(&gold.spans, &pred.spans, Relabel::Leave);
        let mut strict: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut partial: BTreeMap<&str, PartialTally> = BTreeMap::new();
        for &(g, _) in &m.exact {
            let label = gold.spans[g].label.as_str();
            strict.entry(label).or_default().tp += 1;
            partial.entry(label).or_default().correct += 1;
        }
        for &(g, _) in &m.partial {
            let label = gold.spans[g].label.as_str();
            partial.entry(label).or_default().partial += 1;
        }
        for span in &gold.spans {
            strict.entry(&span.label).or_default().fn_ += 1;
        }
        for span in &pred.spans {
            strict.entry(&span.label).or_default().fp += 1;
        }
        for &g in &m.only_gold {
            partial.entry(&gold.spans[g].label).or_default().missing += 1;
        }
        for &p in &m.only_pred {
            partial.entry(&pred.spans[p].label).or_default().spurious += 1;
        }
        for (label, mut tally) in strict {
            // fn and fp were counted over all spans; take out the matched.
            tally.fn_ -= tally.tp;
            tally.fp -= tally.tp;
            bump(&mut self.spans.strict.by, label).add(tally);
            self.spans.strict.micro.add(tally);
        }
        for (label, tally) in partial {
            bump(&mut self.spans.partial.by, label).add(tally);
            self.spans.partial.micro.add(tally);
        }
    }

    /// Argument tuples (claim type, role, value) of one document, as
    /// multisets: a tuple predicted twice but gold once is one TP, one FP.
    fn add_arguments(&mut self, gold: &[ClaimAnn], pred: &[ClaimAnn]) {
        let mut counts: HashMap<(&str, &str, &str), (u64, u64)> = HashMap::new();
        for claim in gold {
            for arg in &claim.args {
                counts
                    .entry((&claim.claim_type, &arg.role, &arg.value))
                    .or_default()
                    .0 += 1;
            }
        }
        for claim in pred {
            for arg in &claim.args {
                counts
                    .entry((&claim.claim_type, &arg.role, &arg.value))
                    .or_default()
                    .1 += 1;
            }
        }
        let mut by_type: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut by_role: BTreeMap<&str, Tally> = BTreeMap::new();
        for ((claim_type, role, _), (g, p)) in counts {
            let tp = g.min(p);
            let tally = Tally {
                tp,
                fp: p - tp,
                fn_: g - tp,
            };
            by_type.entry(claim_type).or_default().add(tally);
            by_role.entry(role).or_default().add(tally);
            self.arguments.micro.add(tally);
        }
        for (k, t) in by_type {
            bump(&mut self.arguments.by_claim_type, k).add(t);
        }
        for (k, t) in by_role {
            bump(&mut self.arguments.by_role, k).add(t);
        }
    }

    fn add_claims(&mut self, gold: &[ClaimAnn], pred: &[ClaimAnn]) {
        let alignment = align_claims(gold, pred);
        self.greedy_components += alignment.greedy_components;
        let claims = &mut self.claims;
        for pair in &alignment.pairs {
            let (g, p) = (&gold[pair.gold], &pred[pair.pred]);
            let one = Tally {
                tp: 1,
                fp: 0,
                fn_: 0,
            };
            claims.micro.add(one);
            bump(&mut claims.by_claim_type, &g.claim_type).add(one);
            let exact = pair.shared.len() == g.args.len() && pair.shared.len() == p.args.len();
            claims.exact.add(if exact {
                one
            } else {
                Tally {
                    tp: 0,
                    fp: 1,
                    fn_: 1,
                }
            });
            let mut by_role: BTreeMap<&str, Tally> = BTreeMap::new();
            for arg in &g.args {
                by_role.entry(&arg.role).or_default().fn_ += 1;
            }
            for arg in &p.args {
                by_role.entry(&arg.role).or_default().fp += 1;
            }
            for &(ga, _) in &pair.shared {
                let t = by_role.entry(&g.args[ga].role).or_default();
                t.tp += 1;
                t.fn_ -= 1;
                t.fp -= 1;
            }
            for (role, t) in by_role {
                bump(&mut claims.arguments_in_aligned.by, role).add(t);
                claims.arguments_in_aligned.micro.add(t);
            }
        }
        for &g in &alignment.only_gold {
            let miss = Tally {
                tp: 0,
                fp: 0,
                fn_: 1,
            };
            claims.micro.add(miss);
            claims.exact.add(miss);
            bump(&mut claims.by_claim_type, &gold[g].claim_type).add(miss);
        }
        for &p in &alignment.only_pred {
            let spurious = Tally {
                tp: 0,
                fp: 1,
                fn_: 0,
            };
            claims.micro.add(spurious);
            claims.exact.add(spurious);
            bump(&mut claims.by_claim_type, &pred[p].claim_type).add(spurious);
        }
    }
}

// ---------------------------------------------------------------------------
// The table.

#[cfg(test)]
// The figures compared are exact binary fractions or rounded to 6 decimals.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::score::annotations::SpanAnn;
    use crate::score::table::render_table;
    use crate::score::testing::{claim, span};

    fn corpus(docs: Vec<(&str, Vec<SpanAnn>, Vec<ClaimAnn>)>) -> Corpus {
        let mut c = Corpus::new("test", SpanSource::Spans);
        for (id, spans, claims) in docs {
            let mut d = DocAnnotations::new(id);
            d.spans = spans;
            d.claims = claims;
            c.docs.push(d);
        }
        c
    }

    fn figures(t: Tally) -> (u64, u64, u64) {
        (t.tp, t.fp, t.fn_)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// The worked example of docs/scoring.md, every figure by hand.
    fn worked_example() -> (Corpus, Corpus) {
        let gold = corpus(vec![
            (
                "d",
                vec![
                    span(0, 15, "person"),
                    span(20, 29, "date"),
                    span(40, 42, "count"),
                    span(50, 58, "event"),
                ],
                vec![
                    claim(
                        "release",
                        &[
                            ("trigger", "text:freed"),
                            ("released_person", "person:ales"),
                            ("date", "date:2025-09-18/day"),
                        ],
                    ),
                    claim(
                        "prisoner_count",
                        &[
                            ("count", "count:1278/exact"),
                            ("source", "organization:viasna"),
                        ],
                    ),
                ],
            ),
            (
                "only-gold",
                vec![span(0, 4, "person")],
                vec![claim("arrest", &[("date", "date:2024/year")])],
            ),
        ]);
        let pred = corpus(vec![(
            "d",
            vec![
                span(0, 15, "person"),
                span(20, 25, "date"),
                span(40, 42, "count"),
                span(40, 42, "count"),
                span(60, 65, "place"),
            ],
            vec![
                claim(
                    "release",
                    &[
                        ("trigger", "text:freed"),
                        ("date", "date:2025-09-18/day"),
                        ("count", "count:3/exact"),
                    ],
                ),
                claim("arrest", &[("date", "date:2025-09-18/day")]),
                claim(
                    "prisoner_count",
                    &[
                        ("count", "count:1278/exact"),
                        ("source", "organization:viasna"),
                        ("place", "place:belarus"),
                    ],
                ),
            ],
        )]);
        (gold, pred)
    }

    #[test]
    fn worked_example_on_common_documents() {
        let (gold, pred) = worked_example();
        let report = score(
            &gold,
            &pred,
            ScoreOptions {
                common_only: true,
                metric: Metric::Claims,
            },
        );
        assert_eq!(report.documents.only_gold, ["only-gold"]);
        // Spans, strict: person and one count match; the date is off, the
        // event missed, the second count a duplicate, the place spurious.
        let s = report.spans.strict.micro;
        assert_eq!(figures(s), (2, 3, 2));
        assert!(close(s.precision(), 0.4) && close(s.recall(), 0.5) && close(s.f1(), 0.8 / 1.8));
        assert_eq!(figures(report.spans.strict.by["count"]), (1, 1, 0));
        assert_eq!(figures(report.spans.strict.by["date"]), (0, 1, 1));
        // Partial: COR 2, PAR 1 (the date), MIS 1, SPU 2:
        // TP 2.5, FP 2.5, FN 1.5; P = 2.5/5, R = 2.5/4, F1 = 1.25/2.25.
        let p = report.spans.partial.micro;
        assert_eq!((p.correct, p.partial, p.missing, p.spurious), (2, 1, 1, 2));
        assert!(
            close(p.precision(), 0.5) && close(p.recall(), 0.625) && close(p.f1(), 1.25 / 2.25)
        );
        // Arguments: 4 tuples match (trigger, release date, count 1278,
        // Viasna); 3 spurious (release count 3, arrest date, place); 1
        // missed (released person). P 4/7, R 4/5, F1 2/3.
        let a = report.arguments.micro;
        assert_eq!(figures(a), (4, 3, 1));
        assert!(close(a.f1(), 2.0 / 3.0));
        assert_eq!(figures(report.arguments.by_role["date"]), (1, 1, 0));
        assert_eq!(figures(report.arguments.by_claim_type["arrest"]), (0, 1, 0));
        // Claims: release and prisoner_count align, the arrest is spurious.
        let c = report.claims.micro;
        assert_eq!(figures(c), (2, 1, 0));
        assert!(close(c.f1(), 0.8));
        assert_eq!(report.headline.f1, 0.8);
        // Neither aligned pair has all its arguments right.
        assert_eq!(figures(report.claims.exact), (0, 3, 2));
        // Inside the two pairs: 4 shared, the release count and the place
        // extra, the released person missing.
        assert_eq!(figures(report.claims.arguments_in_aligned.micro), (4, 2, 1));
        assert_eq!(
            figures(report.claims.arguments_in_aligned.by["released_person"]),
            (0, 0, 1)
        );
    }

    #[test]
    fn documents_only_in_gold_count_as_missed() {
        let (gold, pred) = worked_example();
        let r = score(&gold, &pred, ScoreOptions::default());
        assert_eq!(figures(r.spans.strict.micro), (2, 3, 3));
        assert_eq!(figures(r.claims.micro), (2, 1, 1));
        assert_eq!(figures(r.arguments.micro), (4, 3, 2));
        assert_eq!(r.spans.partial.micro.missing, 2);
    }

    #[test]
    fn empty_sides_and_all_wrong() {
        let some = || {
            corpus(vec![(
                "d",
                vec![span(0, 4, "person")],
                vec![claim("release", &[("date", "date:2024/year")])],
            )])
        };
        let empty = || corpus(vec![]);
        // Empty gold: every prediction spurious; P = 0, R = 0/0 = 0.
        let r = score(&empty(), &some(), ScoreOptions::default());
        assert_eq!(figures(r.claims.micro), (0, 1, 0));
        assert_eq!(r.documents.only_pred, ["d"]);
        assert_eq!(
            (r.claims.micro.precision(), r.claims.micro.recall()),
            (0.0, 0.0)
        );
        // Empty predictions: every gold item missed.
        let r = score(&some(), &empty(), ScoreOptions::default());
        assert_eq!(figures(r.spans.strict.micro), (0, 0, 1));
        assert_eq!(r.spans.partial.micro.f1(), 0.0);
        // Both empty: nothing to find, nothing found: 1.
        let r = score(&empty(), &empty(), ScoreOptions::default());
        assert_eq!(r.headline.f1, 1.0);
        // All wrong.
        let wrong = corpus(vec![(
            "d",
            vec![span(10, 14, "person")],
            vec![claim("release", &[("date", "date:2023/year")])],
        )]);
        let r = score(&some(), &wrong, ScoreOptions::default());
        for t in [r.spans.strict.micro, r.arguments.micro, r.claims.micro] {
            assert_eq!(figures(t), (0, 1, 1));
            assert_eq!(t.f1(), 0.0);
        }
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            !json.contains("NaN") && !json.contains("null,\"recall"),
            "{json}"
        );
    }

    #[test]
    fn duplicate_predictions_count_once() {
        let gold = corpus(vec![(
            "d",
            vec![span(0, 4, "person")],
            vec![claim("release", &[("date", "x")])],
        )]);
        let pred = corpus(vec![(
            "d",
            vec![span(0, 4, "person"), span(0, 4, "person")],
            vec![
                claim("release", &[("date", "x")]),
                claim("release", &[("date", "x")]),
            ],
        )]);
        let r = score(&gold, &pred, ScoreOptions::default());
        assert_eq!(figures(r.spans.strict.micro), (1, 1, 0));
        assert_eq!(figures(r.arguments.micro), (1, 1, 0));
        assert_eq!(figures(r.claims.micro), (1, 1, 0));
    }

    #[test]
    fn text_mismatches_are_reported_and_counted_as_one_sided() {
        let mut gold = corpus(vec![("d", vec![span(0, 4, "person")], vec![])]);
        let mut pred = corpus(vec![("d", vec![span(0, 4, "person")], vec![])]);
        gold.docs[0].text_sha256 = Some("aa".into());
        pred.docs[0].text_sha256 = Some("bb".into());
        let r = score(&gold, &pred, ScoreOptions::default());
        assert_eq!(r.documents.text_differs.len(), 1);
        assert_eq!(figures(r.spans.strict.micro), (0, 1, 1));
        let table = render_table(&r);
        assert!(
            table.contains("text differs: d (gold aa…, predictions bb…)"),
            "{table}"
        );
        let r = score(
            &gold,
            &pred,
            ScoreOptions {
                common_only: true,
                metric: Metric::Spans,
            },
        );
        assert_eq!(figures(r.spans.strict.micro), (0, 0, 0));
        assert_eq!(r.headline.f1, 1.0);
    }

    #[test]
    fn the_table_shows_every_section() {
        let (gold, pred) = worked_example();
        let table = render_table(&score(&gold, &pred, ScoreOptions::default()));
        for needle in [
            "Spans, strict (by label)",
            "Spans, partial (by label)",
            "Arguments, by claim type",
            "Arguments, by role",
            "Claims, by type",
            "Arguments in aligned claims",
            "only in gold (counted as missed): only-gold",
            "headline: claims F1 0.667",
        ] {
            assert!(table.contains(needle), "{needle} missing in\n{table}");
        }
    }
}
