//! Shared test helpers: running GNU du and dug side by side on the same tree and comparing what
//! they print, and building the trees they run on in temp dirs.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::Write as _;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{OnceLock, mpsc};
use std::thread;
use std::time::Duration;

use rustix::fs::{CWD, Mode, OFlags};
use rustix::process::{Pid, Signal};
use tempfile::TempDir;

/// The dug binary under test.
pub fn dug() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_dug"))
}

/// The reference, found on PATH.
pub const DU: &str = "du";

/// The unprivileged user and group permission tests run as (nobody/nogroup).
const NOBODY: u32 = 65534;

/// How long one run of du or dug may take before it is killed and the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// What a finished program left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Everything written to standard output.
    pub stdout: Vec<u8>,
    /// Everything written to standard error.
    pub stderr: Vec<u8>,
    /// The exit status; death by signal N is 128 + N, as a shell reports it.
    pub status: i32,
}

impl Run {
    fn from_output(out: Output) -> Run {
        Run {
            stdout: out.stdout,
            stderr: out.stderr,
            status: status_code(out.status),
        }
    }
}

/// An exit status as a shell reports it: the code, or 128 + the signal that killed it.
pub fn status_code(status: std::process::ExitStatus) -> i32 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => 128 + signal,
        (None, None) => panic!("status {status:?} has neither a code nor a signal"),
    }
}

/// How to run a program: as whom, in which locale, for how long at most.
#[derive(Clone, Debug)]
pub struct Opts {
    /// Run as nobody (uid/gid 65534, no supplementary groups) through setpriv.
    pub as_nobody: bool,
    /// LC_ALL and LANG for the run.
    pub locale: &'static str,
    /// Kill the program and fail the test after this long.
    pub timeout: Duration,
    /// A command the program runs under, given the program and its arguments as its own last
    /// arguments (e.g. `unshare -m sh -c SCRIPT sh`).
    pub wrapper: Vec<OsString>,
    /// Environment variables set on top of PATH and the locale (TZ, TIME_STYLE, DU_BLOCK_SIZE…).
    pub env: Vec<(OsString, OsString)>,
    /// What the program reads on standard input (nothing, /dev/null, when None).
    pub stdin: Option<Vec<u8>>,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            as_nobody: false,
            locale: "C",
            timeout: TIMEOUT,
            wrapper: Vec::new(),
            env: Vec::new(),
            stdin: None,
        }
    }
}

impl Opts {
    /// The defaults, run as nobody.
    pub fn nobody() -> Opts {
        Opts {
            as_nobody: true,
            ..Opts::default()
        }
    }

    /// The defaults in the C.UTF-8 locale (du's quoting of names and of `quote()`d arguments
    /// depends on the charset).
    pub fn utf8() -> Opts {
        Opts {
            locale: "C.UTF-8",
            ..Opts::default()
        }
    }

    /// These options with environment variable `name` set to `value`.
    pub fn with_env(mut self, name: &str, value: impl AsRef<OsStr>) -> Opts {
        self.env
            .push((OsString::from(name), value.as_ref().to_os_string()));
        self
    }

