//! Atomic file replacement: write a temporary file in the same folder, flush
//! it to disk, then rename it over the target. A crash or a full disk leaves
//! either the old file or the new one, never a mix.
//!
//! Around that: a symlink is followed, so the file it points at is replaced
//! and the link stays; a read-only file is refused, never replaced; an
//! existing file keeps its permissions and owner, a new one follows the
//! umask; temporary names stay short enough for any file system.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

/// Longest file-name part kept in a temporary name; past it a hash of the
/// whole name stands in, so `.NAME.XXXXXX.tmp` stays within 255 bytes.
const TEMP_NAME_KEPT: usize = 160;
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM_LEN: usize = 6;

/// Replaces the file at `path` with `bytes`, atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(path, |file| file.write_all(bytes))
}

/// The file a write to `path` lands in: the end of a symlink chain, or
/// `path` itself.
pub fn resolve_target(path: &Path) -> PathBuf {
    if fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        if let Ok(real) = fs::canonicalize(path) {
            return real;
        }
        // A dangling link: write where it points.
        if let Ok(pointed) = fs::read_link(path) {
            return folder_of(path).join(pointed);
        }
    }
    path.to_owned()
}

/// The folder a file lives in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The start of every temporary name made for `path`: `.NAME.`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |name| name.to_string_lossy());
    if name.len() <= TEMP_NAME_KEPT {
        return format!(".{name}.");
    }
    let mut cut = TEMP_NAME_KEPT - 12;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let digest = Sha256::digest(name.as_bytes());
    let tag: String = digest.iter().take(5).fold(String::new(), |mut tag, b| {
        use std::fmt::Write as _;
        let _ = write!(tag, "{b:02x}");
        tag
    });
    format!(".{}~{tag}.", &name[..cut])
}

/// Replaces the file at `path` with what `write` writes, atomically.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_target(path);
    let folder = folder_of(&target);
    let existing = fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a regular file; choose a file name",
            ));
        }
        if meta.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; make it writable (chmod u+w) or save elsewhere",
            ));
        }
    }
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_LEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Opened with 0666, so a new file gets what the umask allows.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(folder)?;
    write(temporary.as_file_mut())?;
    temporary.flush()?;
    if let Some(meta) = &existing {
        temporary.as_file().set_permissions(meta.permissions())?;
        keep_owner(temporary.as_file(), meta);
    }
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|error| error.error)?;
    sync_folder(folder)
}

/// Gives the new file the old one's owner and group where allowed (root,
/// or a group the user is in); otherwise the saving user owns it.
fn keep_owner(file: &fs::File, existing: &fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let Err(error) =
            std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()))
        {
            tracing::debug!("could not keep the file's owner: {error}");
        }
    }
    #[cfg(not(unix))]
    let _ = (file, existing);
}

/// Flushes the folder entry so the rename itself survives a crash.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let flushed = fs::File::open(folder).and_then(|handle| handle.sync_all());
        match flushed {
            Ok(()) => Ok(()),
            // Some file systems cannot flush a folder at all; nothing more
            // can be done there.
            Err(error) if error.raw_os_error() == Some(22) => Ok(()),
            Err(error) => Err(io::Error::new(error.kind(), Unflushed(error))),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// The folder of a file just written could not be flushed: the new file is
/// in place but the rename may not survive a power cut.
#[derive(Debug, thiserror::Error)]
#[error(
    "its folder could not be flushed to disk ({0}); the new file is in place but may not survive a power cut"
)]
pub struct Unflushed(io::Error);

/// Whether a write failed only in flushing the folder, after the rename.
pub fn is_unflushed(error: &io::Error) -> bool {
    error
        .get_ref()
        .is_some_and(<dyn std::error::Error + Send + Sync>::is::<Unflushed>)
}

/// Temporary files an interrupted save of `path` left in its folder.
pub fn stale_temporaries(path: &Path) -> Vec<PathBuf> {
    let target = resolve_target(path);
    let prefix = temp_prefix(&target);
    let Ok(entries) = fs::read_dir(folder_of(&target)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
                .is_some_and(|random| {
                    random.len() == TEMP_RANDOM_LEN
                        && random.bytes().all(|b| b.is_ascii_alphanumeric())
                })
                && entry.file_type().is_ok_and(|kind| kind.is_file())
        })
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

/// Removes what [`stale_temporaries`] finds. Only call it while holding the
/// project's lock, so no other claimmark is writing one of them now.
pub fn remove_stale_temporaries(path: &Path) -> usize {
    stale_temporaries(path)
        .into_iter()
        .filter(|stale| match fs::remove_file(stale) {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!("could not remove {}: {error}", stale.display());
                false
            }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let entries: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1);
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"old").unwrap();
        let result = replace_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file left behind"
        );
    }

    #[test]
    fn a_folder_that_cannot_take_files_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_folder = dir.path().join("file");
        fs::write(&not_a_folder, b"x").unwrap();
        assert!(write_atomic(&not_a_folder.join("p.ron"), b"new").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_updates_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::create_dir(&real).unwrap();
        let target = real.join("p.ron");
        fs::write(&target, b"old").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read_dir(&real).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_not_replaced_and_modes_are_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let error = write_atomic(&path, b"new").unwrap_err();
        assert!(error.to_string().contains("read-only"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let fresh = dir.path().join("fresh.ron");
        write_atomic(&fresh, b"x").unwrap();
        let mode = fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode, 0o600,
            "a new file follows the umask, not tempfile's 0600"
        );
    }

    #[test]
    fn long_names_can_be_saved_and_their_temporaries_found() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.ron", "é".repeat(124)); // 252 bytes
        let path = dir.path().join(&name);
        write_atomic(&path, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        let stale = dir
            .path()
            .join(format!("{}abc123{TEMP_SUFFIX}", temp_prefix(&path)));
        assert!(stale.file_name().unwrap().len() <= 255);
        fs::write(&stale, b"half").unwrap();
        fs::write(dir.path().join(".other.ron.abc123.tmp"), b"not ours").unwrap();
        assert_eq!(stale_temporaries(&path), vec![stale.clone()]);
        assert_eq!(remove_stale_temporaries(&path), 1);
        assert!(!stale.exists());
    }
}
