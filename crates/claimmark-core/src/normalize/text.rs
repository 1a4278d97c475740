//! A small tokenizer shared by the date and count finders.
//!
//! Every offset here is a char (Unicode code point) offset, so spans built
//! from tokens are char offsets too.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, with any combining marks that follow them.
    Word,
    /// ASCII digits only; separators such as `,` are separate tokens.
    Number,
    /// Any other single non-whitespace char (punctuation, symbols, emoji).
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// Lower-cased text, for matching.
    pub lower: String,
    /// Whether the first char is upper case (month and weekday names).
    pub capitalized: bool,
}

impl Token {
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == TokenKind::Word && self.lower == word
    }

    pub fn is_punct(&self, punct: char) -> bool {
        self.kind == TokenKind::Punct && self.lower.starts_with(punct)
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    pub fn digit_count(&self) -> usize {
        if self.is_number() {
            self.end - self.start
        } else {
            0
        }
    }

    /// The value of a number token, if it fits.
    pub fn number(&self) -> Option<u64> {
        if self.is_number() {
            self.lower.parse().ok()
        } else {
            None
        }
    }
}

/// A text cut into tokens, keeping the chars to look at the gaps between them.
pub(crate) struct Tokens {
    pub chars: Vec<char>,
    pub tokens: Vec<Token>,
}

/// Combining marks stay with the word before them ("e" + U+0301 is one word).
fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

impl Tokens {
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let start = i;
            let kind = if is_space(c) {
                i += 1;
                continue;
            } else if c.is_alphabetic() {
                i += 1;
                while i < chars.len() && (chars[i].is_alphabetic() || is_combining_mark(chars[i])) {
                    i += 1;
                }
                TokenKind::Word
            } else if c.is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                TokenKind::Number
            } else {
                i += 1;
                TokenKind::Punct
            };
            let raw: String = chars[start..i].iter().collect();
            tokens.push(Token {
                kind,
                start,
                end: i,
                lower: raw.to_lowercase(),
                capitalized: c.is_uppercase(),
            });
        }
        Self { chars, tokens }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn get(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    /// The char range `[start, end)` covered by tokens `[first, end)`.
    pub fn char_span(&self, first: usize, end: usize) -> Option<(usize, usize)> {
        let last = end.checked_sub(1)?;
        Some((self.get(first)?.start, self.get(last)?.end))
    }

    /// Whether token `index` is a word equal to `word`.
    pub fn word_at(&self, index: usize, word: &str) -> bool {
        self.get(index).is_some_and(|t| t.is_word(word))
    }

    /// Whether token `index` is the punctuation char `punct`.
    pub fn punct_at(&self, index: usize, punct: char) -> bool {
        self.get(index).is_some_and(|t| t.is_punct(punct))
    }

    /// Whether tokens `index` and `index + 1` touch (no whitespace between).
    pub fn touches_next(&self, index: usize) -> bool {
        match (self.get(index), self.get(index + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The chars between token `index` and the next one.
    pub fn gap_after(&self, index: usize) -> &[char] {
        match (self.get(index), self.get(index + 1)) {
            (Some(a), Some(b)) => &self.chars[a.end..b.start],
            _ => &[],
        }
    }

    /// Whether the words starting at `index` are exactly `words`.
    pub fn words_at(&self, index: usize, words: &[&str]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(offset, word)| self.word_at(index + offset, word))
    }

    /// Whether token `index` begins a line (nothing but spaces before it).
    /// Only the gap to the previous token is read, so this is cheap on long
    /// lines too.
    pub fn starts_line(&self, index: usize) -> bool {
        let Some(token) = self.get(index) else {
            return false;
        };
        let gap_start = index
            .checked_sub(1)
            .and_then(|previous| self.get(previous))
            .map_or(0, |previous| previous.end);
        index == 0 || self.chars[gap_start..token.start].contains(&'\n')
    }

    /// Whether token `index` ends a line (nothing but spaces after it).
    pub fn ends_line(&self, index: usize) -> bool {
        let Some(token) = self.get(index) else {
            return false;
        };
        let gap_end = self
            .get(index + 1)
            .map_or(self.chars.len(), |next| next.start);
        index + 1 == self.len() || self.chars[token.end..gap_end].contains(&'\n')
    }

    /// Whether token `index` starts a sentence: text start, line start, or
    /// after `.`, `!`, `?` (skipping opening quotes and brackets).
    pub fn starts_sentence(&self, index: usize) -> bool {
        let mut previous = index;
        while previous > 0 {
            previous -= 1;
            let Some(token) = self.get(previous) else {
                return true;
            };
            if token.kind != TokenKind::Punct {
                return self.starts_line(previous + 1);
            }
            if token.lower.starts_with(['.', '!', '?', ':']) {
                return true;
            }
            if !token
                .lower
                .starts_with(['"', '\'', '“', '‘', '(', '[', '«', '—', '–', '-'])
            {
                return self.starts_line(previous + 1);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_char_offsets() {
        let tokens = Tokens::new("“é\u{301}” 1,229 🎉 mid-2020");
        let spans: Vec<(usize, usize, &str)> = tokens
            .tokens
            .iter()
            .map(|t| (t.start, t.end, t.lower.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 1, "“"),
                (1, 3, "é\u{301}"),
                (3, 4, "”"),
                (5, 6, "1"),
                (6, 7, ","),
                (7, 10, "229"),
                (11, 12, "🎉"),
                (13, 16, "mid"),
                (16, 17, "-"),
                (17, 21, "2020"),
            ]
        );
    }

    #[test]
    fn sentence_starts() {
        let tokens = Tokens::new("Today. He said “Today” and Today\nToday");
        let starts: Vec<bool> = (0..tokens.len())
            .map(|i| tokens.starts_sentence(i))
            .collect();
        // Today . He said “ Today ” and Today Today
        assert_eq!(
            starts,
            vec![
                true, false, true, false, false, false, false, false, false, true
            ]
        );
    }
}
