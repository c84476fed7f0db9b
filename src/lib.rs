//! `dug`: a parallel drop-in for GNU du 9.1.
//!
//! The pipeline, one folder per stage: `cli` turns the command line into a `Config`; `walk`
//! reads directories on N scoped worker threads and sends one `Scan` per directory; `replay`
//! rebuilds du's sequential order from the scans, dedupes hard links and rolls totals up;
//! `report` formats du's lines (or JSON Lines) onto stdout and diagnostics and progress onto
//! stderr. `gnu` holds the pieces that reproduce GNU behaviour byte for byte, `sys` every call
//! into the C library. `run` ties the stages together; the binary only parses arguments,
//! installs cancellation and maps the outcome to an exit status.

pub mod cancel;
pub mod cli;
pub mod config;
pub mod error;
pub mod gnu;
pub(crate) mod replay;
pub(crate) mod report;
pub mod sys;
pub(crate) mod walk;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use crate::config::Config;
use crate::error::Fatal;
use crate::replay::{Ending, Source, aggregate};
use crate::report::Report;
use crate::walk::budget::Plan;
use crate::walk::{Start, Walker};

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
    /// Writing stdout failed (not a closed pipe): du says `write error` and exits 1.
    pub write_failed: bool,
}

/// Walks `config.operands` and writes du's report to `stdout`, diagnostics to `stderr`.
/// Setting `done` from another thread stops the run early: once everything it prints is out
/// (the complete records, the partial summary, the export closed and all of it flushed),
/// `end_now` is called with the outcome while the walk's threads may still be inside a system
/// call, a stat or a readdir over NFS or FUSE that only the end of the process can cut short.
/// The binary ends the process there, as du's own death by SIGINT would; if `end_now`
/// returns, `run` waits for those threads and returns the same outcome.
pub fn run<W: Write, E: Write>(
    config: &Config,
    done: &AtomicBool,
    stdout: W,
    stderr: E,
    end_now: &dyn Fn(Outcome),
) -> Result<Outcome, Fatal> {
    let stop = AtomicBool::new(false);
    let walker = Walker::new(config, Plan::for_process(config.threads), done, &stop);
    let mut report = Report::new(config, stdout, stderr);
    // --ncdu-export's FILE is created before anything is walked; if it cannot be, nothing is.
    if !report.open_export(config).map_err(Fatal::Write)? {
        report.flush().map_err(Fatal::Write)?;
        return Ok(Outcome {
            had_errors: true,
            interrupted: false,
            write_failed: report.has_write_failed(),
        });
    }
    let (sender, receiver) = crossbeam_channel::bounded(CHANNEL_CAPACITY);
    let ended = thread::scope(|scope| {
        let ending = match walker.start(scope, sender) {
            Start::Channel => aggregate(
                config,
                done,
                Source::Channel(receiver),
                walker.ahead(),
                &mut report,
            ),
            Start::Inline => {
                // Not one worker: this thread walks the rest, one directory between two
                // replay steps, after the scans its first steps already sent.
                let sent: Vec<_> = receiver.try_iter().collect();
                let mut walk = sent.into_iter().chain(walker.inline());
                aggregate(
                    config,
                    done,
                    Source::Inline(&mut walk),
                    walker.ahead(),
                    &mut report,
                )
            }
        };
        // Release the workers if the aggregator stopped early (cancel, closed stdout).
        stop.store(true, Ordering::Relaxed);
        match ending {
            Ok(Ending::Interrupted) => {
                let outcome = finish(&mut report, Ok(Ending::Interrupted), &walker);
                if let Ok(outcome) = outcome {
                    end_now(outcome);
                }
                Ended::Finished(outcome)
            }
            ending => Ended::Walked(ending),
        }
    });
    match ended {
        Ended::Finished(outcome) => outcome,
        // Every thread has ended here.
        Ended::Walked(ending) => finish(&mut report, ending, &walker),
    }
}

/// How the scope of the walk's threads ended.
enum Ended {
    /// The aggregator's ending, the report still to finish.
    Walked(std::io::Result<Ending>),
    /// The report finished already (the run was cancelled).
    Finished(Result<Outcome, Fatal>),
}

/// Writes the report's last words and makes the outcome: a panic in a walk thread (caught,
/// its message printed) becomes an error in dug's words and status 1, not a second panic out
/// of the scope; however the run ended (a closed stdout pipe included), the export is closed,
/// so that what it holds parses.
fn finish<W: Write, E: Write>(
    report: &mut Report<W, E>,
    ending: std::io::Result<Ending>,
    walker: &Walker<'_>,
) -> Result<Outcome, Fatal> {
    let ending = ending.and_then(|ending| {
        let lost = walker.lost_workers();
        if lost > 0 {
            report.workers_lost(lost)?;
        }
        Ok(ending)
    });
    let closed = report.end_export();
    let ending = ending.and_then(|ending| {
        closed?;
        report.flush()?;
        Ok(ending)
    });
    let ending = ending.map_err(Fatal::Write)?;
    Ok(Outcome {
        had_errors: report.error_count() > 0 || ending == Ending::Incomplete,
        interrupted: ending == Ending::Interrupted,
        write_failed: report.has_write_failed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// STYLE: a panicking worker must not hang the run. Its guard stops the walk, the join
    /// turns the panic into dug's message and status 1, and the panic does not leave `run`.
    #[test]
    fn a_panicking_worker_ends_the_run_with_an_error() {
        let t = tempfile::tempdir().expect("a temporary directory");
        for dir in ["a/b", "c", "d/dug-test-panic/e"] {
            std::fs::create_dir_all(t.path().join(dir)).expect("make the tree");
        }
        for threads in [1, 4] {
            let mut config = Config::new(vec![t.path().as_os_str().to_owned()]);
            config.threads = threads;
            let done = AtomicBool::new(false);
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let outcome = run(&config, &done, &mut out, &mut err, &|_| ()).expect("no fatal error");
            assert!(outcome.had_errors, "-j {threads}: status must be 1");
            assert!(!outcome.interrupted);
            let err = String::from_utf8_lossy(&err);
            assert_eq!(
                err, "dug: internal error: 1 walker thread(s) stopped; the output is incomplete\n",
                "-j {threads}"
            );
            // Never a total for the operand whose walk was cut short.
            let root = format!("\t{}\n", t.path().display());
            assert!(
                !String::from_utf8_lossy(&out).ends_with(&root),
                "-j {threads}"
            );
        }
    }
}
