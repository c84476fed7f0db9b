//! Cancelling a walk with a signal while stdout and stderr are pipes: SIGINT, SIGTERM and
//! SIGHUP give 128+N and a partial summary, a later signal does not change the status, a
//! walk with no thread stops as cleanly, progress to a file is plain lines, stdin that is not
//! a terminal is never read, a cancelled --json run ends with an interrupted summary, and a
//! cancelled ncdu export still parses, holding part of the tree; a cancel in the middle of a
//! wide directory's shared stats is as clean.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use rustix::process::{Pid, Signal};

use crate::common::ncdu::{Export, Node};
use crate::common::privilege::Staged;
use crate::common::process::{
    INSTALLED_NAME, Opts, Run, command, dug, run_with, status_code, wait_output, within,
};
use crate::common::tree::{Tree, temp_root};
use crate::slow_tree::{SlowTree, full_output};
use crate::{PATIENCE, wait_for};

/// Starts `dug ARGS` on the slow tree with stdout and stderr piped and stdin `stdin`.
fn start(t: &SlowTree, args: &[&str], stdin: Stdio) -> Child {
    command(dug().as_os_str(), args, &t.mnt(), &Opts::default())
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dug")
}

/// Sends `signal` once dug has printed its first progress line, and collects the run.
fn cancel_after_first_tick(child: Child, signal: Signal) -> (Run, String) {
    cancel_twice_after_first_tick(child, signal, None, None)
}

/// `cancel_after_first_tick`, and with `then`, that second signal as soon as dug has said it
/// was interrupted (while it is still ending); `before`, if given, runs between the first
/// progress line and the signal.
fn cancel_twice_after_first_tick(
    child: Child,
    signal: Signal,
    then: Option<Signal>,
    before: Option<Box<dyn FnOnce() + Send>>,
) -> (Run, String) {
    let pid = Pid::from_child(&child);
    within(
        child,
        PATIENCE,
        "dug -v on the slow tree",
        move |mut child| {
            let stdout = child.stdout.take().expect("piped stdout");
            let reader = thread::spawn(move || {
                let mut bytes = Vec::new();
                BufReader::new(stdout)
                    .read_to_end(&mut bytes)
                    .expect("read stdout");
                bytes
            });
            let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr"));
            let mut first = String::new();
            stderr.read_line(&mut first).expect("read stderr");
            assert!(
                first.ends_with("entries/s\n"),
                "first stderr line: {first:?}"
            );
            if let Some(before) = before {
                before();
            }
            rustix::process::kill_process(pid, signal).expect("signal dug");
            let mut rest = Vec::new();
            if let Some(second) = then {
                while !String::from_utf8_lossy(&rest).contains("interrupted") {
                    if stderr.read_until(b'\n', &mut rest).expect("read stderr") == 0 {
                        break;
                    }
                }
                rustix::process::kill_process(pid, second).expect("signal dug again");
            }
            stderr.read_to_end(&mut rest).expect("read stderr");
            let status = child.wait().expect("wait for dug");
            let run = Run {
                stdout: reader.join().expect("stdout reader"),
                stderr: [first.as_bytes(), &rest].concat(),
                status: status_code(status),
            };
            (run, first)
        },
    )
}

/// The checks every cancelled run must pass: one partial summary last on stderr, and stdout a
/// prefix, record for record, of the full run's (never a total for an unfinished directory).
fn assert_clean_cancel(run: &Run, full: &Run, status: i32) {
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status, status, "status; stderr:\n{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("dug: interrupted after ")
            && last.contains(" s; counted so far (partial): ")
            && last.contains(" files, ")
            && last.contains(" dirs, "),
        "last stderr line: {last:?}"
    );
    assert_eq!(stderr.matches("interrupted").count(), 1, "{stderr}");
    assert!(
        run.stdout.is_empty() || run.stdout.ends_with(b"\n"),
        "stdout ends inside a record: {:?}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert!(
        full.stdout.starts_with(&run.stdout),
        "stdout is not a prefix of the full run's:\n{}\n--- full:\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&full.stdout)
    );
    assert!(
        run.stdout.len() < full.stdout.len(),
        "the run was not cut short"
    );
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn sigint_stops_the_walk_with_status_130_and_a_partial_summary() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let child = start(&t, &["-v", "-a", "tree"], Stdio::null());
    let (run, _) = cancel_after_first_tick(child, Signal::INT);
    assert_clean_cancel(&run, &full, 130);
}

