//! How much of a file system the walk has seen, for -v's estimate: when the one operand is the
//! root of a mount, the inodes of that file system the scans have shown, against what statfs
//! says it uses (files − free files), re-read at every tick.
//!
//! Counted as statfs counts: each directory once, even when a bind mount shows it again (the
//! same dev/ino: what lies below it is not counted twice); each name of a file with N links as
//! 1/N (its inode is one, all its names being on this file system), except on tmpfs, which
//! counts every name; nothing on another file system. Scans arrive in any order, so one whose
//! directory has not been announced by its parent's scan yet waits, reduced to what it adds.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::time::Duration;

use crate::config::{Config, Deref, Progress};
use crate::report::estimate::Estimate;
use crate::sys::fs::{inodes_in_use, mount_root_dev};
use crate::walk::scan::{Body, Child, DirId, Entry, Scan};

/// The inodes seen of the operand's file system.
pub(crate) struct InodeShare {
    /// The operand, for statfs.
    path: OsString,
    /// Its file system; entries on others are not counted.
    dev: u64,
    /// tmpfs: a name is an inode.
    counts_names: bool,
    /// Inodes seen (a fraction for each name of a hard-linked file).
    seen: f64,
    /// The file system's used inodes at the last look.
    used: u64,
    /// The directories counted, by dev/ino.
    dirs: HashSet<(u64, u64)>,
    /// Scan ids of directories whose contents count, announced by a counted scan.
    counted: HashSet<DirId>,
    /// Scan ids of directories whose contents do not (a directory seen before, another file
    /// system), announced by their parent's scan.
    skipped: HashSet<DirId>,
    /// Scans that came before their parent's, by id.
    early: HashMap<DirId, Contents>,
}

/// What one scan adds: the weight of its non-directories, and its directories.
struct Contents {
    files: f64,
    /// dev, ino and scan id (None for a directory the walk does not enter) of each directory.
    dirs: Vec<(u64, u64, Option<DirId>)>,
}

impl InodeShare {
    /// The counter for this run, when the estimate means something: -v, one operand named
    /// on the command line, a directory at the root of a mount on a file system that counts
    /// its own inodes (not FUSE or overlayfs, whose counts describe something else), and
    /// nothing that leaves part of it out or counts part of it twice (--exclude, -L). -x is
    /// fine: the count leaves other file systems out anyway.
    pub(crate) fn for_run(config: &Config) -> Option<InodeShare> {
        let applies = config.progress != Progress::Off
            && config.operands.len() == 1
            && config.files0.is_none()
            && config.excludes.is_empty()
            && config.deref != Deref::Always;
        if !applies {
            return None;
        }
        let path = config.operands[0].clone();
        let dev = mount_root_dev(&path, config.deref == Deref::Operands).ok()??;
        let inodes = inodes_in_use(&path)
            .ok()
            .filter(|i| i.used > 0 && !i.is_stacked)?;
        Some(InodeShare {
            path,
            dev,
            counts_names: inodes.counts_names,
            seen: 0.0,
            used: inodes.used,
            dirs: HashSet::new(),
            counted: HashSet::new(),
            skipped: HashSet::new(),
            early: HashMap::new(),
        })
    }

    /// Counts what `scan` shows, if its directory counts.
    pub(crate) fn count(&mut self, scan: &Scan) {
        let contents = match &scan.body {
            Body::Operand(entry) => {
                // The operand is the mount's root: it counts, and so does what is below it.
                self.counted.insert(scan.id);
                self.contents(std::slice::from_ref(entry))
            }
            Body::Listed(listing) => self.contents(&listing.entries),
            Body::Unreadable(_) => Contents {
                files: 0.0,
                dirs: Vec::new(),
            },
        };
        let mut work = vec![(scan.id, contents)];
        while let Some((id, contents)) = work.pop() {
            let counts = if self.counted.remove(&id) {
                true
            } else if self.skipped.remove(&id) {
                false
            } else {
                self.early.insert(id, contents);
                continue;
            };
            for child in self.resolve(contents, counts) {
                if let Some(early) = self.early.remove(&child) {
                    work.push((child, early));
                }
            }
        }
    }

    /// The estimate now, with the file system's used inodes looked at again (files made or
    /// removed during the walk move it; if statfs fails, the last count stands).
    pub(crate) fn estimate(&mut self, elapsed: Duration) -> Estimate {
        if let Ok(inodes) = inodes_in_use(&self.path) {
            self.used = inodes.used;
        }
        Estimate::new(self.seen, self.used, elapsed)
    }

    /// What `entries` add, before it is known whether they count.
    fn contents(&self, entries: &[Entry]) -> Contents {
        let mut contents = Contents {
            files: 0.0,
            dirs: Vec::new(),
        };
        for entry in entries {
            let Ok(meta) = &entry.meta else { continue };
            if meta.is_dir {
                let id = match entry.child {
                    Child::Dir(id) => Some(id),
                    Child::Leaf | Child::Cycle => None,
                };
                contents.dirs.push((meta.dev, meta.ino, id));
            } else if meta.dev == self.dev {
                contents.files += match self.counts_names || meta.nlink <= 1 {
                    true => 1.0,
                    false => 1.0 / meta.nlink as f64,
                };
            }
        }
        contents
    }

