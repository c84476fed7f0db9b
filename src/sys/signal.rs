//! How dug ends when its standard output is a closed pipe: as du, killed by SIGPIPE.

/// Ends the process as a closed stdout pipe ends du, which does not catch SIGPIPE: the Rust
/// runtime ignores SIGPIPE (which is why the write failed with EPIPE instead), so restore
/// the default action, unblock the signal and raise it. Returns the shell's status for it
/// should the signal not be known to signal-hook (it always is on Linux).
pub fn die_of_sigpipe() -> u8 {
    let _ = signal_hook::low_level::emulate_default_handler(libc::SIGPIPE);
    128 + 13
}
