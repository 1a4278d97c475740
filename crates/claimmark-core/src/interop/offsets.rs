//! Other tools' offsets to the model's char offsets, in this one place.
//!
//! Each format counts in its own unit, into the text as that tool read it:
//! brat, doccano and Prodigy in code points (Python string indices), Label
//! Studio and `INCEpTION` in UTF-16 code units (JavaScript and Java strings).
//! The project's text is canonical (no BOM, line breaks as `\n`), so an
//! offset is first turned into a code point of the tool's text, then moved
//! back past every `\r` of a CRLF and a leading BOM that canonicalising
//! removed. An offset inside a character (half a surrogate pair, inside a
//! UTF-8 sequence) or inside a CRLF is refused, never rounded.

use std::fmt;

use crate::model::CharOffset;

/// What an offset counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode code points (Python `str` indices).
    CodePoints,
    /// UTF-16 code units (JavaScript and Java strings).
    Utf16,
    /// UTF-8 bytes.
    Bytes,
}

impl OffsetUnit {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "codepoints" | "code-points" | "chars" => Some(Self::CodePoints),
            "utf16" | "utf-16" => Some(Self::Utf16),
            "bytes" | "utf8" | "utf-8" => Some(Self::Bytes),
            _ => None,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Self::CodePoints => 1,
            Self::Utf16 => c.len_utf16(),
            Self::Bytes => c.len_utf8(),
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CodePoints => "code points",
            Self::Utf16 => "UTF-16 code units",
            Self::Bytes => "UTF-8 bytes",
        })
    }
}

/// Why an offset has no char.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OffsetError {
    #[error("offset {offset} is past the text's end ({len} {unit})")]
    PastEnd {
        offset: usize,
        len: usize,
        unit: OffsetUnit,
    },
    #[error("offset {offset} falls inside a character (counting {unit})")]
    InsideChar { offset: usize, unit: OffsetUnit },
    #[error("offset {offset} falls between the \\r and \\n of a line break")]
    InsideLineBreak { offset: usize },
}

/// The conversion for one text in one unit.
pub struct OffsetMap {
    unit: OffsetUnit,
    /// Unit offset where each code point of the tool's text starts, and
    /// the text's length last (one more entry than code points).
    starts: Vec<usize>,
    /// Whether the tool's text starts with a BOM (the canonical one does not).
    bom: bool,
    /// Code points of the tool's text that are the `\r` of a CRLF
    /// (canonical text keeps only the `\n`), ascending.
    dropped_cr: Vec<usize>,
}

impl OffsetMap {
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let mut starts = Vec::with_capacity(text.len() + 1);
        let mut dropped_cr = Vec::new();
        let mut at = 0;
        let mut chars = text.chars().enumerate().peekable();
        while let Some((index, c)) = chars.next() {
            starts.push(at);
            at += unit.width(c);
            if c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n') {
                dropped_cr.push(index);
            }
        }
        starts.push(at);
        Self {
            unit,
            starts,
            bom: text.starts_with('\u{feff}'),
            dropped_cr,
        }
    }

    /// The unit offset of a char offset of this text (exports write other
    /// tools' units; the text is the canonical one, so nothing was dropped).
    pub fn unit_offset(&self, offset: CharOffset) -> Option<usize> {
        self.starts.get(offset.get()).copied()
    }

    /// The canonical char offset of a unit offset.
    pub fn char_offset(&self, offset: usize) -> Result<CharOffset, OffsetError> {
        let len = self.starts.last().copied().unwrap_or(0);
        if offset > len {
            return Err(OffsetError::PastEnd {
                offset,
                len,
                unit: self.unit,
            });
        }
        let index = self
            .starts
            .binary_search(&offset)
            .map_err(|_| OffsetError::InsideChar {
                offset,
                unit: self.unit,
            })?;
        // Between a CRLF's \r and \n: that \r is gone from the canonical
        // text, so the offset would name the middle of a line break.
        if index > 0 && self.dropped_cr.binary_search(&(index - 1)).is_ok() {
            return Err(OffsetError::InsideLineBreak { offset });
        }
        let before =
            self.dropped_cr.partition_point(|&cr| cr < index) + usize::from(self.bom && index > 0);
        Ok(CharOffset::new(index - before))
    }
}
