//! Integration tests of the walk itself: thread counts do not change the output, extreme depths
//! and paths beyond PATH_MAX work, a closed stdout ends dug the way it ends du, and a FIFO
//! never blocks the walk.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::common::oracle::{DU, assert_same, assert_same_with, require_du, run_du, run_dug_as_du};
use crate::common::process::{
    Opts, Run, command, command_line, dug, run, run_with, status_code, within,
};
use crate::common::report::excerpt;
use crate::common::tree::Tree;
use crate::common::trees::{mixed_tree, walk_tree};

/// Fails showing both runs unless they printed and returned exactly the same.
fn assert_runs_equal(what: &str, expected: &Run, got: &Run) {
    if expected == got {
        return;
    }
    let first_diff = expected
        .stdout
        .split(|&b| b == b'\n')
        .zip(got.stdout.split(|&b| b == b'\n'))
        .position(|(a, b)| a != b);
    panic!(
        "{what}: output differs (first differing stdout line: {first_diff:?})\n\
         status {} vs {}\n--- expected stdout ({} bytes) ---\n{}\n--- got stdout ({} bytes) ---\n{}\n\
         --- expected stderr ---\n{}\n--- got stderr ---\n{}",
        expected.status,
        got.status,
        expected.stdout.len(),
        excerpt(&expected.stdout),
        got.stdout.len(),
        excerpt(&got.stdout),
        String::from_utf8_lossy(&expected.stderr),
        String::from_utf8_lossy(&got.stderr),
    );
}

#[test]
fn thread_count_does_not_change_output() {
    // 30 dirs x 3 subdirs x 25 files, plus about 400 extra hard links: ~2,700 entries.
    let t = walk_tree(30, 25);
    for args in [
        &["-a", "."][..],
        &["."],
        &["-a", "-l", "."],
        &["-a", "-L", "-c", "."],
        &["-a", "--exclude=*1*", "--exclude=s2", "."],
        &[
            "-a",
            "--inodes",
            "-t",
            "-1",
            "--time",
            "--time-style=+%s.%N",
            ".",
        ],
        &["-c", "-t", "20K", "--time", "d00", "links", "d01"],
    ] {
        let with = |threads: &[&str]| {
            let mut all: Vec<&str> = threads.to_vec();
            all.extend_from_slice(args);
            run(dug(), &all, t.path(), false)
        };
        let one = with(&["-j", "1"]);
        assert_eq!(
            one.status,
            0,
            "dug -j 1 {args:?} failed: {}",
            String::from_utf8_lossy(&one.stderr)
        );
        assert!(!one.stdout.is_empty(), "dug -j 1 {args:?} printed nothing");
        for threads in [
            &["-j", "2"][..],
            &["-j", "64"],
            &["-j64"],
            &["--threads", "3"],
            &["--threads=8"],
            &["-j", "64"],
            &["-j", "64"],
        ] {
            let what = format!(
                "dug {} {} against dug -j 1",
                threads.join(" "),
                args.join(" ")
            );
            assert_runs_equal(&what, &one, &with(threads));
        }
    }
    assert_same(&["-a", "."], t.path());
    assert_same(&["-a", "-l", "."], t.path());
    assert_same(&["-a", "--exclude=*1*", "--exclude=s2", "."], t.path());
    assert_same(&["-a", "--inodes", "--time", "."], t.path());
}

/// A directory name of 30 characters: 300 of them make a path of 9,300 bytes.
const NAME30: &str = "abcdefghijklmnopqrstuvwxyz0123";

#[test]
fn paths_beyond_path_max() {
    let t = Tree::new();
    let deepest = t.chain("long", NAME30, 300, 10);
    assert!(
        deepest.as_os_str().len() > 4096,
        "the chain is not beyond PATH_MAX"
    );
    assert_same(&["."], t.path());
    assert_same(&["-a", "long"], t.path());
    assert_same(&["-s", "-c", "long"], t.path());
    assert_same(&["-a", "-d", "295", "--apparent-size", "long"], t.path());
    // An operand of about 3,100 bytes whose subtree goes past PATH_MAX from there.
    let part: std::path::PathBuf = std::iter::once("long")
        .chain(std::iter::repeat_n(NAME30, 100))
        .collect();
    assert_same(&[part.as_os_str()], t.path());
    // An operand itself longer than PATH_MAX: du cannot even stat it.
    assert_same(&[deepest.as_os_str()], t.path());
    assert_same(
        &[OsStr::new("-s"), t.join(&deepest).as_os_str()],
        Path::new("/"),
    );
}

