//! Errors: the fatal ones returned to `main`, and the per-entry diagnostics in GNU du's words.

use std::fmt;
use std::io;

use crate::gnu::gettext;
use crate::sys::messages;

/// dug's own name, as du.c's PROGRAM_NAME is du's: what --version and the manual call it.
/// Diagnostics use the name it was invoked by instead (`gnu::progname`).
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
            Fatal::Write(e) => write!(f, "write error: {}", String::from_utf8_lossy(&strerror(e))),
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

    /// The message in du's words and the locale's language, as the bytes du prints after
    /// its name (coreutils' close_stdout: `write error: REASON`).
    pub fn message(&self) -> Vec<u8> {
        match self {
            Fatal::Write(e) => {
                let mut msg = write_error();
                msg.extend_from_slice(b": ");
                msg.extend_from_slice(&strerror(e));
                msg
            }
        }
    }
}

/// coreutils' close_stdout message, translated: `write error`, alone when the reason was lost.
pub fn write_error() -> Vec<u8> {
    gettext::coreutils(c"write error").into_owned()
}

/// The C library's text for an error, as GNU's `error()` prints it (`strerror`, translated
/// and in the locale's codeset), without Rust's " (os error N)" suffix.
pub fn strerror(e: &io::Error) -> Vec<u8> {
    match e.raw_os_error() {
        Some(errno) => messages::strerror(errno),
        None => e.to_string().into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strerror_is_the_c_library_text() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), b"No such file or directory");
        let e = io::Error::from_raw_os_error(13);
        assert_eq!(strerror(&e), b"Permission denied");
        let e = io::Error::other("not from the C library");
        assert_eq!(strerror(&e), b"not from the C library");
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Fatal::Write(io::Error::from_raw_os_error(32));
        assert!(e.is_broken_pipe());
        assert_eq!(e.to_string(), "write error: Broken pipe");
        assert_eq!(e.message(), b"write error: Broken pipe");
        assert!(!Fatal::Write(io::Error::from_raw_os_error(28)).is_broken_pipe());
    }
}
