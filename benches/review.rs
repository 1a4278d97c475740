//! Speed of the review queue (docs/benchmarks.md, "Review station (issue
//! 10)"), on 1,000 articles with 100,000 proposed claims from two
//! extractors with spread confidences.
//!
//! - `queue/build_100k`: every row of the project, filtered to proposals
//!   and sorted by confidence (target ≤ 100 ms).
//! - `queue/refilter_100k`: the rows already built, selected again with a
//!   filter that keeps one agent under 0.3 confidence and re-sorted by
//!   document, as the window does when the filter changes (target ≤ 20 ms).
//! - `queue/bulk_accept_10k` and `queue/bulk_undo_10k`: the edit that
//!   accepts 10,000 shown claims, built and applied, and its undo (target
//!   ≤ 100 ms each).
//! - `queue_frames/idle`, `queue_frames/j_key`, `queue_frames/a_key`: the
//!   real app with the queue open on that project: a frame, a frame with J
//!   (next row), a frame with A (accept and go on; undone untimed) (target
//!   ≤ 4 ms CPU for a frame, one frame per key).
//! - `runs/diff_runs_100k`: `claimmark diff-runs` on two claims files of
//!   100,000 claims each (the later run changed 10,000 and lost 5,000),
//!   read, parsed and compared (target ≤ 1 s).

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

mod common;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Duration;

use claimmark_core::edit::Edit;
use claimmark_core::model::{Agent, Confidence, Project, Provenance, ReviewStatus, Timestamp};
use claimmark_core::review::{self, QueueFilter, QueueSort, Reviewer};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn proposals() -> Project {
    let mut project = common::project_with_claims();
    let agents = [
        Agent::software("extractor-a", Some("1.0".into())),
        Agent::software("extractor-b", Some("2.3".into())),
    ];
    let created = Timestamp::parse("2026-12-01T00:00:00Z").expect("time");
    let mut edits = Vec::new();
    for (d, doc) in project.documents.iter().enumerate() {
        for claim in doc.claims() {
            let n = d * 100 + claim.id.0 as usize;
            let mut proposed = claim.clone();
            proposed.status = ReviewStatus::Proposed;
            proposed.confidence = Confidence::new(((n * 7919) % 1000) as f64 / 1000.0);
            proposed.provenance = Some(Provenance {
                creator: agents[n % 2].clone(),
                created: created.clone(),
                reviewer: None,
                reviewed: None,
                bulk_review: false,
            });
            edits.push(Edit::ReplaceClaim {
                doc: doc.id.clone(),
                claim: proposed,
            });
        }
    }
    Edit::Batch(edits).apply(&mut project).expect("proposals");
    project
}

fn reviewer() -> Reviewer {
    Reviewer {
        agent: Agent::person("bench"),
        at: Timestamp::parse("2026-12-06T00:00:00Z").expect("time"),
    }
}

