//! Paths compared as the file system sees them: an output is never one of a
//! command's inputs, and a path read from inside a file (a manifest's list)
//! never leaves that file's folder.

use std::path::{Component, Path, PathBuf};

/// `path` with symlinks resolved; for a file not there yet, its folder
/// resolved and its name kept.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let target = super::atomic::resolve_target(path);
    match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            std::fs::canonicalize(parent).map_or_else(|_| target.clone(), |p| p.join(name))
        }
        _ => target,
    }
}

/// An output that would overwrite one of the command's inputs.
#[derive(Debug, thiserror::Error)]
#[error(
    "{} is also this command's input {}; nothing was written. Choose another output file",
    output.display(), input.display()
)]
pub struct OwnInput {
    pub output: PathBuf,
    pub input: PathBuf,
}

/// Refuses `output` when it is, or (for an output folder) contains or lies
/// inside, any of `inputs`.
pub fn refuse_own_input(output: &Path, inputs: &[&Path]) -> Result<(), OwnInput> {
    let out = canonical(output);
    for input in inputs {
        let canonical_input = canonical(input);
        if out == canonical_input {
            return Err(OwnInput {
                output: output.to_owned(),
                input: (*input).to_owned(),
            });
        }
    }
    Ok(())
}

/// Refuses an output folder that holds any of `inputs` (a dataset written
/// into the project's own folder).
pub fn refuse_folder_holding_input(folder: &Path, inputs: &[&Path]) -> Result<(), OwnInput> {
    let out = canonical(folder);
    for input in inputs {
        if canonical(input).starts_with(&out) {
            return Err(OwnInput {
                output: folder.to_owned(),
                input: (*input).to_owned(),
            });
        }
    }
    Ok(())
}

/// Why a path listed inside a file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListedPathError {
    #[error("it is absolute; list files by their path inside the folder")]
    Absolute,
    #[error("it climbs out of the folder with ..")]
    Climbs,
    #[error("it leads out of the folder through a symlink")]
    LeavesThroughLink,
    #[error("it is empty")]
    Empty,
}

/// The file a path listed in `folder`'s manifest names, when it stays
/// inside the folder: relative, without `..`, and not leaving through a
/// symlink.
pub fn inside_folder(folder: &Path, listed: &str) -> Result<PathBuf, ListedPathError> {
    let relative = Path::new(listed);
    if listed.is_empty() {
        return Err(ListedPathError::Empty);
    }
    for component in relative.components() {
        match component {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => return Err(ListedPathError::Climbs),
            Component::RootDir | Component::Prefix(_) => return Err(ListedPathError::Absolute),
        }
    }
    let joined = folder.join(relative);
    if let (Ok(real_folder), Ok(real_file)) = (
        std::fs::canonicalize(folder),
        std::fs::canonicalize(&joined),
    ) && !real_file.starts_with(&real_folder)
    {
        return Err(ListedPathError::LeavesThroughLink);
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_onto_an_input_is_refused_even_by_another_name() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        std::fs::write(&project, "x").unwrap();
        let other_name = dir.path().join(".").join("p.ron");
        assert!(refuse_own_input(&other_name, &[&project]).is_err());
        assert!(refuse_own_input(&dir.path().join("out.jsonl"), &[&project]).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.jsonl");
            std::os::unix::fs::symlink(&project, &link).unwrap();
            let error = refuse_own_input(&link, &[&project]).unwrap_err();
            assert!(error.to_string().contains("nothing was written"), "{error}");
        }
        assert!(refuse_folder_holding_input(dir.path(), &[&project]).is_err());
        assert!(refuse_folder_holding_input(&dir.path().join("ds"), &[&project]).is_ok());
    }

    #[test]
    fn listed_paths_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            inside_folder(dir.path(), "/etc/shadow"),
            Err(ListedPathError::Absolute)
        );
        assert_eq!(
            inside_folder(dir.path(), "a/../../x"),
            Err(ListedPathError::Climbs)
        );
        assert_eq!(inside_folder(dir.path(), ""), Err(ListedPathError::Empty));
        assert_eq!(
            inside_folder(dir.path(), "docs/a.txt").unwrap(),
            dir.path().join("docs/a.txt")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc", dir.path().join("out")).unwrap();
            assert_eq!(
                inside_folder(dir.path(), "out/hostname"),
                Err(ListedPathError::LeavesThroughLink)
            );
        }
    }
}
