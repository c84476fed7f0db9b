//! Progress (-v) and cancellation: signals, a keypress under a pseudo-terminal, the terminal's
//! settings afterwards, and standard input left alone when it is not a terminal.
//!
//! A walk must still be running when a test cancels it, whatever the machine's speed, so
//! these tests walk a small tree through `tests/support/slowfs.py`, a FUSE file system that
//! sleeps 1 ms in every getattr, opendir and readdir (about 2 s for the whole tree). Tests
//! wait for the first progress line, never for a fixed time.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::{Opts, Run, Staged, Tree, command, dug, run_with, status_code, temp_root, within};
use rustix::process::{Pid, Signal};
use tempfile::TempDir;

/// How long a test waits for a mount, a first progress line or the end of a run.
const PATIENCE: Duration = Duration::from_secs(60);

/// Debian's interpreter, which has python3-fusepy (a pyenv python3 on PATH may not).
const PYTHON: &str = "/usr/bin/python3";

/// `SRC/tree` (20 dirs of 30 files) and the same tree seen through the slow file system at
/// `MNT/tree`; unmounted on drop.
struct SlowTree {
    root: TempDir,
    daemon: Child,
}

impl SlowTree {
    fn new() -> SlowTree {
        let root = temp_root();
        let src = root.path().join("src/tree");
        let mnt = root.path().join("mnt/tree");
        for d in 0..20 {
            for f in 0..30 {
                let path = src.join(format!("d{d:02}/f{f:02}"));
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
                std::fs::write(&path, vec![b'x'; (d * 30 + f) * 97]).expect("write");
            }
        }
        std::fs::create_dir_all(&mnt).expect("mkdir mountpoint");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/slowfs.py");
        let daemon = Command::new(PYTHON)
            .arg(&script)
            .arg(&src)
            .arg(&mnt)
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {PYTHON} {}: {e}", script.display()));
        let tree = SlowTree { root, daemon };
        wait_for(&format!("slowfs mounted at {mnt:?}"), || is_mounted(&mnt));
        tree
    }

    /// Where the slow copy is mounted (run with cwd here, operand `tree`).
    fn mnt(&self) -> PathBuf {
        self.root.path().join("mnt")
    }

    /// Where the fast original is (same relative names as under `mnt`).
    fn src(&self) -> PathBuf {
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

fn is_mounted(path: &Path) -> bool {
    let table = std::fs::read_to_string("/proc/self/mountinfo").expect("read mountinfo");
    let want = path.to_str().expect("a UTF-8 temp path");
    table
        .lines()
        .any(|line| line.split(' ').nth(4) == Some(want))
}

/// What the whole walk prints, taken from the fast original.
fn full_output(t: &SlowTree, args: &[&str]) -> Run {
    let out = run_with(dug().as_os_str(), args, &t.src(), &Opts::default());
    assert_eq!(out.status, 0, "reference run failed: {out:?}");
    out
}

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
    cancel_twice_after_first_tick(child, signal, None)
}

/// `cancel_after_first_tick`, and with `then`, that second signal as soon as dug has said it
/// was interrupted (while it is still ending).
fn cancel_twice_after_first_tick(
    child: Child,
    signal: Signal,
    then: Option<Signal>,
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
fn sigint_stops_the_walk_with_status_130_and_a_partial_summary() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let child = start(&t, &["-v", "-a", "tree"], Stdio::null());
    let (run, _) = cancel_after_first_tick(child, Signal::INT);
    assert_clean_cancel(&run, &full, 130);
}

/// Under RLIMIT_NPROC=1 (as nobody: root is exempt) no worker
/// starts: Ctrl-C is caught without a thread and the walk runs on the aggregator's thread, and
/// the cancel is as clean as ever.
#[test]
fn sigint_stops_a_walk_that_could_start_no_thread() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let staged = Staged::new(dug().as_os_str());
    let opts = Opts {
        as_nobody: true,
        wrapper: ["prlimit", "--nproc=1", "--"].map(Into::into).to_vec(),
        ..Opts::default()
    };
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
fn a_later_signal_does_not_change_the_status() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    for (first, second, status) in [
        (Signal::TERM, Signal::HUP, 143),
        (Signal::HUP, Signal::TERM, 129),
    ] {
        let child = start(&t, &["-v", "-a", "tree"], Stdio::null());
        let (run, _) = cancel_twice_after_first_tick(child, first, Some(second));
        assert_clean_cancel(&run, &full, status);
    }
}

#[test]
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
        let run = common::wait_output(child, PATIENCE, "dug -s with stdin");
        assert_eq!(run.status, 0, "stdin pipe: {is_pipe}; {run:?}");
        assert_eq!(run.stdout, full.stdout);
    }
}

