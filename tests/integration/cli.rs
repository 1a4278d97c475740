//! The command line: `claimmark add`.

use std::path::Path;
use std::process::Command;

use claimmark_core::storage;

use super::fixtures::scratch;

pub(super) fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn add_creates_a_project_and_refuses_bad_files_by_name() {
    let dir = scratch();
    let project = dir.path().join("new/project.ron");
    let good = write(
        dir.path(),
        "pardon.txt",
        "Thirty-one freed\r\nLukashenko pardoned 31 people on Thursday.\r\n".as_bytes(),
    );
    let second = write(
        dir.path(),
        "count.txt",
        "Viasna counts 1,184 political prisoners.".as_bytes(),
    );
    let latin1 = write(dir.path(), "latin1.txt", b"caf\xe9");
    let output = claimmark(&[
        &"add",
        &project,
        &good,
        &second,
        &latin1,
        &"--published",
        &"2024-11-16",
        &"--source",
        &"https://example.org/x",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "a refused file makes the exit code non-zero"
    );
    assert!(
        stderr.contains("latin1.txt: not added: the file is not UTF-8 text"),
        "{stderr}"
    );
    assert!(stdout.contains("created"), "{stdout}");
    assert!(
        stdout.contains("added 2 document(s), refused 1 file(s)"),
        "{stdout}"
    );
    let loaded = storage::load_project(&project).unwrap();
    assert_eq!(loaded.documents.len(), 2);
    let doc = &loaded.documents[0];
    assert_eq!(doc.id.as_str(), "pardon");
    assert_eq!(doc.title, "Thirty-one freed");
    assert_eq!(
        doc.text.as_str(),
        "Thirty-one freed\nLukashenko pardoned 31 people on Thursday.\n"
    );
    assert_eq!(doc.source, "https://example.org/x");
    assert_eq!(
        doc.published
            .map(claimmark_core::model::format_day)
            .as_deref(),
        Some("2024-11-16")
    );

    // Adding to an existing project keeps what is there and skips duplicates.
    let third = write(dir.path(), "third.txt", b"A third article.");
    let output = claimmark(&[&"add", &project, &third, &good, &"--title", &"Given title"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("same text as document “pardon”"),
        "{stderr}"
    );
    let loaded = storage::load_project(&project).unwrap();
    assert_eq!(loaded.documents.len(), 3);
    assert_eq!(loaded.documents[2].title, "Given title");
}

#[test]
fn add_refuses_a_broken_project_and_leaves_it_untouched() {
    let dir = scratch();
    let project = write(
        dir.path(),
        "broken.ron",
        b"(format_version: 1, schema: (labels: [",
    );
    let article = write(dir.path(), "a.txt", b"Some text.");
    let output = claimmark(&[&"add", &project, &article]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("broken.ron:1:"), "{stderr}");
    assert_eq!(
        std::fs::read(&project).unwrap(),
        b"(format_version: 1, schema: (labels: ["
    );
}

#[test]
fn add_checks_its_arguments() {
    let dir = scratch();
    let output = claimmark(&[
        &"add",
        &dir.path().join("p.ron"),
        &"a.txt",
        &"--published",
        &"18/09/2025",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("is not a date of the form YYYY-MM-DD"),
        "{stderr}"
    );
    let help = claimmark(&[&"add", &"--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--published"));
}

#[test]
fn every_subcommand_error_escapes_control_characters() {
    let dir = scratch();
    let hostile = dir.path().join("bad\u{1b}[31mname\u{7}.ron");
    for command in ["stats", "suggest", "review"] {
        let out = if command == "review" {
            claimmark(&[&command, &hostile, &"--accept"])
        } else {
            claimmark(&[&command, &hostile])
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{command}: {stderr:?}"
        );
        assert!(stderr.contains("\\u{1b}"), "{command}: {stderr:?}");
    }
}
