//! Re-attaching an anchor to a document's text.
//!
//! A claims file says where an argument is (`start`, `end`), what text it
//! covers (`exact`) and what surrounds it (`prefix`, `suffix`). The document
//! may have changed since the extractor saw it, so the anchor is re-attached
//! in steps, each only when the one before fails:
//!
//! 1. **Offsets**: the offsets cover `exact`, and either the file's text hash
//!    matches the document or the context still fits.
//! 2. **Exact search**: `exact` is searched in widening windows around the
//!    old start. A place counts only if its surroundings agree with `prefix`
//!    or `suffix` on at least 8 chars (all of it, if shorter). Among
//!    repeats, the one whose surroundings agree most wins, then the one
//!    nearest the old start.
//! 3. **Close match**: for quotes of 4 to 256 chars, the best approximate
//!    match (Levenshtein distance at most a quarter of the length) near the
//!    old start, just after an occurrence of `prefix` or just before one of
//!    `suffix`. It must keep every digit of `exact` (a changed number or year
//!    is another fact) and its surroundings must agree with the context as
//!    for step 2.
//!
//! What fails all three is an orphan: the caller keeps it with the reason.
//!
//! ```
//! use claimmark_core::claim_format::anchor::{attach, Placement};
//! use claimmark_core::claim_format::line::AnchorSpec;
//! use claimmark_core::model::{CanonicalText, CharRange};
//!
//! let text = CanonicalText::from_bytes("Update: Ales was freed.".as_bytes()).unwrap();
//! // The extractor saw "Ales was freed." ("Update: " came later).
//! let anchor = AnchorSpec { start: 0, end: 4, exact: "Ales".into(), prefix: "".into(), suffix: " was".into() };
//! let attached = attach(&text, &anchor, false).unwrap();
//! assert_eq!(attached.range, CharRange::from_offsets(8, 12));
//! assert_eq!(attached.placement, Placement::Moved);
//! ```

use crate::model::{CanonicalText, CharOffset, CharRange};

use super::line::AnchorSpec;

/// Quotes shorter than this must match exactly: one edit in "31" makes
/// another number.
pub const FUZZY_MIN_CHARS: usize = 4;
/// Longer quotes are not matched approximately (the cost grows with the
/// square of the length).
pub const FUZZY_MAX_CHARS: usize = 256;
/// The first search window reaches this many chars either side.
const FIRST_WINDOW_CHARS: usize = 4096;
/// How far either side of the old position a close match is looked for.
const FUZZY_SLACK_CHARS: usize = 256;
/// Context shorter than this finds too many places to be worth a close
/// match after (or before) it.
const MIN_CONTEXT_FOR_FUZZY: usize = 8;
/// How many occurrences of the context, nearest first, are tried.
const CONTEXT_OCCURRENCES: usize = 8;

/// How an anchor was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The offsets fit as given.
    Kept,
    /// `exact` was found elsewhere in the text.
    Moved,
    /// A close match, `edits` insertions, deletions or substitutions away.
    Fuzzy { edits: usize },
}

/// Where an anchor now is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attached {
    pub range: CharRange,
    pub placement: Placement,
}

/// Why an anchor could not be re-attached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAttached {
    #[error(
        "“{exact}” is not in the document any more, and nothing close enough is near where it was"
    )]
    Gone { exact: String },
}

/// Re-attaches `anchor` to `text`. `same_text` is true when the claims file's
/// `text_sha256` is the document's: then offsets that cover `exact` are
/// trusted whatever the context says.
pub fn attach(
    text: &CanonicalText,
    anchor: &AnchorSpec,
    same_text: bool,
) -> Result<Attached, NotAttached> {
    let old = CharRange::from_offsets(anchor.start, anchor.end);
    if text.slice(old) == Some(anchor.exact.as_str())
        && (same_text || context_fits(text, old, anchor))
    {
        return Ok(Attached {
            range: old,
            placement: Placement::Kept,
        });
    }
    if let Some(range) = search_exact(text, anchor) {
        let placement = if range == old {
            Placement::Kept
        } else {
            Placement::Moved
        };
        return Ok(Attached { range, placement });
    }
    if let Some((range, edits)) = search_close(text, anchor) {
        return Ok(Attached {
            range,
            placement: Placement::Fuzzy { edits },
        });
    }
    Err(NotAttached::Gone {
        exact: anchor.exact.clone(),
    })
}