/// A pseudo-terminal running dug as its session's foreground job, with the slave kept open to
/// read its settings. Made with rustix and std alone: a pty crate would bring a proc-macro into
/// the build, which the static release build (`.cargo/config.toml`) cannot compile.
mod pty {
    use super::*;
    use std::fs::File;
    use std::os::fd::OwnedFd;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::process::CommandExt;
    use std::process::ExitStatus;

    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use rustix::termios::{Winsize, tcsetwinsize};

    /// The terminal's reader and where its thread will send what it reads.
    type Unread = (File, mpsc::Sender<Vec<u8>>);

    pub struct Session {
        pub output: mpsc::Receiver<Vec<u8>>,
        /// The terminal's reader until `start_reading` hands it to a thread.
        unread: Option<Unread>,
        pub writer: File,
        pub child: Child,
        pub tty: PathBuf,
        /// `stty -g` before dug started.
        pub before: String,
        _slave: OwnedFd,
    }

    impl Drop for Session {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// Starts `dug ARGS` in `cwd` on a new pseudo-terminal.
    pub fn start(args: &[&str], cwd: &Path) -> Session {
        let mut session = start_unread(args, cwd);
        session.start_reading();
        session
    }

    /// `start`, with nobody reading the terminal until `start_reading`: once its buffer is
    /// full, dug's writes to it block.
    pub fn start_unread(args: &[&str], cwd: &Path) -> Session {
        let mut cmd = Command::new(dug());
        cmd.args(args);
        spawn(cmd, cwd)
    }

    /// Starts `sh -c SCRIPT sh DUG` in `cwd` on a new pseudo-terminal.
    pub fn start_shell(script: &str, cwd: &Path) -> Session {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script, "sh"]);
        cmd.arg(dug());
        let mut session = spawn(cmd, cwd);
        session.start_reading();
        session
    }

    fn spawn(mut cmd: Command, cwd: &Path) -> Session {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("open a pty");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("the pty's name");
        let tty = PathBuf::from(std::ffi::OsStr::from_bytes(name.to_bytes()));
        let slave: OwnedFd = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(&tty)
            .expect("open the pty's slave")
            .into();
        let size = Winsize {
            ws_row: 24,
            ws_col: 200,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&slave, size).expect("set the pty's size");
        let before = settings(&tty);
        let io = || Stdio::from(slave.try_clone().expect("dup the pty's slave"));
        cmd.current_dir(cwd)
            .env("LC_ALL", "C")
            .stdin(io())
            .stdout(io())
            .stderr(io());
        // SAFETY: between fork and exec the child makes two system calls, no allocation.
        unsafe {
            cmd.pre_exec(|| {
                // A new session whose controlling terminal is the pty: dug is its foreground job.
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn on the pty");
        let master = File::from(master);
        let reader = master.try_clone().expect("dup the pty's master");
        let (tx, output) = mpsc::channel();
        Session {
            output,
            unread: Some((reader, tx)),
            writer: master,
            child,
            tty,
            before,
            _slave: slave,
        }
    }

    /// `stty -g` of the terminal: every setting, in one comparable line.
    pub fn settings(tty: &Path) -> String {
        let out = Command::new("stty")
            .arg("-g")
            .arg("-F")
            .arg(tty)
            .output()
            .expect("run stty");
        assert!(out.status.success(), "stty: {out:?}");
        String::from_utf8(out.stdout).expect("stty prints ASCII")
    }

    impl Session {
        /// Reads the terminal from now on, on a thread, into `output`.
        pub fn start_reading(&mut self) {
            let Some((mut reader, tx)) = self.unread.take() else {
                return;
            };
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            });
        }

        /// Everything the terminal showed, read until `done` says enough or the child ends.
        pub fn read_until(&mut self, seen: &mut Vec<u8>, done: impl Fn(&[u8]) -> bool) {
            let deadline = Instant::now() + PATIENCE;
            while !done(seen) {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.output.recv_timeout(left) {
                    Ok(bytes) => seen.extend_from_slice(&bytes),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        let _ = self.child.kill();
                        panic!("pty output never satisfied the test: {seen:?}");
                    }
                }
            }
        }

        /// Waits for dug to end (killing it after PATIENCE) and returns its exit status, 128+N
        /// for a death by signal N.
        pub fn wait(&mut self, seen: &mut Vec<u8>) -> i32 {
            status_code(self.wait_status(seen))
        }

        /// `wait`, returning the whole status.
        pub fn wait_status(&mut self, seen: &mut Vec<u8>) -> ExitStatus {
            let deadline = Instant::now() + PATIENCE;
            loop {
                if let Some(status) = self.child.try_wait().expect("poll dug") {
                    // Drain what is left on the terminal.
                    while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                        seen.extend_from_slice(&bytes);
                    }
                    return status;
                }
                assert!(Instant::now() < deadline, "dug never ended: {seen:?}");
                if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(20)) {
                    seen.extend_from_slice(&bytes);
                }
            }
        }
    }

    /// The lines a terminal would show after `bytes`: `\r` returns to the start of the line,
    /// `ESC [ K` erases to its end, `\n` starts a new line.
    pub fn screen(bytes: &[u8]) -> Vec<String> {
        let mut lines = vec![Vec::new()];
        let mut col = 0;
        let mut i = 0;
        while i < bytes.len() {
            let line = lines.last_mut().expect("a line");
            match bytes[i] {
                b'\r' => col = 0,
                b'\n' => {
                    lines.push(Vec::new());
                    col = 0;
                }
                0x1b if bytes[i..].starts_with(b"\x1b[K") => {
                    line.truncate(col);
                    i += 2;
                }
                b => {
                    if col < line.len() {
                        line[col] = b;
                    } else {
                        line.push(b);
                    }
                    col += 1;
                }
            }
            i += 1;
        }
        lines
            .into_iter()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

fn has_tick(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains(" entries/s")
}

#[test]
fn a_keypress_cancels_and_the_terminal_is_restored() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let mut session = pty::start(&["-v", "-a", "tree"], &t.mnt());
    let before = session.before.clone();
    let mut seen = Vec::new();
    session.read_until(&mut seen, has_tick);
    // While dug runs, the terminal is in non-canonical, no-echo mode for the keypress.
    let during = pty::settings(&session.tty);
    assert_ne!(
        during, before,
        "dug did not set up the terminal for a keypress"
    );
    session.writer.write_all(b"q").expect("press a key");
    session.writer.flush().expect("flush the key");
    let code = session.wait(&mut seen);
    assert_eq!(code, 130, "{:?}", String::from_utf8_lossy(&seen));
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "terminal settings changed"
    );
    let screen = pty::screen(&seen);
    let (last, records) = screen.split_last().expect("something on the screen");
    assert!(
        last.starts_with("dug: interrupted after ") && last.contains("(partial)"),
        "{screen:#?}"
    );
    let full_lines: Vec<String> = String::from_utf8_lossy(&full.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(
        records.len() < full_lines.len() && full_lines.starts_with(records),
        "the screen holds other than a prefix of the records: {screen:#?}"
    );
}

