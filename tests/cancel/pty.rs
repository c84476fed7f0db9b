//! A pseudo-terminal running dug as its session's foreground job, with the slave kept open to
//! read its settings, and what a terminal would show of the bytes written to it.
//!
//! Made with rustix's pty calls and std rather than a pty crate. pty-process makes the same
//! calls and the same `pre_exec`, but opens the master without O_CLOEXEC and sets it after, a
//! window in which a child that another test thread forks inherits it. portable-pty hands back
//! its own child type, not the `std::process::Child` whose pid (for /proc) and
//! `ExitStatusExt::signal` these tests read, and depends on nix, which dug no longer uses.

use std::ffi::OsStr;
use std::fs::File;
use std::io::Read;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

use crate::PATIENCE;
use crate::common::process::{INSTALLED_NAME, dug, status_code};

/// The terminal's reader and where its thread will send what it reads.
type Unread = (File, mpsc::Sender<Vec<u8>>);

/// dug (or a shell running it) on a pseudo-terminal of its own; killed on drop.
pub struct Session {
    /// What the terminal showed, in the pieces the reader thread read.
    pub output: mpsc::Receiver<Vec<u8>>,
    /// The terminal's reader until `start_reading` hands it to a thread.
    unread: Option<Unread>,
    /// The keyboard: bytes written here are typed on the terminal.
    pub writer: File,
    /// The process on the terminal, its session's leader.
    pub child: Child,
    /// The terminal's device, for `settings`.
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
    // Invoked by its installed name, which its messages and status line begin with.
    cmd.arg0(INSTALLED_NAME).args(args);
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
    let master =
        openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("open a pty");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("the pty's name");
    let tty = PathBuf::from(OsStr::from_bytes(name.to_bytes()));
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
