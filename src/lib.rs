//! claimmark: the window and the command line, on [`claimmark_core`].
//!
//! - [`app`]: the eframe application: the session, the command queue and
//!   `execute`, the one place commands change things.
//! - [`command`]: what can be asked of the window: the fixed commands'
//!   table (`UiCommand`) and the actions that carry data.
//! - [`view`]: what the analyst is looking at (selection, find, filters,
//!   status, comparison): read by panels, changed by `app` alone.
//! - [`ui`]: the panels; each reads state and emits commands.
//! - [`cli`]: the command-line subcommands.
//!
//! docs/architecture.md has the one-screen map.

pub mod app;
pub mod cli;
pub mod command;
pub mod ui;
pub mod view;
