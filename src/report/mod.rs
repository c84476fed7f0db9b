//! The report stage. It owns both output streams: standard output gets du's records in the
//! format the run asks for (du's `SIZE\t[TIME\t]PATH` lines or JSON Lines, one
//! `RecordFormat` each), through one buffer and a sink that keeps du's write-error rule;
//! standard error gets diagnostics in GNU's words, the -v status line and the end-of-run
//! notes, interleaved with the records as du's streams interleave. With --ncdu-export, it also
//! writes the whole tree in ncdu's format, to a file of its own or to standard output in place
//! of the records. It hands on bytes to stdout, stderr and that file, and to the caller the
//! error count and whether stdout failed.
//!
//! - `format`: the record format interface and the choice of stdout's format;
//! - `du`, `json`: the two formats of standard output;
//! - `diagnostics`: du's messages on stderr;
//! - `status`: the status line on stderr and the lines that must erase it first;
//! - `progress`: the words of the progress, final and cancel lines;
//! - `estimate`: how far the walk is (a share and a time left), and its bar;
//! - `sink`: stdout's write-error rule;
//! - `ncdu`, `export`: the ncdu export, fed entry by entry by the replay, and where it goes
//!   (a file of its own, or standard output in place of the records).

mod diagnostics;
mod du;
pub(crate) mod estimate;
mod export;
mod format;
mod json;
pub(crate) mod ncdu;
pub(crate) mod progress;
mod sink;
mod status;

use std::io::{self, BufWriter, Write};
use std::time::Duration;

use crate::config::{Config, Progress};
use crate::gnu::quote::Quotes;
use crate::replay::usage::Usage;
use crate::report::estimate::Estimate;
use crate::report::export::Export;
use crate::report::format::{RecordFormat, Stdout, Summary, Warning};
use crate::report::progress::Tally;
use crate::report::sink::Sink;
use crate::report::status::Stderr;

/// Room for many records between flushes; the aggregator flushes whenever it waits for the walk,
/// so output still streams.
const STDOUT_BUFFER: usize = 64 * 1024;

/// The two output streams, owned by the aggregator alone.
pub(crate) struct Report<W: Write, E: Write> {
    out: BufWriter<Sink<W>>,
    stderr: Stderr<E>,
    /// The record being spelt, reused from one record to the next.
    line: Vec<u8>,
    format: Stdout,
    quotes: Quotes,
    /// The program's name, which every diagnostic starts with.
    program: Vec<u8>,
    errors: usize,
    /// --ncdu-export: the export and where it goes.
    export: Option<Export>,
}

impl<W: Write, E: Write> Report<W, E> {
    /// A report in the format `config` asks for.
    pub(crate) fn new(config: &Config, stdout: W, stderr: E) -> Report<W, E> {
        Report {
            out: BufWriter::with_capacity(STDOUT_BUFFER, Sink::new(stdout)),
            stderr: Stderr::new(
                stderr,
                config.progress,
                config.program.name(),
                config.progress != Progress::Off
                    && crate::sys::locale::codeset().eq_ignore_ascii_case(b"UTF-8"),
                config.columns,
            ),
            line: Vec::with_capacity(256),
            format: Stdout::new(config),
            quotes: config.quotes.clone(),
            program: config.program.name().to_vec(),
            errors: 0,
            export: None,
        }
    }

    /// Writes one record: the size (or inode count), with --time a tab and the time, then a
    /// tab, the path and the terminator; with --json, the record's object.
    pub(crate) fn record(&mut self, usage: &Usage, path: &[u8]) -> io::Result<()> {
        self.stderr.before_record();
        self.line.clear();
        let warning = self.format.record(&mut self.line, usage, path);
        self.write_line(warning)
    }

    /// Writes -c's grand total: du's `total` record, or with --json a `total` object.
    pub(crate) fn total(&mut self, usage: &Usage) -> io::Result<()> {
        self.stderr.before_record();
        self.line.clear();
        let warning = self.format.total(&mut self.line, usage);
        self.write_line(warning)
    }

    /// With --json, writes the summary object that ends the output and sends it on; without,
    /// does nothing (du's output has no summary).
    pub(crate) fn summary(
        &mut self,
        tally: &Tally,
        elapsed: Duration,
        interrupted: bool,
    ) -> io::Result<()> {
        let summary = Summary {
            bytes: tally.bytes,
            files: tally.files,
            dirs: tally.dirs,
            errors: self.errors as u64,
            elapsed,
            interrupted,
        };
        self.line.clear();
        self.format.summary(&mut self.line, &summary);
        if self.line.is_empty() {
            return Ok(());
        }
        self.stderr.before_record();
        self.out.write_all(&self.line)?;
        self.out.flush()
    }

