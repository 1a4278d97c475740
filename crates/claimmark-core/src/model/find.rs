//! Finding text in documents, case-insensitively, in char offsets.

use super::text::{CanonicalText, CharOffset, CharRange};

/// Folds a char for comparison. One char in, one char out, so offsets in
/// the folded text are offsets in the original.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

/// Every occurrence of `query` in `text`, ignoring case, in order and not
/// overlapping. An empty or all-space query finds nothing.
pub fn find_all(text: &CanonicalText, query: &str) -> Vec<CharRange> {
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() || query.trim().is_empty() {
        return Vec::new();
    }
    let haystack: Vec<char> = text.as_str().chars().map(fold).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at + needle.len() <= haystack.len() {
        if haystack[at..at + needle.len()] == needle[..] {
            found.push(CharRange::new(
                CharOffset::new(at),
                CharOffset::new(at + needle.len()),
            ));
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_in_char_offsets() {
        let text =
            CanonicalText::from_bytes("“Viasna” — 😀 VIASNA counts; viasna.".as_bytes()).unwrap();
        let found = find_all(&text, "viasna");
        let starts: Vec<usize> = found.iter().map(|r| r.start().get()).collect();
        assert_eq!(starts, vec![1, 13, 28]);
        assert_eq!(text.slice(found[1]), Some("VIASNA"));
        assert!(find_all(&text, "").is_empty());
        assert!(find_all(&text, "  ").is_empty());
        assert!(find_all(&text, "absent").is_empty());
    }
}
