//! du's diagnostics in GNU's words (`du: cannot access 'PATH': REASON`, …), translated from
//! coreutils' catalog and written as GNU `error()` writes them, after the program's name, and
//! the count of those that make the run fail.

use std::io::{self, Write};

use crate::config::Refusal;
use crate::error::strerror;
use crate::gnu::gettext::coreutils as tr;
use crate::gnu::printf::fill;
use crate::gnu::quote::{quote_always, quote_if_needed, quote_locale};
use crate::report::Report;
use crate::report::format::Warning;

impl<W: Write, E: Write> Report<W, E> {
    /// `NAME: internal error: …`: `count` walker threads panicked, so the records stop short
    /// (the panic's own message is above). du has no such case (nor a msgid); the status is 1.
    pub(crate) fn workers_lost(&mut self, count: usize) -> io::Result<()> {
        let msg =
            format!("internal error: {count} walker thread(s) stopped; the output is incomplete");
        self.diagnose(msg.as_bytes(), None)
    }

    /// How many diagnostics were written.
    pub(crate) fn error_count(&self) -> usize {
        self.errors
    }

    /// `NAME: cannot access 'PATH': REASON` (no reason for a dangling symlink being followed).
    pub(crate) fn cannot_access(
        &mut self,
        path: &[u8],
        reason: Option<&io::Error>,
    ) -> io::Result<()> {
        let msg = fill(&tr(c"cannot access %s"), &[&quote_always(path)]);
        self.diagnose(&msg, reason)
    }

    /// `NAME: cannot read directory 'PATH': REASON`.
    pub(crate) fn cannot_read_dir(&mut self, path: &[u8], reason: &io::Error) -> io::Result<()> {
        let msg = fill(&tr(c"cannot read directory %s"), &[&quote_always(path)]);
        self.diagnose(&msg, Some(reason))
    }

    /// du's warning about a directory that is its own ancestor, not through a mount point
    /// (coreutils' `emit_cycle_warning`, its lines as du prints them).
    pub(crate) fn circular_directory(&mut self, path: &[u8]) -> io::Result<()> {
        let format = tr(c"WARNING: Circular directory structure.\n\
This almost certainly means that you have a corrupted file system.\n\
NOTIFY YOUR SYSTEM MANAGER.\n\
The following directory is part of the cycle:\n  %s\n");
        let msg = fill(&format, &[&quote_if_needed(path)]);
        self.diagnose(&msg, None)
    }

    /// `NAME: fts_read failed: PATH: REASON`: the traversal of an operand broke off at PATH.
    pub(crate) fn fts_read_failed(&mut self, path: &[u8], reason: &io::Error) -> io::Result<()> {
        let msg = fill(&tr(c"fts_read failed: %s"), &[&quote_if_needed(path)]);
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
        let empty = c"invalid zero-length file name";
        let msg = match (refusal, files0) {
            (Refusal::DashFromStdin, _) => fill(
                &tr(c"when reading file names from stdin, no file name of %s allowed"),
                &[&quote_always(b"-")],
            ),
            // du's "%s:%lu: %s" has no msgid of its own.
            (Refusal::Empty, Some(file)) => {
                let mut msg = quote_if_needed(file);
                msg.extend_from_slice(format!(":{number}: ").as_bytes());
                msg.extend_from_slice(&tr(empty));
                msg
            }
            (Refusal::Empty, None) => tr(empty).into_owned(),
        };
        self.diagnose(&msg, None)
    }

    /// `NAME: F: read error: REASON`, when reading --files0-from=F failed.
    pub(crate) fn files0_read_error(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let msg = fill(&tr(c"%s: read error"), &[&quote_if_needed(file)]);
        self.diagnose(&msg, Some(reason))
    }

    /// `NAME: cannot open 'FILE' for writing: REASON`, for --ncdu-export's FILE (the words of
    /// du's `cannot open 'F' for reading` about --files0-from).
    pub(crate) fn cannot_open_export(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let msg = fill(&tr(c"cannot open %s for writing"), &[&quote_always(file)]);
        self.diagnose(&msg, Some(reason))
    }

    /// `NAME: error writing 'FILE': REASON`, when writing --ncdu-export's FILE failed
    /// (coreutils' words for a failed write to a named file).
    pub(crate) fn export_write_error(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let msg = fill(&tr(c"error writing %s"), &[&quote_always(file)]);
        self.diagnose(&msg, Some(reason))
    }

    /// What a format could not show, in du's words; it does not change the exit status.
    pub(super) fn warn(&mut self, warning: Warning) -> io::Result<()> {
        match warning {
            Warning::TimeOutOfRange(sec) => {
                let seconds = quote_locale(sec.to_string().as_bytes(), &self.quotes);
                let msg = fill(&tr(c"time %s is out of range"), &[&seconds]);
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
        let mut line = Vec::with_capacity(self.program.len() + msg.len() + 64);
        line.extend_from_slice(&self.program);
        line.extend_from_slice(b": ");
        line.extend_from_slice(msg);
        if let Some(e) = reason {
            line.extend_from_slice(b": ");
            line.extend_from_slice(&strerror(e));
        }
        line.push(b'\n');
        self.stderr.line(&line);
        Ok(())
    }
}
