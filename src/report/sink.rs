//! Standard output as du treats it: a write error other than a closed pipe does not stop the
//! run. du writes each record with stdio, and when one fails it goes on walking and reporting
//! (its later `cannot access` lines still appear), then says `du: write error` at exit, with
//! no reason, because the failure was already behind it by then (`du t missing >/dev/full`).

use std::io::{self, Write};

/// A writer that remembers the first failed write and drops everything after it. A closed pipe
/// (EPIPE) is still an error: du dies of SIGPIPE there, and so does dug.
pub(crate) struct Sink<W: Write> {
    inner: W,
    failed: bool,
}

impl<W: Write> Sink<W> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: W) -> Sink<W> {
        Sink {
            inner,
            failed: false,
        }
    }

    /// Whether some write failed (and output has been discarded since).
    pub(crate) fn has_failed(&self) -> bool {
        self.failed
    }

    /// EPIPE goes up; any other error is noted, and the bytes count as written.
    fn absorb(&mut self, e: io::Error) -> io::Result<()> {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Err(e);
        }
        self.failed = true;
        Ok(())
    }
}

impl<W: Write> Write for Sink<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed {
            return Ok(buf.len());
        }
        match self.inner.write_all(buf) {
            Ok(()) => Ok(buf.len()),
            Err(e) => self.absorb(e).map(|()| buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed {
            return Ok(());
        }
        match self.inner.flush() {
            Ok(()) => Ok(()),
            Err(e) => self.absorb(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `room` bytes, then fails every write with `errno`.
    struct Full {
        room: usize,
        errno: i32,
        got: Vec<u8>,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.got.len() + buf.len() > self.room {
                return Err(io::Error::from_raw_os_error(self.errno));
            }
            self.got.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_remembered_and_the_rest_dropped() {
        let mut sink = Sink::new(Full {
            room: 4,
            errno: 28, // ENOSPC
            got: Vec::new(),
        });
        sink.write_all(b"abc").expect("fits");
        assert!(!sink.has_failed());
        sink.write_all(b"defg").expect("ENOSPC is absorbed");
        sink.write_all(b"h").expect("later writes are dropped");
        assert!(sink.has_failed());
        assert_eq!(sink.inner.got, b"abc");
    }

    #[test]
    fn a_closed_pipe_is_still_an_error() {
        let mut sink = Sink::new(Full {
            room: 0,
            errno: 32, // EPIPE
            got: Vec::new(),
        });
        let e = sink.write_all(b"x").expect_err("EPIPE goes up");
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        assert!(!sink.has_failed());
    }
}
