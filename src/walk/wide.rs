//! A wide directory's entries stat'ed by several workers. The worker that read the directory
//! (its owner) cuts the entries, already in du's order, into chunks and publishes them on the
//! queue; idle workers, and workers started for it, take chunks one at a time and stat them
//! relative to the directory's one descriptor (fstatat on the shared fd, no path resolution),
//! while the owner does the same. When every chunk is done the owner puts the entries back
//! together in their order and goes on as for any directory: the replay still receives one
//! complete listing, so nothing after the stats can tell a wide directory from a small one.
//!
//! Over a file system that answers slowly (FUSE, NFS) this turns one request in flight into as
//! many as there are workers; on a warm cache it puts both cores on a directory of 200,000
//! entries. A stop (Ctrl-C, the aggregator gone) is seen between two entries: the chunks end
//! at once and the directory sends no scan at all, so stdout keeps only complete records.
//! Each chunk done is counted at once in the walk's `Ahead`, for -v's progress line, which
//! would otherwise stand still until the directory's scan comes.

use std::ops::Range;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use crate::walk::Walker;
use crate::walk::dir::Dirent;
use crate::walk::queue::Place;
use crate::walk::route::Ancestor;
use crate::walk::scan::Entry;
use crate::walk::task::Parent;

/// The fewest entries for which a directory is stat'ed by several workers. Below it, handing
/// out chunks costs more than it saves on a warm cache (see BENCHMARKS.md, issue 14), and a
/// directory of a few hundred entries over a slow file system is one of many in a tree.
pub(super) const WIDE_MIN: usize = 256;
/// The fewest entries in a chunk: a chunk is one lock and one wake-up.
const CHUNK_MIN: usize = 16;
/// The most entries in a chunk, so that the last chunks still spread over the workers.
const CHUNK_MAX: usize = 256;
/// Chunks per worker, so that a worker slowed down (preempted, a slow inode) is made up for.
const CHUNKS_PER_WORKER: usize = 4;
/// How long the owner sleeps, waiting for its helpers, before looking at the stop flags.
const WAIT_POLL: Duration = Duration::from_millis(5);
/// A stat slower than this on average is waiting on the file system (a cold disk, FUSE,
/// NFS), not on a CPU: then every worker -j allows helps, as many requests in flight as
/// there are workers. Faster, the directory is in the cache and helpers beyond one per core
/// only cost memory (each thread's malloc arena) and context switches. A warm stat takes
/// 1-2 us here, one over FUSE with 1 ms of latency a millisecond.
const SLOW_STAT: Duration = Duration::from_micros(50);

/// What every chunk reads: the directory, its entries' names and dirents, and what an entry's
/// stat needs to know of the directory. Taken back by the owner once every chunk is done.
struct Shared {
    fd: Arc<OwnedFd>,
    names: Vec<u8>,
    raw: Vec<Dirent>,
    path: Vec<u8>,
    dev: u64,
    root_dev: u64,
    ancestors: Option<Arc<Ancestor>>,
}

/// The chunks done so far: each one's entries, in its slot, until the owner moves them out.
struct Done {
    chunks: Vec<Option<Vec<Entry>>>,
    count: usize,
    /// The chunks the owner has moved into its listing, all before any other.
    merged: usize,
    /// A chunk ended early (the walk is stopping) or its worker unwound.
    broken: bool,
}

/// A wide directory whose entries are being stat'ed, as the queue hands it to helpers.
pub(super) struct Wide {
    /// The directory's place in du's order: helpers go where du is.
    pub(super) place: Place,
    shared: RwLock<Option<Shared>>,
    /// The next chunk to hand out.
    next: AtomicUsize,
    chunk: usize,
    total: usize,
    done: Mutex<Done>,
    all_done: Condvar,
}

/// What the owner gets back: the directory, the names and the entries in order.
pub(super) struct Stated {
    pub(super) fd: Arc<OwnedFd>,
    pub(super) names: Vec<u8>,
    pub(super) entries: Vec<Entry>,
}

impl Wide {
    /// How many chunks the entries are cut into.
    pub(super) fn chunks(&self) -> usize {
        self.total.div_ceil(self.chunk)
    }

    /// Whether every chunk has been handed out (helpers have nothing more to take).
    pub(super) fn is_handed_out(&self) -> bool {
        self.next.load(Ordering::Relaxed) >= self.chunks()
    }

