//! From the options getopt found to a `Config`: each option's argument checked as du checks
//! it (in du's words, at the point du complains), then what only the whole command line
//! decides (-s with -d, --json's conflicts, --inodes, the time style, the operands or
//! --files0-from's names).

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::sync::Arc;

use crate::cli::files::{Host, read_named, split_names};
use crate::cli::getopt::{Getopt, Spelling, Step};
use crate::cli::spec::Opt;
use crate::cli::{Action, Diagnostics, Parsed, Refused};
use crate::config::{Config, Deref, Files0, Progress, TimeKind};
use crate::error::strerror;
use crate::gnu::argmatch::{self, Mismatch, argmatch};
use crate::gnu::gettext::coreutils as tr;
use crate::gnu::printf::fill;
use crate::gnu::progname::Program;
use crate::gnu::quote::{Quotes, quote_always, quote_if_needed, quote_locale};
use crate::gnu::size::SizeFormat;
use crate::gnu::strtol::{SizeError, parse_size_signed, parse_unsigned};
use crate::gnu::timestyle::{STYLES, time_format};

/// The valid suffixes du gives xstrtoimax for -t (coreutils 9.1).
const THRESHOLD_SUFFIXES: &[u8] = b"kKmMGTPEZY0";

/// --time=WORD's words (du's `time_args`).
pub(crate) const TIME_WORDS: &[(&str, TimeKind)] = &[
    ("atime", TimeKind::Access),
    ("access", TimeKind::Access),
    ("use", TimeKind::Access),
    ("ctime", TimeKind::Change),
    ("status", TimeKind::Change),
];

/// Parses `args` (argv without argv[0]) with du's rules, reading the environment and the files
/// options name through `host`; `program` (from argv[0]) names the program in the messages.
pub fn parse(program: &Program, args: &[OsString], host: &dyn Host) -> Parsed {
    let posixly_correct = host.var("POSIXLY_CORRECT").is_some();
    let mut getopt = Getopt::new(args, posixly_correct);
    let mut v = Validation::new(program, host, posixly_correct);
    while let Some(step) = getopt.next(&mut v.diag) {
        let (opt, value, spelling) = match step {
            Step::Operand(op) => {
                v.operands.push(op);
                continue;
            }
            Step::Error => {
                v.ok = false;
                continue;
            }
            Step::Opt(spec, value, spelling) => (spec.opt, value, spelling),
        };
        match opt {
            Opt::Help => return v.diag.with(Ok(Action::Help)),
            Opt::Version => return v.diag.with(Ok(Action::Version)),
            _ => {
                if let Err(refused) = v.apply(opt, value, spelling) {
                    return v.diag.with(Err(refused));
                }
            }
        }
    }
    v.finish()
}

/// The command line read so far: the `Config` being built, and what is decided at the end.
struct Validation<'h> {
    host: &'h dyn Host,
    quotes: Quotes,
    posixly_correct: bool,
    diag: Diagnostics,
    config: Config,
    operands: Vec<OsString>,
    /// False after an error that lets parsing go on, as getopt's and -d's do.
    ok: bool,
    summarize: bool,
    max_depth: Option<usize>,
    time: bool,
    time_style: Option<OsString>,
    files0_from: Option<OsString>,
    // The options --json conflicts with, as spelled, for its complaints.
    null_spelling: Option<Spelling>,
    scale_spelling: Option<Spelling>,
    time_style_spelling: Option<Spelling>,
}

impl<'h> Validation<'h> {
    fn new(program: &Program, host: &'h dyn Host, posixly_correct: bool) -> Self {
        let quotes = host.quotes();
        let mut config = Config::new(Vec::new());
        config.format = SizeFormat::from_env(&|name| host.var(name));
        config.numbers = host.numbers();
        config.quotes = quotes.clone();
        config.program = program.clone();
        Validation {
            host,
            quotes,
            posixly_correct,
            diag: Diagnostics::new(program),
            config,
            operands: Vec::new(),
            ok: true,
            summarize: false,
            max_depth: None,
            time: false,
            time_style: None,
            files0_from: None,
            null_spelling: None,
            scale_spelling: None,
            time_style_spelling: None,
        }
    }

