//! Speed of the workbench on long articles and large projects
//! (see docs/benchmarks.md for the targets and the figures).
//!
//! - `frame/scroll_1mb_20k_spans`: one frame of the real app while scrolling
//!   a 1 MB article with 20,000 spans (target ≤ 4 ms).
//! - `frame/key_to_visible_span`: the frame in which a label key press adds a
//!   span and draws it (target ≤ 16 ms).
//! - `frame/selected_claim_1mb_20k_spans`: a frame of that article with a
//!   selected claim's arcs drawn (target ≤ 4 ms).
//! - `project/open_1000x100` and `project/save_1000x100`: a project of 1,000
//!   articles and 100,000 spans (target ≤ 1 s each).
//! - The memory of a loaded project is measured once and printed (target ≤ 3×
//!   the file size).
//! - `review/accept_key_10k_proposals`: the frame in which A accepts the
//!   current proposal of a document with 10,000 proposed spans (target: one
//!   frame per key press).

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use claimmark::app::{AppOptions, ClaimmarkApp};
use claimmark::command::Action;
use claimmark_core::model::CharRange;
use claimmark_core::storage;
use criterion::{Criterion, criterion_group, criterion_main};

#[global_allocator]
static ALLOCATOR: common::Counting = common::Counting;

fn long_article_app() -> (ClaimmarkApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(common::generated_document("long", 1_000_000, 20_000));
    let path = dir.path().join("long.ron");
    storage::save_project(&path, &project).expect("save");
    let app = ClaimmarkApp::new(AppOptions::for_tests(Some(path), Vec::new()));
    (app, dir)
}

fn frames(c: &mut Criterion) {
    let (mut app, _dir) = long_article_app();
    let spans = app.current_document().map_or(0, |d| d.spans().len());
    let bytes = app.current_document().map_or(0, |d| d.text.as_str().len());
    eprintln!("long article: {bytes} bytes, {spans} spans");
    let mut window = common::Headless::new(1280.0, 800.0);
    for _ in 0..5 {
        window.frame(Vec::new(), |ui| app.frame_ui(ui));
    }
    let top = app.article().first_visible_offset();
    for _ in 0..30 {
        let wheel = vec![
            egui::Event::PointerMoved(egui::pos2(640.0, 400.0)),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -300.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            },
        ];
        window.frame(wheel, |ui| app.frame_ui(ui));
    }
    assert_ne!(
        app.article().first_visible_offset(),
        top,
        "the wheel scrolls the article"
    );
    let mut group = c.benchmark_group("frame");
    // Scroll down by a wheel notch each frame, jumping back to the top now
    // and then so that new paragraphs keep coming into view.
    let mut step = 0u32;
    group.bench_function("scroll_1mb_20k_spans", |b| {
        b.iter(|| {
            step += 1;
            let delta = if step.is_multiple_of(400) {
                400.0 * 60.0
            } else {
                -60.0
            };
            let events = vec![
                egui::Event::PointerMoved(egui::pos2(640.0, 400.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, delta),
                    phase: egui::TouchPhase::Move,
                    modifiers: egui::Modifiers::NONE,
                    source: egui::MouseWheelSource::Wheel,
                },
            ];
            window.frame(events, |ui| app.frame_ui(ui));
        });
    });
    // Tag the selection with key 1, timing the frame that adds and shows
    // the span; undo (untimed) to start the next one from the same state.
    let doc_text_len = app.current_document().map_or(0, |d| d.text.char_len());
    let mut offset = 100usize;
    group.bench_function("key_to_visible_span", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                offset = (offset + 7919) % (doc_text_len.saturating_sub(20)).max(1);
                app.push(Action::SetTextSelection(Some(CharRange::from_offsets(
                    offset,
                    offset + 5,
                ))));
                let press = vec![egui::Event::Key {
                    key: egui::Key::Num1,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: egui::Modifiers::NONE,
                }];
                let started = Instant::now();
                window.frame(press, |ui| app.frame_ui(ui));
                total += started.elapsed();
                assert!(app.view().span.is_some(), "the key press made a span");
                app.push(claimmark::command::UiCommand::Undo);
                window.frame(Vec::new(), |ui| app.frame_ui(ui));
            }
            total
        });
    });
    selected_claim_frames(&mut group, &mut app, &mut window);
    group.finish();
    let first = app.article().first_visible_offset();
    eprintln!(
        "after the scroll benchmark the view starts at char {first:?} and draws {} paragraphs",
        app.article().drawn_paragraphs()
    );
}

/// `frame/selected_claim_1mb_20k_spans`: frames of the long article with a
/// selected claim of six arguments on screen, its arcs drawn each frame
/// (the wheel nudges the view a line down and up so it keeps painting).
fn selected_claim_frames(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    app: &mut ClaimmarkApp,
    window: &mut common::Headless,
) {
    use claimmark_core::edit::Edit;
    use claimmark_core::model::{Argument, Claim, Name};
    let doc = app.current_document().expect("a document").clone();
    let from = app.article().first_visible_offset().expect("drawn").get() + 200;
    let spans: Vec<_> = doc
        .spans()
        .iter()
        .filter(|span| span.range.start().get() >= from)
        .take(6)
        .collect();
    let role = |name: &str| Name::parse(name).expect("role");
    let mut arguments = vec![Argument::new(role("trigger"), spans[0].id)];
    // The release type's roles that take several spans.
    for (i, span) in spans.iter().enumerate().skip(1) {
        let name = if i % 2 == 0 { "actor" } else { "source" };
        arguments.push(Argument::new(role(name), span.id));
    }
    let id = doc.next_claim_id();
    let claim = Claim {
        arguments,
        ..Claim::new(id, role("release"))
    };
    app.push(Action::Apply(
        Box::new(Edit::InsertClaim {
            doc: doc.id.clone(),
            claim,
        }),
        "benchmark claim".into(),
    ));
    app.push(Action::SelectClaim(Some(id)));
    for _ in 0..3 {
        window.frame(Vec::new(), |ui| app.frame_ui(ui));
    }
    assert_eq!(
        app.article().connectors().len(),
        spans.len() - 1,
        "every argument's arc is drawn"
    );
    let mut step = 0u32;
    group.bench_function("selected_claim_1mb_20k_spans", |b| {
        b.iter(|| {
            step += 1;
            let delta = if step.is_multiple_of(2) { 20.0 } else { -20.0 };
            let events = vec![
                egui::Event::PointerMoved(egui::pos2(640.0, 400.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, delta),
                    phase: egui::TouchPhase::Move,
                    modifiers: egui::Modifiers::NONE,
                    source: egui::MouseWheelSource::Wheel,
                },
            ];
            window.frame(events, |ui| app.frame_ui(ui));
        });
    });
}

