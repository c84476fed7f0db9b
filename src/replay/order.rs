//! du's order rebuilt: the scans wait here until their turn in fts's sequential traversal
//! (depth first, a directory after its contents, siblings in listing order), and each entry is
//! then replayed as du would meet it: excluded, refused, an error to report, a hard link
//! already counted (`links`), or counted into the sums (`rollup`) and printed. With
//! --ncdu-export, each entry also goes to the export as du met it, the tree's shape with it.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use crate::config::{Config, Deref};
use crate::gnu::path::{fts_root_path, without_one_trailing_slash};
use crate::replay::links::HardLinks;
use crate::replay::rollup::Rollup;
use crate::replay::usage::Usage;
use crate::report::Report;
use crate::report::ncdu::{Excluded, Item};
use crate::report::progress::Tally;
use crate::walk::scan::{Body, Child, DirId, Listing, Meta, Scan, StatError};

/// A directory being replayed: its listing and where the replay is in it.
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
    /// Its stat, for the export.
    meta: Meta,
    /// Levels below the operand (0 for the operand).
    depth: usize,
    /// Length of its path in the path buffer (without a trailing slash).
    path_len: usize,
}

/// Replays du's sequential traversal over scans that arrive in any order.
pub(crate) struct Replay<'c> {
    config: &'c Config,
    /// Scans received but not yet replayed.
    pending: HashMap<DirId, Scan>,
    /// Scans of subtrees du would skip, to drop on arrival.
    discarded: HashSet<DirId>,
    links: HardLinks,
    /// The directories being replayed, the operand first; `sums` holds their sums.
    stack: Vec<Frame>,
    sums: Rollup,
    /// The current directory's path, as fts builds it.
    path: Vec<u8>,
    /// The current operand's path as fts_open keeps it (trailing slashes trimmed to one).
    root_path: Vec<u8>,
    root_dev: u64,
    next_operand: usize,
    /// --ncdu-export: every entry goes to the export too (one predictable branch otherwise).
    exports: bool,
}

