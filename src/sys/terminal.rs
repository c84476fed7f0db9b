//! The width of the terminal on standard error, for the -v bar (TIOCGWINSZ through rustix).

use std::io;

/// The columns of the terminal standard error is, or None when it does not say (not a
/// terminal, or a size of 0, as a fresh pseudo-terminal has).
pub(crate) fn stderr_columns() -> Option<usize> {
    match rustix::termios::tcgetwinsize(io::stderr()) {
        Ok(size) if size.ws_col > 0 => Some(usize::from(size.ws_col)),
        _ => None,
    }
}
