//! Speed of the suggester (see docs/benchmarks.md for the target and the
//! figures).
//!
//! - `suggest/1mb_article`: `suggest_document` over a generated 1 MB news
//!   article (dates, counts, names, events on every line; a registry of
//!   eight entities to match against). Target ≤ 200 ms.
//! - `suggest/1mb_article_no_registry`: the same without entities.

#![allow(clippy::expect_used)] // a benchmark stops on bad setup

/// The app's allocator (src/main.rs), so these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use claimmark_core::model::{CanonicalText, DocId, Document, Entity, EntityId, Schema, ValueKind};
use claimmark_core::suggest::suggest_document;
use criterion::{Criterion, criterion_group, criterion_main};

/// Sentences in the style of the articles, with `{n}` for a varying number
/// and `{p}` / `{s}` for a varying person and surname.
const SENTENCES: [&str; 12] = [
    "President Alexander Lukashenko pardoned {n} political prisoners on Thursday, his office said.",
    "The human rights centre Viasna says there are currently around 1,{n} political prisoners in Belarus.",
    "Journalist {p} was arrested in Minsk on November 25, 2021 and sentenced to {n} years.",
    "{s}’s lawyer said the appeal would be heard next Monday, and that more than {n} people had written.",
    "Last week the authorities detained over {n} people, and thousands more were questioned this month.",
    "In 2020, mass protests followed the presidential election; four years ago the crackdown began.",
    "Someone told the court that one of the few witnesses had been freed in mid-2023.",
    "An amnesty announced on 8 June 2022 covered 7,850 people, and at least {n} were released.",
    "Between {n} and 2,000 supporters gathered in Vilnius, where Sviatlana Tsikhanouskaya lives in exile.",
    "The report, dated 04.07.2024, lists dozens of cases and a six-year sentence for {p}.",
    "A total of 115 people were set free this year, according to Radio Free Europe/Radio Liberty.",
    "She paid $32.95 for the copy, or less than $3 a month, and read it on December 14th.",
];

const PEOPLE: [(&str, &str); 6] = [
    ("Andrey Kuznechyk", "Kuznechyk"),
    ("Maria Kolesnikova", "Kolesnikova"),
    ("Ihar Losik", "Losik"),
    ("Marfa Rabkova", "Rabkova"),
    ("Viktar Babaryka", "Babaryka"),
    ("Ales Bialiatski", "Bialiatski"),
];

/// A deterministic article of about `bytes` bytes in paragraphs of six
/// sentences.
fn generated_article(bytes: usize) -> Document {
    let mut text = String::with_capacity(bytes + 256);
    let mut n = 0usize;
    while text.len() < bytes {
        let (person, surname) = PEOPLE[n % PEOPLE.len()];
        let sentence = SENTENCES[(n * 5 + n / 7) % SENTENCES.len()]
            .replace("{n}", &(17 + (n * 37) % 900).to_string())
            .replace("{p}", person)
            .replace("{s}", surname);
        text.push_str(&sentence);
        n += 1;
        text.push_str(if n.is_multiple_of(6) { "\n\n" } else { " " });
    }
    let canonical = CanonicalText::from_bytes(text.as_bytes()).expect("generated text is valid");
    let mut doc = Document::new(
        DocId::parse("generated").expect("id"),
        "Generated article".into(),
        canonical,
    );
    doc.published = Some(time::macros::date!(2024 - 11 - 14));
    doc
}

fn registry() -> Vec<Entity> {
    let entity = |id: u32, kind, name: &str, aliases: &[&str]| Entity {
        id: EntityId(id),
        kind,
        name: name.to_owned(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    };
    vec![
        entity(
            1,
            ValueKind::Person,
            "Alexander Lukashenko",
            &["Lukashenka"],
        ),
        entity(2, ValueKind::Person, "Ales Bialiatski", &["Byalyatski"]),
        entity(3, ValueKind::Person, "Maria Kolesnikova", &[]),
        entity(4, ValueKind::Person, "Sviatlana Tsikhanouskaya", &[]),
        entity(5, ValueKind::Person, "Andrey Kuznechyk", &[]),
        entity(
            6,
            ValueKind::Organization,
            "Viasna",
            &["Viasna Human Rights Centre"],
        ),
        entity(7, ValueKind::Place, "Minsk", &[]),
        entity(8, ValueKind::Place, "Vilnius", &[]),
    ]
}

fn suggest(c: &mut Criterion) {
    let doc = generated_article(1_000_000);
    let schema = Schema::default_news();
    let entities = registry();
    let proposals = suggest_document(&doc, &schema, &entities).len();
    eprintln!(
        "generated article: {} bytes, {} chars, {proposals} proposals",
        doc.text.as_str().len(),
        doc.text.char_len()
    );
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("1mb_article", |b| {
        b.iter(|| black_box(suggest_document(black_box(&doc), &schema, &entities)));
    });
    group.bench_function("1mb_article_no_registry", |b| {
        b.iter(|| black_box(suggest_document(black_box(&doc), &schema, &[])));
    });
    group.finish();
}

criterion_group!(benches, suggest);
criterion_main!(benches);
