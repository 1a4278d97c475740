//! The text tables `claimmark score` and `claimmark agree` print: the one
//! place in `score` that formats for people (the reports themselves are
//! data, and serialise to JSON).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::agree::AgreeReport;
use super::annotations::SpanSource;
use super::metrics::{PartialTally, Tally};
use super::report::{ScoreReport, SideSummary};

fn row(out: &mut String, name: &str, t: Tally) {
    let _ = writeln!(
        out,
        "  {name:<28} {:>7} {:>7} {:>7}  {:>6.3} {:>6.3} {:>6.3}",
        t.tp,
        t.fp,
        t.fn_,
        t.precision(),
        t.recall(),
        t.f1()
    );
}

fn header(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "\n{title:<30} {:>7} {:>7} {:>7}  {:>6} {:>6} {:>6}",
        "TP", "FP", "FN", "P", "R", "F1"
    );
}

fn partial_row(out: &mut String, name: &str, t: PartialTally) {
    let _ = writeln!(
        out,
        "  {name:<28} {:>5} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
        t.correct,
        t.partial,
        t.missing,
        t.spurious,
        t.precision(),
        t.recall(),
        t.f1()
    );
}

fn breakdown(out: &mut String, title: &str, by: &BTreeMap<String, Tally>, micro: Tally) {
    header(out, title);
    for (name, t) in by {
        row(out, name, *t);
    }
    row(out, "(micro)", micro);
}

fn side_line(out: &mut String, what: &str, side: &SideSummary) {
    let spans = match side.span_source {
        SpanSource::Spans => "spans",
        SpanSource::ClaimAnchors => "spans from claim anchors",
    };
    let _ = writeln!(
        out,
        "{what}: {} — {} document(s), {} {spans}, {} claim(s)",
        side.source, side.documents, side.spans, side.claims
    );
    if !side.excluded.is_empty() {
        let list: Vec<String> = side
            .excluded
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        let _ = writeln!(out, "  left out by status: {}", list.join(", "));
    }
    for problem in &side.problems {
        let _ = writeln!(out, "  problem: {problem}");
    }
}

/// The report as a table for a terminal.
pub fn render_table(report: &ScoreReport) -> String {
    let mut out = String::new();
    side_line(&mut out, "gold", &report.gold);
    side_line(&mut out, "predictions", &report.pred);
    let d = &report.documents;
    let _ = writeln!(out, "documents compared: {}", d.compared);
    let counted = if d.common_only {
        "left out (--common-only)"
    } else {
        "counted as missed"
    };
    if !d.only_gold.is_empty() {
        let _ = writeln!(
            out,
            "  only in gold ({counted}): {}",
            d.only_gold.join(", ")
        );
    }
    let counted = if d.common_only {
        "left out (--common-only)"
    } else {
        "counted as spurious"
    };
    if !d.only_pred.is_empty() {
        let _ = writeln!(
            out,
            "  only in predictions ({counted}): {}",
            d.only_pred.join(", ")
        );
    }
    for m in &d.text_differs {
        let _ = writeln!(
            out,
            "  text differs: {} (gold {}…, predictions {}…): not compared; fix the text or re-anchor the predictions",
            m.gold,
            m.gold_sha256.get(..12).unwrap_or(&m.gold_sha256),
            m.pred_sha256.get(..12).unwrap_or(&m.pred_sha256),
        );
    }
    for pair in &d.paired_by_text {
        let _ = writeln!(out, "  paired by text: {pair}");
    }

    breakdown(
        &mut out,
        "Spans, strict (by label)",
        &report.spans.strict.by,
        report.spans.strict.micro,
    );
    let _ = writeln!(
        out,
        "\n{:<30} {:>5} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}",
        "Spans, partial (by label)", "COR", "PAR", "MIS", "SPU", "P", "R", "F1"
    );
    for (name, t) in &report.spans.partial.by {
        partial_row(&mut out, name, *t);
    }
    partial_row(&mut out, "(micro)", report.spans.partial.micro);

    let a = &report.arguments;
    breakdown(
        &mut out,
        "Arguments, by claim type",
        &a.by_claim_type,
        a.micro,
    );
    breakdown(&mut out, "Arguments, by role", &a.by_role, a.micro);

    let c = &report.claims;
    breakdown(&mut out, "Claims, by type", &c.by_claim_type, c.micro);
    header(&mut out, "Claims, all arguments equal");
    row(&mut out, "(micro)", c.exact);
    breakdown(
        &mut out,
        "Arguments in aligned claims",
        &c.arguments_in_aligned.by,
        c.arguments_in_aligned.micro,
    );
    for note in &report.notes {
        let _ = writeln!(out, "\nnote: {note}");
    }
    let _ = writeln!(
        out,
        "\nheadline: {} F1 {:.3}",
        report.headline.metric.as_str(),
        report.headline.f1
    );
    out
}

fn kappa_text(k: Option<f64>) -> String {
    k.map_or_else(|| "–".to_owned(), |k| format!("{k:.3}"))
}

