//! Completing a typed path, as a shell's Tab does: for the window's typed
//! path where no file dialog can open.
//!
//! Rules: the last component is a prefix of entries in its folder (a
//! relative path is read from `base`); folders always match, files only
//! with one of the wanted extensions (none given: every file). One match
//! completes it (a folder gains its separator); several complete their
//! longest common prefix and are listed, folders first, then by name.

use std::path::{MAIN_SEPARATOR, Path};

/// The completed text and what still matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub text: String,
    /// Names in the folder that match (folders end with the separator).
    pub candidates: Vec<String>,
}

/// Completes `typed`, relative paths from `base`.
pub fn complete_path(typed: &str, base: &Path, extensions: &[&str]) -> Completion {
    let (folder_part, prefix) = match typed.rfind(['/', MAIN_SEPARATOR]) {
        Some(at) => (&typed[..=at], &typed[at + 1..]),
        None => ("", typed),
    };
    let folder = if folder_part.is_empty() {
        base.to_path_buf()
    } else if Path::new(folder_part).is_absolute() {
        Path::new(folder_part).to_path_buf()
    } else {
        base.join(folder_part)
    };
    let mut candidates: Vec<(bool, String)> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = entry.path().is_dir();
            let wanted = is_dir
                || extensions.is_empty()
                || Path::new(&name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.iter().any(|w| w.eq_ignore_ascii_case(e)));
            wanted.then(|| {
                (
                    is_dir,
                    if is_dir {
                        format!("{name}{MAIN_SEPARATOR}")
                    } else {
                        name
                    },
                )
            })
        })
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let names: Vec<String> = candidates.into_iter().map(|(_, name)| name).collect();
    let completed = match names.as_slice() {
        [] => prefix.to_owned(),
        [only] => only.clone(),
        [first, rest @ ..] => rest.iter().fold(first.clone(), |common, name| {
            common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        }),
    };
    Completion {
        text: format!("{folder_part}{completed}"),
        candidates: if names.len() > 1 { names } else { Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for file in [
            "pardon.txt",
            "parole.txt",
            "pardon.ron",
            "notes.md",
            ".hidden.txt",
        ] {
            std::fs::write(dir.path().join(file), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("papers")).expect("mkdir");
        std::fs::write(dir.path().join("papers").join("amnesty.txt"), "x").expect("write");
        dir
    }

    #[test]
    fn one_match_completes_and_a_folder_gains_its_separator() {
        let dir = folder();
        let done = complete_path("pard", dir.path(), &["txt"]);
        assert_eq!(done.text, "pardon.txt");
        assert!(done.candidates.is_empty());
        let done = complete_path("pap", dir.path(), &["txt"]);
        assert_eq!(done.text, format!("papers{MAIN_SEPARATOR}"));
        let inside = complete_path(&format!("papers{MAIN_SEPARATOR}a"), dir.path(), &["txt"]);
        assert_eq!(inside.text, format!("papers{MAIN_SEPARATOR}amnesty.txt"));
    }

    #[test]
    fn several_complete_their_common_prefix_and_are_listed_folders_first() {
        let dir = folder();
        let done = complete_path("pa", dir.path(), &["txt"]);
        assert_eq!(done.text, "pa");
        assert_eq!(
            done.candidates,
            [
                format!("papers{MAIN_SEPARATOR}"),
                "pardon.txt".into(),
                "parole.txt".into()
            ]
        );
        let done = complete_path("par", dir.path(), &["txt", "ron"]);
        assert_eq!(done.text, "par");
        assert_eq!(done.candidates.len(), 3, "{:?}", done.candidates);
        let absolute = format!("{}{MAIN_SEPARATOR}pardon.", dir.path().display());
        let done = complete_path(&absolute, Path::new("/nowhere"), &[]);
        assert_eq!(done.candidates.len(), 2, "absolute paths ignore the base");
    }

    #[test]
    fn nothing_matches_leaves_the_text_and_hidden_files_stay_hidden() {
        let dir = folder();
        assert_eq!(complete_path("zz", dir.path(), &[]).text, "zz");
        assert!(
            complete_path("", dir.path(), &["txt"])
                .candidates
                .iter()
                .all(|c| !c.starts_with('.'))
        );
        assert_eq!(
            complete_path("missing/x", dir.path(), &[]).text,
            "missing/x"
        );
    }
}