/// How deep the deep tree goes; its full `du .` output would be 400 MB (line k holds a path of
/// 2k bytes), so the tests below print only parts of it.
const DEEP: usize = 20_000;

/// Timeout for one program on the 20,000-deep tree (the slowest run is a debug-built dug).
const DEEP_TIMEOUT: Duration = Duration::from_secs(50);

fn deep_opts() -> Opts {
    Opts {
        timeout: DEEP_TIMEOUT,
        ..Opts::default()
    }
}

#[test]
fn tree_20000_levels_deep() {
    let t = Tree::new();
    t.chain("deep", "d", DEEP, 1000);
    for args in [
        &["-s", "deep"][..],
        &["-d", "2", "deep"],
        &["-a", "-d", "3", "-c", "deep"],
        &["-s", "-b", "-l", "deep"],
    ] {
        assert_same_with(args, t.path(), &deep_opts());
    }
}

#[test]
fn deepest_entries_of_20000_deep_tree() {
    let t = Tree::new();
    t.chain("deep", "d", DEEP, 0);
    // Only the deepest directory (its own block and the leaf's) is at most 8K, and only the
    // leaf at most 4K: the thresholds pick out lines whose 40 KB paths are printed in full.
    assert_same_with(&["-t", "-8K", "deep"], t.path(), &deep_opts());
    assert_same_with(&["-a", "-t", "-4K", "deep"], t.path(), &deep_opts());
}

/// du -L walks with FTS_LOGICAL, which stats full paths instead of working relative to an open
/// directory: past PATH_MAX it reports "File name too long" and leaves the rest uncounted.
#[test]
fn dereference_beyond_path_max() {
    let t = Tree::new();
    t.chain("long", NAME30, 300, 10);
    assert_same(&["-L", "long"], t.path());
    assert_same(&["-L", "-a", "-s", "long"], t.path());
    let t = Tree::new();
    t.chain("deep", "d", DEEP, 1000);
    assert_same_with(&["-s", "-L", "-b", "deep"], t.path(), &deep_opts());
}

/// A tree whose `-a` listing is far larger than a pipe buffer (64 KiB): ~330 KB.
fn pipe_tree() -> Tree {
    let t = Tree::new();
    for d in 0..4 {
        t.dir(format!("dir{d}"));
        for f in 0..1000 {
            let name =
                format!("dir{d}/a-long-file-name-to-fill-the-pipe-quickly-{f:05}-xxxxxxxxxxx");
            std::fs::File::create(t.join(&name)).unwrap_or_else(|e| panic!("create {name}: {e}"));
        }
    }
    t
}

/// Runs `prog -a .` in `cwd`, reads its first line, closes the pipe, and returns that line
/// and what the program did afterwards.
fn close_after_first_line(prog: &OsStr, cwd: &Path) -> (Vec<u8>, Run) {
    let args = ["-a", "."];
    let what = command_line(prog, &args);
    let child = command(prog, &args, cwd, &Opts::default())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    within(child, Duration::from_secs(30), &what, |mut child| {
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut reader = BufReader::new(stdout);
        let mut first = Vec::new();
        reader
            .read_until(b'\n', &mut first)
            .expect("read the first line");
        drop(reader);
        let out = child.wait_with_output().expect("wait for the program");
        let run = Run {
            stdout: Vec::new(),
            stderr: out.stderr,
            status: status_code(out.status),
        };
        (first, run)
    })
}