    /// These options with `data` on standard input.
    pub fn with_stdin(mut self, data: &[u8]) -> Opts {
        self.stdin = Some(data.to_vec());
        self
    }
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// A `Command` for `prog args` in `cwd` with the fixed environment both programs get: PATH kept,
/// the locale set, `opts.env`, and nothing else (so no DU_BLOCK_SIZE, BLOCK_SIZE, BLOCKSIZE,
/// POSIXLY_CORRECT, TIME_STYLE, TZ unless asked for). As nobody it goes through setpriv,
/// unless the tests already run unprivileged, in which case the permission tests bite as they
/// are. Standard input is /dev/null, or a pipe when `opts.stdin` has data for it.
pub fn command<S: AsRef<OsStr>>(prog: &OsStr, args: &[S], cwd: &Path, opts: &Opts) -> Command {
    let mut line: Vec<&OsStr> = opts.wrapper.iter().map(OsString::as_os_str).collect();
    line.push(prog);
    let mut cmd = if opts.as_nobody && is_root() {
        let mut cmd = Command::new("setpriv");
        cmd.arg(format!("--reuid={NOBODY}"))
            .arg(format!("--regid={NOBODY}"))
            .arg("--clear-groups")
            .args(line);
        cmd
    } else {
        let mut cmd = Command::new(line[0]);
        cmd.args(&line[1..]);
        cmd
    };
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    cmd.args(args)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", path)
        .env("LC_ALL", opts.locale)
        .env("LANG", opts.locale)
        .envs(opts.env.iter().map(|(k, v)| (k, v)))
        .stdin(if opts.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    cmd
}

/// Runs `prog args` in `cwd` with the default options (C locale, 60 s timeout).
pub fn run<S: AsRef<OsStr>>(
    prog: impl AsRef<OsStr>,
    args: &[S],
    cwd: &Path,
    as_nobody: bool,
) -> Run {
    let opts = Opts {
        as_nobody,
        ..Opts::default()
    };
    run_with(prog.as_ref(), args, cwd, &opts)
}

/// Runs `prog args` in `cwd` with `opts`, collecting both outputs; fails the test if it runs
/// longer than `opts.timeout`.
pub fn run_with<S: AsRef<OsStr>>(prog: &OsStr, args: &[S], cwd: &Path, opts: &Opts) -> Run {
    let staged = opts.as_nobody.then(|| Staged::new(prog));
    let prog = staged.as_ref().map_or(prog, |s| s.path.as_os_str());
    let what = command_line(prog, args);
    let spawn = || {
        command(prog, args, cwd, opts)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    };
    let mut child = spawn();
    // A staged copy can be "busy" for a moment: a child that another test thread forked while
    // the copy was being written holds the file open for writing until it execs.
    for _ in 0..100 {
        match &child {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                thread::yield_now();
                child = spawn();
            }
            _ => break,
        }
    }
    let mut child = child.unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    if let (Some(data), Some(mut pipe)) = (opts.stdin.clone(), child.stdin.take()) {
        // A writer thread, so a program that reads nothing cannot block the test; a program
        // that exits without reading closes the pipe, which ends the write.
        thread::spawn(move || {
            let _ = pipe.write_all(&data);
        });
    }
    let out = wait_output(child, opts.timeout, &what);
    drop(staged);
    out
}

/// Waits for `child` (stdout and stderr piped) and collects its output; kills it and fails the
/// test after `timeout`.
pub fn wait_output(child: Child, timeout: Duration, what: &str) -> Run {
    match within(child, timeout, what, |child| child.wait_with_output()) {
        Ok(out) => Run::from_output(out),
        Err(e) => panic!("waiting for {what}: {e}"),
    }
}

/// Runs `talk` (which must end by waiting for the child) on another thread; if it has not
/// returned after `timeout`, kills the child and fails the test.
pub fn within<R: Send + 'static>(
    child: Child,
    timeout: Duration,
    what: &str,
    talk: impl FnOnce(Child) -> R + Send + 'static,
) -> R {
    let pid = Pid::from_child(&child);
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(talk(child));
    });
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => {
            // The thread has not reaped the child, so the pid still names it.
            let _ = rustix::process::kill_process(pid, Signal::KILL);
            panic!("{what} did not finish within {timeout:?}: killed it");
        }
    }
}

/// The program as nobody can run it: itself when every directory above it is searchable by
/// others, else a copy in a temp dir that lives as long as this value (a CI clone may sit
/// under a private directory).
pub struct Staged {
    /// Where nobody can run the program from.
    pub path: PathBuf,
    _dir: Option<TempDir>,
}

impl Staged {
    /// `prog` itself, or a copy nobody can run.
    pub fn new(prog: &OsStr) -> Staged {
        let path = PathBuf::from(prog);
        if !path.is_absolute() || is_reachable_by_others(&path) {
            return Staged { path, _dir: None };
        }
        let dir = temp_root();
        let copy = dir
            .path()
            .join(path.file_name().expect("a program has a file name"));
        fs::copy(&path, &copy).unwrap_or_else(|e| panic!("copy {path:?} for nobody: {e}"));
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).expect("chmod the copy");
        Staged {
            path: copy,
            _dir: Some(dir),
        }
    }
}

fn is_reachable_by_others(path: &Path) -> bool {
    let executable = |p: &Path| {
        fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o001 != 0)
            .unwrap_or(false)
    };
    path.ancestors().all(executable)
}

