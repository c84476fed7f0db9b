//! The corners of gnulib fts that du meets and a parallel walk does not by itself: a directory
//! that is its own ancestor (through a bind mount, which du passes over in silence, or on a file
//! system that repeats an inode number, where du warns of a corrupted file system), -L through
//! more than the kernel's 40 symlinks on one full path, and a directory moved away while du is
//! inside it. Each against GNU du, byte for byte.

use std::ffi::OsStr;

use crate::common::fuse::FuseMount;
use crate::common::oracle::{assert_same_threads, cases, compare, run_du, table};
use crate::common::privilege::mount_namespace;
use crate::common::process::Opts;
use crate::common::tree::Tree;

/// `mkdir -p a/b; mount --bind a a/b` (GNU's bind-mount-dir-cycle.sh) and `mkdir -p
/// v2/a/b/c; mount --bind v2/a v2/a/b/c` (its -v2), each program in a mount namespace of its
/// own.
#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn bind_mount_cycles_are_passed_over_in_silence() {
    let t = Tree::new();
    t.file("a/f", 3000).dir("a/b");
    t.file("v2/a/g", 2000)
        .file("v2/a/b/h", 1000)
        .dir("v2/a/b/c");
    let script = r#"mount --bind a a/b && mount --bind v2/a v2/a/b/c && exec "$@""#;
    let opts = Opts {
        wrapper: mount_namespace(script),
        ..Opts::default()
    };
    // The mounts must be there, or there is no cycle to pass over.
    let probe = run_du(&["-a", "a/b", "v2/a/b"], t.path(), &opts);
    let listed = String::from_utf8_lossy(&probe.stdout);
    assert!(
        listed.contains("\ta/b/f\n") && listed.contains("\tv2/a/b/c/g\n"),
        "no bind mounts: {probe:?}"
    );
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-l"],
        &["-a", "-l"],
        &["-L"],
        &["-H"],
        &["-x"],
        &["-s"],
        &["-a", "-S"],
    ];
    for operands in [
        &["a"][..],
        &["a/b"],
        &["v2/a/b"],
        &["v2/a"],
        &["a", "v2/a/b"],
        &["a/b", "a"],
        &["v2/a/b/c/b", "v2/a"],
    ] {
        table(t.path(), flags, operands, &opts);
    }
    let files0 = opts.clone().with_stdin(b"a\0v2/a/b\0");
    table(
        t.path(),
        &[&["--files0-from=-"], &["-l", "--files0-from=-"]],
        &[],
        &files0,
    );
}

/// A made-up file system (`tests/support/cyclefs.py`) whose `x/y` has the inode number of `x`,
/// as on a corrupted file system, and whose `r/back` has that of its root, a mount point.
#[test]
#[ignore = "needs FUSE: a made-up file system is mounted with fusepy (/dev/fuse, fusermount3)"]
fn a_directory_that_is_its_own_ancestor_is_a_corrupted_file_system() {
    let t = Tree::new();
    t.dir("cyc");
    let mnt = t.join("cyc");
    let _fs = FuseMount::new("cyclefs.py", &[mnt.as_os_str()], &mnt);
    // du must see the cycle, or the comparison proves nothing.
    let du = run_du(&["cyc"], t.path(), &Opts::default());
    let warned = String::from_utf8_lossy(&du.stderr);
    assert!(
        warned.contains("WARNING: Circular directory structure.") && warned.contains("  cyc/x/y\n"),
        "du found no cycle: {du:?}"
    );
    let runs: &[&[&str]] = &[
        &["cyc"],
        &["-a", "cyc"],
        &["-l", "cyc"],
        &["-H", "cyc"],
        &["-D", "-a", "cyc"],
        &["-x", "cyc"],
        &["-c", "cyc/x", "cyc/r"],
        &["-a", "cyc/x/y"],
        // du remembers every directory here: the cycle is a directory met again, and silent.
        &["-L", "-a", "cyc"],
        &["cyc", "cyc"],
        &["-L", "-l", "cyc"],
        // -l remembers nothing: each operand warns.
        &["-l", "cyc", "cyc/x"],
    ];
    cases(t.path(), runs, &Opts::default());
    let files0 = Opts::default().with_stdin(b"cyc\0");
    cases(t.path(), &[&["--files0-from=-"]], &files0);
}

