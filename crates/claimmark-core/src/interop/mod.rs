//! Other annotation tools' files: brat standoff, Label Studio's JSON
//! export, doccano and Prodigy JSON Lines, `WebAnno` TSV 3, UIMA CAS XMI, read into the project as one
//! edit with a report (docs/formats.md gives each format's fields and
//! offset unit).
//!
//! - `foreign`: what every reader produces, in the tool's own terms.
//! - `offsets`: the one conversion from a tool's offsets to char offsets.
//! - `brat`, `json_tools`, `webanno_tsv`, `uima_xmi`: the readers.
//! - `apply`: into the project (documents, values, claims, report);
//!   `names`: mapping labels, claim types and roles to the schema.

mod apply;
pub mod brat;
pub mod brat_conf;
pub mod foreign;
mod json_tools;
mod names;
pub mod offsets;
pub mod uima_xmi;
pub mod webanno_tsv;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tsv_tests;

use std::path::{Path, PathBuf};

pub use apply::{Options, Prepared, Report, Unknown, prepare};
pub use foreign::{ForeignDocument, Location, Refusal};
pub use names::read_mapping;
pub use offsets::{OffsetError, OffsetMap, OffsetUnit};

use crate::model::Project;

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Brat,
    LabelStudio,
    Doccano,
    Prodigy,
    /// `WebAnno` TSV 3 (`INCEpTION`'s export).
    InceptionTsv,
    /// UIMA CAS XMI (`INCEpTION`, `DKPro`).
    UimaXmi,
}

impl Format {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "brat" => Some(Self::Brat),
            "label-studio" | "labelstudio" => Some(Self::LabelStudio),
            "doccano" => Some(Self::Doccano),
            "prodigy" | "spacy" => Some(Self::Prodigy),
            "inception-tsv" | "webanno-tsv" | "tsv" => Some(Self::InceptionTsv),
            "uima-xmi" | "xmi" => Some(Self::UimaXmi),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Brat => "brat",
            Self::LabelStudio => "label-studio",
            Self::Doccano => "doccano",
            Self::Prodigy => "prodigy",
            Self::InceptionTsv => "inception-tsv",
            Self::UimaXmi => "uima-xmi",
        }
    }
}

/// Why files could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    #[error("{}: could not tell its format; name it with --format brat|label-studio|doccano|prodigy|inception-tsv|uima-xmi", .0.display())]
    Unknown(PathBuf),
    #[error("{} and {} are different formats; import them one format at a time", .0.display(), .1.display())]
    Mixed(PathBuf, PathBuf),
    #[error("{}: could not read it: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The format of one file or folder, from its name and first bytes.
pub fn detect(path: &Path) -> Option<Format> {
    if path.is_dir() {
        let files = files_in(path);
        if files
            .iter()
            .any(|f| f.extension().is_some_and(|x| x == "ann"))
        {
            return Some(Format::Brat);
        }
        // A folder of one tool's files (a dataset, an INCEpTION export).
        let mut formats: Vec<Format> = files.iter().filter_map(|f| detect(f)).collect();
        formats.dedup();
        return match formats[..] {
            [one] => Some(one),
            _ => None,
        };
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    match extension {
        "ann" => return Some(Format::Brat),
        "txt" if path.with_extension("ann").is_file() => return Some(Format::Brat),
        "xmi" => return Some(Format::UimaXmi),
        _ => {}
    }
    let head = first_bytes(path, 4096)?;
    let head = String::from_utf8_lossy(&head);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("#FORMAT=WebAnno TSV") {
        return Some(Format::InceptionTsv);
    }
    if trimmed.starts_with("<?xml") && trimmed.contains("xmi") {
        return Some(Format::UimaXmi);
    }
    if trimmed.starts_with('[') {
        return Some(Format::LabelStudio);
    }
    let first_line = trimmed.lines().next().unwrap_or_default();
    // claimmark's own claim/v1 lines are not another tool's.
    if first_line.starts_with('{') && !first_line.contains("\"claim/v1\"") {
        let keyed = |key: &str| first_line.contains(&format!("\"{key}\""));
        if keyed("annotations") || keyed("predictions") || keyed("data") {
            return Some(Format::LabelStudio);
        }
        if keyed("spans") || keyed("answer") || keyed("tokens") {
            return Some(Format::Prodigy);
        }
        if keyed("entities") || keyed("label") || keyed("labels") {
            return Some(Format::Doccano);
        }
    }
    None
}

/// The regular files directly in `dir`, sorted by name.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// `paths` with each folder replaced by its files in `format`.
fn expand(paths: &[PathBuf], format: Format) -> Vec<PathBuf> {
    paths
        .iter()
        .flat_map(|path| {
            if path.is_dir() {
                files_in(path)
                    .into_iter()
                    .filter(|f| detect(f) == Some(format))
                    .collect()
            } else {
                vec![path.clone()]
            }
        })
        .collect()
}

fn first_bytes(path: &Path, limit: usize) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let mut buffer = vec![0; limit];
    let mut file = std::fs::File::open(path).ok()?;
    let read = file.read(&mut buffer).ok()?;
    buffer.truncate(read);
    Some(buffer)
}

