//! claimmark: start-up. Parses the command line, then either runs a
//! subcommand or opens the window.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use claimmark::app::{AppOptions, ClaimmarkApp, dialogs::NativeDialogs, settings};
use claimmark::claim_format::export::Filter;
use claimmark::cli::claims::{self, Output};
use claimmark::model::{DocId, ReviewStatus};
use claimmark::storage::articles::ArticleMeta;
use claimmark::storage::project_file::parse_date;

/// Tag people, dates, counts and events in news articles and tie them into claims.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Project file (.ron) to open in the window.
    project: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

// clap shows these comments as `--help` text, where backticks around
// "file:line" would show too.
#[allow(clippy::doc_markdown)]
#[derive(Subcommand)]
enum Command {
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
        /// Print the report as JSON.
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
    /// Count spans and claims by label, claim type, status and document.
    Stats {
        /// The project file (.ron).
        project: PathBuf,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn parse_status(raw: &str) -> Result<ReviewStatus, String> {
    ReviewStatus::parse(raw.trim()).ok_or_else(|| {
        format!("“{raw}” is not a status; use proposed, accepted, corrected or rejected")
    })
}

fn parse_doc_id(raw: &str) -> Result<DocId, String> {
    claims::parse_doc_id(raw)
}

fn parse_published(raw: &str) -> Result<time::Date, String> {
    parse_date(raw).ok_or_else(|| format!("“{raw}” is not a date of the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Add {
            project,
            articles,
            published,
            source,
            title,
        }) => {
            let meta = ArticleMeta {
                title,
                source,
                published,
            };
            match claimmark::cli::add(&project, &articles, &meta) {
                Ok(report) => {
                    claimmark::cli::print_add_report(&project, &report);
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
        Some(Command::Export {
            project,
            out,
            status,
            docs,
            spans,
            fixtures,
        }) => run_export(
            &project,
            out.as_deref(),
            &Filter {
                statuses: status,
                documents: docs,
            },
            spans,
            fixtures.as_deref(),
        ),
        Some(Command::Import {
            project,
            claims: file,
            out,
            json,
        }) => run_import(&project, &file, out.as_deref(), json),
        Some(Command::Validate { file, json }) => run_validate(&file, json),
        Some(Command::Stats { project, json }) => run_stats(&project, json),
        None => match run_window(cli.project) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("claimmark: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run_export(
    project: &Path,
    out: Option<&Path>,
    filter: &Filter,
    spans: bool,
    fixtures: Option<&Path>,
) -> ExitCode {
    let output = match (out, fixtures) {
        (Some(path), _) => Output::File(path),
        (None, Some(_)) => Output::None,
        (None, None) => Output::Stdout,
    };
    match claims::export(project, output, filter, spans, fixtures) {
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
fn run_import(project: &Path, file: &Path, out: Option<&Path>, json: bool) -> ExitCode {
    match claims::import(project, file, out) {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                let mut stderr = std::io::stderr().lock();
                for line in report.lines() {
                    let _ = writeln!(stderr, "{line}");
                }
                print_out(&format!("{}\n", report.summary()));
            }
            exit_status(report.problems.is_empty())
        }
        Err(error) => fail("import", &error),
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
                for problem in &validation.problems {
                    print_out(&format!("{problem}\n"));
                }
            }
            exit_status(validation.problems.is_empty())
        }
        Err(error) => fail("validate", &error),
    }
}

fn run_stats(project: &Path, json: bool) -> ExitCode {
    match claimmark::storage::load_project(project) {
        Ok(loaded) => {
            let stats = claimmark::cli::stats::Stats::of(&loaded);
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

/// The project to open when none is named: the most recent one, else the
/// bundled sample.
fn default_project(settings_path: Option<&PathBuf>) -> Option<PathBuf> {
    let recent = settings_path
        .map(|path| settings::load(path))
        .and_then(|s| s.recent_projects.into_iter().find(|p| p.exists()));
    recent.or_else(|| {
        [
            PathBuf::from("projects/sample.ron"),
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"),
        ]
        .into_iter()
        .find(|p| p.exists())
    })
}

fn run_window(project: Option<PathBuf>) -> anyhow::Result<()> {
    let settings_path = settings::default_path();
    let project = project.or_else(|| default_project(settings_path.as_ref()));
    let options = AppOptions {
        project,
        settings_path,
        data_folder: settings::default_data_folder(),
        dialogs: Box::new(NativeDialogs::default()),
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("claimmark")
            .with_app_id("claimmark")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "claimmark",
        native,
        Box::new(move |_creation| Ok(Box::new(ClaimmarkApp::new(options)))),
    )
    .map_err(|error| anyhow::anyhow!("could not open the window: {error}"))
}