    /// The chunks still to hand out.
    pub(super) fn left(&self) -> usize {
        self.chunks()
            .saturating_sub(self.next.load(Ordering::Relaxed))
    }

    fn entries_of(&self, chunk: usize) -> Range<usize> {
        chunk * self.chunk..((chunk + 1) * self.chunk).min(self.total)
    }

    fn lock_done(&self) -> MutexGuard<'_, Done> {
        // A chunk's result goes in with one assignment: a poisoned lock is still consistent.
        self.done.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Moves the chunks done, from the first not yet moved up to the first not done, to
    /// the end of `out`: the owner does this as it goes, so that the entries are not held
    /// twice (in the chunks and in the listing) for the whole directory.
    fn merge_ready(&self, out: &mut Vec<Entry>) {
        let ready: Vec<Vec<Entry>> = {
            let mut guard = self.lock_done();
            let done = &mut *guard;
            let mut ready = Vec::new();
            while let Some(slot) = done.chunks.get_mut(done.merged)
                && let Some(entries) = slot.take()
            {
                ready.push(entries);
                done.merged += 1;
            }
            ready
        };
        for mut entries in ready {
            out.append(&mut entries);
        }
    }

    fn finish(&self, chunk: usize, entries: Option<Vec<Entry>>) {
        let mut done = self.lock_done();
        match entries {
            Some(entries) => done.chunks[chunk] = Some(entries),
            None => done.broken = true,
        }
        done.count += 1;
        if done.count == self.chunks() {
            self.all_done.notify_all();
        }
    }
}

/// Marks a chunk done without entries if its worker unwinds, so the owner never waits for it.
struct ChunkGuard<'w> {
    wide: &'w Wide,
    chunk: Option<usize>,
}

impl Drop for ChunkGuard<'_> {
    fn drop(&mut self) {
        if let Some(chunk) = self.chunk.take() {
            self.wide.finish(chunk, None);
        }
    }
}

/// What only the owner of a wide directory does while it helps: moves the chunks done into
/// its listing, and starts workers (see `Walker::help_with`).
struct Owner<'o> {
    out: &'o mut Vec<Entry>,
    spawn: &'o dyn Fn(usize),
}

/// The chunk size for `entries` entries and `workers` workers.
fn chunk_size(entries: usize, workers: usize) -> usize {
    (entries / (workers.max(1) * CHUNKS_PER_WORKER)).clamp(CHUNK_MIN, CHUNK_MAX)
}

