//! The walk stage: from the operands to one `Scan` per operand and per directory on the
//! channel, in whatever order the workers finish. It owns every system call on the tree being
//! measured; it hands the replay complete listings (each directory's entries in du's order,
//! every one stat'ed or with the error that stopped its stat) and never totals, dedupes hard
//! links or prints anything.
//!
//! N scoped workers share one task queue, earliest in du's order first; one task is one
//! operand or one directory, opened relative to its parent's descriptor (or, past the
//! descriptor budget, by name from its nearest open ancestor).
//!
//! - `workers`: the starting thread, the worker threads, the inline walk, the panic guard;
//! - `queue`: the scheduler (places in du's order, the reorder window);
//! - `task`: running one task (an operand's stat, a directory's listing, its subdirectories);
//! - `route`: how a task reaches its directory (fd routes, -L ancestor chains);
//! - `dir`: the system calls (open, read in fts order, stat);
//! - `budget`: the descriptor budget; `scan`: the messages sent to the replay;
//! - `symlinks`: the links the kernel follows to resolve a name (-L's limit of 40);
//! - `wide`: a wide directory's entries stat'ed by several workers, in chunks;
//! - `mounts`: the local mount points, stat'ed, for the replay's directory cycles;
//! - `probe`: a deep directory's look back up, for fts's check of `..` (a directory moved).

pub(crate) mod budget;
mod dir;
pub(crate) mod mounts;
pub(crate) mod probe;
mod queue;
mod route;
pub mod scan;
mod stream;
pub(crate) mod symlinks;
mod task;
mod wide;
mod workers;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use crate::config::{Config, Deref};
use crate::walk::budget::{Pins, Plan};
use crate::walk::queue::Queue;
use crate::walk::scan::{Ahead, DirId};
use crate::walk::task::{Claimed, Task};

pub(crate) use crate::walk::workers::Start;

/// The walk: hands out ids, runs the workers, sends one `Scan` per task.
pub(crate) struct Walker<'a> {
    config: &'a Config,
    queue: Queue,
    next_id: AtomicU64,
    stop: &'a AtomicBool,
    done: &'a AtomicBool,
    /// The parents kept open for their queued subdirectories (see `budget`).
    pins: Pins,
    /// The pins probes take (see `probe`): a share of the budget of their own, so that probes,
    /// held until the replay leaves a directory, never leave the walk short of pins (a chain of
    /// 20,000 directories would have one for every level).
    probes: Pins,
    /// Workers (or the starting thread) that panicked: their part of the walk is lost.
    lost: AtomicUsize,
    /// With `Config::shares_dirs`: the scan id of every directory met so far, by dev/ino. A
    /// directory met again gets the same id and no second task; the replay uses the one
    /// listing where du meets the directory first and counts nothing at the other paths.
    claimed: Option<Mutex<Claimed>>,
    /// What wide directories' chunks have stat'ed before their scans are sent (see `Ahead`).
    ahead: Ahead,
}

/// The most pins set aside for probes.
const MAX_PROBE_PINS: usize = 64;

/// The share of `pins` set aside for probes: an eighth, at most `MAX_PROBE_PINS`.
fn probe_pins(pins: usize) -> usize {
    (pins / 8).min(MAX_PROBE_PINS)
}

impl<'a> Walker<'a> {
    /// A walk over `config.operands`; scans `0..operands.len()` are the operands themselves.
    /// It stops early when `done` (cancel) or `stop` (the aggregator quit) is set, and keeps
    /// within the workers and descriptors `plan` gives it.
    pub(crate) fn new(
        config: &'a Config,
        plan: Plan,
        done: &'a AtomicBool,
        stop: &'a AtomicBool,
    ) -> Walker<'a> {
        let operands = config
            .operands
            .iter()
            .enumerate()
            .map(|(index, op)| Task::operand(index, op))
            .collect();
        Walker {
            config,
            queue: Queue::new(operands, plan.workers.max(1)),
            next_id: AtomicU64::new(config.operands.len() as DirId),
            stop,
            done,
            pins: Pins::new(plan.pins - probe_pins(plan.pins)),
            probes: Pins::new(probe_pins(plan.pins)),
            lost: AtomicUsize::new(0),
            claimed: config.shares_dirs().then(|| Mutex::new(Claimed::new())),
            ahead: Ahead::default(),
        }
    }

    /// What wide directories' chunks have stat'ed so far, ahead of their scans.
    pub(crate) fn ahead(&self) -> &Ahead {
        &self.ahead
    }

    /// -L without a shared walk: a directory that is its own ancestor must be caught on the
    /// path (with `claimed`, it is simply met again).
    fn needs_cycle_check(&self) -> bool {
        self.config.deref == Deref::Always && self.claimed.is_none()
    }

    /// Whether the run is cancelled (`done`) or the aggregator no longer wants scans (`stop`).
    fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.done.load(Ordering::Relaxed)
    }

    /// Whether the workers apply --exclude, so paths must be built to match them.
    fn has_excludes(&self) -> bool {
        self.config.excludes_in_walk()
    }
}
