//! Canonical text and typed char offsets.
//!
//! All positions in the model are *char offsets*: Unicode code points counted
//! from the start of a document's canonical text, as Python's `str` indexes
//! them. Byte offsets exist only inside text layout, which converts at its
//! boundary through [`CanonicalText::byte_offset`] and
//! [`CanonicalText::char_offset_of_byte`].
//!
//! ```
//! use claimmark_core::model::{CanonicalText, CharRange};
//! let text = CanonicalText::from_bytes("“Ales” was freed".as_bytes()).unwrap();
//! // The curly quote is one char (three bytes): "Ales" starts at char 1.
//! assert_eq!(text.slice(CharRange::from_offsets(1, 5)), Some("Ales"));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A position in canonical text, in Unicode code points.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharOffset(usize);

impl CharOffset {
    pub const ZERO: Self = Self(0);

    pub const fn new(chars: usize) -> Self {
        Self(chars)
    }

    pub const fn get(self) -> usize {
        self.0
    }

    #[must_use]
    pub const fn saturating_sub(self, chars: usize) -> Self {
        Self(self.0.saturating_sub(chars))
    }

    #[must_use]
    pub const fn saturating_add(self, chars: usize) -> Self {
        Self(self.0.saturating_add(chars))
    }
}

impl fmt::Display for CharOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A half-open range `[start, end)` of char offsets, with `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CharRange {
    start: CharOffset,
    end: CharOffset,
}

impl CharRange {
    /// The range between two offsets, in whichever order they come (a
    /// selection dragged backwards has its anchor after its head).
    pub fn new(a: CharOffset, b: CharOffset) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }

    pub fn from_offsets(start: usize, end: usize) -> Self {
        Self::new(CharOffset(start), CharOffset(end))
    }

    pub const fn start(self) -> CharOffset {
        self.start
    }

    pub const fn end(self) -> CharOffset {
        self.end
    }

    pub const fn len(self) -> usize {
        self.end.0 - self.start.0
    }

    pub const fn is_empty(self) -> bool {
        self.start.0 == self.end.0
    }

    /// True when `offset` lies in `[start, end)`.
    pub fn contains(self, offset: CharOffset) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn contains_range(self, other: Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two ranges share at least one char.
    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl fmt::Display for CharRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Why raw bytes could not become a document's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the file is empty (or holds only spaces and line breaks)")]
    Empty,
    #[error(
        "the file is not UTF-8 text: invalid byte at line {line}, column {column}; save it as UTF-8 and add it again"
    )]
    NotUtf8 { line: usize, column: usize },
    #[error(
        "the file looks binary, not text (it holds a NUL or other control byte at line {line}, column {column})"
    )]
    Binary { line: usize, column: usize },
}

/// Chars between two entries of the byte-position index. Small enough that
/// the walk from an index entry is short, large enough that the index stays a
/// few percent of the text.
const CHECKPOINT_CHARS: usize = 64;

/// A document's text in the canonical form of `claim/v1`: UTF-8, no leading
/// BOM, every `\r\n` and lone `\r` turned into `\n`, nothing else changed.
///
/// It keeps its length in chars, its SHA-256 and a sparse byte-position index
/// so that char/byte conversions are cheap on long texts.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalText {
    text: String,
    char_len: usize,
    /// Byte position of chars `0, 64, 128, …`.
    checkpoints: Vec<u32>,
    sha256: [u8; 32],
}

impl fmt::Debug for CanonicalText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CanonicalText")
            .field("char_len", &self.char_len)
            .field("sha256", &self.sha256_hex())
            .finish_non_exhaustive()
    }
}

impl CanonicalText {
    /// Decodes a file's bytes and canonicalises them, refusing what is not a
    /// usable article: invalid UTF-8, binary content, or nothing but space.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TextError> {
        // A NUL byte means binary whatever else the bytes are (git's test).
        if let Some(byte) = bytes.iter().position(|&b| b == 0) {
            let (line, column) = line_column_of_byte(bytes, byte);
            return Err(TextError::Binary { line, column });
        }
        let decoded = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let (line, column) = line_column_of_byte(bytes, error.valid_up_to());
                return Err(TextError::NotUtf8 { line, column });
            }
        };
        if let Some(byte) = decoded
            .bytes()
            .position(|b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c))
        {
            let (line, column) = line_column_of_byte(bytes, byte);
            return Err(TextError::Binary { line, column });
        }
        let text = canonicalize(decoded);
        if text.trim().is_empty() {
            return Err(TextError::Empty);
        }
        Ok(Self::from_canonical_unchecked(text))
    }

    /// Wraps a string that is already canonical. Returns `None` when it is
    /// not (it holds a `\r` or starts with a BOM).
    pub fn from_canonical(text: String) -> Option<Self> {
        if text.starts_with('\u{feff}') || text.contains('\r') {
            return None;
        }
        Some(Self::from_canonical_unchecked(text))
    }

    fn from_canonical_unchecked(text: String) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_CHARS + 1);
        let mut char_len = 0;
        for (byte, _) in text.char_indices() {
            if char_len % CHECKPOINT_CHARS == 0 {
                checkpoints.push(u32::try_from(byte).unwrap_or(u32::MAX));
            }
            char_len += 1;
        }
        let sha256 = Sha256::digest(text.as_bytes()).into();
        Self {
            text,
            char_len,
            checkpoints,
            sha256,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in chars (code points).
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    pub fn end(&self) -> CharOffset {
        CharOffset(self.char_len)
    }

    pub fn full_range(&self) -> CharRange {
        CharRange::new(CharOffset::ZERO, self.end())
    }

    pub fn sha256(&self) -> &[u8; 32] {
        &self.sha256
    }

    /// The SHA-256 of the text's UTF-8 bytes, as 64 lowercase hex digits.
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }

    /// True when `range` lies inside the text.
    pub fn contains_range(&self, range: CharRange) -> bool {
        range.end().get() <= self.char_len
    }

    /// The byte position of a char offset; `None` past the end.
    pub fn byte_offset(&self, offset: CharOffset) -> Option<usize> {
        if offset.0 > self.char_len {
            return None;
        }
        if offset.0 == self.char_len {
            return Some(self.text.len());
        }
        let checkpoint = offset.0 / CHECKPOINT_CHARS;
        let from = *self.checkpoints.get(checkpoint)? as usize;
        let skip = offset.0 % CHECKPOINT_CHARS;
        self.text
            .get(from..)?
            .char_indices()
            .nth(skip)
            .map(|(byte, _)| from + byte)
    }

    /// The char offset of the char that contains `byte` (a byte inside a
    /// multi-byte char maps to that char's start).
    pub fn char_offset_of_byte(&self, byte: usize) -> CharOffset {
        if byte >= self.text.len() {
            return self.end();
        }
        let checkpoint = match self
            .checkpoints
            .binary_search(&u32::try_from(byte).unwrap_or(u32::MAX))
        {
            Ok(exact) => return CharOffset(exact * CHECKPOINT_CHARS),
            Err(after) => after.saturating_sub(1),
        };
        let from = self.checkpoints.get(checkpoint).map_or(0, |&b| b as usize);
        let walked = self.text.get(from..).map_or(0, |rest| {
            rest.char_indices()
                .take_while(|(b, _)| from + b <= byte)
                .count()
        });
        CharOffset(checkpoint * CHECKPOINT_CHARS + walked.saturating_sub(1))
    }

    /// The text a range covers; `None` when it runs past the end.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        let start = self.byte_offset(range.start())?;
        let end = self.byte_offset(range.end())?;
        self.text.get(start..end)
    }

    /// The char at an offset.
    pub fn char_at(&self, offset: CharOffset) -> Option<char> {
        let byte = self.byte_offset(offset)?;
        self.text.get(byte..)?.chars().next()
    }

    /// Each line (paragraph) of the text without its `\n`, in order.
    pub fn lines(&self) -> Vec<CharRange> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut offset = 0;
        for ch in self.text.chars() {
            if ch == '\n' {
                lines.push(CharRange::from_offsets(start, offset));
                start = offset + 1;
            }
            offset += 1;
        }
        lines.push(CharRange::from_offsets(start, offset));
        lines
    }

    /// Up to `chars` chars before `range`, for display and anchors.
    pub fn context_before(&self, range: CharRange, chars: usize) -> &str {
        self.slice(CharRange::new(
            range.start().saturating_sub(chars),
            range.start(),
        ))
        .unwrap_or_default()
    }

    /// Up to `chars` chars after `range`.
    pub fn context_after(&self, range: CharRange, chars: usize) -> &str {
        let end = range.end().saturating_add(chars).min(self.end());
        self.slice(CharRange::new(range.end().min(end), end))
            .unwrap_or_default()
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Removes a leading BOM and turns `\r\n` and lone `\r` into `\n`.
pub fn canonicalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(ch);
        }
    }
    out
}

/// One-based line and column (in chars, counted on the valid prefix) of a
/// byte position, for messages about a file's bytes.
fn line_column_of_byte(bytes: &[u8], byte: usize) -> (usize, usize) {
    let before = bytes.get(..byte).unwrap_or(bytes);
    // Only on the error path, for a message: no need for a faster count.
    #[allow(clippy::naive_bytecount)]
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CanonicalText {
        CanonicalText::from_bytes(s.as_bytes()).unwrap()
    }

    #[test]
    fn canonical_form_removes_bom_and_normalises_line_ends() {
        let t = text("\u{feff}one\r\ntwo\rthree\n");
        assert_eq!(t.as_str(), "one\ntwo\nthree\n");
        assert_eq!(t.char_len(), 14);
    }

    #[test]
    fn canonical_form_changes_nothing_else() {
        // No Unicode normalisation: a decomposed é stays two code points.
        let t = text("Cafe\u{301}  \t ");
        assert_eq!(t.as_str(), "Cafe\u{301}  \t ");
        assert_eq!(t.char_len(), 9);
    }

    #[test]
    fn sha256_is_of_the_canonical_bytes() {
        let t = text("abc\r\n");
        // sha256("abc\n")
        assert_eq!(
            t.sha256_hex(),
            "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb"
        );
    }

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let samples = [
            "“Quoted” — ",
            "😀👍🏽 ",
            "Ales\u{301} ",
            "白俄罗斯 ",
            "plain ",
        ];
        for prefix in samples {
            let t = text(&format!("{prefix}Bialiatski was freed"));
            let start = prefix.chars().count();
            let range = CharRange::from_offsets(start, start + 10);
            assert_eq!(t.slice(range), Some("Bialiatski"), "after {prefix:?}");
        }
    }

    #[test]
    fn byte_and_char_offsets_round_trip_on_long_mixed_text() {
        let unit = "a€😀\u{301}b\n";
        let s = unit.repeat(100);
        let t = text(&s);
        for (char_index, (byte, _)) in s.char_indices().enumerate() {
            let offset = CharOffset::new(char_index);
            assert_eq!(t.byte_offset(offset), Some(byte));
            assert_eq!(t.char_offset_of_byte(byte), offset);
        }
        assert_eq!(t.byte_offset(t.end()), Some(s.len()));
        assert_eq!(t.byte_offset(t.end().saturating_add(1)), None);
        // A byte inside a multi-byte char maps to that char.
        assert_eq!(t.char_offset_of_byte(2), CharOffset::new(1));
    }

    #[test]
    fn slice_past_the_end_is_none() {
        let t = text("short");
        assert_eq!(t.slice(CharRange::from_offsets(2, 9)), None);
        assert_eq!(t.slice(CharRange::from_offsets(5, 5)), Some(""));
    }

    #[test]
    fn refuses_bad_input_with_a_position() {
        assert_eq!(CanonicalText::from_bytes(b""), Err(TextError::Empty));
        assert_eq!(
            CanonicalText::from_bytes(b" \n\r\n\t"),
            Err(TextError::Empty)
        );
        assert_eq!(
            CanonicalText::from_bytes(b"ok\nbad \xff here"),
            Err(TextError::NotUtf8 { line: 2, column: 5 })
        );
        assert_eq!(
            CanonicalText::from_bytes(b"PK\x03\x04\x00\x00"),
            Err(TextError::Binary { line: 1, column: 5 })
        );
    }

    #[test]
    fn lines_exclude_their_line_break() {
        let t = text("ab\n\ncd");
        assert_eq!(
            t.lines(),
            vec![
                CharRange::from_offsets(0, 2),
                CharRange::from_offsets(3, 3),
                CharRange::from_offsets(4, 6)
            ]
        );
    }

    #[test]
    fn from_canonical_refuses_carriage_returns_and_bom() {
        assert!(CanonicalText::from_canonical("a\r\nb".into()).is_none());
        assert!(CanonicalText::from_canonical("\u{feff}a".into()).is_none());
        assert!(CanonicalText::from_canonical("a\nb".into()).is_some());
    }

    #[test]
    fn range_relations() {
        let a = CharRange::from_offsets(2, 6);
        assert_eq!(CharRange::from_offsets(6, 2), a);
        assert!(a.overlaps(CharRange::from_offsets(5, 9)));
        assert!(!a.overlaps(CharRange::from_offsets(6, 9)));
        assert!(a.contains_range(CharRange::from_offsets(3, 6)));
        assert!(a.contains(CharOffset::new(5)));
        assert!(!a.contains(CharOffset::new(6)));
    }
}
