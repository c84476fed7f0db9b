//! What gnulib fts knows about the directories open above the entry du is at, for the checks it
//! makes on the way down and back up: whether a directory is one of its own ancestors (FTS_DC,
//! in constant time, as fts's hash of the active directories does), whether leaving a
//! directory will take fts's checked `..` rather than a descriptor it kept (and whether that
//! check fails), and, under -L, how many symlinks the full path of each one takes.

use std::io;

use crate::walk::probe::Probe;

/// Slots of the identity hash; a slot holds a chain of the open directories that hash there.
const SLOTS: usize = 1024;
/// How many descriptors of directories it went down from fts keeps (gnulib's I_RING_SIZE).
const RING: usize = 4;

/// One open directory.
struct Open {
    dev: u64,
    ino: u64,
    /// The next shallower open directory in the same slot, as an index + 1 (0: none).
    same_slot: u32,
    /// Under -L, the symlinks the kernel follows to resolve its path.
    symlinks: u8,
    /// fts went more than `RING` levels below it, so its descriptor ring has dropped the one
    /// of its parent: it will go up by `..`, and check that `..` is the parent it stat'ed.
    leaves_by_dotdot: bool,
    /// The latest probe of it from a directory four levels below (see `walk::probe`).
    probe: Option<Probe>,
}

/// The directories open in the replay, the operand first, in step with its frames.
pub(crate) struct Ancestors {
    open: Vec<Open>,
    /// For each slot, the deepest open directory hashed there (an index + 1; 0: none).
    heads: Vec<u32>,
}

fn slot(dev: u64, ino: u64) -> usize {
    let mixed = (ino ^ dev.rotate_left(32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - SLOTS.trailing_zeros())) as usize
}

impl Ancestors {
    /// Nothing open.
    pub(crate) fn new() -> Ancestors {
        Ancestors {
            open: Vec::new(),
            heads: vec![0; SLOTS],
        }
    }

    /// The replay enters the directory `dev`/`ino`, whose path takes `symlinks` symlinks.
    pub(crate) fn enter(&mut self, dev: u64, ino: u64, symlinks: u8) {
        let at = slot(dev, ino);
        self.open.push(Open {
            dev,
            ino,
            same_slot: self.heads[at],
            symlinks,
            leaves_by_dotdot: false,
            probe: None,
        });
        self.heads[at] = u32::try_from(self.open.len()).unwrap_or(0);
    }

    /// The deepest open directory has been opened and read, and `probe` taken from it. Opening
    /// it pushed its parent's descriptor on fts's ring, which drops the descriptor kept for
    /// going up from the directory `RING` levels higher: that one will be left by `..`.
    pub(crate) fn opened(&mut self, probe: Option<Probe>) {
        let Some(depth) = self.open.len().checked_sub(1) else {
            return;
        };
        // The operand is left by going back to the starting directory, never by `..`.
        let Some(target) = depth.checked_sub(RING).filter(|&t| t >= 1) else {
            return;
        };
        let dir = &mut self.open[target];
        dir.leaves_by_dotdot = true;
        if probe.is_some() {
            dir.probe = probe;
        }
    }

    /// The replay leaves the deepest open directory. `Err` if fts fails there: it goes up by
    /// `..`, which it cannot look up or which is not the parent it stat'ed (the directory
    /// moved meanwhile).
    pub(crate) fn leave(&mut self) -> io::Result<()> {
        let Some(left) = self.pop() else {
            return Ok(());
        };
        match (&left.probe, self.open.last()) {
            (Some(probe), Some(parent)) if left.leaves_by_dotdot => {
                probe.check((left.dev, left.ino), (parent.dev, parent.ino))
            }
            _ => Ok(()),
        }
    }

    fn pop(&mut self) -> Option<Open> {
        let left = self.open.pop()?;
        self.heads[slot(left.dev, left.ino)] = left.same_slot;
        Some(left)
    }

    /// Forgets every open directory (fts gave up on the operand).
    pub(crate) fn clear(&mut self) {
        while self.pop().is_some() {}
    }

