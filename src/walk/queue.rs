//! The scheduler: the tasks waiting, earliest in du's order first, the tasks being worked on,
//! and the reorder window that keeps the workers near the front of that order. Workers hand
//! back what they finished and take their next task here; the walk is over when nothing waits
//! and nothing is worked on.

use std::cmp::Ordering as Rank;
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::walk::task::Task;
use crate::walk::wide::Wide;

/// How long an idle worker sleeps before looking at the done flag again.
const IDLE_POLL: Duration = Duration::from_millis(20);
/// Levels of a directory's place in du's order that the scheduler looks at (see `Place`).
const PLACE_LEVELS: usize = 12;

/// Where a directory comes in du's traversal, which reads directories in preorder: the
/// 1-based positions of the entries leading to it from the operand list down, for the first
/// `PLACE_LEVELS` levels (0: no deeper level). Lexicographic order is preorder, so the smallest
/// place waiting is the directory the replay will need first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Place([u32; PLACE_LEVELS]);

impl Place {
    /// Operand `index` (0-based).
    pub(super) fn operand(index: usize) -> Place {
        Place::default().child(index)
    }

    /// The entry at `index` (0-based) in the listing of the directory at `self`. Below
    /// `PLACE_LEVELS` levels it is the same place: order among those falls back to LIFO.
    pub(super) fn child(self, index: usize) -> Place {
        let mut place = self;
        if let Some(level) = place.0.iter().position(|&p| p == 0) {
            place.0[level] = u32::try_from(index + 1).unwrap_or(u32::MAX);
        }
        place
    }

    /// Whether the directory at this place is at least `levels` (under `PLACE_LEVELS`) levels
    /// below its operand.
    pub(super) fn is_below(self, levels: usize) -> bool {
        self.0.get(levels).is_some_and(|&p| p != 0)
    }
}

impl Default for Place {
    fn default() -> Place {
        Place([0; PLACE_LEVELS])
    }
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
pub(super) struct Queue {
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
    /// Wide directories whose entries are being stat'ed, with chunks for helpers (see `wide`).
    wide: Vec<Arc<Wide>>,
}

/// Finished directories beyond the front at which workers stop taking anything but the front.
/// A scan of the million-entry tree holds about 2 KiB (19 entries), so this bounds the window
/// near 8 MiB there. Waiting costs wall time on a loaded machine, where a waiting worker's CPU
/// goes to other processes: 512 cost 4-8% on the million-entry tree, 2,048 and up 1-5%.
const WINDOW: usize = 4096;

impl QueueState {
    /// No task yet, no worker started, at most `limit` workers.
    fn new(limit: usize) -> QueueState {
        QueueState {
            tasks: BinaryHeap::new(),
            queued: 0,
            working: Vec::new(),
            ahead: BTreeMap::new(),
            ahead_len: 0,
            idle: 0,
            started: 0,
            limit,
            alone_steps: 0,
            wide: Vec::new(),
        }
    }

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

    /// The earliest wide directory with chunks left, if it comes before every task waiting
    /// (its own subdirectories are not queued yet, so it usually does).
    fn take_help(&mut self) -> Option<Arc<Wide>> {
        self.wide.retain(|w| !w.is_handed_out());
        let wide = self.wide.iter().min_by_key(|w| w.place)?;
        match self.tasks.peek() {
            Some(first) if first.task.place < wide.place => None,
            _ => Some(Arc::clone(wide)),
        }
    }

