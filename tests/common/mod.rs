//! Helpers shared by the integration-test binaries, one job per module: `process` runs a
//! program with a fixed environment and a timeout, `privilege` says who it runs as (nobody
//! through setpriv, a private mount namespace), `oracle` runs GNU du 9.1 and dug side by side
//! and `report` shows how they differ, `tree` builds trees in temp dirs and `trees` holds the
//! trees many tests share, `fuse` mounts the FUSE scripts of `tests/support`, and `ncdu`
//! reads an ncdu export back.
//!
//! `tests/it` and `tests/cancel` include this folder with `#[path]`; `tests/man.rs` and
//! `tests/completions.rs` with `mod common;`.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code, unused_imports)]

pub mod fuse;
pub mod ncdu;
pub mod oracle;
pub mod privilege;
pub mod process;
pub mod report;
pub mod tree;
pub mod trees;

// What tests/man.rs and tests/completions.rs name at this level.
pub use process::{TIMEOUT, wait_output};
pub use tree::temp_root;
