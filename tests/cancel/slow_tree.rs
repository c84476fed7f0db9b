//! The slow tree: a small tree seen through `tests/support/slowfs.py`, so that a walk over it
//! lasts about 2 s on any machine, and what the whole walk prints, taken from the original.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::PATIENCE;
use crate::common::process::{Opts, Run, dug, run_with};
use crate::common::tree::temp_root;

/// Debian's interpreter, which has python3-fusepy (a pyenv python3 on PATH may not).
const PYTHON: &str = "/usr/bin/python3";

/// `SRC/tree` (20 dirs of 30 files) and the same tree seen through the slow file system at
/// `MNT/tree`; unmounted on drop.
pub struct SlowTree {
    root: TempDir,
    daemon: Child,
}

impl SlowTree {
    /// Builds the tree and mounts its slow view, or fails the test.
    pub fn new() -> SlowTree {
        SlowTree::build(|src| {
            for d in 0..20 {
                for f in 0..30 {
                    write(&src.join(format!("d{d:02}/f{f:02}")), (d * 30 + f) * 97);
                }
            }
        })
    }

    /// `tree/a/` (5 files) and then `tree/wide/`, one directory of 3,000 files whose stats
    /// workers share (src/walk/wide.rs): about 6 s through the single-threaded slow view.
    pub fn wide() -> SlowTree {
        SlowTree::build(fill_wide)
    }

    /// The `wide()` tree, its server told that a lookup of `tree/ghost` (a name the walk never
    /// asks for) takes an hour. Served one request at a time, every request after it waits
    /// with it, as requests to a server that went away do; the server creates `hang_flag()`
    /// when that lookup begins. The kernel will not give up a FUSE request its server has
    /// taken, not even for SIGKILL, so the lookup must come from another process.
    pub fn hanging() -> SlowTree {
        let args = |root: &Path| {
            let flag = root.join("hanging").into_os_string();
            ["--hang", "ghost", "--hang-flag"]
                .map(OsString::from)
                .into_iter()
                .chain([flag])
                .collect()
        };
        SlowTree::build_with(args, fill_wide)
    }

    /// Created by the server of `hanging()` when the lookup that never returns begins.
    pub fn hang_flag(&self) -> PathBuf {
        self.root.path().join("hanging")
    }

    /// Builds the tree `fill` makes under `src/tree` and mounts its slow view at `mnt/tree`.
    fn build(fill: impl FnOnce(&Path)) -> SlowTree {
        SlowTree::build_with(|_| Vec::new(), fill)
    }

    /// `build`, the server started with extra arguments made from the temporary root.
    fn build_with(args: impl FnOnce(&Path) -> Vec<OsString>, fill: impl FnOnce(&Path)) -> SlowTree {
        let root = temp_root();
        let src = root.path().join("src/tree");
        let mnt = root.path().join("mnt/tree");
        fill(&src);
        std::fs::create_dir_all(&mnt).expect("mkdir mountpoint");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/slowfs.py");
        let daemon = Command::new(PYTHON)
            .arg(&script)
            .arg(&src)
            .arg(&mnt)
            .args(args(root.path()))
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {PYTHON} {}: {e}", script.display()));
        let mut tree = SlowTree { root, daemon };
        tree.wait_for_mount(&mnt);
        tree
    }

    /// Polls for the mount; fails the test at once if the daemon gives up first (no FUSE, no
    /// fusepy, no right to mount), and after PATIENCE if it neither mounts nor ends.
    fn wait_for_mount(&mut self, mnt: &Path) {
        let deadline = Instant::now() + PATIENCE;
        while !is_mounted(mnt) {
            if let Some(status) = self.daemon.try_wait().expect("poll slowfs.py") {
                panic!(
                    "slowfs.py ended ({status}) before mounting {mnt:?}: this test needs FUSE \
                     (/dev/fuse; fusermount3 when not root) and Debian's python3-fusepy, which \
                     .ci/run installs before running it as root"
                );
            }
            assert!(
                Instant::now() < deadline,
                "never happened: slowfs mounted at {mnt:?}"
            );
            thread::sleep(Duration::from_millis(5)); // polling a state, not a timing guess
        }
    }

    /// Where the slow copy is mounted (run with cwd here, operand `tree`).
    pub fn mnt(&self) -> PathBuf {
        self.root.path().join("mnt")
    }

    /// Where the fast original is (same relative names as under `mnt`).
    pub fn src(&self) -> PathBuf {
        self.root.path().join("src")
    }
}

impl Drop for SlowTree {
    fn drop(&mut self) {
        let mnt = self.mnt().join("tree");
        let _ = Command::new("fusermount").arg("-u").arg(&mnt).status();
        if is_mounted(&mnt) {
            let _ = Command::new("umount").arg("-l").arg(&mnt).status();
        }
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// The files of `SlowTree::wide`.
fn fill_wide(src: &Path) {
    for f in 0..5 {
        write(&src.join(format!("a/f{f}")), f * 1000);
    }
    for f in 0..3000 {
        write(&src.join(format!("wide/f{f:04}")), f % 50);
    }
}

/// Writes a file of `len` bytes at `path`, making its directory.
fn write(path: &Path, len: usize) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, vec![b'x'; len]).expect("write");
}

fn is_mounted(path: &Path) -> bool {
    let table = std::fs::read_to_string("/proc/self/mountinfo").expect("read mountinfo");
    let want = path.to_str().expect("a UTF-8 temp path");
    table
        .lines()
        .any(|line| line.split(' ').nth(4) == Some(want))
}

/// What the whole walk prints, taken from the fast original.
pub fn full_output(t: &SlowTree, args: &[&str]) -> Run {
    let out = run_with(dug().as_os_str(), args, &t.src(), &Opts::default());
    assert_eq!(out.status, 0, "reference run failed: {out:?}");
    out
}