impl<'c> Replay<'c> {
    /// A replay of `config.operands`, nothing received yet.
    pub(crate) fn new(config: &'c Config) -> Replay<'c> {
        Replay {
            config,
            pending: HashMap::new(),
            discarded: HashSet::new(),
            links: HardLinks::new(config),
            stack: Vec::new(),
            sums: Rollup::new(),
            path: Vec::new(),
            root_path: Vec::new(),
            root_dev: 0,
            next_operand: 0,
            exports: config.ncdu_export.is_some(),
        }
    }

    /// Takes a scan in; it is replayed when its turn comes (or dropped if du would skip it).
    pub(crate) fn feed(&mut self, scan: Scan) {
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
    pub(crate) fn tally(&self) -> Tally {
        self.sums.tally()
    }

    /// True when every operand has been replayed.
    pub(crate) fn is_complete(&self) -> bool {
        self.stack.is_empty() && self.next_operand == self.config.operands.len()
    }

    /// Reports an error that cut --files0-from short, then writes the grand total for -c
    /// (which no threshold hides).
    pub(crate) fn finish<W: Write, E: Write>(
        &mut self,
        report: &mut Report<W, E>,
    ) -> io::Result<()> {
        if let Some(files0) = &self.config.files0
            && let Some(e) = &files0.read_error
        {
            report.files0_read_error(files0.name.as_encoded_bytes(), e)?;
        }
        if self.config.total {
            report.total(self.sums.grand_total())?;
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
    pub(crate) fn advance<W: Write, E: Write>(
        &mut self,
        report: &mut Report<W, E>,
    ) -> io::Result<()> {
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
                if self.exports {
                    self.export_dir(report)?;
                    continue;
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
                    self.enter(frame);
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
            self.discard_child(entry.child);
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
            self.discard_child(entry.child);
            return self.export_leaf(report, operand, Item::Excluded(Excluded::Pattern));
        }
        let meta = match &entry.meta {
            Ok(m) => *m,
            Err(e) => {
                self.export_leaf(report, operand, Item::Unreadable)?;
                return stat_error(report, &self.root_path, e);
            }
        };
        self.root_dev = meta.dev;
        if !self.links.is_first_sight(&meta) {
            self.discard_child(entry.child);
            return self.export_leaf(report, operand, Item::Uncounted(&meta));
        }
        let usage = Usage::of(&meta, self.config.apparent);
        match entry.child {
            Child::Dir(id) => self.enter(Frame::new(id, usage, meta, 0, self.path.len())),
            Child::Leaf | Child::Cycle => {
                if self.exports {
                    report.export(operand, Item::File(&meta))?;
                }
                self.sums.add_file(&usage);
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
        let name = listing.name(entry);
        self.path.extend_from_slice(name);

        if matches!(entry.meta, Err(StatError::Skipped)) || self.is_excluded_here(&self.path) {
            // An --exclude pattern matched: du looks no further, not even for errors.
            self.discard_child(entry.child);
            self.export_leaf(report, name, Item::Excluded(Excluded::Pattern))?;
            return Ok(None);
        }
        if self.config.deref == Deref::Always && self.path.len() >= PATH_MAX {
            // du -L walks with FTS_LOGICAL, which stats each entry by its full path: from
            // PATH_MAX bytes on, that fails with ENAMETOOLONG and nothing below is counted.
            self.discard_child(entry.child);
            self.export_leaf(report, name, Item::Unreadable)?;
            let e = StatError::Failed(io::Error::from(rustix::io::Errno::NAMETOOLONG));
            stat_error(report, &self.path, &e)?;
            return Ok(None);
        }
        let meta = match &entry.meta {
            Ok(m) => *m,
            Err(e) => {
                self.export_leaf(report, name, Item::Unreadable)?;
                stat_error(report, &self.path, e)?;
                return Ok(None);
            }
        };
        if self.config.one_file_system && meta.dev != self.root_dev {
            self.discard_child(entry.child);
            self.export_leaf(report, name, Item::Excluded(Excluded::OtherFs))?;
            return Ok(None);
        }
        if !self.links.is_first_sight(&meta) {
            self.discard_child(entry.child);
            self.export_leaf(report, name, Item::Uncounted(&meta))?;
            return Ok(None);
        }
        let usage = Usage::of(&meta, self.config.apparent);
        match entry.child {
            // fts reports a directory that is its own ancestor as FTS_DC: du counts nothing.
            Child::Cycle => {
                self.export_leaf(report, name, Item::Uncounted(&meta))?;
                Ok(None)
            }
            Child::Dir(id) => Ok(Some(Frame::new(id, usage, meta, depth, self.path.len()))),
            Child::Leaf => {
                self.export_leaf(report, name, Item::File(&meta))?;
                self.sums.add_file(&usage);
                if self.config.all && depth <= self.config.max_depth {
                    self.emit(report, &usage, &self.path)?;
                }
                Ok(None)
            }
        }
    }

    /// Pushes the directory the replay descends into; its sums open with it.
    fn enter(&mut self, frame: Frame) {
        self.stack.push(frame);
        self.sums.open();
    }

    /// All entries of the top directory are replayed: report it and fold it into its parent.
    fn finish_dir<W: Write, E: Write>(&mut self, report: &mut Report<W, E>) -> io::Result<()> {
        let frame = self.stack.pop().expect("a frame to finish");
        let printed = self.sums.close(&frame.own, self.config.separate_dirs);
        self.path.truncate(frame.path_len);
        let path: &[u8] = if frame.depth == 0 {
            &self.root_path
        } else {
            &self.path
        };
        if let Some(e) = &frame.unreadable {
            report.cannot_read_dir(path, e)?;
        }
        if self.exports {
            report.export_close_dir()?;
        }
        if frame.depth <= self.config.max_depth {
            self.emit(report, &printed, path)?;
        }
        Ok(())
    }

    /// The top frame's listing has arrived: the export opens the directory, its own stat and
    /// whether it could be read first, as ncdu's format has them.
    fn export_dir<W: Write, E: Write>(&self, report: &mut Report<W, E>) -> io::Result<()> {
        let top = self.stack.last().expect("a frame is being replayed");
        let start = match self.stack.len() {
            1 => top.path_len,
            n => self.stack[n - 2].path_len + 1,
        };
        let item = Item::Dir {
            meta: &top.meta,
            read_error: top.unreadable.is_some(),
        };
        report.export(&self.path[start..top.path_len], item)
    }

    /// An entry the replay does not descend into goes to the export, if there is one.
    #[inline]
    fn export_leaf<W: Write, E: Write>(
        &self,
        report: &mut Report<W, E>,
        name: &[u8],
        item: Item<'_>,
    ) -> io::Result<()> {
        if self.exports {
            report.export(name, item)?;
        }
        Ok(())
    }

    /// Whether --exclude leaves out the entry at `path`, when the replay decides that (shared
    /// listings; otherwise the walk has marked excluded entries already).
    fn is_excluded_here(&self, path: &[u8]) -> bool {
        self.config.excludes_in_replay() && self.config.excludes.is_excluded(path)
    }

    /// du does not descend into an entry it skips: if the walk did, its scans go.
    fn discard_child(&mut self, child: Child) {
        if let Child::Dir(id) = child {
            self.discard(id);
        }
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
    fn new(id: DirId, own: Usage, meta: Meta, depth: usize, path_len: usize) -> Frame {
        Frame {
            id,
            listing: None,
            unreadable: None,
            next: 0,
            own,
            meta,
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
