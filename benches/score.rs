//! Speed of scoring (see docs/benchmarks.md, "Scoring (issue 5)").
//!
//! 1,000 documents × 100 gold claims against about 100,000 predicted claims
//! (70 % copied, 15 % with a wrong date and a shifted person span, 15 %
//! missing, and as many spurious claims added; order shuffled per document).
//! Every claim has a trigger, a person, a date, a count and the implicit
//! place "Belarus", which all claims share, so the claims of one type in a
//! document form one alignment component (about 17 × 17).
//!
//! - `score/claims_1000x100`: `score()` on corpora already read (spans,
//!   argument tuples, claim alignment). Target ≤ 1 s.
//! - `score/read_and_score_1000x100`: reading both claim/v1 files (about
//!   60 MB together) and scoring: what `claimmark score` does.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops on bad setup

/// The app's allocator (src/main.rs), so these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use claimmark_core::score::input::{read_both, read_claims};
use claimmark_core::score::{ScoreOptions, StatusFilter, score};
use criterion::{Criterion, criterion_group, criterion_main};

const DOCS: usize = 1_000;
const CLAIMS: usize = 100;
const TYPES: [&str; 6] = [
    "release",
    "arrest",
    "sentence",
    "pardon",
    "amnesty",
    "prisoner_count",
];
const TRIGGERS: [&str; 5] = ["released", "detained", "sentenced", "pardoned", "freed"];

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Clone)]
struct GenClaim {
    ty: usize,
    base: usize,
    trigger: usize,
    person: u64,
    person_shift: usize,
    day: u64,
    count: u64,
}

fn line(out: &mut String, doc: usize, id: &str, c: &GenClaim) {
    let b = c.base;
    let trigger = TRIGGERS[c.trigger];
    let (ps, pe) = (b + 12 + c.person_shift, b + 27);
    let _ = writeln!(
        out,
        concat!(
            r#"{{"schema":"claim/v1","id":"{id}","doc":{{"id":"doc-{doc}","text_sha256":"{doc:064x}","text_length":30000}},"#,
            r#""type":"{ty}","trigger":{{"start":{b},"end":{te},"exact":"{trigger}"}},"args":["#,
            r#"{{"role":"person","anchor":{{"start":{ps},"end":{pe},"exact":"Person {person}"}},"value":{{"kind":"person","name":"Person {person}"}}}},"#,
            r#"{{"role":"date","anchor":{{"start":{ds},"end":{de},"exact":"June {day}"}},"value":{{"kind":"date","value":"2025-06-{day:02}","granularity":"day","anchoring":"published"}}}},"#,
            r#"{{"role":"count","anchor":{{"start":{cs},"end":{ce},"exact":"{count}"}},"value":{{"kind":"count","number":{count},"mod":"exact"}}}},"#,
            r#"{{"role":"place","anchor":null,"value":{{"kind":"place","name":"Belarus"}}}}],"#,
            r#""status":"accepted","confidence":null,"provenance":{{"creator":{{"kind":"software","id":"bench"}},"created":"2026-11-22T10:00:00Z"}}}}"#
        ),
        id = id,
        doc = doc,
        ty = TYPES[c.ty],
        b = b,
        te = b + trigger.chars().count(),
        trigger = trigger,
        ps = ps,
        pe = pe,
        person = c.person,
        ds = b + 40,
        de = b + 47,
        day = c.day,
        cs = b + 60,
        ce = b + 63,
        count = c.count,
    );
}

/// Gold and predicted claim/v1 files, as bytes.
fn files() -> (Vec<u8>, Vec<u8>) {
    let mut rng = Rng(2026);
    let mut gold = String::new();
    let mut pred = String::new();
    for doc in 0..DOCS {
        let mut predicted: Vec<GenClaim> = Vec::new();
        for n in 0..CLAIMS {
            let claim = GenClaim {
                ty: n % TYPES.len(),
                base: n * 300,
                trigger: n % TRIGGERS.len(),
                person: rng.below(60),
                person_shift: 0,
                day: 1 + rng.below(28),
                count: 1 + rng.below(500),
            };
            line(&mut gold, doc, &format!("g{doc}-{n}"), &claim);
            match rng.below(100) {
                0..70 => predicted.push(claim),
                70..85 => predicted.push(GenClaim {
                    day: 1 + (claim.day + 3) % 28,
                    person_shift: 2,
                    ..claim
                }),
                _ => {}
            }
        }
        for n in 0..15 {
            predicted.push(GenClaim {
                ty: rng.below(6) as usize,
                base: 30_000 + n * 300,
                trigger: rng.below(5) as usize,
                person: rng.below(60),
                person_shift: 0,
                day: 1 + rng.below(28),
                count: 1 + rng.below(500),
            });
        }
        for i in (1..predicted.len()).rev() {
            predicted.swap(i, rng.below(i as u64 + 1) as usize);
        }
        for (n, claim) in predicted.iter().enumerate() {
            line(&mut pred, doc, &format!("p{doc}-{n}"), claim);
        }
    }
    (gold.into_bytes(), pred.into_bytes())
}

fn scoring(c: &mut Criterion) {
    let (gold_bytes, pred_bytes) = files();
    let gold = read_claims("gold.jsonl", &gold_bytes, StatusFilter::Reviewed);
    let pred = read_claims("pred.jsonl", &pred_bytes, StatusFilter::NotRejected);
    assert!(gold.problems.is_empty() && pred.problems.is_empty());
    let report = score(&gold, &pred, ScoreOptions::default());
    println!(
        "gold {} claims ({} MB), predictions {} claims ({} MB); claims F1 {:.3}, arguments F1 {:.3}, spans F1 {:.3}; greedy components {}",
        gold.claim_count(),
        gold_bytes.len() / 1_000_000,
        pred.claim_count(),
        pred_bytes.len() / 1_000_000,
        report.claims.micro.f1(),
        report.arguments.micro.f1(),
        report.spans.strict.micro.f1(),
        report.notes.len(),
    );
    let mut group = c.benchmark_group("score");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("claims_1000x100", |b| {
        b.iter(|| score(black_box(&gold), black_box(&pred), ScoreOptions::default()));
    });
    group.bench_function("read_and_score_1000x100", |b| {
        b.iter(|| {
            // Both sides at once, as `claimmark score` reads them.
            let (gold, pred) = read_both(
                || read_claims("gold.jsonl", black_box(&gold_bytes), StatusFilter::Reviewed),
                || {
                    read_claims(
                        "pred.jsonl",
                        black_box(&pred_bytes),
                        StatusFilter::NotRejected,
                    )
                },
            );
            score(&gold, &pred, ScoreOptions::default())
        });
    });
    group.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
