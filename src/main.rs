//! claimmark: start-up. Parses the command line, then either runs a
//! subcommand or opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use claimmark::app::{AppOptions, ClaimmarkApp, dialogs::NativeDialogs, settings};
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
        None => match run_window(cli.project) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("claimmark: {error:#}");
                ExitCode::FAILURE
            }
        },
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