/// GNU's long-sloop.sh and more: chains of directories each reached through a symlink (or two,
/// or an absolute one, among dangling links and links to files), where du -L, which stats each
/// entry by its full path, meets the kernel's limit of 40 symlinks in one lookup.
#[test]
fn more_than_40_symlinks_on_a_full_path_are_too_many_for_du_l() {
    let t = Tree::new();
    for i in 1..=400 {
        t.dir(i.to_string());
        if i > 1 {
            t.symlink(format!("../{i}"), format!("{}/s", i - 1));
        }
    }
    t.file("401", 4).symlink("../401", "400/s");
    let abs = t.join("abs");
    for i in 1..=60 {
        t.dir(format!("abs/{i}"));
        if i > 1 {
            t.symlink(abs.join(i.to_string()), format!("abs/{}/s", i - 1));
        }
    }
    // Each step through `L -> .` as well: two links a level.
    t.symlink(".", "dbl/L");
    for i in 1..=40 {
        t.dir(format!("dbl/{i}"));
        if i > 1 {
            t.symlink(format!("../L/{i}"), format!("dbl/{}/s", i - 1));
        }
    }
    t.symlink(".", "mix/L");
    for i in 1..=50 {
        t.file(format!("mix/{i}/f"), 100);
        t.symlink("nowhere", format!("mix/{i}/dangling"));
        t.symlink("f", format!("mix/{i}/to-f"));
        t.symlink(format!("../L/../L/{i}/f"), format!("mix/{i}/to-f-twice"));
        if i > 1 {
            let target = match (i - 1) % 3 {
                0 => format!("../L/{i}"),
                _ => format!("../{i}"),
            };
            t.symlink(target, format!("mix/{}/s", i - 1));
        }
    }
    t.symlink("mix/1/s/s", "through-two");
    t.symlink(t.join("dbl/1/s/s/s"), "absolute-through-six");
    let abs_mix = t.join("mix/1");
    let abs_mix = abs_mix.to_str().expect("a UTF-8 temp path");
    let runs: &[&[&str]] = &[
        &["-L", "1"],
        &["-L", "-a", "1"],
        &["-L", "-s", "1"],
        &["-L", "-l", "1"],
        &["-L", "1/s/s/s/s/s/s/s/s/s/s"],
        &["-L", "abs/1"],
        &["-L", "dbl/1"],
        &["-L", "-a", "mix/1"],
        &["-L", "-a", "-l", "mix/1"],
        &["-L", "-a", abs_mix],
        &["-L", "-a", "through-two"],
        &["-L", "absolute-through-six"],
        &["-L", "mix/1/s/s/s/s/s"],
        &["-L", "abs/1", "dbl/1"],
        &["-L", "-x", "mix/1", "abs/1"],
        &["-L", "-c", "--max-depth=2", "1", "mix/1"],
        // Without -L each name is resolved on its own, and nothing is too deep.
        &["-a", "mix/1"],
        &["-H", "through-two"],
    ];
    let failures: Vec<String> = runs
        .iter()
        .filter_map(|args| compare_undisturbed(args, t.path()).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many times a difference is looked at again (see `compare_undisturbed`).
const ATTEMPTS: usize = 8;

/// `compare`, run again on a difference: du -L's answer near the limit moves when the kernel
/// restarts a lookup midway. After an RCU-walk lookup fails it looks the path up again without
/// resetting its count of links, so those of the first try count twice, and a mount or unmount
/// anywhere on the machine (another test's) is enough to make it fail. dug counts as an
/// undisturbed lookup does, so one matching run of du is its answer.
fn compare_undisturbed(args: &[&str], cwd: &std::path::Path) -> Result<(), String> {
    let mut last = Ok(());
    for _ in 0..ATTEMPTS {
        last = compare(args, cwd, &Opts::default());
        if last.is_ok() {
            break;
        }
    }
    last
}

/// GNU's move-dir-while-traversing.sh without its race: `tests/support/movefs.py`, mounted six
/// levels down at `T/a/b/c/d/e/X`, renames `T/a/b` to `T/b` when the walk opens it, so that
/// fts, going back up by `..` from b, finds T instead of a. Each run starts with b put back.
#[test]
#[ignore = "needs FUSE: a renaming file system is mounted with fusepy (/dev/fuse, fusermount3)"]
fn a_directory_moved_while_du_is_inside_it_ends_its_operand() {
    let t = Tree::new();
    t.file("T/a/x", 1000)
        .file("T/a/b/y", 2000)
        .file("T/a/b/c/d/z", 3000);
    t.dir("T/a/b/c/d/e/X").dir("d2");
    t.file("src/f", 5000).file("src/sub/g", 100);
    let (src, mnt) = (t.join("src"), t.join("T/a/b/c/d/e/X"));
    let (from, to) = (t.join("T/a/b"), t.join("T/b"));
    let args: [&OsStr; 4] = [
        src.as_os_str(),
        mnt.as_os_str(),
        from.as_os_str(),
        to.as_os_str(),
    ];
    let _fs = FuseMount::new("movefs.py", &args, &mnt);
    let put_back = r#"if [ -d T/b ]; then mv T/b T/a/b || exit 9; fi; exec "$@""#;
    let opts = Opts {
        wrapper: ["sh", "-c", put_back, "sh"].map(Into::into).to_vec(),
        ..Opts::default()
    };
    // du must notice, or the comparison proves nothing. (No run has a second operand in T:
    // du would walk it after the move, and dug's workers may be there before it.)
    let du = run_du(&["T"], t.path(), &opts);
    assert_eq!(
        (String::from_utf8_lossy(&du.stderr).as_ref(), du.status),
        ("du: fts_read failed: T/a/b: No such file or directory\n", 1),
        "{du:?}"
    );
    let runs: &[&[&str]] = &[
        &["-a", "T", "d2"],
        &["T"],
        &["-c", "T", "d2"],
        &["-s", "T"],
        &["-S", "-a", "T"],
        &["--max-depth=3", "-a", "T"],
        // X is another file system: -x never opens it, and nothing moves.
        &["-x", "-a", "T"],
    ];
    cases(t.path(), runs, &opts);
    for threads in [1, 64] {
        assert_same_threads(threads, &["-a", "T", "d2"], t.path(), &opts);
    }
}
