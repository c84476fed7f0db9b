//! Odd trees and odd files: symlink loops and links back to an ancestor under -L and -H, FIFOs,
//! sockets and device nodes (stat'ed, never opened: a FIFO must not block), and files so large
//! that their sums pass 2^64 (du prints "Infinity").

use std::ffi::OsStr;
use std::fs;
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::oracle::{assert_same_with, table};
use crate::common::privilege::{is_root, mount_namespace};
use crate::common::process::{Opts, dug, run_with};
use crate::common::tree::Tree;

/// A run here takes milliseconds; one that opened a FIFO would block for ever.
const TIMEOUT: Duration = Duration::from_secs(20);

fn opts() -> Opts {
    Opts {
        timeout: TIMEOUT,
        ..Opts::default()
    }
}

/// Loops of every shape below `loops/`: a link to itself, a two-link cycle, links to the
/// parent, the grandparent and (absolutely) the top, a link from deep down back to the top,
/// and two directories linking to each other.
fn loops_tree() -> Tree {
    let t = Tree::new();
    t.file("loops/a/b/c/file", 3000)
        .file("loops/x/in_x", 1000)
        .file("loops/y/in_y", 2000)
        .symlink("self", "loops/self")
        .symlink("ping", "loops/pong")
        .symlink("pong", "loops/ping")
        .symlink("..", "loops/a/up")
        .symlink("../..", "loops/a/b/up2")
        .symlink(t.join("loops"), "loops/a/b/c/top")
        .symlink("../../../..", "loops/a/b/c/out_to_root_of_tree")
        .symlink("../y", "loops/x/to_y")
        .symlink("../x", "loops/y/to_x")
        .symlink("a/b", "loops/to_b");
    t
}

#[test]
fn symlink_loops_end_as_du_ends_them() {
    let t = loops_tree();
    let flags: &[&[&str]] = &[
        &["-L"],
        &["-L", "-a"],
        &["-L", "-a", "-l"],
        &["-L", "-c", "-s"],
        &["-H", "-a"],
        &["-a"],
        &["-L", "--inodes", "-a"],
    ];
    table(t.path(), flags, &["loops"], &opts());
    table(t.path(), flags, &["loops/a/b/c/top", "loops/to_b"], &opts());
    // Operands that are loops themselves, or that reach one another.
    for args in [
        &["-L", "loops/self"][..],
        &["-L", "loops/ping", "loops/pong"],
        &["-H", "-a", "loops/x/to_y", "loops/y/to_x"],
        &["-L", "-a", "-c", "loops/x", "loops/y", "loops/a/up"],
        &["-D", "-s", "loops/a/b/up2"],
    ] {
        assert_same_with(args, t.path(), &opts());
    }
}

/// `special/` with a FIFO, a socket and (as root) a character and a block device node, beside
/// a plain file; the same kinds at the top as operands.
fn special_tree() -> (Tree, Vec<&'static str>) {
    let t = Tree::new();
    t.file("special/plain", 4000)
        .fifo("special/fifo")
        .fifo("fifo");
    let mut names = vec!["fifo", "special/fifo", "sock", "special/sock"];
    for sock in ["sock", "special/sock"] {
        UnixListener::bind(t.join(sock)).unwrap_or_else(|e| panic!("bind {sock}: {e}"));
    }
    t.symlink("fifo", "special/link_to_fifo");
    if is_root() {
        // mknod needs CAP_MKNOD; CI runs as root. 1,3 is /dev/null's number, 7,0 loop0's.
        for (name, kind, major, minor) in [
            ("special/chr", "c", "1", "3"),
            ("special/blk", "b", "7", "0"),
            ("chr", "c", "1", "3"),
        ] {
            let status = Command::new("mknod")
                .arg(t.join(name))
                .args([kind, major, minor])
                .status()
                .expect("run mknod");
            assert!(status.success(), "mknod {name}: {status}");
            names.push(name);
        }
    }
    (t, names)
}

