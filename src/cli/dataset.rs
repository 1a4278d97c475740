//! `claimmark dataset PROJECT.ron -o DIR --format claims|brat|spacy`.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use claimmark_core::dataset::{Format, Manifest, write_dataset};

/// `--format` values.
pub fn parse_format(raw: &str) -> Result<Format, String> {
    Format::parse(raw).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        format!("“{raw}” is not a dataset format; use {}", names.join(", "))
    })
}

/// Loads the project and writes the dataset.
pub fn run_dataset(
    project: &Path,
    out: &Path,
    format: Format,
    allow_conflicts: bool,
) -> anyhow::Result<Manifest> {
    claimmark_core::storage::paths::refuse_folder_holding_input(out, &[project])?;
    let loaded = claimmark_core::storage::load_project(project)
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    if !allow_conflicts {
        claimmark_core::merge::refuse_unresolved(&loaded)?;
    }
    write_dataset(&loaded, project, out, format).with_context(|| {
        format!(
            "could not write the {} dataset to {}",
            format.as_str(),
            out.display()
        )
    })
}

/// A summary on stdout; what the format could not carry on stderr.
pub fn print_dataset_report(out: &Path, manifest: &Manifest) {
    let count = |what: &str| manifest.counts.get(what).copied().unwrap_or(0);
    println!(
        "wrote {} dataset to {}: {} document(s), {} span(s), {} claim(s), {} file(s) and manifest.json",
        manifest.format,
        out.display(),
        count("documents"),
        count("spans"),
        count("claims"),
        manifest.files.len()
    );
    if !manifest.left_out.is_empty() {
        let list: Vec<String> = manifest
            .left_out
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        println!("left out (not reviewed): {}", list.join(", "));
    }
    println!("{} (listed in manifest.json)", manifest.ledger.summary());
    let mut stderr = std::io::stderr().lock();
    if !manifest.not_carried.is_empty() {
        let _ = writeln!(
            stderr,
            "not carried by {} (also in manifest.json):",
            manifest.format
        );
        for (reason, n) in &manifest.not_carried_counts {
            let _ = writeln!(stderr, "  {n} × {reason}");
        }
        for item in &manifest.not_carried {
            let _ = writeln!(stderr, "    {}: {} — {}", item.doc, item.item, item.reason);
        }
    }
}