/// The first field of /proc/PID/syscall: the number of the system call the process's main
/// thread is blocked in (or "running").
fn blocked_syscall(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/syscall"))
        .unwrap_or_default()
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Whether SIGINT is still pending for process `pid` (sent, not yet handled).
fn sigint_pending(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read status");
    let sigint = 1u64 << (Signal::INT.as_raw() - 1);
    status
        .lines()
        .filter_map(|l| {
            l.strip_prefix("ShdPnd:")
                .or_else(|| l.strip_prefix("SigPnd:"))
        })
        .any(|mask| u64::from_str_radix(mask.trim(), 16).expect("a hex mask") & sigint != 0)
}

/// Polls `ready` until it holds, failing the test after PATIENCE.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !ready() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        thread::sleep(Duration::from_millis(5)); // polling a state, not a timing guess
    }
}

/// A second Ctrl-C ends dug at once, even when the first cannot (dug is blocked writing to a
/// terminal nobody reads, so it never gets back to the done flag), and puts the terminal back
/// first.
#[test]
fn a_second_ctrl_c_ends_dug_at_once_and_restores_the_terminal() {
    let t = Tree::new();
    // About 550 KB of records: far more than a terminal buffers.
    for i in 0..5000 {
        t.file(format!("{}{i:04}", "n".repeat(100)), 0);
    }
    let mut session = pty::start_unread(&["-a", "."], t.path());
    let pid = session.child.id();
    let write = libc::SYS_write.to_string();
    wait_for("dug blocked writing its records", || {
        blocked_syscall(pid) == write
    });
    assert_ne!(
        pty::settings(&session.tty),
        session.before,
        "dug did not set up the terminal for a keypress"
    );
    rustix::process::kill_process(Pid::from_raw(pid as i32).expect("a pid"), Signal::INT)
        .expect("first Ctrl-C");
    wait_for("the first SIGINT handled", || !sigint_pending(pid));
    assert!(
        session.child.try_wait().expect("poll dug").is_none(),
        "a blocked dug ended at the first Ctrl-C"
    );
    rustix::process::kill_process(Pid::from_raw(pid as i32).expect("a pid"), Signal::INT)
        .expect("second Ctrl-C");
    session.start_reading();
    let mut seen = Vec::new();
    let status = session.wait_status(&mut seen);
    assert_eq!(status.signal(), Some(Signal::INT.as_raw()), "{status:?}");
    assert_eq!(
        pty::settings(&session.tty),
        session.before,
        "terminal settings changed"
    );
}

