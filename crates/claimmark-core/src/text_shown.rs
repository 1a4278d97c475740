//! Text from input files shown in messages: control characters escaped, so
//! an ESC or BEL never reaches the terminal and a newline inside a value
//! never forges another `file:line:col:` line.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character written as `\u{1b}`; unchanged (and
/// not copied) when it has none.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A message of several lines made safe line by line: control characters
/// other than the line breaks between problems are escaped.
pub fn shown_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| shown(line.strip_suffix('\r').unwrap_or(line)).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_plain_text_is_borrowed() {
        assert_eq!(shown("a\u{1b}[31mb\u{7}\nc"), "a\\u{1b}[31mb\\u{7}\\u{a}c");
        assert!(matches!(shown("plain “text” é"), Cow::Borrowed(_)));
        assert_eq!(shown_lines("one\u{1b}\ntwo"), "one\\u{1b}\ntwo");
    }
}
