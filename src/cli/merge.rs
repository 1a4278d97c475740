//! `claimmark merge`, the git merge driver, `git-setup` and `resolve`: teams
//! on git, on the library's three-way merge.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use claimmark_core::merge::{self, Merged, Resolution};
use claimmark_core::model::{Project, Schema, Side};
use claimmark_core::storage;
use claimmark_core::text_shown::shown;

/// Exit status when the merge is written but conflicts remain (git's
/// convention: the file is marked conflicted).
const CONFLICTS: u8 = 1;
/// Exit status when nothing was written.
const FAILED: u8 = 2;

/// Reads one of the three inputs. An empty base is no base: git gives an
/// empty file when both branches added the project.
fn load_input(path: &Path, what: &str) -> anyhow::Result<Project> {
    if what == "BASE" && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Ok(Project::new(Schema {
            labels: Vec::new(),
            claim_types: Vec::new(),
        }));
    }
    storage::load_project(path).with_context(|| format!("{what} cannot be merged"))
}

fn merged(base: &Path, ours: &Path, theirs: &Path) -> anyhow::Result<Merged> {
    let base = load_input(base, "BASE")?;
    let ours = load_input(ours, "OURS")?;
    let theirs = load_input(theirs, "THEIRS")?;
    Ok(merge::merge(&base, &ours, &theirs)?)
}

fn print_report(merged: &Merged, label: &str) {
    for line in merged.report.lines() {
        eprintln!("{label}: {line}");
    }
    for (i, conflict) in merged.project.conflicts.iter().enumerate() {
        eprintln!(
            "{label}: conflict {}: {}",
            i + 1,
            shown(&conflict.to_string())
        );
    }
}

fn outcome(merged: &Merged) -> ExitCode {
    if merged.project.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(CONFLICTS)
    }
}

/// `claimmark merge BASE OURS THEIRS [-o OUT]`: the merged project to OUT
/// (never one of the inputs) or standard output; the summary on stderr.
pub fn run_merge(base: &Path, ours: &Path, theirs: &Path, out: Option<&Path>) -> ExitCode {
    let result = (|| -> anyhow::Result<Merged> {
        if let Some(out) = out {
            storage::paths::refuse_own_input(out, &[base, ours, theirs])?;
        }
        let merged = merged(base, ours, theirs)?;
        if let Some(out) = out {
            storage::save_project(out, &merged.project)?;
        } else {
            let mut stdout = std::io::stdout().lock();
            storage::project_file::write_ron(&merged.project, &mut stdout)
                .context("could not write the merged project to standard output")?;
        }
        Ok(merged)
    })();
    match result {
        Ok(merged) => {
            print_report(&merged, "claimmark merge");
            if let Some(out) = out {
                eprintln!(
                    "claimmark merge: wrote {}",
                    shown(&out.display().to_string())
                );
            }
            outcome(&merged)
        }
        Err(error) => {
            eprintln!("claimmark merge: {}", shown(&format!("{error:#}")));
            ExitCode::from(FAILED)
        }
    }
}

/// `claimmark merge-driver %O %A %B %P`: git's protocol. The result goes
/// into %A (git's own temporary copy of ours); exit 0 when clean, 1 when
/// conflicts remain (git then marks the file conflicted; it still opens in
/// claimmark, which lists them), 2 when the inputs cannot be merged (%A is
/// left as it was).
pub fn run_merge_driver(base: &Path, ours: &Path, theirs: &Path, name: Option<&str>) -> ExitCode {
    let label = format!(
        "claimmark merge-driver {}",
        shown(name.unwrap_or("project"))
    );
    match merged(base, ours, theirs).and_then(|merged| {
        storage::save_project(ours, &merged.project)?;
        Ok(merged)
    }) {
        Ok(merged) => {
            print_report(&merged, &label);
            outcome(&merged)
        }
        Err(error) => {
            eprintln!("{label}: {}", shown(&format!("{error:#}")));
            ExitCode::from(FAILED)
        }
    }
}

/// What `git-setup` did.
#[derive(Debug, PartialEq, Eq)]
pub struct GitSetup {
    pub repository: PathBuf,
    pub lines: Vec<String>,
}

const ATTRIBUTE: &str = "*.ron merge=claimmark";

