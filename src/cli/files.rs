//! The files --files0-from and -X name: what parsing needs from the process to read them (and
//! the environment and the locale), the one reader of a file or standard input, and
//! --files0-from's NUL-terminated names.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use crate::gnu::quote::Quotes;
use crate::gnu::size::Numbers;
use crate::sys::Lconv;

/// What parsing needs from the process: the environment, the locale, and the files -X and
/// --files0-from name (du reads them while it parses, and its messages come in that order).
pub trait Host {
    /// An environment variable.
    fn var(&self, name: &str) -> Option<OsString>;
    /// Opens a file for reading.
    fn open(&self, path: &OsStr) -> io::Result<Box<dyn Read + '_>>;
    /// Standard input (`-X -`, `--files0-from=-`).
    fn stdin(&self) -> Box<dyn Read + '_>;
    /// The locale's quotation marks for quoted arguments.
    fn quotes(&self) -> Quotes;
    /// The locale's punctuation of sizes.
    fn numbers(&self) -> Numbers;
}

/// The real process as parsing sees it: its environment, its locale, its files and its
/// standard input.
pub struct Process {
    lconv: Lconv,
}

impl Process {
    /// The process, whose locale `localeconv()` described as `lconv` when it was set.
    pub fn new(lconv: Lconv) -> Process {
        Process { lconv }
    }
}

impl Host for Process {
    fn var(&self, name: &str) -> Option<OsString> {
        std::env::var_os(name)
    }

    fn open(&self, path: &OsStr) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(std::fs::File::open(path)?))
    }

    fn stdin(&self) -> Box<dyn Read + '_> {
        Box::new(io::stdin().lock())
    }

    /// The marks of the locale `setlocale` loaded, asked for when a message needs them.
    fn quotes(&self) -> Quotes {
        Quotes::of_locale()
    }

    /// `localeconv()` as it was after `setlocale`.
    fn numbers(&self) -> Numbers {
        Numbers::new(&self.lconv)
    }
}

/// What a file named on the command line held.
pub(crate) struct Contents {
    /// Everything read.
    pub(crate) data: Vec<u8>,
    /// The error that stopped the reading early, if any (what came before it still counts).
    pub(crate) error: Option<io::Error>,
    /// The name was `-`: the data came from standard input.
    pub(crate) from_stdin: bool,
}

/// Reads the file `name`, or standard input for `-`; `Err` when it cannot be opened.
pub(crate) fn read_named(host: &dyn Host, name: &OsStr) -> io::Result<Contents> {
    let from_stdin = name.as_bytes() == b"-";
    let (data, error) = if from_stdin {
        read_all(host.stdin())
    } else {
        read_all(host.open(name)?)
    };
    Ok(Contents {
        data,
        error,
        from_stdin,
    })
}

/// The names in `data`, as gnulib's argv_iter reads them with `getdelim(..., '\0')`: a last
/// name without its NUL still counts, an empty file holds no name, and empty names are kept
/// (du reports them by their position).
pub(crate) fn split_names(data: &[u8]) -> Vec<OsString> {
    if data.is_empty() {
        return Vec::new();
    }
    data.strip_suffix(b"\0")
        .unwrap_or(data)
        .split(|&b| b == 0)
        .map(|name| OsString::from_vec(name.to_vec()))
        .collect()
}

/// Reads `reader` to its end: everything read, and the error that stopped it early, if any.
fn read_all(mut reader: impl Read) -> (Vec<u8>, Option<io::Error>) {
    let mut data = Vec::new();
    loop {
        let mut chunk = [0u8; 64 * 1024];
        match reader.read(&mut chunk) {
            Ok(0) => return (data, None),
            Ok(n) => data.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return (data, Some(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(data: &[u8]) -> Vec<String> {
        split_names(data)
            .into_iter()
            .map(|n| n.into_string().expect("UTF-8"))
            .collect()
    }

    #[test]
    fn records_as_getdelim_reads_them() {
        assert!(names(b"").is_empty());
        assert_eq!(names(b"\0"), [""]);
        assert_eq!(names(b"a"), ["a"]);
        assert_eq!(names(b"a\0"), ["a"]);
        assert_eq!(names(b"a\0\0b\0c"), ["a", "", "b", "c"]);
        assert_eq!(names(b"a\nb\0"), ["a\nb"]);
    }

    #[test]
    fn read_all_keeps_what_came_before_an_error() {
        struct Failing(bool);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 {
                    return Err(io::Error::from_raw_os_error(21));
                }
                self.0 = true;
                buf[..3].copy_from_slice(b"a\0b");
                Ok(3)
            }
        }
        let (data, e) = read_all(Failing(false));
        assert_eq!(data, b"a\0b");
        assert_eq!(e.and_then(|e| e.raw_os_error()), Some(21));
        let (data, e) = read_all(&b"xyz"[..]);
        assert_eq!(data, b"xyz");
        assert!(e.is_none());
    }
}
