//! Building the trees tests run on: a temp dir per tree under /tmp that nobody can enter, files
//! of exact sizes, sparse files, hard links, symlinks, FIFOs, set times, taken permissions
//! (given back on drop), chains of directories far beyond PATH_MAX, and copies of `fixtures/`.

use std::cell::{Cell, RefCell};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::Write as _;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use rustix::fs::{CWD, Mode, OFlags};
use tempfile::TempDir;

/// A fresh temp dir under /tmp that nobody can enter: tempfile makes it 0700, so it is opened
/// to 0755.
pub fn temp_root() -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("dug-test-")
        .tempdir_in("/tmp")
        .expect("create a temp dir in /tmp");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod temp dir");
    dir
}

/// A tree under construction in its own temp dir. Paths given to its methods are relative to
/// the root and may hold any bytes. Dropping it gives back the permissions it took away, so a
/// non-root run can delete it, and falls back to `rm -rf` for trees too deep for
/// `remove_dir_all`.
pub struct Tree {
    dir: Option<TempDir>,
    root: PathBuf,
    locked: RefCell<Vec<PathBuf>>,
    /// Holds a chain too deep for `remove_dir_all`, which recurses once per level and
    /// overflows a test thread's stack thousands of levels down.
    is_deep: Cell<bool>,
}

/// A relative path from raw bytes (for names that are not UTF-8).
pub fn bytes_path(bytes: &[u8]) -> PathBuf {
    PathBuf::from(OsStr::from_bytes(bytes))
}

/// Bytes a sized file is filled with: data, so every block is allocated.
const FILL: &[u8] = b"dug differential test data\n";

impl Tree {
    /// An empty tree.
    pub fn new() -> Tree {
        let dir = temp_root();
        let root = dir.path().to_path_buf();
        Tree {
            dir: Some(dir),
            root,
            locked: RefCell::new(Vec::new()),
            is_deep: Cell::new(false),
        }
    }

