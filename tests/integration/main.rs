#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and fixtures may panic on bad setup

//! Integration tests, one binary:
//! - `claim_format`: claim/v1 export, import, fixtures, schema (Rust and
//!   Python) and the `export`/`import`/`validate`/`stats` subcommands.
//! - `sample_project`: the bundled sample project is up to date and complete.
//! - `cli`: the `claimmark` command line.
//! - `review`: `claimmark review`, bulk decisions; `runs`: extractor runs
//!   compared on import and by `claimmark diff-runs`.
//! - `score`: `claimmark score`, `agree` and `dataset`, with hand-computed figures.
//! - `ledger`: `claimmark ledger`, validate's ledger warnings, the
//!   manifest's ledger section; the window's ledger is in `ui_ledger`.
//! - `layers`: the library has no GUI; panels never use the app.
//! - `ui`: the real app driven with `egui_kittest`; `ui_claims` claims from a
//!   selection, counted in inputs; `ui_queue` its review
//!   queue; `ui_keyboard` palette, scrolling, find, chrome; `ui_review` proposals, values, suggestions, compare; `ui_extractor` extractors and claim suggestions (window and CLI).
//! - `interop`: `claimmark import` of brat, Label Studio, doccano and Prodigy files.
//! - `teams`: merges of projects, the git merge driver, conflicts in the
//!   window and from the command line.
//! - `suggest`: the suggester against the gold set (`tests/gold/`), and
//!   `claimmark suggest`.

mod claim_format;
mod cli;
mod fixtures;
mod fuzz;
mod interop;
mod layers;
mod ledger;
mod reliability;
mod review;
mod runs;
mod sample_project;
mod score;
mod suggest;
mod teams;
mod ui;
mod ui_claims;
mod ui_extractor;
mod ui_files;
mod ui_keyboard;
mod ui_ledger;
mod ui_queue;
mod ui_review;
