//! The parallel walk: N scoped workers share one task queue, earliest in du's order first; one
//! task is one directory, opened relative to its parent's descriptor (or, past the descriptor
//! budget, by name from its nearest open ancestor) and listed with one `Scan` message.

pub mod budget;
pub mod scan;

use std::cmp::Ordering as Rank;
use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::ffi::{CStr, CString, OsStr};
use std::io;
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, Scope};
use std::time::Duration;

use crossbeam_channel::Sender;
use rustix::fs::{AtFlags, CWD, Mode, OFlags, RawDir};

use crate::config::{Config, Deref, TimeKind};
use crate::gnu::path::{child_path, fts_root_path};
use crate::walk::budget::{Pin, Pins, Plan};
use crate::walk::scan::{Body, Child, DirId, Entry, Listing, Meta, Scan, Stamp, StatError};

/// gnulib fts reads at most this many entries of a directory at a time (FTS_MAX_READDIR_ENTRIES);
/// each batch is ordered on its own.
const BATCH: usize = 100_000;
/// gnulib fts sorts a batch of more than this many entries by inode number
/// (FTS_INODE_SORT_DIR_ENTRIES_THRESHOLD), except on the file systems below.
const INODE_SORT_THRESHOLD: usize = 10_000;
/// File systems where fts skips the inode sort (gnulib fts.c, dirent_inode_sort_may_be_useful).
const NO_SORT_MAGIC: [u64; 3] = [
    0x0102_1994, /* tmpfs */
    0x6969,      /* nfs */
    0xFF53_4D42, /* cifs */
];
/// How long an idle worker sleeps before looking at the done flag again.
const IDLE_POLL: Duration = Duration::from_millis(20);
/// getdents buffer per worker.
const DIR_BUFFER: usize = 64 * 1024;
/// Levels of a directory's place in du's order that the scheduler looks at (see `Place`).
const PLACE_LEVELS: usize = 12;

/// A directory's identity, chained to its ancestors, for -L cycle checks (fts's FTS_DC).
struct Ancestor {
    dev: u64,
    ino: u64,
    parent: Option<Arc<Ancestor>>,
}

impl Ancestor {
    fn contains(self: &Arc<Self>, dev: u64, ino: u64) -> bool {
        let mut node = Some(self);
        while let Some(a) = node {
            if a.dev == dev && a.ino == ino {
                return true;
            }
            node = a.parent.as_ref();
        }
        false
    }
}

impl Drop for Ancestor {
    fn drop(&mut self) {
        drop_chain(self.parent.take(), |a| a.parent.take());
    }
}

/// Drops a chain of `Arc`s linked by `up`, 20,000 links long or more, one link at a time
/// instead of recursively on the stack; it stops at the first link still shared.
fn drop_chain<T>(first: Option<Arc<T>>, up: impl Fn(&mut T) -> Option<Arc<T>>) {
    let mut next = first;
    while let Some(arc) = next {
        match Arc::try_unwrap(arc) {
            Ok(mut link) => next = up(&mut link),
            Err(_) => break,
        }
    }
}

/// What kind of object a task names.
enum Target {
    /// An operand: stat it by path, then list it if it is a directory.
    Operand,
    /// A directory to open below its parent and list.
    Dir {
        /// How to reach the parent.
        route: Route,
        /// Open through a symlink (-L everywhere; -D/-H/-L for an operand).
        follow: bool,
        ancestors: Option<Arc<Ancestor>>,
    },
}

/// A directory kept open, under a pin of the descriptor budget, so that its queued
/// subdirectories open relative to it.
struct Pinned {
    fd: OwnedFd,
    _pin: Pin,
}

/// One directory name on the way down from an open ancestor, linked to the name above it.
struct Step {
    name: CString,
    up: Option<Arc<Step>>,
}

impl Drop for Step {
    fn drop(&mut self) {
        drop_chain(self.up.take(), |step| step.up.take());
    }
}

/// How a task reaches its directory's parent: from the nearest ancestor still open, by name,
/// one component at a time (so no path is ever longer than one name).
#[derive(Clone, Default)]
struct Route {
    /// The nearest ancestor still open. `None`: start from the working directory, with the
    /// operand's path as the first step (the operand itself has no steps at all).
    anchor: Option<Arc<Pinned>>,
    /// The names from the anchor down to the parent, deepest first (`None`: the anchor is the
    /// parent).
    steps: Option<Arc<Step>>,
}

impl Route {
    /// The route for the subdirectories of the directory `name`, reached by `self` and open as
    /// `fd`: kept open if the budget has a pin left, else closed and reached by name.
    fn below(self, name: &CStr, fd: OwnedFd, pins: &Pins) -> Route {
        match pins.try_pin() {
            Some(pin) => Route {
                anchor: Some(Arc::new(Pinned { fd, _pin: pin })),
                steps: None,
            },
            None => Route {
                anchor: self.anchor,
                steps: Some(Arc::new(Step {
                    name: name.to_owned(),
                    up: self.steps,
                })),
            },
        }
    }

