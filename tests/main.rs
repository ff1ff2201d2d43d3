//! The copydesk binary's integration tests, as modules of one test binary
//! (`autotests = false` in Cargo.toml): one link for all of them, and the
//! helpers in `support` shared rather than copied.
//!
//! Run one file's tests with its module path, e.g.
//! `cargo test --test main cli::`, or one test by name.

mod support;

mod bad_input;
mod cli;
mod formats;
mod lsp;
mod serve;
mod style;
mod ui;
mod vale;
mod walk;
mod workflow;
