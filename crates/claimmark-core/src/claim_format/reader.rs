//! Reading a JSON Lines file line by line with bounded memory: a line longer
//! than the limit is skipped (and reported) without being held whole, so a
//! 1 GB file or a 20 MB line cannot exhaust memory.
//!
//! [`LineReader`] gives raw lines; [`TextLines`] on top of it gives the
//! lines that are not blank as text, or why one could not be read. Every
//! reader of claim/v1 and span lines goes through [`TextLines`] (import,
//! `validate`, `score`), usually by way of [`super::line::read_lines`].

use std::fmt;
use std::io::{self, BufRead, Read as _};

/// What the next line was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The line is in the buffer, without its `\n` or `\r\n`.
    Complete,
    /// The line had more than the limit's bytes; the buffer is empty and
    /// the rest of the line was skipped.
    TooLong { bytes: u64 },
}

/// Reads lines of at most `max_bytes` bytes each (line end included).
pub struct LineReader<R> {
    inner: R,
    max_bytes: usize,
    line_number: u64,
    bytes_read: u64,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, max_bytes: usize) -> Self {
        Self {
            inner,
            max_bytes,
            line_number: 0,
            bytes_read: 0,
        }
    }

    /// The one-based number of the line last read.
    pub fn line_number(&self) -> u64 {
        self.line_number
    }

    /// Bytes consumed so far, line ends included.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Reads the next line into `buffer` (cleared first); `None` at the end.
    pub fn next_line(&mut self, buffer: &mut Vec<u8>) -> io::Result<Option<LineKind>> {
        buffer.clear();
        let limit = u64::try_from(self.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = (&mut self.inner).take(limit).read_until(b'\n', buffer)?;
        if read == 0 {
            return Ok(None);
        }
        self.line_number += 1;
        self.bytes_read += read as u64;
        if buffer.last() == Some(&b'\n') {
            buffer.pop();
        } else if read > self.max_bytes {
            let skipped = self.skip_rest_of_line()?;
            buffer.clear();
            return Ok(Some(LineKind::TooLong {
                bytes: read as u64 + skipped,
            }));
        }
        if buffer.last() == Some(&b'\r') {
            buffer.pop();
        }
        Ok(Some(LineKind::Complete))
    }

    /// Consumes up to and including the next `\n`, holding nothing.
    fn skip_rest_of_line(&mut self) -> io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let (used, done) = match memchr::memchr(b'\n', available) {
                Some(newline) => (newline + 1, true),
                None => (available.len(), false),
            };
            self.inner.consume(used);
            skipped += used as u64;
            if done {
                break;
            }
        }
        self.bytes_read += skipped;
        Ok(skipped)
    }
}

/// A byte-order mark.
const BOM: char = '\u{feff}';

/// An empty string that keeps the bytes' allocation for the next line.
fn emptied(mut bytes: Vec<u8>) -> String {
    bytes.clear();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Why a line was not given as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// The line had `bytes` bytes, more than the `max_bytes` allowed.
    TooLong { bytes: u64, max_bytes: usize },
    /// The line is not UTF-8: the first bad byte is `valid_up_to` bytes in.
    NotUtf8 { valid_up_to: usize },
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { bytes, max_bytes } => write!(
                f,
                "the line has {bytes} bytes, more than the {max_bytes} a claim may have; it was skipped. Split what it holds into several claims"
            ),
            Self::NotUtf8 { valid_up_to } => write!(
                f,
                "the line is not UTF-8 (invalid byte {valid_up_to} bytes in); save the file as UTF-8"
            ),
        }
    }
}

/// The lines of a JSON Lines file that are not blank, as text, with their
/// one-based numbers. `\r\n` is accepted and a byte-order mark at the start
/// of the file is dropped (not part of the format, but harmless).
pub struct TextLines<R> {
    lines: LineReader<R>,
    /// The last line read; its bytes are reused for the next.
    text: String,
    max_bytes: usize,
}

impl<R: BufRead> TextLines<R> {
    /// Lines of at most `max_bytes` bytes (line end included); longer ones
    /// are skipped without being held and reported as [`Unreadable`].
    pub fn new(inner: R, max_bytes: usize) -> Self {
        Self {
            lines: LineReader::new(inner, max_bytes),
            text: String::new(),
            max_bytes,
        }
    }

