//! Dataset exports of a project's reviewed annotations: claim/v1 fixtures
//! ([`claims`]), brat standoff ([`brat`]) or spaCy-style JSON Lines
//! ([`spacy`]), each with a `manifest.json` (tool, time, project, counts,
//! every file's SHA-256, and what the format could not carry).
//!
//! **What is exported** ([`Selection`]): claims whose status is `accepted`
//! or `corrected`; spans that are accepted or corrected, plus the spans
//! those claims use (a reviewed claim vouches for its spans); documents
//! that have something exported or are marked done (a done document with
//! nothing is a reviewed negative). Everything else is left out and counted
//! in the manifest under `left_out`.

pub mod brat;
pub mod claims;
pub mod spacy;
pub mod tools;
pub mod webanno_tsv;

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::model::text::hex;
use crate::model::{Claim, ClaimId, DocStatus, Document, Project, Span, SpanId};
use crate::storage::atomic::write_atomic;

/// The file every dataset folder has (the name fixtures folders use).
pub const MANIFEST: &str = crate::claim_format::fixtures::MANIFEST;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `<doc-id>.txt`, `<doc-id>.claims.jsonl` (claim/v1),
    /// `<doc-id>.spans.jsonl` (claimmark-span/v1): a fixtures folder that
    /// `claimmark score` reads.
    Claims,
    /// `<doc-id>.txt`, `<doc-id>.ann`, `annotation.conf`.
    Brat,
    /// `spacy.jsonl`: one line per document with text, spans and entities.
    Spacy,
    /// `label-studio.json`: Label Studio tasks (UTF-16 offsets).
    LabelStudio,
    /// `doccano.jsonl`: a doccano relation project's import.
    Doccano,
    /// `prodigy.jsonl`: Prodigy tasks with spans and relations.
    Prodigy,
    /// `<doc-id>.tsv`: `WebAnno` TSV 3.3 for `INCEpTION`.
    InceptionTsv,
}

impl Format {
    pub const ALL: [Self; 7] = [
        Self::Claims,
        Self::Brat,
        Self::Spacy,
        Self::LabelStudio,
        Self::Doccano,
        Self::Prodigy,
        Self::InceptionTsv,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Claims => "claims",
            Self::Brat => "brat",
            Self::Spacy => "spacy",
            Self::LabelStudio => "label-studio",
            Self::Doccano => "doccano",
            Self::Prodigy => "prodigy",
            Self::InceptionTsv => "inception-tsv",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("could not write {}: {source}. Check the folder's permissions and free space", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "{} is not empty and holds no {MANIFEST} of an earlier dataset; give an empty or new folder so no unrelated file is mixed in",
        .0.display()
    )]
    NotEmpty(PathBuf),
    #[error("could not make JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Export(#[from] crate::claim_format::export::ExportError),
}

/// Something the format could not carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
pub struct NotCarried {
    /// The document, or `*` for the whole dataset.
    pub doc: String,
    /// What: `claim c3`, `claim c3 role place`, `span s12`…
    pub item: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Relative to the dataset folder.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: Tool,
    /// When the dataset was written (RFC 3339, UTC).
    pub created: String,
    /// The project file it came from.
    pub project: String,
    pub format: String,
    /// Claim statuses exported.
    pub statuses: Vec<String>,
    /// `documents`, `spans`, `claims`, and format-specific counts.
    pub counts: BTreeMap<String, usize>,
    /// Items left out by status, e.g. `"claims proposed": 2`.
    pub left_out: BTreeMap<String, usize>,
    pub files: Vec<ManifestFile>,
    /// Reasons with how many items each.
    pub not_carried_counts: BTreeMap<String, usize>,
    pub not_carried: Vec<NotCarried>,
    /// The claims ledger of the exported claims (absent from manifests
    /// written before the ledger existed).
    #[serde(default)]
    pub ledger: crate::ledger::LedgerSection,
}

/// What a dataset exports of one document.
#[derive(Debug, Clone)]
pub struct DocSelection<'p> {
    /// The document's position in the project.
    pub index: usize,
    pub doc: &'p Document,
    /// In id order.
    pub spans: Vec<&'p Span>,
    /// In id order.
    pub claims: Vec<&'p Claim>,
}

