//! Importing other tools' files (see docs/benchmarks.md):
//!
//! - `interop/brat_1mb_20k_spans`: one brat pair, a 1 MB text with 20,000
//!   T lines, read, converted, checked and applied (target ≤ 0.3 s).
//! - `interop/label_studio_1000x100`: a Label Studio export of 1,000 tasks
//!   with 100 `labels` results each (UTF-16 offsets), the same (≤ 1 s).
//! - `interop/label_studio_export_1000x100`: writing such a dataset from a
//!   project of 1,000 articles × 100 spans (≤ 1 s).

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use claimmark_core::interop::{self, Format, Options};
use claimmark_core::model::{Document, Project, Schema};
use criterion::{Criterion, criterion_group, criterion_main};

#[global_allocator]
static ALLOCATOR: common::Counting = common::Counting;

fn brat_files(doc: &Document, dir: &std::path::Path) -> PathBuf {
    std::fs::write(dir.join("long.txt"), doc.text.as_str()).expect("write");
    let mut ann = String::new();
    for (n, span) in doc.spans().iter().enumerate() {
        let _ = writeln!(
            ann,
            "T{}\t{} {} {}\t{}",
            n + 1,
            span.label,
            span.range.start(),
            span.range.end(),
            doc.span_text(span)
        );
    }
    let path = dir.join("long.ann");
    std::fs::write(&path, ann).expect("write");
    path
}

fn label_studio_file(project: &Project, dir: &std::path::Path) -> PathBuf {
    let tasks: Vec<serde_json::Value> = project
        .documents
        .iter()
        .enumerate()
        .map(|(t, doc)| {
            // Each task its own text: a numbered first line before the
            // generated one (whose offsets shift by its length).
            let head = format!("Article {t}\n");
            let text = format!("{head}{}", doc.text.as_str());
            let shift = head.chars().count();
            let utf16 = |chars: usize| -> usize {
                text.chars().take(chars + shift).map(char::len_utf16).sum()
            };
            let results: Vec<serde_json::Value> = doc
                .spans()
                .iter()
                .map(|span| {
                    serde_json::json!({"id": format!("r{}", span.id), "type": "labels",
                        "from_name": "label", "to_name": "text",
                        "value": {"start": utf16(span.range.start().get()), "end": utf16(span.range.end().get()),
                            "text": doc.span_text(span), "labels": [span.label.as_str()]}})
                })
                .collect();
            serde_json::json!({"id": t, "data": {"text": text}, "annotations": [{"result": results}]})
        })
        .collect();
    let path = dir.join("export.json");
    std::fs::write(&path, serde_json::to_string(&tasks).expect("json")).expect("write");
    path
}

fn imports(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = common::generated_document("long", 1_000_000, 20_000);
    let ann = brat_files(&long, dir.path());
    let empty = Project::new(Schema::default_news());
    let run = |paths: &[PathBuf], format: Format| {
        let prepared =
            interop::import(&empty, paths, Some(format), &Options::default()).expect("import");
        let mut project = empty.clone();
        prepared.edit.apply(&mut project).expect("apply");
        (project, prepared.report)
    };
    let (project, report) = run(std::slice::from_ref(&ann), Format::Brat);
    assert!(
        report.refused.is_empty(),
        "{:?}",
        &report.refused[..3.min(report.refused.len())]
    );
    eprintln!(
        "brat: {} spans imported",
        project.documents[0].spans().len()
    );
    let many = common::generated_project(1000, 6_000, 100);
    let export = label_studio_file(&many, dir.path());
    let (project, report) = run(std::slice::from_ref(&export), Format::LabelStudio);
    assert!(
        report.refused.is_empty(),
        "{:?}",
        &report.refused[..3.min(report.refused.len())]
    );
    eprintln!(
        "label studio: {} documents, {} spans",
        project.documents.len(),
        report.spans
    );
    let mut group = c.benchmark_group("interop");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("brat_1mb_20k_spans", |b| {
        b.iter(|| run(std::slice::from_ref(&ann), Format::Brat));
    });
    group.bench_function("label_studio_1000x100", |b| {
        b.iter(|| run(std::slice::from_ref(&export), Format::LabelStudio));
    });
    // Export the same 1,000 articles (spans accepted, as generated) to a
    // Label Studio dataset folder, replaced each time.
    let out = dir.path().join("ls-dataset");
    group.bench_function("label_studio_export_1000x100", |b| {
        b.iter(|| {
            claimmark_core::dataset::write_dataset(
                &many,
                std::path::Path::new("p.ron"),
                &out,
                claimmark_core::dataset::Format::LabelStudio,
            )
            .expect("export")
        });
    });
    // The 1 MB article to INCEpTION's TSV and back.
    let mut single = Project::new(Schema::default_news());
    single.documents.push(long.clone());
    let tsv_out = dir.path().join("tsv-dataset");
    let write_tsv = || {
        claimmark_core::dataset::write_dataset(
            &single,
            std::path::Path::new("p.ron"),
            &tsv_out,
            claimmark_core::dataset::Format::InceptionTsv,
        )
        .expect("export")
    };
    let manifest = write_tsv();
    eprintln!(
        "inception tsv: {} spans out of {}, {} not carried",
        manifest.counts.get("spans").copied().unwrap_or(0),
        long.spans().len(),
        manifest.not_carried.len()
    );
    let tsv = tsv_out.join("long.tsv");
    let (_, report) = run(std::slice::from_ref(&tsv), Format::InceptionTsv);
    eprintln!(
        "inception tsv: {} spans back, {} refused",
        report.spans,
        report.refused.len()
    );
    group.bench_function("inception_tsv_export_1mb_20k_spans", |b| {
        b.iter(write_tsv);
    });
    group.bench_function("inception_tsv_import_1mb_20k_spans", |b| {
        b.iter(|| run(std::slice::from_ref(&tsv), Format::InceptionTsv));
    });
    group.finish();
}

criterion_group!(benches, imports);
criterion_main!(benches);
