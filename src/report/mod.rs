//! Record formatting and writing: du's `SIZE\t[TIME\t]PATH\n` lines (or, with --json, JSON
//! Lines) into one buffered stdout, and diagnostics into stderr in GNU's words.

pub mod json;
pub mod progress;
pub mod sink;

use std::io::{self, BufWriter, Write};
use std::time::Duration;

use crate::config::{Config, Progress, Refusal};
use crate::error::{PROGRAM, strerror};
use crate::gnu::quote::{Charset, quote_always, quote_if_needed, quote_locale};
use crate::gnu::size::SizeFormat;
use crate::gnu::strftime::Format;
use crate::replay::usage::Usage;
use crate::report::progress::Tally;
use crate::report::sink::Sink;
use crate::sys::time::{Tm, localtime};
use crate::walk::scan::Stamp;

/// Room for many records between flushes; the aggregator flushes whenever it waits for the walk,
/// so output still streams.
const STDOUT_BUFFER: usize = 64 * 1024;

/// The two output streams, owned by the aggregator alone.
pub struct Report<W: Write, E: Write> {
    out: BufWriter<Sink<W>>,
    err: E,
    line: Vec<u8>,
    format: SizeFormat,
    terminator: u8,
    charset: Charset,
    errors: usize,
    progress: Progress,
    /// A redrawn status line is on the terminal and must be erased before anything else goes
    /// there.
    status_shown: bool,
    /// --inodes: print the inode count instead of the size.
    inodes: bool,
    /// --time: the strftime format of the time column, parsed.
    time_format: Option<Format>,
    /// The last second broken down into local time (consecutive records often share it).
    last_time: Option<(i64, Option<Tm>)>,
    /// --json: records are JSON objects with these fields, and a summary ends the run.
    json: Option<json::Fields>,
}

/// Carriage return, then erase to the end of the line (ECMA-48 EL): the status line goes away
/// without leaving debris.
const ERASE: &[u8] = b"\r\x1b[K";

impl<W: Write, E: Write> Report<W, E> {
    /// A report in the format `config` asks for.
    pub fn new(config: &Config, stdout: W, stderr: E) -> Report<W, E> {
        Report {
            out: BufWriter::with_capacity(STDOUT_BUFFER, Sink::new(stdout)),
            err: stderr,
            line: Vec::with_capacity(256),
            format: config.format,
            terminator: if config.null { b'\0' } else { b'\n' },
            charset: config.charset,
            errors: 0,
            progress: config.progress,
            status_shown: false,
            inodes: config.inodes,
            time_format: config.time_format.as_deref().map(Format::parse),
            last_time: None,
            json: config.json.then_some(json::Fields {
                inodes: config.inodes,
                time: config.time_format.as_ref().map(|_| config.time_kind),
            }),
        }
    }

    /// Writes one record: the size (or inode count), with --time a tab and the time, then a
    /// tab, the path and the terminator; with --json, the record's object.
    pub fn record(&mut self, usage: &Usage, path: &[u8]) -> io::Result<()> {
        self.before_record();
        self.line.clear();
        match self.json {
            Some(fields) => json::entry(&mut self.line, &fields, usage, path),
            None => self.push_du_line(usage, path)?,
        }
        self.out.write_all(&self.line)
    }

    /// Writes -c's grand total: du's `total` record, or with --json a `total` object.
    pub fn total(&mut self, usage: &Usage) -> io::Result<()> {
        let Some(fields) = self.json else {
            return self.record(usage, b"total");
        };
        self.before_record();
        self.line.clear();
        json::total(&mut self.line, &fields, usage);
        self.out.write_all(&self.line)
    }

    /// With --json, writes the summary object that ends the output and sends it on; without,
    /// does nothing (du's output has no summary).
    pub fn summary(
        &mut self,
        tally: &Tally,
        elapsed: Duration,
        interrupted: bool,
    ) -> io::Result<()> {
        if self.json.is_none() {
            return Ok(());
        }
        self.before_record();
        self.line.clear();
        let summary = json::Summary {
            bytes: tally.bytes,
            files: tally.files,
            dirs: tally.dirs,
            errors: self.errors as u64,
            elapsed,
            interrupted,
        };
        json::summary(&mut self.line, &summary);
        self.out.write_all(&self.line)?;
        self.out.flush()
    }

    /// A record is about to go to a terminal that shows the status line: erase it first.
    fn before_record(&mut self) {
        if self.status_shown
            && self.progress
                == (Progress::Redraw {
                    shares_terminal: true,
                })
        {
            // The record reaches the terminal at the next flush, after this erase; the status
            // comes back only after that flush (`status`).
            self.erase_status();
        }
    }

    /// du's line for a record into `self.line`.
    fn push_du_line(&mut self, usage: &Usage, path: &[u8]) -> io::Result<()> {
        let value = if self.inodes {
            usage.inodes
        } else {
            usage.bytes
        };
        self.format.write(value, &mut self.line);
        if self.time_format.is_some() {
            self.line.push(b'\t');
            self.push_time(usage.time)?;
        }
        self.line.push(b'\t');
        self.line.extend_from_slice(path);
        self.line.push(self.terminator);
        Ok(())
    }

