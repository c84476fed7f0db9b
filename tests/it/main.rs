//! The integration tests that can share one process, one module per theme. Each runs the real
//! binary on trees built in temp dirs (or copied from `fixtures/`), most against GNU du 9.1
//! as the oracle (`common::oracle`).
//!
//! Tests that need what an ordinary user lacks are `#[ignore = "needs …"]`: root (to be
//! nobody through setpriv with a fresh process count, or to read what nobody cannot) or a
//! mount namespace. `cargo test` skips them; `.ci/run` (root) adds `--include-ignored`.

#[path = "../common/mod.rs"]
mod common;

mod determinism;
mod differential;
mod fts_corners;
mod json;
mod latin1;
mod limits;
mod locales;
mod more_flags;
mod mutation;
mod ncdu;
mod program_name;
mod properties;
mod readonly;
mod reference;
mod special;
mod time_formats;
mod walk;
mod wide;
