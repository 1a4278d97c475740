//! The subcommands: their arguments (clap) and how each runs, on the
//! library. `main` only parses and dispatches here.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::cli::claims::{self, Output};
use claimmark_core::claim_format::export::Filter;
use claimmark_core::claim_format::import;
use claimmark_core::dataset::Format;
use claimmark_core::model::parse_day;
use claimmark_core::model::{DocId, ReviewStatus};
use claimmark_core::review::RowFlag;
use claimmark_core::score::{Metric, ScoreOptions};
use claimmark_core::storage::articles::ArticleMeta;

/// The subcommands.
// clap shows these comments as `--help` text, where backticks around
// "file:line" would show too.
#[allow(clippy::doc_markdown)]
#[derive(Subcommand)]
pub enum Command {
    /// Add article files (.txt) to a project, creating the project if missing.
    Add {
        /// The project file (.ron).
        project: PathBuf,
        /// Article files: UTF-8 text.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Publication date of the articles, YYYY-MM-DD.
        #[arg(long, value_parser = parse_published)]
        published: Option<time::Date>,
        /// Where the articles come from (a URL); defaults to the file name.
        #[arg(long)]
        source: Option<String>,
        /// Title; defaults to the article's first line.
        #[arg(long)]
        title: Option<String>,
    },
    /// Propose date, count, person, organization, place and event spans
    /// (status "proposed") and save the project in place.
    Suggest {
        /// The project file (.ron).
        project: PathBuf,
        /// Only this document (its id); repeat for several. Default: all.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Also propose whole claims: each event word with the role fillers
        /// of its sentence (docs/review.md has the rules).
        #[arg(long)]
        claims: bool,
        /// Print the counts per label as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Accept or reject every proposal a filter selects, in one step, and
    /// save the project in place: the review queue's bulk decision.
    ///
    /// Selects proposals still waiting for review (claims, and proposed
    /// spans no claim uses); a claim's proposed spans follow its decision.
    Review {
        /// The project file (.ron).
        project: PathBuf,
        /// Accept the selected proposals.
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        accept: bool,
        /// Reject the selected proposals.
        #[arg(long)]
        reject: bool,
        /// Only this claim type or span label; repeat for several.
        #[arg(long = "type", value_name = "T")]
        types: Vec<String>,
        /// Only proposals of this extractor (its agent id).
        #[arg(long, value_name = "ID")]
        agent: Option<String>,
        /// Only proposals with at least this confidence (0-1).
        #[arg(long, value_name = "X")]
        min_confidence: Option<f64>,
        /// Only proposals with at most this confidence (0-1).
        #[arg(long, value_name = "Y")]
        max_confidence: Option<f64>,
        /// Only this document (its id); repeat for several.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Only rows with this flag: orphans, near-duplicate, changed
        /// (since an earlier run of the extractor) or superseded (not in a
        /// later run).
        #[arg(long, value_name = "FLAG", value_parser = parse_flag)]
        flag: Option<RowFlag>,
        /// Only claims brought by an extractor run after run N (new or
        /// changed since; `claimmark import` says each run's number).
        #[arg(long, value_name = "N")]
        since_run: Option<u32>,
        /// Who decides, as provenance records it. Default: $USER.
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
        /// Say what would change; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score predictions against gold: spans, arguments and claims (P/R/F1).
    ///
    /// Each side is a claims file (claim/v1 .jsonl), a fixtures folder or a
    /// project (.ron). Gold counts accepted and corrected items; predictions
    /// all but rejected ones. Exit code: 0, 1 when below --min-f1, 2 when an
    /// input cannot be read. docs/scoring.md explains every figure.
    Score {
        /// Gold: claims file, fixtures folder or project.
        #[arg(long)]
        gold: PathBuf,
        /// Predictions: claims file, fixtures folder or project.
        #[arg(long)]
        pred: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Fail (exit code 1) when the headline F1 is below this (0 to 1).
        #[arg(long, value_parser = crate::cli::score::parse_f1)]
        min_f1: Option<f64>,
        /// Headline metric for --min-f1: spans, spans-partial, arguments or claims.
        #[arg(long, default_value = "claims", value_parser = crate::cli::score::parse_metric)]
        metric: Metric,
        /// Score only documents both sides have (with the same text), instead
        /// of counting the others' gold as missed and predictions as spurious.
        #[arg(long)]
        common_only: bool,
        /// Count gold items that are still proposed (not reviewed).
        #[arg(long)]
        gold_proposed: bool,
    },
    /// Agreement between two analysts' projects over the same documents
    /// (paired by text): span F1, Cohen's kappa over tokens, claims, and the
    /// list of disagreements.
    Agree {
        /// Analyst A's project (.ron), or a fixtures folder.
        a: PathBuf,
        /// Analyst B's project (.ron), or a fixtures folder.
        b: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Disagreements listed in the table (JSON lists all).
        #[arg(long, default_value_t = 50)]
        max_disagreements: usize,
    },
    /// Write a dataset of the reviewed (accepted or corrected) annotations:
    /// claim/v1 fixtures, brat standoff or spaCy-style JSONL, with
    /// manifest.json. What the format cannot carry is listed.
    Dataset {
        /// The project file (.ron).
        project: PathBuf,
        /// Output folder: new, empty, or an earlier dataset.
        #[arg(short, long)]
        out: PathBuf,
        /// claims, brat or spacy.
        #[arg(long, value_parser = crate::cli::dataset::parse_format)]
        format: Format,
        /// Write it even while merge conflicts remain (the versions in
        /// place, which are ours where both exist).
        #[arg(long)]
        allow_conflicts: bool,
    },
    /// Export claims as claim/v1 JSON Lines (docs/claim-format.md), span
    /// lines, or gold fixtures.
    ///
    /// Without -o and --fixtures, lines go to standard output.
    Export {
        /// The project file (.ron).
        project: PathBuf,
        /// Write the lines to this file (replaced atomically).
        #[arg(short, long, value_name = "OUT.jsonl")]
        out: Option<PathBuf>,
        /// Only claims (or spans) with these statuses: proposed, accepted,
        /// corrected, rejected. Comma-separated; the default is all.
        #[arg(long, value_delimiter = ',', value_parser = parse_status)]
        status: Vec<ReviewStatus>,
        /// Only this document (repeat for several).
        #[arg(long = "doc", value_name = "ID", value_parser = parse_doc_id)]
        docs: Vec<DocId>,
        /// One line per span instead of per claim (document, offsets, text,
        /// label, value, status, origin).
        #[arg(long)]
        spans: bool,
        /// Also write gold fixtures to DIR: <doc-id>.txt, <doc-id>.claims.jsonl
        /// (and .spans.jsonl with --spans) and manifest.json.
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
        /// Write fixtures into a folder that already holds files
        /// (files of the same names are replaced).
        #[arg(long, requires = "fixtures")]
        force: bool,
        /// Export even while merge conflicts remain (the versions in place).
        #[arg(long)]
        allow_conflicts: bool,
    },
    /// Import a claim/v1 file into a project as one change, re-attaching
    /// anchors to the texts.
    ///
    /// Prints what was imported and every problem as file:line: message.
    /// Exit status 0 when every line was imported (orphans included, they
    /// are listed), 1 when some lines were not (the good ones still are).
    Import {
        /// The project file (.ron); saved in place, atomically, unless --out.
        project: PathBuf,
        /// The claims file (.jsonl).
        claims: PathBuf,
        /// Save the result here and leave PROJECT as it is.
        #[arg(long, value_name = "NEW.ron")]
        out: Option<PathBuf>,
        /// Import lines whose claim the document already has (same type,
        /// arguments and values) instead of reporting them as duplicates.
        #[arg(long)]
        keep_duplicates: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run an extractor on documents and import the claim/v1 lines it
    /// prints as proposals (one extractor run), saving the project in place.
    ///
    /// The command gets each document's canonical text on stdin and in the
    /// file $CLAIMMARK_TEXT_FILE (docs/review.md has the protocol). The
    /// project's own extractor command runs only with --allow-extractor.
    Extract {
        /// The project file (.ron).
        project: PathBuf,
        /// Only this document (its id); repeat for several. Default: all.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Run the extractor command the project file names.
        #[arg(long)]
        allow_extractor: bool,
        /// Seconds the command may run per document (default 120).
        #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..))]
        timeout: Option<u32>,
        /// Print the import report as JSON.
        #[arg(long)]
        json: bool,
        /// The command to run instead of the project's: program and arguments.
        #[arg(last = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Compare two runs of an extractor, as claims files: per document, the
    /// claims that are new, gone, changed (same type and trigger, other
    /// arguments or values) and unchanged. Documents whose text changed
    /// between the files are compared by quote instead of offset.
    DiffRuns {
        /// The earlier run (.jsonl).
        earlier: PathBuf,
        /// The later run (.jsonl).
        later: PathBuf,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check a project (.ron) or a claims file (.jsonl) and print every
    /// problem as file:line:col: message. Exit status 1 when there are any.
    Validate {
        /// The file to check.
        file: PathBuf,
        /// Print the problems as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Merge two versions of a project with their common ancestor, three
    /// ways, at the level of annotations (docs/teams.md).
    ///
    /// Changes on one side are taken, the same change on both once, what
    /// both added is all kept (theirs renumbered where ids clash); where
    /// both changed the same thing differently, both versions stay in the
    /// project as a conflict to resolve in the window. Exit status 0: merged
    /// cleanly; 1: merged with conflicts; 2: nothing written.
    Merge {
        /// The common ancestor (.ron).
        base: PathBuf,
        /// Our version (.ron).
        ours: PathBuf,
        /// Their version (.ron).
        theirs: PathBuf,
        /// Write the merged project here (never one of the inputs);
        /// default: standard output.
        #[arg(short, long, value_name = "OUT.ron")]
        out: Option<PathBuf>,
    },
    /// git's merge driver for projects: `claimmark merge-driver %O %A %B %P`
    /// (git-setup configures it). Writes the merge into %A.
    MergeDriver {
        /// %O: the common ancestor (empty when both branches added the file).
        base: PathBuf,
        /// %A: ours, replaced by the merge.
        ours: PathBuf,
        /// %B: theirs.
        theirs: PathBuf,
        /// %P: the file's name in the repository, for messages.
        name: Option<String>,
    },
    /// Make git merge projects with claimmark: writes `*.ron merge=claimmark`
    /// to .gitattributes and the merge driver to the repository's config.
    /// Safe to run again.
    GitSetup {
        /// The repository (default: the current folder).
        repo: Option<PathBuf>,
    },
    /// Resolve merge conflicts from the command line, as the window does,
    /// and save the project in place. `claimmark validate` lists them.
    Resolve {
        /// The project file (.ron).
        project: PathBuf,
        /// Take our version.
        #[arg(long, conflicts_with_all = ["theirs", "both"], required_unless_present_any = ["theirs", "both"])]
        ours: bool,
        /// Take their version.
        #[arg(long, conflicts_with = "both")]
        theirs: bool,
        /// Keep both versions (two spans, claims or entities; two documents).
        #[arg(long)]
        both: bool,
        /// Only conflict N (as validate numbers them); repeat for several.
        /// Default: all.
        #[arg(long = "conflict", value_name = "N")]
        conflicts: Vec<usize>,
    },
    /// Count spans and claims by label, claim type, status and document.
    Stats {
        /// The project file (.ron).
        project: PathBuf,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
        /// Instead: each extractor's kept / reviewed share by claim type and
        /// confidence bucket (0-0.1 … 0.9-1.0), over the claims reviewed so far.
        #[arg(long)]
        review: bool,
    },
}

fn parse_published(raw: &str) -> Result<time::Date, String> {
    parse_day(raw).ok_or_else(|| format!("“{raw}” is not a date of the form YYYY-MM-DD"))
}

fn parse_flag(raw: &str) -> Result<RowFlag, String> {
    RowFlag::parse(raw.trim()).ok_or_else(|| {
        let known: Vec<&str> = RowFlag::ALL.iter().map(|flag| flag.as_str()).collect();
        format!("“{raw}” is not a flag; use one of {}", known.join(", "))
    })
}

fn parse_status(raw: &str) -> Result<ReviewStatus, String> {
    ReviewStatus::parse(raw.trim()).ok_or_else(|| {
        format!("“{raw}” is not a status; use proposed, accepted, corrected or rejected")
    })
}

fn parse_doc_id(raw: &str) -> Result<DocId, String> {
    claims::parse_doc_id(raw)
}

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
                eprintln!("claimmark suggest: {error:#}");
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
                    eprintln!("claimmark review: {error:#}");
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
                eprintln!("claimmark agree: {error:#}");
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
                eprintln!("claimmark dataset: {error:#}");
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
            claims: file,
            out,
            keep_duplicates,
            json,
        } => run_import(&project, &file, out.as_deref(), keep_duplicates, json),
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
            eprintln!("claimmark add: {error:#}");
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
            eprintln!("claimmark score: {error:#}");
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
            } else if validation.problems.is_empty() {
                print_out(&format!(
                    "{}: no problems ({})\n",
                    validation.file, validation.kind
                ));
            } else {
                let listed = claimmark_core::storage::PROBLEMS_LISTED;
                for problem in validation.problems.iter().take(listed) {
                    print_out(&format!("{problem}\n"));
                }
                if validation.problems.len() > listed {
                    print_out(&format!(
                        "… and {} more problems (--json lists them all)\n",
                        validation.problems.len() - listed
                    ));
                }
            }
            exit_status(validation.problems.is_empty())
        }
        Err(error) => fail("validate", &error),
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

fn exit_status(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fail(command: &str, error: &anyhow::Error) -> ExitCode {
    eprintln!("claimmark {command}: {error:#}");
    ExitCode::FAILURE
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints a value as pretty JSON on standard output.
fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(json) => print_out(&format!("{json}\n")),
        Err(error) => eprintln!("claimmark: could not write JSON: {error}"),
    }
}
