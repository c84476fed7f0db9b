//! dug never writes: it gives du's output on a read-only bind mount, opens nothing for
//! writing and makes no call that changes a file system (traced with strace), and leaves
//! every entry's metadata as it was. `bench/readonly-strace` runs the same trace by hand.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::common::oracle::table;
use crate::common::privilege::mount_namespace;
use crate::common::process::{Opts, dug, run_with};
use crate::common::tree::Tree;
use crate::common::trees::mixed_tree;

/// Both programs run in a private mount namespace where `ro/` is `tree/` bound read-only.
fn read_only_opts() -> Opts {
    Opts {
        wrapper: mount_namespace(r#"mount --bind -o ro tree ro && exec "$@""#),
        ..Opts::default()
    }
}

/// `tree/` with every kind of entry (sizes, links, loops, odd names, a FIFO), and `ro/`.
fn tree() -> Tree {
    let t = mixed_tree();
    fs::create_dir(t.join("ro")).expect("mkdir ro");
    let moved = t.join("tree");
    fs::create_dir(&moved).expect("mkdir tree");
    for name in ["sz", "ln", "nm", "pipe", "top_file"] {
        fs::rename(t.join(name), moved.join(name)).expect("move into tree/");
    }
    t
}

#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn a_read_only_bind_mount_gives_du_output() {
    let t = tree();
    let opts = read_only_opts();
    // The mount must be read-only, or the test proves nothing.
    let probe = run_with(OsStr::new("touch"), &["ro/x"], t.path(), &opts);
    assert!(
        String::from_utf8_lossy(&probe.stderr).contains("Read-only file system"),
        "ro/ is writable: {probe:?}"
    );
    let flags: &[&[&str]] = &[
        &["-a"],
        &["-a", "-L"],
        &["-s", "-c"],
        &["-a", "-x"],
        &["-a", "--time", "--time=atime"],
        &["-a", "--inodes", "-l"],
        &["-a", "--exclude=*space*", "-b"],
    ];
    table(t.path(), flags, &["ro"], &opts);
}

/// What may change when a file is read (atime) left out: identity, type, size, links, owner,
/// modification and status-change times.
type Snapshot = BTreeMap<PathBuf, (u64, u32, u64, u64, u32, u32, i64, i64, i64, i64)>;

fn snapshot(root: &Path) -> Snapshot {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| {
            let e = e.unwrap_or_else(|err| panic!("walk {root:?}: {err}"));
            let m = e
                .metadata()
                .unwrap_or_else(|err| panic!("lstat {:?}: {err}", e.path()));
            let key = (
                m.ino(),
                m.mode(),
                m.size(),
                m.nlink(),
                m.uid(),
                m.gid(),
                m.mtime(),
                m.mtime_nsec(),
                m.ctime(),
                m.ctime_nsec(),
            );
            (e.into_path(), key)
        })
        .collect()
}

/// Calls that change a file system, by name.
const CHANGING: &[&str] = &[
    "creat",
    "truncate",
    "ftruncate",
    "unlink",
    "unlinkat",
    "rename",
    "renameat",
    "renameat2",
    "mkdir",
    "mkdirat",
    "rmdir",
    "chmod",
    "fchmod",
    "fchmodat",
    "chown",
    "fchown",
    "lchown",
    "fchownat",
    "utime",
    "utimes",
    "utimensat",
    "futimesat",
    "link",
    "linkat",
    "symlink",
    "symlinkat",
    "mknod",
    "mknodat",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "fallocate",
];

/// Open flags that allow writing or create or cut a file.
const WRITE_FLAGS: &[&str] = &["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"];

#[test]
fn nothing_is_opened_for_writing_or_changed() {
    let t = tree();
    let before = snapshot(t.path());
    let log = tempfile::NamedTempFile::new().expect("a temp file for strace's log");
    for args in [
        &["-a", "-L", "-j", "64", "tree"][..],
        &["-a", "--time", "-c", "-v", "tree"],
        &["-s", "-x", "--exclude=nm", "-j", "1", "tree"],
    ] {
        let mut line: Vec<&OsStr> = ["-f", "-qq", "-e", "trace=%file,%desc", "-o"]
            .map(OsStr::new)
            .to_vec();
        line.push(log.path().as_os_str());
        line.push(dug().as_os_str());
        line.extend(args.iter().map(OsStr::new));
        let run = run_with(OsStr::new("strace"), &line, t.path(), &Opts::default());
        // Status 1 is du's too: -L meets the tree's symlink loops and dangling links.
        assert!(
            run.status <= 1 && !run.stdout.is_empty(),
            "strace dug {args:?} (install strace; .ci/run does): status {}\n{}",
            run.status,
            String::from_utf8_lossy(&run.stderr)
        );
        let trace = fs::read_to_string(log.path()).expect("read strace's log");
        let calls: Vec<&str> = trace
            .lines()
            .map(|l| l.split_once(' ').map_or(l, |(_, call)| call.trim_start()))
            .collect();
        let opens = calls.iter().filter(|c| c.starts_with("openat(")).count();
        assert!(
            opens > 10,
            "the trace of {args:?} shows {opens} opens:\n{trace}"
        );
        for call in &calls {
            let name = call.split('(').next().unwrap_or_default();
            assert!(!CHANGING.contains(&name), "dug {args:?} called {call}");
            if name.starts_with("open") {
                for flag in WRITE_FLAGS {
                    assert!(
                        !call.contains(flag),
                        "dug {args:?} opened for writing: {call}"
                    );
                }
            }
            if name.starts_with("write") || name.starts_with("pwrite") {
                let fd = call[name.len() + 1..].split(',').next().unwrap_or_default();
                assert!(
                    fd == "1" || fd == "2",
                    "dug {args:?} wrote to fd {fd}: {call}"
                );
            }
        }
    }
    assert_eq!(snapshot(t.path()), before, "metadata in the tree changed");
}