    /// How many idle workers to wake for the chunks of `wide` left beyond the owner's, and how
    /// many more to start (counted as started here) so that up to `helpers` are at it.
    fn helpers_for(&mut self, wide: &Wide, helpers: usize) -> (usize, usize) {
        let chunks = wide.left().saturating_sub(1);
        let wake = chunks.min(self.idle);
        let more = chunks
            .min(helpers)
            .saturating_sub(self.idle)
            .min(self.limit.saturating_sub(self.started));
        self.started += more;
        (wake, more)
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

/// What a worker does next.
pub(super) enum Work {
    /// Run this task.
    Task(Task),
    /// Stat chunks of this wide directory's entries (see `wide`).
    Help(Arc<Wide>),
}

/// What `Queue::next` hands a worker.
pub(super) struct Turn {
    /// The work to do.
    pub(super) work: Work,
    /// Tasks are waiting that no idle worker will take: start one more worker (counted in
    /// `started` already).
    pub(super) grow: bool,
}

/// What a worker hands back: where its task was, and the subdirectories it found.
pub(super) struct Finished {
    /// The place of the task run.
    pub(super) place: Place,
    /// The tasks for its subdirectories, in its listing's order.
    pub(super) found: Vec<Task>,
}

impl Queue {
    /// A queue holding the operands' tasks, for at most `limit` workers.
    pub(super) fn new(operands: Vec<Task>, limit: usize) -> Queue {
        let mut state = QueueState::new(limit);
        state.push(operands);
        Queue {
            state: Mutex::new(state),
            ready: Condvar::new(),
        }
    }

    /// Lets the starting thread run up to `steps` tasks itself (see `Walker::start`).
    pub(super) fn allow_alone_steps(&self, steps: usize) {
        self.lock().alone_steps = steps;
    }

    fn lock(&self) -> MutexGuard<'_, QueueState> {
        // A worker that panicked while holding the lock poisons it; the state is still
        // consistent (pushes and pops are single operations), so carry on.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Hands back the previous task (if any) and takes the next one, earliest first.
    pub(super) fn next(&self, finished: Option<Finished>, stop: &dyn Fn() -> bool) -> Option<Turn> {
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
            if let Some(wide) = state.take_help() {
                return Some(Turn {
                    work: Work::Help(wide),
                    grow: false,
                });
            }
            if let Some(task) = state.take() {
                // Workers start as the tree shows it has work for them: a tiny tree is walked
                // by one, without paying for 20 thread starts (about 80 us each here).
                let grow = state.tasks.len() > state.idle && state.started < state.limit;
                if grow {
                    state.started += 1;
                }
                return Some(Turn {
                    work: Work::Task(task),
                    grow,
                });
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
    pub(super) fn next_alone(&self, finished: Option<Finished>) -> Option<Task> {
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

    /// Hands back a task the starting thread finished, for the workers to go on from.
    pub(super) fn hand_back(&self, finished: Finished) {
        self.lock().finish(finished);
    }

    /// Counts the first worker as started, unless the walk is already over.
    pub(super) fn start_first(&self) -> bool {
        let mut state = self.lock();
        if state.tasks.is_empty() {
            return false;
        }
        state.started = 1;
        true
    }

    /// Whether another worker may ever help with a wide directory (-j above 1).
    pub(super) fn may_help(&self) -> bool {
        self.lock().limit > 1
    }

    /// The most workers the walk may have.
    pub(super) fn limit(&self) -> usize {
        self.lock().limit
    }

    /// Offers the chunks of a wide directory to the workers: wakes idle ones, and returns how
    /// many more to start (counted in `started` already) so that up to `helpers` help, at most
    /// one for every chunk left beyond the owner's.
    pub(super) fn publish(&self, wide: Arc<Wide>, helpers: usize) -> usize {
        let mut state = self.lock();
        let (wake, more) = state.helpers_for(&wide, helpers);
        state.wide.push(wide);
        self.wake(wake);
        more
    }

    /// The stats of a wide directory are slow: as `publish`, with every worker -j allows.
    pub(super) fn widen(&self, wide: &Wide) -> usize {
        let mut state = self.lock();
        let all = state.limit;
        let (wake, more) = state.helpers_for(wide, all);
        self.wake(wake);
        more
    }

    fn wake(&self, workers: usize) {
        for _ in 0..workers {
            self.ready.notify_one();
        }
    }

    /// Takes a wide directory off the offers (its owner is done helping with it).
    pub(super) fn retire(&self, wide: &Arc<Wide>) {
        self.lock().wide.retain(|w| !Arc::ptr_eq(w, wide));
    }

    /// `count` workers counted in `started` could not be spawned: take them back and start no
    /// more.
    pub(super) fn spawn_failed(&self, count: usize) {
        let mut state = self.lock();
        state.started -= count;
        state.limit = state.started;
    }

    /// A worker gives up its task at `place` without results (it is stopping or unwinding).
    pub(super) fn abandon(&self, place: Place) {
        let mut state = self.lock();
        state.stop_working(place);
        self.ready.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::CString;

    use super::*;
    use crate::walk::task::Target;

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
        QueueState::new(20)
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
