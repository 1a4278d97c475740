//! claimmark: start-up. Parses the command line, then either runs a
//! subcommand or opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use claimmark::app::{AppOptions, ClaimmarkApp, dialogs::NativeDialogs, settings};

/// mimalloc rather than glibc's malloc, as rerun does: exporting,
/// importing and scoring claim files make millions of small allocations,
/// and glibc's free lists made an export of 100,000 imported claims take
/// 1.3 s instead of 0.56 s (docs/benchmarks.md, "Claim format").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tag people, dates, counts and events in news articles and tie them into claims.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Project file (.ron) to open in the window.
    project: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<claimmark::cli::commands::Command>,
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
        Some(command) => claimmark::cli::commands::run(command),
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
    let [width, height] = settings_path
        .as_ref()
        .and_then(|path| settings::load(path).window_size)
        .map_or([1280.0, 800.0], |[w, h]| {
            [f32::from(w.max(900)), f32::from(h.max(560))]
        });
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
            .with_inner_size([width, height])
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