fn project_files(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    let project = common::generated_project(1000, 5_000, 100);
    storage::save_project(&path, &project).expect("save");
    let file_size = std::fs::metadata(&path).map_or(0, |m| m.len());
    eprintln!(
        "big project: {} documents, {} spans, file {:.1} MB",
        project.documents.len(),
        project.span_count(),
        file_size as f64 / 1e6
    );
    drop(project);

    let before = common::LIVE.load(Ordering::Relaxed);
    let loaded = storage::load_project(&path).expect("load");
    let used = common::LIVE.load(Ordering::Relaxed).saturating_sub(before);
    let ratio = used as f64 / file_size as f64;
    eprintln!(
        "memory: loaded project takes {:.1} MB for a {:.1} MB file: {ratio:.2}× (target ≤ 3×)",
        used as f64 / 1e6,
        file_size as f64 / 1e6
    );
    assert!(
        ratio <= 3.0,
        "a loaded project takes {ratio:.2}× its file size"
    );

    let mut group = c.benchmark_group("project");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("open_1000x100", |b| {
        b.iter(|| storage::load_project(&path).expect("load"));
    });
    let out = dir.path().join("saved.ron");
    group.bench_function("save_1000x100", |b| {
        b.iter(|| storage::save_project(&out, &loaded).expect("save"));
    });
    // The save an analyst's session makes: lock, compare with the state
    // read, write, clean up temporaries.
    let mut state = storage::save_project(&out, &loaded).expect("save");
    group.bench_function("save_checked_1000x100", |b| {
        b.iter(|| {
            state =
                storage::save_project_checked(&out, &loaded, storage::Expect::State(&state), None)
                    .expect("save");
        });
    });
    // 20,000 problems, each located at its line and column in one pass.
    let bad_labels = {
        let many = common::generated_project(200, 5_000, 100);
        storage::project_file::to_ron(&many).replace("label: \"", "label: \"x")
    };
    let problems = match storage::project_file::from_ron(&bad_labels) {
        Err(storage::ProjectFileError::Invalid(problems)) => problems.len(),
        _ => 0,
    };
    eprintln!(
        "bad labels: {problems} problems in a {:.1} MB file",
        bad_labels.len() as f64 / 1e6
    );
    group.bench_function("report_bad_labels", |b| {
        b.iter(|| storage::project_file::from_ron(&bad_labels).expect_err("bad"));
    });
    group.finish();
}

/// A key press that accepts a proposal, in a document with 10,000 of them,
/// to the end of the frame that shows the next one.
fn review_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = common::generated_document("proposals", 600_000, 10_000);
    let extractor = claimmark_core::model::Agent::software("bench", None);
    let mut project = claimmark_core::model::Project::default();
    project.documents.push(doc.clone());
    let edits = doc
        .spans()
        .iter()
        .map(|span| {
            let mut span = span.clone();
            span.status = claimmark_core::model::ReviewStatus::Proposed;
            span.origin = Some(claimmark_core::model::SpanOrigin {
                agent: extractor.clone(),
                confidence: None,
            });
            claimmark_core::edit::Edit::ReplaceSpan {
                doc: doc.id.clone(),
                span,
            }
        })
        .collect();
    claimmark_core::edit::Edit::Batch(edits)
        .apply(&mut project)
        .expect("proposals");
    eprintln!(
        "review document: {} proposals",
        claimmark_core::review::pending(&project.documents[0]).len()
    );
    let path = dir.path().join("proposals.ron");
    storage::save_project(&path, &project).expect("save");
    let mut app = ClaimmarkApp::new(AppOptions::for_tests(Some(path), Vec::new()));
    // A named analyst: the first review would otherwise ask for a name.
    app.push(claimmark::command::Action::SetAnalyst("bench".into()));
    let mut window = common::Headless::new(1280.0, 800.0);
    let key = common::key_press;
    window.frame(key(egui::Key::J), |ui| app.frame_ui(ui));
    for _ in 0..3 {
        window.frame(Vec::new(), |ui| app.frame_ui(ui));
    }
    assert!(app.current_proposal().is_some(), "J selected a proposal");
    let mut group = c.benchmark_group("review");
    group.bench_function("accept_key_10k_proposals", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                window.frame(key(egui::Key::A), |ui| app.frame_ui(ui));
                total += started.elapsed();
                // Undo (untimed) so every press accepts a fresh proposal.
                app.push(claimmark::command::UiCommand::Undo);
                window.frame(Vec::new(), |ui| app.frame_ui(ui));
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, frames, review_frames, project_files);
criterion_main!(benches);
