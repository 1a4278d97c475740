//! What a project file on disk was when it was read: size, modification time
//! and SHA-256. A save compares the file with it first, so a change made on
//! disk since (another analyst's `git pull`, a `claimmark add`) is never
//! silently overwritten.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

/// A project file as it was read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskState {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub sha256: [u8; 32],
}

/// How the file on disk differs from the one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskChange {
    Removed,
    Changed {
        len: u64,
        modified: Option<SystemTime>,
    },
    /// It is there but a file was expected not to be (a new project).
    Created,
}

impl fmt::Display for DiskChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Removed => f.write_str("it was removed"),
            Self::Created => f.write_str("a file of that name was created meanwhile"),
            Self::Changed { len, modified } => {
                write!(f, "it is now {len} bytes")?;
                if let Some(when) = modified.and_then(|m| {
                    time::OffsetDateTime::from(m)
                        .format(&time::format_description::well_known::Rfc3339)
                        .ok()
                }) {
                    write!(f, ", modified {when}")?;
                }
                Ok(())
            }
        }
    }
}

impl DiskState {
    /// The state of a file whose bytes were just read.
    pub fn of_read(meta: &fs::Metadata, bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// Whether the metadata alone says the file is as it was (the cheap test
    /// the window polls with).
    pub fn same_metadata(&self, meta: &fs::Metadata) -> bool {
        meta.len() == self.len && meta.modified().ok() == self.modified
    }

    /// How `path` differs from this state now, or `None` when it has the
    /// same bytes (a touched but unchanged file counts as unchanged).
    pub fn change_at(&self, path: &Path) -> io::Result<Option<DiskChange>> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(Some(DiskChange::Removed));
            }
            Err(error) => return Err(error),
        };
        if self.same_metadata(&meta) {
            return Ok(None);
        }
        let changed = DiskChange::Changed {
            len: meta.len(),
            modified: meta.modified().ok(),
        };
        if meta.len() != self.len {
            return Ok(Some(changed));
        }
        let mut hasher = HashingWriter::new(io::sink());
        io::copy(&mut super::input::open_regular(path)?, &mut hasher)?;
        let (_, sha256, _) = hasher.finish();
        Ok((sha256 != self.sha256).then_some(changed))
    }
}

/// Passes bytes on while counting and hashing them, so a save knows the
/// state of what it wrote without reading it back.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    len: u64,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            len: 0,
        }
    }

    pub fn finish(self) -> (W, [u8; 32], u64) {
        (self.inner, self.hasher.finalize().into(), self.len)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        let done = buf.get(..written).unwrap_or_default();
        self.hasher.update(done);
        self.len += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
