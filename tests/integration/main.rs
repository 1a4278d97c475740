#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and fixtures may panic on bad setup

//! Integration tests, one binary:
//! - `claim_format`: claim/v1 export, import, fixtures, schema (Rust and
//!   Python) and the `export`/`import`/`validate`/`stats` subcommands.
//! - `sample_project`: the bundled sample project is up to date and complete.
//! - `cli`: the `claimmark` command line.
//! - `ui`: the real app driven with `egui_kittest`.

mod claim_format;
mod cli;
mod fixtures;
mod sample_project;
mod ui;