/// Fails the test unless GNU `du`, the reference every differential test compares with, is on
/// PATH (`.ci/run` installs coreutils when it is missing). No test passes without it.
pub fn require_du() {
    static HAS_DU: OnceLock<bool> = OnceLock::new();
    let has = *HAS_DU.get_or_init(|| {
        Command::new(DU)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    assert!(
        has,
        "no `du` on PATH: install coreutils, the reference these tests compare with"
    );
}

/// du's stderr as dug should print it: "du: " at the start of a line becomes "dug: ", and
/// "Try 'du --help'" becomes "Try 'dug --help'".
pub fn rename_program(stderr: &[u8]) -> Vec<u8> {
    const TRY_DU: &[u8] = b"Try 'du --help' for more information.";
    const TRY_DUG: &[u8] = b"Try 'dug --help' for more information.";
    let mut out = Vec::with_capacity(stderr.len() + 16);
    for line in stderr.split_inclusive(|&b| b == b'\n') {
        if let Some(rest) = line.strip_prefix(b"du: ") {
            out.extend_from_slice(b"dug: ");
            out.extend_from_slice(rest);
        } else if let Some(rest) = line.strip_prefix(TRY_DU) {
            out.extend_from_slice(TRY_DUG);
            out.extend_from_slice(rest);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

/// Runs du and dug with the same arguments in the same directory and fails the test, showing
/// both sides, unless stdout, stderr (program name aside) and exit status are identical.
pub fn assert_same<S: AsRef<OsStr>>(args: &[S], cwd: &Path) {
    assert_same_with(args, cwd, &Opts::default());
}

/// `assert_same`, both programs run as nobody.
pub fn assert_same_as_nobody<S: AsRef<OsStr>>(args: &[S], cwd: &Path) {
    assert_same_with(args, cwd, &Opts::nobody());
}

/// `assert_same` with explicit options.
pub fn assert_same_with<S: AsRef<OsStr>>(args: &[S], cwd: &Path, opts: &Opts) {
    if let Err(report) = compare(args, cwd, opts) {
        panic!("{report}");
    }
}

/// Runs du and dug alike; `Err` holds a report of every difference.
pub fn compare<S: AsRef<OsStr>>(args: &[S], cwd: &Path, opts: &Opts) -> Result<(), String> {
    compare_threads(None, args, cwd, opts)
}

/// `compare`, with dug given `-j THREADS` first when `threads` is set (du has no -j).
pub fn compare_threads<S: AsRef<OsStr>>(
    threads: Option<usize>,
    args: &[S],
    cwd: &Path,
    opts: &Opts,
) -> Result<(), String> {
    require_du();
    let mut du = run_with(OsStr::new(DU), args, cwd, opts);
    du.stderr = rename_program(&du.stderr);
    let mut dug_args: Vec<OsString> = match threads {
        Some(n) => vec!["-j".into(), n.to_string().into()],
        None => Vec::new(),
    };
    dug_args.extend(args.iter().map(|a| a.as_ref().to_os_string()));
    let dug = run_with(dug().as_os_str(), &dug_args, cwd, opts);
    if du == dug {
        return Ok(());
    }
    Err(difference_report(&dug_args, cwd, opts, &du, &dug))
}

/// `assert_same_with`, dug run with `-j threads`.
pub fn assert_same_threads<S: AsRef<OsStr>>(threads: usize, args: &[S], cwd: &Path, opts: &Opts) {
    if let Err(report) = compare_threads(Some(threads), args, cwd, opts) {
        panic!("{report}");
    }
}

/// Runs every flag list in `flags` followed by `operands` in `cwd`, and fails listing every
/// combination that differs (the first few with their full reports).
pub fn table(cwd: &Path, flags: &[&[&str]], operands: &[&str], opts: &Opts) {
    const FULL_REPORTS: usize = 4;
    let mut failures = Vec::new();
    for f in flags {
        let mut args = os_args(f);
        args.extend(os_args(operands));
        if let Err(report) = compare(&args, cwd, opts) {
            failures.push((show_args(&args), report));
        }
    }
    if failures.is_empty() {
        return;
    }
    let mut msg = format!(
        "{} of {} combinations differ:\n",
        failures.len(),
        flags.len()
    );
    for (args, _) in &failures {
        msg.push_str(&format!("  du/dug {args}\n"));
    }
    for (_, report) in failures.iter().take(FULL_REPORTS) {
        msg.push('\n');
        msg.push_str(report);
    }
    panic!("{msg}");
}

/// The arguments as a shell would need them, roughly: each in single quotes when it holds
/// anything but plain characters, bytes outside printable ASCII escaped.
pub fn show_args<S: AsRef<OsStr>>(args: &[S]) -> String {
    let show = |arg: &OsStr| {
        let bytes = arg.as_bytes();
        let plain = !bytes.is_empty()
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_=./,:+@%".contains(b));
        if plain {
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            format!("'{}'", bytes.escape_ascii())
        }
    };
    let shown: Vec<String> = args.iter().map(|a| show(a.as_ref())).collect();
    shown.join(" ")
}

/// `prog args` for messages.
pub fn command_line<S: AsRef<OsStr>>(prog: &OsStr, args: &[S]) -> String {
    let name = Path::new(prog)
        .file_name()
        .unwrap_or(prog)
        .to_string_lossy();
    format!("{name} {}", show_args(args))
}

/// Lines of a report shown per stream before it is cut.
const SHOWN_LINES: usize = 30;
/// Bytes of one line shown in a report.
const SHOWN_BYTES: usize = 160;

fn difference_report<S: AsRef<OsStr>>(
    args: &[S],
    cwd: &Path,
    opts: &Opts,
    du: &Run,
    dug: &Run,
) -> String {
    let mut r = String::new();
    let who = if opts.as_nobody { ", as nobody" } else { "" };
    let env: String = opts
        .env
        .iter()
        .map(|(k, v)| format!(", {}={:?}", k.to_string_lossy(), v))
        .collect();
    let stdin = opts
        .stdin
        .as_ref()
        .map(|d| format!(", stdin {:?}", d.escape_ascii().to_string()))
        .unwrap_or_default();
    let _ = writeln!(
        r,
        "du and dug differ on: {} (cwd {}, LC_ALL={}{env}{stdin}{who})",
        show_args(args),
        cwd.display(),
        opts.locale
    );
    for (name, a, b) in [
        ("stdout", &du.stdout, &dug.stdout),
        ("stderr", &du.stderr, &dug.stderr),
    ] {
        match first_difference(a, b) {
            None => {
                let _ = writeln!(r, "{name}: same ({} bytes)", a.len());
            }
            Some((line, ours, theirs)) => {
                let _ = writeln!(r, "{name}: first difference at line {}:", line + 1);
                let _ = writeln!(r, "  du:  {ours}");
                let _ = writeln!(r, "  dug: {theirs}");
            }
        }
    }
    let same = if du.status == dug.status {
        " (same)"
    } else {
        ""
    };
    let _ = writeln!(r, "status: du {}, dug {}{same}", du.status, dug.status);
    for (name, bytes) in [
        ("du stdout", &du.stdout),
        ("dug stdout", &dug.stdout),
        ("du stderr (program name normalised)", &du.stderr),
        ("dug stderr", &dug.stderr),
    ] {
        let _ = writeln!(r, "--- {name} ---\n{}", excerpt(bytes));
    }
    r
}

/// The index of the first line where `a` and `b` differ, and both lines shown escaped
/// ("<end>" when one side has no such line).
fn first_difference(a: &[u8], b: &[u8]) -> Option<(usize, String, String)> {
    if a == b {
        return None;
    }
    let show = |line: Option<&[u8]>| match line {
        Some(l) => format!("\"{}\"", clip(l).escape_ascii()),
        None => "<end>".to_owned(),
    };
    let mut xs = a.split_inclusive(|&c| c == b'\n');
    let mut ys = b.split_inclusive(|&c| c == b'\n');
    let mut i = 0;
    loop {
        let (x, y) = (xs.next(), ys.next());
        if x != y {
            return Some((i, show(x), show(y)));
        }
        i += 1;
    }
}

/// The first `SHOWN_LINES` lines of `bytes`, long ones clipped.
pub fn excerpt(bytes: &[u8]) -> String {
    let mut out = String::new();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    for line in lines.iter().take(SHOWN_LINES) {
        out.push_str(&String::from_utf8_lossy(&clip(line)));
    }
    if lines.len() > SHOWN_LINES {
        let _ = writeln!(out, "... ({} more lines)", lines.len() - SHOWN_LINES);
    }
    out
}

/// `line` with its middle cut out when it is longer than `SHOWN_BYTES`: paths thousands of
/// levels deep would otherwise bury the report, and their ends are what tells them apart.
fn clip(line: &[u8]) -> Vec<u8> {
    if line.len() <= SHOWN_BYTES {
        return line.to_vec();
    }
    let keep = SHOWN_BYTES / 2;
    let mut out = line[..keep].to_vec();
    out.extend_from_slice(format!("[...{} bytes...]", line.len() - 2 * keep).as_bytes());
    out.extend_from_slice(&line[line.len() - keep..]);
    out
}

/// A fresh temp dir under /tmp that nobody can enter (tempfile makes it 0700).
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

/// File sizes around every boundary du rounds at: 512-byte units, 1 KiB, the 4 KiB block.
pub const SIZES: &[usize] = &[
    0, 1, 511, 512, 513, 1025, 4095, 4096, 4097, 10241, 1_048_577,
];

/// Sized files, sparse files, empty and nested dirs, under `at`.
pub fn add_sizes(t: &Tree, at: &str) {
    for &size in SIZES {
        t.file(format!("{at}/sizes/s{size}"), size);
    }
    t.sparse(format!("{at}/sparse/hole_1g"), 1 << 30)
        .sparse_tail(format!("{at}/sparse/tail_1g"), 1 << 30)
        .sparse(format!("{at}/sparse/hole_5000"), 5000)
        .dir(format!("{at}/empty"))
        .dir(format!("{at}/empty_nest/inner/innermost"));
    let mut nest = format!("{at}/nest");
    for (level, size) in [(1, 700), (2, 7000), (3, 0), (4, 70_000), (5, 3)] {
        nest.push_str(&format!("/l{level}"));
        t.file(format!("{nest}/f{level}"), size);
    }
    t.file(format!("{nest}/leaf"), 9000);
}

/// Hard links (in one dir, across dirs, three names for one file) and symlinks (to a file, to a
/// dir, dangling, a loop, to an ancestor, absolute) under `at`.
pub fn add_links(t: &Tree, at: &str) {
    t.file(format!("{at}/a/orig"), 5000)
        .hard_link(format!("{at}/a/orig"), format!("{at}/a/orig_same_dir"))
        .hard_link(format!("{at}/a/orig"), format!("{at}/b/orig_other_dir"))
        .file(format!("{at}/a/big"), 20_000)
        .hard_link(format!("{at}/a/big"), format!("{at}/c/big_link"))
        .file(format!("{at}/c/tri"), 9000)
        .hard_link(format!("{at}/c/tri"), format!("{at}/a/tri2"))
        .hard_link(format!("{at}/c/tri"), format!("{at}/b/tri3"))
        .file(format!("{at}/b/plain"), 100)
        .symlink("a/orig", format!("{at}/to_file"))
        .symlink("b", format!("{at}/to_dir"))
        .symlink("no/such/target", format!("{at}/dangling"))
        .symlink("loop_b", format!("{at}/loop_a"))
        .symlink("loop_a", format!("{at}/loop_b"))
        .symlink("..", format!("{at}/a/up"))
        .symlink(t.join(format!("{at}/c")), format!("{at}/abs_to_c"));
}

/// Names du must print as they are on stdout and quote on stderr, under `at`.
pub fn add_names(t: &Tree, at: &str) {
    let names: &[&[u8]] = &[
        b"with space",
        b"new\nline",
        b"tab\there",
        b"quote'single",
        b"quote\"double",
        b"-leading-dash",
        b"--double-dash",
        b"back\\slash",
        b"$dollar",
        b"star*question?",
        b"caf\xc3\xa9",
        b"bad\xff\xfebytes",
        b" leading space",
        b"trailing space ",
    ];
    for (i, name) in names.iter().enumerate() {
        let mut file = format!("{at}/").into_bytes();
        file.extend_from_slice(name);
        t.file(bytes_path(&file), 100 * i);
        let mut dir = format!("{at}/dir ").into_bytes();
        dir.extend_from_slice(name);
        dir.extend_from_slice(b"/inner");
        t.file(bytes_path(&dir), 5000 + i);
    }
    t.file(format!("{at}/-dash-dir/x"), 2000)
        .file(format!("{at}/-dash-dir/-y"), 6000);
}

/// One tree with every kind of entry the flag table runs over: sizes, links, names, a FIFO.
pub fn mixed_tree() -> Tree {
    let t = Tree::new();
    add_sizes(&t, "sz");
    add_links(&t, "ln");
    add_names(&t, "nm");
    t.fifo("pipe").file("top_file", 3000);
    t
}

/// Sizes, sparse files, empty and nested dirs on their own.
pub fn sizes_tree() -> Tree {
    let t = Tree::new();
    add_sizes(&t, "t");
    t
}

/// Hard links and symlinks on their own, at the root (so `-L .` meets the loops first-hand).
pub fn links_tree() -> Tree {
    let t = Tree::new();
    add_links(&t, ".");
    t
}

/// Hostile names on their own.
pub fn names_tree() -> Tree {
    let t = Tree::new();
    add_names(&t, ".");
    t
}

/// Entries nobody cannot read or search: an unreadable dir (000) with files and a subdir, an
/// unsearchable dir (0644: names readable, entries not stat-able) with files and a subdir, an
/// unreadable file, an unreadable dir nested under readable ones, and a FIFO.
pub fn perms_tree() -> Tree {
    let t = Tree::new();
    t.file("ok/file", 1500)
        .file("unreadable/f1", 3000)
        .file("unreadable/f2", 0)
        .file("unreadable/sub/g", 5000)
        .file("unsearchable/f1", 3000)
        .file("unsearchable/f2", 7000)
        .file("unsearchable/sub/g", 5000)
        .file("noread_file", 8000)
        .file("outer/inner/locked/x", 100)
        .file("outer/inner/open", 100)
        .fifo("pipe")
        .chmod("unreadable", 0o000)
        .chmod("unsearchable", 0o644)
        .chmod("noread_file", 0o000)
        .chmod("outer/inner/locked", 0o000);
    t
}

/// Unreadable (000) and unsearchable (0644) directories with hostile names, so that
/// permission errors have names to quote.
pub fn hostile_perms_tree() -> Tree {
    let t = Tree::new();
    for (name, mode) in [
        (&b"bad\xffname\ndir"[..], 0o000),
        (b"it's locked", 0o000),
        (b"caf\xc3\xa9 tab\there", 0o644),
    ] {
        let mut file = name.to_vec();
        file.extend_from_slice(b"/x");
        t.file(bytes_path(&file), 100);
        t.chmod(bytes_path(name), mode);
    }
    t
}

/// Entries in the directory du sorts by inode (more than 10,000) and in the one it does not
/// (exactly 10,000).
pub const MANY: usize = 10_050;
/// See `MANY`.
pub const TEN_K: usize = 10_000;

/// `many/` with `MANY` entries and `tenk/` with `TEN_K`; each holds a few subdirs (so the order
/// shows without -a) and a few non-empty files. Entries are created in a scrambled order, so
/// inode order, name order and hash (readdir) order all differ.
pub fn big_dirs_tree() -> Tree {
    let t = Tree::new();
    for (dir, count) in [("many", MANY), ("tenk", TEN_K)] {
        t.dir(dir);
        for k in 0..count {
            // 7919 is prime and does not divide either count: a permutation of 0..count.
            let i = (k * 7919) % count;
            if i % 200 == 0 {
                t.file(format!("{dir}/d{i:05}/inside"), 3000 + i);
            } else if i % 97 == 0 {
                t.file(format!("{dir}/f{i:05}"), 5000 + i);
            } else {
                File::create(t.join(format!("{dir}/f{i:05}"))).expect("create an empty file");
            }
        }
    }
    t
}

/// A tree of `dirs` top dirs with 3 subdirs of `files` files each, every 10th file also hard
/// linked into `links/` and every 13th into the next top dir: a few thousand entries for
/// comparing thread counts.
pub fn walk_tree(dirs: usize, files: usize) -> Tree {
    let t = Tree::new();
    for d in 0..dirs {
        for s in 0..3 {
            for f in 0..files {
                let name = format!("d{d:02}/s{s}/file{f:03}");
                t.file(&name, (d * 131 + s * 977 + f * 373) % 9000);
                if f % 10 == 0 {
                    t.hard_link(&name, format!("links/d{d}s{s}f{f}"));
                }
                if f % 13 == 0 {
                    let next = (d + 1) % dirs;
                    t.hard_link(&name, format!("d{next:02}/from{d}s{s}f{f}"));
                }
            }
        }
        t.file(format!("d{d:02}/top"), d * 100);
    }
    t
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

/// Arguments from string slices, for tables.
pub fn os_args(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}