    /// Opens the directory `name` below the parent this route reaches. Each name on the way is
    /// opened relative to the one above it (O_NOFOLLOW unless -L); only the operand's own path,
    /// when the route starts from the working directory, follows as the operand was followed.
    fn open(&self, name: &CStr, follow: bool, operand_follow: bool) -> io::Result<OwnedFd> {
        let mut names: Vec<&CStr> = Vec::new();
        let mut step = self.steps.as_deref();
        while let Some(s) = step {
            names.push(&s.name);
            step = s.up.as_deref();
        }
        names.reverse();
        names.push(name);
        // At most two descriptors at once: the one being opened and the one above it.
        let mut current: Option<OwnedFd> = None;
        for (i, n) in names.into_iter().enumerate() {
            let next = match (&current, &self.anchor) {
                (Some(fd), _) => open_dir(fd, n, follow)?,
                (None, Some(pinned)) => open_dir(&pinned.fd, n, follow)?,
                (None, None) => open_dir(CWD, n, if i == 0 { operand_follow } else { follow })?,
            };
            current = Some(next);
        }
        Ok(current.expect("the directory's own name is always opened"))
    }
}

/// Where a directory comes in du's traversal, which reads directories in preorder: the
/// 1-based positions of the entries leading to it from the operand list down, for the first
/// `PLACE_LEVELS` levels (0: no deeper level). Lexicographic order is preorder, so the smallest
/// place waiting is the directory the replay will need first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Place([u32; PLACE_LEVELS]);

impl Place {
    /// Operand `index` (0-based).
    fn operand(index: usize) -> Place {
        Place::default().child(index)
    }

    /// The entry at `index` (0-based) in the listing of the directory at `self`. Below
    /// `PLACE_LEVELS` levels it is the same place: order among those falls back to LIFO.
    fn child(self, index: usize) -> Place {
        let mut place = self;
        if let Some(level) = place.0.iter().position(|&p| p == 0) {
            place.0[level] = u32::try_from(index + 1).unwrap_or(u32::MAX);
        }
        place
    }
}

impl Default for Place {
    fn default() -> Place {
        Place([0; PLACE_LEVELS])
    }
}

/// One unit of work: an operand or one directory.
struct Task {
    id: DirId,
    name: CString,
    target: Target,
    /// The operand's device, for -x.
    root_dev: u64,
    /// The directory's fts path, kept only when --exclude patterns need it (empty otherwise).
    path: Vec<u8>,
    place: Place,
}

/// A task waiting in the queue, ordered for `BinaryHeap` (a max-heap) so that the top is the
/// smallest place and, among equal places, the task queued last.
struct Waiting {
    task: Task,
    seq: u64,
}

impl Ord for Waiting {
    fn cmp(&self, other: &Waiting) -> Rank {
        other
            .task
            .place
            .cmp(&self.task.place)
            .then(self.seq.cmp(&other.seq))
    }
}

impl PartialOrd for Waiting {
    fn partial_cmp(&self, other: &Waiting) -> Option<Rank> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Waiting {
    fn eq(&self, other: &Waiting) -> bool {
        self.cmp(other) == Rank::Equal
    }
}

impl Eq for Waiting {}

/// The tasks waiting, earliest in du's order first, and the tasks being worked on: the walk is
/// over when both are empty.
///
/// The aggregator writes a record only once everything before it in du's order has arrived,
/// and holds what arrives early: that window is most of dug's memory. Workers take the
/// earliest directory waiting (not the one queued last), so they stay together at the front
/// of du's order, the earliest task waiting or being worked on. That alone does not bound the
/// window: on 2 cores with 20 workers the one holding the front is often preempted while the
/// others run on (with a LIFO stack the aggregator held 3,000 to 11,000 scans of the
/// million-entry tree, 18 to 38 MiB peak). So once `WINDOW` finished directories lie beyond
/// the front, a worker takes only the front itself, or waits. The front is always waiting or
/// being worked on, so the walk never stalls.
struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

struct QueueState {
    tasks: BinaryHeap<Waiting>,
    /// Tasks queued so far, to order equal places.
    queued: u64,
    /// The places of the tasks being worked on.
    working: Vec<Place>,
    /// Finished tasks beyond the front, by place, and how many.
    ahead: BTreeMap<Place, usize>,
    ahead_len: usize,
    /// Workers waiting for a task.
    idle: usize,
    /// Workers started or being started.
    started: usize,
    /// Workers the walk may have (-j), lowered when a thread cannot be spawned.
    limit: usize,
    /// Tasks the starting thread may still run itself (see `Walker::start`).
    alone_steps: usize,
}

/// Finished directories beyond the front at which workers stop taking anything but the front.
/// A scan of the million-entry tree holds about 2 KiB (19 entries), so this bounds the window
/// near 8 MiB there. Waiting costs wall time on a loaded machine, where a waiting worker's CPU
/// goes to other processes: 512 cost 4-8% on the million-entry tree, 2,048 and up 1-5%.
const WINDOW: usize = 4096;

impl QueueState {
    /// Queues the subdirectories of one directory (in its order: among equal places, the first
    /// comes out first).
    fn push(&mut self, found: Vec<Task>) {
        for task in found.into_iter().rev() {
            self.queued += 1;
            let seq = self.queued;
            self.tasks.push(Waiting { task, seq });
        }
    }

