//! claimmark: the window and the command line, on [`claimmark_core`].
//!
//! - [`app`]: the eframe application: the session, the command queue and
//!   `execute`, the one place commands change things.
//! - [`ui`]: the panels; each reads state and emits commands.
//! - [`cli`]: the command-line subcommands.
//!
//! docs/architecture.md has the one-screen map.

pub mod app;
pub mod cli;
pub mod ui;