/// A cancel while the workers share a wide directory's stats: the chunks stop, the directory
/// sends no record (stdout holds complete records only, none of `wide`), and the summary
/// is as for any cancel.
#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn sigint_in_the_middle_of_a_wide_directory() {
    let t = SlowTree::wide();
    let full = full_output(&t, &["-a", "tree"]);
    let child = start(&t, &["-v", "-a", "tree"], Stdio::null());
    let (run, _) = cancel_after_first_tick(child, Signal::INT);
    assert_clean_cancel(&run, &full, 130);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        !stdout.contains("tree/wide"),
        "records of the cancelled wide directory:\n{stdout}"
    );
}

/// A cancel while the file system answers nothing (a server gone away; here the slow server
/// holds another process's lookup an hour, and every request of dug's waits behind it): dug
/// does not wait for its threads' requests, it ends as soon as its last words are out, as du
/// ends, killed by the signal. Within PATIENCE, not an hour.
#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn sigint_does_not_wait_for_requests_that_are_never_answered() {
    for args in [&["-v", "-a", "tree"][..], &["-v", "-s", "-j", "1", "tree"]] {
        // A fresh server each time: the last one is stuck for an hour.
        let t = SlowTree::hanging();
        let full = full_output(&t, &["-a", "tree"]);
        let child = start(&t, args, Stdio::null());
        // Once dug walks (its first progress line is out), another process's lookup stalls
        // the server.
        let stuck = Arc::new(Mutex::new(None));
        let (ghost, flag, lookup) = (t.mnt().join("tree/ghost"), t.hang_flag(), stuck.clone());
        let before = move || {
            let stat = Command::new("stat")
                .arg(ghost)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start stat");
            *lookup.lock().expect("lock") = Some(stat);
            wait_for("the lookup that is never answered began", || flag.exists());
        };
        let (run, _) =
            cancel_twice_after_first_tick(child, Signal::INT, None, Some(Box::new(before)));
        assert_clean_cancel(&run, &full, 130);
        assert!(
            !String::from_utf8_lossy(&run.stdout).contains("tree/wide"),
            "{args:?}: a record of the unfinished wide directory"
        );
        drop(t); // ends the server, and with it the lookup
        if let Some(mut stat) = stuck.lock().expect("lock").take() {
            let _ = stat.wait();
        }
    }
}

/// Under RLIMIT_NPROC=1 (as nobody: root is exempt) no worker
/// starts: Ctrl-C is caught without a thread and the walk runs on the aggregator's thread, and
/// the cancel is as clean as ever.
#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn sigint_stops_a_walk_that_could_start_no_thread() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    // prlimit execs dug by its name, found first on PATH in the staging directory.
    let staged = Staged::named(dug().as_os_str(), INSTALLED_NAME);
    let mut opts = Opts {
        as_nobody: true,
        wrapper: ["prlimit", "--nproc=1", "--"].map(Into::into).to_vec(),
        ..Opts::default()
    };
    let path = staged.search_path().expect("a staging directory");
    opts.env.push(("PATH".into(), path));
    let child = command(
        staged.path.as_os_str(),
        &["-v", "-a", "tree"],
        &t.mnt(),
        &opts,
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("start dug under prlimit");
    let (run, _) = cancel_after_first_tick(child, Signal::INT);
    assert_clean_cancel(&run, &full, 130);
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn sigterm_and_sighup_give_128_plus_the_signal() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-c", "tree"]);
    for (signal, status) in [(Signal::TERM, 143), (Signal::HUP, 129)] {
        let child = start(&t, &["-v", "-c", "tree"], Stdio::null());
        let (run, _) = cancel_after_first_tick(child, signal);
        assert_clean_cancel(&run, &full, status);
        assert!(
            !run.stdout.ends_with(b"\ttotal\n"),
            "no -c total after a cancel"
        );
    }
}

