//! A small notation for annotated text, for tests, benchmarks and the
//! sample project: `"[person|Ales Bialiatski] was freed on [date|December 14th]"`.
//! Spans may nest: `"[event|[person|Ales] freed]"`. `\[`, `\]` and `\|` stand
//! for the literal characters.

use super::text::CharRange;

/// Text with labelled ranges, in the order their `[` appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub spans: Vec<(String, CharRange)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotationError {
    #[error("“[” at char {0} has no “|label” before the next “[” or “]”")]
    MissingLabel(usize),
    #[error("“]” at char {0} closes nothing")]
    UnopenedClose(usize),
    #[error("“[” at char {0} is never closed")]
    Unclosed(usize),
}

/// Parses the notation.
pub fn parse(marked: &str) -> Result<Marked, NotationError> {
    let mut text = String::with_capacity(marked.len());
    let mut len = 0usize;
    // (position in `marked` of `[`, label, start char in text, index in spans)
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut spans: Vec<(String, CharRange)> = Vec::new();
    let mut chars = marked.chars().enumerate().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    text.push(escaped);
                    len += 1;
                }
            }
            '[' => {
                let mut label = String::new();
                loop {
                    match chars.next() {
                        Some((_, '|')) => break,
                        Some((_, '[' | ']')) | None => return Err(NotationError::MissingLabel(at)),
                        Some((_, l)) => label.push(l),
                    }
                }
                open.push((at, spans.len()));
                spans.push((label, CharRange::from_offsets(len, len)));
            }
            ']' => {
                let (_, index) = open.pop().ok_or(NotationError::UnopenedClose(at))?;
                if let Some((_, range)) = spans.get_mut(index) {
                    *range = CharRange::from_offsets(range.start().get(), len);
                }
            }
            _ => {
                text.push(c);
                len += 1;
            }
        }
    }
    if let Some((at, _)) = open.pop() {
        return Err(NotationError::Unclosed(at));
    }
    Ok(Marked { text, spans })
}

/// A document built from the notation, its spans numbered from 1 in the
/// order their `[` appears. Labels must be schema names.
pub fn document(
    id: &str,
    marked: &str,
) -> Result<super::Document, Box<dyn std::error::Error + Send + Sync>> {
    use super::{CanonicalText, DocId, Document, Name, Span};
    let parsed = parse(marked)?;
    let text = CanonicalText::from_bytes(parsed.text.as_bytes())?;
    let mut doc = Document::new(DocId::parse(id)?, id.to_owned(), text);
    for (label, range) in parsed.spans {
        let span = Span::new(doc.next_span_id(), range, Name::parse(&label)?);
        doc.insert_span(span);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_spans_in_char_offsets() {
        let m = parse("“[person|Alès]” [event|[person|X] freed] \\[1\\]").unwrap();
        assert_eq!(m.text, "“Alès” X freed [1]");
        assert_eq!(
            m.spans,
            vec![
                ("person".into(), CharRange::from_offsets(1, 5)),
                ("event".into(), CharRange::from_offsets(7, 14)),
                ("person".into(), CharRange::from_offsets(7, 8)),
            ]
        );
    }

    #[test]
    fn reports_bad_notation() {
        assert_eq!(parse("a [b c]"), Err(NotationError::MissingLabel(2)));
        assert_eq!(parse("a ]"), Err(NotationError::UnopenedClose(2)));
        assert_eq!(parse("[x|a"), Err(NotationError::Unclosed(0)));
    }
}