    /// The depth of the open directory `dev`/`ino`, if one is open.
    pub(crate) fn find(&self, dev: u64, ino: u64) -> Option<usize> {
        let mut next = self.heads[slot(dev, ino)];
        while let Some(index) = (next as usize).checked_sub(1) {
            let dir = &self.open[index];
            if dir.dev == dev && dir.ino == ino {
                return Some(index);
            }
            next = dir.same_slot;
        }
        None
    }

    /// The dev/ino of the open directories below depth `depth`, deepest first.
    pub(crate) fn below(&self, depth: usize) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.open[depth + 1..].iter().rev().map(|d| (d.dev, d.ino))
    }

    /// Under -L, the symlinks the path of the deepest open directory takes.
    pub(crate) fn symlinks(&self) -> u8 {
        self.open.last().map_or(0, |d| d.symlinks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    #[test]
    fn finds_open_directories_by_identity_however_deep() {
        let mut a = Ancestors::new();
        for i in 0..5000 {
            a.enter(7, i % 3000, 0);
        }
        assert_eq!(a.find(7, 10), Some(3010));
        assert_eq!(a.find(7, 2999), Some(2999));
        assert_eq!(a.find(8, 10), None);
        for _ in 0..2000 {
            a.pop();
        }
        assert_eq!(a.find(7, 10), Some(10));
        assert_eq!(a.below(2997).collect::<Vec<_>>(), [(7, 2999), (7, 2998)]);
        a.clear();
        assert_eq!(a.find(7, 10), None);
        assert!(a.heads.iter().all(|&h| h == 0));
    }

    fn identity(path: &Path) -> (u64, u64) {
        let st = std::fs::metadata(path).expect("stat");
        (st.dev(), st.ino())
    }

    /// `p` and `p/d` (real directories) at depths 0 and 1, made-up ones below down to `depth`,
    /// each opened, the deepest with a probe (of `p/d/2/3/4/5`) when `probe`.
    fn chain(t: &Path, depth: u64, probe: bool) -> Ancestors {
        let mut a = Ancestors::new();
        for d in 0..=depth {
            let (dev, ino) = match d {
                0 => identity(&t.join("p")),
                1 => identity(&t.join("p/d")),
                _ => (0, 100 + d),
            };
            a.enter(dev, ino, 0);
            let look = (d == depth && probe).then(|| Probe::of(&t.join("p/d/2/3/4/5")));
            a.opened(look);
        }
        a
    }

    fn tree() -> tempfile::TempDir {
        let t = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir_all(t.path().join("p/d/2/3/4/5")).expect("mkdir");
        std::fs::create_dir_all(t.path().join("q/other/1/2/3")).expect("mkdir");
        t
    }

    #[test]
    fn a_moved_directory_fails_only_when_left_by_dotdot() {
        let t = tree();
        let mut a = chain(t.path(), 5, true);
        assert!((0..6).all(|_| a.leave().is_ok()), "`..` is still p");
        let mut a = chain(t.path(), 4, true);
        let mut b = chain(t.path(), 5, false);
        let mut c = chain(t.path(), 5, true);
        std::fs::rename(t.path().join("p/d"), t.path().join("q/d")).expect("rename");
        assert!(
            (0..5).all(|_| a.leave().is_ok()),
            "never more than four levels below"
        );
        assert!((0..6).all(|_| b.leave().is_ok()), "no probe, no verdict");
        for depth in (2..=5).rev() {
            assert!(
                c.leave().is_ok(),
                "depth {depth}: its parent's descriptor is on the ring"
            );
        }
        let e = c
            .leave()
            .expect_err("depth 1 goes up by `..`, which is no longer p");
        assert_eq!(e.raw_os_error(), Some(2));
        assert!(c.leave().is_ok(), "the operand is never left by `..`");
    }

    #[test]
    fn a_later_probe_replaces_an_earlier_one() {
        let t = tree();
        let mut a = chain(t.path(), 5, true);
        a.pop();
        a.enter(0, 205, 0);
        a.opened(Some(Probe::of(&t.path().join("q/other/1/2/3"))));
        std::fs::rename(t.path().join("p/d"), t.path().join("q/d")).expect("rename");
        assert!(
            (0..6).all(|_| a.leave().is_ok()),
            "the latest probe is from below another directory"
        );
    }
}
