//! What one task is and how a worker runs it: an operand is stat'ed by path; a directory is
//! opened by its route, read, its entries stat'ed relative to it, and its subdirectories made
//! into new tasks. Either way the result is one `Scan` and the tasks it found.

use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;
use std::ffi::{CStr, CString, OsStr};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::Ordering;
use std::sync::{Arc, MutexGuard};

use rustix::fs::CWD;

use crate::config::Deref;
use crate::gnu::path::{child_path, fts_root_path};
use crate::walk::Walker;
use crate::walk::dir::{Dirent, Reader, fts_order, stat};
use crate::walk::probe::Probe;
use crate::walk::queue::Place;
use crate::walk::route::{Ancestor, Route};
use crate::walk::scan::{Body, Child, DirId, Entry, Listing, Meta, Scan, StatError};
use crate::walk::stream::SEGMENT;
use crate::walk::symlinks::symlinks_followed;

/// Under `cfg(test)`, a walk thread that takes a directory of this name panics.
#[cfg(test)]
const PANIC_FOR_TESTS: &[u8] = b"dug-test-panic";

/// What kind of object a task names.
pub(super) enum Target {
    /// An operand: stat it by path, then list it if it is a directory.
    Operand,
    /// A directory to open below its parent and list.
    Dir {
        /// Where it is.
        at: DirAt,
        /// Open through a symlink (-L everywhere; -D/-H/-L for an operand).
        follow: bool,
    },
    /// A wide directory already read (see `Read`).
    Read(Box<Read>),
}

/// Where a directory to list is, as its parent saw it.
pub(super) struct DirAt {
    /// How to reach the parent.
    route: Route,
    /// The directory and those above it, for -L cycle checks (`None`: no check).
    ancestors: Option<Arc<Ancestor>>,
    /// Take a `Probe` once it is read (see `PROBE_DEPTH`).
    probe: bool,
    /// Its device, as stat'ed from its parent (see `is_itself`).
    dev: u64,
}

/// A wide directory the starting thread has read, left for a worker to stat with the help of
/// others (see `Walker::walk_alone`): where it is, and what was read.
pub(super) struct Read {
    at: DirAt,
    fd: OwnedFd,
    listing: Listing,
    raw: Vec<Dirent>,
    /// Only the directory's first entries were read (see `stream`).
    more: bool,
}

/// How a task ended.
pub(super) enum Ran {
    /// Its scan, and the tasks for the subdirectories it found.
    Scanned(Scan, Vec<Task>),
    /// It is a wide directory, read and left for a worker as this task: no scan yet.
    Deferred(Task),
    /// The walk stopped while a wide directory's entries were stat'ed: no scan.
    Stopped,
}

/// A directory this deep below its operand, when it is the last of its parent's subdirectories
/// and symlinks are not followed, is kept open as a `Probe` once it is read: fts leaves a
/// directory by `..` (and checks where that leads) only after going more than four levels below
/// it, and the last directory four levels below it in du's order gives the replay the probe to
/// look up from when it leaves. Shallower trees (the million-entry benchmark tree is 3 deep)
/// pay nothing.
const PROBE_DEPTH: usize = 5;

/// One unit of work: an operand or one directory.
pub(super) struct Task {
    /// The id of the scan it sends.
    pub(super) id: DirId,
    /// The operand's path, or the directory's name in its parent.
    pub(super) name: CString,
    /// What the task does.
    pub(super) target: Target,
    /// The operand's device, for -x.
    pub(super) root_dev: u64,
    /// The directory's fts path, kept only when --exclude patterns need it (empty otherwise).
    pub(super) path: Vec<u8>,
    /// Where it comes in du's order, for the scheduler.
    pub(super) place: Place,
}

impl Task {
    /// The task for operand `index`, whose scan id is its index.
    pub(super) fn operand(index: usize, operand: &OsStr) -> Task {
        Task {
            id: index as DirId,
            // argv strings cannot hold a NUL byte; names from --files0-from are split on NUL.
            name: CString::new(operand.as_bytes()).expect("operands hold no NUL byte"),
            target: Target::Operand,
            root_dev: 0,
            path: Vec::new(),
            place: Place::operand(index),
        }
    }
}

/// The scan id of every directory met so far, by dev/ino, and the place in du's order of the
/// path it was met at (see `Walker::claimed`).
pub(super) type Claimed = HashMap<(u64, u64), (DirId, Place)>;