impl DocSelection<'_> {
    pub fn has_span(&self, id: SpanId) -> bool {
        self.spans.binary_search_by_key(&id, |s| s.id).is_ok()
    }

    pub fn has_claim(&self, id: ClaimId) -> bool {
        self.claims.binary_search_by_key(&id, |c| c.id).is_ok()
    }
}

/// The reviewed part of a project (see the module docs).
#[derive(Debug, Clone)]
pub struct Selection<'p> {
    pub project: &'p Project,
    pub docs: Vec<DocSelection<'p>>,
    pub left_out: BTreeMap<String, usize>,
}

impl<'p> Selection<'p> {
    pub fn of(project: &'p Project) -> Self {
        let mut left_out = BTreeMap::new();
        let mut count = |what: String| *left_out.entry(what).or_insert(0) += 1;
        let mut docs = Vec::new();
        for (index, doc) in project.documents.iter().enumerate() {
            let claims: Vec<&Claim> = doc.claims().iter().filter(|c| c.status.is_kept()).collect();
            for claim in doc.claims().iter().filter(|c| !c.status.is_kept()) {
                count(format!("claims {}", claim.status));
            }
            let used: BTreeSet<SpanId> = claims
                .iter()
                .flat_map(|c| c.arguments.iter().map(|a| a.span))
                .collect();
            let mut spans = Vec::new();
            for span in doc.spans() {
                if span.status.is_kept() || used.contains(&span.id) {
                    spans.push(span);
                } else {
                    count(format!("spans {}", span.status));
                }
            }
            if spans.is_empty() && claims.is_empty() && doc.status != DocStatus::Done {
                count("documents not done and without reviewed annotations".to_owned());
                continue;
            }
            docs.push(DocSelection {
                index,
                doc,
                spans,
                claims,
            });
        }
        Self {
            project,
            docs,
            left_out,
        }
    }

    pub fn span_count(&self) -> usize {
        self.docs.iter().map(|d| d.spans.len()).sum()
    }

    pub fn claim_count(&self) -> usize {
        self.docs.iter().map(|d| d.claims.len()).sum()
    }
}

/// The ledger of the claims a dataset exports: accepted and corrected.
fn exported_ledger(project: &Project) -> crate::ledger::LedgerSection {
    use crate::ledger::{Ledger, LedgerOptions, LedgerSection};
    use crate::model::ReviewStatus;
    let options = LedgerOptions {
        claim_types: Vec::new(),
        statuses: vec![ReviewStatus::Accepted, ReviewStatus::Corrected],
    };
    let report = Ledger::build(project, options).report(project);
    LedgerSection::of(project, &report)
}

/// Files of a dataset being written: each atomically, recorded with its
/// SHA-256 for the manifest.
pub struct Writer {
    dir: PathBuf,
    files: Vec<ManifestFile>,
}

impl Writer {
    fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            files: Vec::new(),
        }
    }

    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), DatasetError> {
        let path = self.dir.join(name);
        write_atomic(&path, bytes).map_err(|source| DatasetError::Write { path, source })?;
        self.files.push(ManifestFile {
            path: name.to_owned(),
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        });
        Ok(())
    }
}

/// What a format's writer reports back.
#[derive(Debug, Default)]
pub struct Written {
    pub counts: BTreeMap<String, usize>,
    pub not_carried: Vec<NotCarried>,
}

