//! A made-up or twisted file system for a test: one of the fusepy scripts in `tests/support`
//! mounted in the foreground, waited for, and unmounted on drop.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Debian's interpreter, which has python3-fusepy (a pyenv python3 on PATH may not).
const PYTHON: &str = "/usr/bin/python3";
/// How long the script may take to mount.
const PATIENCE: Duration = Duration::from_secs(60);

/// A FUSE script serving `mountpoint` until dropped.
pub struct FuseMount {
    mountpoint: PathBuf,
    /// Its id in /proc/self/mountinfo, once mounted.
    id: Option<String>,
    daemon: Child,
}

impl FuseMount {
    /// Runs `tests/support/SCRIPT` with `args` (the mount point among them) and waits until
    /// `mountpoint` is mounted; fails the test if the script ends first or never mounts.
    pub fn new(script: &str, args: &[&OsStr], mountpoint: &Path) -> FuseMount {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/support")
            .join(script);
        let daemon = Command::new(PYTHON)
            .arg(&path)
            .args(args)
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {PYTHON} {}: {e}", path.display()));
        let mut mount = FuseMount {
            mountpoint: mountpoint.to_path_buf(),
            id: None,
            daemon,
        };
        let deadline = Instant::now() + PATIENCE;
        loop {
            mount.id = mount_id(mountpoint);
            if mount.id.is_some() {
                return mount;
            }
            if let Some(status) = mount.daemon.try_wait().expect("poll the FUSE script") {
                panic!(
                    "{script} ended ({status}) before mounting {mountpoint:?}: this test needs \
                     FUSE (/dev/fuse; fusermount3 when not root) and Debian's python3-fusepy"
                );
            }
            assert!(
                Instant::now() < deadline,
                "{script} never mounted {mountpoint:?}"
            );
            thread::sleep(Duration::from_millis(5)); // polling a state, not a timing guess
        }
    }
}

impl Drop for FuseMount {
    fn drop(&mut self) {
        // The mount point may have moved with a renamed directory above it: unmount the mount
        // where it is now, found by the id it had.
        let at = self
            .id
            .as_deref()
            .and_then(|id| mount_table().into_iter().find(|(i, _)| i == id))
            .map_or_else(|| self.mountpoint.clone(), |(_, at)| PathBuf::from(at));
        let _ = Command::new("fusermount").arg("-u").arg(&at).status();
        if mount_id(&at).is_some() {
            let _ = Command::new("umount").arg("-l").arg(&at).status();
        }
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// The mount table: each mount's id and mount point.
fn mount_table() -> Vec<(String, String)> {
    let table = std::fs::read_to_string("/proc/self/mountinfo").expect("read mountinfo");
    table
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let id = fields.next()?.to_owned();
            Some((id, fields.nth(3)?.to_owned()))
        })
        .collect()
}

/// The id of the mount at `path`, if it is a mount point.
fn mount_id(path: &Path) -> Option<String> {
    let want = path.to_str().expect("a UTF-8 temp path");
    mount_table()
        .into_iter()
        .find(|(_, at)| at == want)
        .map(|(id, _)| id)
}