    /// The spelt line goes out, after the warning its format gave, if any.
    // Once per record: left to itself, the compiler calls it out of line, which costs ~2% of
    // the instructions of `dug -a` (cachegrind).
    #[inline(always)]
    fn write_line(&mut self, warning: Option<Warning>) -> io::Result<()> {
        if let Some(warning) = warning {
            self.warn(warning)?;
        }
        self.out.write_all(&self.line)
    }

    /// Sends buffered records on (when the aggregator is about to wait, and at the end).
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Shows the progress `text`, with how far the walk is when `estimate` says: redrawn in
    /// place on a terminal (after the records before it, so the two never share a line), one
    /// plain line per call otherwise.
    pub(crate) fn status(&mut self, text: &str, estimate: Option<&Estimate>) -> io::Result<()> {
        if self.stderr.is_redrawn() {
            self.out.flush()?;
        }
        self.stderr.show(text, estimate);
        Ok(())
    }

    /// A line of its own on stderr (`dug: TEXT`), after the records before it, with the status
    /// line erased first.
    pub(crate) fn note(&mut self, text: &str) -> io::Result<()> {
        self.out.flush()?;
        self.stderr.note(text);
        Ok(())
    }

    /// Takes the status line off the terminal, if it is there.
    pub(crate) fn erase_status(&mut self) {
        self.stderr.erase();
    }

    /// Whether writing a record failed (other than on a closed pipe); du then ends with
    /// `write error` and status 1, after walking and reporting everything else.
    pub(crate) fn has_write_failed(&self) -> bool {
        self.out.get_ref().has_failed()
    }
}

impl<W: Write, E: Write> Drop for Report<W, E> {
    /// Whatever ends the run (an error, a closed pipe, a panic), the terminal is left clean,
    /// before the records still buffered go out.
    fn drop(&mut self) {
        self.erase_status();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gnu::size::SizeFormat;
    use crate::walk::scan::Stamp;

    #[test]
    fn records_and_diagnostics_in_du_format() {
        let mut config = Config::new(vec![".".into()]);
        config.format = SizeFormat::blocks(1024);
        let mut out = Vec::new();
        let mut err = Vec::new();
        {
            let mut r = Report::new(&config, &mut out, &mut err);
            let usage = Usage {
                bytes: 4096,
                inodes: 1,
                time: Stamp::EPOCH,
            };
            r.record(&usage, b"a/b").expect("write to a Vec");
            r.cannot_access(b"x", Some(&io::Error::from_raw_os_error(2)))
                .expect("write to a Vec");
            r.cannot_access(b"y", None).expect("write to a Vec");
            assert_eq!(r.error_count(), 2);
            r.flush().expect("write to a Vec");
        }
        assert_eq!(out, b"4\ta/b\n");
        assert_eq!(
            String::from_utf8_lossy(&err),
            "dug: cannot access 'x': No such file or directory\ndug: cannot access 'y'\n"
        );
    }

    #[test]
    fn json_records_total_and_summary_and_none_without_json() {
        let usage = Usage {
            bytes: 4096,
            inodes: 2,
            time: Stamp::EPOCH,
        };
        let tally = Tally {
            files: 1,
            dirs: 1,
            bytes: 4096,
        };
        let write = |config: &Config| {
            let mut out = Vec::new();
            {
                let mut r = Report::new(config, &mut out, io::sink());
                r.record(&usage, b"d").expect("write to a Vec");
                r.total(&usage).expect("write to a Vec");
                r.cannot_access(b"x", None).expect("write to a Vec");
                r.summary(&tally, Duration::from_millis(1), false)
                    .expect("write to a Vec");
                r.flush().expect("write to a Vec");
            }
            String::from_utf8(out).expect("UTF-8")
        };
        let mut config = Config::new(vec![".".into()]);
        assert_eq!(write(&config), "4\td\n4\ttotal\n");
        config.json = true;
        assert_eq!(
            write(&config),
            "{\"type\":\"entry\",\"path\":\"d\",\"bytes\":4096}\n\
             {\"type\":\"total\",\"bytes\":4096}\n\
             {\"type\":\"summary\",\"bytes\":4096,\"files\":1,\"dirs\":1,\"errors\":1,\
             \"elapsed\":0.001000,\"interrupted\":false}\n"
        );
    }

    #[test]
    fn null_terminated_records() {
        let mut config = Config::new(vec![".".into()]);
        config.null = true;
        config.format = SizeFormat::blocks(1);
        let mut out = Vec::new();
        {
            let mut r = Report::new(&config, &mut out, io::sink());
            let usage = Usage {
                bytes: 7,
                inodes: 1,
                time: Stamp::EPOCH,
            };
            r.record(&usage, b"f\nx").expect("write to a Vec");
            r.flush().expect("write to a Vec");
        }
        assert_eq!(out, b"7\tf\nx\0");
    }
}