    /// The earliest place waiting or being worked on.
    fn front(&self) -> Option<Place> {
        let queued = self.tasks.peek().map(|w| w.task.place);
        let working = self.working.iter().min().copied();
        match (queued, working) {
            (Some(q), Some(w)) => Some(q.min(w)),
            (q, w) => q.or(w),
        }
    }

    /// Takes the earliest task waiting, if the window allows.
    fn take(&mut self) -> Option<Task> {
        let first = self.tasks.peek()?.task.place;
        let is_front = self.working.iter().all(|&w| first <= w);
        if self.ahead_len >= WINDOW && !is_front {
            return None;
        }
        let task = self.tasks.pop().expect("peeked above").task;
        self.working.push(task.place);
        Some(task)
    }

    /// Marks the task at `place` no longer worked on.
    fn stop_working(&mut self, place: Place) {
        if let Some(i) = self.working.iter().position(|&w| w == place) {
            self.working.swap_remove(i);
        }
    }

    /// Records a finished task and queues what it found; true if the window was full and no
    /// longer is, so that workers held back by it may go on.
    fn finish(&mut self, done: Finished) -> bool {
        self.stop_working(done.place);
        self.push(done.found);
        let front = self.front();
        if front.is_some_and(|f| done.place > f) {
            *self.ahead.entry(done.place).or_default() += 1;
            self.ahead_len += 1;
            return false;
        }
        let before = self.ahead_len;
        while let Some(first) = self.ahead.first_entry() {
            if front.is_some_and(|f| *first.key() > f) {
                break;
            }
            self.ahead_len -= first.remove();
        }
        before >= WINDOW && self.ahead_len < WINDOW
    }
}

/// What `Queue::next` hands a worker.
struct Turn {
    task: Task,
    /// Tasks are waiting that no idle worker will take: start one more worker (counted in
    /// `started` already).
    grow: bool,
}

/// What a worker hands back: where its task was, and the subdirectories it found.
struct Finished {
    place: Place,
    found: Vec<Task>,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, QueueState> {
        // A worker that panicked while holding the lock poisons it; the state is still
        // consistent (pushes and pops are single operations), so carry on.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Hands back the previous task (if any) and takes the next one, earliest first.
    fn next(&self, finished: Option<Finished>, stop: &dyn Fn() -> bool) -> Option<Turn> {
        let mut state = self.lock();
        if let Some(done) = finished {
            let found = done.found.len();
            if state.finish(done) {
                self.ready.notify_all();
            } else {
                // This worker takes one of the new tasks itself; wake one idle worker for each
                // of the others, not every idle worker for every directory.
                for _ in 1..found.min(state.idle + 1) {
                    self.ready.notify_one();
                }
            }
        }
        loop {
            if stop() {
                self.ready.notify_all();
                return None;
            }
            if let Some(task) = state.take() {
                // Workers start as the tree shows it has work for them: a tiny tree is walked
                // by one, without paying for 20 thread starts (about 80 us each here).
                let grow = state.tasks.len() > state.idle && state.started < state.limit;
                if grow {
                    state.started += 1;
                }
                return Some(Turn { task, grow });
            }
            if state.working.is_empty() {
                // Nothing waiting either: with nothing worked on, the front could be taken.
                self.ready.notify_all();
                return None;
            }
            state.idle += 1;
            state = match self.ready.wait_timeout(state, IDLE_POLL) {
                Ok((s, _)) => s,
                Err(p) => p.into_inner().0,
            };
            state.idle -= 1;
        }
    }

    /// The walk's first steps, on the thread that starts it: hands back the previous task and
    /// takes the next one if it is the only one waiting (the tree is still narrow). No worker
    /// runs yet.
    fn next_alone(&self, finished: Option<Finished>) -> Option<Task> {
        let mut state = self.lock();
        if let Some(done) = finished {
            state.finish(done);
        }
        if state.tasks.len() != 1 || state.alone_steps == 0 {
            return None;
        }
        state.alone_steps -= 1;
        state.take()
    }

    /// Counts the first worker as started, unless the walk is already over.
    fn start_first(&self) -> bool {
        let mut state = self.lock();
        if state.tasks.is_empty() {
            return false;
        }
        state.started = 1;
        true
    }

    /// A worker counted in `started` could not be spawned: take it back and start no more.
    fn spawn_failed(&self) {
        let mut state = self.lock();
        state.started -= 1;
        state.limit = state.started;
    }

    /// A worker gives up its task at `place` without results (it is stopping or unwinding).
    fn abandon(&self, place: Place) {
        let mut state = self.lock();
        state.stop_working(place);
        self.ready.notify_all();
    }
}

/// The walk: hands out ids, runs the workers, sends one `Scan` per task.
pub struct Walker<'a> {
    config: &'a Config,
    queue: Queue,
    next_id: AtomicU64,
    stop: &'a AtomicBool,
    done: &'a AtomicBool,
    /// The parents kept open for their queued subdirectories (see `budget`).
    pins: Pins,
    /// Workers (or the starting thread) that panicked: their part of the walk is lost.
    lost: AtomicUsize,
    /// With `Config::shares_dirs`: the scan id of every directory met so far, by dev/ino. A
    /// directory met again gets the same id and no second task; the replay uses the one
    /// listing where du meets the directory first and counts nothing at the other paths.
    claimed: Option<Mutex<HashMap<(u64, u64), DirId>>>,
}

impl<'a> Walker<'a> {
    /// A walk over `config.operands`; scans `0..operands.len()` are the operands themselves.
    /// It stops early when `done` (cancel) or `stop` (the aggregator quit) is set, and keeps
    /// within the workers and descriptors `plan` gives it.
    pub fn new(
        config: &'a Config,
        plan: Plan,
        done: &'a AtomicBool,
        stop: &'a AtomicBool,
    ) -> Walker<'a> {
        let operands = config
            .operands
            .iter()
            .enumerate()
            .map(|(index, op)| Task {
                id: index as DirId,
                name: operand_cstring(op),
                target: Target::Operand,
                root_dev: 0,
                path: Vec::new(),
                place: Place::operand(index),
            })
            .collect();
        let mut state = QueueState {
            tasks: BinaryHeap::new(),
            queued: 0,
            working: Vec::new(),
            ahead: BTreeMap::new(),
            ahead_len: 0,
            idle: 0,
            started: 0,
            limit: plan.workers.max(1),
            alone_steps: 0,
        };
        state.push(operands);
        Walker {
            config,
            queue: Queue {
                state: Mutex::new(state),
                ready: Condvar::new(),
            },
            next_id: AtomicU64::new(config.operands.len() as DirId),
            stop,
            done,
            pins: Pins::new(plan.pins),
            lost: AtomicUsize::new(0),
            claimed: config.shares_dirs().then(|| Mutex::new(HashMap::new())),
        }
    }