/// `claimmark git-setup [REPO]`: `.gitattributes` sends `*.ron` to the
/// claimmark driver, and the repository's config names the driver. Running
/// it again changes nothing.
pub fn git_setup(repo: &Path) -> anyhow::Result<GitSetup> {
    let top = git(repo, &["rev-parse", "--show-toplevel"]).with_context(|| {
        format!(
            "{} is not in a git repository; run `git init` first, or name the repository",
            repo.display()
        )
    })?;
    let top = PathBuf::from(top.trim());
    let mut lines = Vec::new();
    let attributes = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => bail!("could not read {}: {error}", attributes.display()),
    };
    if existing.lines().any(|line| line.trim() == ATTRIBUTE) {
        lines.push(format!(
            "{} already has `{ATTRIBUTE}`",
            attributes.display()
        ));
    } else {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTE);
        text.push('\n');
        storage::atomic::write_atomic(&attributes, text.as_bytes())
            .with_context(|| format!("could not write {}", attributes.display()))?;
        lines.push(format!(
            "added `{ATTRIBUTE}` to {} (commit it, so the whole team's clones use it)",
            attributes.display()
        ));
    }
    let driver = format!("{} merge-driver %O %A %B %P", program_for_git());
    for (key, value) in [
        ("merge.claimmark.name", "claimmark project merge"),
        ("merge.claimmark.driver", driver.as_str()),
    ] {
        let now = git(&top, &["config", "--local", "--get", key]).ok();
        if now.as_deref().map(str::trim) == Some(value) {
            lines.push(format!("{key} is already `{value}`"));
        } else {
            git(&top, &["config", "--local", key, value])
                .with_context(|| format!("could not set {key}"))?;
            lines.push(format!(
                "set {key} = `{value}` in .git/config (each clone runs git-setup once)"
            ));
        }
    }
    Ok(GitSetup {
        repository: top,
        lines,
    })
}

/// `claimmark` when that name on PATH is this program, else this
/// program's full path (a build that is not installed).
fn program_for_git() -> String {
    let me = std::env::current_exe()
        .ok()
        .and_then(|p| p.canonicalize().ok());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("claimmark"))
            .find(|candidate| candidate.is_file())
            .and_then(|p| p.canonicalize().ok())
    });
    match (me, on_path) {
        (Some(me), Some(found)) if me == found => "claimmark".to_owned(),
        (Some(me), _) => {
            let text = me.display().to_string();
            if text.contains([' ', '"', '\'', '\\']) {
                format!("'{}'", text.replace('\'', "'\\''"))
            } else {
                text
            }
        }
        (None, _) => "claimmark".to_owned(),
    }
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("could not run git; install it (apt-get install git)")?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            shown(String::from_utf8_lossy(&output.stderr).trim())
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn run_git_setup(repo: Option<&Path>) -> ExitCode {
    match git_setup(repo.unwrap_or(Path::new("."))) {
        Ok(setup) => {
            for line in &setup.lines {
                println!("{}", shown(line));
            }
            println!(
                "git merges of *.ron in {} now go through claimmark",
                shown(&setup.repository.display().to_string())
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("claimmark git-setup: {}", shown(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

/// `claimmark resolve PROJECT --ours|--theirs|--both [--conflict N]…`:
/// the window's resolutions from the command line, saved in place. Without
/// `--conflict`, every conflict the choice fits.
pub fn resolve(
    project: &Path,
    numbers: &[usize],
    choice: Resolution,
) -> anyhow::Result<Vec<String>> {
    let mut session = super::open_for_update(project, false)?;
    let count = session.project().conflicts.len();
    if count == 0 {
        return Ok(vec!["no conflicts to resolve".to_owned()]);
    }
    for &n in numbers {
        if n == 0 || n > count {
            bail!(
                "there is no conflict {n}; the project has {count} (claimmark validate lists them)"
            );
        }
    }
    let mut chosen: Vec<usize> = if numbers.is_empty() {
        (0..count)
            .filter(|&i| {
                choice != Resolution::KeepBoth || session.project().conflicts[i].can_keep_both()
            })
            .collect()
    } else {
        numbers.iter().map(|n| n - 1).collect()
    };
    chosen.sort_unstable();
    chosen.dedup();
    let mut lines = Vec::new();
    // From the last, so the numbers of those still to do stay put.
    let all = numbers.is_empty();
    for index in chosen.into_iter().rev() {
        let subject = session.project().conflicts[index].subject();
        let applied = merge::resolution(session.project(), index, choice)
            .map_err(anyhow::Error::from)
            .and_then(|edit| Ok(session.apply(edit, "Resolve a conflict")?));
        match applied {
            Ok(()) => lines.push(format!("resolved conflict {}: {subject}", index + 1)),
            // Resolving all: the ones this choice cannot settle stay, said.
            Err(error) if all => lines.push(format!(
                "left conflict {} ({subject}): {}",
                index + 1,
                shown(&format!("{error:#}"))
            )),
            Err(error) => {
                return Err(error.context(format!(
                    "conflict {} ({subject}) cannot be resolved that way",
                    index + 1
                )));
            }
        }
    }
    lines.reverse();
    super::save_in_place(&mut session)?;
    let left = session.project().conflicts.len();
    lines.push(format!("{left} conflict(s) left"));
    Ok(lines)
}

pub fn parse_choice(ours: bool, theirs: bool) -> Resolution {
    match (ours, theirs) {
        (true, _) => Resolution::Take(Side::Ours),
        (_, true) => Resolution::Take(Side::Theirs),
        _ => Resolution::KeepBoth,
    }
}
