//! Speed of the claims ledger (see docs/benchmarks.md, "Claims ledger").
//!
//! 1,000 generated articles with 100 claims each: a third Viasna-style
//! prisoner counts (source, place, as-of date, count), a third releases
//! (actor, date, count), a third arrests (person, place, date). Each fact
//! recurs in about ten articles, and one claim in fifty states a count
//! that contradicts the others, so grouping and range checks do real work.
//! Every span carries its normalised value, as tagging leaves it.
//!
//! - `ledger/build_1000x100`: `Ledger::build` and its report (target
//!   ≤ 200 ms).
//! - `ledger/update_after_one_edit`: one claim's count changed, then
//!   `Ledger::update` of that document and the report, what the window does
//!   after an edit (target ≤ 10 ms).
//! - `ledger/timeline_frame_10k_points`: one frame of the timeline with
//!   10,000 counts, through `egui::Context` and tessellation (target ≤ 4 ms).

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

mod common;

use std::hint::black_box;
use std::time::Duration;

use claimmark_core::edit::Edit;
use claimmark_core::ledger::{Ledger, LedgerOptions, timeline};
use claimmark_core::model::{
    Argument, CanonicalText, CharRange, Claim, ClaimId, DocId, Document, Name, Project, Schema,
    Span, SpanId,
};
use criterion::{Criterion, criterion_group, criterion_main};

#[global_allocator]
static ALLOCATOR: common::Counting = common::Counting;

const SOURCES: [&str; 5] = [
    "Viasna",
    "Amnesty International",
    "Human Rights Watch",
    "the UN",
    "Dissidentby",
];
const FIRST: [&str; 10] = [
    "Ales",
    "Maria",
    "Ihar",
    "Andrei",
    "Olga",
    "Pavel",
    "Katsiaryna",
    "Mikola",
    "Ina",
    "Yury",
];
const LAST: [&str; 10] = [
    "Kavalenka",
    "Losik",
    "Statkevich",
    "Babaryka",
    "Kolesnikova",
    "Zhuk",
    "Andreyeva",
    "Dziadok",
    "Barysava",
    "Sholik",
];

/// One article's text, spans (with values) and claims, built sentence by
/// sentence.
struct Article {
    text: String,
    chars: usize,
    spans: Vec<Span>,
    claims: Vec<Claim>,
}

impl Article {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.chars += text.chars().count();
    }

    /// Appends `text` as a span of `label`; returns its id.
    fn span(&mut self, text: &str, label: &str) -> SpanId {
        let id = SpanId(u32::try_from(self.spans.len()).expect("few spans") + 1);
        let start = self.chars;
        self.push(text);
        self.spans.push(Span::new(
            id,
            CharRange::from_offsets(start, self.chars),
            Name::parse(label).expect("label"),
        ));
        id
    }

    fn claim(&mut self, claim_type: &str, arguments: &[(&str, SpanId)]) {
        let id = ClaimId(u32::try_from(self.claims.len()).expect("few claims") + 1);
        self.claims.push(Claim {
            arguments: arguments
                .iter()
                .map(|(role, span)| Argument::new(Name::parse(role).expect("role"), *span))
                .collect(),
            ..Claim::new(id, Name::parse(claim_type).expect("type"))
        });
    }
}

fn date_words(fact: usize) -> String {
    let month = u8::try_from((fact / 28) % 12 + 1).expect("a month number");
    let month = time::Month::try_from(month).expect("a month");
    format!("{} {month} 2025", fact % 28 + 1)
}

