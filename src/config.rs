//! The run's settings, as du's options leave them: what the walker, the aggregator and the report read.

use std::ffi::OsString;
use std::io;
use std::sync::Arc;

use crate::error::PROGRAM;
use crate::gnu::exclude::Excludes;
use crate::gnu::progname::Program;
use crate::gnu::quote::Quotes;
use crate::gnu::size::{Numbers, SizeFormat};

/// Which symbolic links are followed (du's -P, -D/-H, -L).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deref {
    /// -P (the default): never follow a symlink.
    Never,
    /// -D / -H: follow symlinks named as operands only.
    Operands,
    /// -L: follow every symlink.
    Always,
}

/// How -v shows progress on standard error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// No -v: no ticker, no final line.
    Off,
    /// stderr is not a terminal: one plain line per tick.
    Lines,
    /// stderr is a terminal: one status line redrawn in place.
    Redraw {
        /// stdout is a terminal too, so the status line is erased before records go out.
        shares_terminal: bool,
    },
}

/// Which of a file's times --time shows (du's `--time=WORD`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeKind {
    /// st_mtime (the default).
    Modification,
    /// st_atime: `atime`, `access`, `use`.
    Access,
    /// st_ctime: `ctime`, `status`.
    Change,
}

/// --files0-from: where the operands came from, for du's messages about them.
#[derive(Clone, Debug)]
pub struct Files0 {
    /// The F of --files0-from=F, as given (`-` for standard input).
    pub name: OsString,
    /// The error that ended reading F early, reported after the last name read.
    pub read_error: Option<Arc<io::Error>>,
}

impl Files0 {
    /// True when the names came from standard input.
    pub fn is_stdin(&self) -> bool {
        self.name == "-"
    }
}

/// Why du refuses an operand before looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An empty name (du: "invalid zero-length file name").
    Empty,
    /// `-` read from standard input by --files0-from=- (du: "when reading file names from
    /// stdin, no file name of '-' allowed").
    DashFromStdin,
}

/// Everything a run needs to know, with du's defaults.
#[derive(Clone, Debug)]
pub struct Config {
    /// The operands, in order (`.` when none were given).
    pub operands: Vec<OsString>,
    /// -a: print files too, not only directories.
    pub all: bool,
    /// -d / -s: print only entries at most this deep (`usize::MAX` for no limit).
    pub max_depth: usize,
    /// -c: print a grand total.
    pub total: bool,
    /// --apparent-size / -b: st_size rather than allocated blocks.
    pub apparent: bool,
    /// -l: count every hard link.
    pub count_links: bool,
    /// -S: a directory's size leaves out its subdirectories.
    pub separate_dirs: bool,
    /// -0: end records with NUL instead of newline.
    pub null: bool,
    /// -x: skip entries on other file systems than their operand.
    pub one_file_system: bool,
    /// -P / -D / -H / -L.
    pub deref: Deref,
    /// -h, --si, -k, -m, -b, -B and the environment.
    pub format: SizeFormat,
    /// The locale's decimal point and digit grouping, and its word for an infinite size.
    pub numbers: Numbers,
    /// -j: worker threads (the semaphore's slots).
    pub threads: usize,
    /// The locale's quotation marks, for the arguments quoted in diagnostics.
    pub quotes: Quotes,
    /// The name diagnostics begin with: argv[0] as invoked.
    pub program: Program,
    /// -v: the progress report.
    pub progress: Progress,
    /// --exclude and -X patterns.
    pub excludes: Excludes,
    /// -t: print only entries of at least this size (negative: at most its magnitude).
    pub threshold: i64,
    /// --inodes: count inodes instead of bytes.
    pub inodes: bool,
    /// Which time --time shows; the walk records it for every entry.
    pub time_kind: TimeKind,
    /// --time: the strftime format of the time column (None without --time).
    pub time_format: Option<Vec<u8>>,
    /// --files0-from, when the operands came from a file.
    pub files0: Option<Files0>,
    /// Standard input was read as data (`--files0-from=-`, `-X -`): it is not watched for keys.
    pub stdin_is_data: bool,
    /// --json: records as JSON Lines (sizes in bytes, times in seconds), then a summary.
    pub json: bool,
    /// --ncdu-export=FILE: the whole tree in ncdu's export format, into FILE (`-`: standard
    /// output, in place of the records).
    pub ncdu_export: Option<OsString>,
    /// COLUMNS from the environment: the width of the terminal the -v bar is drawn on, when
    /// the terminal itself does not say.
    pub columns: Option<usize>,
}

