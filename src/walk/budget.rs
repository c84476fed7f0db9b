//! The walk's file-descriptor budget: from RLIMIT_NOFILE and the descriptors already open, how
//! many workers may read at once and how many directories may stay open for queued work.
//!
//! Each worker holds at most two descriptors of its own (the directory it reads, and one more
//! while it reopens a directory one component at a time). Everything else the walk holds is a
//! *pin*: a directory kept open so that its queued subdirectories can be opened relative to it.
//! Pins are taken with `try_pin`, which never waits: when none is left, the directory is closed
//! and its subdirectories are reopened by name from the nearest pinned ancestor (or the
//! operand). So no task ever waits for a descriptor that queued work holds, and the walk cannot
//! deadlock on the budget, however small.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Descriptors a worker may hold at once: the directory being read, and the one above it
/// while a path is reopened component by component.
const PER_WORKER: usize = 2;
/// Descriptors left for others after the walk's share: the C library's time zone file
/// (`--time`), and whatever a library opens behind our back.
const SPARE: usize = 4;
/// Pins the walk keeps at most, however high the limit: 20 workers on a 950,000-file tree
/// never hold more than about 80 descriptors, and a reopen from a pinned ancestor a few levels
/// up costs a few `openat` calls, so more pins would buy nothing.
const MAX_PINS: usize = 1024;
/// Pins kept back when the limit forces fewer workers: with none, every directory would be
/// reopened from the operand, which is quadratic in the depth.
const MIN_PINS: usize = 4;
/// Assumed to be open already when `/proc/self/fd` cannot be read.
const FALLBACK_OPEN: usize = 16;

/// How the descriptors the process may still open are shared out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Worker threads to start (at least 1, at most the number asked for).
    pub(crate) workers: usize,
    /// Directories that may stay open for queued subdirectories.
    pub(crate) pins: usize,
}

impl Plan {
    /// Shares out `limit` descriptors (the soft RLIMIT_NOFILE; `None` for unlimited) of which
    /// `open` are in use, between up to `threads` workers and the pins.
    pub(crate) fn new(threads: usize, limit: Option<u64>, open: usize) -> Plan {
        let threads = threads.max(1);
        let free = limit.map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
        let free = free.saturating_sub(open).saturating_sub(SPARE);
        let fitting = free.saturating_sub(MIN_PINS) / PER_WORKER;
        let workers = threads.min(fitting).max(1);
        let pins = free.saturating_sub(workers * PER_WORKER).min(MAX_PINS);
        Plan { workers, pins }
    }

    /// The plan for this process: its soft RLIMIT_NOFILE and the descriptors open now.
    pub(crate) fn for_process(threads: usize) -> Plan {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        Plan::new(threads, limit, open_descriptors())
    }

    /// The most descriptors the walk holds at once under this plan.
    #[cfg(test)]
    pub(crate) fn bound(&self) -> usize {
        self.workers * PER_WORKER + self.pins
    }
}

/// Counts this process's open descriptors in `/proc/self/fd` (less the one used to read it).
fn open_descriptors() -> usize {
    use rustix::fs::{CWD, Mode, OFlags, RawDir};
    use std::mem::MaybeUninit;
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let Ok(dir) = rustix::fs::openat(CWD, "/proc/self/fd", flags, Mode::empty()) else {
        return FALLBACK_OPEN;
    };
    let mut buf = [MaybeUninit::<u8>::uninit(); 4096];
    let mut entries = RawDir::new(&dir, &mut buf);
    let mut count = 0usize;
    while let Some(entry) = entries.next() {
        match entry {
            Ok(e) if e.file_name().to_bytes().first() != Some(&b'.') => count += 1,
            Ok(_) => {}
            Err(_) => return FALLBACK_OPEN,
        }
    }
    count.saturating_sub(1)
}

/// The pins still free, shared by the walk's tasks.
#[derive(Clone, Debug)]
pub(crate) struct Pins {
    free: Arc<AtomicUsize>,
}

/// One pin taken; it goes back when dropped.
#[derive(Debug)]
pub(crate) struct Pin {
    free: Arc<AtomicUsize>,
}

impl Pins {
    /// `count` pins, none taken.
    pub(crate) fn new(count: usize) -> Pins {
        Pins {
            free: Arc::new(AtomicUsize::new(count)),
        }
    }

    /// Takes a pin if one is free; never waits.
    pub(crate) fn try_pin(&self) -> Option<Pin> {
        self.free
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .ok()
            .map(|_| Pin {
                free: Arc::clone(&self.free),
            })
    }

    /// Pins not taken right now.
    #[cfg(test)]
    pub(crate) fn available(&self) -> usize {
        self.free.load(Ordering::Acquire)
    }
}

impl Drop for Pin {
    fn drop(&mut self) {
        self.free.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generous_limit_keeps_every_worker_and_caps_the_pins() {
        let plan = Plan::new(20, Some(20_000), 5);
        assert_eq!(
            plan,
            Plan {
                workers: 20,
                pins: MAX_PINS
            }
        );
        assert_eq!(Plan::new(64, None, 5).workers, 64);
        assert_eq!(Plan::new(0, None, 5).workers, 1);
    }

    #[test]
    fn a_tight_limit_trades_workers_for_pins() {
        // ulimit -n 32 with stdio and two more open: 32 - 5 - 4 spare = 23 free.
        let plan = Plan::new(20, Some(32), 5);
        assert_eq!(
            plan,
            Plan {
                workers: 9,
                pins: 5
            }
        );
        assert_eq!(plan.bound() + 5 + SPARE, 32);
        assert!(plan.pins >= MIN_PINS);
    }

    #[test]
    fn no_limit_is_too_small_for_one_worker() {
        for limit in 0..40u64 {
            let plan = Plan::new(20, Some(limit), 5);
            let free = (limit as usize).saturating_sub(5 + SPARE);
            assert!(plan.workers >= 1, "limit {limit}");
            // Past one worker's two descriptors, the walk keeps within what is free.
            assert!(
                plan.bound() <= free.max(PER_WORKER),
                "limit {limit}: {plan:?}"
            );
            // A second worker only when the pins keep their minimum.
            if plan.workers > 1 {
                assert!(plan.pins >= MIN_PINS, "limit {limit}: {plan:?}");
            }
        }
        assert_eq!(Plan::new(20, Some(16), 5).workers, 1);
        assert_eq!(
            Plan::new(20, Some(17), 5),
            Plan {
                workers: 2,
                pins: 4
            }
        );
    }

    #[test]
    fn pins_go_back_when_dropped_and_never_go_below_zero() {
        let pins = Pins::new(2);
        let a = pins.try_pin().expect("first pin");
        let b = pins.try_pin().expect("second pin");
        assert!(pins.try_pin().is_none());
        drop(a);
        assert_eq!(pins.available(), 1);
        let c = pins.try_pin().expect("a pin given back");
        drop((b, c));
        assert_eq!(pins.available(), 2);
        assert!(Pins::new(0).try_pin().is_none());
    }

    #[test]
    fn this_process_has_its_standard_streams_open() {
        assert!(open_descriptors() >= 3);
    }
}
