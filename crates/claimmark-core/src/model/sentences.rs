//! Sentences: where they start, and the sentence (or sentences) around a
//! range. The suggester's claims, a claim drafted from a selected span and
//! the form's quote of a claim all use this one rule.
//!
//! A sentence starts at the text's start, after a line break, and after
//! `.`, `!` or `?` that follows a non-space and is followed by white space
//! ("No. 5" and "18 Sept." are rare enough in news to accept; decimals such
//! as "3.5" have no space after the dot).

use super::text::{CanonicalText, CharRange};

/// How far before and after a range to look for its sentence's bounds; a
/// "sentence" longer than this (a table, a list without stops) is cut.
const SENTENCE_WINDOW: usize = 1_500;

/// Char offsets where sentences start in `text` (0 always among them).
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut previous: Option<char> = None;
    let mut pending_end = false;
    for (at, c) in text.chars().enumerate() {
        if c == '\n' {
            starts.push(at + 1);
            pending_end = false;
        } else if c.is_whitespace() {
            if pending_end {
                starts.push(at + 1);
                pending_end = false;
            }
        } else {
            pending_end =
                matches!(c, '.' | '!' | '?') && previous.is_some_and(|p| !p.is_whitespace());
        }
        previous = Some(c);
    }
    starts.dedup();
    starts
}

/// Which sentence (index into `starts`) the char offset `at` is in.
pub fn sentence_index(starts: &[usize], at: usize) -> usize {
    starts
        .partition_point(|&start| start <= at)
        .saturating_sub(1)
}

/// From the start of the sentence holding `range`'s start to the end of the
/// one holding its end, without the white space around it.
pub fn sentence_around(text: &CanonicalText, range: CharRange) -> CharRange {
    let window = CharRange::new(
        range.start().saturating_sub(SENTENCE_WINDOW),
        range.end().saturating_add(SENTENCE_WINDOW).min(text.end()),
    );
    let Some(slice) = text.slice(window) else {
        return range;
    };
    let base = window.start().get();
    let starts = sentence_starts(slice);
    let first = sentence_index(&starts, range.start().get() - base);
    // The sentence holding the range's last char ends where the next starts.
    let last_char = range.end().get().saturating_sub(1).max(range.start().get());
    let last = sentence_index(&starts, last_char - base);
    let start = base + starts[first];
    let end = starts
        .get(last + 1)
        .map_or_else(|| window.end().get(), |&next| base + next);
    let sentence = CharRange::from_offsets(start, end.max(start));
    super::words::trim_whitespace(text, sentence).unwrap_or(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_after_stops_and_line_breaks() {
        let text = "One. Two 3.5 ok!\nThree";
        assert_eq!(sentence_starts(text), [0, 5, 17]);
        assert_eq!(sentence_index(&[0, 5, 17], 4), 0);
        assert_eq!(sentence_index(&[0, 5, 17], 5), 1);
        assert_eq!(sentence_index(&[0, 5, 17], 30), 2);
    }

    #[test]
    fn the_sentence_around_a_range_is_trimmed_and_spans_several_when_asked() {
        let text =
            CanonicalText::from_canonical("First one. He was freed on Monday. \nLast.".into())
                .expect("canonical");
        let at = |word: &str| text.as_str().find(word).expect("word");
        let freed = CharRange::from_offsets(at("freed"), at("freed") + 5);
        let sentence = sentence_around(&text, freed);
        assert_eq!(text.slice(sentence), Some("He was freed on Monday."));
        let both = CharRange::from_offsets(at("one"), at("freed"));
        assert_eq!(
            text.slice(sentence_around(&text, both)),
            Some("First one. He was freed on Monday.")
        );
        let last = CharRange::from_offsets(at("Last"), at("Last") + 4);
        assert_eq!(text.slice(sentence_around(&text, last)), Some("Last."));
    }
}
