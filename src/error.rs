//! Errors: the fatal ones returned to `main`, and the per-entry diagnostics in GNU du's words.

use std::fmt;
use std::io;

/// The program name in every diagnostic, where GNU du prints `du`.
pub const PROGRAM: &str = "dug";

/// A failure that ends the run early.
#[derive(Debug)]
pub enum Fatal {
    /// Writing a record to standard output failed on a closed pipe (other write errors do
    /// not end the run: see `sink`).
    Write(io::Error),
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // coreutils' close_stdout wording, with the reason.
            Fatal::Write(e) => write!(f, "write error: {}", strerror(e)),
        }
    }
}

impl std::error::Error for Fatal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Fatal::Write(e) => Some(e),
        }
    }
}

impl Fatal {
    /// True when standard output was a pipe whose reader went away: du dies of SIGPIPE there.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Fatal::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// The C library's text for an error, as GNU's `error()` prints it (`strerror`), without
/// Rust's " (os error N)" suffix.
pub fn strerror(e: &io::Error) -> String {
    let text = e.to_string();
    match (e.raw_os_error(), text.rfind(" (os error ")) {
        (Some(_), Some(at)) => text[..at].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strerror_is_the_c_library_text() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), "No such file or directory");
        let e = io::Error::from_raw_os_error(13);
        assert_eq!(strerror(&e), "Permission denied");
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Fatal::Write(io::Error::from_raw_os_error(32));
        assert!(e.is_broken_pipe());
        assert_eq!(e.to_string(), "write error: Broken pipe");
        assert!(!Fatal::Write(io::Error::from_raw_os_error(28)).is_broken_pipe());
    }
}