    /// Takes in one option; `Err` when du stops at once (a bad -B, -t or --time).
    fn apply(
        &mut self,
        opt: Opt,
        value: Option<OsString>,
        spelling: Spelling,
    ) -> Result<(), Refused> {
        let value_bytes = value.as_ref().map(|v| v.as_bytes()).unwrap_or_default();
        let config = &mut self.config;
        match opt {
            Opt::Null => {
                config.null = true;
                self.null_spelling = Some(spelling);
            }
            Opt::All => config.all = true,
            Opt::ApparentSize => config.apparent = true,
            Opt::Bytes => {
                config.apparent = true;
                config.format = SizeFormat::blocks(1);
            }
            Opt::Total => config.total = true,
            Opt::Human => self.scale(SizeFormat::human(), spelling),
            Opt::Si => self.scale(SizeFormat::si(), spelling),
            Opt::Kilo => self.scale(SizeFormat::blocks(1024), spelling),
            Opt::Mega => self.scale(SizeFormat::blocks(1024 * 1024), spelling),
            Opt::MaxDepth => self.max_depth(value_bytes),
            Opt::CountLinks => config.count_links = true,
            Opt::Summarize => self.summarize = true,
            Opt::OneFileSystem => config.one_file_system = true,
            Opt::BlockSize => self.block_size(value_bytes, spelling)?,
            Opt::Threshold => self.threshold(value_bytes, spelling)?,
            Opt::DereferenceArgs => config.deref = Deref::Operands,
            Opt::Dereference => config.deref = Deref::Always,
            Opt::NoDereference => config.deref = Deref::Never,
            Opt::SeparateDirs => config.separate_dirs = true,
            Opt::Exclude => config.excludes.add(value_bytes),
            Opt::ExcludeFrom => self.exclude_from(value.as_deref().unwrap_or_default()),
            Opt::Files0From => self.files0_from = value,
            Opt::Inodes => config.inodes = true,
            Opt::Time => self.time(value.as_deref())?,
            Opt::TimeStyle => {
                self.time_style = value;
                self.time_style_spelling = Some(spelling);
            }
            Opt::Threads => self.threads(value_bytes),
            Opt::Verbose => config.progress = Progress::Lines,
            Opt::Json => config.json = true,
            Opt::NcduExport => config.ncdu_export = value,
            Opt::Help | Opt::Version => unreachable!("parse answers --help and --version"),
        }
        Ok(())
    }

    /// -h, --si, -k, -m, -B: the unit, and how it was asked for (for --json's complaint).
    fn scale(&mut self, format: SizeFormat, spelling: Spelling) {
        self.config.format = format;
        self.scale_spelling = Some(spelling);
    }

    fn max_depth(&mut self, value: &[u8]) {
        match parse_unsigned(value).and_then(|v| usize::try_from(v).ok()) {
            Some(d) => self.max_depth = Some(d),
            None => {
                let arg = quote_locale(value, &self.quotes);
                self.diag
                    .complain(&fill(&tr(c"invalid maximum depth %s"), &[&arg]));
                self.ok = false;
            }
        }
    }

    fn block_size(&mut self, value: &[u8], spelling: Spelling) -> Result<(), Refused> {
        match SizeFormat::parse(value, self.posixly_correct) {
            Ok(f) => {
                self.scale(f, spelling);
                Ok(())
            }
            Err(e) => {
                self.diag.complain(&size_error_message(e, spelling, value));
                Err(Refused)
            }
        }
    }

    fn threshold(&mut self, value: &[u8], spelling: Spelling) -> Result<(), Refused> {
        match parse_size_signed(value, THRESHOLD_SUFFIXES) {
            Err(e) => {
                self.diag.complain(&size_error_message(e, spelling, value));
                Err(Refused)
            }
            // du refuses any negative spelling of zero, in these words whatever was typed.
            Ok(0) if value.starts_with(b"-") => {
                self.diag
                    .complain(&tr(c"invalid --threshold argument '-0'"));
                Err(Refused)
            }
            Ok(t) => {
                self.config.threshold = t;
                Ok(())
            }
        }
    }

