//! The subcommands: their arguments (clap) and how each runs, on the
//! library. `main` only parses and dispatches here.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use crate::cli::args::Command;
use crate::cli::claims::{self, Output};
use claimmark_core::claim_format::export::Filter;
use claimmark_core::claim_format::import;
use claimmark_core::model::ReviewStatus;
use claimmark_core::score::ScoreOptions;
use claimmark_core::storage::articles::ArticleMeta;

/// Runs a subcommand; the exit status says how it went.
#[allow(clippy::too_many_lines)] // one arm per subcommand
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Add {
            project,
            articles,
            published,
            source,
            title,
        } => add_command(
            &project,
            &articles,
            &ArticleMeta {
                title,
                source,
                published,
            },
        ),
        Command::Suggest {
            project,
            docs,
            claims,
            json,
        } => match crate::cli::suggest::suggest(&project, &docs, claims) {
            Ok(report) => {
                crate::cli::suggest::print_suggest_report(&report, json);
                ExitCode::SUCCESS
            }
            Err(error) => {
                fail("suggest", &error);
                ExitCode::FAILURE
            }
        },
        Command::Review {
            project,
            accept,
            reject: _,
            types,
            agent,
            min_confidence,
            max_confidence,
            docs,
            flag,
            since_run,
            reviewer,
            dry_run,
            json,
        } => {
            let reviewer = reviewer
                .or_else(|| std::env::var("USER").ok())
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| "analyst".to_owned());
            let request = crate::cli::review::ReviewRequest {
                project: &project,
                status: if accept {
                    ReviewStatus::Accepted
                } else {
                    ReviewStatus::Rejected
                },
                types: &types,
                agent: agent.as_deref(),
                min_confidence,
                max_confidence,
                docs: &docs,
                flag,
                since_run,
                reviewer: reviewer.trim(),
                dry_run,
            };
            match crate::cli::review::review(&request) {
                Ok(report) => {
                    crate::cli::review::print_review_report(&report, json);
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    fail("review", &error);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Score {
            gold,
            pred,
            json,
            min_f1,
            metric,
            common_only,
            gold_proposed,
        } => {
            let request = crate::cli::score::ScoreRequest {
                gold: &gold,
                pred: &pred,
                options: ScoreOptions {
                    common_only,
                    metric,
                },
                gold_proposed,
            };
            score_command(&request, json, min_f1)
        }
        Command::Agree {
            a,
            b,
            json,
            max_disagreements,
        } => match crate::cli::score::run_agree(&a, &b)
            .and_then(|report| crate::cli::score::print_agree(&report, json, max_disagreements))
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                fail("agree", &error);
                ExitCode::from(2)
            }
        },
        Command::Dataset {
            project,
            out,
            format,
            allow_conflicts,
        } => match crate::cli::dataset::run_dataset(&project, &out, format, allow_conflicts) {
            Ok(manifest) => {
                crate::cli::dataset::print_dataset_report(&out, &manifest);
                ExitCode::SUCCESS
            }
            Err(error) => {
                fail("dataset", &error);
                ExitCode::FAILURE
            }
        },
        Command::Export {
            project,
            out,
            status,
            docs,
            spans,
            fixtures,
            force,
            allow_conflicts,
        } => run_export(
            &project,
            out.as_deref(),
            &Filter {
                statuses: status,
                documents: docs,
            },
            spans,
            (fixtures.as_deref(), force),
            allow_conflicts,
        ),
        Command::Import {
            project,
            files,
            out,
            format,
            offsets,
            map,
            map_file,
            add_to_schema,
            keep_duplicates,
            json,
        } => {
            let foreign = super::interop::ForeignArgs {
                format: None,
                offsets: offsets.as_deref(),
                map: &map,
                map_file: map_file.as_deref(),
                add_to_schema,
            };
            run_any_import(
                &project,
                &files,
                out.as_deref(),
                format.as_deref(),
                foreign,
                (keep_duplicates, json),
            )
        }
        Command::Extract {
            project,
            docs,
            allow_extractor,
            timeout,
            json,
            command,
        } => {
            let request = crate::cli::extract::ExtractRequest {
                project: &project,
                docs: &docs,
                command: &command,
                allow_project_command: allow_extractor,
                timeout_seconds: timeout,
            };
            match crate::cli::extract::extract(&request) {
                Ok(report) => {
                    print_import_report(&report, json);
                    exit_status(report.problems.is_empty())
                }
                Err(error) => fail("extract", &error),
            }
        }
        Command::DiffRuns {
            earlier,
            later,
            json,
        } => run_diff_runs(&earlier, &later, json),
        Command::Validate { file, json } => run_validate(&file, json),
        Command::Merge {
            base,
            ours,
            theirs,
            out,
        } => crate::cli::merge::run_merge(&base, &ours, &theirs, out.as_deref()),
        Command::MergeDriver {
            base,
            ours,
            theirs,
            name,
        } => crate::cli::merge::run_merge_driver(&base, &ours, &theirs, name.as_deref()),
        Command::GitSetup { repo } => crate::cli::merge::run_git_setup(repo.as_deref()),
        Command::Resolve {
            project,
            ours,
            theirs,
            both: _,
            conflicts,
        } => match crate::cli::merge::resolve(
            &project,
            &conflicts,
            crate::cli::merge::parse_choice(ours, theirs),
        ) {
            Ok(lines) => {
                for line in lines {
                    print_out(&format!("{line}\n"));
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail("resolve", &error),
        },
        Command::Stats {
            project,
            json,
            review,
        } => run_stats(&project, json, review),
        Command::Ledger {
            project,
            types,
            status,
            json,
            csv,
            check,
            out,
        } => crate::cli::ledger::run(&crate::cli::ledger::LedgerArgs {
            project,
            options: claimmark_core::ledger::LedgerOptions {
                claim_types: types,
                statuses: status,
            },
            format: if json {
                Some(claimmark_core::ledger::LedgerFormat::Json)
            } else if csv {
                Some(claimmark_core::ledger::LedgerFormat::Csv)
            } else {
                None
            },
            check,
            out,
        }),
    }
}