impl Config {
    /// du's defaults for these operands: 1K blocks, no depth limit, physical walk, 20 workers,
    /// the "C" locale, and the name `dug`.
    pub fn new(operands: Vec<OsString>) -> Config {
        Config {
            operands,
            all: false,
            max_depth: usize::MAX,
            total: false,
            apparent: false,
            count_links: false,
            separate_dirs: false,
            null: false,
            one_file_system: false,
            deref: Deref::Never,
            format: SizeFormat::default_blocks(false),
            numbers: Numbers::c(),
            threads: DEFAULT_THREADS,
            quotes: Quotes::ascii(),
            program: Program::new(PROGRAM),
            progress: Progress::Off,
            excludes: Excludes::new(),
            threshold: 0,
            inodes: false,
            time_kind: TimeKind::Modification,
            time_format: None,
            files0: None,
            stdin_is_data: false,
            json: false,
            ncdu_export: None,
            columns: None,
        }
    }

    /// Whether the ncdu export goes to standard output (`--ncdu-export=-`), where it replaces
    /// du's records, as `ncdu -o -` writes only its export.
    pub fn is_export_on_stdout(&self) -> bool {
        self.ncdu_export.as_ref().is_some_and(|f| f == "-")
    }

    /// du hashes every dev/ino pair, directories included, when one object may be met twice:
    /// several operands, names read by --files0-from (du does not count them), or -L (du.c:
    /// `hash_all`).
    pub fn is_hash_all(&self) -> bool {
        self.operands.len() > 1 || self.files0.is_some() || self.deref == Deref::Always
    }

    /// Whether du refuses operand `index` before fts sees it (it reports it and goes on).
    pub fn refusal(&self, index: usize) -> Option<Refusal> {
        let operand = self.operands[index].as_encoded_bytes();
        if self.files0.as_ref().is_some_and(Files0::is_stdin) && operand == b"-" {
            Some(Refusal::DashFromStdin)
        } else if operand.is_empty() {
            Some(Refusal::Empty)
        } else {
            None
        }
    }

    /// Whether the walk reads each directory once, however many paths reach it. Under
    /// `is_hash_all` du descends a directory only where it meets it first, so every other
    /// path to it counts nothing and needs no listing; reading it again per path would make
    /// a symlink DAG under -L exponential. Not with -l, where du descends at every path
    /// (its dev/ino set is off), nor with -x over several operands, where du's answer also
    /// depends on which operand's device a path started from.
    pub fn shares_dirs(&self) -> bool {
        self.is_hash_all()
            && !self.count_links
            && !(self.one_file_system && self.operands.len() > 1)
    }

    /// Whether the workers apply --exclude, so that an excluded directory is never opened. Not
    /// when listings are shared between paths (`shares_dirs`): du decides at each path, and a
    /// listing read through one path may be used at another, so the replay decides there.
    pub fn excludes_in_walk(&self) -> bool {
        !self.excludes.is_empty() && !self.shares_dirs()
    }

    /// Whether the replay applies --exclude (the other case of `excludes_in_walk`).
    pub fn excludes_in_replay(&self) -> bool {
        !self.excludes.is_empty() && self.shares_dirs()
    }
}

/// The Go du4 design's semaphore of 20 slots: 20 reads in flight hide the latency of a network
/// or a cold disk; on a warm cache the count barely matters (DESIGN.md).
pub const DEFAULT_THREADS: usize = 20;