    /// -L without a shared walk: a directory that is its own ancestor must be caught on the
    /// path (with `claimed`, it is simply met again).
    fn needs_cycle_check(&self) -> bool {
        self.config.deref == Deref::Always && self.claimed.is_none()
    }

    fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.done.load(Ordering::Relaxed)
    }

    /// Starts the walk. While the tree is narrow (one directory waiting at a time) the calling
    /// thread walks it, sending its scans ahead of the aggregator's turn: a tiny tree costs no
    /// thread start and no hand-over between threads, which on a loaded machine each wait
    /// for a CPU. Once two directories wait, it starts a worker in `scope`; workers start more,
    /// up to the plan's workers, while tasks wait with no idle worker to take them. The walk
    /// ends when every clone of `scans` is dropped. If not one worker can be started
    /// (RLIMIT_NPROC, no memory for a stack) the caller walks the rest: `Start::Inline`.
    pub fn start<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, '_>,
        scans: Sender<Scan>,
    ) -> Start {
        if catch_unwind(AssertUnwindSafe(|| self.walk_alone(&scans))).is_err() {
            self.lose();
            return Start::Channel;
        }
        if self.is_stopped() || !self.queue.start_first() {
            return Start::Channel;
        }
        match self.spawn_worker(scope, scans) {
            Ok(()) => Start::Channel,
            Err(_) => {
                self.queue.spawn_failed();
                Start::Inline
            }
        }
    }

    /// The walk's first steps, on the starting thread, while one directory waits at a time.
    fn walk_alone(&self, scans: &Sender<Scan>) {
        // The aggregator is not receiving yet: stay well within the channel's room.
        self.queue.lock().alone_steps = scans.capacity().map_or(usize::MAX, |c| c / 4);
        let mut buf = vec![MaybeUninit::<u8>::uninit(); DIR_BUFFER];
        let mut found = None;
        while !self.is_stopped() {
            let Some(task) = self.queue.next_alone(found.take()) else {
                break;
            };
            let place = task.place;
            let (scan, children) = self.run_task(task, &mut buf);
            if scans.send(scan).is_err() {
                return;
            }
            found = Some(Finished {
                place,
                found: children,
            });
        }
    }

    /// A thread of the walk panicked: stop the walk (its part is lost) and count it.
    fn lose(&self) {
        self.lost.fetch_add(1, Ordering::SeqCst);
        self.stop.store(true, Ordering::SeqCst);
    }

    /// How many threads of the walk panicked (each printed its panic message).
    pub fn lost_workers(&self) -> usize {
        self.lost.load(Ordering::SeqCst)
    }

    /// Starts one worker. A panic in it is caught here, so that the scope does not panic
    /// again at its end and the run can end in dug's words (the guard in `work` has already
    /// stopped the walk and given its task back).
    fn spawn_worker<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, '_>,
        scans: Sender<Scan>,
    ) -> io::Result<()> {
        thread::Builder::new()
            .name("dug-walk".to_owned())
            .spawn_scoped(scope, move || {
                if catch_unwind(AssertUnwindSafe(move || self.work(scope, scans))).is_err() {
                    self.lose();
                }
            })
            .map(drop)
    }

    /// The walk on the calling thread instead of workers, one directory per `next`: for when
    /// not one worker thread can be started.
    pub fn inline(&self) -> Inline<'_, 'a> {
        Inline {
            walker: self,
            buf: vec![MaybeUninit::<u8>::uninit(); DIR_BUFFER],
            finished: None,
        }
    }

    /// The body of one worker thread: take tasks until the walk is over or stopped.
    fn work<'scope>(&'scope self, scope: &'scope Scope<'scope, '_>, scans: Sender<Scan>) {
        let mut guard = PanicGuard {
            walker: self,
            working: None,
        };
        let mut buf = vec![MaybeUninit::<u8>::uninit(); DIR_BUFFER];
        let stop = || self.is_stopped();
        let mut finished = None;
        while let Some(Turn { task, grow }) = self.queue.next(finished.take(), &stop) {
            let place = task.place;
            guard.working = Some(place);
            // Fewer workers than asked for still walk the whole tree.
            if grow && self.spawn_worker(scope, scans.clone()).is_err() {
                self.queue.spawn_failed();
            }
            let (scan, children) = self.run_task(task, &mut buf);
            if scans.send(scan).is_err() {
                // The aggregator is gone: nobody wants more.
                self.stop.store(true, Ordering::Relaxed);
                self.queue.abandon(place);
                guard.working = None;
                return;
            }
            finished = Some(Finished {
                place,
                found: children,
            });
            guard.working = None;
        }
    }

    /// Whether the workers apply --exclude, so paths must be built to match them.
    fn has_excludes(&self) -> bool {
        self.config.excludes_in_walk()
    }

    fn run_task(&self, task: Task, buf: &mut [MaybeUninit<u8>]) -> (Scan, Vec<Task>) {
        // The unit tests' way to make the walk panic (lib.rs): a directory of this name.
        #[cfg(test)]
        if task.name.to_bytes() == PANIC_FOR_TESTS {
            panic!("a walk thread panics on purpose, for a test");
        }
        match task.target {
            Target::Operand => self.run_operand(task.id, &task.name, task.place),
            Target::Dir {
                route,
                follow,
                ancestors,
            } => {
                let operand_follow = self.config.deref != Deref::Never;
                match route.open(&task.name, follow, operand_follow) {
                    Ok(fd) => {
                        let here = Here {
                            name: &task.name,
                            route,
                            place: task.place,
                            root_dev: task.root_dev,
                            path: &task.path,
                        };
                        self.list(task.id, fd, ancestors, here, buf)
                    }
                    Err(e) => (scan(task.id, Body::Unreadable(e)), Vec::new()),
                }
            }
        }
    }

    /// Stats an operand as fts_open does (following it for -D/-H/-L), and queues its listing,
    /// which opens the operand by path from the working directory.
    /// Operands du refuses, and those an --exclude pattern matches, are not looked at: du
    /// checks both before it stats anything.
    fn run_operand(&self, id: DirId, name: &CStr, place: Place) -> (Scan, Vec<Task>) {
        let index = id as usize;
        let path = if self.has_excludes() {
            fts_root_path(name.to_bytes())
        } else {
            Vec::new()
        };
        let excluded = self.has_excludes() && self.config.excludes.is_excluded(&path);
        if excluded || self.config.refusal(index).is_some() {
            let entry = Entry {
                name: 0..0,
                meta: Err(StatError::Skipped),
                child: Child::Leaf,
            };
            return (scan(id, Body::Operand(entry)), Vec::new());
        }
        let follow = self.config.deref != Deref::Never;
        let meta = stat(CWD, name, follow, self.config.time_kind);
        let mut children = Vec::new();
        let mut child = Child::Leaf;
        if let Ok(m) = &meta
            && m.is_dir
        {
            let child_id = self.next_id.fetch_add(1, Ordering::Relaxed);
            if let Some(claimed) = &self.claimed {
                let mut claimed = claimed.lock().unwrap_or_else(|p| p.into_inner());
                match claimed.entry((m.dev, m.ino)) {
                    Slot::Occupied(known) => {
                        let entry = Entry {
                            name: 0..0,
                            meta,
                            child: Child::Dir(*known.get()),
                        };
                        return (scan(id, Body::Operand(entry)), Vec::new());
                    }
                    Slot::Vacant(slot) => {
                        slot.insert(child_id);
                    }
                }
            }
            child = Child::Dir(child_id);
            children.push(Task {
                id: child_id,
                name: name.to_owned(),
                target: Target::Dir {
                    route: Route::default(),
                    follow,
                    ancestors: self.needs_cycle_check().then(|| {
                        Arc::new(Ancestor {
                            dev: m.dev,
                            ino: m.ino,
                            parent: None,
                        })
                    }),
                },
                root_dev: m.dev,
                path,
                place,
            });
        }
        let entry = Entry {
            name: 0..0,
            meta,
            child,
        };
        (scan(id, Body::Operand(entry)), children)
    }

    /// Reads an open directory in fts order, stats every entry relative to it (except those an
    /// --exclude pattern matches: du neither stats nor enters them), and makes a task for every
    /// subdirectory to enter.
    fn list(
        &self,
        id: DirId,
        fd: OwnedFd,
        ancestors: Option<Arc<Ancestor>>,
        here: Here<'_>,
        buf: &mut [MaybeUninit<u8>],
    ) -> (Scan, Vec<Task>) {
        let Here {
            name: own_name,
            route,
            place,
            root_dev,
            path,
        } = here;
        let mut listing = Listing::default();
        let mut raw: Vec<(u64, std::ops::Range<usize>)> = Vec::new();
        let mut dir = RawDir::new(&fd, buf);
        while let Some(next) = dir.next() {
            match next {
                Ok(entry) => {
                    let name = entry.file_name().to_bytes();
                    if name == b"." || name == b".." {
                        continue;
                    }
                    let start = listing.names.len();
                    listing.names.extend_from_slice(name);
                    listing.names.push(0);
                    raw.push((entry.ino(), start..start + name.len()));
                }
                Err(e) => {
                    if raw.is_empty() {
                        return (scan(id, Body::Unreadable(e.into())), Vec::new());
                    }
                    listing.error = Some(e.into());
                    break;
                }
            }
        }
        fts_order(&mut raw, &fd);

        let follow = self.config.deref == Deref::Always;
        let mut subdirs = 0;
        listing.entries.reserve_exact(raw.len());
        let excludes = self.has_excludes();
        for (_, name) in raw {
            if excludes
                && self
                    .config
                    .excludes
                    .is_excluded(&child_path(path, &listing.names[name.clone()]))
            {
                listing.entries.push(Entry {
                    name,
                    meta: Err(StatError::Skipped),
                    child: Child::Leaf,
                });
                continue;
            }
            let cname = CStr::from_bytes_with_nul(&listing.names[name.start..=name.end])
                .expect("names are stored NUL-terminated without inner NULs");
            let meta = stat(&fd, cname, follow, self.config.time_kind);
            let child = match &meta {
                Ok(m) if m.is_dir => {
                    if self.config.one_file_system && m.dev != root_dev {
                        Child::Leaf
                    } else if ancestors.as_ref().is_some_and(|a| a.contains(m.dev, m.ino)) {
                        Child::Cycle
                    } else {
                        subdirs += 1;
                        Child::Dir(0)
                    }
                }
                _ => Child::Leaf,
            };
            listing.entries.push(Entry { name, meta, child });
        }

        let mut tasks = Vec::with_capacity(subdirs);
        if subdirs > 0 {
            let first = self.next_id.fetch_add(subdirs as u64, Ordering::Relaxed);
            let route = route.below(own_name, fd, &self.pins);
            let mut claimed = self
                .claimed
                .as_ref()
                .map(|c| c.lock().unwrap_or_else(|p| p.into_inner()));
            let mut next = first;
            for (index, entry) in listing.entries.iter_mut().enumerate() {
                if let Child::Dir(slot) = &mut entry.child {
                    let meta = entry.meta.as_ref().expect("a directory child has its stat");
                    if let Some(claimed) = claimed.as_mut() {
                        match claimed.entry((meta.dev, meta.ino)) {
                            Slot::Occupied(known) => {
                                *slot = *known.get();
                                continue;
                            }
                            Slot::Vacant(vacant) => {
                                vacant.insert(next);
                            }
                        }
                    }
                    *slot = next;
                    tasks.push(Task {
                        id: next,
                        name: CString::new(&listing.names[entry.name.clone()])
                            .expect("directory entry names hold no NUL"),
                        target: Target::Dir {
                            route: route.clone(),
                            follow,
                            ancestors: ancestors.as_ref().map(|a| {
                                Arc::new(Ancestor {
                                    dev: meta.dev,
                                    ino: meta.ino,
                                    parent: Some(Arc::clone(a)),
                                })
                            }),
                        },
                        root_dev,
                        path: if excludes {
                            child_path(path, &listing.names[entry.name.clone()])
                        } else {
                            Vec::new()
                        },
                        place: place.child(index),
                    });
                    next += 1;
                }
            }
        }
        (scan(id, Body::Listed(listing)), tasks)
    }
}

