//! Finding people, organizations and places in running text.
//!
//! In order, each step skipping tokens an earlier one took:
//! 1. Registry names and aliases (`Project::entities`) and the gazetteer of
//!    `lists` (places, organizations), exactly as written (or all in
//!    capitals, as in a dateline), the longest at each place; a registry
//!    match is linked to its entity.
//! 2. People by shape: a run of two or three capitalised words, single
//!    spaces (or a hyphen) between them, none a title, month, determiner or
//!    organization word, and either starting with a known given name, or
//!    after a title or role word ("President", "journalist"), or ending
//!    like an East Slavic surname ("-ski", "-enko", "-ova", "-ich"…).
//!    A single capitalised word after a title is a person too
//!    ("President Lukashenko"). Titles stay outside the span.
//! 3. A single capitalised word equal to the surname of a person found in
//!    step 2 anywhere in the document, or that the registry links
//!    ([`names::should_link`]), is that person ("Kuznechyk's" → the span
//!    "Kuznechyk", the possessive outside).
//!
//! Lines that look like headlines (most words capitalised) get steps 1 and
//! 3 only: title case makes every run of words look like a name.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Entity, EntityId, ValueKind};
use crate::normalize::names;
use crate::normalize::text::{TokenKind, Tokens};

use super::lists;

/// A person, organization or place found in the text: tokens `[first, end)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub kind: ValueKind,
    pub first: usize,
    pub end: usize,
    pub entity: Option<EntityId>,
    /// The gazetteer's spelling, for a gazetteer match ("TALLINN" is
    /// "Tallinn").
    pub canonical: Option<&'static str>,
    pub confidence: f64,
}

/// A name to find exactly as written.
struct Entry {
    chars: Vec<char>,
    kind: ValueKind,
    entity: Option<EntityId>,
    canonical: Option<&'static str>,
}

/// Registry names first (a registry entry wins over a gazetteer entry of
/// the same length), then the gazetteer; keyed by their first word.
fn entries(entities: &[Entity]) -> BTreeMap<String, Vec<Entry>> {
    let mut by_first: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let registry = entities.iter().flat_map(|entity| {
        std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .map(move |name| (name.as_str(), entity.kind, Some(entity.id), None))
    });
    let gazetteer = lists::PLACES
        .iter()
        .map(|name| (*name, ValueKind::Place, None, Some(*name)))
        .chain(
            lists::ORGANIZATIONS
                .iter()
                .map(|name| (*name, ValueKind::Organization, None, Some(*name))),
        );
    for (name, kind, entity, canonical) in registry.chain(gazetteer) {
        let first: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if first.is_empty() {
            continue;
        }
        by_first.entry(first).or_default().push(Entry {
            chars: name.chars().collect(),
            kind,
            entity,
            canonical,
        });
    }
    for list in by_first.values_mut() {
        // Longest first; the sort is stable, so registry entries stay first.
        list.sort_by_key(|entry| std::cmp::Reverse(entry.chars.len()));
    }
    by_first
}

fn token_text(tokens: &Tokens, index: usize) -> &[char] {
    tokens
        .get(index)
        .and_then(|t| tokens.chars.get(t.start..t.end))
        .unwrap_or_default()
}

fn token_is(tokens: &Tokens, index: usize, list: &[&str]) -> bool {
    let text: String = token_text(tokens, index).iter().collect();
    list.contains(&text.as_str())
}

/// The token index one past an exact match of `entry` starting at token
/// `index`, if the match ends on a token boundary.
fn match_entry(tokens: &Tokens, index: usize, entry: &Entry) -> Option<usize> {
    let start = tokens.get(index)?.start;
    let end = start + entry.chars.len();
    let text = tokens.chars.get(start..end)?;
    // Exactly as written, or all in capitals ("MINSK —" in a dateline).
    let exact = text == entry.chars.as_slice();
    let capitals = || {
        text.iter().all(|c| !c.is_lowercase())
            && text
                .iter()
                .zip(&entry.chars)
                .all(|(t, e)| e.to_uppercase().eq(std::iter::once(*t)))
    };
    if !exact && !capitals() {
        return None;
    }
    let mut last = index;
    while tokens.get(last)?.end < end {
        last += 1;
    }
    (tokens.get(last)?.end == end).then_some(last + 1)
}

