//! du's order rebuilt: the scans wait here until their turn in fts's sequential traversal
//! (depth first, a directory after its contents, siblings in listing order), and each entry is
//! then replayed as du would meet it: excluded, refused, an error to report, a hard link
//! already counted (`links`), or counted into the sums (`rollup`) and printed. With
//! --ncdu-export, each entry also goes to the export as du met it, the tree's shape with it.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use crate::config::{Config, Deref};
use crate::gnu::path::{fts_root_path, without_one_trailing_slash};
use crate::replay::ancestors::Ancestors;
use crate::replay::links::HardLinks;
use crate::replay::rollup::Rollup;
use crate::replay::usage::Usage;
use crate::report::Report;
use crate::report::ncdu::{Excluded, Item};
use crate::report::progress::Tally;
use crate::walk::mounts::local_mount_points;
use crate::walk::scan::{Body, Child, DirId, Entry, Listing, Meta, Scan, StatError};
use crate::walk::symlinks::MAX_SYMLINKS;

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
    /// Levels below the operand (0 for the operand).
    depth: usize,
    /// Length of its path in the path buffer (without a trailing slash).
    path_len: usize,
}

/// Replays du's sequential traversal over scans that arrive in any order. With `EXPORTS`
/// (--ncdu-export), every entry also goes to the export; without, the export's calls are not
/// compiled in at all.
pub(crate) struct Replay<'c, const EXPORTS: bool> {
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
    /// The current operand's stat, for the export.
    root_meta: Option<Meta>,
    next_operand: usize,
    /// What fts knows of the directories in `stack`, in step with it.
    ancestors: Ancestors,
    /// The local mount points, read when the first directory cycle is found (as du reads them).
    mount_points: Option<HashSet<(u64, u64)>>,
}

impl<'c, const EXPORTS: bool> Replay<'c, EXPORTS> {
    /// A replay of `config.operands`, nothing received yet.
    pub(crate) fn new(config: &'c Config) -> Replay<'c, EXPORTS> {
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
            root_meta: None,
            next_operand: 0,
            ancestors: Ancestors::new(),
            mount_points: None,
        }
    }