fn thousands(n: usize) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// Article `index` with `claims` claims; `only_counts` picks which of the three
/// claim kinds it uses (all three, or only counts for the timeline).
#[allow(clippy::too_many_lines)] // one sentence pattern per claim kind
fn article(project: &Project, index: usize, claims: usize, only_counts: bool) -> Document {
    let mut article = Article {
        text: String::new(),
        chars: 0,
        spans: Vec::new(),
        claims: Vec::new(),
    };
    for n in 0..claims {
        // About ten articles state each fact.
        let fact = (index / 10) * claims + n;
        let off = usize::from((index * 31 + n * 7).is_multiple_of(50)) * 60;
        let kind = if only_counts { 0 } else { n % 3 };
        match kind {
            0 => {
                let source = article.span(SOURCES[fact % SOURCES.len()], "organization");
                article.push(" counts ");
                let count = article.span(&thousands(1_000 + fact % 500 + off), "count");
                article.push(" political prisoners in ");
                let place = article.span("Belarus", "place");
                article.push(" as of ");
                let as_of = article.span(&date_words(fact), "date");
                article.push(". ");
                article.claim(
                    "prisoner_count",
                    &[
                        ("source", source),
                        ("count", count),
                        ("place", place),
                        ("as_of", as_of),
                    ],
                );
            }
            1 => {
                let actor = article.span("Alexander Lukashenko", "person");
                article.push(" ");
                let trigger = article.span("released", "event");
                article.push(" ");
                let count = article.span(&(10 + fact % 40 + off).to_string(), "count");
                article.push(" prisoners on ");
                let date = article.span(&date_words(fact), "date");
                article.push(". ");
                article.claim(
                    "release",
                    &[
                        ("trigger", trigger),
                        ("actor", actor),
                        ("count", count),
                        ("date", date),
                    ],
                );
            }
            _ => {
                article.push("Police ");
                let trigger = article.span("detained", "event");
                article.push(" ");
                let name = format!("{} {}", FIRST[fact % 10], LAST[(fact / 10) % 10]);
                let person = article.span(&name, "person");
                article.push(" in ");
                let place = article.span("Minsk", "place");
                article.push(" on ");
                let date = article.span(&date_words(fact + off), "date");
                article.push(". ");
                article.claim(
                    "arrest",
                    &[
                        ("trigger", trigger),
                        ("arrested_person", person),
                        ("place", place),
                        ("date", date),
                    ],
                );
            }
        }
        if n % 5 == 4 {
            article.push("\n\n");
        }
    }
    let text = CanonicalText::from_bytes(article.text.as_bytes()).expect("generated text");
    let id = DocId::parse(&format!("article-{index:04}")).expect("id");
    let mut doc = Document::new(id.clone(), format!("Article {index}"), text);
    doc.published = time::Date::from_calendar_date(2026, time::Month::January, 1).ok();
    let mut single = Project::new(project.schema.clone());
    single.documents.push(doc);
    let spans = article
        .spans
        .into_iter()
        .map(|span| {
            claimmark_core::annotate::with_normalized_value(
                &single,
                &single.documents[0],
                span,
                false,
            )
            .0
        })
        .collect();
    Edit::InsertAnnotations {
        doc: id,
        spans,
        claims: article.claims,
    }
    .apply(&mut single)
    .expect("generated annotations are valid");
    single.documents.pop().expect("the article")
}

fn project(articles: usize, claims: usize, only_counts: bool) -> Project {
    let mut project = Project::new(Schema::default_news());
    for index in 0..articles {
        let doc = article(&project, index, claims, only_counts);
        project.documents.push(doc);
    }
    project
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));

    let mut big = project(1_000, 100, false);
    assert_eq!(big.claim_count(), 100_000);
    let ledger = Ledger::build(&big, LedgerOptions::default());
    let report = ledger.report(&big);
    println!(
        "ledger of 1,000 × 100: {} facts, {} ungrouped, {} problems",
        report.facts.len(),
        report.ungrouped.len(),
        report.problems.len()
    );
    assert!(report.facts.len() > 1_000 && !report.problems.is_empty());
    group.bench_function("build_1000x100", |b| {
        b.iter(|| {
            let ledger = Ledger::build(black_box(&big), LedgerOptions::default());
            black_box(ledger.report(&big));
        });
    });

    // One count changed back and forth by hand (to another claim's count
    // and back), so every iteration edits a value the ledger groups on.
    let mut ledger = ledger;
    let doc = big.documents[500].id.clone();
    let spans = {
        let article = &big.documents[500];
        let span_of = |claim: usize| {
            article
                .span(article.claims()[claim].arguments[1].span)
                .expect("the count")
                .clone()
        };
        let original = span_of(0);
        let mut changed = original.clone();
        changed.value = span_of(3).value.map(|mut value| {
            value.source = claimmark_core::model::ValueSource::Hand;
            value
        });
        [original, changed]
    };
    let mut next = spans.iter().cycle().skip(1);
    group.bench_function("update_after_one_edit", |b| {
        b.iter(|| {
            let edit = Edit::ReplaceSpan {
                doc: doc.clone(),
                span: next.next().expect("cycles").clone(),
            };
            edit.apply(&mut big).expect("a valid edit");
            ledger.update(&big, &doc);
            black_box(ledger.report(&big));
        });
    });

    let counts = project(100, 100, true);
    let ledger = Ledger::build(&counts, LedgerOptions::default());
    let points = timeline::count_points(&counts, &ledger);
    assert_eq!(points.len(), 10_000);
    let (marks, series) = claimmark::ui::ledger::count_marks(&points);
    let mut window = common::Headless::new(1280.0, 800.0);
    let mut frame = || {
        window.frame(Vec::new(), |ui| {
            black_box(claimmark::ui::timeline::timeline_ui(
                ui,
                "ledger_timeline",
                &counts,
                &marks,
                &series,
                &claimmark::ui::timeline::YAxis::Numbers,
            ));
        });
    };
    frame();
    group.bench_function("timeline_frame_10k_points", |b| b.iter(&mut frame));
    group.finish();
}

criterion_group!(ledger_benches, benches);
criterion_main!(ledger_benches);
