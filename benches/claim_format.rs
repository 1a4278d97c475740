//! Speed of claim/v1 export, import and re-anchoring (docs/benchmarks.md,
//! "Claim format (issue 3)").
//!
//! - `claims/export_100k`: 100,000 hand-made claims (1,000 articles × 100,
//!   4 arguments each) to JSON Lines (target ≤ 1 s).
//! - `claims/export_100k_imported`: the same claims after an import, so each
//!   starts from its original line (unknown fields kept).
//! - `claims/import_100k`: that file read, checked, anchored, turned into
//!   one edit and applied to the articles without annotations (target ≤ 1 s).
//! - `anchors/reattach_10k_edited_1mb`: 10,000 anchors re-attached to a
//!   1 MB article edited since: text inserted every 20,000 chars, a letter
//!   changed in every 97th quote, every 211th quote deleted (target ≤ 1 s).

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

mod common;

/// The app's allocator (src/main.rs), so these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Duration;

use claimmark_core::claim_format::anchor::{self, Placement};
use claimmark_core::claim_format::export::{self, Filter};
use claimmark_core::claim_format::import;
use claimmark_core::claim_format::line::AnchorSpec;
use claimmark_core::claim_format::{CONTEXT_CHARS, MAX_LINE_BYTES};
use claimmark_core::model::{CanonicalText, CharRange, Document, Project};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn without_annotations(project: &Project) -> Project {
    let mut copy = Project {
        documents: Vec::new(),
        ..project.clone()
    };
    for doc in &project.documents {
        copy.documents.push(Document::new(
            doc.id.clone(),
            doc.title.clone(),
            doc.text.clone(),
        ));
    }
    copy
}

fn export_all(project: &Project) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 << 20);
    export::write_claims(project, &Filter::default(), &mut out).expect("export");
    out
}

fn import_all(target: &mut Project, file: &[u8]) -> import::ImportReport {
    let prepared = import::read_claims(
        file,
        "bench.jsonl",
        file.len() as u64,
        target,
        &|_, _| {},
        MAX_LINE_BYTES,
    )
    .expect("read");
    // The generated claims repeat within a document; all of them are
    // imported, as before duplicates were detected.
    let import = prepared.into_edit_with(target, import::Duplicates::Keep);
    import.edit.apply(target).expect("apply");
    import.report
}

fn claims(c: &mut Criterion) {
    let project = common::project_with_claims();
    let file = export_all(&project);
    let bare = without_annotations(&project);
    let mut imported = bare.clone();
    let report = import_all(&mut imported, &file);
    assert_eq!(report.claims, 100_000);
    assert!(report.problems.is_empty());
    eprintln!(
        "export file: {:.1} MB, {} claims; anchors kept {}, moved {}",
        file.len() as f64 / 1e6,
        report.claims,
        report.anchors_kept,
        report.anchors_moved
    );
    let mut group = c.benchmark_group("claims");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("export_100k", |b| b.iter(|| export_all(&project)));
    group.bench_function("export_100k_imported", |b| b.iter(|| export_all(&imported)));
    group.bench_function("import_100k", |b| {
        b.iter_batched_ref(
            || bare.clone(),
            |target| import_all(target, &file),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// The text with edits applied: `insert` before every 20,000th char, a
/// letter changed in every 97th range, every 211th range deleted.
fn edited(text: &str, ranges: &[CharRange]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut replace: Vec<Option<Option<char>>> = vec![None; chars.len()];
    for (i, range) in ranges.iter().enumerate() {
        if i % 211 == 0 {
            for slot in &mut replace[range.start().get()..range.end().get()] {
                *slot = Some(None);
            }
        } else if i % 97 == 0 && range.len() >= 4 {
            replace[range.start().get() + 1] = Some(Some('x'));
        }
    }
    let mut out = String::with_capacity(text.len() + 4096);
    for (i, (&c, change)) in chars.iter().zip(&replace).enumerate() {
        if i % 20_000 == 0 {
            out.push_str("[Updated since the extractor ran] ");
        }
        match change {
            None => out.push(c),
            Some(Some(other)) => out.push(*other),
            Some(None) => {}
        }
    }
    out
}

/// A 1 MB article of varied sentences, each naming one person once: 10,000
/// quotes, all different, in contexts that rarely repeat.
fn article_with_quotes() -> (CanonicalText, Vec<CharRange>) {
    const WORDS: [&str; 16] = [
        "court",
        "Minsk",
        "activist",
        "sentenced",
        "closed",
        "trial",
        "rights",
        "groups",
        "prisoners",
        "released",
        "pardon",
        "detained",
        "colony",
        "appeal",
        "lawyer",
        "family",
    ];
    let mut text = String::with_capacity(1_100_000);
    let mut ranges = Vec::with_capacity(10_000);
    let mut chars = 0usize;
    let mut seed = 7u64;
    let push = |text: &mut String, chars: &mut usize, part: &str| {
        text.push_str(part);
        *chars += part.chars().count();
    };
    for n in 0..10_000 {
        for _ in 0..11 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            push(&mut text, &mut chars, WORDS[(seed >> 60) as usize]);
            push(&mut text, &mut chars, " ");
        }
        let quote = format!("Ales Navumau-{n:05}");
        ranges.push(CharRange::from_offsets(
            chars,
            chars + quote.chars().count(),
        ));
        push(&mut text, &mut chars, &quote);
        push(&mut text, &mut chars, if n % 7 == 0 { ".\n" } else { ", " });
    }
    (
        CanonicalText::from_bytes(text.as_bytes()).expect("generated text"),
        ranges,
    )
}

fn anchors(c: &mut Criterion) {
    let (original, ranges) = article_with_quotes();
    let specs: Vec<AnchorSpec> = ranges
        .iter()
        .map(|&range| AnchorSpec {
            start: range.start().get(),
            end: range.end().get(),
            exact: original.slice(range).expect("in the text").to_owned(),
            prefix: original.context_before(range, CONTEXT_CHARS).to_owned(),
            suffix: original.context_after(range, CONTEXT_CHARS).to_owned(),
        })
        .collect();
    assert_eq!(specs.len(), 10_000);
    let text = CanonicalText::from_bytes(edited(original.as_str(), &ranges).as_bytes())
        .expect("edited text");
    let attach_all = || {
        let mut counts = [0usize; 4];
        for spec in &specs {
            let slot = match anchor::attach(&text, spec, false) {
                Ok(a) if a.placement == Placement::Kept => 0,
                Ok(a) if a.placement == Placement::Moved => 1,
                Ok(_) => 2,
                Err(_) => 3,
            };
            counts[slot] += 1;
        }
        counts
    };
    let [kept, moved, fuzzy, orphans] = attach_all();
    eprintln!(
        "edited text ({} bytes, {} chars): kept {kept}, moved {moved}, fuzzy {fuzzy}, orphans {orphans}",
        text.as_str().len(),
        text.char_len()
    );
    let mut group = c.benchmark_group("anchors");
    group.sample_size(10);
    group.bench_function("reattach_10k_edited_1mb", |b| b.iter(attach_all));
    group.finish();
}

criterion_group!(benches, claims, anchors);
criterion_main!(benches);
