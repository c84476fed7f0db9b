//! The aggregator: one thread that receives the walk's scans, replays GNU du's sequential
//! (fts) order over them, dedupes hard links, rolls totals up and hands records to the report
//! the moment everything before them is known.

pub mod usage;

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::{Receiver, TryRecvError, never, select, tick};

use crate::config::{Config, Deref, Progress};
use crate::gnu::path::{fts_root_path, without_one_trailing_slash};
use crate::replay::usage::Usage;
use crate::report::Report;
use crate::report::progress::{self, Meter, TICK};
use crate::walk::scan::{Body, Child, DirId, Listing, Meta, Scan, Stamp, StatError};

/// How the aggregation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Every operand was reported.
    Complete,
    /// The done flag was set: stdout holds only complete records.
    Interrupted,
    /// The walk ended without sending everything (a worker died).
    Incomplete,
}

/// Where the aggregator's scans come from.
pub enum Source<'s> {
    /// Worker threads, through the channel; it disconnects when the walk is over.
    Channel(Receiver<Scan>),
    /// The walk itself, run on the aggregator's thread one directory per item (when no worker
    /// thread could be started); it ends when the walk is over.
    Inline(&'s mut dyn Iterator<Item = Scan>),
}

/// Receives scans until the walk ends or `done` is set, writing records as they become known.
pub fn aggregate<W: Write, E: Write>(
    config: &Config,
    done: &AtomicBool,
    mut source: Source<'_>,
    report: &mut Report<W, E>,
) -> io::Result<Ending> {
    let mut replay = Replay::new(config);
    let meter = Meter::new();
    let show_progress = config.progress != Progress::Off;
    // What the workers have read so far, for the progress line and the cancel summary: it
    // moves with the walk, while the replay may wait for one slow directory near the front.
    let mut seen = progress::Tally::default();
    // A quiet run pays nothing for progress: its ticker never fires.
    let ticker = match config.progress {
        Progress::Off => never(),
        Progress::Lines | Progress::Redraw { .. } => tick(TICK),
    };
    loop {
        if done.load(Ordering::Relaxed) {
            return interrupted(&meter, &seen, report);
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
                            report.status(&meter.status(&seen))?;
                            continue;
                        }
                    }
                }
                Err(TryRecvError::Disconnected) => break,
            },
        };
        count_seen(&mut seen, &scan, config.apparent);
        replay.feed(scan);
        replay.advance(report)?;
        // Scans may arrive faster than the loop ever waits: the tick is due all the same.
        if ticker.try_recv().is_ok() {
            report.status(&meter.status(&seen))?;
        }
    }
    if done.load(Ordering::Relaxed) {
        return interrupted(&meter, &seen, report);
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

/// Adds what one scan read to the counts of the progress and cancel lines (hard links and
/// repeats included: the final line of a complete run gives du's count).
fn count_seen(seen: &mut progress::Tally, scan: &Scan, apparent: bool) {
    let mut add = |meta: &Meta| {
        if !meta.is_dir {
            seen.files += 1;
        }
        seen.bytes = seen.bytes.saturating_add(meta.bytes(apparent));
    };
    match &scan.body {
        Body::Operand(entry) => {
            if let Ok(meta) = &entry.meta {
                add(meta);
            }
        }
        Body::Listed(listing) => {
            for entry in &listing.entries {
                if let Ok(meta) = &entry.meta {
                    add(meta);
                }
            }
            seen.dirs += 1;
        }
        Body::Unreadable(_) => seen.dirs += 1,
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

/// A directory being replayed: its listing, where the replay is in it, and its sums so far.
struct Frame {
    /// The scan that carries its listing.
    id: DirId,
    /// None until the scan arrives.
    listing: Option<Listing>,
    /// Set when the directory could not be read (du: FTS_DNR) or its reading broke off.
    unreadable: Option<io::Error>,
    /// Next entry to replay.
    next: usize,
    /// The directory's own size, inode and time.
    own: Usage,
    /// du's `dulvl[level].ent`: the entries directly in it (directories left out with -S).
    ent: Usage,
    /// du's `dulvl[level].subdir`: everything below its subdirectories.
    sub: Usage,
    /// Levels below the operand (0 for the operand).
    depth: usize,
    /// Length of its path in the path buffer (without a trailing slash).
    path_len: usize,
}

/// Replays du's sequential traversal over scans that arrive in any order.
pub struct Replay<'c> {
    config: &'c Config,
    hash_all: bool,
    /// Scans received but not yet replayed.
    pending: HashMap<DirId, Scan>,
    /// Scans of subtrees du would skip, to drop on arrival.
    discarded: HashSet<DirId>,
    /// dev/ino pairs already counted (du's di_files).
    seen: HashSet<(u64, u64)>,
    stack: Vec<Frame>,
    /// The current directory's path, as fts builds it.
    path: Vec<u8>,
    /// The current operand's path as fts_open keeps it (trailing slashes trimmed to one).
    root_path: Vec<u8>,
    root_dev: u64,
    next_operand: usize,
    grand_total: Usage,
    /// Files and completed directories replayed, for progress.
    files: u64,
    dirs: u64,
    /// No entry has reached du's per-level sums yet (see `first_sums`).
    is_untouched: bool,
}

impl<'c> Replay<'c> {
    /// A replay of `config.operands`, nothing received yet.
    pub fn new(config: &'c Config) -> Replay<'c> {
        Replay {
            config,
            hash_all: config.is_hash_all(),
            pending: HashMap::new(),
            discarded: HashSet::new(),
            seen: HashSet::new(),
            stack: Vec::new(),
            path: Vec::new(),
            root_path: Vec::new(),
            root_dev: 0,
            next_operand: 0,
            grand_total: Usage::GRAND_TOTAL,
            files: 0,
            dirs: 0,
            is_untouched: true,
        }
    }

    /// Takes a scan in; it is replayed when its turn comes (or dropped if du would skip it).
    pub fn feed(&mut self, scan: Scan) {
        if self.discarded.remove(&scan.id) {
            let children: Vec<DirId> = scan.children().collect();
            for id in children {
                self.discard(id);
            }
        } else {
            self.pending.insert(scan.id, scan);
        }
    }

    /// What has been counted so far, for progress and the cancel summary.
    pub fn tally(&self) -> progress::Tally {
        progress::Tally {
            files: self.files,
            dirs: self.dirs,
            bytes: self.grand_total.bytes,
        }
    }

    /// True when every operand has been replayed.
    pub fn is_complete(&self) -> bool {
        self.stack.is_empty() && self.next_operand == self.config.operands.len()
    }

    /// Reports an error that cut --files0-from short, then writes the grand total for -c
    /// (which no threshold hides).
    pub fn finish<W: Write, E: Write>(&mut self, report: &mut Report<W, E>) -> io::Result<()> {
        if let Some(files0) = &self.config.files0
            && let Some(e) = &files0.read_error
        {
            report.files0_read_error(files0.name.as_encoded_bytes(), e)?;
        }
        if self.config.total {
            report.total(&self.grand_total)?;
        }
        Ok(())
    }

    /// du's -t test on a record about to be printed, in bytes or (--inodes) inodes.
    fn passes_threshold(&self, usage: &Usage) -> bool {
        let value = if self.config.inodes {
            usage.inodes
        } else {
            usage.bytes
        };
        match u64::try_from(self.config.threshold) {
            Ok(at_least) => value >= at_least,
            // du negates the threshold in intmax_t: -t -9223372036854775808 means 2^63.
            Err(_) => value <= self.config.threshold.unsigned_abs(),
        }
    }

    /// Prints a record unless -t hides it.
    fn emit<W: Write, E: Write>(
        &self,
        report: &mut Report<W, E>,
        usage: &Usage,
        path: &[u8],
    ) -> io::Result<()> {
        if self.passes_threshold(usage) {
            report.record(usage, path)?;
        }
        Ok(())
    }

    /// Replays as far as the scans received allow.
    pub fn advance<W: Write, E: Write>(&mut self, report: &mut Report<W, E>) -> io::Result<()> {
        loop {
            let Some(top) = self.stack.last_mut() else {
                if self.next_operand == self.config.operands.len() {
                    return Ok(());
                }
                let Some(scan) = self.pending.remove(&(self.next_operand as DirId)) else {
                    return Ok(());
                };
                self.start_operand(scan, report)?;
                continue;
            };
            if top.listing.is_none() {
                let Some(scan) = self.pending.remove(&top.id) else {
                    return Ok(());
                };
                match scan.body {
                    Body::Listed(listing) => {
                        top.unreadable = listing.error.as_ref().map(copy_error);
                        top.listing = Some(listing);
                    }
                    Body::Unreadable(e) => {
                        top.unreadable = Some(e);
                        top.listing = Some(Listing::default());
                    }
                    Body::Operand(_) => unreachable!("operand scans have operand ids"),
                }
            }
            let listing = top.listing.take().expect("attached above");
            if top.next < listing.entries.len() {
                let index = top.next;
                top.next += 1;
                let child = self.replay_entry(&listing, index, report);
                self.stack
                    .last_mut()
                    .expect("the frame being replayed")
                    .listing = Some(listing);
                if let Some(frame) = child? {
                    self.stack.push(frame);
                }
            } else {
                self.finish_dir(report)?;
            }
        }
    }

    /// Starts operand `next_operand` from its scan.
    fn start_operand<W: Write, E: Write>(
        &mut self,
        scan: Scan,
        report: &mut Report<W, E>,
    ) -> io::Result<()> {
        let index = self.next_operand;
        let operand = self.config.operands[index].as_encoded_bytes();
        self.next_operand += 1;
        let Body::Operand(entry) = scan.body else {
            unreachable!("operand ids carry operand scans");
        };
        if let Some(refusal) = self.config.refusal(index) {
            // du checks these before fts sees the name.
            if let Child::Dir(id) = entry.child {
                self.discard(id);
            }
            let files0 = self
                .config
                .files0
                .as_ref()
                .map(|f| f.name.as_encoded_bytes());
            return report.refused(refusal, files0, index + 1);
        }
        self.root_path = fts_root_path(operand);
        self.path.clear();
        self.path
            .extend_from_slice(without_one_trailing_slash(&self.root_path));
        if self.is_excluded_here(&self.root_path) {
            if let Child::Dir(id) = entry.child {
                self.discard(id);
            }
            return Ok(());
        }
        let meta = match &entry.meta {
            Ok(m) => *m,
            Err(e) => return stat_error(report, &self.root_path, e),
        };
        self.root_dev = meta.dev;
        if !self.is_first_sight(meta.dev, meta.ino, meta.is_dir, meta.nlink) {
            if let Child::Dir(id) = entry.child {
                self.discard(id);
            }
            return Ok(());
        }
        let usage = Usage::of(&meta, self.config.apparent);
        match entry.child {
            Child::Dir(id) => self.stack.push(Frame::new(id, usage, 0, self.path.len())),
            Child::Leaf | Child::Cycle => {
                self.files += 1;
                self.first_sums();
                self.grand_total.add(&usage);
                self.emit(report, &usage, &self.root_path)?;
            }
        }
        Ok(())
    }

    /// Replays entry `index` of the top frame's listing; returns the frame to enter if it is a
    /// directory du descends into.
    fn replay_entry<W: Write, E: Write>(
        &mut self,
        listing: &Listing,
        index: usize,
        report: &mut Report<W, E>,
    ) -> io::Result<Option<Frame>> {
        let entry = &listing.entries[index];
        let (depth, path_len) = {
            let top = self.stack.last().expect("a frame is being replayed");
            (top.depth + 1, top.path_len)
        };
        self.path.truncate(path_len);
        self.path.push(b'/');
        self.path.extend_from_slice(listing.name(entry));

        if matches!(entry.meta, Err(StatError::Skipped)) || self.is_excluded_here(&self.path) {
            // An --exclude pattern matched: du looks no further, not even for errors.
            if let Child::Dir(id) = entry.child {
                self.discard(id);
            }
            return Ok(None);
        }
        if self.config.deref == Deref::Always && self.path.len() >= PATH_MAX {
            // du -L walks with FTS_LOGICAL, which stats each entry by its full path: from
            // PATH_MAX bytes on, that fails with ENAMETOOLONG and nothing below is counted.
            if let Child::Dir(id) = entry.child {
                self.discard(id);
            }
            let e = StatError::Failed(io::Error::from(rustix::io::Errno::NAMETOOLONG));
            stat_error(report, &self.path, &e)?;
            return Ok(None);
        }
        let meta = match &entry.meta {
            Ok(m) => *m,
            Err(e) => {
                stat_error(report, &self.path, e)?;
                return Ok(None);
            }
        };
        let excluded = self.config.one_file_system && meta.dev != self.root_dev;
        if excluded || !self.is_first_sight(meta.dev, meta.ino, meta.is_dir, meta.nlink) {
            if let Child::Dir(id) = entry.child {
                self.discard(id);
            }
            return Ok(None);
        }
        let usage = Usage::of(&meta, self.config.apparent);
        match entry.child {
            // fts reports a directory that is its own ancestor as FTS_DC: du counts nothing.
            Child::Cycle => Ok(None),
            Child::Dir(id) => Ok(Some(Frame::new(id, usage, depth, self.path.len()))),
            Child::Leaf => {
                self.files += 1;
                self.first_sums();
                self.grand_total.add(&usage);
                let top = self.stack.last_mut().expect("a frame is being replayed");
                top.ent.add(&usage);
                if self.config.all && depth <= self.config.max_depth {
                    self.emit(report, &usage, &self.path)?;
                }
                Ok(None)
            }
        }
    }

    /// All entries of the top directory are replayed: report it and fold it into its parent.
    fn finish_dir<W: Write, E: Write>(&mut self, report: &mut Report<W, E>) -> io::Result<()> {
        let frame = self.stack.pop().expect("a frame to finish");
        self.first_sums();
        self.path.truncate(frame.path_len);
        let path: &[u8] = if frame.depth == 0 {
            &self.root_path
        } else {
            &self.path
        };
        if let Some(e) = &frame.unreadable {
            report.cannot_read_dir(path, e)?;
        }
        let separate = self.config.separate_dirs;
        let mut printed = frame.own.plus(&frame.ent);
        if !separate {
            printed.add(&frame.sub);
        }
        if frame.depth <= self.config.max_depth {
            self.emit(report, &printed, path)?;
        }
        self.grand_total.add(&frame.own);
        self.dirs += 1;
        if let Some(parent) = self.stack.last_mut() {
            if !separate {
                parent.ent.add(&frame.own);
            }
            parent.sub.add(&frame.ent);
            parent.sub.add(&frame.sub);
        }
        Ok(())
    }

    /// Whether --exclude leaves out the entry at `path`, when the replay decides that (shared
    /// listings; otherwise the walk has marked excluded entries already).
    fn is_excluded_here(&self, path: &[u8]) -> bool {
        self.config.excludes_in_replay() && self.config.excludes.is_excluded(path)
    }

    /// Called as each entry reaches du's per-level sums. du allocates those sums (`dulvl`)
    /// with xcalloc when the first entry of the run gets there, so the sums of every directory
    /// then open start at time 0 rather than at "no time", and only later levels are reset
    /// with `duinfo_init`. That shows with times before 1970: such a directory prints
    /// 1970-01-01 when everything in it is older.
    fn first_sums(&mut self) {
        if !self.is_untouched {
            return;
        }
        self.is_untouched = false;
        for frame in &mut self.stack {
            frame.ent.time = frame.ent.time.max(Stamp::EPOCH);
            frame.sub.time = frame.sub.time.max(Stamp::EPOCH);
        }
    }

    /// du's hard-link rule: unless -l, a file with several links (or anything at all, when one
    /// object may be reached twice) counts only where it is first seen.
    fn is_first_sight(&mut self, dev: u64, ino: u64, is_dir: bool, nlink: u64) -> bool {
        if self.config.count_links || !(self.hash_all || (!is_dir && nlink > 1)) {
            return true;
        }
        self.seen.insert((dev, ino))
    }

    /// Drops the scan `id` and everything below it, now or when it arrives.
    fn discard(&mut self, id: DirId) {
        if self.config.shares_dirs() {
            // The id may name a directory du meets (or has met) at another path: its scan is
            // used there, or left pending, never dropped.
            return;
        }
        let mut work = vec![id];
        while let Some(id) = work.pop() {
            match self.pending.remove(&id) {
                Some(scan) => work.extend(scan.children()),
                None => {
                    self.discarded.insert(id);
                }
            }
        }
    }
}

impl Frame {
    fn new(id: DirId, own: Usage, depth: usize, path_len: usize) -> Frame {
        Frame {
            id,
            listing: None,
            unreadable: None,
            next: 0,
            own,
            ent: Usage::EMPTY,
            sub: Usage::EMPTY,
            depth,
            path_len,
        }
    }
}

/// Linux's limit on a path given to a system call, terminating NUL included.
const PATH_MAX: usize = 4096;

fn stat_error<W: Write, E: Write>(
    report: &mut Report<W, E>,
    path: &[u8],
    e: &StatError,
) -> io::Result<()> {
    match e {
        StatError::Failed(e) => report.cannot_access(path, Some(e)),
        StatError::Dangling => report.cannot_access(path, None),
        // Excluded or refused: nothing to say.
        StatError::Skipped => Ok(()),
    }
}

fn copy_error(e: &io::Error) -> io::Error {
    match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => io::Error::new(e.kind(), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gnu::size::SizeFormat;
    use crate::walk::scan::{Entry, Meta, Stamp};

    /// An object whose time is its inode number (seconds).
    fn meta(ino: u64, blocks: u64, is_dir: bool, nlink: u64) -> Meta {
        Meta {
            dev: 1,
            ino,
            nlink,
            blocks,
            size: (blocks * 512) as i64 - 100,
            is_dir,
            time: Stamp {
                sec: ino as i64,
                nsec: 0,
            },
        }
    }

    /// Builds a listing from (name, meta, child) triples.
    fn listing(entries: Vec<(&str, Meta, Child)>) -> Listing {
        let mut l = Listing::default();
        for (name, m, child) in entries {
            let start = l.names.len();
            l.names.extend_from_slice(name.as_bytes());
            l.entries.push(Entry {
                name: start..start + name.len(),
                meta: Ok(m),
                child,
            });
            l.names.push(0);
        }
        l
    }

    fn operand(id: DirId, m: Meta, child: Child) -> Scan {
        Scan {
            id,
            body: Body::Operand(Entry {
                name: 0..0,
                meta: Ok(m),
                child,
            }),
        }
    }

    fn run(config: &Config, scans: Vec<Scan>) -> (String, String) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        {
            let mut report = Report::new(config, &mut out, &mut err);
            let mut replay = Replay::new(config);
            for s in scans {
                replay.feed(s);
                replay.advance(&mut report).expect("writes to a Vec");
            }
            assert!(replay.is_complete(), "replay did not complete");
            replay.finish(&mut report).expect("writes to a Vec");
            report.flush().expect("writes to a Vec");
        }
        (
            String::from_utf8(out).expect("utf8"),
            String::from_utf8(err).expect("utf8"),
        )
    }

    fn config(operands: &[&str]) -> Config {
        let mut c = Config::new(operands.iter().map(|s| (*s).into()).collect());
        c.format = SizeFormat::blocks(512);
        c
    }

    /// d/ { f (2 blocks), s/ { g (4 blocks, 2 links) }, h (4 blocks, same inode as g) }
    fn tree() -> Vec<Scan> {
        vec![
            operand(0, meta(10, 8, true, 3), Child::Dir(1)),
            Scan {
                id: 2,
                body: Body::Listed(listing(vec![("g", meta(13, 4, false, 2), Child::Leaf)])),
            },
            Scan {
                id: 1,
                body: Body::Listed(listing(vec![
                    ("f", meta(11, 2, false, 1), Child::Leaf),
                    ("s", meta(12, 8, true, 2), Child::Dir(2)),
                    ("h", meta(13, 4, false, 2), Child::Leaf),
                ])),
            },
        ]
    }

    #[test]
    fn replays_in_du_order_whatever_the_arrival_order() {
        let c = config(&["d"]);
        let (out, err) = run(&c, tree());
        // s = 8 + 4; d = 8 + 2 + 12 (h is g's hard link, counted once, where first seen).
        assert_eq!(out, "12\td/s\n22\td\n");
        assert_eq!(err, "");
        let mut reversed = tree();
        reversed.reverse();
        assert_eq!(run(&c, reversed).0, out);
    }

    #[test]
    fn all_separate_dirs_count_links_and_total() {
        let mut c = config(&["d"]);
        c.all = true;
        assert_eq!(run(&c, tree()).0, "2\td/f\n4\td/s/g\n12\td/s\n22\td\n");
        c.count_links = true;
        assert_eq!(
            run(&c, tree()).0,
            "2\td/f\n4\td/s/g\n12\td/s\n4\td/h\n26\td\n"
        );
        c.count_links = false;
        c.all = false;
        c.separate_dirs = true;
        c.total = true;
        // -S: d counts itself, f and nothing of s; the total still counts everything.
        assert_eq!(run(&c, tree()).0, "12\td/s\n10\td\n22\ttotal\n");
    }

    #[test]
    fn max_depth_and_apparent_size() {
        let mut c = config(&["d"]);
        c.max_depth = 0;
        c.all = true;
        assert_eq!(run(&c, tree()).0, "22\td\n");
        c.max_depth = 1;
        c.apparent = true;
        c.format = SizeFormat::blocks(1);
        // Apparent sizes are blocks*512-100 here: f 924, s 3996 (+ g 1948), d 3996.
        assert_eq!(run(&c, tree()).0, "924\td/f\n5944\td/s\n10864\td\n");
    }

    #[test]
    fn a_second_operand_reaching_the_same_directory_counts_nothing() {
        let c = config(&["d", "d/"]);
        let mut scans = tree();
        scans.push(operand(1, meta(10, 8, true, 3), Child::Dir(3)));
        // The second operand's listing arrives and must be dropped with its subtree.
        scans.push(Scan {
            id: 3,
            body: Body::Listed(listing(vec![("s", meta(12, 8, true, 2), Child::Dir(4))])),
        });
        scans.push(Scan {
            id: 4,
            body: Body::Listed(listing(vec![])),
        });
        let (out, _) = run(&c, scans);
        assert_eq!(out, "12\td/s\n22\td\n");
    }

    #[test]
    fn errors_are_reported_and_the_rest_still_counted() {
        let c = config(&["d", "gone"]);
        let mut list = listing(vec![("ok", meta(21, 2, false, 1), Child::Leaf)]);
        list.names.extend_from_slice(b"bad\0");
        let start = list.names.len() - 4;
        list.entries.push(Entry {
            name: start..start + 3,
            meta: Err(StatError::Failed(io::Error::from_raw_os_error(13))),
            child: Child::Leaf,
        });
        list.entries.push(Entry {
            name: start..start + 3,
            meta: Ok(meta(22, 8, true, 2)),
            child: Child::Dir(3),
        });
        let scans = vec![
            operand(0, meta(20, 8, true, 3), Child::Dir(2)),
            Scan {
                id: 1,
                body: Body::Operand(Entry {
                    name: 0..0,
                    meta: Err(StatError::Failed(io::Error::from_raw_os_error(2))),
                    child: Child::Leaf,
                }),
            },
            Scan {
                id: 2,
                body: Body::Listed(list),
            },
            Scan {
                id: 3,
                body: Body::Unreadable(io::Error::from_raw_os_error(13)),
            },
        ];
        let (out, err) = run(&c, scans);
        assert_eq!(out, "8\td/bad\n18\td\n");
        assert_eq!(
            err,
            "dug: cannot access 'd/bad': Permission denied\n\
             dug: cannot read directory 'd/bad': Permission denied\n\
             dug: cannot access 'gone': No such file or directory\n"
        );
    }

    #[test]
    fn operand_paths_keep_fts_slashes() {
        let c = config(&["d//"]);
        let scans = vec![
            operand(0, meta(10, 8, true, 3), Child::Dir(1)),
            Scan {
                id: 1,
                body: Body::Listed(listing(vec![("s", meta(12, 8, true, 2), Child::Dir(2))])),
            },
            Scan {
                id: 2,
                body: Body::Listed(listing(vec![])),
            },
        ];
        assert_eq!(run(&c, scans).0, "8\td/s\n16\td/\n");
    }

    #[test]
    fn threshold_hides_records_but_not_the_total() {
        let mut c = config(&["d"]);
        c.all = true;
        c.total = true;
        c.threshold = 4 * 512;
        assert_eq!(run(&c, tree()).0, "4\td/s/g\n12\td/s\n22\td\n22\ttotal\n");
        c.threshold = -(4 * 512);
        assert_eq!(run(&c, tree()).0, "2\td/f\n4\td/s/g\n22\ttotal\n");
        c.threshold = i64::MIN;
        assert_eq!(run(&c, tree()).0.lines().count(), 5);
    }

    #[test]
    fn inodes_count_objects_once() {
        let mut c = config(&["d"]);
        c.inodes = true;
        c.format = SizeFormat::blocks(1);
        c.all = true;
        // h is g's second link: not counted again.
        assert_eq!(run(&c, tree()).0, "1\td/f\n1\td/s/g\n2\td/s\n4\td\n");
        c.separate_dirs = true;
        c.all = false;
        assert_eq!(run(&c, tree()).0, "2\td/s\n2\td\n");
    }

    #[test]
    fn a_directory_shows_the_newest_time_below_it() {
        let mut c = config(&["d"]);
        c.time_format = Some(b"%s".to_vec());
        c.format = SizeFormat::blocks(512);
        // Times are inode numbers: s holds g (13), d holds f (11), s (12) and g's link.
        assert_eq!(run(&c, tree()).0, "12\t13\td/s\n22\t13\td\n");
        c.separate_dirs = true;
        assert_eq!(run(&c, tree()).0, "12\t13\td/s\n10\t11\td\n");
    }

    #[test]
    fn skipped_entries_and_refused_operands() {
        let mut c = config(&["d", "", "x"]);
        c.all = true;
        let mut list = listing(vec![("kept", meta(21, 2, false, 1), Child::Leaf)]);
        list.names.extend_from_slice(b"gone\0");
        let start = list.names.len() - 5;
        list.entries.push(Entry {
            name: start..start + 4,
            meta: Err(StatError::Skipped),
            child: Child::Leaf,
        });
        let skipped = || Entry {
            name: 0..0,
            meta: Err(StatError::Skipped),
            child: Child::Leaf,
        };
        let scans = vec![
            operand(0, meta(20, 8, true, 3), Child::Dir(3)),
            Scan {
                id: 1,
                body: Body::Operand(skipped()),
            },
            Scan {
                id: 2,
                body: Body::Operand(skipped()),
            },
            Scan {
                id: 3,
                body: Body::Listed(list),
            },
        ];
        let (out, err) = run(&c, scans);
        assert_eq!(out, "2\td/kept\n10\td\n");
        assert_eq!(err, "dug: invalid zero-length file name\n");
    }

    #[test]
    fn sums_open_at_the_first_entry_start_at_the_epoch() {
        let mut c = config(&["d", "e"]);
        c.time_format = Some(b"%s".to_vec());
        let old = |ino: u64, is_dir: bool| Meta {
            time: Stamp {
                sec: -100 - ino as i64,
                nsec: 0,
            },
            ..meta(ino, 2, is_dir, 1)
        };
        let scans = vec![
            operand(0, old(1, true), Child::Dir(2)),
            operand(1, old(5, true), Child::Dir(3)),
            Scan {
                id: 2,
                body: Body::Listed(listing(vec![("f", old(2, false), Child::Leaf)])),
            },
            Scan {
                id: 3,
                body: Body::Listed(listing(vec![("g", old(6, false), Child::Leaf)])),
            },
        ];
        // d's sums were du's zeroed allocation: 0 beats -101 and -102. e's were reset.
        assert_eq!(run(&c, scans).0, "4\t0\td\n4\t-105\te\n");
    }
}