    /// Adds `contents` if they count, and says which of their directories count in turn;
    /// returns the ids of those directories (whose scans may be waiting).
    fn resolve(&mut self, contents: Contents, counts: bool) -> Vec<DirId> {
        if counts {
            self.seen += contents.files;
        }
        let mut ids = Vec::with_capacity(contents.dirs.len());
        for (dev, ino, id) in contents.dirs {
            let first = counts && dev == self.dev && self.dirs.insert((dev, ino));
            if first {
                self.seen += 1.0;
            }
            if let Some(id) = id {
                match first {
                    true => self.counted.insert(id),
                    false => self.skipped.insert(id),
                };
                ids.push(id);
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::scan::{Listing, Meta, Stamp, StatError};

    fn share(counts_names: bool) -> InodeShare {
        InodeShare {
            path: OsString::from("/nonexistent"),
            dev: 1,
            counts_names,
            seen: 0.0,
            used: 100,
            dirs: HashSet::new(),
            counted: HashSet::new(),
            skipped: HashSet::new(),
            early: HashMap::new(),
        }
    }

    fn entry(dev: u64, ino: u64, is_dir: bool, nlink: u64, child: Child) -> Entry {
        Entry {
            name: 0..0,
            meta: Ok(Meta {
                dev,
                ino,
                nlink,
                blocks: 0,
                size: 0,
                is_dir,
                is_regular: !is_dir,
                time: Stamp::EPOCH,
            }),
            child,
            symlinks: 0,
        }
    }

    fn listed(id: DirId, entries: Vec<Entry>) -> Scan {
        Scan {
            id,
            body: Body::Listed(Listing {
                entries,
                ..Listing::default()
            }),
        }
    }

    /// A root (id 0, listing 1) with a file, a file with 2 links (both names here), a
    /// directory (2) holding a bind mount of the root's listing (3), another file system (4),
    /// and an entry that could not be stat'ed.
    fn scans() -> Vec<Scan> {
        let root = Scan {
            id: 0,
            body: Body::Operand(entry(1, 2, true, 4, Child::Dir(1))),
        };
        let top = listed(
            1,
            vec![
                entry(1, 10, false, 1, Child::Leaf),
                entry(1, 11, false, 2, Child::Leaf),
                entry(1, 11, false, 2, Child::Leaf),
                entry(1, 12, true, 2, Child::Dir(2)),
                entry(9, 2, true, 2, Child::Dir(4)),
                Entry {
                    name: 0..0,
                    meta: Err(StatError::Dangling),
                    child: Child::Leaf,
                    symlinks: 0,
                },
            ],
        );
        let sub = listed(2, vec![entry(1, 2, true, 4, Child::Dir(3))]);
        let bound = listed(3, vec![entry(1, 10, false, 1, Child::Leaf)]);
        let other = listed(4, vec![entry(9, 5, false, 1, Child::Leaf)]);
        vec![root, top, sub, bound, other]
    }

    #[test]
    fn what_statfs_counts_once_and_nothing_else() {
        let mut s = share(false);
        for scan in scans() {
            s.count(&scan);
        }
        // The root, f, the linked file (½ + ½), the subdirectory.
        assert_eq!(s.seen, 4.0);
        assert!(s.counted.is_empty() && s.skipped.is_empty() && s.early.is_empty());
        let mut s = share(true);
        for scan in scans() {
            s.count(&scan);
        }
        assert_eq!(s.seen, 5.0, "tmpfs counts both names");
    }

    #[test]
    fn scans_before_their_parents_wait_for_them() {
        for order in [[4, 3, 2, 1, 0], [0, 3, 2, 4, 1], [2, 0, 3, 1, 4]] {
            let scans = scans();
            let mut s = share(false);
            for i in order {
                s.count(&scans[i]);
            }
            assert_eq!(s.seen, 4.0, "{order:?}");
            assert!(s.early.is_empty(), "{order:?}");
        }
    }

    #[test]
    fn only_a_lone_mount_root_with_nothing_left_out() {
        let mut config = Config::new(vec!["/".into()]);
        assert!(InodeShare::for_run(&config).is_none(), "not without -v");
        config.progress = Progress::Lines;
        let root = InodeShare::for_run(&config);
        assert!(root.as_ref().is_none_or(|s| s.used > 0));
        let t = tempfile::tempdir().expect("a temporary directory");
        let below = t.path().as_os_str().to_owned();
        let changes: [fn(&mut Config, &OsString); 4] = [
            |c, _| c.operands.push("/".into()),
            |c, _| c.deref = Deref::Always,
            |c, _| c.excludes.add(b"x"),
            |c, below| c.operands = vec![below.clone()],
        ];
        for change in changes {
            let mut changed = config.clone();
            change(&mut changed, &below);
            assert!(InodeShare::for_run(&changed).is_none(), "{changed:?}");
        }
    }
}