/// How the walk goes on after `Walker::start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Workers (or nobody, when the walk is already over) send the scans down the channel.
    Channel,
    /// Not one worker could start: the caller takes what the channel holds, then walks the
    /// rest itself through `Walker::inline`.
    Inline,
}

/// The walk run by its caller: each `next` takes one task, runs it and returns its scan; `None`
/// when the walk is over or stopped.
pub struct Inline<'w, 'a> {
    walker: &'w Walker<'a>,
    buf: Vec<MaybeUninit<u8>>,
    finished: Option<Finished>,
}

impl Iterator for Inline<'_, '_> {
    type Item = Scan;

    fn next(&mut self) -> Option<Scan> {
        let walker = self.walker;
        let stop = || walker.is_stopped();
        let Turn { task, .. } = walker.queue.next(self.finished.take(), &stop)?;
        let place = task.place;
        let buf = &mut self.buf;
        match catch_unwind(AssertUnwindSafe(|| walker.run_task(task, buf))) {
            Ok((scan, children)) => {
                self.finished = Some(Finished {
                    place,
                    found: children,
                });
                Some(scan)
            }
            Err(_) => {
                walker.lose();
                walker.queue.abandon(place);
                None
            }
        }
    }
}

/// Under `cfg(test)`, a walk thread that takes a directory of this name panics.
#[cfg(test)]
pub(crate) const PANIC_FOR_TESTS: &[u8] = b"dug-test-panic";

