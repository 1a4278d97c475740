//! Reading a JSON Lines file line by line with bounded memory: a line longer
//! than the limit is skipped (and reported) without being held whole, so a
//! 1 GB file or a 20 MB line cannot exhaust memory.

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
}