/// The one format of `paths` (given, or detected and the same for all).
pub fn format_of(paths: &[PathBuf], given: Option<Format>) -> Result<Format, InteropError> {
    if let Some(format) = given {
        return Ok(format);
    }
    let mut found: Option<(Format, &PathBuf)> = None;
    for path in paths {
        let format = detect(path).ok_or_else(|| InteropError::Unknown(path.clone()))?;
        match found {
            Some((earlier, first)) if earlier != format => {
                return Err(InteropError::Mixed(first.clone(), path.clone()));
            }
            _ => found = Some((format, path)),
        }
    }
    found
        .map(|(format, _)| format)
        .ok_or_else(|| InteropError::Unknown(PathBuf::from("(no files)")))
}

fn read_text(path: &Path) -> Result<String, InteropError> {
    let bytes = crate::storage::input::read_limited(
        path,
        crate::storage::articles::MAX_ARTICLE_BYTES,
        "annotation files",
    )
    .map_err(|source| InteropError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|_| InteropError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
    })
}

/// Reads `paths` in `format`: the documents and everything refused.
pub fn read(
    paths: &[PathBuf],
    format: Format,
) -> Result<(Vec<ForeignDocument>, Vec<Refusal>), InteropError> {
    type Reader = fn(&str, &str, &str) -> (Vec<ForeignDocument>, Vec<Refusal>);
    // (contents, file, stem): the documents of one file.
    let reader: Reader = match format {
        Format::Brat => return Ok(read_brat(paths)),
        Format::LabelStudio => |contents, file, _| json_tools::label_studio(contents, file),
        Format::Doccano => json_tools::doccano,
        Format::Prodigy => json_tools::prodigy,
        Format::InceptionTsv => |contents, file, stem| one(webanno_tsv::read(stem, contents, file)),
        Format::UimaXmi => |contents, file, stem| one(uima_xmi::read(stem, contents, file)),
    };
    let mut docs = Vec::new();
    let mut refused = Vec::new();
    for path in &expand(paths, format) {
        let file = path.display().to_string();
        // One unreadable file is refused; the others are read.
        let contents = match read_text(path) {
            Ok(contents) => contents,
            Err(error) => {
                refused.push(Refusal {
                    at: Location::file(&file),
                    why: error.to_string(),
                });
                continue;
            }
        };
        // A BOM before the JSON or XML (offsets count inside it).
        let contents = contents.strip_prefix('\u{feff}').unwrap_or(&contents);
        let (found, problems) = reader(contents, &file, &stem_of(path));
        docs.extend(found);
        refused.extend(problems);
    }
    Ok((docs, refused))
}

/// A reader of one document per file, as the others read lists.
fn one(
    (doc, problems): (Option<ForeignDocument>, Vec<Refusal>),
) -> (Vec<ForeignDocument>, Vec<Refusal>) {
    (doc.into_iter().collect(), problems)
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned())
}

/// The brat pairs `paths` name, each read as one document.
fn read_brat(paths: &[PathBuf]) -> (Vec<ForeignDocument>, Vec<Refusal>) {
    let (pairs, mut refused) = brat::pairs(paths);
    let mut docs = Vec::new();
    // Each folder's annotation.conf, read once.
    let mut confs: std::collections::HashMap<PathBuf, brat_conf::BratConf> =
        std::collections::HashMap::new();
    for (txt, ann) in pairs {
        match (read_text(&txt), read_text(&ann)) {
            (Ok(text), Ok(annotations)) => {
                let (mut doc, problems) = brat::read(
                    &stem_of(&txt),
                    text,
                    &annotations,
                    &ann.display().to_string(),
                );
                if let Some(path) = brat_conf::find(&ann) {
                    if !confs.contains_key(&path) {
                        match read_text(&path) {
                            Ok(text) => {
                                confs.insert(path.clone(), brat_conf::parse(&text));
                            }
                            Err(error) => refused.push(Refusal {
                                at: Location::file(&path.display().to_string()),
                                why: error.to_string(),
                            }),
                        }
                    }
                    if let Some(conf) = confs.get(&path) {
                        brat_conf::apply(conf, &mut doc);
                    }
                }
                docs.push(doc);
                refused.extend(problems);
            }
            (Err(error), _) | (_, Err(error)) => refused.push(Refusal {
                at: Location::file(&txt.display().to_string()),
                why: error.to_string(),
            }),
        }
    }
    (docs, refused)
}

/// Reads `paths` and prepares their import into `project`.
pub fn import(
    project: &Project,
    paths: &[PathBuf],
    format: Option<Format>,
    options: &Options,
) -> Result<Prepared, InteropError> {
    let format = format_of(paths, format)?;
    let (docs, refused) = read(paths, format)?;
    Ok(prepare(project, docs, &refused, format.name(), options))
}