/// Writes a dataset of `project` (read from `project_path`) into `dir`, in
/// `format`, then its manifest. `dir` is created if missing; it must be
/// empty or hold an earlier dataset, whose files not written again are
/// removed.
pub fn write_dataset(
    project: &Project,
    project_path: &Path,
    dir: &Path,
    format: Format,
) -> Result<Manifest, DatasetError> {
    let earlier = prepare_folder(dir)?;
    let selection = Selection::of(project);
    // Everything is written into a hidden folder beside `dir` first and
    // moved in once complete: a failed run (a full disk) leaves nothing
    // half-written, and the earlier dataset stays as it was.
    let write_error = |source| DatasetError::Write {
        path: dir.to_owned(),
        source,
    };
    let staging = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            dir.file_name()
                .map_or_else(|| "dataset".into(), |n| n.to_string_lossy())
                .chars()
                .take(120)
                .collect::<String>()
        ))
        .suffix(".tmp")
        .tempdir_in(crate::storage::atomic::folder_of(dir))
        .map_err(write_error)?;
    let mut writer = Writer::new(staging.path());
    let written = match format {
        Format::Claims => claims::write(&selection, &mut writer)?,
        Format::Brat => brat::write(&selection, &mut writer)?,
        Format::Spacy => spacy::write(&selection, &mut writer)?,
        Format::LabelStudio => tools::write(&selection, &mut writer, tools::Tool::LabelStudio)?,
        Format::Doccano => tools::write(&selection, &mut writer, tools::Tool::Doccano)?,
        Format::Prodigy => tools::write(&selection, &mut writer, tools::Tool::Prodigy)?,
        Format::InceptionTsv => webanno_tsv::write(&selection, &mut writer)?,
    };
    let mut counts = written.counts;
    counts.insert("documents".to_owned(), selection.docs.len());
    counts.insert("spans".to_owned(), selection.span_count());
    counts.insert("claims".to_owned(), selection.claim_count());
    let mut not_carried = written.not_carried;
    not_carried.sort();
    let mut not_carried_counts = BTreeMap::new();
    for item in &not_carried {
        *not_carried_counts.entry(item.reason.clone()).or_insert(0) += 1;
    }
    let manifest = Manifest {
        tool: Tool {
            name: crate::TOOL_NAME.to_owned(),
            version: crate::TOOL_VERSION.to_owned(),
        },
        created: crate::model::Timestamp::now().as_str().to_owned(),
        project: project_path.display().to_string(),
        format: format.as_str().to_owned(),
        statuses: vec!["accepted".to_owned(), "corrected".to_owned()],
        counts,
        left_out: selection.left_out.clone(),
        files: writer.files,
        not_carried_counts,
        not_carried,
        ledger: exported_ledger(project),
    };
    let mut json = serde_json::to_vec_pretty(&manifest)?;
    json.push(b'\n');
    let path = staging.path().join(MANIFEST);
    write_atomic(&path, &json).map_err(|source| DatasetError::Write { path, source })?;
    // Renames need no space: moving the finished files in cannot run out
    // of disk. The manifest goes last, so it only ever lists files there.
    for file in manifest
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain([MANIFEST])
    {
        let to = dir.join(file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(write_error)?;
        }
        std::fs::rename(staging.path().join(file), &to)
            .map_err(|source| DatasetError::Write { path: to, source })?;
    }
    if let Some(earlier) = earlier {
        for old in earlier.files {
            if !manifest.files.iter().any(|f| f.path == old.path) && is_plain_name(&old.path) {
                // Best effort: a stale file that cannot be removed stays.
                let _ = std::fs::remove_file(dir.join(&old.path));
            }
        }
    }
    Ok(manifest)
}

/// A file name without folders, so removing it cannot leave the folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".."
}