    /// A replay that takes `points` as the system's mount points, for tests of directory cycles.
    #[cfg(test)]
    pub(crate) fn with_mount_points(mut self, points: HashSet<(u64, u64)>) -> Replay<'c, EXPORTS> {
        self.mount_points = Some(points);
        self
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
                    Body::Listed(mut listing) => {
                        top.unreadable = listing.error.as_ref().map(copy_error);
                        self.ancestors
                            .opened(listing.above.take().map(|probe| *probe));
                        top.listing = Some(listing);
                    }
                    Body::Unreadable(e) => {
                        top.unreadable = Some(e);
                        top.listing = Some(Listing::default());
                    }
                    Body::Operand(_) => unreachable!("operand scans have operand ids"),
                }
                if EXPORTS {
                    self.export_dir(report)?;
                    continue;
                }
            }
            let listing = top.listing.take().expect("attached above");
            self.replay_entries(listing, report)?;
        }
    }

    /// Replays the top frame's `listing` (taken out of it) from its next entry on, until it
    /// descends into a subdirectory or finishes it. The listing moves out of its frame and back
    /// once for each run of entries, not once for each entry.
    fn replay_entries<W: Write, E: Write>(
        &mut self,
        listing: Listing,
        report: &mut Report<W, E>,
    ) -> io::Result<()> {
        loop {
            let top = self.stack.last_mut().expect("the frame being replayed");
            if top.next >= listing.entries.len() {
                return self.finish_dir(report);
            }
            let index = top.next;
            top.next += 1;
            let child = self.replay_entry(&listing, index, report);
            if let Ok(None) = child {
                continue;
            }
            self.stack
                .last_mut()
                .expect("the frame being replayed")
                .listing = Some(listing);
            if let Some(frame) = child? {
                self.enter(frame);
            }
            return Ok(());
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
            Child::Dir(id) => {
                self.ancestors.enter(meta.dev, meta.ino, entry.symlinks);
                self.root_meta = Some(meta);
                self.enter(Frame::new(id, usage, 0, self.path.len()));
            }
            Child::Leaf | Child::Cycle => {
                if EXPORTS {
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
        self.path.extend_from_slice(listing.name(entry));

        if matches!(entry.meta, Err(StatError::Skipped)) || self.is_excluded_here(&self.path) {
            // An --exclude pattern matched: du looks no further, not even for errors.
            self.discard_child(entry.child);
            if EXPORTS {
                export_entry(report, listing, entry, Met::Pattern)?;
            }
            return Ok(None);
        }
        // du -L walks with FTS_LOGICAL, which stats each entry by its full path: from
        // PATH_MAX bytes on, that fails with ENAMETOOLONG, and past 40 symlinks on the way with
        // ELOOP; nothing below is counted.
        let mut symlinks = 0;
        if self.config.deref == Deref::Always {
            symlinks = self.ancestors.symlinks().saturating_add(entry.symlinks);
            let errno = if self.path.len() >= PATH_MAX {
                Some(rustix::io::Errno::NAMETOOLONG)
            } else if symlinks > MAX_SYMLINKS {
                Some(rustix::io::Errno::LOOP)
            } else {
                None
            };
            if let Some(errno) = errno {
                self.discard_child(entry.child);
                if EXPORTS {
                    export_entry(report, listing, entry, Met::Unreadable)?;
                }
                let e = StatError::Failed(io::Error::from(errno));
                stat_error(report, &self.path, &e)?;
                return Ok(None);
            }
        }
        let meta = match &entry.meta {
            Ok(m) => *m,
            Err(e) => {
                if EXPORTS {
                    export_entry(report, listing, entry, Met::Unreadable)?;
                }
                stat_error(report, &self.path, e)?;
                return Ok(None);
            }
        };
        let excluded = self.config.one_file_system && meta.dev != self.root_dev;
        if excluded || !self.links.is_first_sight(&meta) {
            self.discard_child(entry.child);
            if EXPORTS {
                let met = if excluded {
                    Met::OtherFs
                } else {
                    Met::Uncounted
                };
                export_entry(report, listing, entry, met)?;
            }
            return Ok(None);
        }
        let usage = Usage::of(&meta, self.config.apparent);
        match entry.child {
            // fts reports a directory that is its own ancestor as FTS_DC: du counts nothing.
            Child::Cycle => {
                if EXPORTS {
                    export_entry(report, listing, entry, Met::Uncounted)?;
                }
                Ok(None)
            }
            Child::Dir(id) => {
                if self.checks_cycles()
                    && let Some(ancestor) = self.ancestors.find(meta.dev, meta.ino)
                {
                    self.discard(id);
                    if EXPORTS {
                        export_entry(report, listing, entry, Met::Uncounted)?;
                    }
                    return self.cycle(ancestor, &meta, report).map(|()| None);
                }
                // The caller enters the frame at once; `ancestors` keeps in step with it.
                self.ancestors.enter(meta.dev, meta.ino, symlinks);
                Ok(Some(Frame::new(id, usage, depth, self.path.len())))
            }
            Child::Leaf => {
                if EXPORTS {
                    export_entry(report, listing, entry, Met::Counted)?;
                }
                self.sums.add_file(&usage);
                if self.config.all && depth <= self.config.max_depth {
                    self.emit(report, &usage, &self.path)?;
                }
                Ok(None)
            }
        }
    }

    /// Whether du looks for directories that are their own ancestors among those it enters
    /// (fts's FTS_TIGHT_CYCLE_CHECK; with -L a cycle is an entry the walk marked, and where du
    /// hashes every directory it has met, one met again is simply not entered).
    fn checks_cycles(&self) -> bool {
        self.config.deref != Deref::Always
            && (!self.config.is_hash_all() || self.config.count_links)
    }

    /// The entry at `self.path`, stat'ed as `meta`, is the open directory at depth `ancestor`
    /// again (fts's FTS_DC): du counts nothing, and says nothing if a mount point is in the
    /// cycle (a bind mount), else warns and fails (du's mount_point_in_fts_cycle).
    fn cycle<W: Write, E: Write>(
        &mut self,
        ancestor: usize,
        meta: &Meta,
        report: &mut Report<W, E>,
    ) -> io::Result<()> {
        let points = self.mount_points.get_or_insert_with(local_mount_points);
        let mut cycle = std::iter::once((meta.dev, meta.ino)).chain(self.ancestors.below(ancestor));
        if cycle.any(|dir| points.contains(&dir)) {
            return Ok(());
        }
        report.circular_directory(&self.path)
    }

    /// Pushes the directory the replay descends into (already in `ancestors`); its sums open
    /// with it.
    fn enter(&mut self, frame: Frame) {
        self.stack.push(frame);
        self.sums.open();
    }

    /// All entries of the top directory are replayed: report it and fold it into its parent.
    fn finish_dir<W: Write, E: Write>(&mut self, report: &mut Report<W, E>) -> io::Result<()> {
        let frame = self.stack.pop().expect("a frame to finish");
        self.path.truncate(frame.path_len);
        if let Err(e) = self.ancestors.leave() {
            // fts went back up by `..` and did not find the parent it left: fts_read fails,
            // and du gives up the rest of the operand.
            report.fts_read_failed(&self.path, &e)?;
            self.abandon_operand();
            return Ok(());
        }
        let printed = self.sums.close(&frame.own, self.config.separate_dirs);
        let path: &[u8] = if frame.depth == 0 {
            &self.root_path
        } else {
            &self.path
        };
        if let Some(e) = &frame.unreadable {
            report.cannot_read_dir(path, e)?;
        }
        if EXPORTS {
            report.export_close_dir()?;
        }
        if frame.depth <= self.config.max_depth {
            self.emit(report, &printed, path)?;
        }
        Ok(())
    }

    /// The top frame's listing has arrived: the export opens the directory, its own stat (from
    /// its entry in the parent's listing, or the operand's) and whether it could be read first,
    /// as ncdu's format has them.
    fn export_dir<W: Write, E: Write>(&self, report: &mut Report<W, E>) -> io::Result<()> {
        let n = self.stack.len();
        let top = &self.stack[n - 1];
        let read_error = top.unreadable.is_some();
        if n == 1 {
            let meta = self
                .root_meta
                .as_ref()
                .expect("set as the operand is entered");
            let item = Item::Dir { meta, read_error };
            return report.export(b"", item);
        }
        let parent = &self.stack[n - 2];
        let listing = parent.listing.as_ref().expect("put back before entering");
        let entry = &listing.entries[parent.next - 1];
        let meta = entry
            .meta
            .as_ref()
            .expect("a directory entered has its stat");
        report.export(listing.name(entry), Item::Dir { meta, read_error })
    }

    /// An operand that is not a directory to enter goes to the export, if there is one.
    fn export_leaf<W: Write, E: Write>(
        &self,
        report: &mut Report<W, E>,
        name: &[u8],
        item: Item<'_>,
    ) -> io::Result<()> {
        if EXPORTS {
            report.export(name, item)?;
        }
        Ok(())
    }

    /// Whether --exclude leaves out the entry at `path`, when the replay decides that (shared
    /// listings; otherwise the walk has marked excluded entries already).
    fn is_excluded_here(&self, path: &[u8]) -> bool {
        self.config.excludes_in_replay() && self.config.excludes.is_excluded(path)
    }

    /// fts_read failed: nothing more of this operand is replayed or printed (what was counted
    /// stays in the grand total), and the scans still to come for it go.
    fn abandon_operand(&mut self) {
        while let Some(frame) = self.stack.pop() {
            match &frame.listing {
                Some(listing) => {
                    let rest: Vec<Child> = listing.entries[frame.next..]
                        .iter()
                        .map(|e| e.child)
                        .collect();
                    rest.into_iter().for_each(|child| self.discard_child(child));
                }
                None => self.discard(frame.id),
            }
        }
        self.ancestors.clear();
        self.sums.abandon();
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

/// What the replay made of an entry it does not descend into, for the export.
#[derive(Clone, Copy)]
enum Met {
    /// Counted where it stands (or another name of a hard-linked file).
    Counted,
    /// Counted at another path, or a directory that is its own ancestor.
    Uncounted,
    /// Left out by --exclude.
    Pattern,
    /// Left out by -x.
    OtherFs,
    /// Its stat failed.
    Unreadable,
}

/// Entry `entry` of `listing` goes to the export as `met` says. Out of line and cold, so that
/// a run without an export pays one predictable branch per entry and keeps its registers.
#[cold]
#[inline(never)]
fn export_entry<W: Write, E: Write>(
    report: &mut Report<W, E>,
    listing: &Listing,
    entry: &Entry,
    met: Met,
) -> io::Result<()> {
    let meta = entry.meta.as_ref().ok();
    let item = match (met, meta) {
        (Met::Counted, Some(meta)) => Item::File(meta),
        (Met::Uncounted, Some(meta)) => Item::Uncounted(meta),
        (Met::Pattern, _) => Item::Excluded(Excluded::Pattern),
        (Met::OtherFs, _) => Item::Excluded(Excluded::OtherFs),
        (Met::Unreadable, _) | (Met::Counted | Met::Uncounted, None) => Item::Unreadable,
    };
    report.export(listing.name(entry), item)
}

impl Frame {
    fn new(id: DirId, own: Usage, depth: usize, path_len: usize) -> Frame {
        Frame {
            id,
            listing: None,
            unreadable: None,
            next: 0,
            own,
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