    /// The root directory.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// `rel` under the root.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    fn parent_of(&self, rel: &Path) {
        if let Some(parent) = self.join(rel).parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir -p {parent:?}: {e}"));
        }
    }

    /// `mkdir -p rel`.
    pub fn dir(&self, rel: impl AsRef<Path>) -> &Tree {
        let path = self.join(rel);
        fs::create_dir_all(&path).unwrap_or_else(|e| panic!("mkdir -p {path:?}: {e}"));
        self
    }

    /// A regular file of `size` bytes of data (parents created as needed).
    pub fn file(&self, rel: impl AsRef<Path>, size: usize) -> &Tree {
        let rel = rel.as_ref();
        self.parent_of(rel);
        let data: Vec<u8> = FILL.iter().copied().cycle().take(size).collect();
        let path = self.join(rel);
        fs::write(&path, data).unwrap_or_else(|e| panic!("write {path:?}: {e}"));
        self
    }

    /// A file of apparent size `len` with no data blocks at all.
    pub fn sparse(&self, rel: impl AsRef<Path>, len: u64) -> &Tree {
        let rel = rel.as_ref();
        self.parent_of(rel);
        let path = self.join(rel);
        let f = File::create(&path).unwrap_or_else(|e| panic!("create {path:?}: {e}"));
        f.set_len(len)
            .unwrap_or_else(|e| panic!("truncate {path:?}: {e}"));
        self
    }

    /// A file of apparent size `len` whose only data is its last byte.
    pub fn sparse_tail(&self, rel: impl AsRef<Path>, len: u64) -> &Tree {
        use std::os::unix::fs::FileExt;
        let rel = rel.as_ref();
        self.parent_of(rel);
        let path = self.join(rel);
        let f = File::create(&path).unwrap_or_else(|e| panic!("create {path:?}: {e}"));
        f.write_all_at(b"!", len - 1)
            .unwrap_or_else(|e| panic!("write end of {path:?}: {e}"));
        self
    }

    /// A hard link `new` to the existing `existing`.
    pub fn hard_link(&self, existing: impl AsRef<Path>, new: impl AsRef<Path>) -> &Tree {
        let new = new.as_ref();
        self.parent_of(new);
        let (from, to) = (self.join(existing), self.join(new));
        fs::hard_link(&from, &to).unwrap_or_else(|e| panic!("ln {from:?} {to:?}: {e}"));
        self
    }

    /// A symlink at `link` whose target is `target`, stored as given.
    pub fn symlink(&self, target: impl AsRef<Path>, link: impl AsRef<Path>) -> &Tree {
        let link = link.as_ref();
        self.parent_of(link);
        let (target, to) = (target.as_ref(), self.join(link));
        symlink(target, &to).unwrap_or_else(|e| panic!("ln -s {target:?} {to:?}: {e}"));
        self
    }

    /// Sets the access and modification times of `rel` (not following a symlink), in seconds
    /// and nanoseconds since the epoch.
    pub fn times(&self, rel: impl AsRef<Path>, atime: (i64, i64), mtime: (i64, i64)) -> &Tree {
        use rustix::fs::{AtFlags, Timespec, Timestamps};
        let path = self.join(rel);
        let stamp = |(sec, nsec): (i64, i64)| Timespec {
            tv_sec: sec,
            tv_nsec: nsec,
        };
        let times = Timestamps {
            last_access: stamp(atime),
            last_modification: stamp(mtime),
        };
        rustix::fs::utimensat(CWD, &path, &times, AtFlags::SYMLINK_NOFOLLOW)
            .unwrap_or_else(|e| panic!("set times of {path:?}: {e}"));
        self
    }

    /// A FIFO (`mkfifo`).
    pub fn fifo(&self, rel: impl AsRef<Path>) -> &Tree {
        let rel = rel.as_ref();
        self.parent_of(rel);
        let path = self.join(rel);
        rustix::fs::mkfifoat(CWD, &path, Mode::from_raw_mode(0o644))
            .unwrap_or_else(|e| panic!("mkfifo {path:?}: {e}"));
        self
    }

    /// `chmod mode rel`; the tree gives the permissions back before it is deleted.
    pub fn chmod(&self, rel: impl AsRef<Path>, mode: u32) -> &Tree {
        let path = self.join(rel);
        fs::set_permissions(&path, fs::Permissions::from_mode(mode))
            .unwrap_or_else(|e| panic!("chmod {mode:o} {path:?}: {e}"));
        self.locked.borrow_mut().push(path);
        self
    }

    /// A chain of `levels` directories named `name` below `rel`, made one level at a time
    /// relative to the one above (mkdirat/openat), so the chain may go far beyond PATH_MAX.
    /// A 100-byte `leaf` goes in the deepest one, and a 10-byte `f` in every `every`th level
    /// (none if `every` is 0). Returns the relative path of the deepest directory.
    pub fn chain(&self, rel: impl AsRef<Path>, name: &str, levels: usize, every: usize) -> PathBuf {
        let rel = rel.as_ref();
        self.dir(rel);
        if levels > 500 {
            self.is_deep.set(true);
        }
        let open_dir = |at: &OwnedFd, name: &str| {
            rustix::fs::openat(
                at,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .unwrap_or_else(|e| panic!("open {name} in the chain: {e}"))
        };
        let mut at = rustix::fs::openat(
            CWD,
            self.join(rel),
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .expect("open the chain's top");
        let mut deepest = rel.to_path_buf();
        for level in 1..=levels {
            rustix::fs::mkdirat(&at, name, Mode::from_raw_mode(0o755))
                .unwrap_or_else(|e| panic!("mkdir level {level}: {e}"));
            at = open_dir(&at, name);
            deepest.push(name);
            if every > 0 && level % every == 0 {
                write_at(&at, "f", 10);
            }
        }
        write_at(&at, "leaf", 100);
        deepest
    }
}

/// Writes a file of `size` bytes named `name` in the directory `at`.
fn write_at(at: &OwnedFd, name: &str, size: usize) {
    let fd = rustix::fs::openat(
        at,
        name,
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o644),
    )
    .unwrap_or_else(|e| panic!("create {name}: {e}"));
    let data: Vec<u8> = FILL.iter().copied().cycle().take(size).collect();
    File::from(fd)
        .write_all(&data)
        .unwrap_or_else(|e| panic!("write {name}: {e}"));
}

impl Default for Tree {
    fn default() -> Tree {
        Tree::new()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        for path in self.locked.borrow().iter().rev() {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o755));
        }
        let Some(dir) = self.dir.take() else { return };
        if self.is_deep.get() {
            // rm walks with fts, which keeps no stack per level.
            let _ = Command::new("rm").arg("-rf").arg(&self.root).status();
            let _ = dir.keep();
        } else if dir.close().is_err() {
            let _ = Command::new("rm").arg("-rf").arg(&self.root).status();
        }
    }
}

/// Copies `fixtures/<name>` into a fresh temp dir (tests never change the checked-in tree),
/// keeping symlinks as they are; returns the temp dir and the copy's path.
pub fn fixture_copy(name: &str) -> (Tree, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    assert!(src.is_dir(), "no fixture {src:?}");
    let t = Tree::new();
    let status = Command::new("cp")
        .arg("-R")
        .arg("-P")
        .arg(&src)
        .arg(t.path())
        .status()
        .expect("run cp");
    assert!(
        status.success(),
        "cp -R -P {src:?} {:?}: {status}",
        t.path()
    );
    let copy = t.join(name);
    (t, copy)
}
