//! Three-way merges of large projects (see docs/benchmarks.md):
//!
//! - `merge/1000x100_1pct_each_side`: 1,000 articles, 100,000 spans; each
//!   side relabels or annotates 1 % of the spans and adds 1 % more
//!   (target ≤ 1 s).
//! - The peak memory of one merge is measured once and printed, against the
//!   size of the three files (target ≤ 4×).

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use claimmark_core::edit::Edit;
use claimmark_core::model::{CharRange, Name, Project, Span};
use claimmark_core::storage::project_file::to_ron;
use criterion::{Criterion, criterion_group, criterion_main};

#[global_allocator]
static ALLOCATOR: common::Counting = common::Counting;

/// Every `every`-th span of each document changed (a note, or a label on
/// the other side), and one new span per document.
fn changed(base: &Project, every: usize, offset: usize, label: Option<&str>) -> Project {
    let mut side = base.clone();
    let mut edits = Vec::new();
    for doc in &base.documents {
        for span in doc.spans().iter().skip(offset).step_by(every) {
            edits.push(match label {
                Some(label)
                    if span.label.as_str() != label
                        && doc.claims_using(span.id).next().is_none() =>
                {
                    Edit::SetSpanLabel {
                        doc: doc.id.clone(),
                        span: span.id,
                        label: Name::parse(label).expect("label"),
                    }
                }
                _ => Edit::SetSpanNote {
                    doc: doc.id.clone(),
                    span: span.id,
                    note: format!("checked {offset}"),
                },
            });
        }
        let start = (offset * 7) % doc.text.char_len().saturating_sub(5).max(1);
        edits.push(Edit::InsertSpan {
            doc: doc.id.clone(),
            span: Span::new(
                doc.next_span_id(),
                CharRange::from_offsets(start, start + 3),
                Name::parse("count").expect("label"),
            ),
        });
    }
    Edit::Batch(edits).apply(&mut side).expect("edits apply");
    side
}

fn merges(c: &mut Criterion) {
    let base = common::generated_project(1000, 5_000, 100);
    let ours = changed(&base, 100, 3, Some("place"));
    let theirs = changed(&base, 100, 57, None);
    let spans = base.span_count();
    let files: usize = [&base, &ours, &theirs]
        .iter()
        .map(|p| to_ron(p).len())
        .sum();

    common::PEAK.store(common::LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = common::LIVE.load(Ordering::Relaxed);
    let merged = claimmark_core::merge::merge(&base, &ours, &theirs).expect("merges");
    let peak = common::PEAK.load(Ordering::Relaxed).saturating_sub(before);
    let renumbered = merged.report.renumbered;
    let conflicts = merged.project.conflicts.len();
    drop(merged);
    println!(
        "merge of {} documents, {spans} spans: peak {:.1} MB for three files of {:.1} MB together ({:.2}×); {renumbered} ids renumbered, {conflicts} conflicts",
        base.documents.len(),
        peak as f64 / 1e6,
        files as f64 / 1e6,
        peak as f64 / files as f64,
    );

    let mut group = c.benchmark_group("merge");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("1000x100_1pct_each_side", |b| {
        b.iter(|| claimmark_core::merge::merge(&base, &ours, &theirs).expect("merges"));
    });
    group.finish();
}

criterion_group!(benches, merges);
criterion_main!(benches);
