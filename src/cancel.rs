//! The cancel sources, all setting one done flag: Ctrl-C (a second one ends the process at
//! once), SIGTERM and SIGHUP, caught by signal-hook's handlers, which record which signal came
//! first; and a keypress when standard input is the terminal, read in non-canonical, no-echo
//! mode whose settings are restored on every way out.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::{self, JoinHandle};

use rustix::event::{PollFd, PollFlags, poll};
use rustix::io::Errno;
use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};

use crate::sys;

/// Why a run was cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A key was pressed on the terminal.
    Key,
    /// This signal arrived (SIGINT for Ctrl-C).
    Signal(i32),
}

impl Cause {
    /// The exit status: 130 for Ctrl-C or a key, as a shell reports a SIGINT death; 128+N for
    /// signal N.
    pub fn exit_status(self) -> u8 {
        match self {
            Cause::Key => 130,
            Cause::Signal(n) => 128u8.saturating_add(u8::try_from(n).unwrap_or(0)),
        }
    }
}

/// `cause` holds 0 until something cancels, then a signal number or this.
const KEY: usize = usize::MAX;

/// The done flag and what set it.
pub struct Cancel {
    done: Arc<AtomicBool>,
    cause: Arc<AtomicUsize>,
    /// The terminal's settings before the keypress watcher changed them.
    saved: Arc<OnceLock<Termios>>,
}

impl Cancel {
    /// A done flag that nothing sets yet.
    pub fn new() -> Cancel {
        Cancel {
            done: Arc::new(AtomicBool::new(false)),
            cause: Arc::new(AtomicUsize::new(0)),
            saved: Arc::new(OnceLock::new()),
        }
    }

    /// Installs the signal handlers: SIGINT, SIGTERM and SIGHUP set the done flag and, the
    /// first of them, the cause. A second Ctrl-C restores the terminal and ends the process
    /// with SIGINT's default action, at once. The handlers run in the signal's own context
    /// (no thread: starting ctrlc's was an eighth of a run over a small tree). An error means
    /// some signal is not caught: the run can go on without it.
    pub fn install(&self) -> io::Result<()> {
        sys::signal::catch_cancel_signals(&sys::signal::CancelTarget {
            done: Arc::clone(&self.done),
            cause: Arc::clone(&self.cause),
            saved: Arc::clone(&self.saved),
        })
    }

    /// The flag the walk and the aggregator poll.
    pub fn flag(&self) -> &AtomicBool {
        &self.done
    }

    /// What cancelled the run, if anything did.
    pub fn cause(&self) -> Option<Cause> {
        match self.cause.load(Ordering::SeqCst) {
            0 => None,
            KEY => Some(Cause::Key),
            n => Some(Cause::Signal(i32::try_from(n).unwrap_or(0))),
        }
    }

    /// Watches standard input for a keypress, if it is a terminal this process may read from:
    /// in the foreground (a background read would stop the process with SIGTTIN), and with
    /// standard output not a pipe, whose reader may own the keyboard (`dug | less`: both would
    /// take keys and save and restore the terminal's settings over each other). Otherwise
    /// standard input is never touched. The watch ends, and the terminal is restored, when the
    /// returned value is dropped.
    pub fn watch_keys(&self) -> io::Result<Option<KeyWatch>> {
        let stdin = io::stdin();
        let fd = stdin.as_fd();
        if !termios::isatty(fd)
            || termios::tcgetpgrp(fd)? != rustix::process::getpgrp()
            || is_pipe(io::stdout().as_fd())
        {
            return Ok(None);
        }
        let original = termios::tcgetattr(fd)?;
        let mut raw = original.clone();
        // One key is enough and is not echoed; ISIG stays on, so Ctrl-C still signals.
        raw.local_modes
            .remove(LocalModes::ICANON | LocalModes::ECHO);
        raw.special_codes[SpecialCodeIndex::VMIN] = 1;
        raw.special_codes[SpecialCodeIndex::VTIME] = 0;
        let _ = self.saved.set(original);
        // TCSAFLUSH: keys typed before dug started (typeahead) must not cancel it at once.
        termios::tcsetattr(fd, OptionalActions::Flush, &raw)?;
        let (wake_reader, wake_writer) = match rustix::pipe::pipe() {
            Ok(pipe) => pipe,
            Err(e) => {
                sys::signal::restore_terminal(&self.saved);
                return Err(e.into());
            }
        };
        let (done, cause) = (Arc::clone(&self.done), Arc::clone(&self.cause));
        let thread = thread::Builder::new()
            .name("dug-keys".into())
            .spawn(move || {
                if wait_for_key(&wake_reader) {
                    let _ = cause.compare_exchange(0, KEY, Ordering::SeqCst, Ordering::SeqCst);
                    done.store(true, Ordering::SeqCst);
                }
            });
        match thread {
            Ok(thread) => Ok(Some(KeyWatch {
                saved: Arc::clone(&self.saved),
                wake: wake_writer,
                thread: Some(thread),
            })),
            // No thread can start (RLIMIT_NPROC): the run goes on without the watch, silently
            // as before dug watched keys at all; Ctrl-C still stops it.
            Err(_) => {
                sys::signal::restore_terminal(&self.saved);
                Ok(None)
            }
        }
    }
}

impl Default for Cancel {
    fn default() -> Cancel {
        Cancel::new()
    }
}

/// A running keypress watcher; dropping it stops the thread and restores the terminal.
pub struct KeyWatch {
    saved: Arc<OnceLock<Termios>>,
    wake: OwnedFd,
    thread: Option<JoinHandle<()>>,
}

impl Drop for KeyWatch {
    fn drop(&mut self) {
        // The watcher polls this pipe beside stdin: one byte ends its wait at once.
        let _ = rustix::io::write(&self.wake, b"x");
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        sys::signal::restore_terminal(&self.saved);
    }
}

/// Whether `fd` is a pipe or a socket (something another process reads).
fn is_pipe(fd: std::os::fd::BorrowedFd<'_>) -> bool {
    rustix::fs::fstat(fd).is_ok_and(|st| {
        matches!(
            rustix::fs::FileType::from_raw_mode(st.st_mode),
            rustix::fs::FileType::Fifo | rustix::fs::FileType::Socket
        )
    })
}

/// Waits until a key is read from stdin (true) or `wake` becomes readable, stdin closes or
/// fails (false).
fn wait_for_key(wake: &OwnedFd) -> bool {
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    loop {
        let mut fds = [
            PollFd::new(&fd, PollFlags::IN),
            PollFd::new(wake, PollFlags::IN),
        ];
        match poll(&mut fds, None) {
            Ok(_) => {}
            Err(Errno::INTR) => continue,
            Err(_) => return false,
        }
        if !fds[1].revents().is_empty() {
            return false;
        }
        if fds[0].revents().is_empty() {
            continue;
        }
        let mut byte = [0u8; 1];
        match rustix::io::read(fd, &mut byte) {
            Ok(1) => return true,
            Err(Errno::INTR | Errno::AGAIN) => continue,
            // End of file (the terminal hung up) or an error: nobody can press a key now.
            _ => return false,
        }
    }
}