    fn exclude_from(&mut self, file: &OsStr) {
        // Patterns read before an error still count, as in gnulib add_exclude_file.
        let error = match read_named(self.host, file) {
            Ok(contents) => {
                self.config.stdin_is_data |= contents.from_stdin;
                self.config.excludes.add_lines(&contents.data);
                contents.error
            }
            Err(e) => Some(e),
        };
        if let Some(e) = error {
            let mut msg = quote_if_needed(file.as_bytes());
            msg.extend_from_slice(b": ");
            msg.extend_from_slice(&strerror(&e));
            self.diag.complain(&msg);
            self.ok = false;
        }
    }

    fn time(&mut self, word: Option<&OsStr>) -> Result<(), Refused> {
        self.time = true;
        self.config.time_kind = match word {
            None => TimeKind::Modification,
            Some(word) => match argmatch(word.as_bytes(), TIME_WORDS) {
                Ok(kind) => kind,
                Err(why) => {
                    self.mismatch(why, word.as_bytes(), "--time", TIME_WORDS);
                    return Err(self.diag.try_help());
                }
            },
        };
        Ok(())
    }

    /// gnulib's XARGMATCH failing: what is wrong with `arg`, then the valid choices.
    fn mismatch<T: Copy + PartialEq>(
        &mut self,
        why: Mismatch,
        arg: &[u8],
        context: &str,
        choices: &[(&str, T)],
    ) {
        let msg = argmatch::invalid(why, arg, context, &self.quotes);
        self.diag.complain(&msg);
        self.diag.push(&argmatch::valid(choices, &self.quotes));
    }

    fn threads(&mut self, value: &[u8]) {
        match parse_threads(value) {
            Some(n) => self.config.threads = n,
            None => {
                // dug's own option: its message has no msgid in coreutils, so stays English.
                let mut msg = b"invalid number of threads ".to_vec();
                msg.extend_from_slice(&quote_locale(value, &self.quotes));
                self.diag.complain(&msg);
                self.ok = false;
            }
        }
    }

    /// What only the whole command line decides, in du's order of complaints.
    fn finish(mut self) -> Parsed {
        let settled = self.settle();
        let action = settled.map(|()| Action::Run(Box::new(self.config)));
        self.diag.with(action)
    }

    fn settle(&mut self) -> Result<(), Refused> {
        if !self.ok {
            return Err(self.diag.try_help());
        }
        self.depth()?;
        if self.config.json {
            self.json_conflicts()?;
        }
        if self.config.inodes {
            if self.config.apparent {
                self.diag.complain(&tr(
                    c"warning: options --apparent-size and -b are ineffective with --inodes",
                ));
            }
            // du sets only the block size: -h, --si and a suffix from -B still show.
            self.config.format = self.config.format.with_block_size(1);
        }
        if self.time {
            self.time_format()?;
        }
        match self.files0_from.take() {
            Some(name) => self.files0(name)?,
            None => {
                let mut operands = std::mem::take(&mut self.operands);
                if operands.is_empty() {
                    operands.push(OsString::from("."));
                }
                self.config.operands = operands;
            }
        }
        if self.config.ncdu_export.is_some() {
            self.ncdu_export()?;
        }
        Ok(())
    }

    /// --ncdu-export: one operand, since an export has one root (a root made up to hold
    /// several would be a directory that does not exist, under paths that are not real), and
    /// with `-`, standard output is the export's alone.
    fn ncdu_export(&mut self) -> Result<(), Refused> {
        let count = self.config.operands.len();
        if count != 1 {
            let msg = format!(
                "--ncdu-export takes a single operand, not {count}: an ncdu export has one root"
            );
            self.diag.complain(msg.as_bytes());
            return Err(self.diag.try_help());
        }
        if self.config.json && self.config.is_export_on_stdout() {
            self.diag.complain(
                b"--json cannot be combined with --ncdu-export=- (both write standard output)",
            );
            return Err(self.diag.try_help());
        }
        Ok(())
    }