#[test]
fn progress_redraws_in_place_and_is_gone_at_the_end() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let mut session = pty::start(&["-v", "-a", "tree"], &t.mnt());
    let before = session.before.clone();
    let mut seen = Vec::new();
    let code = session.wait(&mut seen);
    assert_eq!(code, 0, "{:?}", String::from_utf8_lossy(&seen));
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "terminal settings changed"
    );
    assert!(
        seen.windows(6).any(|w| w == b"\rdug: ") && has_tick(&seen),
        "no status line drawn: {:?}",
        String::from_utf8_lossy(&seen)
    );
    // On the screen: every record, then the final line, and no trace of a status line.
    let screen = pty::screen(&seen);
    let (last, records) = screen.split_last().expect("something on the screen");
    assert!(
        last.starts_with("dug: 600 files, 21 dirs, ") && last.ends_with(" s"),
        "{screen:#?}"
    );
    let full_lines: Vec<String> = String::from_utf8_lossy(&full.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(records, full_lines.as_slice(), "debris on the screen");
}

#[test]
fn keys_are_left_to_the_reader_of_a_pipe() {
    // In `dug | less` the keyboard belongs to less: dug must neither take keys nor change the
    // terminal's settings under it.
    let t = SlowTree::new();
    let full = full_output(&t, &["-s", "tree"]);
    let mut session = pty::start_shell(
        r#"{ "$1" -v -s tree; echo "dug exited $?" >&2; } | cat"#,
        &t.mnt(),
    );
    let before = session.before.clone();
    let mut seen = Vec::new();
    session.read_until(&mut seen, has_tick);
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "dug changed the terminal"
    );
    session.writer.write_all(b"q").expect("press a key");
    session.writer.flush().expect("flush the key");
    let code = session.wait(&mut seen);
    assert_eq!(code, 0, "{:?}", String::from_utf8_lossy(&seen));
    let screen = pty::screen(&seen).join("\n");
    assert!(screen.contains("dug exited 0"), "{screen}");
    let total = String::from_utf8_lossy(&full.stdout);
    assert!(screen.contains(total.trim_end()), "{screen}");
}

#[test]
fn an_error_mid_run_leaves_a_clean_line_and_the_terminal_restored() {
    let t = SlowTree::new();
    let mut session = pty::start(&["-v", "-s", "tree/d03", "missing", "tree"], &t.mnt());
    let before = session.before.clone();
    let mut seen = Vec::new();
    let code = session.wait(&mut seen);
    assert_eq!(code, 1, "{:?}", String::from_utf8_lossy(&seen));
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "terminal settings changed"
    );
    let screen = pty::screen(&seen);
    assert!(has_tick(&seen), "no progress drawn: {screen:#?}");
    let lines: Vec<&str> = screen.iter().map(String::as_str).collect();
    assert!(
        matches!(
            lines.as_slice(),
            [sub, missing, tree, last]
                if sub.ends_with("\ttree/d03")
                    && *missing == "dug: cannot access 'missing': No such file or directory"
                    && tree.ends_with("\ttree")
                    && last.starts_with("dug: 600 files, 21 dirs, ")
        ),
        "{lines:#?}"
    );
}

#[test]
fn stdin_that_held_the_names_is_not_watched_for_keys() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let mut session = pty::start(&["-v", "-a", "--files0-from=-"], &t.mnt());
    let before = session.before.clone();
    // The names on the terminal, then end of file (^D ends the pending line, ^D again is EOF).
    session
        .writer
        .write_all(b"tree\0\x04\x04")
        .expect("type the names");
    session.writer.flush().expect("flush the names");
    let mut seen = Vec::new();
    session.read_until(&mut seen, has_tick);
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "dug set up the terminal for keys although it read its names there"
    );
    // A key is no cancel here: the walk runs to its end.
    session.writer.write_all(b"q").expect("press a key");
    session.writer.flush().expect("flush the key");
    let code = session.wait(&mut seen);
    assert_eq!(code, 0, "{:?}", String::from_utf8_lossy(&seen));
    let screen = pty::screen(&seen).join("\n");
    for record in String::from_utf8_lossy(&full.stdout).lines() {
        assert!(screen.contains(record), "{record:?} missing from {screen}");
    }
}

#[test]
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