    /// Sends buffered records on (when the aggregator is about to wait, and at the end).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Shows the progress `text`: redrawn in place on a terminal (after the records before it,
    /// so the two never share a line), one plain line per call otherwise.
    pub fn status(&mut self, text: &str) -> io::Result<()> {
        let mut line = Vec::with_capacity(text.len() + 16);
        match self.progress {
            Progress::Off => return Ok(()),
            Progress::Lines => {}
            Progress::Redraw { .. } => {
                self.out.flush()?;
                line.extend_from_slice(b"\r");
            }
        }
        line.extend_from_slice(PROGRAM.as_bytes());
        line.extend_from_slice(b": ");
        line.extend_from_slice(text.as_bytes());
        if let Progress::Redraw { .. } = self.progress {
            line.extend_from_slice(b"\x1b[K");
            self.status_shown = true;
        } else {
            line.push(b'\n');
        }
        // Progress is a courtesy: a failing stderr must not stop the count.
        let _ = self.err.write_all(&line);
        let _ = self.err.flush();
        Ok(())
    }

    /// A line of its own on stderr (`dug: TEXT`), after the records before it, with the status
    /// line erased first.
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        self.out.flush()?;
        self.erase_status();
        let _ = writeln!(self.err, "{PROGRAM}: {text}");
        let _ = self.err.flush();
        Ok(())
    }

    /// Takes the status line off the terminal, if it is there.
    pub fn erase_status(&mut self) {
        if self.status_shown {
            self.status_shown = false;
            let _ = self.err.write_all(ERASE);
            let _ = self.err.flush();
        }
    }

    /// Whether writing a record failed (other than on a closed pipe); du then ends with
    /// `write error` and status 1, after walking and reporting everything else.
    pub fn has_write_failed(&self) -> bool {
        self.out.get_ref().has_failed()
    }

    /// `dug: internal error: …`: `count` walker threads panicked, so the records stop short
    /// (the panic's own message is above). du has no such case; the status is 1.
    pub fn workers_lost(&mut self, count: usize) -> io::Result<()> {
        let msg =
            format!("internal error: {count} walker thread(s) stopped; the output is incomplete");
        self.diagnose(msg.as_bytes(), None)
    }

    /// How many diagnostics were written.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// `dug: cannot access 'PATH': REASON` (no reason for a dangling symlink being followed).
    pub fn cannot_access(&mut self, path: &[u8], reason: Option<&io::Error>) -> io::Result<()> {
        let mut msg = b"cannot access ".to_vec();
        msg.extend_from_slice(&quote_always(path, self.charset));
        self.diagnose(&msg, reason)
    }

    /// `dug: cannot read directory 'PATH': REASON`.
    pub fn cannot_read_dir(&mut self, path: &[u8], reason: &io::Error) -> io::Result<()> {
        let mut msg = b"cannot read directory ".to_vec();
        msg.extend_from_slice(&quote_always(path, self.charset));
        self.diagnose(&msg, Some(reason))
    }

    /// du's complaint about an operand it will not look at; `files0` names the
    /// --files0-from file the operand was record `number` of.
    pub fn refused(
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
    pub fn files0_read_error(&mut self, file: &[u8], reason: &io::Error) -> io::Result<()> {
        let mut msg = quote_if_needed(file, self.charset);
        msg.extend_from_slice(b": read error");
        self.diagnose(&msg, Some(reason))
    }

    /// Appends `time` to the line in the --time format: du's `show_date`, which prints the
    /// seconds and warns (without failing the run) when the C library cannot break it down.
    fn push_time(&mut self, time: Stamp) -> io::Result<()> {
        let tm = match &self.last_time {
            Some((sec, tm)) if *sec == time.sec => tm.clone(),
            _ => {
                let tm = localtime(time.sec, 0);
                self.last_time = Some((time.sec, tm.clone()));
                tm
            }
        };
        match tm {
            Some(mut tm) => {
                tm.nsec = i32::try_from(time.nsec).unwrap_or(0);
                if let Some(format) = &self.time_format {
                    format.write(&tm, &mut self.line);
                }
            }
            None => {
                let seconds = time.sec.to_string();
                let mut msg = b"time ".to_vec();
                msg.extend_from_slice(&quote_locale(seconds.as_bytes(), self.charset));
                msg.extend_from_slice(b" is out of range");
                self.warn(&msg)?;
                self.line.extend_from_slice(seconds.as_bytes());
            }
        }
        Ok(())
    }

    /// A diagnostic that does not change the exit status.
    fn warn(&mut self, msg: &[u8]) -> io::Result<()> {
        self.write_diagnostic(msg, None)
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
        self.erase_status();
        let mut line = Vec::with_capacity(msg.len() + 64);
        line.extend_from_slice(PROGRAM.as_bytes());
        line.extend_from_slice(b": ");
        line.extend_from_slice(msg);
        if let Some(e) = reason {
            line.extend_from_slice(b": ");
            line.extend_from_slice(strerror(e).as_bytes());
        }
        line.push(b'\n');
        // A failing stderr cannot be reported anywhere; du ignores it too.
        let _ = self.err.write_all(&line);
        let _ = self.err.flush();
        Ok(())
    }
}

impl<W: Write, E: Write> Drop for Report<W, E> {
    /// Whatever ends the run (an error, a closed pipe, a panic), the terminal is left clean.
    fn drop(&mut self) {
        self.erase_status();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