/// Where the directory being listed is: its name, the way to its parent, its place in du's
/// order, its operand's device (for -x) and its fts path (kept only when --exclude patterns
/// need it).
struct Here<'t> {
    name: &'t CStr,
    route: Route,
    place: Place,
    root_dev: u64,
    path: &'t [u8],
}

/// Sets the done flag if a worker unwinds, so the run ends instead of waiting for it.
struct PanicGuard<'w, 'a> {
    walker: &'w Walker<'a>,
    /// The place of the task being worked on.
    working: Option<Place>,
}

impl Drop for PanicGuard<'_, '_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.walker.stop.store(true, Ordering::Relaxed);
            if let Some(place) = self.working {
                self.walker.queue.abandon(place);
            }
        }
    }
}

fn scan(id: DirId, body: Body) -> Scan {
    Scan { id, body }
}

/// Opens a directory for reading relative to `parent`, never following a symlink unless -L:
/// O_NOFOLLOW|O_DIRECTORY keep the walk inside the tree even if an entry is swapped under it.
fn open_dir(parent: impl AsFd, name: &CStr, follow: bool) -> io::Result<OwnedFd> {
    let mut flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOCTTY;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    rustix::fs::openat(parent, name, flags, Mode::empty()).map_err(io::Error::from)
}

