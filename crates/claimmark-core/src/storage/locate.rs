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
    locate_all(source, &[path]).pop().flatten()
}

/// The positions of many values, found in one pass over `source`: a file
/// with 20,000 problems is read once, not 20,000 times.
pub fn locate_all(source: &str, paths: &[&[Step<'_>]]) -> Vec<Option<LineCol>> {
    let mut trie = Trie::default();
    for (i, path) in paths.iter().enumerate() {
        trie.insert(path, i);
    }
    let mut found: Vec<Option<usize>> = vec![None; paths.len()];
    Reader {
        source: source.as_bytes(),
        at: 0,
    }
    .walk(&trie, &mut found);
    let lines = LineIndex::new(source);
    found
        .into_iter()
        .map(|byte| byte.map(|byte| lines.line_col(source, byte)))
        .collect()
}

/// The top-level `format_version` of a project file: its position and its
/// token as written (`1`, `-3`, `"one"`), if the field is there.
pub fn format_version_token(source: &str) -> Option<(LineCol, String)> {
    let at = locate(source, &[Step::Field("format_version")])?;
    let mut reader = Reader {
        source: source.as_bytes(),
        at: 0,
    };
    reader.skip_trivia();
    reader.enter(Step::Field("format_version"))?;
    reader.skip_trivia();
    let start = reader.at;
    reader.skip_value()?;
    let token = source.get(start..reader.at)?.trim();
    Some((at, token.to_owned()))
}

/// The top-level `format_version` of a project file, if it is a number.
#[cfg(test)]
pub fn format_version(source: &str) -> Option<u64> {
    format_version_token(source)?.1.parse().ok()
}

/// Where each line starts, for turning many byte positions into lines and
/// columns without rescanning.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|p| p + 1));
        Self { starts }
    }

    fn line_col(&self, source: &str, byte: usize) -> LineCol {
        let line = self.starts.partition_point(|&start| start <= byte).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        LineCol {
            line,
            col: source.get(start..byte).unwrap_or_default().chars().count() + 1,
        }
    }
}

/// The wanted paths, sharing prefixes; node 0 is the root.
#[derive(Default)]
struct Trie {
    nodes: Vec<TrieNode>,
}

#[derive(Default)]
struct TrieNode {
    children: Vec<(OwnedStep, usize)>,
    wanted: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum OwnedStep {
    Field(Vec<u8>),
    Index(usize),
}

impl Trie {
    fn insert(&mut self, path: &[Step<'_>], id: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0;
        for step in path {
            let owned = match step {
                Step::Field(name) => OwnedStep::Field(name.as_bytes().to_vec()),
                Step::Index(i) => OwnedStep::Index(*i),
            };
            node = if let Some(&(_, child)) =
                self.nodes[node].children.iter().find(|(s, _)| *s == owned)
            {
                child
            } else {
                self.nodes.push(TrieNode::default());
                let child = self.nodes.len() - 1;
                self.nodes[node].children.push((owned, child));
                child
            };
        }
        self.nodes[node].wanted.push(id);
    }

    fn child(&self, node: usize, field: Option<&[u8]>, index: usize) -> Option<usize> {
        self.nodes
            .get(node)?
            .children
            .iter()
            .find_map(|(step, child)| {
                let hit = match (step, field) {
                    (OwnedStep::Field(name), Some(field)) => name == field,
                    (OwnedStep::Index(i), None) => *i == index,
                    _ => false,
                };
                hit.then_some(*child)
            })
    }

    fn has_children(&self, node: usize) -> bool {
        self.nodes.get(node).is_some_and(|n| !n.children.is_empty())
    }
}

struct Reader<'s> {
    source: &'s [u8],
    at: usize,
}

/// An open container on the walk's stack: its trie node and how many
/// unnamed elements it has had.
struct Frame {
    node: usize,
    index: usize,
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

