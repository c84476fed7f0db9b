//! The replay's loop: one thread selects between the walk's scans and the progress ticker,
//! polls the done flag, and hands each scan to the sequential replay (`order`). When no worker
//! thread could start, the scans come from the walk run inline, one directory per step.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossbeam_channel::{Receiver, TryRecvError, never, select, tick};

use crate::config::{Config, Progress};
use crate::replay::order::Replay;
use crate::replay::share::InodeShare;
use crate::report::Report;
use crate::report::progress::{self, Meter, TICK};
use crate::walk::scan::{Ahead, Body, Entry, Scan, files_and_bytes};

/// How often the aggregator, waiting for scans, looks at the done flag. A signal handler only
/// sets the flag, and while every worker waits on a slow file system (a wide directory over
/// NFS or FUSE sends nothing until its last stat) no scan comes to wake the aggregator: without
/// this, a Ctrl-C would wait for the slowest request in flight.
const DONE_POLL: Duration = Duration::from_millis(5);

/// How the aggregation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    /// Every operand was reported.
    Complete,
    /// The done flag was set: stdout holds only complete records.
    Interrupted,
    /// The walk ended without sending everything (a worker died).
    Incomplete,
}

/// Where the aggregator's scans come from.
pub(crate) enum Source<'s> {
    /// Worker threads, through the channel; it disconnects when the walk is over.
    Channel(Receiver<Scan>),
    /// The walk itself, run on the aggregator's thread one directory per item (when no worker
    /// thread could be started); it ends when the walk is over.
    Inline(&'s mut dyn Iterator<Item = Scan>),
}

/// Receives scans until the walk ends or `done` is set, writing records as they become known;
/// `ahead` is what the walk has stat'ed in wide directories whose scans are still to come.
pub(crate) fn aggregate<W: Write, E: Write>(
    config: &Config,
    done: &AtomicBool,
    source: Source<'_>,
    ahead: &Ahead,
    report: &mut Report<W, E>,
) -> io::Result<Ending> {
    let seen = Seen {
        scans: progress::Tally::default(),
        ahead,
    };
    // Two replays are compiled: the one without --ncdu-export has no trace of the export's
    // calls, not even a branch per entry.
    match config.ncdu_export.is_some() {
        true => replay_all(
            Replay::<true>::new(config),
            config,
            done,
            source,
            seen,
            report,
        ),
        false => replay_all(
            Replay::<false>::new(config),
            config,
            done,
            source,
            seen,
            report,
        ),
    }
}

/// `aggregate` with `replay`.
fn replay_all<const EXPORTS: bool, W: Write, E: Write>(
    mut replay: Replay<'_, EXPORTS>,
    config: &Config,
    done: &AtomicBool,
    mut source: Source<'_>,
    mut seen: Seen<'_>,
    report: &mut Report<W, E>,
) -> io::Result<Ending> {
    let meter = Meter::new();
    let show_progress = config.progress != Progress::Off;
    // With -v on a mount's root: how much of its file system the walk has seen.
    let mut share = InodeShare::for_run(config);
    // A quiet run pays nothing for progress: its ticker never fires.
    let ticker = match config.progress {
        Progress::Off => never(),
        Progress::Lines | Progress::Redraw { .. } => tick(TICK),
    };
    let done_poll = tick(DONE_POLL);
    loop {
        if done.load(Ordering::Relaxed) {
            return interrupted(&meter, &seen.tally(), report);
        }
        let scan = match &mut source {
            Source::Inline(walk) => match walk.next() {
                Some(scan) => scan,
                None => break,
            },
            Source::Channel(scans) => match scans.try_recv() {
                Ok(scan) => scan,
                Err(TryRecvError::Empty) => {
                    // About to wait: let what is known so far go out.
                    report.flush()?;
                    select! {
                        recv(scans) -> msg => match msg {
                            Ok(scan) => scan,
                            Err(_) => break,
                        },
                        recv(ticker) -> _ => {
                            status(report, &meter, &seen.tally(), share.as_mut())?;
                            continue;
                        }
                        recv(done_poll) -> _ => continue,
                    }
                }
                Err(TryRecvError::Disconnected) => break,
            },
        };
        seen.count(&scan, config.apparent);
        if let Some(share) = &mut share {
            share.count(&scan);
        }
        replay.feed(scan);
        replay.advance(report)?;
        // Scans may arrive faster than the loop ever waits: the tick is due all the same.
        if ticker.try_recv().is_ok() {
            status(report, &meter, &seen.tally(), share.as_mut())?;
        }
    }
    if done.load(Ordering::Relaxed) {
        return interrupted(&meter, &seen.tally(), report);
    }
    if share.is_some() {
        // The walk is over: the estimate's last word, however short the last tick fell.
        status(report, &meter, &seen.tally(), share.as_mut())?;
    }
    replay.advance(report)?;
    if !replay.is_complete() {
        report.erase_status();
        return Ok(Ending::Incomplete);
    }
    replay.finish(report)?;
    report.summary(&replay.tally(), meter.elapsed(), false)?;
    report.flush()?;
    if show_progress {
        report.note(&meter.summary(&replay.tally()))?;
    }
    Ok(Ending::Complete)
}

/// The -v line for this tick, with the estimate when there is one.
fn status<W: Write, E: Write>(
    report: &mut Report<W, E>,
    meter: &Meter,
    seen: &progress::Tally,
    share: Option<&mut InodeShare>,
) -> io::Result<()> {
    let estimate = share.map(|s| s.estimate(meter.elapsed()));
    report.status(&meter.status(seen), estimate.as_ref())
}

/// What the workers have read so far, for the progress line and the cancel summary: it
/// moves with the walk, while the replay may wait for one slow directory near the front.
/// Hard links and repeats are included: the final line of a complete run gives du's count.
struct Seen<'a> {
    /// Counted from the scans received.
    scans: progress::Tally,
    /// Counted by the walk, chunk by chunk, in wide directories (their scans' entries are not
    /// counted again).
    ahead: &'a Ahead,
}

impl Seen<'_> {
    /// Everything read so far.
    fn tally(&self) -> progress::Tally {
        progress::Tally {
            files: self.scans.files.saturating_add(self.ahead.files()),
            dirs: self.scans.dirs,
            bytes: self.scans.bytes.saturating_add(self.ahead.bytes()),
        }
    }

    /// Adds what one scan read.
    fn count(&mut self, scan: &Scan, apparent: bool) {
        let entries: &[Entry] = match &scan.body {
            Body::Operand(entry) => std::slice::from_ref(entry),
            Body::Listed(listing) if !listing.counted_ahead => &listing.entries,
            Body::Listed(_) | Body::Unreadable(_) => &[],
        };
        let (files, bytes) = files_and_bytes(entries, apparent);
        let seen = &mut self.scans;
        seen.files += files;
        seen.bytes = seen.bytes.saturating_add(bytes);
        if !matches!(scan.body, Body::Operand(_)) {
            seen.dirs += 1;
        }
    }
}

/// The run was cancelled: the complete records already formatted go out, nothing more (no
/// directory whose subtree is unfinished, no -c total), then one line saying what was counted
/// (and, with --json, a summary object saying the same).
fn interrupted<W: Write, E: Write>(
    meter: &Meter,
    seen: &progress::Tally,
    report: &mut Report<W, E>,
) -> io::Result<Ending> {
    report.note(&meter.interrupted(seen))?;
    report.summary(seen, meter.elapsed(), true)?;
    Ok(Ending::Interrupted)
}