fn context_fits(text: &CanonicalText, range: CharRange, anchor: &AnchorSpec) -> bool {
    text.context_before(range, anchor.prefix.chars().count()) == anchor.prefix
        && text.context_after(range, anchor.suffix.chars().count()) == anchor.suffix
}

/// How a place's surroundings agree with an anchor's context.
struct ContextAgreement {
    /// Chars that agree: the end of `prefix` with the text before, the
    /// start of `suffix` with the text after.
    chars: usize,
    /// Both sides agree in full.
    perfect: bool,
    /// At least one side agrees on its first `CONTEXT_ENOUGH` chars (or in
    /// full, if shorter), or the anchor has no context at all. A repeat of a
    /// short quote with nothing around it in common is another fact ("31"
    /// prisoners is not "31" years).
    enough: bool,
}

/// Chars of context that must agree on one side for a match elsewhere.
const CONTEXT_ENOUGH: usize = 8;

fn context_agreement(
    haystack: &str,
    byte: usize,
    after: usize,
    anchor: &AnchorSpec,
) -> ContextAgreement {
    let before = haystack.get(..byte).unwrap_or_default();
    let following = haystack.get(after..).unwrap_or_default();
    let prefix_agrees = anchor
        .prefix
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix_agrees = anchor
        .suffix
        .chars()
        .zip(following.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let prefix_len = anchor.prefix.chars().count();
    let suffix_len = anchor.suffix.chars().count();
    let side_enough = |agrees: usize, len: usize| len > 0 && agrees >= len.min(CONTEXT_ENOUGH);
    ContextAgreement {
        chars: prefix_agrees + suffix_agrees,
        perfect: prefix_agrees == prefix_len && suffix_agrees == suffix_len,
        enough: (prefix_len == 0 && suffix_len == 0)
            || side_enough(prefix_agrees, prefix_len)
            || side_enough(suffix_agrees, suffix_len),
    }
}

/// Byte range of the chars `[start - reach, end + reach)`, clamped.
fn window(text: &CanonicalText, start: usize, end: usize, reach: usize) -> (usize, usize, bool) {
    let from = CharOffset::new(start.saturating_sub(reach));
    let to = CharOffset::new(end.saturating_add(reach)).min(text.end());
    let whole = from == CharOffset::ZERO && to == text.end();
    let from_byte = text.byte_offset(from).unwrap_or(0);
    let to_byte = text.byte_offset(to).unwrap_or(text.as_str().len());
    (from_byte, to_byte, whole)
}

fn search_exact(text: &CanonicalText, anchor: &AnchorSpec) -> Option<CharRange> {
    let haystack = text.as_str();
    let exact_len = anchor.end - anchor.start;
    let start = anchor.start.min(text.char_len());
    let end = anchor.end.min(text.char_len());
    let mut reach = FIRST_WINDOW_CHARS;
    loop {
        let (from, to, whole) = window(text, start, end, reach);
        let mut best: Option<(usize, usize, usize)> = None; // (score, distance, char start)
        let mut perfect_found = false;
        for (at, found) in haystack
            .get(from..to)
            .unwrap_or_default()
            .match_indices(anchor.exact.as_str())
        {
            let byte = from + at;
            let agreement = context_agreement(haystack, byte, byte + found.len(), anchor);
            if !agreement.enough {
                continue;
            }
            let (score, perfect) = (agreement.chars, agreement.perfect);
            let char_start = text.char_offset_of_byte(byte).get();
            let distance = char_start.abs_diff(start);
            let better = match best {
                None => true,
                Some((best_score, best_distance, _)) => {
                    score > best_score || (score == best_score && distance < best_distance)
                }
            };
            if better {
                best = Some((score, distance, char_start));
                perfect_found |= perfect;
            }
        }
        // A perfect match inside a window is the nearest perfect match, as
        // windows only grow; an imperfect one may be beaten further out.
        if let Some((_, _, char_start)) = best
            && (perfect_found || whole)
        {
            return Some(CharRange::from_offsets(char_start, char_start + exact_len));
        }
        if whole {
            return None;
        }
        reach = reach.saturating_mul(16);
    }
}

/// The best close match: (range, edits).
fn search_close(text: &CanonicalText, anchor: &AnchorSpec) -> Option<(CharRange, usize)> {
    let pattern: Vec<char> = anchor.exact.chars().collect();
    let len = pattern.len();
    if !(FUZZY_MIN_CHARS..=FUZZY_MAX_CHARS).contains(&len) {
        return None;
    }
    let max_edits = len / 4;
    let start = anchor.start.min(text.char_len());
    let end = anchor.end.min(text.char_len());
    let mut regions = vec![(
        start.saturating_sub(len + FUZZY_SLACK_CHARS),
        end.saturating_add(len + FUZZY_SLACK_CHARS),
    )];
    let haystack = text.as_str();
    let near = |context: &str| -> Vec<(usize, usize)> {
        if context.chars().count() < MIN_CONTEXT_FOR_FUZZY {
            return Vec::new();
        }
        let mut found: Vec<(usize, usize)> = haystack
            .match_indices(context)
            .map(|(byte, part)| {
                (
                    text.char_offset_of_byte(byte).get(),
                    text.char_offset_of_byte(byte + part.len()).get(),
                )
            })
            .collect();
        found.sort_by_key(|(s, _)| s.abs_diff(start));
        found.truncate(CONTEXT_OCCURRENCES);
        found
    };
    for (_, prefix_end) in near(&anchor.prefix) {
        regions.push((prefix_end, prefix_end + len + max_edits));
    }
    for (suffix_start, _) in near(&anchor.suffix) {
        regions.push((suffix_start.saturating_sub(len + max_edits), suffix_start));
    }
    let mut best: Option<(usize, usize, CharRange)> = None; // (edits, distance, range)
    for (from, to) in regions {
        let from = CharOffset::new(from).min(text.end());
        let to = CharOffset::new(to).min(text.end());
        let Some(region) = text.slice(CharRange::new(from, to)) else {
            continue;
        };
        let region: Vec<char> = region.chars().collect();
        let prefer = start.saturating_sub(from.get());
        let Some((at, until, edits)) = best_approximate(&pattern, &region, prefer) else {
            continue;
        };
        if edits > max_edits || at == until {
            continue;
        }
        let range = CharRange::from_offsets(from.get() + at, from.get() + until);
        if !close_match_fits(text, range, anchor) {
            continue;
        }
        let distance = range.start().get().abs_diff(start);
        if best.is_none_or(|(e, d, _)| edits < e || (edits == e && distance < d)) {
            best = Some((edits, distance, range));
        }
    }
    best.map(|(edits, _, range)| (range, edits))
}

/// A close match must keep every digit (a changed number or year is another
/// fact, not a typo) and sit in surroundings that agree with the anchor's
/// context, as an exact match elsewhere must.
fn close_match_fits(text: &CanonicalText, range: CharRange, anchor: &AnchorSpec) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (Some(found), Some(from), Some(to)) = (
        text.slice(range),
        text.byte_offset(range.start()),
        text.byte_offset(range.end()),
    ) else {
        return false;
    };
    digits(found) == digits(&anchor.exact)
        && context_agreement(text.as_str(), from, to, anchor).enough
}