/// fstatat relative to `dir`; when following, a dangling symlink is fts's FTS_SLNONE.
fn stat(dir: impl AsFd, name: &CStr, follow: bool, time: TimeKind) -> Result<Meta, StatError> {
    let flags = if follow {
        AtFlags::empty()
    } else {
        AtFlags::SYMLINK_NOFOLLOW
    };
    match rustix::fs::statat(&dir, name, flags) {
        Ok(st) => Ok(meta(&st, time)),
        Err(e) if follow && e == rustix::io::Errno::NOENT => {
            match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(_) => Err(StatError::Dangling),
                Err(_) => Err(StatError::Failed(e.into())),
            }
        }
        Err(e) => Err(StatError::Failed(e.into())),
    }
}

fn meta(st: &rustix::fs::Stat, time: TimeKind) -> Meta {
    let (sec, nsec) = match time {
        TimeKind::Modification => (st.st_mtime, st.st_mtime_nsec),
        TimeKind::Access => (st.st_atime, st.st_atime_nsec),
        TimeKind::Change => (st.st_ctime, st.st_ctime_nsec),
    };
    Meta {
        dev: st.st_dev,
        ino: st.st_ino,
        nlink: st.st_nlink,
        blocks: st.st_blocks as u64,
        size: st.st_size,
        is_dir: rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::Directory,
        time: Stamp {
            sec,
            nsec: i64::try_from(nsec).unwrap_or(0),
        },
    }
}