/// The status names the signal that stopped the run, not one that came while it was ending.
#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn a_later_signal_does_not_change_the_status() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    for (first, second, status) in [
        (Signal::TERM, Signal::HUP, 143),
        (Signal::HUP, Signal::TERM, 129),
    ] {
        let child = start(&t, &["-v", "-a", "tree"], Stdio::null());
        let (run, _) = cancel_twice_after_first_tick(child, first, Some(second), None);
        assert_clean_cancel(&run, &full, status);
    }
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn progress_to_a_file_is_plain_lines_and_leaves_stdout_alone() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let run = run_with(
        dug().as_os_str(),
        &["-v", "-a", "tree"],
        &t.mnt(),
        &Opts::default(),
    );
    assert_eq!(run.status, 0);
    assert_eq!(run.stdout, full.stdout, "-v changed stdout");
    let stderr = String::from_utf8(run.stderr).expect("UTF-8 progress");
    assert!(
        !stderr.contains('\r') && !stderr.contains('\x1b'),
        "{stderr:?}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    let (last, ticks) = lines.split_last().expect("some progress");
    assert!(!ticks.is_empty(), "no tick in a 2 s walk: {stderr}");
    for tick in ticks {
        assert!(
            tick.starts_with("dug: ") && tick.contains(" files, ") && tick.ends_with(" entries/s"),
            "tick line {tick:?}"
        );
    }
    assert!(
        last.starts_with("dug: 600 files, 21 dirs, ") && last.ends_with(" s"),
        "final line {last:?}"
    );
}

/// -v's counts move while the workers share a wide directory's stats (3,000 files, about 6 s
/// through the slow view), not only once its last entry is stat'ed; each entry is counted
/// once: the ticks never go back, nor past the tree's 3,005 files.
#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn progress_moves_while_a_wide_directory_is_stated() {
    let t = SlowTree::wide();
    let run = run_with(
        dug().as_os_str(),
        &["-v", "-s", "tree"],
        &t.mnt(),
        &Opts::default(),
    );
    let stderr = String::from_utf8(run.stderr).expect("UTF-8 progress");
    assert_eq!(run.status, 0, "{stderr}");
    let files: Vec<u64> = stderr
        .lines()
        .filter(|line| line.ends_with(" entries/s"))
        .map(|tick| {
            let count = tick
                .strip_prefix("dug: ")
                .and_then(|t| t.split_once(" files, "));
            count
                .and_then(|(n, _)| n.parse().ok())
                .unwrap_or_else(|| panic!("tick line {tick:?}"))
        })
        .collect();
    assert!(
        files.iter().any(|&n| n > 5 && n < 3005),
        "no tick while the wide directory was stat'ed:\n{stderr}"
    );
    assert!(
        files.windows(2).all(|w| w[0] <= w[1]) && files.iter().all(|&n| n <= 3005),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .last()
            .unwrap_or_default()
            .starts_with("dug: 3005 files, 3 dirs, "),
        "{stderr}"
    );
}