impl Walker<'_> {
    /// Whether a directory of `entries` entries is stat'ed by several workers.
    pub(super) fn goes_wide(&self, entries: usize) -> bool {
        entries >= WIDE_MIN && self.queue.may_help()
    }

    /// Stats the entries `raw` of the directory `fd` (names in `names`) with the help of other
    /// workers, starting up to as many as `spawn` can (it is given how many the queue allows).
    /// `None` when the walk stopped before every entry was stat'ed.
    pub(super) fn stat_wide(
        &self,
        fd: OwnedFd,
        names: Vec<u8>,
        raw: Vec<Dirent>,
        parent: &Parent<'_>,
        place: Place,
        spawn: &dyn Fn(usize),
    ) -> Option<(OwnedFd, Vec<u8>, Vec<Entry>)> {
        let wide = self.offer(Arc::new(fd), names, raw, parent, place, spawn, true);
        let stated = self.gather(&wide, spawn)?;
        let fd = Arc::into_inner(stated.fd)?;
        Some((fd, stated.names, stated.entries))
    }

    /// Offers the entries `raw` of the directory `fd` (names in `names`) to other workers in
    /// chunks, waking idle ones and, if `first` (the directory's first offer), starting one
    /// less than there are cores (`gather` starts the rest if the stats are slow).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn offer(
        &self,
        fd: Arc<OwnedFd>,
        names: Vec<u8>,
        raw: Vec<Dirent>,
        parent: &Parent<'_>,
        place: Place,
        spawn: &dyn Fn(usize),
        first: bool,
    ) -> Arc<Wide> {
        let total = raw.len();
        let chunk = chunk_size(total, self.queue.limit());
        let chunks = total.div_ceil(chunk);
        let wide = Arc::new(Wide {
            place,
            shared: RwLock::new(Some(Shared {
                fd,
                names,
                raw,
                path: parent.path.to_vec(),
                dev: parent.dev,
                root_dev: parent.root_dev,
                ancestors: parent.ancestors.cloned(),
            })),
            next: AtomicUsize::new(0),
            chunk,
            total,
            done: Mutex::new(Done {
                chunks: (0..chunks).map(|_| None).collect(),
                count: 0,
                merged: 0,
                broken: false,
            }),
            all_done: Condvar::new(),
        });
        let helpers = if first {
            std::thread::available_parallelism().map_or(1, |n| n.get()) - 1
        } else {
            0
        };
        let more = self.queue.publish(Arc::clone(&wide), helpers);
        if more > 0 {
            spawn(more);
        }
        wide
    }

    /// Stats what is left of an offer's chunks, waits for the helpers' and takes the entries
    /// back in order. `None` when the walk stopped before every entry was stat'ed.
    pub(super) fn gather(&self, wide: &Arc<Wide>, spawn: &dyn Fn(usize)) -> Option<Stated> {
        let mut entries = Vec::with_capacity(wide.total);
        self.help_with(
            wide,
            Some(Owner {
                out: &mut entries,
                spawn,
            }),
        );
        self.queue.retire(wide);
        self.wait_for_chunks(wide);
        wide.merge_ready(&mut entries);
        let shared = wide
            .shared
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .take()?;
        if wide.lock_done().broken || entries.len() != wide.total {
            return None;
        }
        Some(Stated {
            fd: shared.fd,
            names: shared.names,
            entries,
        })
    }

    /// Waits until every chunk of `wide` is done. Every chunk has been handed out (the owner
    /// helps until none is left) and each ends within one stat of a stop, so this ends.
    fn wait_for_chunks(&self, wide: &Wide) {
        let mut done = wide.lock_done();
        while done.count < wide.chunks() {
            done = match wide.all_done.wait_timeout(done, WAIT_POLL) {
                Ok((d, _)) => d,
                Err(p) => p.into_inner().0,
            };
        }
    }

    /// Takes chunks of `wide` and stats their entries until none is left to take.
    pub(super) fn help(&self, wide: &Wide) {
        self.help_with(wide, None);
    }

    /// `help`, and for the owner, moving the chunks done into its listing as it goes and,
    /// as soon as its first stats show they are slow, starting every worker -j allows.
    fn help_with(&self, wide: &Wide, mut owner: Option<Owner<'_>>) {
        // The owner times the stats of its first chunk, entry by entry (see `SLOW_STAT`).
        let mut watch = owner.is_some().then(Instant::now);
        let guard = wide.shared.read().unwrap_or_else(|p| p.into_inner());
        let Some(shared) = guard.as_ref() else {
            return;
        };
        let parent = Parent {
            path: &shared.path,
            dev: shared.dev,
            root_dev: shared.root_dev,
            ancestors: shared.ancestors.as_ref(),
        };
        loop {
            let chunk = wide.next.fetch_add(1, Ordering::Relaxed);
            if chunk >= wide.chunks() {
                return;
            }
            let mut mark = ChunkGuard {
                wide,
                chunk: Some(chunk),
            };
            let range = wide.entries_of(chunk);
            let range_len = range.len();
            let mut entries = Vec::with_capacity(range.len());
            let mut whole = true;
            for dirent in &shared.raw[range] {
                if self.is_stopped() {
                    whole = false;
                    break;
                }
                let fd = shared.fd.as_fd();
                entries.push(self.stat_entry(fd, &shared.names, dirent, &parent));
                if let Some(Owner { spawn, .. }) = owner.as_ref()
                    && let Some(since) = watch
                    && since.elapsed() > SLOW_STAT * entries.len() as u32
                {
                    watch = None;
                    let more = self.queue.widen(wide);
                    if more > 0 {
                        spawn(more);
                    }
                }
            }
            if entries.len() == range_len {
                // Only the owner's first chunk is watched.
                watch = None;
            }
            mark.chunk = None;
            if whole {
                // Before the directory's scan can be sent: see `Ahead`.
                self.ahead.add(&entries, self.config.apparent);
            }
            wide.finish(chunk, whole.then_some(entries));
            if let Some(Owner { out, .. }) = owner.as_mut() {
                wide.merge_ready(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_spread_over_the_workers_within_bounds() {
        assert_eq!(chunk_size(2_000, 20), 25);
        assert_eq!(chunk_size(256, 20), CHUNK_MIN);
        assert_eq!(chunk_size(200_000, 20), CHUNK_MAX);
        assert_eq!(chunk_size(1_000, 0), 250);
    }
}
