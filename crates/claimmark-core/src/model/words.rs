//! Word boundaries for selections: snapping a dragged range to whole words,
//! and the word under a double click. Boundaries follow Unicode word
//! segmentation (UAX #29), so "1,229", "can't" and "Ales\u{301}" are one word each.

use unicode_segmentation::UnicodeSegmentation as _;

use super::text::{CanonicalText, CharOffset, CharRange};

/// How far around a range to look for word boundaries. Words longer than
/// this are cut at the window's edge, which only matters for pathological
/// input (a URL of thousands of chars).
const WINDOW_CHARS: usize = 128;

/// A word segment: its char range and whether it holds letters or digits.
struct Segment {
    range: CharRange,
    is_word: bool,
}

fn segments_around(text: &CanonicalText, range: CharRange) -> Vec<Segment> {
    let window = CharRange::new(
        range.start().saturating_sub(WINDOW_CHARS),
        range.end().saturating_add(WINDOW_CHARS).min(text.end()),
    );
    let Some(slice) = text.slice(window) else {
        return Vec::new();
    };
    let mut offset = window.start();
    slice
        .split_word_bounds()
        .map(|segment| {
            let len = segment.chars().count();
            let range = CharRange::new(offset, offset.saturating_add(len));
            offset = range.end();
            Segment {
                range,
                is_word: segment.chars().any(char::is_alphanumeric),
            }
        })
        .collect()
}

/// Expands a range to whole words and trims surrounding space and
/// punctuation. Returns `None` when nothing but space and punctuation is
/// selected.
pub fn snap_to_words(text: &CanonicalText, range: CharRange) -> Option<CharRange> {
    let range = CharRange::new(range.start(), range.end().min(text.end()));
    if range.is_empty() {
        return None;
    }
    let segments = segments_around(text, range);
    let mut start = range.start();
    let mut end = range.end();
    for segment in segments.iter().filter(|s| s.is_word) {
        if segment.range.start() < start && start < segment.range.end() {
            start = segment.range.start();
        }
        if segment.range.start() < end && end < segment.range.end() {
            end = segment.range.end();
        }
    }
    trim(text, CharRange::new(start, end))
}

/// Removes leading and trailing space and punctuation.
pub fn trim(text: &CanonicalText, range: CharRange) -> Option<CharRange> {
    let slice = text.slice(range)?;
    let leading = slice.chars().take_while(|&c| is_trimmed(c)).count();
    if leading == range.len() {
        return None;
    }
    let trailing = slice.chars().rev().take_while(|&c| is_trimmed(c)).count();
    Some(CharRange::new(
        range.start().saturating_add(leading),
        range.end().saturating_sub(trailing),
    ))
}

/// Only removes leading and trailing whitespace (the "exact" selection mode
/// keeps punctuation but a stray space is never meant).
pub fn trim_whitespace(text: &CanonicalText, range: CharRange) -> Option<CharRange> {
    let slice = text.slice(range)?;
    let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
    if leading == range.len() {
        return None;
    }
    let trailing = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    Some(CharRange::new(
        range.start().saturating_add(leading),
        range.end().saturating_sub(trailing),
    ))
}

/// The word at an offset, for a double click. Space or punctuation under the
/// pointer selects that one segment.
pub fn word_at(text: &CanonicalText, offset: CharOffset) -> Option<CharRange> {
    if offset >= text.end() {
        return None;
    }
    let probe = CharRange::new(offset, offset.saturating_add(1));
    segments_around(text, probe)
        .into_iter()
        .find(|segment| segment.range.contains(offset))
        .map(|segment| segment.range)
}

/// Space and the punctuation that ends or wraps words. `%`, `+`, `$`, `€`
/// and similar stay: they belong to counts and amounts.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '"'
                | '\''
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '*'
                | '_'
                | '/'
                | '\\'
                | '-'
                | '–'
                | '—'
                | '―'
                | '…'
                | '“'
                | '”'
                | '„'
                | '‘'
                | '’'
                | '‚'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '·'
                | '•'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CanonicalText {
        CanonicalText::from_bytes(s.as_bytes()).unwrap()
    }

    /// Selects by the chars between the first `[` and `]` in `marked`, and
    /// returns what the snapped selection covers.
    fn snapped(marked: &str) -> Option<String> {
        let start = marked.find('[').unwrap();
        let end = marked.find(']').unwrap();
        let plain: String = marked.chars().filter(|&c| c != '[' && c != ']').collect();
        let t = text(&plain);
        let start_char = marked[..start].chars().count();
        let end_char = marked[..end].chars().count() - 1;
        snap_to_words(&t, CharRange::from_offsets(start_char, end_char))
            .map(|r| t.slice(r).unwrap().to_owned())
    }

    #[test]
    fn snapping_expands_partial_words_and_trims_punctuation() {
        let cases = [
            ("was fr[eed on Thu]rsday.", Some("freed on Thursday")),
            ("Ales Bia[liatski], a", Some("Bialiatski")),
            ("said [“seriously ill,”] he", Some("seriously ill")),
            ("counts[ 1,1]84 prisoners", Some("1,184")),
            ("a [ ,. ] b", None),
            ("Kuznechyk[’s] defense", Some("Kuznechyk’s")),
            ("over [75+] people", Some("75+")),
            ("Cafe\u{301} [Minsk]", Some("Minsk")),
            ("😀 [Minsk] 😀", Some("Minsk")),
            ("end of line[\n\nNext] para", Some("Next")),
        ];
        for (marked, expected) in cases {
            assert_eq!(snapped(marked).as_deref(), expected, "{marked}");
        }
    }

    #[test]
    fn double_click_picks_the_word() {
        let t = text("Viasna counts 1,184 political prisoners");
        let word = |at| word_at(&t, CharOffset::new(at)).map(|r| t.slice(r).unwrap().to_owned());
        assert_eq!(word(2).as_deref(), Some("Viasna"));
        assert_eq!(word(15).as_deref(), Some("1,184"));
        assert_eq!(word(6).as_deref(), Some(" "));
        assert_eq!(word(500), None);
    }

    #[test]
    fn whitespace_trim_keeps_punctuation() {
        let t = text("  “quoted”  ");
        let r = trim_whitespace(&t, t.full_range()).unwrap();
        assert_eq!(t.slice(r), Some("“quoted”"));
    }
}