#[test]
fn quiet_runs_print_no_progress() {
    let t = Tree::new();
    t.file("a/b", 5000).file("c", 10);
    let quiet = run_with(dug().as_os_str(), &["-a", "."], t.path(), &Opts::default());
    let verbose = run_with(
        dug().as_os_str(),
        &["-v", "-a", "."],
        t.path(),
        &Opts::default(),
    );
    assert!(quiet.stderr.is_empty(), "{quiet:?}");
    assert_eq!(verbose.stdout, quiet.stdout);
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(stderr.starts_with("dug: 2 files, 2 dirs, "), "{stderr}");
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn stdin_that_is_not_a_terminal_is_never_read() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-s", "tree"]);
    // /dev/null reads as end of file at once; a pipe with a byte in it would look like a key.
    for is_pipe in [false, true] {
        let stdin = if is_pipe {
            Stdio::piped()
        } else {
            Stdio::null()
        };
        let mut child = start(&t, &["-s", "tree"], stdin);
        if let Some(mut input) = child.stdin.take() {
            input.write_all(b"x\n").expect("write to dug's stdin");
        }
        let run = wait_output(child, PATIENCE, "dug -s with stdin");
        assert_eq!(run.status, 0, "stdin pipe: {is_pipe}; {run:?}");
        assert_eq!(run.stdout, full.stdout);
    }
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn a_cancelled_json_run_ends_with_an_interrupted_summary() {
    let t = SlowTree::new();
    let full = full_output(&t, &["--json", "-a", "tree"]);
    let child = start(&t, &["-v", "--json", "-a", "tree"], Stdio::null());
    let (run, _) = cancel_after_first_tick(child, Signal::INT);
    assert_eq!(run.status, 130, "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8(run.stdout).expect("JSON output is UTF-8");
    let (records, summary) = text
        .trim_end_matches('\n')
        .rsplit_once('\n')
        .unwrap_or(("", text.trim_end_matches('\n')));
    // Every record before the summary is one the full run writes, in the same order.
    let full = String::from_utf8(full.stdout).expect("JSON output is UTF-8");
    assert!(
        full.starts_with(records),
        "not a prefix of the full run:\n{records}"
    );
    assert!(
        summary.starts_with("{\"type\":\"summary\",")
            && summary.contains("\"errors\":0,")
            && summary.ends_with(",\"interrupted\":true}"),
        "{summary}"
    );
    // The summary's counts are those of the cancel line on stderr, and partial.
    let stderr = String::from_utf8_lossy(&run.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let count = |key: &str| {
        summary
            .split(&format!("\"{key}\":"))
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no {key} in {summary}"))
    };
    let (files, dirs) = (count("files"), count("dirs"));
    assert!(
        last.contains(&format!(
            "counted so far (partial): {files} files, {dirs} dirs, "
        )),
        "summary {summary} against {last:?}"
    );
    assert!(files < 600, "the run was not cut short: {summary}");
}

/// Whether every directory of `part` holds a prefix of the same directory's entries in
/// `whole` (the same names in the same order), its last entry perhaps cut short itself.
fn is_prefix_tree(part: &Node, whole: &Node) -> bool {
    match (part, whole) {
        (Node::Dir(info, children), Node::Dir(full_info, full_children)) => {
            info.get("name") == full_info.get("name")
                && children.len() <= full_children.len()
                && children
                    .iter()
                    .zip(full_children)
                    .all(|(c, f)| is_prefix_tree(c, f))
        }
        (part, whole) => part == whole,
    }
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn a_cancelled_ncdu_export_still_parses_and_holds_what_was_counted() {
    let t = SlowTree::new();
    let out = temp_root();
    let whole = out.path().join("whole.json");
    let part = out.path().join("part.json");
    let option = |file: &std::path::Path| format!("--ncdu-export={}", file.display());
    let full = run_with(
        dug().as_os_str(),
        &[option(&whole).as_str(), "tree"],
        &t.src(),
        &Opts::default(),
    );
    assert_eq!(full.status, 0, "{}", String::from_utf8_lossy(&full.stderr));
    let child = start(&t, &["-v", &option(&part), "tree"], Stdio::null());
    let (run, _) = cancel_after_first_tick(child, Signal::INT);
    assert_eq!(run.status, 130, "{}", String::from_utf8_lossy(&run.stderr));
    let whole = Export::parse(&std::fs::read(&whole).expect("the full export"));
    let part = Export::parse(&std::fs::read(&part).expect("the cancelled export"));
    // The roots' names differ (src/tree and mnt/tree): compare below them.
    let (Node::Dir(_, part_dirs), Node::Dir(_, whole_dirs)) = (&part.root, &whole.root) else {
        panic!("the roots are directories");
    };
    assert!(part_dirs.len() <= whole_dirs.len());
    assert!(
        part_dirs
            .iter()
            .zip(whole_dirs)
            .all(|(p, w)| is_prefix_tree(p, w)),
        "the cancelled export is not a part of the full one"
    );
    assert!(
        part.totals().0 < whole.totals().0,
        "the run was not cut short"
    );
}