    /// The next line that is not blank: its number and its text, or why it
    /// could not be read as text. `None` at the end of the input.
    pub fn next_line(&mut self) -> io::Result<Option<(u64, Result<&str, Unreadable>)>> {
        loop {
            let mut buffer = std::mem::take(&mut self.text).into_bytes();
            let Some(kind) = self.lines.next_line(&mut buffer)? else {
                return Ok(None);
            };
            let number = self.lines.line_number();
            if let LineKind::TooLong { bytes } = kind {
                self.text = emptied(buffer);
                let max_bytes = self.max_bytes;
                return Ok(Some((
                    number,
                    Err(Unreadable::TooLong { bytes, max_bytes }),
                )));
            }
            match String::from_utf8(buffer) {
                Ok(text) => self.text = text,
                Err(error) => {
                    let valid_up_to = error.utf8_error().valid_up_to();
                    self.text = emptied(error.into_bytes());
                    return Ok(Some((number, Err(Unreadable::NotUtf8 { valid_up_to }))));
                }
            }
            let start = if number == 1 && self.text.starts_with(BOM) {
                BOM.len_utf8()
            } else {
                0
            };
            if !self.text[start..].trim().is_empty() {
                return Ok(Some((number, Ok(&self.text[start..]))));
            }
        }
    }

    /// Lines read so far, blank ones included.
    pub fn lines_read(&self) -> u64 {
        self.lines.line_number()
    }

    /// Bytes consumed so far, line ends included.
    pub fn bytes_read(&self) -> u64 {
        self.lines.bytes_read()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<(u64, LineKind, String)> {
        let mut reader = LineReader::new(io::BufReader::with_capacity(4, input), max);
        let mut buffer = Vec::new();
        let mut out = Vec::new();
        while let Some(kind) = reader.next_line(&mut buffer).unwrap() {
            assert!(
                buffer.capacity() <= max + 8,
                "the buffer grew past the limit"
            );
            out.push((
                reader.line_number(),
                kind,
                String::from_utf8(buffer.clone()).unwrap(),
            ));
        }
        assert_eq!(reader.bytes_read(), input.len() as u64);
        out
    }

    #[test]
    fn splits_lines_and_accepts_crlf() {
        assert_eq!(
            lines(b"one\r\ntwo\n\nlast", 10),
            vec![
                (1, LineKind::Complete, "one".into()),
                (2, LineKind::Complete, "two".into()),
                (3, LineKind::Complete, String::new()),
                (4, LineKind::Complete, "last".into()),
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_read() {
        let mut input = vec![b'x'; 100];
        input.extend_from_slice(b"\nnext\n");
        input.extend_from_slice(&[b'y'; 30]);
        assert_eq!(
            lines(&input, 10),
            vec![
                (1, LineKind::TooLong { bytes: 101 }, String::new()),
                (2, LineKind::Complete, "next".into()),
                (3, LineKind::TooLong { bytes: 30 }, String::new()),
            ]
        );
        // Exactly at the limit (line end included) is fine.
        assert_eq!(
            lines(b"123456789\n", 10),
            vec![(1, LineKind::Complete, "123456789".into())]
        );
    }

    #[test]
    fn text_lines_skip_blanks_drop_a_bom_and_report_unreadable_lines() {
        let mut input = "\u{feff}one\r\n  \n".as_bytes().to_vec();
        input.extend_from_slice(b"\xff\xfe\n");
        input.extend_from_slice(&[b'x'; 20]);
        input.extend_from_slice("\n\u{feff}kept\n".as_bytes());
        let mut lines = TextLines::new(io::BufReader::with_capacity(4, &input[..]), 10);
        let mut out = Vec::new();
        while let Some((number, text)) = lines.next_line().unwrap() {
            out.push((number, text.map(str::to_owned)));
        }
        assert_eq!(
            out,
            vec![
                (1, Ok("one".to_owned())),
                (3, Err(Unreadable::NotUtf8 { valid_up_to: 0 })),
                (
                    4,
                    Err(Unreadable::TooLong {
                        bytes: 21,
                        max_bytes: 10
                    })
                ),
                (5, Ok("\u{feff}kept".to_owned())),
            ]
        );
        assert_eq!(lines.lines_read(), 5);
        assert_eq!(lines.bytes_read(), input.len() as u64);
        assert!(
            Unreadable::NotUtf8 { valid_up_to: 3 }
                .to_string()
                .starts_with("the line is not UTF-8")
        );
    }
}
