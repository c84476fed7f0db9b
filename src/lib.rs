//! `dug`: a parallel drop-in for GNU du 9.1.
//!
//! The walk (`walk`) reads directories on N scoped worker threads and sends one `Scan` per
//! directory; the aggregator (`aggregate`) replays du's sequential order over the scans and
//! writes du's records through the report (`report`). `run` ties them together; the binary
//! only parses arguments (`cli`), installs cancellation and maps the outcome to an exit status.

pub mod aggregate;
pub mod argmatch;
pub mod cancel;
pub mod cli;
pub mod config;
pub mod error;
pub mod exclude;
pub mod files0;
pub mod fnmatch;
pub mod help;
pub mod localtime;
pub mod path;
pub mod progress;
pub mod quote;
pub mod report;
pub mod scan;
pub mod size;
pub mod strftime;
pub mod timestyle;
pub mod usage;
pub mod walk;
pub mod wctype;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use crate::aggregate::{Ending, aggregate};
use crate::config::Config;
use crate::error::Fatal;
use crate::report::Report;
use crate::walk::Walker;

pub use crate::config::Deref;

/// Scans in flight between the workers and the aggregator: enough to keep 20 workers busy while
/// the aggregator writes, few enough that a stalled aggregator stops the walk. The channel's
/// slots are allocated and written up front (about 120 bytes each): 1,024 of them were a fifth
/// of the page faults of a run over a tiny tree, and 256 are as fast on big ones.
const CHANNEL_CAPACITY: usize = 256;

/// How a run ended, for the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Some entry could not be read or stat'ed (du exits 1).
    pub had_errors: bool,
    /// The done flag stopped the run.
    pub interrupted: bool,
}

/// Walks `config.operands` and writes du's report to `stdout`, diagnostics to `stderr`.
/// Setting `done` from another thread stops the run early.
pub fn run<W: Write, E: Write>(
    config: &Config,
    done: &AtomicBool,
    stdout: W,
    stderr: E,
) -> Result<Outcome, Fatal> {
    let stop = AtomicBool::new(false);
    let walker = Walker::new(config, done, &stop);
    let mut report = Report::new(config, stdout, stderr);
    let (sender, receiver) = crossbeam_channel::bounded(CHANNEL_CAPACITY);
    let ending = thread::scope(|scope| {
        walker.start(scope, sender).map_err(Fatal::Spawn)?;
        let ending = aggregate(config, done, receiver, &mut report);
        // Release the workers if the aggregator stopped early (cancel, closed stdout).
        stop.store(true, Ordering::Relaxed);
        ending.map_err(Fatal::Write)
    })?;
    Ok(Outcome {
        had_errors: report.error_count() > 0 || ending == Ending::Incomplete,
        interrupted: ending == Ending::Interrupted,
    })
}
