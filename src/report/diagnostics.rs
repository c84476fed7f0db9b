//! du's diagnostics in GNU's words (`dug: cannot access 'PATH': REASON`, …), written as GNU
//! `error()` writes them, and the count of those that make the run fail.

use std::io::{self, Write};

use crate::config::Refusal;
use crate::error::{PROGRAM, strerror};
use crate::gnu::quote::{quote_always, quote_if_needed, quote_locale};
use crate::report::Report;
use crate::report::format::Warning;

impl<W: Write, E: Write> Report<W, E> {
    /// `dug: internal error: …`: `count` walker threads panicked, so the records stop short
    /// (the panic's own message is above). du has no such case; the status is 1.
    pub(crate) fn workers_lost(&mut self, count: usize) -> io::Result<()> {
        let msg =
            format!("internal error: {count} walker thread(s) stopped; the output is incomplete");
        self.diagnose(msg.as_bytes(), None)
    }

    /// How many diagnostics were written.
    pub(crate) fn error_count(&self) -> usize {
        self.errors
    }

    /// `dug: cannot access 'PATH': REASON` (no reason for a dangling symlink being followed).
    pub(crate) fn cannot_access(
        &mut self,
        path: &[u8],
        reason: Option<&io::Error>,
    ) -> io::Result<()> {
        let mut msg = b"cannot access ".to_vec();
        msg.extend_from_slice(&quote_always(path, self.charset));
        self.diagnose(&msg, reason)
    }

    /// `dug: cannot read directory 'PATH': REASON`.
    pub(crate) fn cannot_read_dir(&mut self, path: &[u8], reason: &io::Error) -> io::Result<()> {
        let mut msg = b"cannot read directory ".to_vec();
        msg.extend_from_slice(&quote_always(path, self.charset));
        self.diagnose(&msg, Some(reason))
    }

    /// du's complaint about an operand it will not look at; `files0` names the
    /// --files0-from file the operand was record `number` of.
    pub(crate) fn refused(
        &mut self,
        refusal: Refusal,
        files0: Option<&[u8]>,
        number: usize,
    ) -> io::Result<()> {
        let msg = match (refusal, files0) {
            (Refusal::DashFromStdin, _) => {
                let mut msg = b"when reading file names from stdin, no file name of ".to_vec();
                msg.extend_from_slice(&quote_always(b"-", self.charset));
                msg.extend_from_slice(b" allowed");
                msg
            }
            (Refusal::Empty, Some(file)) => {
                let mut msg = quote_if_needed(file, self.charset);
                msg.extend_from_slice(format!(":{number}: ").as_bytes());
                msg.extend_from_slice(b"invalid zero-length file name");
                msg
            }
            (Refusal::Empty, None) => b"invalid zero-length file name".to_vec(),
        };
        self.diagnose(&msg, None)
    }

    /// `dug: F: read error: REASON`, when reading --files0-from=F failed.
    pub(crate) fn files0_read_error(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let mut msg = quote_if_needed(file, self.charset);
        msg.extend_from_slice(b": read error");
        self.diagnose(&msg, Some(reason))
    }

    /// `dug: cannot open 'FILE' for writing: REASON`, for --ncdu-export's FILE (the words of
    /// du's `cannot open 'F' for reading` about --files0-from).
    pub(crate) fn cannot_open_export(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let mut msg = b"cannot open ".to_vec();
        msg.extend_from_slice(&quote_always(file, self.charset));
        msg.extend_from_slice(b" for writing");
        self.diagnose(&msg, Some(reason))
    }

    /// `dug: error writing 'FILE': REASON`, when writing --ncdu-export's FILE failed
    /// (coreutils' words for a failed write to a named file).
    pub(crate) fn export_write_error(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let mut msg = b"error writing ".to_vec();
        msg.extend_from_slice(&quote_always(file, self.charset));
        self.diagnose(&msg, Some(reason))
    }

    /// What a format could not show, in du's words; it does not change the exit status.
    pub(super) fn warn(&mut self, warning: Warning) -> io::Result<()> {
        match warning {
            Warning::TimeOutOfRange(sec) => {
                let seconds = sec.to_string();
                let mut msg = b"time ".to_vec();
                msg.extend_from_slice(&quote_locale(seconds.as_bytes(), self.charset));
                msg.extend_from_slice(b" is out of range");
                self.write_diagnostic(&msg, None)
            }
        }
    }

    /// A diagnostic line that makes the run fail.
    fn diagnose(&mut self, msg: &[u8], reason: Option<&io::Error>) -> io::Result<()> {
        self.errors += 1;
        self.write_diagnostic(msg, reason)
    }

    /// A diagnostic line, as GNU `error()` writes it. Records already formatted go out first,
    /// so the two streams interleave as du's do when they share a terminal or file.
    fn write_diagnostic(&mut self, msg: &[u8], reason: Option<&io::Error>) -> io::Result<()> {
        self.out.flush()?;
        let mut line = Vec::with_capacity(msg.len() + 64);
        line.extend_from_slice(PROGRAM.as_bytes());
        line.extend_from_slice(b": ");
        line.extend_from_slice(msg);
        if let Some(e) = reason {
            line.extend_from_slice(b": ");
            line.extend_from_slice(strerror(e).as_bytes());
        }
        line.push(b'\n');
        self.stderr.line(&line);
        Ok(())
    }
}