/// Puts entries in the order gnulib fts hands them to du: kernel order, except that each batch of
/// 100,000 with more than 10,000 entries is sorted by inode number, unless the directory is on
/// tmpfs, NFS or CIFS. The sort is stable, like glibc's merge-sort qsort.
fn fts_order(raw: &mut [(u64, std::ops::Range<usize>)], dir: &OwnedFd) {
    if raw.len() <= INODE_SORT_THRESHOLD {
        return;
    }
    let sortable = match rustix::fs::fstatfs(dir) {
        Ok(fs) => !NO_SORT_MAGIC.contains(&(fs.f_type as u64)),
        Err(_) => true,
    };
    if !sortable {
        return;
    }
    for batch in raw.chunks_mut(BATCH) {
        if batch.len() > INODE_SORT_THRESHOLD {
            batch.sort_by_key(|(ino, _)| *ino);
        }
    }
}

fn operand_cstring(op: &OsStr) -> CString {
    // argv strings cannot hold a NUL byte; names from --files0-from are split on NUL.
    CString::new(op.as_bytes()).expect("operands hold no NUL byte")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(place: Place) -> Task {
        Task {
            id: 0,
            name: CString::new("d").expect("no NUL"),
            target: Target::Operand,
            root_dev: 0,
            path: Vec::new(),
            place,
        }
    }

    fn state() -> QueueState {
        QueueState {
            tasks: BinaryHeap::new(),
            queued: 0,
            working: Vec::new(),
            ahead: BTreeMap::new(),
            ahead_len: 0,
            idle: 0,
            started: 0,
            limit: 20,
            alone_steps: 0,
        }
    }

    #[test]
    fn places_sort_in_preorder() {
        let root = Place::operand(0);
        let (a, b) = (root.child(0), root.child(1));
        let mut places = vec![
            Place::operand(1),
            b,
            a.child(5),
            root,
            a,
            b.child(0),
            a.child(0),
        ];
        places.sort();
        let want = vec![
            root,
            a,
            a.child(0),
            a.child(5),
            b,
            b.child(0),
            Place::operand(1),
        ];
        assert_eq!(places, want);
        // Below PLACE_LEVELS levels a place stays its parent's.
        let deep = (0..PLACE_LEVELS).fold(Place::default(), |p, i| p.child(i));
        assert_eq!(deep.child(3), deep);
    }

    #[test]
    fn the_earliest_task_comes_first_and_equal_places_lifo() {
        let mut s = state();
        let root = Place::operand(0);
        s.push(vec![
            task(root.child(2)),
            task(root.child(0)),
            task(root.child(1)),
        ]);
        let order: Vec<Place> = std::iter::from_fn(|| s.take().map(|t| t.place)).collect();
        assert_eq!(order, vec![root.child(0), root.child(1), root.child(2)]);

        let deep = (0..PLACE_LEVELS).fold(Place::default(), |p, i| p.child(i));
        let mut s = state();
        let mut first = task(deep);
        first.id = 1;
        let mut second = task(deep);
        second.id = 2;
        s.push(vec![first, second]);
        // Pushed in listing order: the first of them comes out first.
        assert_eq!(s.take().map(|t| t.id), Some(1));
    }

    #[test]
    fn a_full_window_lets_only_the_front_through() {
        let mut s = state();
        let root = Place::operand(0);
        let front = root.child(0);
        s.push(vec![task(front)]);
        assert_eq!(s.take().map(|t| t.place), Some(front));
        // Everything after the front finishes while the front is still being worked on.
        let later: Vec<Task> = (1..=WINDOW + 1).map(|i| task(root.child(i))).collect();
        s.push(later);
        for _ in 0..WINDOW {
            let t = s.take().expect("the window has room");
            assert!(!s.finish(Finished {
                place: t.place,
                found: Vec::new()
            }));
        }
        assert_eq!(s.ahead_len, WINDOW);
        assert!(
            s.take().is_none(),
            "a full window holds back what is not the front"
        );
        // The front finishes and finds a subdirectory: that is the front now, still before
        // everything finished, which stays ahead; but the front may always be taken.
        let found = vec![task(front.child(0))];
        assert!(!s.finish(Finished {
            place: front,
            found
        }));
        assert_eq!(s.ahead_len, WINDOW);
        let next = s.take().expect("the front");
        assert_eq!(next.place, front.child(0));
        // It finishes with nothing below: everything finished is behind the front now.
        assert!(s.finish(Finished {
            place: next.place,
            found: Vec::new()
        }));
        assert_eq!(s.ahead_len, 0);
        assert_eq!(s.take().map(|t| t.place), Some(root.child(WINDOW + 1)));
    }

    #[test]
    fn with_nothing_worked_on_the_front_is_always_taken() {
        let mut s = state();
        let root = Place::operand(0);
        s.ahead_len = WINDOW;
        s.ahead.insert(root.child(9), WINDOW);
        s.push(vec![task(root.child(3))]);
        assert_eq!(s.take().map(|t| t.place), Some(root.child(3)));
    }
}