#[test]
fn special_files_are_stated_like_du_does() {
    let (t, names) = special_tree();
    let flags: &[&[&str]] = &[
        &["-a"],
        &["-a", "-L"],
        &["-a", "-b"],
        &["-a", "--apparent-size", "-c"],
        &["-a", "--inodes"],
    ];
    table(t.path(), flags, &["."], &opts());
    let mut args: Vec<&str> = vec!["-L", "-c"];
    args.extend(&names);
    assert_same_with(&args, t.path(), &opts());
    args[0] = "-P";
    assert_same_with(&args, t.path(), &opts());
}

/// Opens traced by strace for `dug args` (every thread), one `open`/`openat`/`openat2` line each.
fn traced_opens(args: &[&str], cwd: &Path) -> Vec<String> {
    let log = tempfile::NamedTempFile::new().expect("a temp file for strace's log");
    let mut line: Vec<&OsStr> = ["-f", "-qq", "-e", "trace=open,openat,openat2", "-o"]
        .map(OsStr::new)
        .to_vec();
    line.push(log.path().as_os_str());
    line.push(dug().as_os_str());
    line.extend(args.iter().map(OsStr::new));
    let run = run_with(OsStr::new("strace"), &line, cwd, &opts());
    assert_eq!(
        run.status,
        0,
        "strace dug {args:?} (install strace; .ci/run does): {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = fs::read_to_string(log.path()).expect("read strace's log");
    text.lines().map(str::to_owned).collect()
}

#[test]
fn special_files_are_never_opened() {
    let (t, names) = special_tree();
    for args in [
        &["-a", "-L", "."][..],
        &["-L", "-c", "fifo", "sock", "special"],
    ] {
        let opens = traced_opens(args, t.path());
        // The walk's own opens are there (so the trace works)...
        assert!(
            opens.iter().any(|l| l.contains("\"special\"")),
            "no open of the directory in the trace of {args:?}:\n{}",
            opens.join("\n")
        );
        // ...and none of a special file, by any of its names.
        for open in &opens {
            for name in &names {
                let base = name.rsplit('/').next().expect("a name");
                assert!(
                    !open.contains(&format!("\"{base}\"")) && !open.contains(&format!("/{base}\"")),
                    "dug {args:?} opened {name}: {open}"
                );
            }
            assert!(!open.contains("link_to_fifo"), "dug {args:?}: {open}");
        }
    }
}

/// Three sparse files of 2^63 - 1 bytes on a tmpfs (which allows them) mounted in a private
/// mount namespace: each fits du's counters, their sum does not, and du prints "Infinity".
#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn sizes_past_two_to_the_64_print_infinity_like_du() {
    let t = Tree::new();
    t.dir("big");
    let script = r#"mount -t tmpfs -o size=1m tmpfs big && mkdir big/d big/e &&
        for f in d/a d/b d/c e/x; do truncate -s 9223372036854775807 big/$f || exit 9; done &&
        exec "$@""#;
    let opts = Opts {
        wrapper: mount_namespace(script),
        ..opts()
    };
    // The files must really be there, or the comparison proves nothing.
    let probe = run_with(OsStr::new("ls"), &["-l", "big/d/a"], t.path(), &opts);
    assert!(
        String::from_utf8_lossy(&probe.stdout).contains(" 9223372036854775807 "),
        "no 2^63-1 file on the tmpfs: {probe:?}"
    );
    let flags: &[&[&str]] = &[
        &["-a", "-b", "-c"],
        &["--apparent-size", "-a", "-c"],
        &["--apparent-size", "-h", "-a", "-c"],
        &["--apparent-size", "--si", "-c"],
        &["--apparent-size", "-B", "1K", "-c"],
        &["--apparent-size", "-B", "1E", "-a"],
        &["--apparent-size", "-m", "-S"],
        &["--apparent-size", "-t", "8E", "-a"],
        &["-a", "-c"],
    ];
    table(t.path(), flags, &["big"], &opts);
    table(
        t.path(),
        &[&["-b", "-c"]],
        &["big/d", "big/e", "big"],
        &opts,
    );
}