/// Whether each token is on a line that looks like a headline: no closing
/// punctuation at its end and at least 80 % of its longer words (four
/// letters or more) capitalised.
fn headline_tokens(tokens: &Tokens) -> Vec<bool> {
    let mut flags = vec![false; tokens.len()];
    let mut line_start = 0;
    for index in 0..=tokens.len() {
        if index == tokens.len() || (index > 0 && tokens.starts_line(index)) {
            let words: Vec<bool> = (line_start..index)
                .filter_map(|i| tokens.get(i))
                .filter(|t| t.kind == TokenKind::Word && t.end - t.start > 3)
                .map(|t| t.capitalized)
                .collect();
            let capitalized = words.iter().filter(|c| **c).count();
            let closed = index
                .checked_sub(1)
                .and_then(|i| tokens.get(i))
                .is_some_and(|t| {
                    t.kind == TokenKind::Punct
                        && t.lower.starts_with(['.', '!', '?', ':', '"', '”', '…'])
                });
            let headline = !closed && words.len() >= 2 && capitalized * 10 >= words.len() * 8;
            for flag in flags.iter_mut().take(index).skip(line_start) {
                *flag = headline;
            }
            line_start = index;
        }
    }
    flags
}

/// A capitalised word that may be part of a person's name.
fn is_name_word(tokens: &Tokens, index: usize) -> bool {
    let Some(token) = tokens.get(index) else {
        return false;
    };
    if token.kind != TokenKind::Word || !token.capitalized {
        return false;
    }
    let text = token_text(tokens, index);
    let all_caps = text.len() > 1 && text.iter().all(|c| !c.is_lowercase());
    !all_caps
        && !token_is(tokens, index, lists::NOT_NAMES)
        && !token_is(tokens, index, lists::TITLES)
}

/// Whether the gap after token `index` is exactly one space.
fn single_space_after(tokens: &Tokens, index: usize) -> bool {
    matches!(tokens.gap_after(index), [' ' | '\u{a0}'])
}

fn has_surname_ending(tokens: &Tokens, index: usize) -> bool {
    tokens.get(index).is_some_and(|t| {
        lists::SURNAME_ENDINGS
            .iter()
            .any(|ending| t.lower.ends_with(ending))
    })
}

/// The token index one past a run of name words starting at `index`, and
/// the number of words in it.
fn name_run(tokens: &Tokens, index: usize, free: &dyn Fn(usize) -> bool) -> (usize, usize) {
    let mut end = index + 1;
    let mut words = 1;
    loop {
        let last = end - 1;
        // "Sharenda-Panasiuk": a hyphen touching two name words.
        if tokens.punct_at(end, '-')
            && tokens.touches_next(last)
            && tokens.touches_next(end)
            && free(end + 1)
            && is_name_word(tokens, end + 1)
        {
            end += 2;
            continue;
        }
        if single_space_after(tokens, last) && free(end) && is_name_word(tokens, end) {
            end += 1;
            words += 1;
            continue;
        }
        return (end, words);
    }
}

/// Whether a title or role word stands just before token `index`.
fn cue_before(tokens: &Tokens, index: usize) -> bool {
    let Some(previous) = index.checked_sub(1) else {
        return false;
    };
    token_is(tokens, previous, lists::TITLES)
        || tokens.get(previous).is_some_and(|t| {
            t.kind == TokenKind::Word && lists::ROLE_WORDS.contains(&t.lower.as_str())
        })
}

/// Registry links for mentions, computed once per spelling.
struct Linker<'e> {
    entities: &'e [Entity],
    cache: BTreeMap<String, Option<EntityId>>,
}

