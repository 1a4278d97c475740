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
    let Ok(bytes) = crate::storage::input::read_limited(
        &path,
        crate::storage::input::MAX_SMALL_FILE_BYTES,
        "manifests",
    ) else {
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
        // The manifest is data: it may only name files in its own folder.
        let listed = match crate::storage::paths::inside_folder(dir, &file.path) {
            Ok(listed) => listed,
            Err(why) => {
                let line = line_of(&bytes, &file.path);
                problems.push(format!(
                    "{name}:{line}: lists “{}”, which was not opened: {why}",
                    crate::text_shown::shown(&file.path)
                ));
                continue;
            }
        };
        match crate::storage::input::read_limited(
            &listed,
            crate::storage::articles::MAX_ARTICLE_BYTES,
            "fixture files",
        ) {
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
            Err(_) => problems.push(format!(
                "{name}: lists {}, which is missing or not a regular file",
                crate::text_shown::shown(&file.path)
            )),
        }
    }
    problems
}

/// The line of the manifest where `listed` first appears as a JSON string.
fn line_of(manifest: &[u8], listed: &str) -> usize {
    let quoted = serde_json::to_string(listed).unwrap_or_default();
    let text = String::from_utf8_lossy(manifest);
    text.find(&quoted)
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
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
            problems[1].ends_with("lists b.spans.jsonl, which is missing or not a regular file"),
            "{}",
            problems[1]
        );
        std::fs::remove_file(dir.path().join(MANIFEST)).unwrap();
        assert!(check_manifest(dir.path())[0].contains("no manifest"));
    }

    #[test]
    fn a_manifest_cannot_make_score_open_files_outside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("secret.txt");
        std::fs::write(&outside, "secret").unwrap();
        let folder = dir.path().join("fixtures");
        std::fs::create_dir(&folder).unwrap();
        let manifest = format!(
            "{{\n  \"files\": [\n    {{\"path\": {}, \"sha256\": \"00\"}},\n    {{\"path\": \"../secret.txt\", \"sha256\": \"00\"}},\n    {{\"path\": \"bell\\u0007\\n/x:1:1: forged\", \"sha256\": \"00\"}}\n  ]\n}}\n",
            serde_json::to_string(&outside.display().to_string()).unwrap()
        );
        std::fs::write(folder.join(MANIFEST), manifest).unwrap();
        let problems = check_manifest(&folder);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains(":3: lists") && problems[0].contains("it is absolute"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains(":4: lists") && problems[1].contains("climbs out"),
            "{}",
            problems[1]
        );
        assert!(
            problems
                .iter()
                .all(|p| !p.contains("SHA-256 is") && !p.contains('\n') && !p.contains('\u{7}')),
            "{problems:#?}"
        );
    }
}
