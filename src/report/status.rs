//! Standard error as the report writes it: the -v status line, redrawn in place on a terminal
//! (one plain line per tick elsewhere), with how far the walk is when that is known (a bar
//! fitted to the terminal's width, or fields at the end of the plain line), and the lines of
//! their own (diagnostics, notes) that must take the status line off the terminal first.
//! Writing stderr never fails the run: a failing stderr cannot be reported anywhere, and du
//! ignores it too.

use std::io::Write;

use crate::config::Progress;
use crate::report::estimate::Estimate;
use crate::sys::terminal::stderr_columns;

/// The terminal's width when neither it nor COLUMNS says.
const DEFAULT_COLUMNS: usize = 80;

/// Carriage return, then erase to the end of the line (ECMA-48 EL): the status line goes away
/// without leaving debris.
const ERASE: &[u8] = b"\r\x1b[K";

/// Standard error and whether a status line is on it.
pub(crate) struct Stderr<E: Write> {
    err: E,
    progress: Progress,
    /// The program's name, which the status line and notes start with.
    program: Vec<u8>,
    /// The locale is UTF-8: the estimate may say `·`.
    utf8: bool,
    /// COLUMNS, for when the terminal does not give its width.
    columns: Option<usize>,
    /// A redrawn status line is on the terminal and must be erased before anything else goes
    /// there.
    is_status_shown: bool,
}

impl<E: Write> Stderr<E> {
    /// `err`, showing progress as `progress` says, for the program named `program`, the
    /// estimate in UTF-8 or not, on a terminal of COLUMNS `columns` when it does not say.
    pub(crate) fn new(
        err: E,
        progress: Progress,
        program: &[u8],
        utf8: bool,
        columns: Option<usize>,
    ) -> Stderr<E> {
        Stderr {
            err,
            progress,
            program: program.to_vec(),
            utf8,
            columns,
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

    /// Shows the progress `text`, and `estimate` when there is one: redrawn in place on a
    /// terminal (the estimate as a bar, the whole line within the terminal's width), one
    /// plain line per call otherwise (the estimate as fields at its end), nothing without -v.
    pub(crate) fn show(&mut self, text: &str, estimate: Option<&Estimate>) {
        let mut line = Vec::with_capacity(text.len() + 16);
        match self.progress {
            Progress::Off => return,
            Progress::Lines => {}
            Progress::Redraw { .. } => line.extend_from_slice(b"\r"),
        }
        line.extend_from_slice(&self.program);
        line.extend_from_slice(b": ");
        match (estimate, self.is_redrawn()) {
            (None, _) => line.extend_from_slice(text.as_bytes()),
            (Some(estimate), false) => {
                line.extend_from_slice(text.as_bytes());
                line.extend_from_slice(estimate.fields().as_bytes());
            }
            (Some(estimate), true) => {
                let columns = stderr_columns().or(self.columns).unwrap_or(DEFAULT_COLUMNS);
                // The prefix and the last column (some terminals wrap on writing it) aside.
                let room = columns.saturating_sub(self.program.len() + 3);
                line.extend_from_slice(estimate.line(text, room, self.utf8).as_bytes());
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn shown(progress: Progress, estimate: Option<&Estimate>) -> String {
        let mut err = Vec::new();
        Stderr::new(&mut err, progress, b"dug", false, Some(60)).show("3 files", estimate);
        String::from_utf8(err).expect("ASCII")
    }

    #[test]
    fn the_estimate_ends_plain_lines_and_joins_the_redrawn_one() {
        let estimate = Estimate {
            share: 0.5,
            left: Some(Duration::from_secs(7)),
        };
        assert_eq!(shown(Progress::Lines, None), "dug: 3 files\n");
        assert_eq!(
            shown(Progress::Lines, Some(&estimate)),
            "dug: 3 files, 50.0% done, 7 s left\n"
        );
        let redraw = Progress::Redraw {
            shares_terminal: false,
        };
        assert_eq!(shown(redraw, None), "\rdug: 3 files\x1b[K");
        // The width is the terminal's, when the test runs on one, else COLUMNS (60).
        let line = shown(redraw, Some(&estimate));
        let text = line
            .strip_prefix("\rdug: 3 files [")
            .and_then(|l| l.strip_suffix("] 50.0% - ~7 s left\x1b[K"))
            .unwrap_or_else(|| panic!("{line:?}"));
        let columns = stderr_columns().unwrap_or(60);
        assert!(
            line.len() - 4 < columns,
            "{line:?} is {columns} columns or more"
        );
        assert!(text.starts_with('#') && text.ends_with('.'), "{text:?}");
        assert_eq!(shown(Progress::Off, Some(&estimate)), "");
    }
}
