//! A fixtures folder read back: what [`super::export::write_fixtures`] and
//! `claimmark dataset --format claims` write. Its files by document, and
//! its `manifest.json` checked against them. The lines of the files are read
//! with [`super::line::read_lines`].

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use crate::model::text::hex;

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// One document's files in a fixtures folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixtureFiles {
    /// `<doc-id>.txt`: the canonical text.
    pub text: Option<PathBuf>,
    /// `<doc-id>.claims.jsonl`: claim/v1 lines.
    pub claims: Option<PathBuf>,
    /// `<doc-id>.spans.jsonl`: span lines.
    pub spans: Option<PathBuf>,
}

/// The files of a fixtures folder by document id, sorted. Files with other
/// endings (the manifest, anything else) are passed over.
pub fn list(dir: &Path) -> io::Result<BTreeMap<String, FixtureFiles>> {
    let mut files: BTreeMap<String, FixtureFiles> = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let file_name = file_name.to_owned();
        if let Some(id) = file_name.strip_suffix(".claims.jsonl") {
            files.entry(id.to_owned()).or_default().claims = Some(path);
        } else if let Some(id) = file_name.strip_suffix(".spans.jsonl") {
            files.entry(id.to_owned()).or_default().spans = Some(path);
        } else if let Some(id) = file_name.strip_suffix(".txt") {
            files.entry(id.to_owned()).or_default().text = Some(path);
        }
    }
    Ok(files)
}

/// What is read of a manifest: the files it lists. The manifests of
/// `export --fixtures` and of `dataset` both have them.
#[derive(Deserialize)]
struct ManifestFiles {
    #[serde(default)]
    files: Vec<ListedFile>,
}

#[derive(Deserialize)]
struct ListedFile {
    path: String,
    sha256: String,
}

/// Checks the files the folder's `manifest.json` lists against their
/// SHA-256. Returns the problems, each `file: what`; a folder without a
/// manifest gives one.
pub fn check_manifest(dir: &Path) -> Vec<String> {
    let path = dir.join(MANIFEST);
    let name = path.display().to_string();
    let Ok(bytes) = std::fs::read(&path) else {
        return vec![format!(
            "{name}: no manifest; the files' checksums were not checked"
        )];
    };
    let manifest: ManifestFiles = match serde_json::from_slice(&bytes) {
        Ok(manifest) => manifest,
        Err(error) => return vec![format!("{name}:{}: {error}", error.line())],
    };
    let mut problems = Vec::new();
    for file in manifest.files {
        let listed = dir.join(&file.path);
        match std::fs::read(&listed) {
            Ok(bytes) => {
                let actual = hex(&Sha256::digest(&bytes));
                if !actual.eq_ignore_ascii_case(&file.sha256) {
                    problems.push(format!(
                        "{}: its SHA-256 is {actual}, but {name} lists {}; the file changed after export",
                        listed.display(),
                        file.sha256
                    ));
                }
            }
            Err(_) => problems.push(format!("{name}: lists {}, which is missing", file.path)),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim_format::export::{Filter, write_fixtures};
    use crate::model::{Project, notation};

    #[test]
    fn fixtures_written_are_listed_and_their_manifest_checks() {
        let mut project = Project::default();
        for id in ["a", "b"] {
            project
                .documents
                .push(notation::document(id, "[person|Ales] was [event|freed].").unwrap());
        }
        let dir = tempfile::tempdir().unwrap();
        write_fixtures(
            &project,
            Path::new("p.ron"),
            &Filter::default(),
            dir.path(),
            true,
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.md"), "not a fixture").unwrap();
        let files = list(dir.path()).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["a", "b"]);
        let a = &files["a"];
        assert!(a.text.is_some() && a.claims.is_some() && a.spans.is_some());
        assert_eq!(check_manifest(dir.path()), Vec::<String>::new());

        std::fs::write(dir.path().join("a.txt"), "changed").unwrap();
        std::fs::remove_file(dir.path().join("b.spans.jsonl")).unwrap();
        let problems = check_manifest(dir.path());
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].contains("a.txt: its SHA-256 is"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].ends_with("lists b.spans.jsonl, which is missing"),
            "{}",
            problems[1]
        );
        std::fs::remove_file(dir.path().join(MANIFEST)).unwrap();
        assert!(check_manifest(dir.path())[0].contains("no manifest"));
    }
}