#[test]
fn closed_stdout_ends_dug_like_du() {
    let t = pipe_tree();
    let (first, got) = close_after_first_line(dug().as_os_str(), t.path());
    assert!(
        !first.is_empty(),
        "dug printed nothing before the pipe closed"
    );
    assert!(
        got.stderr.is_empty(),
        "dug wrote to stderr after its stdout closed:\n{}",
        String::from_utf8_lossy(&got.stderr)
    );
    // du does not catch SIGPIPE: it dies of it (128 + 13, as a shell shows it).
    require_du();
    let (du_first, du) = close_after_first_line(OsStr::new(DU), t.path());
    assert_eq!(du_first, first, "du and dug start with different lines");
    assert!(du.stderr.is_empty(), "du wrote to stderr");
    let expected = du.status;
    assert_eq!(
        got.status, expected,
        "dug ended with {}, du with {expected}",
        got.status
    );
}

#[test]
fn closed_stdout_in_a_shell_pipeline() {
    let t = pipe_tree();
    // POSIX sh has no PIPESTATUS: the left side reports its own status on fd 3.
    let script = r#"exec 3>&1; { "$0" -a . 2>&1; echo "status $?" >&3; } | head -n 1 >/dev/null"#;
    let shell = |prog: &OsStr| {
        let opts = Opts {
            timeout: Duration::from_secs(30),
            ..Opts::default()
        };
        run_with(
            OsStr::new("sh"),
            &[OsStr::new("-c"), OsStr::new(script), prog],
            t.path(),
            &opts,
        )
    };
    let got = shell(dug().as_os_str());
    assert_eq!(
        got.stdout,
        b"status 141\n",
        "dug in `dug -a . | head -n 1`: {}; stderr: {}",
        String::from_utf8_lossy(&got.stdout),
        String::from_utf8_lossy(&got.stderr)
    );
    require_du();
    let du = shell(OsStr::new(DU));
    assert_eq!(
        du.stdout, got.stdout,
        "du and dug end differently in a pipeline"
    );
}

/// Each program gets this long on a tree with FIFOs; one that opens a FIFO blocks forever.
const FIFO_TIMEOUT: Duration = Duration::from_secs(20);

/// A full disk behind stdout is not a closed pipe: du goes on walking and reporting (its
/// later `cannot access` line still appears), then says `write error` with no reason, status 1.
#[test]
fn write_error_on_stdout_is_reported_at_the_end_like_du() {
    require_du();
    let t = pipe_tree();
    let opts = Opts {
        wrapper: ["sh", "-c", "exec \"$@\" >/dev/full", "sh"]
            .map(OsString::from)
            .to_vec(),
        ..Opts::default()
    };
    for args in [
        &["dir0", "missing", "dir1"][..],
        &["-a", "dir0", "missing"],
        &["-s", "-c", "missing", "dir2"],
        &["-j", "1", "-a", "."],
    ] {
        let (du_args, dug_args) = match args {
            ["-j", "1", rest @ ..] => (rest, args),
            _ => (args, args),
        };
        let du = run_du(du_args, t.path(), &opts);
        let got = run_dug_as_du(dug_args, t.path(), &opts);
        assert_eq!(
            String::from_utf8_lossy(&got.stderr),
            String::from_utf8_lossy(&du.stderr),
            "stderr of {args:?} into /dev/full"
        );
        assert_eq!((got.status, du.status), (1, 1), "status of {args:?}");
    }
}

#[test]
fn fifos_do_not_block() {
    let t = mixed_tree();
    t.fifo("deeper/still/fifo2").fifo("deeper/fifo3");
    let opts = Opts {
        timeout: FIFO_TIMEOUT,
        ..Opts::default()
    };
    for args in [
        &["-a", "."][..],
        &["-a", "-L", "."],
        &["pipe", "deeper/fifo3"],
        &["-L", "-b", "pipe"],
        &["--apparent-size", "-a", "deeper"],
    ] {
        let got = run_with(dug().as_os_str(), args, t.path(), &opts);
        assert!(
            !got.stdout.is_empty(),
            "dug {args:?} printed nothing: {}",
            String::from_utf8_lossy(&got.stderr)
        );
        assert_same_with(args, t.path(), &opts);
    }
}

/// The harness's own timeout: a program that never ends is killed and the test fails.
#[test]
#[should_panic(expected = "did not finish within")]
fn a_hung_program_is_killed() {
    let opts = Opts {
        timeout: Duration::from_millis(300),
        ..Opts::default()
    };
    run_with(OsStr::new("sleep"), &["30"], Path::new("/"), &opts);
}