    /// -s against -a and -d, then the depth to print to.
    fn depth(&mut self) -> Result<(), Refused> {
        if self.config.all && self.summarize {
            self.diag
                .complain(&tr(c"cannot both summarize and show all entries"));
            return Err(self.diag.try_help());
        }
        match (self.summarize, self.max_depth) {
            (true, Some(0)) => {
                self.diag.complain(&tr(
                    c"warning: summarizing is the same as using --max-depth=0",
                ));
            }
            (true, Some(d)) => {
                let format = tr(c"warning: summarizing conflicts with --max-depth=%lu");
                self.diag
                    .complain(&fill(&format, &[d.to_string().as_bytes()]));
                return Err(self.diag.try_help());
            }
            _ => {}
        }
        self.config.max_depth = if self.summarize {
            0
        } else {
            self.max_depth.unwrap_or(usize::MAX)
        };
        Ok(())
    }

    /// --json against the options whose output it cannot write, each named as it was typed.
    fn json_conflicts(&mut self) -> Result<(), Refused> {
        // Sizes scaled back to bytes (-b, -B1 after -h) are what --json writes anyway.
        let scaled = self
            .scale_spelling
            .filter(|_| self.config.format != SizeFormat::blocks(1));
        let conflicts = [
            (self.null_spelling, "JSON Lines end with a newline"),
            (scaled, "JSON sizes are in bytes"),
            (
                self.time_style_spelling,
                "JSON times are seconds since the epoch",
            ),
        ];
        let mut conflicted = false;
        for (spelling, why) in conflicts {
            if let Some(spelling) = spelling {
                let msg = format!("--json cannot be combined with {} ({why})", spelling.text());
                self.diag.complain(msg.as_bytes());
                conflicted = true;
            }
        }
        match conflicted {
            true => Err(self.diag.try_help()),
            false => Ok(()),
        }
    }

    /// --time-style, or TIME_STYLE, into the strftime format --time prints with.
    fn time_format(&mut self) -> Result<(), Refused> {
        let env_style = self.host.var("TIME_STYLE");
        match time_format(
            self.time_style.as_deref().map(OsStr::as_bytes),
            env_style.as_deref().map(OsStr::as_bytes),
        ) {
            Ok(format) => {
                self.config.time_format = Some(format);
                Ok(())
            }
            Err(bad) => {
                self.mismatch(bad.why, &bad.style, "time style", STYLES);
                Err(self.diag.try_help())
            }
        }
    }

    /// --files0-from: no operand besides it, and the names the file holds.
    fn files0(&mut self, name: OsString) -> Result<(), Refused> {
        if let Some(extra) = self.operands.first() {
            let extra = quote_locale(extra.as_bytes(), &self.quotes);
            self.diag
                .complain(&fill(&tr(c"extra operand %s"), &[&extra]));
            let mut line = tr(c"file operands cannot be combined with --files0-from").into_owned();
            line.push(b'\n');
            self.diag.push(&line);
            return Err(self.diag.try_help());
        }
        let contents = match read_named(self.host, &name) {
            Ok(contents) => contents,
            Err(e) => {
                let file = quote_always(name.as_bytes());
                let mut msg = fill(&tr(c"cannot open %s for reading"), &[&file]);
                msg.extend_from_slice(b": ");
                msg.extend_from_slice(&strerror(&e));
                self.diag.complain(&msg);
                return Err(Refused);
            }
        };
        self.config.stdin_is_data |= contents.from_stdin;
        self.config.operands = split_names(&contents.data);
        self.config.files0 = Some(Files0 {
            name,
            read_error: contents.error.map(Arc::new),
        });
        Ok(())
    }
}

fn parse_threads(s: &[u8]) -> Option<usize> {
    std::str::from_utf8(s)
        .ok()?
        .parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
}

/// gnulib xstrtol_fatal's words for a bad SIZE argument: the option's hyphens and name (as
/// it was spelled: `-B` or `--block-size`), and the argument as it is.
fn size_error_message(e: SizeError, spelling: Spelling, arg: &[u8]) -> Vec<u8> {
    let format = match e {
        SizeError::Invalid => tr(c"invalid %s%s argument '%s'"),
        SizeError::InvalidSuffix => tr(c"invalid suffix in %s%s argument '%s'"),
        SizeError::TooLarge => tr(c"%s%s argument '%s' too large"),
    };
    let text = spelling.text();
    let (hyphens, name) = text.split_at(text.len() - text.trim_start_matches('-').len());
    fill(&format, &[hyphens.as_bytes(), name.as_bytes(), arg])
}