/// The substring of `region` nearest in edit distance to `pattern`
/// (Sellers' algorithm: a Levenshtein table whose first row is free, so a
/// match may start anywhere). Returns (start, end, edits) in region chars;
/// among equal distances, the start nearest `prefer`.
fn best_approximate(
    pattern: &[char],
    region: &[char],
    prefer: usize,
) -> Option<(usize, usize, usize)> {
    let rows = pattern.len();
    // Each cell: (edits, start in region) for pattern[..i] ending at j.
    let mut column: Vec<(usize, usize)> = (0..=rows).map(|i| (i, 0)).collect();
    let mut next = column.clone();
    let mut best: Option<(usize, usize, usize)> = None;
    for (j, &c) in region.iter().enumerate() {
        next[0] = (0, j + 1);
        for i in 1..=rows {
            let substitute = (
                column[i - 1].0 + usize::from(pattern[i - 1] != c),
                column[i - 1].1,
            );
            let skip_text = (column[i].0 + 1, column[i].1);
            let skip_pattern = (next[i - 1].0 + 1, next[i - 1].1);
            next[i] = [skip_text, skip_pattern]
                .into_iter()
                .fold(substitute, |a, b| if b.0 < a.0 { b } else { a });
        }
        std::mem::swap(&mut column, &mut next);
        let (edits, start) = column[rows];
        let better = best.is_none_or(|(best_start, _, best_edits)| {
            edits < best_edits
                || (edits == best_edits && start.abs_diff(prefer) < best_start.abs_diff(prefer))
        });
        if better {
            best = Some((start, j + 1, edits));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CanonicalText {
        CanonicalText::from_bytes(s.as_bytes()).unwrap()
    }

    /// An anchor for the `n`-th (0-based) occurrence of `exact` in `original`,
    /// as an extractor would have written it.
    fn anchor_in(original: &str, exact: &str, n: usize) -> AnchorSpec {
        let t = text(original);
        let byte = original.match_indices(exact).nth(n).unwrap().0;
        let start = t.char_offset_of_byte(byte).get();
        let range = CharRange::from_offsets(start, start + exact.chars().count());
        AnchorSpec {
            start,
            end: range.end().get(),
            exact: exact.to_owned(),
            prefix: t.context_before(range, 32).to_owned(),
            suffix: t.context_after(range, 32).to_owned(),
        }
    }

    /// Where the `n`-th occurrence of `exact` is in `edited`, in chars.
    fn expected_in(edited: &str, exact: &str, n: usize) -> CharRange {
        let t = text(edited);
        let byte = edited.match_indices(exact).nth(n).unwrap().0;
        let start = t.char_offset_of_byte(byte).get();
        CharRange::from_offsets(start, start + exact.chars().count())
    }

    const ARTICLE: &str = "MINSK — Belarus freed 31 political prisoners on Thursday, \
        among them Ales Bialiatski. Viasna says 31 more remain in poor health.";

    #[test]
    #[allow(clippy::too_many_lines)] // a table of cases
    fn anchors_reattach_after_edits() {
        struct Case {
            name: &'static str,
            edited: String,
            exact: &'static str,
            occurrence: usize,
            /// Occurrence of `expect` in the edited text; `None`: an orphan.
            expect: Option<(&'static str, usize)>,
            placement: Option<Placement>,
        }
        let inserted = format!("Updated at noon. {ARTICLE}");
        let cases = vec![
            Case {
                name: "unchanged text keeps its offsets",
                edited: ARTICLE.to_owned(),
                exact: "Ales Bialiatski",
                occurrence: 0,
                expect: Some(("Ales Bialiatski", 0)),
                placement: Some(Placement::Kept),
            },
            Case {
                name: "text inserted before the span",
                edited: inserted.clone(),
                exact: "Ales Bialiatski",
                occurrence: 0,
                expect: Some(("Ales Bialiatski", 0)),
                placement: Some(Placement::Moved),
            },
            Case {
                name: "a repeated quote is told apart by its context (first)",
                edited: inserted.clone(),
                exact: "31",
                occurrence: 0,
                expect: Some(("31", 0)),
                placement: Some(Placement::Moved),
            },
            Case {
                name: "a repeated quote is told apart by its context (second)",
                edited: inserted.clone(),
                exact: "31",
                occurrence: 1,
                expect: Some(("31", 1)),
                placement: Some(Placement::Moved),
            },
            Case {
                name: "emoji, CJK and combining accents before the span count as code points",
                edited: format!("😀👍🏽 白俄罗斯 Cafe\u{301} — {ARTICLE}"),
                exact: "Ales Bialiatski",
                occurrence: 0,
                expect: Some(("Ales Bialiatski", 0)),
                placement: Some(Placement::Moved),
            },
            Case {
                name: "text edited inside the quote",
                edited: ARTICLE.replace("Ales Bialiatski", "Ales Bialatski"),
                exact: "Ales Bialiatski",
                occurrence: 0,
                expect: Some(("Ales Bialatski", 0)),
                placement: Some(Placement::Fuzzy { edits: 1 }),
            },
            Case {
                name: "edited inside the quote and moved far, found after its prefix",
                edited: format!(
                    "{}{}",
                    "Background paragraph. ".repeat(40),
                    ARTICLE.replace("Ales Bialiatski", "Ales Bjaliatski")
                ),
                exact: "Ales Bialiatski",
                occurrence: 0,
                expect: Some(("Ales Bjaliatski", 0)),
                placement: Some(Placement::Fuzzy { edits: 1 }),
            },
            Case {
                name: "a quote that is gone is an orphan",
                edited: ARTICLE.replace("among them Ales Bialiatski. ", ""),
                exact: "Ales Bialiatski",
                occurrence: 0,
                expect: None,
                placement: None,
            },
            Case {
                name: "a short quote changed is an orphan, not another place with the same text",
                edited: ARTICLE.replace("freed 31", "freed 32"),
                exact: "31",
                occurrence: 0,
                expect: None,
                placement: None,
            },
        ];
        for case in cases {
            let anchor = anchor_in(ARTICLE, case.exact, case.occurrence);
            let result = attach(&text(&case.edited), &anchor, false);
            match (case.expect, result) {
                (Some((exact, n)), Ok(attached)) => {
                    assert_eq!(
                        attached.range,
                        expected_in(&case.edited, exact, n),
                        "{}",
                        case.name
                    );
                    assert_eq!(Some(attached.placement), case.placement, "{}", case.name);
                    assert_eq!(
                        text(&case.edited).slice(attached.range),
                        Some(exact),
                        "{}",
                        case.name
                    );
                }
                (None, Err(NotAttached::Gone { exact })) => assert_eq!(exact, case.exact),
                (expect, result) => panic!("{}: expected {expect:?}, got {result:?}", case.name),
            }
        }
    }

    #[test]
    fn close_matches_keep_numbers_and_context() {
        let original = "Kastusev was jailed on 12 May 2021 in Minsk after a closed trial.";
        let anchor = anchor_in(original, "12 May 2021", 0);
        let year_changed = original.replace("2021", "2022");
        assert!(attach(&text(&year_changed), &anchor, false).is_err());
        let typo = original.replace("May", "Mai");
        let attached = attach(&text(&typo), &anchor, false).unwrap();
        assert_eq!(attached.placement, Placement::Fuzzy { edits: 1 });
        assert_eq!(text(&typo).slice(attached.range), Some("12 Mai 2021"));
        // A deleted quote is not replaced by a similar one elsewhere.
        let original = "The court freed Ales Navumau in March. Later, in a town far away, Ales Naumau was detained.";
        let anchor = anchor_in(original, "Ales Navumau", 0);
        let deleted = original.replace("freed Ales Navumau in", "freed him in");
        assert!(attach(&text(&deleted), &anchor, false).is_err());
    }

    #[test]
    fn matching_hash_trusts_offsets_whatever_the_context() {
        let anchor = AnchorSpec {
            prefix: "context the extractor got wrong".into(),
            ..anchor_in(ARTICLE, "31", 1)
        };
        let attached = attach(&text(ARTICLE), &anchor, true).unwrap();
        assert_eq!(attached.range, expected_in(ARTICLE, "31", 1));
        assert_eq!(attached.placement, Placement::Kept);
        // Without the hash, the second "31" still wins on distance.
        let attached = attach(&text(ARTICLE), &anchor, false).unwrap();
        assert_eq!(attached.range, expected_in(ARTICLE, "31", 1));
    }

    #[test]
    fn offsets_past_the_end_of_a_shorter_text_are_searched() {
        let anchor = AnchorSpec {
            start: 500,
            end: 515,
            ..anchor_in(ARTICLE, "Ales Bialiatski", 0)
        };
        let attached = attach(&text(ARTICLE), &anchor, false).unwrap();
        assert_eq!(attached.range, expected_in(ARTICLE, "Ales Bialiatski", 0));
    }

    #[test]
    fn approximate_search_finds_the_nearest_best_substring() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            best_approximate(&chars("freed"), &chars("he was fread today"), 0),
            Some((7, 12, 1))
        );
        // Two equally good matches: the one nearest `prefer` wins.
        assert_eq!(
            best_approximate(&chars("abc"), &chars("abc----abc"), 9),
            Some((7, 10, 0))
        );
        assert_eq!(best_approximate(&chars("abc"), &chars(""), 0), None);
    }
}