/// Gives the directory (`dev`, `ino`), met at `place`, the scan id `fresh`, unless it was met
/// before at an earlier (or the same) place in du's order: then the id it already has, and it
/// gets no second task. Met first at a later place, which workers may reach first, it is read
/// again here: du counts a directory where it meets it first, and a bind mount can show the
/// same directory with other contents at another path (its mount points), so the listing must
/// come from du's first path. The later path's listing is then simply never entered.
fn claim(claimed: &mut Claimed, dev: u64, ino: u64, fresh: DirId, place: Place) -> Option<DirId> {
    match claimed.entry((dev, ino)) {
        Slot::Occupied(known) if known.get().1 <= place => Some(known.get().0),
        Slot::Occupied(mut later) => {
            later.insert((fresh, place));
            None
        }
        Slot::Vacant(slot) => {
            slot.insert((fresh, place));
            None
        }
    }
}

/// The directory being listed: its task's name, place in du's order, operand's device (for
/// -x) and fts path (kept only when --exclude patterns need it), and where it is.
pub(super) struct Here<'t> {
    name: &'t CStr,
    pub(super) place: Place,
    root_dev: u64,
    path: &'t [u8],
    at: DirAt,
}

impl Here<'_> {
    /// What its entries' stats need to know of it.
    pub(super) fn parent(&self) -> Parent<'_> {
        Parent {
            path: self.path,
            dev: self.at.dev,
            root_dev: self.root_dev,
            ancestors: self.at.ancestors.as_ref(),
        }
    }
}

/// What an entry's stat needs to know of its directory: its fts path (for --exclude; empty
/// when no pattern needs it), its device, its operand's device (for -x) and, for -L cycle
/// checks, its ancestors.
pub(super) struct Parent<'t> {
    pub(super) path: &'t [u8],
    pub(super) dev: u64,
    pub(super) root_dev: u64,
    pub(super) ancestors: Option<&'t Arc<Ancestor>>,
}

/// Whether an entry of a directory on device `dev`, whose directory entry gives inode `ino`,
/// was stat'ed (following symlinks) as itself: then it is no symlink, and -L need not count
/// links for it. Inode numbers are unique on a device, and a symlink leads elsewhere (or, to
/// itself, to ELOOP). Anything else (a link, a mount point, a file system whose d_ino is not
/// st_ino, a failed stat) is counted, which is right for all of them.
fn is_itself(meta: &Result<Meta, StatError>, ino: u64, dev: u64) -> bool {
    matches!(meta, Ok(m) if m.ino == ino && m.dev == dev)
}

fn scan(id: DirId, body: Body) -> Scan {
    Scan { id, body }
}

