//! Progress (-v) and cancellation: signals, a keypress under a pseudo-terminal, the terminal's
//! settings afterwards, standard input left alone when it is not a terminal, and how far a
//! walk over a whole file system is.
//!
//! A walk must still be running when a test cancels it, whatever the machine's speed, so
//! these tests walk a small tree through `tests/support/slowfs.py`, a FUSE file system that
//! sleeps 1 ms in every getattr, opendir and readdir (about 2 s for the whole tree). Tests
//! wait for the first progress line, never for a fixed time.
//!
//! This binary runs apart from `tests/it`: a cancel lands mid-walk only while the test thread
//! and the single-threaded FUSE daemon get the CPU they need, and `tests/it` keeps both cores
//! busy on purpose (the determinism test's busy loops, tables of hundreds of runs). The tests
//! that mount the slow tree need FUSE, which an ordinary user may not have: they are
//! `#[ignore = "needs FUSE…"]`, and `.ci/run` (root) runs them with `--include-ignored`.

#[path = "../common/mod.rs"]
mod common;

mod estimate;
mod pty;
mod signals;
mod slow_tree;
mod terminal;

use std::thread;
use std::time::{Duration, Instant};

/// How long a test waits for a mount, a first progress line or the end of a run.
const PATIENCE: Duration = Duration::from_secs(60);

/// Polls `ready` until it holds, failing the test after PATIENCE.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !ready() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        thread::sleep(Duration::from_millis(5)); // polling a state, not a timing guess
    }
}

/// Whether `bytes` hold a progress tick.
fn has_tick(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains(" entries/s")
}