/// The agreement report as a table for a terminal.
pub fn render_agree_table(report: &AgreeReport, max_disagreements: usize) -> String {
    let mut out = String::new();
    render_documents(&mut out, report);
    render_spans(&mut out, report);
    render_claims(&mut out, report);
    render_disagreements(&mut out, report, max_disagreements);
    out
}

fn render_documents(out: &mut String, report: &AgreeReport) {
    for (name, side) in [("A", &report.a), ("B", &report.b)] {
        let _ = writeln!(
            out,
            "{name}: {} — {} document(s), {} span(s), {} claim(s)",
            side.source, side.documents, side.spans, side.claims
        );
        for problem in &side.problems {
            let _ = writeln!(out, "  problem: {problem}");
        }
    }
    let d = &report.documents;
    let _ = writeln!(out, "documents compared (same text): {}", d.compared);
    if !d.only_a.is_empty() {
        let _ = writeln!(out, "  only in A: {}", d.only_a.join(", "));
    }
    if !d.only_b.is_empty() {
        let _ = writeln!(out, "  only in B: {}", d.only_b.join(", "));
    }
    for m in &d.text_differs {
        let _ = writeln!(out, "  same id, different text: {} (not compared)", m.gold);
    }
    if !d.without_text.is_empty() {
        let _ = writeln!(
            out,
            "  without text (no kappa): {}",
            d.without_text.join(", ")
        );
    }
}

fn render_spans(out: &mut String, report: &AgreeReport) {
    let _ = writeln!(
        out,
        "\n{:<24} {:>7} {:>7} {:>7}  {:>6} {:>6}  {:>8} {:>8}",
        "Spans (A as reference)", "both", "only A", "only B", "F1", "F1 par", "kappa", "tokens"
    );
    let labels: BTreeSet<&String> = report
        .spans_strict
        .by
        .keys()
        .chain(report.kappa.by_label.keys())
        .collect();
    for label in labels {
        let strict = report
            .spans_strict
            .by
            .get(label)
            .copied()
            .unwrap_or_default();
        let partial = report
            .spans_partial
            .by
            .get(label)
            .copied()
            .unwrap_or_default();
        let k = report
            .kappa
            .by_label
            .get(label)
            .copied()
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {label:<22} {:>7} {:>7} {:>7}  {:>6.3} {:>6.3}  {:>8} {:>4}/{:<4}",
            strict.tp,
            strict.fn_,
            strict.fp,
            strict.f1(),
            partial.f1(),
            kappa_text(k.kappa),
            k.tokens_a,
            k.tokens_b
        );
    }
    let s = report.spans_strict.micro;
    let k = report.kappa.overall;
    let _ = writeln!(
        out,
        "  {:<22} {:>7} {:>7} {:>7}  {:>6.3} {:>6.3}  {:>8} {:>9}",
        "(all)",
        s.tp,
        s.fn_,
        s.fp,
        s.f1(),
        report.spans_partial.micro.f1(),
        kappa_text(k.kappa),
        report.kappa.tokens
    );
    let _ = writeln!(
        out,
        "  kappa over {} tokens: observed {:.3}, expected {:.3}",
        report.kappa.tokens, k.observed, k.expected
    );
}

fn render_claims(out: &mut String, report: &AgreeReport) {
    let _ = writeln!(
        out,
        "\n{:<24} {:>7} {:>7} {:>7}  {:>6}",
        "Claims", "aligned", "only A", "only B", "F1"
    );
    for (ty, t) in &report.claims.by_claim_type {
        let _ = writeln!(
            out,
            "  {ty:<22} {:>7} {:>7} {:>7}  {:>6.3}",
            t.tp,
            t.fn_,
            t.fp,
            t.f1()
        );
    }
    let c = report.claims.micro;
    let _ = writeln!(
        out,
        "  {:<22} {:>7} {:>7} {:>7}  {:>6.3}",
        "(all)",
        c.tp,
        c.fn_,
        c.fp,
        c.f1()
    );
    let args = report.claims.arguments_in_aligned.micro;
    let _ = writeln!(
        out,
        "  arguments in aligned claims: {} agree, {} only A, {} only B (F1 {:.3}); {} aligned claim(s) agree on every argument",
        args.tp,
        args.fn_,
        args.fp,
        args.f1(),
        report.claims.exact.tp
    );
}

fn render_disagreements(out: &mut String, report: &AgreeReport, max_disagreements: usize) {
    let total = report.disagreements.len();
    let _ = writeln!(out, "\nDisagreements: {total}");
    for d in report.disagreements.iter().take(max_disagreements) {
        let at = match (d.start, d.end) {
            (Some(s), Some(e)) => format!("{s}..{e}"),
            _ => "-".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {}  {at:<11} {:<13} “{}”  A: {}  B: {}",
            d.doc, d.kind, d.text, d.a, d.b
        );
    }
    if total > max_disagreements {
        let _ = writeln!(
            out,
            "  … and {} more (--json lists them all)",
            total - max_disagreements
        );
    }
}
