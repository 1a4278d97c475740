//! Generated projects for the benchmarks, and a headless frame loop.

#![allow(dead_code)] // each bench binary uses part of this

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

use claimmark_core::edit::Edit;
use claimmark_core::model::{
    Argument, CanonicalText, CharRange, Claim, ClaimId, DocId, Document, Name, Project, Span,
    SpanId,
};

const WORDS: [&str; 24] = [
    "the",
    "court",
    "in",
    "Minsk",
    "sentenced",
    "activist",
    "to",
    "years",
    "after",
    "a",
    "closed",
    "trial",
    "and",
    "human",
    "rights",
    "groups",
    "said",
    "more",
    "than",
    "prisoners",
    "remain",
    "behind",
    "bars",
    "today",
];
const ENTITIES: [(&str, &str); 6] = [
    ("Ales Bialiatski", "person"),
    ("September 18th", "date"),
    ("1,184", "count"),
    ("released", "event"),
    ("Viasna", "organization"),
    ("Belarus", "place"),
];

/// A document of about `bytes` bytes of text in paragraphs of ~600 chars,
/// with about `spans` spans (some nested), deterministic.
pub fn generated_document(id: &str, bytes: usize, spans: usize) -> Document {
    let mut text = String::with_capacity(bytes + 1024);
    let mut entity_ranges: Vec<(usize, usize, &str)> = Vec::new();
    let mut chars = 0usize;
    let mut n = 0usize;
    let mut paragraph = 0usize;
    while text.len() < bytes {
        if n % 7 == 3 {
            let (entity, label) = ENTITIES[n % ENTITIES.len()];
            let len = entity.chars().count();
            entity_ranges.push((chars, chars + len, label));
            text.push_str(entity);
            chars += len;
        } else {
            let word = WORDS[(n * 7 + n / 3) % WORDS.len()];
            text.push_str(word);
            chars += word.chars().count();
        }
        paragraph += 1;
        if paragraph > 90 {
            text.push_str(".\n\n");
            chars += 3;
            paragraph = 0;
        } else {
            text.push(' ');
            chars += 1;
        }
        n += 1;
    }
    let canonical = CanonicalText::from_bytes(text.as_bytes()).expect("generated text is valid");
    let mut doc = Document::new(
        DocId::parse(id).expect("id"),
        format!("Generated {id}"),
        canonical,
    );
    let mut project = Project::default();
    let step = (entity_ranges.len() / spans.max(1)).max(1);
    let mut made = 0;
    let mut next_id = 1u32;
    let mut spans_list = Vec::new();
    for (i, (start, end, label)) in entity_ranges.iter().enumerate().step_by(step) {
        if made >= spans {
            break;
        }
        spans_list.push(Span::new(
            SpanId(next_id),
            CharRange::from_offsets(*start, *end),
            Name::parse(label).expect("label"),
        ));
        next_id += 1;
        made += 1;
        // Every tenth entity also gets an enclosing span: nesting.
        if i % 10 == 0 && made < spans {
            spans_list.push(Span::new(
                SpanId(next_id),
                CharRange::from_offsets(start.saturating_sub(4), end + 4),
                Name::parse("event").expect("label"),
            ));
            next_id += 1;
            made += 1;
        }
    }
    for span in spans_list {
        let edit = claimmark_core::edit::Edit::InsertSpan {
            doc: doc.id.clone(),
            span,
        };
        if project.documents.is_empty() {
            project.documents.push(doc.clone());
        }
        edit.apply(&mut project).expect("generated span is valid");
    }
    if let Some(filled) = project.documents.pop() {
        doc = filled;
    }
    doc
}

/// A project of `articles` articles of ~`bytes` bytes with `spans` spans each.
pub fn generated_project(articles: usize, bytes: usize, spans: usize) -> Project {
    let mut project = Project::default();
    for i in 0..articles {
        project
            .documents
            .push(generated_document(&format!("article-{i:04}"), bytes, spans));
    }
    project
}

/// A headless egui window of the given size.
pub struct Headless {
    pub ctx: egui::Context,
    pub size: egui::Vec2,
    pub time: f64,
}

impl Headless {
    pub fn new(width: f32, height: f32) -> Self {
        Self {
            ctx: egui::Context::default(),
            size: egui::vec2(width, height),
            time: 0.0,
        }
    }

    /// Runs one frame with these events, tessellates it (as the window
    /// would before drawing), and returns nothing: the cost is the point.
    pub fn frame(&mut self, events: Vec<egui::Event>, ui: impl FnMut(&mut egui::Ui)) {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let mut output = self.ctx.run_ui(input, ui);
        let primitives = self
            .ctx
            .tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        std::hint::black_box(primitives);
        output.textures_delta.clear();
    }
}

/// 1,000 articles of ~8 KB with 120 spans and 100 claims each.
pub fn project_with_claims() -> Project {
    let mut project = generated_project(1000, 8_000, 120);
    let roles = [
        ("trigger", "event"),
        ("arrested_person", "person"),
        ("date", "date"),
        ("place", "place"),
    ];
    for doc in &mut project.documents {
        let by_label = |label: &str| -> Vec<_> {
            doc.spans()
                .iter()
                .filter(|s| s.label.as_str() == label)
                .map(|s| s.id)
                .collect()
        };
        let spans: Vec<Vec<_>> = roles.iter().map(|(_, label)| by_label(label)).collect();
        let claims: Vec<Claim> = (0..100u32)
            .map(|n| Claim {
                arguments: roles
                    .iter()
                    .zip(&spans)
                    .filter(|(_, ids)| !ids.is_empty())
                    .map(|((role, _), ids)| {
                        Argument::new(
                            Name::parse(role).expect("role"),
                            ids[n as usize % ids.len()],
                        )
                    })
                    .collect(),
                ..Claim::new(ClaimId(n + 1), Name::parse("arrest").expect("type"))
            })
            .collect();
        let mut single = Project::new(project_schema());
        single.documents.push(doc.clone());
        for claim in claims {
            Edit::InsertClaim {
                doc: doc.id.clone(),
                claim,
            }
            .apply(&mut single)
            .expect("generated claim is valid");
        }
        *doc = single.documents.pop().expect("the document");
    }
    assert_eq!(project.claim_count(), 100_000);
    project
}

fn project_schema() -> claimmark_core::model::Schema {
    claimmark_core::model::Schema::default_news()
}

/// One press of `key`, no modifiers, as a frame's input events.
pub fn key_press(key: egui::Key) -> Vec<egui::Event> {
    vec![egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }]
}

/// Counts live heap bytes and their peak, to measure memory, over the
/// app's allocator (src/main.rs). A bench binary installs it with
/// `#[global_allocator]`.
pub struct Counting;

pub static LIVE: AtomicUsize = AtomicUsize::new(0);
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: forwards to the app's allocator and only counts sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: same layout as given.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: ptr came from `alloc` with this layout.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `realloc` itself.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}
