//! The walk's threads: the starting thread's first steps while the tree is narrow, the scoped
//! workers it grows into (each taking tasks from the queue until the walk is over), the inline
//! walk for when no thread can start, and the guard that stops the run if one panics.

use std::io;
use std::mem::MaybeUninit;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::thread::{self, Scope};

use crossbeam_channel::Sender;

use crate::walk::Walker;
use crate::walk::dir::DIR_BUFFER;
use crate::walk::queue::{Finished, Place, Turn, Work};
use crate::walk::scan::Scan;
use crate::walk::task::Ran;

impl<'a> Walker<'a> {
    /// Starts the walk. While the tree is narrow (one directory waiting at a time) the calling
    /// thread walks it, sending its scans ahead of the aggregator's turn: a tiny tree costs no
    /// thread start and no hand-over between threads, which on a loaded machine each wait
    /// for a CPU. Once two directories wait, it starts a worker in `scope`; workers start more,
    /// up to the plan's workers, while tasks wait with no idle worker to take them. The walk
    /// ends when every clone of `scans` is dropped. If not one worker can be started
    /// (RLIMIT_NPROC, no memory for a stack) the caller walks the rest: `Start::Inline`.
    pub(crate) fn start<'scope>(
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
                self.queue.spawn_failed(1);
                Start::Inline
            }
        }
    }

    /// The walk's first steps, on the starting thread, while one directory waits at a time
    /// and none is wide (see `Ran::Deferred`).
    fn walk_alone(&self, scans: &Sender<Scan>) {
        // The aggregator is not receiving yet: stay well within the channel's room.
        self.queue
            .allow_alone_steps(scans.capacity().map_or(usize::MAX, |c| c / 4));
        let mut buf = vec![MaybeUninit::<u8>::uninit(); DIR_BUFFER];
        let mut found = None;
        while !self.is_stopped() {
            let Some(task) = self.queue.next_alone(found.take()) else {
                break;
            };
            let place = task.place;
            let children = match self.run_task(task, &mut buf, None) {
                Ran::Scanned(scan, children) => {
                    if scans.send(scan).is_err() {
                        return;
                    }
                    children
                }
                Ran::Deferred(task) => {
                    // A wide directory: workers stat it while this thread becomes the
                    // aggregator, which must be receiving before they fill the channel.
                    self.queue.hand_back(Finished {
                        place,
                        found: vec![task],
                    });
                    return;
                }
                Ran::Stopped => {
                    self.queue.abandon(place);
                    return;
                }
            };
            found = Some(Finished {
                place,
                found: children,
            });
        }
    }

    /// Starts `count` workers, counted in the queue's `started` already; those that cannot be
    /// spawned are taken back.
    fn spawn_workers<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, '_>,
        scans: &Sender<Scan>,
        count: usize,
    ) {
        for spawned in 0..count {
            if self.spawn_worker(scope, scans.clone()).is_err() {
                self.queue.spawn_failed(count - spawned);
                return;
            }
        }
    }

    /// A thread of the walk panicked: stop the walk (its part is lost) and count it.
    fn lose(&self) {
        self.lost.fetch_add(1, Ordering::SeqCst);
        self.stop.store(true, Ordering::SeqCst);
    }

    /// How many threads of the walk panicked (each printed its panic message).
    pub(crate) fn lost_workers(&self) -> usize {
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
    pub(crate) fn inline(&self) -> Inline<'_, 'a> {
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
        let spawn = |count| self.spawn_workers(scope, &scans, count);
        while let Some(Turn { work, grow }) = self.queue.next(finished.take(), &stop) {
            let task = match work {
                Work::Task(task) => task,
                Work::Help(wide) => {
                    self.help(&wide);
                    continue;
                }
            };
            let place = task.place;
            guard.working = Some(place);
            // Fewer workers than asked for still walk the whole tree.
            if grow {
                spawn(1);
            }
            let (scan, children) = match self.run_task(task, &mut buf, Some(&spawn)) {
                Ran::Scanned(scan, children) => (scan, children),
                Ran::Deferred(task) => {
                    finished = Some(Finished {
                        place,
                        found: vec![task],
                    });
                    guard.working = None;
                    continue;
                }
                Ran::Stopped => {
                    // Stopped inside a wide directory: it sends no scan.
                    self.queue.abandon(place);
                    guard.working = None;
                    continue;
                }
            };
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
}

/// How the walk goes on after `Walker::start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Start {
    /// Workers (or nobody, when the walk is already over) send the scans down the channel.
    Channel,
    /// Not one worker could start: the caller takes what the channel holds, then walks the
    /// rest itself through `Walker::inline`.
    Inline,
}

/// The walk run by its caller: each `next` takes one task, runs it and returns its scan; `None`
/// when the walk is over or stopped.
pub(crate) struct Inline<'w, 'a> {
    walker: &'w Walker<'a>,
    buf: Vec<MaybeUninit<u8>>,
    finished: Option<Finished>,
}

impl Iterator for Inline<'_, '_> {
    type Item = Scan;

    fn next(&mut self) -> Option<Scan> {
        let walker = self.walker;
        let stop = || walker.is_stopped();
        let task = loop {
            match walker.queue.next(self.finished.take(), &stop)?.work {
                Work::Task(task) => break task,
                // Not offered without workers; were one offered, help with it.
                Work::Help(wide) => walker.help(&wide),
            }
        };
        let place = task.place;
        let buf = &mut self.buf;
        match catch_unwind(AssertUnwindSafe(|| {
            walker.run_task(task, buf, Some(&|_| ()))
        })) {
            Ok(Ran::Scanned(scan, children)) => {
                self.finished = Some(Finished {
                    place,
                    found: children,
                });
                Some(scan)
            }
            Ok(Ran::Deferred(_) | Ran::Stopped) => {
                walker.queue.abandon(place);
                None
            }
            Err(_) => {
                walker.lose();
                walker.queue.abandon(place);
                None
            }
        }
    }
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
