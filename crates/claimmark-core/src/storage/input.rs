//! Opening input files: only regular files (a FIFO would block the open and
//! `/dev/zero` never ends), and never more than a stated limit, so a hostile
//! or mistaken path can neither hang a command nor exhaust memory.

use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::Path;

/// Project files larger than this are refused (the largest benchmarked
/// project, 1,000 articles with 100,000 spans, is about 20 MB).
pub const MAX_PROJECT_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Manifests and settings are small; anything larger is not one.
pub const MAX_SMALL_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of thing a path is, when it is not a regular file.
fn kind_of(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

fn refused(kind: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {kind}, not a regular file; give the path of a file"),
    )
}

/// Opens `path` for reading if it is a regular file (symlinks followed).
/// The type is checked before opening: opening a FIFO would block.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let meta = fs::metadata(path)?;
    if let Some(kind) = kind_of(&meta) {
        return Err(refused(kind));
    }
    let file = File::open(path)?;
    // The path may have been swapped between the check and the open.
    if let Some(kind) = kind_of(&file.metadata()?) {
        return Err(refused(kind));
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes; `what` names the
/// kind of file in the message when the limit is hit ("project files").
pub fn read_limited(path: &Path, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    let too_large = || {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it is larger than {limit} bytes, the limit for {what}"),
        )
    };
    if size > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // A file that grows while being read still stops at the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_devices_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_limited(dir.path(), 10, "tests").unwrap_err();
        assert!(error.to_string().contains("it is a folder"), "{error}");
        #[cfg(unix)]
        {
            let error = read_limited(Path::new("/dev/zero"), 10, "tests").unwrap_err();
            assert!(error.to_string().contains("a device"), "{error}");
        }
    }

    #[test]
    fn a_file_over_the_limit_says_which_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        fs::write(&path, vec![b'x'; 11]).unwrap();
        let error = read_limited(&path, 10, "test files").unwrap_err();
        assert_eq!(
            error.to_string(),
            "it is larger than 10 bytes, the limit for test files"
        );
        assert_eq!(read_limited(&path, 11, "test files").unwrap().len(), 11);
    }
}