/// Creates the folder, or checks that it is empty or an earlier dataset
/// (whose manifest it returns).
fn prepare_folder(dir: &Path) -> Result<Option<Manifest>, DatasetError> {
    let write_error = |source| DatasetError::Write {
        path: dir.to_owned(),
        source,
    };
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(write_error)?;
        return Ok(None);
    }
    if !dir.is_dir() {
        return Err(write_error(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is a file, not a folder",
        )));
    }
    let mut entries = std::fs::read_dir(dir).map_err(write_error)?;
    if entries.next().is_none() {
        return Ok(None);
    }
    let earlier = crate::storage::input::read_limited(
        &dir.join(MANIFEST),
        crate::storage::input::MAX_SMALL_FILE_BYTES,
        "manifests",
    )
    .ok()
    .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok());
    match earlier {
        Some(manifest) => Ok(Some(manifest)),
        None => Err(DatasetError::NotEmpty(dir.to_owned())),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::value::{Anchoring, DateValue, Granularity};
    use crate::model::{
        Argument, ClaimId, ImplicitArgument, Name, ReviewStatus, SpanId, SpanValue, Value,
        ValueSource, notation,
    };

    /// A project with: an accepted release claim with an implicit place, a
    /// proposed claim, a rejected span, a prisoner count without trigger,
    /// a span across a line break, and a document never worked on.
    pub(crate) fn project() -> Project {
        let mut project = Project::default();
        let mut doc = notation::document(
            "freed",
            "[person|Ales Bialiatski] was [event|released] on [date|18 September].\n\
             [organization|Viasna] counts [count|1,278] prisoners; [person|Maria\nKolesnikova] not [event|freed].",
        )
        .unwrap();
        let name = |n: &str| Name::parse(n).unwrap();
        let mut release = Claim::new(ClaimId(1), name("release"));
        release.arguments = vec![
            Argument::new(name("trigger"), SpanId(2)),
            Argument::new(name("released_person"), SpanId(1)),
            Argument::new(name("date"), SpanId(3)),
        ];
        release.implicit.push(ImplicitArgument {
            role: name("place"),
            value: Value::Place {
                name: "Belarus".into(),
                entity_id: None,
            },
        });
        let mut count = Claim::new(ClaimId(2), name("prisoner_count"));
        count.arguments = vec![
            Argument::new(name("count"), SpanId(5)),
            Argument::new(name("source"), SpanId(4)),
        ];
        count.status = ReviewStatus::Corrected;
        let mut proposed = Claim::new(ClaimId(3), name("arrest"));
        proposed.status = ReviewStatus::Proposed;
        doc.insert_claim(release);
        doc.insert_claim(count);
        doc.insert_claim(proposed);
        let date = doc.span_mut(SpanId(3)).unwrap();
        date.status = ReviewStatus::Proposed; // the release uses it
        date.value = Some(SpanValue {
            value: Value::Date(DateValue {
                value: "2025-09-18".into(),
                granularity: Granularity::Day,
                modifier: None,
                anchoring: Anchoring::Absolute,
            }),
            source: ValueSource::Hand,
        });
        doc.span_mut(SpanId(7)).unwrap().status = ReviewStatus::Rejected;
        project.documents.push(doc);
        project
            .documents
            .push(notation::document("untouched", "Nothing reviewed here.").unwrap());
        let mut done =
            notation::document("negative", "A reviewed article with nothing to tag.").unwrap();
        done.status = DocStatus::Done;
        project.documents.push(done);
        project
    }

    #[test]
    fn selection_takes_reviewed_items_and_the_spans_they_use() {
        let p = project();
        let s = Selection::of(&p);
        let ids: Vec<_> = s.docs.iter().map(|d| d.doc.id.as_str()).collect();
        assert_eq!(ids, ["freed", "negative"]);
        assert_eq!(s.docs[0].claims.len(), 2);
        // The proposed date stays (the release uses it), the rejected goes.
        let spans: Vec<_> = s.docs[0].spans.iter().map(|s| s.id.0).collect();
        assert_eq!(spans, [1, 2, 3, 4, 5, 6]);
        assert_eq!(s.left_out.get("claims proposed"), Some(&1));
        assert_eq!(s.left_out.get("spans rejected"), Some(&1));
        assert_eq!(
            s.left_out
                .get("documents not done and without reviewed annotations"),
            Some(&1)
        );
    }

    #[test]
    fn a_folder_with_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let error =
            write_dataset(&project(), Path::new("p.ron"), dir.path(), Format::Spacy).unwrap_err();
        assert!(matches!(error, DatasetError::NotEmpty(_)), "{error}");
    }

    #[test]
    fn rewriting_a_dataset_removes_its_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("ds");
        write_dataset(&project(), Path::new("p.ron"), &out, Format::Brat).unwrap();
        assert!(out.join("freed.ann").exists());
        let manifest = write_dataset(&project(), Path::new("p.ron"), &out, Format::Spacy).unwrap();
        assert!(!out.join("freed.ann").exists());
        assert!(out.join("spacy.jsonl").exists());
        for file in &manifest.files {
            let bytes = std::fs::read(out.join(&file.path)).unwrap();
            assert_eq!(hex(&Sha256::digest(&bytes)), file.sha256);
        }
    }
}
