//! `WebAnno` TSV 3.3, which `INCEpTION` imports: one `<doc-id>.tsv` per
//! document (docs/formats.md).
//!
//! - Sentences are the project's (`model::sentences`); tokens are runs of
//!   non-space cut at every exported span's ends, so each span covers whole
//!   tokens. Offsets count UTF-16 code units, as `INCEpTION` does.
//! - Spans are `INCEpTION`'s built-in named-entity layer, the label its
//!   `value`. A claim with a trigger is an annotation of the custom slot
//!   layer `webanno.custom.Claim` on its trigger, its `value` the claim
//!   type, its `arguments` slots the roles, filled by the argument spans.
//! - Annotations spanning several tokens, or stacked on one, have ids
//!   (`person[3]`), as the format wants; values are escaped.
//!
//! Not carried, and listed: claims without a trigger, spans that start or
//! end in white space, and for the whole dataset values, statuses,
//! provenance, entity links and notes.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::{DatasetError, DocSelection, NotCarried, Selection, Writer, Written};
use crate::interop::{OffsetMap, OffsetUnit};
use crate::model::sentences::sentence_starts;
use crate::model::{Claim, Span, TRIGGER_ROLE};

const SPAN_LAYER: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
const CLAIM_LAYER: &str = "webanno.custom.Claim";

fn header() -> String {
    format!(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP={SPAN_LAYER}|identifier|value\n\
         #T_SP={CLAIM_LAYER}|ROLE_{CLAIM_LAYER}:arguments_{CLAIM_LAYER}ArgumentsLink|{SPAN_LAYER}|value\n\n\n"
    )
}

/// A feature value with the format's special characters escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' | '[' | ']' | '|' | '_' | '*' | ';' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Text of a `#Text=` line or a token: only what the line itself would
/// break.
fn escape_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\t', "\\t")
}

/// A token: char range and its `sentence-token` id.
struct Token {
    start: usize,
    end: usize,
    id: String,
}

/// Tokens of `chars`: runs of non-space, cut at sentence starts and at
/// `cuts` (span ends), numbered per sentence; with each sentence's token
/// indexes.
fn tokens(chars: &[char], cuts: &BTreeSet<usize>) -> (Vec<Token>, Vec<std::ops::Range<usize>>) {
    let text: String = chars.iter().collect();
    let starts: BTreeSet<usize> = sentence_starts(&text).into_iter().collect();
    let mut tokens = Vec::new();
    let mut sentences: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at].is_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        at += 1;
        while at < chars.len()
            && !chars[at].is_whitespace()
            && !cuts.contains(&at)
            && !starts.contains(&at)
        {
            at += 1;
        }
        let new_sentence = sentences.is_empty()
            || starts
                .range(tokens.last().map_or(0, |t: &Token| t.end)..=start)
                .next()
                .is_some();
        if new_sentence {
            sentences.push(tokens.len()..tokens.len());
        }
        let sentence = sentences.len();
        let last = sentences.last_mut().map_or(0, |r| {
            r.end += 1;
            r.len()
        });
        tokens.push(Token {
            start,
            end: at,
            id: format!("{sentence}-{last}"),
        });
    }
    (tokens, sentences)
}

/// One layer's annotations, by the tokens they cover.
struct Placed<'a, T> {
    items: Vec<(&'a T, std::ops::Range<usize>, Option<usize>)>,
    on_token: Vec<Vec<usize>>,
}

/// Places `items` (with their char ranges) on `tokens`, giving ids to
/// those that span several tokens or share one, from `next_id`.
fn place<'a, T>(
    tokens: &[Token],
    items: impl Iterator<Item = (&'a T, usize, usize)>,
    next_id: &mut usize,
) -> Placed<'a, T> {
    let mut placed = Placed {
        items: Vec::new(),
        on_token: vec![Vec::new(); tokens.len()],
    };
    for (item, start, end) in items {
        let first = tokens.partition_point(|t| t.end <= start);
        let last = tokens.partition_point(|t| t.start < end);
        for list in &mut placed.on_token[first..last.max(first)] {
            list.push(placed.items.len());
        }
        placed.items.push((item, first..last.max(first), None));
    }
    for index in 0..placed.items.len() {
        let range = placed.items[index].1.clone();
        if range.len() > 1 || range.clone().any(|t| placed.on_token[t].len() > 1) {
            placed.items[index].2 = Some(*next_id);
            *next_id += 1;
        }
    }
    placed
}

fn with_id(value: &str, id: Option<usize>) -> String {
    id.map_or_else(|| value.to_owned(), |id| format!("{value}[{id}]"))
}

fn trigger_of(claim: &Claim) -> Option<crate::model::SpanId> {
    claim
        .arguments
        .iter()
        .find(|a| a.role.as_str() == TRIGGER_ROLE)
        .map(|a| a.span)
}

