//! The cancel sources, all setting one done flag: Ctrl-C (the ctrlc crate; a second one ends the
//! process at once), SIGTERM and SIGHUP (signal-hook, which records which signal came), and a
//! keypress when standard input is the terminal, read in non-canonical, no-echo mode whose
//! settings are restored on every way out. When no thread can be started (RLIMIT_NPROC), Ctrl-C
//! is caught by signal-hook instead, and keys are not watched.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::{self, JoinHandle};

use rustix::event::{PollFd, PollFlags, poll};
use rustix::io::Errno;
use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};

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
    /// Whether ctrlc's thread handles Ctrl-C, so that a second one can restore the terminal
    /// before the process ends. Without it the keyboard is not watched.
    can_restore: AtomicBool,
}

impl Cancel {
    /// A done flag that nothing sets yet.
    pub fn new() -> Cancel {
        Cancel {
            done: Arc::new(AtomicBool::new(false)),
            cause: Arc::new(AtomicUsize::new(0)),
            saved: Arc::new(OnceLock::new()),
            can_restore: AtomicBool::new(false),
        }
    }

    /// Installs the signal handlers. On a second Ctrl-C the terminal is restored and
    /// `on_second_interrupt` runs (it should end the process). If ctrlc cannot start its
    /// thread, Ctrl-C still sets the flag (signal-hook, no thread), and a second one ends the
    /// process with SIGINT's default action. An error means some signal is not caught: the run
    /// can go on without it.
    pub fn install(&self, on_second_interrupt: fn()) -> io::Result<()> {
        let (done, cause, saved) = (
            Arc::clone(&self.done),
            Arc::clone(&self.cause),
            Arc::clone(&self.saved),
        );
        let mut interrupts = 0u32;
        let handled = ctrlc::set_handler(move || {
            interrupts += 1;
            if interrupts > 1 {
                restore(&saved);
                on_second_interrupt();
            }
            let sigint = rustix::process::Signal::INT.as_raw() as usize;
            let _ = cause.compare_exchange(0, sigint, Ordering::SeqCst, Ordering::SeqCst);
            done.store(true, Ordering::SeqCst);
        });
        let mut signals = vec![signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
        match handled {
            Ok(()) => self.can_restore.store(true, Ordering::SeqCst),
            Err(_) => {
                // ctrlc has set its handler but its thread never started (ctrlc::Error::System
                // from the spawn): signal-hook chains to that handler, which only wakes the
                // thread that is not there. Registered first, the default action runs only
                // when the flag is already set: at the second Ctrl-C.
                let sigint = signal_hook::consts::SIGINT;
                signal_hook::flag::register_conditional_default(sigint, Arc::clone(&self.done))?;
                signals.insert(0, sigint);
            }
        }
        // ctrlc's termination feature would run the same closure for these without saying
        // which signal came, and the exit status must be 128+N for the signal that stopped
        // the run: the first one, so a later SIGTERM or SIGHUP does not overwrite it.
        for signal in signals {
            let (done, cause) = (Arc::clone(&self.done), Arc::clone(&self.cause));
            let first = move || {
                let _ =
                    cause.compare_exchange(0, signal as usize, Ordering::SeqCst, Ordering::SeqCst);
                done.store(true, Ordering::SeqCst);
            };
            // SAFETY: the action runs inside a signal handler; it only does lock-free atomic
            // operations on data it owns through Arcs, which are async-signal-safe.
            unsafe { signal_hook::low_level::register(signal, first) }?;
        }
        Ok(())
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
    /// returned value is dropped. Nor is it touched when a second Ctrl-C could not restore the
    /// terminal's settings (no handler thread).
    pub fn watch_keys(&self) -> io::Result<Option<KeyWatch>> {
        let stdin = io::stdin();
        let fd = stdin.as_fd();
        if !self.can_restore.load(Ordering::SeqCst)
            || !termios::isatty(fd)
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
                restore(&self.saved);
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
            Err(e) => {
                restore(&self.saved);
                Err(e)
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
        restore(&self.saved);
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

/// Puts the terminal back as it was, if the watcher changed it.
fn restore(saved: &OnceLock<Termios>) {
    if let Some(original) = saved.get() {
        let _ = termios::tcsetattr(io::stdin().as_fd(), OptionalActions::Now, original);
    }
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
