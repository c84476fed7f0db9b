//! --files0-from: the operands in a file (or standard input), each ended by a NUL byte.

use std::ffi::OsString;
use std::io::{self, Read};
use std::os::unix::ffi::OsStringExt;

/// The names in `data`, as gnulib's argv_iter reads them with `getdelim(..., '\0')`: a last
/// name without its NUL still counts, an empty file holds no name, and empty names are kept
/// (du reports them by their position).
pub fn split_names(data: &[u8]) -> Vec<OsString> {
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
pub fn read_all(mut reader: impl Read) -> (Vec<u8>, Option<io::Error>) {
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
