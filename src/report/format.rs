//! The record format: the one interface between the report and whatever spells records as
//! bytes. A format appends to a line the report gives it and returns; it never writes to a
//! stream and never calls back into the report, which owns both streams and decides when
//! lines go out. du's lines (`du`) and JSON Lines (`json`) implement it for standard output,
//! chosen once per run (`Stdout`), or nothing (`Silent`) when standard output carries the
//! ncdu export instead. A format that needs more than records gets trait methods with empty
//! default bodies, so that adding one leaves the others untouched; the ncdu export needs every
//! entry and the tree's shape, not records, so it is fed by the replay apart (`ncdu`).

use std::time::Duration;

use crate::config::Config;
use crate::replay::usage::Usage;
use crate::report::du::DuLines;
use crate::report::json::JsonLines;

/// Spells du's records, and what a run ends with, into bytes.
pub(crate) trait RecordFormat {
    /// Appends one record: a directory, or (-a) a file, that du prints at `path`.
    fn record(&mut self, line: &mut Vec<u8>, usage: &Usage, path: &[u8]) -> Option<Warning>;

    /// Appends -c's grand total.
    fn total(&mut self, line: &mut Vec<u8>, usage: &Usage) -> Option<Warning>;

    /// Appends what ends the output; nothing for a format that has no such thing (du's).
    fn summary(&mut self, _line: &mut Vec<u8>, _summary: &Summary) {}
}

/// Something a record could not show as asked. The record is complete all the same; the
/// report says what happened on stderr before the record goes out, as du does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Warning {
    /// --time: the C library cannot break down this second, so the record shows the number
    /// of seconds instead (du's `show_date`; the run does not fail).
    TimeOutOfRange(i64),
}

/// What the last line says about the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Bytes counted (disk usage, or apparent sizes with --apparent-size).
    pub(crate) bytes: u64,
    /// Non-directories counted.
    pub(crate) files: u64,
    /// Directories counted.
    pub(crate) dirs: u64,
    /// Diagnostics that made the run fail.
    pub(crate) errors: u64,
    /// Wall time since the walk started.
    pub(crate) elapsed: Duration,
    /// The run was cancelled: the counts are partial.
    pub(crate) interrupted: bool,
}

/// Standard output's format, as the config asks: one `match` per record, no dynamic dispatch
/// on a path that runs a million times.
pub(crate) enum Stdout {
    /// du's `SIZE\t[TIME\t]PATH` lines.
    Du(DuLines),
    /// --json: one object per line.
    Json(JsonLines),
    /// --ncdu-export=-: standard output is the export's, and the records go nowhere.
    Silent,
}

impl Stdout {
    /// The format `config` asks for.
    pub(crate) fn new(config: &Config) -> Stdout {
        if config.is_export_on_stdout() {
            Stdout::Silent
        } else if config.json {
            Stdout::Json(JsonLines::new(config))
        } else {
            Stdout::Du(DuLines::new(config))
        }
    }
}

impl RecordFormat for Stdout {
    // See `DuLines::record`.
    #[inline]
    fn record(&mut self, line: &mut Vec<u8>, usage: &Usage, path: &[u8]) -> Option<Warning> {
        match self {
            Stdout::Du(du) => du.record(line, usage, path),
            Stdout::Json(json) => json.record(line, usage, path),
            Stdout::Silent => None,
        }
    }

    fn total(&mut self, line: &mut Vec<u8>, usage: &Usage) -> Option<Warning> {
        match self {
            Stdout::Du(du) => du.total(line, usage),
            Stdout::Json(json) => json.total(line, usage),
            Stdout::Silent => None,
        }
    }

    fn summary(&mut self, line: &mut Vec<u8>, summary: &Summary) {
        match self {
            Stdout::Du(du) => du.summary(line, summary),
            Stdout::Json(json) => json.summary(line, summary),
            Stdout::Silent => {}
        }
    }
}