impl Walker<'_> {
    /// Runs one task. `spawn` starts that many more workers, to help with a wide directory;
    /// without it (the starting thread, before any worker runs) a wide directory is read and
    /// deferred, so that the starting thread can become the aggregator while workers stat it.
    pub(super) fn run_task(
        &self,
        task: Task,
        buf: &mut [MaybeUninit<u8>],
        spawn: Option<&dyn Fn(usize)>,
    ) -> Ran {
        // The unit tests' way to make the walk panic (lib.rs): a directory of this name.
        #[cfg(test)]
        if task.name.to_bytes() == PANIC_FOR_TESTS {
            panic!("a walk thread panics on purpose, for a test");
        }
        let Task {
            id,
            name,
            target,
            root_dev,
            path,
            place,
        } = task;
        let here = |at| Here {
            name: &name,
            place,
            root_dev,
            path: &path,
            at,
        };
        match target {
            Target::Operand => {
                let (scan, tasks) = self.run_operand(id, &name, place);
                Ran::Scanned(scan, tasks)
            }
            Target::Read(read) => {
                let Read {
                    at,
                    fd,
                    listing,
                    raw,
                    more,
                } = *read;
                if more {
                    // (Only workers take a deferred directory, and they always have `spawn`.)
                    let spawn = spawn.unwrap_or(&|_| ());
                    self.stream(id, fd, listing, raw, here(at), buf, spawn)
                } else {
                    self.stat_listing(id, fd, listing, raw, here(at), spawn)
                }
            }
            Target::Dir { at, follow } => {
                let operand_follow = self.config.deref != Deref::Never;
                match at.route.open(&name, follow, operand_follow) {
                    Ok(fd) => self.list(id, fd, here(at), buf, spawn),
                    Err(e) => Ran::Scanned(scan(id, Body::Unreadable(e)), Vec::new()),
                }
            }
        }
    }

    /// The directories met so far, locked (`None` unless the walk shares directories). A
    /// worker that panicked while holding the lock leaves the map consistent (an insert is
    /// one operation), so the poison is ignored.
    fn claims(&self) -> Option<MutexGuard<'_, Claimed>> {
        self.claimed
            .as_ref()
            .map(|c| c.lock().unwrap_or_else(|p| p.into_inner()))
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
                symlinks: 0,
            };
            return (scan(id, Body::Operand(entry)), Vec::new());
        }
        let follow = self.config.deref != Deref::Never;
        let meta = stat(CWD, name, follow, self.config.time_kind);
        let symlinks = match self.config.deref {
            Deref::Always => symlinks_followed(CWD, name.to_bytes()),
            Deref::Never | Deref::Operands => 0,
        };
        let mut children = Vec::new();
        let mut child = Child::Leaf;
        if let Ok(m) = &meta
            && m.is_dir
        {
            let child_id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let known = self
                .claims()
                .and_then(|mut claimed| claim(&mut claimed, m.dev, m.ino, child_id, place));
            if let Some(known) = known {
                let entry = Entry {
                    name: 0..0,
                    meta,
                    child: Child::Dir(known),
                    symlinks,
                };
                return (scan(id, Body::Operand(entry)), Vec::new());
            }
            child = Child::Dir(child_id);
            children.push(Task {
                id: child_id,
                name: name.to_owned(),
                target: Target::Dir {
                    at: DirAt {
                        route: Route::default(),
                        ancestors: self
                            .needs_cycle_check()
                            .then(|| Ancestor::top(m.dev, m.ino)),
                        probe: false,
                        dev: m.dev,
                    },
                    follow,
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
            symlinks,
        };
        (scan(id, Body::Operand(entry)), children)
    }

    /// Reads an open directory in fts order and goes on with `stat_listing`; on the starting
    /// thread (no `spawn`), a wide directory is deferred instead, read.
    fn list(
        &self,
        id: DirId,
        fd: OwnedFd,
        here: Here<'_>,
        buf: &mut [MaybeUninit<u8>],
        spawn: Option<&dyn Fn(usize)>,
    ) -> Ran {
        let mut listing = Listing::default();
        let mut raw = Vec::new();
        // A directory longer than a segment is stat'ed while it is read (see `stream`) if
        // other workers may help. (Asked only then: the queue's lock is not taken for every
        // small directory.)
        let mut reader = Reader::new(&fd, buf);
        if let Err(e) = reader.fill(&mut raw, SEGMENT, &mut listing) {
            return Ran::Scanned(scan(id, Body::Unreadable(e)), Vec::new());
        }
        let mut more = !reader.is_done();
        if more && !self.queue.may_help() {
            // (Past the directory's first entry an error goes into listing.error instead.)
            if let Err(e) = reader.fill(&mut raw, usize::MAX, &mut listing) {
                return Ran::Scanned(scan(id, Body::Unreadable(e)), Vec::new());
            }
            more = false;
        }
        if more && let Some(spawn) = spawn {
            return self.stream(id, fd, listing, raw, here, buf, spawn);
        }
        if !more {
            fts_order(&mut raw, &fd);
        }
        if spawn.is_none() && (more || self.goes_wide(raw.len())) {
            let read = Read {
                at: here.at,
                fd,
                listing,
                raw,
                more,
            };
            return Ran::Deferred(Task {
                id,
                name: here.name.to_owned(),
                target: Target::Read(Box::new(read)),
                root_dev: here.root_dev,
                path: here.path.to_vec(),
                place: here.place,
            });
        }
        self.stat_listing(id, fd, listing, raw, here, spawn)
    }

    /// Stats the entries read (a wide directory's with the help of other workers, see `wide`)
    /// relative to the directory and makes a task for every subdirectory to enter.
    pub(super) fn stat_listing(
        &self,
        id: DirId,
        fd: OwnedFd,
        mut listing: Listing,
        raw: Vec<Dirent>,
        here: Here<'_>,
        spawn: Option<&dyn Fn(usize)>,
    ) -> Ran {
        let parent = here.parent();
        let fd = if self.goes_wide(raw.len()) {
            let names = std::mem::take(&mut listing.names);
            let spawn = spawn.unwrap_or(&|_| ());
            let Some((fd, names, entries)) =
                self.stat_wide(fd, names, raw, &parent, here.place, spawn)
            else {
                return Ran::Stopped;
            };
            listing.names = names;
            listing.entries = entries;
            listing.counted_ahead = true;
            fd
        } else {
            self.stat_entries(&fd, &listing.names, &raw, &parent, &mut listing.entries);
            fd
        };
        self.listed(id, fd, listing, here)
    }

    /// A directory whose entries are stat'ed: its probe taken if it needs one (see
    /// `PROBE_DEPTH`), a task made for every subdirectory to enter, and its scan.
    pub(super) fn listed(
        &self,
        id: DirId,
        fd: OwnedFd,
        mut listing: Listing,
        here: Here<'_>,
    ) -> Ran {
        if here.at.probe {
            listing.above = Probe::take(&fd, &self.probes).map(Box::new);
        }
        let subdirs = listing
            .entries
            .iter()
            .filter(|e| matches!(e.child, Child::Dir(_)))
            .count();
        let tasks = match subdirs {
            0 => Vec::new(),
            _ => self.subdir_tasks(&mut listing, subdirs, fd, here),
        };
        Ran::Scanned(scan(id, Body::Listed(listing)), tasks)
    }

    /// Stats the entries `raw` (names in `names`) relative to the directory `fd` and appends
    /// them to `entries`, in order (see `stat_entry`).
    fn stat_entries(
        &self,
        fd: &OwnedFd,
        names: &[u8],
        raw: &[Dirent],
        parent: &Parent<'_>,
        entries: &mut Vec<Entry>,
    ) {
        entries.reserve_exact(raw.len());
        for dirent in raw {
            entries.push(self.stat_entry(fd.as_fd(), names, dirent, parent));
        }
    }

    /// Stats one entry (its name in `names`) relative to its directory `fd`: a subdirectory to
    /// enter comes back as `Child::Dir(0)`, its id still to be given. An entry an --exclude
    /// pattern matches is neither stat'ed nor entered, as du does.
    // Inlined into both of its loops (here and `wide`): called through a function it cost the
    // warm million and Linux trees 10-16% (BENCHMARKS.md, issue 14).
    #[inline(always)]
    pub(super) fn stat_entry(
        &self,
        fd: BorrowedFd<'_>,
        names: &[u8],
        dirent: &Dirent,
        parent: &Parent<'_>,
    ) -> Entry {
        let follow = self.config.deref == Deref::Always;
        let name = dirent.name.clone();
        if self.has_excludes()
            && self
                .config
                .excludes
                .is_excluded(&child_path(parent.path, &names[name.clone()]))
        {
            return Entry {
                name,
                meta: Err(StatError::Skipped),
                child: Child::Leaf,
                symlinks: 0,
            };
        }
        let cname = CStr::from_bytes_with_nul(&names[name.start..=name.end])
            .expect("names are stored NUL-terminated without inner NULs");
        let meta = stat(fd, cname, follow, self.config.time_kind);
        let symlinks = if follow && !is_itself(&meta, dirent.ino, parent.dev) {
            symlinks_followed(fd, cname.to_bytes())
        } else {
            0
        };
        let child = match &meta {
            Ok(m) if m.is_dir => {
                if self.config.one_file_system && m.dev != parent.root_dev {
                    Child::Leaf
                } else if parent.ancestors.is_some_and(|a| a.contains(m.dev, m.ino)) {
                    Child::Cycle
                } else {
                    Child::Dir(0)
                }
            }
            _ => Child::Leaf,
        };
        Entry {
            name,
            meta,
            child,
            symlinks,
        }
    }

    /// Gives the `subdirs` subdirectories to enter in `listing` their scan ids, and a task each
    /// unless another path claimed it first. The tasks reach them through `fd`, which stays
    /// open for them if the descriptor budget allows.
    fn subdir_tasks(
        &self,
        listing: &mut Listing,
        subdirs: usize,
        fd: OwnedFd,
        here: Here<'_>,
    ) -> Vec<Task> {
        let Here {
            name: own_name,
            place,
            root_dev,
            path,
            at: DirAt {
                route, ancestors, ..
            },
        } = here;
        let follow = self.config.deref == Deref::Always;
        let excludes = self.has_excludes();
        let mut tasks = Vec::with_capacity(subdirs);
        let first = self.next_id.fetch_add(subdirs as u64, Ordering::Relaxed);
        let route = route.below(own_name, fd, &self.pins);
        let mut claimed = self.claims();
        let mut next = first;
        for (index, entry) in listing.entries.iter_mut().enumerate() {
            let Child::Dir(slot) = &mut entry.child else {
                continue;
            };
            let meta = entry.meta.as_ref().expect("a directory child has its stat");
            if let Some(claimed) = claimed.as_mut()
                && let Some(known) = claim(claimed, meta.dev, meta.ino, next, place.child(index))
            {
                *slot = known;
                continue;
            }
            *slot = next;
            let name = &listing.names[entry.name.clone()];
            tasks.push(Task {
                id: next,
                name: CString::new(name).expect("directory entry names hold no NUL"),
                target: Target::Dir {
                    at: DirAt {
                        route: route.clone(),
                        ancestors: ancestors.as_ref().map(|a| a.below(meta.dev, meta.ino)),
                        probe: false,
                        dev: meta.dev,
                    },
                    follow,
                },
                root_dev,
                path: if excludes {
                    child_path(path, name)
                } else {
                    Vec::new()
                },
                place: place.child(index),
            });
            next += 1;
        }
        if let Some(Task {
            target:
                Target::Dir {
                    at: DirAt { probe, .. },
                    ..
                },
            place,
            ..
        }) = tasks.last_mut()
        {
            *probe = !follow && place.is_below(PROBE_DEPTH);
        }
        tasks
    }
}