impl Linker<'_> {
    fn link(&mut self, kind: ValueKind, mention: String) -> Option<EntityId> {
        if self.entities.is_empty() {
            return None;
        }
        if let Some(known) = self.cache.get(&mention) {
            return *known;
        }
        let linked = names::should_link(&names::best_matches(self.entities, kind, &mention));
        self.cache.insert(mention, linked);
        linked
    }
}

fn span_text(tokens: &Tokens, first: usize, end: usize) -> String {
    tokens
        .char_span(first, end)
        .and_then(|(start, end)| tokens.chars.get(start..end))
        .map(|chars| chars.iter().collect())
        .unwrap_or_default()
}

/// People, organizations and places in `tokens`, in text order, never on a
/// token where `blocked` is true (dates and counts).
pub(crate) fn find_mentions(
    tokens: &Tokens,
    entities: &[Entity],
    blocked: &[bool],
) -> Vec<Mention> {
    let mut taken: Vec<bool> = blocked.to_vec();
    taken.resize(tokens.len(), false);
    let mut found: Vec<Mention> = Vec::new();
    let entries = entries(entities);
    let mut linker = Linker {
        entities,
        cache: BTreeMap::new(),
    };

    // 1. Registry and gazetteer, exactly as written.
    let mut index = 0;
    while index < tokens.len() {
        let key: String = token_text(tokens, index)
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        let matched = (!taken[index])
            .then(|| entries.get(&key))
            .flatten()
            .and_then(|list| {
                list.iter().find_map(|entry| {
                    let end = match_entry(tokens, index, entry)?;
                    (index..end).all(|i| !taken[i]).then_some((end, entry))
                })
            });
        if let Some((end, entry)) = matched {
            let confidence = if entry.entity.is_some() { 0.9 } else { 0.85 };
            found.push(Mention {
                kind: entry.kind,
                first: index,
                end,
                entity: entry.entity,
                canonical: entry.canonical,
                confidence,
            });
            taken[index..end].fill(true);
            index = end;
        } else {
            index += 1;
        }
    }

    // 2. People by shape.
    let headline = headline_tokens(tokens);
    let mut surnames: BTreeSet<String> = BTreeSet::new();
    let mut index = 0;
    while index < tokens.len() {
        let free = |i: usize| taken.get(i).is_some_and(|t| !t) && !headline[i];
        if !free(index) || !is_name_word(tokens, index) {
            index += 1;
            continue;
        }
        let (end, words) = name_run(tokens, index, &free);
        let given = token_is(tokens, index, lists::GIVEN_NAMES);
        let cue = cue_before(tokens, index);
        let confidence = match words {
            2 | 3 if given => Some(0.8),
            2 | 3 if cue => Some(0.75),
            2 | 3 if has_surname_ending(tokens, end - 1) => Some(0.65),
            1 if cue => Some(0.7),
            _ => None,
        };
        if let Some(confidence) = confidence {
            let text = span_text(tokens, index, end);
            let entity = linker.link(ValueKind::Person, text);
            if words > 1 {
                surnames.insert(token_text(tokens, end - 1).iter().collect());
            }
            found.push(Mention {
                kind: ValueKind::Person,
                first: index,
                end,
                entity,
                canonical: None,
                confidence: if entity.is_some() { 0.9 } else { confidence },
            });
            taken[index..end].fill(true);
        }
        index = end;
    }

    // 3. Surnames met before or after, and single words the registry links.
    for index in 0..tokens.len() {
        if taken.get(index) != Some(&false) || !is_name_word(tokens, index) {
            continue;
        }
        let text: String = token_text(tokens, index).iter().collect();
        let known_surname = surnames.contains(&text);
        let entity = linker.link(ValueKind::Person, text);
        if known_surname || entity.is_some() {
            found.push(Mention {
                kind: ValueKind::Person,
                first: index,
                end: index + 1,
                entity,
                canonical: None,
                confidence: if entity.is_some() { 0.85 } else { 0.75 },
            });
            if let Some(flag) = taken.get_mut(index) {
                *flag = true;
            }
        }
    }
    found.sort_by_key(|mention| mention.first);
    found
}
