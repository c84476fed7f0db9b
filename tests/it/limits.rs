//! Resource limits: dug under a tight RLIMIT_NOFILE (on a wide tree and a 20,000-level one) and
//! under an RLIMIT_NPROC that lets it start few or no threads must print exactly what du
//! prints. Both programs run under the same `prlimit` wrapper.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::time::Duration;

use crate::common::oracle::{assert_same_threads, assert_same_with};
use crate::common::privilege::require_root;
use crate::common::process::{Opts, run_with};
use crate::common::tree::Tree;
use crate::common::trees::walk_tree;

/// `prlimit --RESOURCE=N --` as a wrapper for both programs.
fn limited(resource: &str, n: u64, base: Opts) -> Opts {
    Opts {
        wrapper: vec![
            OsString::from("prlimit"),
            OsString::from(format!("--{resource}={n}")),
            OsString::from("--"),
        ],
        ..base
    }
}

/// A comb 200 levels deep: level i holds `n{i}` (the next level) and three leaf dirs with a file
/// each. The names differ per level, so the kernel's hash order differs too, and at many levels
/// a leaf dir waits in the queue while the walk goes down `n{i}` first. A walk that keeps every
/// waiting task's parent open holds about one descriptor per such level, far more than 32.
fn comb_tree() -> Tree {
    let t = Tree::new();
    let mut level = std::path::PathBuf::from("comb");
    for i in 0..200 {
        for leaf in ["x", "y", "z"] {
            t.file(level.join(format!("b{i}{leaf}/f")), i * 10);
        }
        level.push(format!("n{i}"));
    }
    t.file(level.join("end"), 5000);
    t
}

#[test]
fn thirty_two_descriptors_are_enough_for_a_comb_200_levels_deep() {
    let t = comb_tree();
    for nofile in [32, 12] {
        let opts = limited("nofile", nofile, Opts::default());
        for args in [
            &["-a", "comb"][..],
            &["-L", "-d", "3", "comb"],
            &["-c", "--exclude=b1*", "comb", "comb/n0/n1"],
        ] {
            assert_same_with(args, t.path(), &opts);
        }
        for threads in [1, 64] {
            assert_same_threads(threads, &["-s", "comb"], t.path(), &opts);
        }
    }
}

/// 20,000 levels, paths of 40 KB: each directory is opened relative to an open ancestor, one
/// name at a time, so neither the depth nor the descriptor limit matters.
#[test]
fn thirty_two_descriptors_on_a_tree_20000_levels_deep() {
    let t = Tree::new();
    t.chain("deep", "d", 20_000, 1000);
    let opts = Opts {
        timeout: Duration::from_secs(50),
        ..limited("nofile", 32, Opts::default())
    };
    assert_same_with(&["-s", "deep"], t.path(), &opts);
    assert_same_threads(64, &["-d", "2", "deep"], t.path(), &opts);
}

/// RLIMIT_NPROC counts every task of the user, threads included; root is exempt, so the
/// programs run as nobody.
fn few_threads(n: u64) -> Opts {
    limited("nproc", n, Opts::nobody())
}

#[test]
fn the_process_limit_really_stops_new_tasks() {
    // The check the next test relies on: under --nproc=1 nobody cannot start one more task.
    let shell = run_with(
        OsStr::new("sh"),
        &["-c", "true & wait $! && echo started"],
        Path::new("/"),
        &few_threads(1),
    );
    assert!(
        !String::from_utf8_lossy(&shell.stdout).contains("started"),
        "a child started under RLIMIT_NPROC=1: {shell:?}"
    );
}

#[test]
#[ignore = "needs root: only nobody, via setpriv, has room for a few threads under RLIMIT_NPROC"]
fn no_thread_or_few_threads_still_walk_everything() {
    require_root("to run as nobody, whose few tasks leave room for a few workers");
    let t = walk_tree(12, 10);
    t.file("deeper/a/b/c/d", 7000).fifo("pipe");
    // 1: not one worker starts; the walk runs on the aggregator's thread. 2 to 6: a
    // few workers start (how many depends on what else nobody runs at the moment), and the
    // output must not show it.
    for n in [1, 2, 3, 6] {
        let opts = few_threads(n);
        assert_same_with(&["-a", "."], t.path(), &opts);
        assert_same_threads(64, &["-c", "d00", "links", "deeper"], t.path(), &opts);
        assert_same_with(&["-s", "-L", "--inodes", "."], t.path(), &opts);
    }
}
