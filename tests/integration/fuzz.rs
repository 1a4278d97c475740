//! A mutation fuzzer over the project and claim/v1 loaders: the bundled
//! sample project and its export, cut, spliced, nested and sprinkled with
//! bytes. No case may panic, and every problem a loader reports carries a
//! line (and, for projects, a column). `CLAIMMARK_FUZZ_CASES` runs more.

use claimmark_core::claim_format::{MAX_LINE_BYTES, export, import};
use claimmark_core::storage::project_file::{self, ProjectFileError};

/// xorshift: reproducible cases without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NASTY: [&[u8]; 12] = [
    b"[",
    b"(",
    b")",
    b"\"",
    b"\\",
    b"r#\"",
    b"/*",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x1b[31m\x07\n",
    b"99999999999999999999999",
    b"Some(",
];

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(bytes.len());
        match rng.below(6) {
            0 => {
                let end = (at + rng.below(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let piece = NASTY[rng.below(NASTY.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            2 => {
                let end = (at + rng.below(300)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len());
                bytes.splice(to..to, copy);
            }
            3 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = (rng.next() & 0xff) as u8;
                }
            }
            4 => {
                let depth = 1 + rng.below(5000);
                bytes.splice(at..at, std::iter::repeat_n(b'[', depth));
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn cases() -> usize {
    std::env::var("CLAIMMARK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000)
}

#[test]
fn mutated_projects_never_panic_and_every_problem_is_located() {
    let original =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/projects/sample.ron")).unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for case in 0..cases() {
        let bytes = mutate(&mut rng, &original);
        let Ok(source) = std::str::from_utf8(&bytes) else {
            continue; // the byte check before parsing is tested on its own
        };
        match project_file::from_ron(source) {
            Ok(_) | Err(ProjectFileError::NotAProject) => {}
            Err(ProjectFileError::Invalid(problems)) => {
                for problem in &problems {
                    assert!(
                        !problem.message.contains(['\n', '\u{1b}', '\u{7}']),
                        "case {case}: a raw control character in {:?}",
                        problem.message
                    );
                }
                assert!(
                    problems.iter().any(|p| p.at.is_some()),
                    "case {case}: no position in {problems:?}"
                );
            }
            Err(error) => {
                let text = error.to_string();
                let mut parts = text.splitn(3, ':');
                let line = parts.next().and_then(|l| l.parse::<usize>().ok());
                let col = parts.next().and_then(|c| c.parse::<usize>().ok());
                assert!(
                    line.is_some() && col.is_some(),
                    "case {case}: no line:col in {text}"
                );
                assert!(!text.contains(['\n', '\u{1b}']), "case {case}: {text:?}");
            }
        }
    }
}

#[test]
fn mutated_claims_files_never_panic_and_every_problem_has_its_line() {
    let project = claimmark_core::storage::load_project(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/projects/sample.ron"
    )))
    .unwrap();
    let mut original = Vec::new();
    export::write_claims(&project, &export::Filter::default(), &mut original).unwrap();
    assert!(!original.is_empty());
    let mut rng = Rng(0xc1a1_3f00_0000_0001);
    let line_count = |bytes: &[u8]| bytes.split(|&b| b == b'\n').count() as u64;
    for case in 0..cases() {
        let bytes = mutate(&mut rng, &original);
        let lines = line_count(&bytes);
        let prepared = import::read_claims(
            std::io::Cursor::new(&bytes),
            "fuzz.jsonl",
            bytes.len() as u64,
            &project,
            &|_, _| {},
            MAX_LINE_BYTES,
        )
        .unwrap();
        let report = prepared
            .into_edit_with(&project, import::Duplicates::Skip)
            .report;
        for problem in &report.problems {
            assert!(
                (1..=lines).contains(&problem.line),
                "case {case}: line {} of {lines}",
                problem.line
            );
        }
        for line in report.lines() {
            assert!(
                !line.contains(['\n', '\u{1b}', '\u{7}']),
                "case {case}: {line:?}"
            );
        }
    }
}
