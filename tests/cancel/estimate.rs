//! How far the walk is: on the root of a tmpfs (whose count of used inodes is exact), -v's
//! plain lines end with the share seen and the time left, the share grows to 100.0% on the
//! last line and the time left falls. The tmpfs is mounted in a mount namespace of the run's
//! own; strace delays every stat by 1 ms so that the walk spans several ticks on any machine.

use std::ffi::OsString;

use crate::common::privilege::{Staged, mount_namespace};
use crate::common::process::{INSTALLED_NAME, Opts, dug, run_with};
use crate::common::tree::temp_root;

/// The share and the seconds left a plain -v line ends with (`…, 42.3% done, 12 s left`).
fn estimate(line: &str) -> Option<(f64, Option<u64>)> {
    let (_, tail) = line.rsplit_once(" entries/s, ")?;
    let (share, rest) = tail.split_once("% done")?;
    let left = rest
        .strip_prefix(", ")
        .and_then(|r| r.strip_suffix(" s left"))
        .map(|s| s.parse().expect("whole seconds"));
    Some((share.parse().expect("a percentage"), left))
}

#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn the_share_of_a_tmpfs_reaches_100_percent_and_the_time_left_falls() {
    let t = temp_root();
    std::fs::create_dir(t.path().join("mnt")).expect("mkdir mnt");
    let script = r#"mount -t tmpfs -o size=16m tmpfs mnt && cd mnt &&
        for d in 0 1 2 3 4 5 6 7 8 9; do mkdir d$d; for f in 0 1 2 3 4 5 6 7 8 9; do
          mkdir d$d/e$f; for g in 0 1 2 3 4 5 6 7 8 9 a b c d e f g h i j; do : >d$d/e$f/$g; done
        done; done && ln d0/e0/0 link && ln -s d0 sym && cd .. && exec "$@""#;
    // strace execs dug by its name, found first on PATH in the staging directory, so that
    // dug names itself `dug` in its lines.
    let staged = Staged::named(dug().as_os_str(), INSTALLED_NAME);
    let mut opts = Opts {
        wrapper: mount_namespace(script),
        ..Opts::default()
    };
    let path = staged.search_path().expect("a staging directory");
    opts.env.push(("PATH".into(), path));
    let mut args: Vec<OsString> = [
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-e",
        "trace=newfstatat,statx",
    ]
    .map(OsString::from)
    .to_vec();
    args.extend(["-e", "inject=newfstatat,statx:delay_enter=1ms"].map(OsString::from));
    args.push(staged.path.clone().into());
    args.extend(["-v", "-s", "-j", "1", "mnt"].map(OsString::from));
    let run = run_with("strace".as_ref(), &args, t.path(), &opts);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status, 0, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let estimates: Vec<(f64, Option<u64>)> = lines.iter().filter_map(|l| estimate(l)).collect();
    assert!(
        estimates.len() >= 3,
        "too few ticks to see the estimate move:\n{stderr}"
    );
    // One status line per tick, then one when the walk is over, then the final counts.
    let (last, summary) = (lines[lines.len() - 2], lines[lines.len() - 1]);
    assert_eq!(estimate(last), Some((100.0, Some(0))), "{stderr}");
    assert!(
        summary.starts_with("dug: 2001 files, 111 dirs, ") && summary.contains(" in "),
        "{stderr}"
    );
    let shares: Vec<f64> = estimates.iter().map(|e| e.0).collect();
    assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{stderr}");
    assert!(shares[0] < 100.0, "{stderr}");
    let lefts: Vec<u64> = estimates.iter().filter_map(|e| e.1).collect();
    // Falling: never up by more than a second's rounding, and down from first to last.
    assert!(lefts.windows(2).all(|w| w[1] <= w[0] + 1), "{stderr}");
    assert!(lefts[0] > 0 && lefts.last() == Some(&0), "{stderr}");
    assert_eq!(run.stdout, b"0\tmnt\n");
}
