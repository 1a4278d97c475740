//! claimmark: start-up. Parses the command line, then either runs a
//! subcommand or opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use claimmark::app::{AppOptions, ClaimmarkApp, dialogs::NativeDialogs, settings};
use claimmark::dataset::Format;
use claimmark::score::{Metric, ScoreOptions};
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
    /// Propose date, count, person, organization, place and event spans
    /// (status "proposed") and save the project in place.
    Suggest {
        /// The project file (.ron).
        project: PathBuf,
        /// Only this document (its id); repeat for several. Default: all.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Print the counts per label as JSON.
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
        #[arg(long, value_parser = claimmark::cli::score::parse_f1)]
        min_f1: Option<f64>,
        /// Headline metric for --min-f1: spans, spans-partial, arguments or claims.
        #[arg(long, default_value = "claims", value_parser = claimmark::cli::score::parse_metric)]
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
        #[arg(long, value_parser = claimmark::cli::dataset::parse_format)]
        format: Format,
    },
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
        }) => add_command(
            &project,
            &articles,
            &ArticleMeta {
                title,
                source,
                published,
            },
        ),
        Some(Command::Suggest {
            project,
            docs,
            json,
        }) => match claimmark::cli::suggest::suggest(&project, &docs) {
            Ok(report) => {
                claimmark::cli::suggest::print_suggest_report(&report, json);
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("claimmark suggest: {error:#}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Score {
            gold,
            pred,
            json,
            min_f1,
            metric,
            common_only,
            gold_proposed,
        }) => {
            let request = claimmark::cli::score::ScoreRequest {
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
        Some(Command::Agree {
            a,
            b,
            json,
            max_disagreements,
        }) => match claimmark::cli::score::run_agree(&a, &b)
            .and_then(|report| claimmark::cli::score::print_agree(&report, json, max_disagreements))
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("claimmark agree: {error:#}");
                ExitCode::from(2)
            }
        },
        Some(Command::Dataset {
            project,
            out,
            format,
        }) => match claimmark::cli::dataset::run_dataset(&project, &out, format) {
            Ok(manifest) => {
                claimmark::cli::dataset::print_dataset_report(&out, &manifest);
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("claimmark dataset: {error:#}");
                ExitCode::FAILURE
            }
        },
        None => match run_window(cli.project) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("claimmark: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `claimmark add`: 1 when a file was refused (the good ones are added).
fn add_command(project: &std::path::Path, articles: &[PathBuf], meta: &ArticleMeta) -> ExitCode {
    match claimmark::cli::add(project, articles, meta) {
        Ok(report) => {
            claimmark::cli::print_add_report(project, &report);
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
    request: &claimmark::cli::score::ScoreRequest<'_>,
    json: bool,
    min_f1: Option<f64>,
) -> ExitCode {
    let report = claimmark::cli::score::run_score(request).and_then(|report| {
        claimmark::cli::score::print_score(&report, json)?;
        Ok(report)
    });
    match report {
        Ok(report) => match min_f1.and_then(|bar| claimmark::cli::score::below_bar(&report, bar)) {
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