    /// Walks the whole value at the cursor once, with an explicit stack
    /// (never recursion, whatever the nesting), recording where each wanted
    /// path's value starts. Subtrees no path goes into are skipped.
    fn walk(&mut self, trie: &Trie, found: &mut [Option<usize>]) {
        let record = |node: usize, at: usize, found: &mut [Option<usize>]| {
            for &id in trie.nodes.get(node).map_or(&[][..], |n| &n.wanted) {
                found[id] = Some(at);
            }
        };
        self.skip_trivia();
        if trie.nodes.is_empty() {
            return;
        }
        record(0, self.at, found);
        let mut stack: Vec<Frame> = Vec::new();
        if !self.open(0, trie, &mut stack) {
            return;
        }
        while let Some(frame) = stack.last_mut() {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b')' | b']' | b'}') => {
                    self.at += 1;
                    stack.pop();
                }
                Some(b',') => self.at += 1,
                Some(_) => {
                    let parent = frame.node;
                    let before = self.at;
                    let key = self.token().to_vec();
                    self.skip_trivia();
                    let child = if !key.is_empty() && self.peek() == Some(b':') {
                        self.at += 1;
                        self.skip_trivia();
                        trie.child(parent, Some(&key), 0)
                    } else {
                        self.at = before;
                        let index = frame.index;
                        frame.index += 1;
                        trie.child(parent, None, index)
                    };
                    match child {
                        Some(child) => {
                            record(child, self.at, found);
                            if !self.open(child, trie, &mut stack) && self.skip_value().is_none() {
                                return;
                            }
                        }
                        None => {
                            if self.skip_value().is_none() {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    /// Opens the container at the cursor (after a struct name, if any) for
    /// the walk, when a wanted path goes into it.
    fn open(&mut self, node: usize, trie: &Trie, stack: &mut Vec<Frame>) -> bool {
        if !trie.has_children(node) {
            return false;
        }
        let before = self.at;
        if self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.token();
            self.skip_trivia();
        }
        if matches!(self.peek(), Some(b'(' | b'[')) {
            self.at += 1;
            stack.push(Frame { node, index: 0 });
            true
        } else {
            self.at = before;
            false
        }
    }

    /// Moves into the child named by `step` of the value at the cursor.
    fn enter(&mut self, step: Step<'_>) -> Option<()> {
        self.skip_trivia();
        if self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.token();
            self.skip_trivia();
        }
        if !matches!(self.peek()?, b'(' | b'[') {
            return None;
        }
        self.at += 1;
        let mut index = 0;
        loop {
            self.skip_trivia();
            if matches!(self.peek(), Some(b')' | b']') | None) {
                return None;
            }
            let before = self.at;
            let key = self.token().to_vec();
            self.skip_trivia();
            let hit = if !key.is_empty() && self.peek() == Some(b':') {
                self.at += 1;
                self.skip_trivia();
                step == Step::Field(std::str::from_utf8(&key).unwrap_or_default())
            } else {
                self.at = before;
                index += 1;
                step == Step::Index(index - 1)
            };
            if hit {
                return Some(());
            }
            self.skip_value()?;
            self.skip_trivia();
            if self.peek() == Some(b',') {
                self.at += 1;
            }
        }
    }

    /// Steps over one value, however deeply nested, without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_trivia();
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'\'' => self.skip_char()?,
                b'r' if matches!(self.source.get(self.at + 1), Some(b'#' | b'"')) => {
                    self.skip_raw_string()?;
                }
                b'(' | b'[' | b'{' => {
                    self.at += 1;
                    depth += 1;
                    continue;
                }
                b')' | b']' | b'}' if depth > 0 => {
                    self.at += 1;
                    depth -= 1;
                }
                b',' | b':' if depth > 0 => {
                    self.at += 1;
                    continue;
                }
                _ => {
                    if self.token().is_empty() {
                        return None;
                    }
                    self.skip_trivia();
                    // `Some(…)`, `Name(…)`
                    if self.peek() == Some(b'(') {
                        self.at += 1;
                        depth += 1;
                        continue;
                    }
                }
            }
            if depth == 0 {
                return Some(());
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
    fn deep_nesting_is_walked_without_recursion() {
        let deep = format!(
            "({}{} format_version: 1)",
            "[".repeat(300_000),
            "]".repeat(300_000)
        );
        let deep = deep.replacen('(', "(x: ", 1);
        assert_eq!(format_version(&deep), Some(1));
        assert_eq!(
            locate(&deep, &[Step::Field("x"), Step::Index(0)]).map(|a| a.line),
            Some(1)
        );
        let unclosed = format!("(x: {}", "[".repeat(300_000));
        assert_eq!(format_version(&unclosed), None);
    }

    #[test]
    fn many_paths_are_found_in_one_pass() {
        let spans = |i| {
            vec![
                Step::Field("documents"),
                Step::Index(0),
                Step::Field("spans"),
                Step::Index(i),
            ]
        };
        let (a, b) = (spans(1), spans(0));
        let missing = [Step::Field("documents"), Step::Index(5)];
        let found = locate_all(SOURCE, &[&a, &b, &missing, &[]]);
        assert_eq!(
            found,
            vec![
                Some(LineCol { line: 11, col: 17 }),
                Some(LineCol { line: 10, col: 17 }),
                None,
                Some(LineCol { line: 2, col: 1 }),
            ]
        );
    }

    #[test]
    fn reads_the_format_version() {
        assert_eq!(format_version(SOURCE), Some(1));
        assert_eq!(format_version("(format_version: 99, rest: [])"), Some(99));
        assert_eq!(format_version("(schema: ())"), None);
        assert_eq!(format_version("not ron at all"), None);
    }
}
