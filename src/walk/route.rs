//! How a task reaches its directory: fd routes (the nearest open ancestor, pinned under the
//! descriptor budget, and the names below it) and, for -L, the chain of ancestors that catches
//! a directory met again on its own path.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::OwnedFd;
use std::sync::Arc;

use rustix::fs::CWD;

use crate::walk::budget::{Pin, Pins};
use crate::walk::dir::open_dir;

/// A directory's identity, chained to its ancestors, for -L cycle checks (fts's FTS_DC).
pub(super) struct Ancestor {
    dev: u64,
    ino: u64,
    parent: Option<Arc<Ancestor>>,
}

impl Ancestor {
    /// The operand's directory (`dev`, `ino`): the top of its chain.
    pub(super) fn top(dev: u64, ino: u64) -> Arc<Ancestor> {
        Arc::new(Ancestor {
            dev,
            ino,
            parent: None,
        })
    }

    /// The directory (`dev`, `ino`) just below this one.
    pub(super) fn below(self: &Arc<Self>, dev: u64, ino: u64) -> Arc<Ancestor> {
        Arc::new(Ancestor {
            dev,
            ino,
            parent: Some(Arc::clone(self)),
        })
    }

    /// Whether the directory (`dev`, `ino`) is this one or one above it.
    pub(super) fn contains(self: &Arc<Self>, dev: u64, ino: u64) -> bool {
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

/// A directory kept open, under a pin of the descriptor budget, so that its queued
/// subdirectories open relative to it.
pub(super) struct Pinned {
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
pub(super) struct Route {
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
    pub(super) fn below(self, name: &CStr, fd: OwnedFd, pins: &Pins) -> Route {
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
    pub(super) fn open(
        &self,
        name: &CStr,
        follow: bool,
        operand_follow: bool,
    ) -> io::Result<OwnedFd> {
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
