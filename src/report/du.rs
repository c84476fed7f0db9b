//! du's own record format: `SIZE\t[TIME\t]PATH` and the terminator (newline, or NUL with -0),
//! the size in the block size or human form du was asked for (or the inode count), the time
//! in the --time style.

use crate::config::Config;
use crate::gnu::gettext;
use crate::gnu::size::{Numbers, SizeFormat};
use crate::gnu::strftime::Format;
use crate::replay::usage::Usage;
use crate::report::format::{RecordFormat, Warning};
use crate::sys::time::{Tm, localtime};
use crate::walk::scan::Stamp;

/// du's lines, as the flags of one run spell them.
pub(crate) struct DuLines {
    size: SizeFormat,
    /// The locale's punctuation of sizes (boxed: read only for -h's point and grouping, and
    /// the record format stays small).
    numbers: Box<Numbers>,
    /// --inodes: print the inode count instead of the size.
    inodes: bool,
    /// --time: the strftime format of the time column, parsed.
    time_format: Option<Format>,
    /// The last second broken down into local time (consecutive records often share it).
    last_time: Option<(i64, Option<Tm>)>,
    terminator: u8,
}

impl DuLines {
    /// The lines `config` asks for.
    pub(crate) fn new(config: &Config) -> DuLines {
        DuLines {
            size: config.format,
            numbers: Box::new(config.numbers.clone()),
            inodes: config.inodes,
            time_format: config.time_format.as_deref().map(Format::parse),
            last_time: None,
            terminator: if config.null { b'\0' } else { b'\n' },
        }
    }

    /// Appends `time` in the --time format: du's `show_date`, which prints the seconds (and
    /// warns) when the C library cannot break them down.
    fn push_time(&mut self, line: &mut Vec<u8>, time: Stamp) -> Option<Warning> {
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
                    format.write(&tm, line);
                }
                None
            }
            None => {
                line.extend_from_slice(time.sec.to_string().as_bytes());
                Some(Warning::TimeOutOfRange(time.sec))
            }
        }
    }
}

impl RecordFormat for DuLines {
    // Inlined into `Report::record` (through `Stdout`): out of line, the call costs ~2% of the
    // instructions of `dug -a` (cachegrind).
    #[inline]
    fn record(&mut self, line: &mut Vec<u8>, usage: &Usage, path: &[u8]) -> Option<Warning> {
        let value = if self.inodes {
            usage.inodes
        } else {
            usage.bytes
        };
        self.size.write(value, &self.numbers, line);
        let mut warning = None;
        if self.time_format.is_some() {
            line.push(b'\t');
            warning = self.push_time(line, usage.time);
        }
        line.push(b'\t');
        line.extend_from_slice(path);
        line.push(self.terminator);
        warning
    }

    /// du's `total` line is a record whose path is `total`, in the locale's language.
    fn total(&mut self, line: &mut Vec<u8>, usage: &Usage) -> Option<Warning> {
        self.record(line, usage, &gettext::coreutils(c"total"))
    }
}