/// `claimmark add`: 1 when a file was refused (the good ones are added).
fn add_command(project: &std::path::Path, articles: &[PathBuf], meta: &ArticleMeta) -> ExitCode {
    match crate::cli::add(project, articles, meta) {
        Ok(report) => {
            crate::cli::print_add_report(project, &report);
            if report.refused.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            fail("add", &error);
            ExitCode::FAILURE
        }
    }
}

/// `claimmark score`: 0, 1 below `--min-f1`, 2 when an input cannot be read.
fn score_command(
    request: &crate::cli::score::ScoreRequest<'_>,
    json: bool,
    min_f1: Option<f64>,
) -> ExitCode {
    let report = crate::cli::score::run_score(request).and_then(|report| {
        crate::cli::score::print_score(&report, json)?;
        Ok(report)
    });
    match report {
        Ok(report) => match min_f1.and_then(|bar| crate::cli::score::below_bar(&report, bar)) {
            Some(message) => {
                eprintln!("claimmark score: {message}");
                ExitCode::from(1)
            }
            None => ExitCode::SUCCESS,
        },
        Err(error) => {
            fail("score", &error);
            ExitCode::from(2)
        }
    }
}

fn run_export(
    project: &Path,
    out: Option<&Path>,
    filter: &Filter,
    spans: bool,
    (fixtures, force): (Option<&Path>, bool),
    allow_conflicts: bool,
) -> ExitCode {
    let output = match (out, fixtures) {
        (Some(path), _) => Output::File(path),
        (None, Some(_)) => Output::None,
        (None, None) => Output::Stdout,
    };
    match claims::export(
        project,
        output,
        filter,
        spans,
        fixtures,
        force,
        allow_conflicts,
    ) {
        Ok(summary) => {
            let what = if spans { "span" } else { "claim" };
            if let Some(path) = &summary.out {
                eprintln!(
                    "wrote {} {what} line(s) to {}",
                    summary.lines,
                    path.display()
                );
            }
            if let (Some(manifest), Some(dir)) = (&summary.fixtures, fixtures) {
                eprintln!(
                    "wrote fixtures for {} document(s), {} claim(s) to {}",
                    manifest.documents,
                    manifest.claims,
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail("export", &error),
    }
}

/// Exit status 1 when some lines were not imported; orphans alone are not
/// a failure (they are imported, and listed).
/// `claimmark import`: claim/v1 (named, or a single file no other format
/// claims), else another tool's files.
fn run_any_import(
    project: &Path,
    files: &[std::path::PathBuf],
    out: Option<&Path>,
    format: Option<&str>,
    mut foreign: super::interop::ForeignArgs<'_>,
    (keep_duplicates, json): (bool, bool),
) -> ExitCode {
    use claimmark_core::interop::{Format, detect};
    let claim_v1 = match format {
        Some("claim-v1" | "claim/v1") => true,
        Some(name) => match Format::parse(name) {
            Some(format) => {
                foreign.format = Some(format);
                false
            }
            None => {
                return fail(
                    "import",
                    &anyhow::anyhow!(
                        "--format {name}: use brat, label-studio, doccano, prodigy, inception-tsv, uima-xmi or claim-v1"
                    ),
                );
            }
        },
        None => files.len() == 1 && detect(&files[0]).is_none(),
    };
    if claim_v1 {
        let [file] = files else {
            return fail(
                "import",
                &anyhow::anyhow!("a claim/v1 import reads one claims file"),
            );
        };
        return run_import(project, file, out, keep_duplicates, json);
    }
    match super::interop::import(project, files, out, &foreign) {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                let (problems, summary) = report.lines();
                let mut stderr = std::io::stderr().lock();
                for line in problems {
                    let _ = writeln!(stderr, "{line}");
                }
                print_out(&format!("{summary}\n"));
            }
            exit_status(report.refused.is_empty() && report.unknown.is_empty())
        }
        Err(error) => fail("import", &error),
    }
}

fn run_import(
    project: &Path,
    file: &Path,
    out: Option<&Path>,
    keep_duplicates: bool,
    json: bool,
) -> ExitCode {
    let duplicates = if keep_duplicates {
        import::Duplicates::Keep
    } else {
        import::Duplicates::Skip
    };
    match claims::import(project, file, out, duplicates) {
        Ok(report) => {
            print_import_report(&report, json);
            exit_status(report.problems.is_empty())
        }
        Err(error) => fail("import", &error),
    }
}

/// An import's report: its lines on stderr, the run and the summary on
/// stdout; or JSON.
fn print_import_report(report: &import::ImportReport, json: bool) {
    if json {
        print_json(report);
        return;
    }
    let mut stderr = std::io::stderr().lock();
    for line in report.lines() {
        let _ = writeln!(stderr, "{line}");
    }
    for line in report.run_lines() {
        print_out(&format!("{line}\n"));
    }
    print_out(&format!("{}\n", report.summary()));
}

/// `claimmark diff-runs`: 0, or 1 when a line of either file could not be
/// read (it is left out and listed on stderr).
fn run_diff_runs(earlier: &Path, later: &Path, json: bool) -> ExitCode {
    match claimmark_core::claim_format::runs::compare_files(earlier, later) {
        Ok(comparison) => {
            if json {
                print_json(&comparison);
            } else {
                let mut stderr = std::io::stderr().lock();
                for problem in &comparison.problems {
                    let _ = writeln!(stderr, "{problem}");
                }
                if !comparison.changed_texts.is_empty() {
                    print_out(&format!(
                        "text changed (compared by quote): {}\n",
                        comparison.changed_texts.join(", ")
                    ));
                }
                for line in comparison.changes.lines() {
                    print_out(&format!("{line}\n"));
                }
            }
            exit_status(comparison.problems.is_empty())
        }
        Err(error) => fail("diff-runs", &error.into()),
    }
}

fn run_validate(file: &Path, json: bool) -> ExitCode {
    match claims::validate(file) {
        Ok(validation) => {
            if json {
                print_json(&validation);
            } else {
                if validation.problems.is_empty() {
                    print_out(&format!(
                        "{}: no problems ({})\n",
                        validation.file, validation.kind
                    ));
                }
                print_listed(&validation.problems, "problems");
                print_listed(&validation.warnings, "warnings");
            }
            exit_status(validation.problems.is_empty())
        }
        Err(error) => fail("validate", &error),
    }
}

/// The first [`PROBLEMS_LISTED`](claimmark_core::storage::PROBLEMS_LISTED)
/// of `items`, one per line, then how many more there are.
fn print_listed(items: &[claims::Diagnostic], what: &str) {
    let listed = claimmark_core::storage::PROBLEMS_LISTED;
    for item in items.iter().take(listed) {
        print_out(&format!("{item}\n"));
    }
    if items.len() > listed {
        print_out(&format!(
            "… and {} more {what} (--json lists them all)\n",
            items.len() - listed
        ));
    }
}

fn run_stats(project: &Path, json: bool, review: bool) -> ExitCode {
    match claimmark_core::storage::load_project(project) {
        Ok(loaded) if review => {
            let stats = crate::cli::stats::ReviewStats::of(&loaded);
            if json {
                print_json(&stats);
            } else {
                print_out(&stats.to_string());
            }
            ExitCode::SUCCESS
        }
        Ok(loaded) => {
            let stats = crate::cli::stats::Stats::of(&loaded);
            if json {
                print_json(&stats);
            } else {
                print_out(&stats.to_string());
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail("stats", &anyhow::anyhow!("{error}")),
    }
}

pub(super) fn exit_status(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The error, control characters from input files escaped (a list of
/// problems keeps one line each).
pub(super) fn fail(command: &str, error: &anyhow::Error) -> ExitCode {
    eprintln!(
        "claimmark {command}: {}",
        claimmark_core::text_shown::shown_lines(&format!("{error:#}"))
    );
    ExitCode::FAILURE
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
pub(super) fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints a value as pretty JSON on standard output.
fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(json) => print_out(&format!("{json}\n")),
        Err(error) => eprintln!("claimmark: could not write JSON: {error}"),
    }
}