fn queue(c: &mut Criterion) {
    let project = proposals();
    let mut group = c.benchmark_group("queue");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("build_100k", |b| {
        b.iter(|| {
            let rows =
                review::queue::build(&project, &QueueFilter::default(), QueueSort::default());
            assert_eq!(rows.len(), 100_000);
            rows
        });
    });
    let filter = QueueFilter {
        agent: Some("extractor-a".into()),
        max_confidence: Some(0.3),
        ..QueueFilter::default()
    };
    // The window keeps every row per project revision and selects again.
    let all = review::queue::rows(&project);
    group.bench_function("refilter_100k", |b| {
        b.iter(|| review::queue::select(&project, &all, &filter, QueueSort::DocumentOrder));
    });
    let rows = review::queue::build(&project, &QueueFilter::default(), QueueSort::DocumentOrder);
    let first_10k = &rows[..10_000];
    group.bench_function("bulk_accept_10k", |b| {
        b.iter_batched(
            || project.clone(),
            |mut copy| {
                let decision =
                    review::decide_all(&copy, first_10k, ReviewStatus::Accepted, &reviewer());
                assert_eq!(decision.claims, 10_000);
                let undo = decision.edit.apply(&mut copy).expect("accept");
                (copy, undo)
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("bulk_undo_10k", |b| {
        b.iter_batched(
            || {
                let mut copy = project.clone();
                let decision =
                    review::decide_all(&copy, first_10k, ReviewStatus::Accepted, &reviewer());
                let undo = decision.edit.apply(&mut copy).expect("accept");
                (copy, undo)
            },
            |(mut copy, undo)| {
                undo.apply(&mut copy).expect("undo");
                copy
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

use common::key_press as key;

fn queue_frames(c: &mut Criterion) {
    use claimmark::app::{AppOptions, ClaimmarkApp};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("queue.ron");
    claimmark_core::storage::save_project(&path, &proposals()).expect("save");
    let mut app = ClaimmarkApp::new(AppOptions::for_tests(Some(path), Vec::new()));
    app.push(claimmark::command::Action::SetAnalyst("bench".into()));
    let mut window = common::Headless::new(1280.0, 800.0);
    window.frame(key(egui::Key::Q), |ui| app.frame_ui(ui));
    for _ in 0..3 {
        window.frame(Vec::new(), |ui| app.frame_ui(ui));
    }
    assert!(app.current_proposal().is_some(), "Q selected the first row");
    let before = app.session().history().revision();
    window.frame(key(egui::Key::A), |ui| app.frame_ui(ui));
    assert_ne!(
        app.session().history().revision(),
        before,
        "A decided the row"
    );
    app.push(claimmark::command::UiCommand::Undo);
    window.frame(Vec::new(), |ui| app.frame_ui(ui));
    let mut group = c.benchmark_group("queue_frames");
    group.sample_size(20);
    group.bench_function("idle", |b| {
        b.iter(|| window.frame(Vec::new(), |ui| app.frame_ui(ui)));
    });
    group.bench_function("j_key", |b| {
        b.iter(|| window.frame(key(egui::Key::J), |ui| app.frame_ui(ui)));
    });
    group.bench_function("a_key", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let started = std::time::Instant::now();
                window.frame(key(egui::Key::A), |ui| app.frame_ui(ui));
                total += started.elapsed();
                app.push(claimmark::command::UiCommand::Undo);
                window.frame(Vec::new(), |ui| app.frame_ui(ui));
            }
            total
        });
    });
    group.finish();
}

fn runs(c: &mut Criterion) {
    use claimmark_core::claim_format::export::{self, Filter};
    let dir = tempfile::tempdir().expect("temp dir");
    let earlier = proposals();
    let mut later = earlier.clone();
    let mut edits = Vec::new();
    for doc in &later.documents {
        for claim in doc.claims() {
            match claim.id.0 % 20 {
                // A changed claim: its last argument dropped.
                0 | 1 => {
                    let mut changed = claim.clone();
                    changed.arguments.pop();
                    edits.push(Edit::ReplaceClaim {
                        doc: doc.id.clone(),
                        claim: changed,
                    });
                }
                2 => edits.push(Edit::RemoveClaim {
                    doc: doc.id.clone(),
                    claim: claim.id,
                }),
                _ => {}
            }
        }
    }
    Edit::Batch(edits).apply(&mut later).expect("second run");
    let write = |project: &Project, name: &str| {
        let path = dir.path().join(name);
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("file"));
        export::write_claims(project, &Filter::default(), &mut out).expect("export");
        std::io::Write::flush(&mut out).expect("flush");
        path
    };
    let (a, b) = (write(&earlier, "a.jsonl"), write(&later, "b.jsonl"));
    let mut group = c.benchmark_group("runs");
    group.sample_size(10);
    group.bench_function("diff_runs_100k", |bench| {
        bench.iter(|| {
            let changes = claimmark_core::claim_format::runs::compare_files(&a, &b).expect("diff");
            let (_, gone_claims, changed_claims, _) = changes.changes.totals();
            assert_eq!((gone_claims, changed_claims), (5_000, 10_000));
            changes
        });
    });
    group.finish();
}

criterion_group!(benches, queue, queue_frames, runs);
criterion_main!(benches);
