//! `claimmark import` of other tools' files (brat, Label Studio, doccano,
//! Prodigy): the library's `interop::import`, applied as one change and
//! saved atomically, with its report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use claimmark_core::interop::{self, Format, OffsetUnit, Options, Report};

/// What `--format`, `--offsets`, `--map` and `--add-to-schema` asked for.
pub struct ForeignArgs<'a> {
    pub format: Option<Format>,
    pub offsets: Option<&'a str>,
    pub map: &'a [String],
    pub map_file: Option<&'a Path>,
    pub add_to_schema: bool,
}

/// The options from the command line's words, or what is wrong with them.
pub fn options(args: &ForeignArgs<'_>) -> anyhow::Result<Options> {
    let unit = match args.offsets {
        None => None,
        Some(raw) => Some(
            OffsetUnit::parse(raw)
                .with_context(|| format!("--offsets {raw}: use utf16, codepoints or bytes"))?,
        ),
    };
    let mut map = BTreeMap::new();
    if let Some(file) = args.map_file {
        let text = claimmark_core::storage::input::read_limited(file, 1 << 20, "mapping files")
            .with_context(|| format!("could not read the mapping file {}", file.display()))?;
        let text = String::from_utf8(text)
            .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", file.display()))?;
        map = interop::read_mapping(&text, &file.display().to_string())
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    for pair in args.map {
        let Some((source, target)) = pair.split_once('=') else {
            bail!("--map {pair}: use SOURCE=TARGET, e.g. --map PER=person");
        };
        map.insert(source.trim().to_owned(), target.trim().to_owned());
    }
    Ok(Options {
        unit,
        map,
        add_to_schema: args.add_to_schema,
    })
}

/// Imports `files` into the project and saves it (in place, or to `out`).
/// Nothing is written when nothing could be imported.
pub fn import(
    project_path: &Path,
    files: &[PathBuf],
    out: Option<&Path>,
    args: &ForeignArgs<'_>,
) -> anyhow::Result<Report> {
    let options = options(args)?;
    if let Some(out) = out {
        let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        claimmark_core::storage::paths::refuse_own_input(out, &inputs)?;
    }
    let mut session = super::open_for_update(project_path, false)?;
    let prepared = interop::import(session.project(), files, args.format, &options)?;
    let changes =
        !matches!(&prepared.edit, claimmark_core::edit::Edit::Batch(edits) if edits.is_empty());
    if changes {
        session
            .apply(
                prepared.edit,
                format!("Import {} annotations", prepared.report.format),
            )
            .context("could not apply the import; the project is unchanged")?;
    }
    match out {
        Some(out) => session.save_as(out)?,
        None if session.is_modified() => {
            super::save_in_place(&mut session)?;
        }
        None => {}
    }
    Ok(prepared.report)
}
