//! Reading article files (.txt) into documents, with the checks both the
//! window and `claimmark add` apply: UTF-8, not binary, not empty, not
//! already in the project.

use std::io;
use std::path::{Path, PathBuf};

use crate::model::text::TextError;
use crate::model::{CanonicalText, DocId, Document, Project};

/// Articles larger than this are refused: they are not news articles, and
/// reading them whole would only slow the window down.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// What the person adding articles says about them; unset fields are taken
/// from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<time::Date>,
}

#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("could not read it: {0}")]
    Read(#[from] io::Error),
    #[error("{0}")]
    Text(#[from] TextError),
    #[error("it is {bytes} bytes; articles of more than {MAX_ARTICLE_BYTES} bytes are refused")]
    TooLarge { bytes: u64 },
    #[error("it has the same text as document “{0}”, which is already in the project")]
    Duplicate(DocId),
}

/// A file that was not added, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}: not added: {reason}", path.display())]
pub struct Refused {
    pub path: PathBuf,
    pub reason: Refusal,
}

/// The documents made from a set of files, and the files refused.
#[derive(Debug, Default)]
pub struct ArticleBatch {
    pub documents: Vec<Document>,
    pub refused: Vec<Refused>,
}

/// Reads article files into new documents for `project`. Every file is
/// either a document or a refusal; nothing is skipped silently.
pub fn read_articles(project: &Project, paths: &[PathBuf], meta: &ArticleMeta) -> ArticleBatch {
    let mut batch = ArticleBatch::default();
    for path in paths {
        match read_article(project, &batch.documents, path, meta) {
            Ok(document) => batch.documents.push(document),
            Err(reason) => batch.refused.push(Refused {
                path: path.clone(),
                reason,
            }),
        }
    }
    batch
}

fn read_article(
    project: &Project,
    earlier: &[Document],
    path: &Path,
    meta: &ArticleMeta,
) -> Result<Document, Refusal> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(Refusal::TooLarge { bytes: size });
    }
    let bytes = super::input::read_limited(path, MAX_ARTICLE_BYTES, "articles")?;
    let text = CanonicalText::from_bytes(&bytes)?;
    if let Some(existing) = project.document_with_text(text.sha256()).or_else(|| {
        earlier
            .iter()
            .find(|doc| doc.text.sha256() == text.sha256())
    }) {
        return Err(Refusal::Duplicate(existing.id.clone()));
    }
    let stem = path
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy());
    let id = DocId::from_stem(&stem, |id| {
        project.document(id).is_some() || earlier.iter().any(|doc| &doc.id == id)
    });
    let title = meta
        .title
        .clone()
        .unwrap_or_else(|| title_from_text(&text).unwrap_or_else(|| stem.to_string()));
    let mut document = Document::new(id, title, text);
    document.source = meta.source.clone().unwrap_or_else(|| {
        path.file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    });
    document.published = meta.published;
    Ok(document)
}

/// The first line, when it is short enough to be a headline.
pub(crate) fn title_from_text(text: &CanonicalText) -> Option<String> {
    let first = text
        .as_str()
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())?;
    (first.chars().count() <= 200).then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn good_files_become_documents_and_bad_ones_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let paths = vec![
            write(
                dir.path(),
                "Freed Today.txt",
                "\u{feff}Thirty-one freed\r\nBody text.\r\n".as_bytes(),
            ),
            write(dir.path(), "latin1.txt", b"Minsk caf\xe9"),
            write(dir.path(), "empty.txt", b"\n\n  "),
            write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
            write(
                dir.path(),
                "again.txt",
                "Thirty-one freed\nBody text.\n".as_bytes(),
            ),
        ];
        let mut paths = paths;
        paths.push(dir.path().join("missing.txt"));
        let batch = read_articles(&Project::default(), &paths, &ArticleMeta::default());
        assert_eq!(batch.documents.len(), 1);
        let doc = &batch.documents[0];
        assert_eq!(doc.id.as_str(), "freed-today");
        assert_eq!(doc.title, "Thirty-one freed");
        assert_eq!(doc.source, "Freed Today.txt");
        assert_eq!(doc.text.as_str(), "Thirty-one freed\nBody text.\n");
        let messages: Vec<String> = batch.refused.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages[0].contains("latin1.txt: not added: the file is not UTF-8 text: invalid byte at line 1, column 10"), "{}", messages[0]);
        assert!(messages[1].contains("empty.txt: not added: the file is empty"));
        assert!(messages[2].contains("image.txt: not added: the file looks binary"));
        assert!(
            messages[3]
                .contains("again.txt: not added: it has the same text as document “freed-today”")
        );
        assert!(messages[4].contains("missing.txt: not added: could not read it"));
    }

    #[test]
    fn given_metadata_wins_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "a.txt", b"Headline\nBody");
        let meta = ArticleMeta {
            title: Some("Own title".into()),
            source: Some("https://example.org/a".into()),
            published: Some(time::macros::date!(2024 - 07 - 04)),
        };
        let batch = read_articles(&Project::default(), &[path], &meta);
        let doc = &batch.documents[0];
        assert_eq!(doc.title, "Own title");
        assert_eq!(doc.source, "https://example.org/a");
        assert_eq!(doc.published, meta.published);
    }
}