/// The TSV of one document.
#[allow(clippy::too_many_lines)] // tokens, the two layers, then the lines
fn document_tsv(doc: &DocSelection<'_>, not_carried: &mut Vec<NotCarried>) -> String {
    let text = doc.doc.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    let doc_id = doc.doc.id.to_string();
    let mut spans: Vec<&Span> = Vec::new();
    for span in &doc.spans {
        let (start, end) = (span.range.start().get(), span.range.end().get());
        let edge_space = |at: usize| chars.get(at).is_none_or(|c| c.is_whitespace());
        if start >= end || edge_space(start) || edge_space(end - 1) {
            not_carried.push(NotCarried {
                doc: doc_id.clone(),
                item: format!("span {}", span.id),
                reason: "starts or ends in white space: tokens hold none".to_owned(),
            });
        } else {
            spans.push(span);
        }
    }
    let cuts: BTreeSet<usize> = spans
        .iter()
        .flat_map(|s| [s.range.start().get(), s.range.end().get()])
        .collect();
    let (tokens, sentences) = tokens(&chars, &cuts);
    let mut next_id = 1;
    let named = place(
        &tokens,
        spans
            .iter()
            .map(|s| (*s, s.range.start().get(), s.range.end().get())),
        &mut next_id,
    );
    let span_at: HashMap<crate::model::SpanId, usize> = named
        .items
        .iter()
        .enumerate()
        .map(|(i, (span, _, _))| (span.id, i))
        .collect();
    let mut hosted: Vec<(&Claim, usize, usize)> = Vec::new();
    for claim in &doc.claims {
        match trigger_of(claim).and_then(|t| span_at.get(&t)) {
            Some(&index) => {
                let span = named.items[index].0;
                hosted.push((claim, span.range.start().get(), span.range.end().get()));
            }
            None => not_carried.push(NotCarried {
                doc: doc_id.clone(),
                item: format!("claim {} ({})", claim.id, claim.claim_type),
                reason: "claim without a trigger: its annotation sits on one".to_owned(),
            }),
        }
    }
    let claims = place(
        &tokens,
        hosted.iter().map(|(c, s, e)| (*c, *s, *e)),
        &mut next_id,
    );
    // A filler is named by its first token and, when it has one, its id.
    let filler = |span: crate::model::SpanId| -> Option<String> {
        let (_, range, id) = named.items.get(*span_at.get(&span)?)?;
        Some(with_id(&tokens.get(range.start)?.id, *id))
    };
    let units = OffsetMap::new(text, OffsetUnit::Utf16);
    let unit = |char_offset: usize| {
        units
            .unit_offset(crate::model::CharOffset::new(char_offset))
            .unwrap_or(0)
    };
    let mut out = header();
    for sentence in &sentences {
        let (Some(first), Some(last)) = (tokens.get(sentence.start), tokens.get(sentence.end - 1))
        else {
            continue;
        };
        let covered: String = chars[first.start..last.end].iter().collect();
        for line in covered.split('\n') {
            let _ = writeln!(out, "#Text={}", escape_text(line));
        }
        for index in sentence.clone() {
            let token = &tokens[index];
            let token_text: String = chars[token.start..token.end].iter().collect();
            let _ = write!(
                out,
                "{}\t{}-{}\t{}",
                token.id,
                unit(token.start),
                unit(token.end),
                escape_text(&token_text)
            );
            let here = &named.on_token[index];
            if here.is_empty() {
                out.push_str("\t_\t_");
            } else {
                let identifiers: Vec<String> = here
                    .iter()
                    .map(|&i| with_id("*", named.items[i].2))
                    .collect();
                let values: Vec<String> = here
                    .iter()
                    .map(|&i| with_id(&escape(named.items[i].0.label.as_str()), named.items[i].2))
                    .collect();
                let _ = write!(out, "\t{}\t{}", identifiers.join("|"), values.join("|"));
            }
            let here = &claims.on_token[index];
            if here.is_empty() {
                out.push_str("\t_\t_\t_");
            } else {
                let mut roles = Vec::new();
                let mut fillers = Vec::new();
                let mut types = Vec::new();
                for &i in here {
                    let (claim, _, id) = &claims.items[i];
                    let slots: Vec<(String, String)> = claim
                        .arguments
                        .iter()
                        .filter(|a| a.role.as_str() != TRIGGER_ROLE)
                        .filter_map(|a| Some((escape(a.role.as_str()), filler(a.span)?)))
                        .collect();
                    let (role, target) = if slots.is_empty() {
                        (
                            "_".to_owned(),
                            if id.is_some() { "*" } else { "_" }.to_owned(),
                        )
                    } else {
                        let (r, t): (Vec<String>, Vec<String>) = slots.into_iter().unzip();
                        (r.join(";"), t.join(";"))
                    };
                    roles.push(with_id(&role, *id));
                    fillers.push(target);
                    types.push(with_id(&escape(claim.claim_type.as_str()), *id));
                }
                let _ = write!(
                    out,
                    "\t{}\t{}\t{}",
                    roles.join("|"),
                    fillers.join("|"),
                    types.join("|")
                );
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Writes `<doc-id>.tsv` per document.
pub fn write(selection: &Selection<'_>, writer: &mut Writer) -> Result<Written, DatasetError> {
    let mut written = Written::default();
    for doc in &selection.docs {
        let tsv = document_tsv(doc, &mut written.not_carried);
        writer.write(&format!("{}.tsv", doc.doc.id), tsv.as_bytes())?;
    }
    written.not_carried.push(NotCarried {
        doc: "*".to_owned(),
        item: "values, statuses, provenance, entity links, notes".to_owned(),
        reason: "the export holds spans (named-entity layer) and claims (slot layer) only"
            .to_owned(),
    });
    Ok(written)
}
