//! Finds where a value sits in RON source, by path
//! (`documents[3].spans[17]`), so that problems found after parsing (a span
//! out of range, a hash mismatch) can be reported at `file:line:col`.
//!
//! It reads just enough RON to step over values: strings (plain and raw),
//! chars, comments, brackets and bare tokens.

/// One step of a path into a RON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

/// A one-based line and column (columns count chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl LineCol {
    /// The line and column of a byte position in `source`.
    pub fn of_byte(source: &str, byte: usize) -> Self {
        let before = source.get(..byte).unwrap_or(source);
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        Self {
            line: before.matches('\n').count() + 1,
            col: before.get(line_start..).unwrap_or_default().chars().count() + 1,
        }
    }
}

/// The position of the value at `path`, or `None` if the path is not there.
pub fn locate(source: &str, path: &[Step<'_>]) -> Option<LineCol> {
    let mut reader = Reader {
        source: source.as_bytes(),
        at: 0,
    };
    reader.skip_trivia();
    for step in path {
        reader.enter(*step)?;
    }
    reader.skip_trivia();
    Some(LineCol::of_byte(source, reader.at))
}

/// The top-level `format_version` of a project file, if it is a number.
pub fn format_version(source: &str) -> Option<u64> {
    let mut reader = Reader {
        source: source.as_bytes(),
        at: 0,
    };
    reader.skip_trivia();
    reader.enter(Step::Field("format_version"))?;
    reader.skip_trivia();
    let token = reader.token();
    std::str::from_utf8(token).ok()?.parse().ok()
}

struct Reader<'s> {
    source: &'s [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.source.get(self.at).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.source.get(self.at + 1).copied()) {
                (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.at += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    let mut depth = 1;
                    while depth > 0 && self.at < self.source.len() {
                        match (self.peek(), self.source.get(self.at + 1).copied()) {
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.at += 2;
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.at += 2;
                            }
                            _ => self.at += 1,
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// A bare token: identifier, number, `true`.
    fn token(&mut self) -> &[u8] {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-'))
        {
            self.at += 1;
        }
        self.source.get(start..self.at).unwrap_or_default()
    }

    /// Moves into the child named by `step` of the value at the cursor.
    fn enter(&mut self, step: Step<'_>) -> Option<()> {
        self.skip_trivia();
        // A struct may carry its name: `Project(…)`.
        if self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.token();
            self.skip_trivia();
        }
        let open = self.peek()?;
        if !matches!(open, b'(' | b'[') {
            return None;
        }
        self.at += 1;
        match step {
            Step::Index(index) => {
                for _ in 0..index {
                    self.skip_trivia();
                    if matches!(self.peek(), Some(b')' | b']') | None) {
                        return None;
                    }
                    self.skip_value()?;
                    self.skip_trivia();
                    if self.peek() == Some(b',') {
                        self.at += 1;
                    }
                }
                self.skip_trivia();
                (!matches!(self.peek(), Some(b')' | b']') | None)).then_some(())
            }
            Step::Field(name) => loop {
                self.skip_trivia();
                if matches!(self.peek(), Some(b')' | b']') | None) {
                    return None;
                }
                let key = self.token().to_vec();
                self.skip_trivia();
                if self.peek() != Some(b':') {
                    return None;
                }
                self.at += 1;
                self.skip_trivia();
                if key == name.as_bytes() {
                    return Some(());
                }
                self.skip_value()?;
                self.skip_trivia();
                if self.peek() == Some(b',') {
                    self.at += 1;
                }
            },
        }
    }

    /// Steps over one value.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_trivia();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'\'' => self.skip_char(),
            b'r' if matches!(self.source.get(self.at + 1), Some(b'#' | b'"')) => {
                self.skip_raw_string()
            }
            b'(' | b'[' | b'{' => self.skip_group(),
            _ => {
                if self.token().is_empty() {
                    return None;
                }
                self.skip_trivia();
                // `Some(…)`, `Name(…)`
                if self.peek() == Some(b'(') {
                    self.skip_group()?;
                }
                Some(())
            }
        }
    }

    fn skip_group(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            self.skip_trivia();
            match self.peek()? {
                b')' | b']' | b'}' => {
                    self.at += 1;
                    return Some(());
                }
                b',' | b':' => self.at += 1,
                _ => self.skip_value()?,
            }
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.at += 1,
            }
        }
    }

    fn skip_char(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'\'' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.at += 1,
            }
        }
    }

    fn skip_raw_string(&mut self) -> Option<()> {
        self.at += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.at += 1;
        }
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        loop {
            if self.peek()? == b'"'
                && self
                    .source
                    .get(self.at + 1..self.at + 1 + hashes)
                    .is_some_and(|tail| tail.iter().all(|&b| b == b'#'))
            {
                self.at += 1 + hashes;
                return Some(());
            }
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r##"// a comment
(
    format_version: 1,
    schema: (labels: [(name: "a", key: Some('1'))], /* (nested /* comment */) */ claim_types: []),
    documents: [
        (
            id: "x",
            text: ["a \"quoted\" ) ] line\n", r#"raw ")"#],
            spans: [
                (id: 1, start: 0, end: 1),
                (id: 2, start: 1, end: 2),
            ],
        ),
    ],
)
"##;

    #[test]
    fn finds_values_by_path() {
        let at = |path: &[Step<'_>]| locate(SOURCE, path);
        assert_eq!(
            at(&[Step::Field("format_version")]),
            Some(LineCol { line: 3, col: 21 })
        );
        assert_eq!(
            at(&[
                Step::Field("documents"),
                Step::Index(0),
                Step::Field("spans"),
                Step::Index(1)
            ]),
            Some(LineCol { line: 11, col: 17 })
        );
        assert_eq!(
            at(&[
                Step::Field("documents"),
                Step::Index(0),
                Step::Field("spans")
            ]),
            Some(LineCol { line: 9, col: 20 })
        );
        assert_eq!(
            at(&[Step::Field("schema"), Step::Field("claim_types")]),
            Some(LineCol { line: 4, col: 95 })
        );
        assert_eq!(at(&[Step::Field("documents"), Step::Index(1)]), None);
        assert_eq!(at(&[Step::Field("missing")]), None);
    }

    #[test]
    fn reads_the_format_version() {
        assert_eq!(format_version(SOURCE), Some(1));
        assert_eq!(format_version("(format_version: 99, rest: [])"), Some(99));
        assert_eq!(format_version("(schema: ())"), None);
        assert_eq!(format_version("not ron at all"), None);
    }
}
