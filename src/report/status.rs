//! Standard error as the report writes it: the -v status line, redrawn in place on a terminal
//! (one plain line per tick elsewhere), and the lines of their own (diagnostics, notes) that
//! must take the status line off the terminal first. Writing stderr never fails the run: a
//! failing stderr cannot be reported anywhere, and du ignores it too.

use std::io::Write;

use crate::config::Progress;

/// Carriage return, then erase to the end of the line (ECMA-48 EL): the status line goes away
/// without leaving debris.
const ERASE: &[u8] = b"\r\x1b[K";

/// Standard error and whether a status line is on it.
pub(crate) struct Stderr<E: Write> {
    err: E,
    progress: Progress,
    /// The program's name, which the status line and notes start with.
    program: Vec<u8>,
    /// A redrawn status line is on the terminal and must be erased before anything else goes
    /// there.
    is_status_shown: bool,
}

impl<E: Write> Stderr<E> {
    /// `err`, showing progress as `progress` says, for the program named `program`.
    pub(crate) fn new(err: E, progress: Progress, program: &[u8]) -> Stderr<E> {
        Stderr {
            err,
            progress,
            program: program.to_vec(),
            is_status_shown: false,
        }
    }

    /// Whether the status line is redrawn in place: stdout's records must go out before it,
    /// so that the two never share a line.
    pub(crate) fn is_redrawn(&self) -> bool {
        matches!(self.progress, Progress::Redraw { .. })
    }

    /// A record is about to go to a terminal that shows the status line: erase it first.
    pub(crate) fn before_record(&mut self) {
        if self.is_status_shown
            && self.progress
                == (Progress::Redraw {
                    shares_terminal: true,
                })
        {
            // The record reaches the terminal at the next flush, after this erase; the status
            // comes back only after that flush (`Report::status`).
            self.erase();
        }
    }

    /// Shows the progress `text`: redrawn in place on a terminal, one plain line per call
    /// otherwise, nothing without -v.
    pub(crate) fn show(&mut self, text: &str) {
        let mut line = Vec::with_capacity(text.len() + 16);
        match self.progress {
            Progress::Off => return,
            Progress::Lines => {}
            Progress::Redraw { .. } => line.extend_from_slice(b"\r"),
        }
        line.extend_from_slice(&self.program);
        line.extend_from_slice(b": ");
        line.extend_from_slice(text.as_bytes());
        if self.is_redrawn() {
            line.extend_from_slice(b"\x1b[K");
            self.is_status_shown = true;
        } else {
            line.push(b'\n');
        }
        // Progress is a courtesy: a failing stderr must not stop the count.
        let _ = self.err.write_all(&line);
        let _ = self.err.flush();
    }

    /// `NAME: TEXT` on a line of its own, with the status line erased first.
    pub(crate) fn note(&mut self, text: &str) {
        self.erase();
        let line = [&self.program, b": ".as_slice(), text.as_bytes(), b"\n"].concat();
        let _ = self.err.write_all(&line);
        let _ = self.err.flush();
    }

    /// A whole line (its newline included), with the status line erased first.
    pub(crate) fn line(&mut self, line: &[u8]) {
        self.erase();
        let _ = self.err.write_all(line);
        let _ = self.err.flush();
    }

    /// Takes the status line off the terminal, if it is there.
    pub(crate) fn erase(&mut self) {
        if self.is_status_shown {
            self.is_status_shown = false;
            let _ = self.err.write_all(ERASE);
            let _ = self.err.flush();
        }
    }
}
