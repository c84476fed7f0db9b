//! Signals: the handlers of the cancel signals (SIGINT, SIGTERM, SIGHUP), and how dug ends when
//! its standard output is a closed pipe (as du, killed by SIGPIPE).

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rustix::termios::{self, OptionalActions, Termios};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// What the cancel signals' handlers touch: nothing but lock-free atomics, and terminal
/// settings that are saved (once) before the terminal is changed.
pub(crate) struct CancelTarget {
    /// Set by every cancel signal.
    pub(crate) done: Arc<AtomicBool>,
    /// The first cancel signal's number (0 until one comes; other causes may be stored by
    /// the caller with a compare-and-swap from 0 too).
    pub(crate) cause: Arc<AtomicUsize>,
    /// The terminal's settings to restore before a second Ctrl-C ends the process.
    pub(crate) saved: Arc<OnceLock<Termios>>,
}

/// Installs signal-hook's handlers for SIGINT, SIGTERM and SIGHUP: each sets `done` and
/// records the first signal in `cause`; a second SIGINT restores the terminal and ends the
/// process with SIGINT's default action, at once. The handlers run in the signal's own context
/// (no thread: starting one was an eighth of a run over a small tree). An error means some
/// signal is not caught: the run can go on without it.
pub(crate) fn catch_cancel_signals(target: &CancelTarget) -> io::Result<()> {
    let interrupts = Arc::new(AtomicUsize::new(0));
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let (done, cause) = (Arc::clone(&target.done), Arc::clone(&target.cause));
        let (saved, interrupts) = (Arc::clone(&target.saved), Arc::clone(&interrupts));
        let action = move || {
            if signal == SIGINT && interrupts.fetch_add(1, Ordering::SeqCst) > 0 {
                restore_terminal(&saved);
                // Resets SIGINT to its default action and raises it again.
                let _ = signal_hook::low_level::emulate_default_handler(SIGINT);
            }
            // The exit status is 128+N for the signal that stopped the run: the first one,
            // so a later SIGTERM or SIGHUP does not overwrite it.
            let _ = cause.compare_exchange(0, signal as usize, Ordering::SeqCst, Ordering::SeqCst);
            done.store(true, Ordering::SeqCst);
        };
        // SAFETY: the action runs inside a signal handler. It does lock-free atomic operations
        // on data it owns through Arcs, reads a OnceLock that is only ever set before the
        // terminal is changed, and makes system calls (tcsetattr, sigaction, raise) that are
        // async-signal-safe.
        unsafe { signal_hook::low_level::register(signal, action) }?;
    }
    Ok(())
}

/// Puts the terminal on standard input back as it was saved, if it was (a no-op otherwise).
/// Safe in a signal handler: fd 0 is named without std's `stdin()` (which may allocate on its
/// first use) and tcsetattr is one ioctl.
pub(crate) fn restore_terminal(saved: &OnceLock<Termios>) {
    if let Some(original) = saved.get() {
        let _ = termios::tcsetattr(rustix::stdio::stdin(), OptionalActions::Now, original);
    }
}

/// Ends the process as a closed stdout pipe ends du, which does not catch SIGPIPE: the Rust
/// runtime ignores SIGPIPE (which is why the write failed with EPIPE instead), so restore
/// the default action, unblock the signal and raise it. Returns the shell's status for it
/// should the signal not be known to signal-hook (it always is on Linux).
pub fn die_of_sigpipe() -> u8 {
    let _ = signal_hook::low_level::emulate_default_handler(libc::SIGPIPE);
    128 + 13
}
