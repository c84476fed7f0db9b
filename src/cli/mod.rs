//! The command line: du's options, parsed with GNU getopt_long's rules (permutation, clustered
//! short options, unique prefixes of long options) and messages, then checked into a `Config`.
//!
//! The option table below is the one source of truth: the parser reads it, and
//! `command::command()` turns it into a clap `Command` for the man page and shell completions.
//! clap does not parse the arguments itself because its abbreviation rules and error texts
//! differ from glibc's, and dug must fail exactly as du fails.

pub mod command;
pub mod files0;
pub mod help;

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::sync::Arc;

use crate::cli::files0::{read_all, split_names};
use crate::config::{Config, Deref, Files0, Progress, TimeKind};
use crate::error::{PROGRAM, strerror};
use crate::gnu::argmatch::{argmatch, complaint};
use crate::gnu::quote::{Charset, quote_always, quote_if_needed, quote_locale};
use crate::gnu::size::SizeFormat;
use crate::gnu::strtol::{SizeError, parse_size_signed};
use crate::gnu::timestyle::{STYLES, time_format};

/// Every option dug knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opt {
    /// -0, --null
    Null,
    /// -a, --all
    All,
    /// --apparent-size
    ApparentSize,
    /// -B, --block-size=SIZE
    BlockSize,
    /// -b, --bytes
    Bytes,
    /// -c, --total
    Total,
    /// -D, -H, --dereference-args
    DereferenceArgs,
    /// -d, --max-depth=N
    MaxDepth,
    /// --files0-from=F
    Files0From,
    /// -h, --human-readable
    Human,
    /// --inodes
    Inodes,
    /// -k
    Kilo,
    /// -L, --dereference
    Dereference,
    /// -l, --count-links
    CountLinks,
    /// -m
    Mega,
    /// -P, --no-dereference
    NoDereference,
    /// -S, --separate-dirs
    SeparateDirs,
    /// --si
    Si,
    /// -s, --summarize
    Summarize,
    /// -t, --threshold=SIZE
    Threshold,
    /// --time[=WORD]
    Time,
    /// --time-style=STYLE
    TimeStyle,
    /// -X, --exclude-from=FILE
    ExcludeFrom,
    /// --exclude=PATTERN
    Exclude,
    /// -x, --one-file-system
    OneFileSystem,
    /// --help
    Help,
    /// --version
    Version,
    /// -j, --threads=N (dug's own)
    Threads,
    /// -v, --verbose (dug's own)
    Verbose,
    /// --json (dug's own)
    Json,
}

/// Whether an option takes an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// No argument.
    Nothing,
    /// A required argument: `--opt=V`, `--opt V`, `-oV`, `-o V`.
    Value,
    /// An optional argument, only as `--opt=V`.
    OptionalValue,
}

/// One row of the option table.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The option.
    pub opt: Opt,
    /// Its long name, if any.
    pub long: Option<&'static str>,
    /// Its short letters, if any.
    pub short: &'static [u8],
    /// Its argument.
    pub takes: Takes,
    /// False for dug's own options: their long names match only when spelled out in full, so
    /// that every abbreviation du accepts means the same in dug.
    pub is_du: bool,
    /// The help line's text.
    pub help: &'static str,
}

const fn spec(
    opt: Opt,
    long: Option<&'static str>,
    short: &'static [u8],
    takes: Takes,
    help: &'static str,
) -> Spec {
    Spec {
        opt,
        long,
        short,
        takes,
        is_du: true,
        help,
    }
}

/// The options in du 9.1's `long_options` order (the order glibc lists ambiguous matches in),
/// then the short-only ones, then dug's own.
pub const OPTIONS: &[Spec] = &[
    spec(
        Opt::All,
        Some("all"),
        b"a",
        Takes::Nothing,
        "write counts for all files, not just directories",
    ),
    spec(
        Opt::ApparentSize,
        Some("apparent-size"),
        b"",
        Takes::Nothing,
        "print apparent sizes rather than device usage",
    ),
    spec(
        Opt::BlockSize,
        Some("block-size"),
        b"B",
        Takes::Value,
        "scale sizes by SIZE before printing them",
    ),
    spec(
        Opt::Bytes,
        Some("bytes"),
        b"b",
        Takes::Nothing,
        "equivalent to '--apparent-size --block-size=1'",
    ),
    spec(
        Opt::CountLinks,
        Some("count-links"),
        b"l",
        Takes::Nothing,
        "count sizes many times if hard linked",
    ),
    spec(
        Opt::Dereference,
        Some("dereference"),
        b"L",
        Takes::Nothing,
        "dereference all symbolic links",
    ),
    spec(
        Opt::DereferenceArgs,
        Some("dereference-args"),
        b"DH",
        Takes::Nothing,
        "dereference only symlinks that are listed on the command line",
    ),
    spec(
        Opt::Exclude,
        Some("exclude"),
        b"",
        Takes::Value,
        "exclude files that match PATTERN",
    ),
    spec(
        Opt::ExcludeFrom,
        Some("exclude-from"),
        b"X",
        Takes::Value,
        "exclude files that match any pattern in FILE",
    ),
    spec(
        Opt::Files0From,
        Some("files0-from"),
        b"",
        Takes::Value,
        "summarize device usage of the NUL-terminated file names specified in file F",
    ),
    spec(
        Opt::Human,
        Some("human-readable"),
        b"h",
        Takes::Nothing,
        "print sizes in human readable format (e.g., 1K 234M 2G)",
    ),
    spec(
        Opt::Inodes,
        Some("inodes"),
        b"",
        Takes::Nothing,
        "list inode usage information instead of block usage",
    ),
    spec(
        Opt::Si,
        Some("si"),
        b"",
        Takes::Nothing,
        "like -h, but use powers of 1000 not 1024",
    ),
    spec(
        Opt::MaxDepth,
        Some("max-depth"),
        b"d",
        Takes::Value,
        "print the total for a directory (or file, with --all) only if it is N or fewer levels below the command line argument",
    ),
    spec(
        Opt::Null,
        Some("null"),
        b"0",
        Takes::Nothing,
        "end each output line with NUL, not newline",
    ),
    spec(
        Opt::NoDereference,
        Some("no-dereference"),
        b"P",
        Takes::Nothing,
        "don't follow any symbolic links (this is the default)",
    ),
    spec(
        Opt::OneFileSystem,
        Some("one-file-system"),
        b"x",
        Takes::Nothing,
        "skip directories on different file systems",
    ),
    spec(
        Opt::SeparateDirs,
        Some("separate-dirs"),
        b"S",
        Takes::Nothing,
        "for directories do not include size of subdirectories",
    ),
    spec(
        Opt::Summarize,
        Some("summarize"),
        b"s",
        Takes::Nothing,
        "display only a total for each argument",
    ),
    spec(
        Opt::Total,
        Some("total"),
        b"c",
        Takes::Nothing,
        "produce a grand total",
    ),
    spec(
        Opt::Threshold,
        Some("threshold"),
        b"t",
        Takes::Value,
        "exclude entries smaller than SIZE if positive, or entries greater than SIZE if negative",
    ),
    spec(
        Opt::Time,
        Some("time"),
        b"",
        Takes::OptionalValue,
        "show time of the last modification of any file in the directory, or any of its subdirectories",
    ),
    spec(
        Opt::TimeStyle,
        Some("time-style"),
        b"",
        Takes::Value,
        "show times using STYLE: full-iso, long-iso, iso, or +FORMAT",
    ),
    spec(
        Opt::Help,
        Some("help"),
        b"",
        Takes::Nothing,
        "display this help and exit",
    ),
    spec(
        Opt::Version,
        Some("version"),
        b"",
        Takes::Nothing,
        "output version information and exit",
    ),
    spec(
        Opt::Kilo,
        None,
        b"k",
        Takes::Nothing,
        "like --block-size=1K",
    ),
    spec(
        Opt::Mega,
        None,
        b"m",
        Takes::Nothing,
        "like --block-size=1M",
    ),
    Spec {
        opt: Opt::Threads,
        long: Some("threads"),
        short: b"j",
        takes: Takes::Value,
        is_du: false,
        help: "walk with N worker threads (default 20) [dug]",
    },
    Spec {
        opt: Opt::Verbose,
        long: Some("verbose"),
        short: b"v",
        takes: Takes::Nothing,
        is_du: false,
        help: "show progress on standard error while walking [dug]",
    },
    Spec {
        opt: Opt::Json,
        long: Some("json"),
        short: b"",
        takes: Takes::Nothing,
        is_du: false,
        help: "write JSON Lines: an object per record, then a summary [dug]",
    },
];

/// What the command line asks for.
#[derive(Debug)]
pub enum Action {
    /// Walk and report.
    Run(Box<Config>),
    /// Print the help text and exit 0.
    Help,
    /// Print the version and exit 0.
    Version,
}

/// The result of parsing: diagnostics for stderr (in order), then what to do, or exit 1.
#[derive(Debug)]
pub struct Parsed {
    /// Lines for standard error, each ending in a newline.
    pub diagnostics: Vec<u8>,
    /// What to do, or the refusal that makes dug exit 1 after the diagnostics.
    pub action: Result<Action, Refused>,
}

/// The command line was refused (a usage error, an unreadable -X file…); the diagnostics say
/// why, in du's words, and the exit status is 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused;

/// The real process as parsing sees it: its environment, its files and its standard input.
pub struct Process;

impl Host for Process {
    fn var(&self, name: &str) -> Option<OsString> {
        std::env::var_os(name)
    }

    fn open(&self, path: &OsStr) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(std::fs::File::open(path)?))
    }

    fn stdin(&self) -> Box<dyn Read + '_> {
        Box::new(io::stdin().lock())
    }

    /// The C library's answer for the locale `setlocale` loaded, as du's quoting asks it
    /// (reading the locale files again would double the start-up cost of a tiny run).
    fn charset(&self) -> Charset {
        if crate::sys::locale::is_utf8() {
            Charset::Utf8
        } else {
            Charset::Ascii
        }
    }
}

/// One step of getopt_long: an option with its argument, a stray operand, or a complaint.
enum Step {
    Opt(&'static Spec, Option<OsString>, Spelling),
    Operand(OsString),
    Error,
}

/// How the user named an option, for du's messages ("invalid -B argument" vs "--block-size").
#[derive(Clone, Copy, Debug)]
enum Spelling {
    Short(u8),
    Long(&'static str),
}

impl Spelling {
    fn text(self) -> String {
        match self {
            Spelling::Short(c) => format!("-{}", c as char),
            Spelling::Long(name) => format!("--{name}"),
        }
    }
}

/// glibc getopt_long over `args` (without the program name).
struct Getopt<'a> {
    args: &'a [OsString],
    index: usize,
    /// Position inside a cluster of short options ("-abc").
    cluster: usize,
    /// With POSIXLY_CORRECT, the first operand ends the options.
    posix: bool,
    only_operands: bool,
    diagnostics: Vec<u8>,
}

impl<'a> Getopt<'a> {
    fn complain(&mut self, msg: &[u8]) {
        self.diagnostics.extend_from_slice(PROGRAM.as_bytes());
        self.diagnostics.extend_from_slice(b": ");
        self.diagnostics.extend_from_slice(msg);
        self.diagnostics.push(b'\n');
    }

    fn next(&mut self) -> Option<Step> {
        if self.cluster > 0 {
            return Some(self.short());
        }
        let arg = self.args.get(self.index)?;
        let bytes = arg.as_bytes();
        if self.only_operands || bytes.len() < 2 || bytes[0] != b'-' {
            self.index += 1;
            if self.posix && !self.only_operands {
                self.only_operands = true;
            }
            return Some(Step::Operand(arg.clone()));
        }
        if bytes == b"--" {
            self.index += 1;
            self.only_operands = true;
            return self.next();
        }
        if bytes[1] == b'-' {
            self.index += 1;
            return Some(self.long(&bytes[2..]));
        }
        self.cluster = 1;
        Some(self.short())
    }

    fn long(&mut self, body: &[u8]) -> Step {
        let (name, value) = match body.iter().position(|&b| b == b'=') {
            Some(eq) => (&body[..eq], Some(&body[eq + 1..])),
            None => (body, None),
        };
        let with_long = || OPTIONS.iter().filter(|s| s.long.is_some());
        let exact = with_long().find(|s| s.long.map(str::as_bytes) == Some(name));
        let found = match exact {
            Some(s) => s,
            None => {
                let matches: Vec<&'static Spec> = with_long()
                    .filter(|s| s.is_du && s.long.is_some_and(|l| l.as_bytes().starts_with(name)))
                    .collect();
                match matches.as_slice() {
                    [] => {
                        let mut msg = b"unrecognized option '--".to_vec();
                        msg.extend_from_slice(body);
                        msg.push(b'\'');
                        self.complain(&msg);
                        return Step::Error;
                    }
                    [one] => *one,
                    many => {
                        let mut msg = b"option '--".to_vec();
                        msg.extend_from_slice(body);
                        msg.extend_from_slice(b"' is ambiguous; possibilities:");
                        for s in many {
                            msg.extend_from_slice(b" '--");
                            msg.extend_from_slice(s.long.unwrap_or_default().as_bytes());
                            msg.push(b'\'');
                        }
                        self.complain(&msg);
                        return Step::Error;
                    }
                }
            }
        };
        let full = found.long.unwrap_or_default();
        let spelling = Spelling::Long(full);
        match (found.takes, value) {
            (Takes::Nothing, Some(_)) => {
                self.complain(format!("option '--{full}' doesn't allow an argument").as_bytes());
                Step::Error
            }
            (Takes::Nothing, None) | (Takes::OptionalValue, None) => {
                Step::Opt(found, None, spelling)
            }
            (_, Some(v)) => Step::Opt(found, Some(OsStr::from_bytes(v).to_os_string()), spelling),
            (Takes::Value, None) => match self.args.get(self.index) {
                Some(v) => {
                    self.index += 1;
                    Step::Opt(found, Some(v.clone()), spelling)
                }
                None => {
                    self.complain(format!("option '--{full}' requires an argument").as_bytes());
                    Step::Error
                }
            },
        }
    }

    fn short(&mut self) -> Step {
        let arg = self.args[self.index].as_bytes();
        let c = arg[self.cluster];
        self.cluster += 1;
        let rest_empty = self.cluster >= arg.len();
        let finish_cluster = |g: &mut Self| {
            g.cluster = 0;
            g.index += 1;
        };
        let Some(found) = OPTIONS.iter().find(|s| s.short.contains(&c)) else {
            if rest_empty {
                finish_cluster(self);
            }
            let mut msg = b"invalid option -- '".to_vec();
            msg.push(c);
            msg.push(b'\'');
            self.complain(&msg);
            return Step::Error;
        };
        let spelling = Spelling::Short(c);
        if found.takes != Takes::Value {
            if rest_empty {
                finish_cluster(self);
            }
            return Step::Opt(found, None, spelling);
        }
        if !rest_empty {
            let value = OsStr::from_bytes(&arg[self.cluster..]).to_os_string();
            finish_cluster(self);
            return Step::Opt(found, Some(value), spelling);
        }
        finish_cluster(self);
        match self.args.get(self.index) {
            Some(v) => {
                self.index += 1;
                Step::Opt(found, Some(v.clone()), spelling)
            }
            None => {
                let mut msg = b"option requires an argument -- '".to_vec();
                msg.push(c);
                msg.push(b'\'');
                self.complain(&msg);
                Step::Error
            }
        }
    }
}

/// What parsing needs from the process: the environment, and the files -X and --files0-from
/// name (du reads them while it parses, and its messages come in that order).
pub trait Host {
    /// An environment variable.
    fn var(&self, name: &str) -> Option<OsString>;
    /// Opens a file for reading.
    fn open(&self, path: &OsStr) -> io::Result<Box<dyn Read + '_>>;
    /// Standard input (`-X -`, `--files0-from=-`).
    fn stdin(&self) -> Box<dyn Read + '_>;
    /// The character set of the locale names are quoted in.
    fn charset(&self) -> Charset;
}

/// The valid suffixes du gives xstrtoimax for -t (coreutils 9.1).
const THRESHOLD_SUFFIXES: &[u8] = b"kKmMGTPEZY0";

/// --time=WORD's words (du's `time_args`).
const TIME_WORDS: &[(&str, TimeKind)] = &[
    ("atime", TimeKind::Access),
    ("access", TimeKind::Access),
    ("use", TimeKind::Access),
    ("ctime", TimeKind::Change),
    ("status", TimeKind::Change),
];

/// Parses `args` (without the program name) with du's rules, reading the environment and the
/// files options name through `host`.
pub fn parse(args: &[OsString], host: &dyn Host) -> Parsed {
    let env = |name: &str| host.var(name);
    let posixly_correct = env("POSIXLY_CORRECT").is_some();
    let charset = host.charset();
    let mut getopt = Getopt {
        args,
        index: 0,
        cluster: 0,
        posix: posixly_correct,
        only_operands: false,
        diagnostics: Vec::new(),
    };
    let mut config = Config::new(Vec::new());
    config.format = SizeFormat::from_env(&env);
    config.charset = charset;
    let mut operands = Vec::new();
    let mut ok = true;
    let mut summarize = false;
    let mut max_depth: Option<usize> = None;
    let mut time = false;
    let mut time_style: Option<OsString> = None;
    let mut files0_from: Option<OsString> = None;
    // The options --json conflicts with, as spelled, for its complaints.
    let mut null_spelling: Option<Spelling> = None;
    let mut scale_spelling: Option<Spelling> = None;
    let mut time_style_spelling: Option<Spelling> = None;
    let fail = |g: Getopt<'_>| Parsed {
        diagnostics: g.diagnostics,
        action: Err(Refused),
    };

    while let Some(step) = getopt.next() {
        let (spec, value, spelling) = match step {
            Step::Operand(op) => {
                operands.push(op);
                continue;
            }
            Step::Error => {
                ok = false;
                continue;
            }
            Step::Opt(spec, value, spelling) => (spec, value, spelling),
        };
        let value_bytes = value.as_ref().map(|v| v.as_bytes()).unwrap_or_default();
        match spec.opt {
            Opt::Null => {
                config.null = true;
                null_spelling = Some(spelling);
            }
            Opt::All => config.all = true,
            Opt::ApparentSize => config.apparent = true,
            Opt::Bytes => {
                config.apparent = true;
                config.format = SizeFormat::blocks(1);
            }
            Opt::Total => config.total = true,
            Opt::Human => {
                config.format = SizeFormat::human();
                scale_spelling = Some(spelling);
            }
            Opt::Si => {
                config.format = SizeFormat::si();
                scale_spelling = Some(spelling);
            }
            Opt::Kilo => {
                config.format = SizeFormat::blocks(1024);
                scale_spelling = Some(spelling);
            }
            Opt::Mega => {
                config.format = SizeFormat::blocks(1024 * 1024);
                scale_spelling = Some(spelling);
            }
            Opt::MaxDepth => match parse_depth(value_bytes) {
                Some(d) => max_depth = Some(d),
                None => {
                    let mut msg = b"invalid maximum depth ".to_vec();
                    msg.extend_from_slice(&quote_locale(value_bytes, charset));
                    getopt.complain(&msg);
                    ok = false;
                }
            },
            Opt::CountLinks => config.count_links = true,
            Opt::Summarize => summarize = true,
            Opt::OneFileSystem => config.one_file_system = true,
            Opt::BlockSize => match SizeFormat::parse(value_bytes, posixly_correct) {
                Ok(f) => {
                    config.format = f;
                    scale_spelling = Some(spelling);
                }
                Err(e) => {
                    getopt.complain(&size_error_message(e, spelling, value_bytes));
                    return fail(getopt);
                }
            },
            Opt::Threshold => match parse_size_signed(value_bytes, THRESHOLD_SUFFIXES) {
                Err(e) => {
                    getopt.complain(&size_error_message(e, spelling, value_bytes));
                    return fail(getopt);
                }
                // du refuses any negative spelling of zero, in these words whatever was typed.
                Ok(0) if value_bytes.starts_with(b"-") => {
                    getopt.complain(b"invalid --threshold argument '-0'");
                    return fail(getopt);
                }
                Ok(t) => config.threshold = t,
            },
            Opt::DereferenceArgs => config.deref = Deref::Operands,
            Opt::Dereference => config.deref = Deref::Always,
            Opt::NoDereference => config.deref = Deref::Never,
            Opt::SeparateDirs => config.separate_dirs = true,
            Opt::Exclude => config.excludes.add(value_bytes),
            Opt::ExcludeFrom => {
                let file = value.as_deref().unwrap_or_default();
                let read = if value_bytes == b"-" {
                    config.stdin_is_data = true;
                    Ok(read_all(host.stdin()))
                } else {
                    host.open(file).map(read_all)
                };
                // Patterns read before an error still count, as in gnulib add_exclude_file.
                let error = match read {
                    Ok((data, error)) => {
                        config.excludes.add_lines(&data);
                        error
                    }
                    Err(e) => Some(e),
                };
                if let Some(e) = error {
                    let mut msg = quote_if_needed(value_bytes, charset);
                    msg.extend_from_slice(b": ");
                    msg.extend_from_slice(strerror(&e).as_bytes());
                    getopt.complain(&msg);
                    ok = false;
                }
            }
            Opt::Files0From => files0_from = value,
            Opt::Inodes => config.inodes = true,
            Opt::Time => {
                time = true;
                config.time_kind = match &value {
                    None => TimeKind::Modification,
                    Some(word) => match argmatch(word.as_bytes(), TIME_WORDS) {
                        Ok(kind) => kind,
                        Err(why) => {
                            let text =
                                complaint(why, word.as_bytes(), "--time", TIME_WORDS, charset);
                            getopt.diagnostics.extend_from_slice(&text);
                            getopt.diagnostics.extend_from_slice(try_help().as_bytes());
                            return fail(getopt);
                        }
                    },
                };
            }
            Opt::TimeStyle => {
                time_style = value;
                time_style_spelling = Some(spelling);
            }
            Opt::Threads => match parse_threads(value_bytes) {
                Some(n) => config.threads = n,
                None => {
                    let mut msg = b"invalid number of threads ".to_vec();
                    msg.extend_from_slice(&quote_locale(value_bytes, charset));
                    getopt.complain(&msg);
                    ok = false;
                }
            },
            Opt::Verbose => config.progress = Progress::Lines,
            Opt::Json => config.json = true,
            Opt::Help => {
                return Parsed {
                    diagnostics: getopt.diagnostics,
                    action: Ok(Action::Help),
                };
            }
            Opt::Version => {
                return Parsed {
                    diagnostics: getopt.diagnostics,
                    action: Ok(Action::Version),
                };
            }
        }
    }

    if !ok {
        getopt.diagnostics.extend_from_slice(try_help().as_bytes());
        return fail(getopt);
    }
    if config.all && summarize {
        getopt.complain(b"cannot both summarize and show all entries");
        getopt.diagnostics.extend_from_slice(try_help().as_bytes());
        return fail(getopt);
    }
    match (summarize, max_depth) {
        (true, Some(0)) => {
            getopt.complain(b"warning: summarizing is the same as using --max-depth=0");
        }
        (true, Some(d)) => {
            getopt.complain(
                format!("warning: summarizing conflicts with --max-depth={d}").as_bytes(),
            );
            getopt.diagnostics.extend_from_slice(try_help().as_bytes());
            return fail(getopt);
        }
        _ => {}
    }
    config.max_depth = if summarize {
        0
    } else {
        max_depth.unwrap_or(usize::MAX)
    };
    if config.json {
        // Sizes scaled back to bytes (-b, -B1 after -h) are what --json writes anyway.
        let scaled = scale_spelling.filter(|_| config.format != SizeFormat::blocks(1));
        let conflicts = [
            (null_spelling, "JSON Lines end with a newline"),
            (scaled, "JSON sizes are in bytes"),
            (
                time_style_spelling,
                "JSON times are seconds since the epoch",
            ),
        ];
        let mut conflicted = false;
        for (spelling, why) in conflicts {
            if let Some(spelling) = spelling {
                let msg = format!("--json cannot be combined with {} ({why})", spelling.text());
                getopt.complain(msg.as_bytes());
                conflicted = true;
            }
        }
        if conflicted {
            getopt.diagnostics.extend_from_slice(try_help().as_bytes());
            return fail(getopt);
        }
    }
    if config.inodes {
        if config.apparent {
            getopt
                .complain(b"warning: options --apparent-size and -b are ineffective with --inodes");
        }
        // du sets only the block size: -h, --si and a suffix from -B still show.
        config.format = config.format.with_block_size(1);
    }
    if time {
        let env_style = env("TIME_STYLE");
        match time_format(
            time_style.as_deref().map(OsStr::as_bytes),
            env_style.as_deref().map(OsStr::as_bytes),
        ) {
            Ok(format) => config.time_format = Some(format),
            Err(bad) => {
                let text = complaint(bad.why, &bad.style, "time style", STYLES, charset);
                getopt.diagnostics.extend_from_slice(&text);
                getopt.diagnostics.extend_from_slice(try_help().as_bytes());
                return fail(getopt);
            }
        }
    }
    if let Some(name) = files0_from {
        if let Some(extra) = operands.first() {
            let mut msg = b"extra operand ".to_vec();
            msg.extend_from_slice(&quote_locale(extra.as_bytes(), charset));
            getopt.complain(&msg);
            getopt
                .diagnostics
                .extend_from_slice(b"file operands cannot be combined with --files0-from\n");
            getopt.diagnostics.extend_from_slice(try_help().as_bytes());
            return fail(getopt);
        }
        let read = if name == "-" {
            config.stdin_is_data = true;
            Ok(read_all(host.stdin()))
        } else {
            host.open(&name).map(read_all)
        };
        let (data, read_error) = match read {
            Ok(read) => read,
            Err(e) => {
                let mut msg = b"cannot open ".to_vec();
                msg.extend_from_slice(&quote_always(name.as_bytes(), charset));
                msg.extend_from_slice(b" for reading: ");
                msg.extend_from_slice(strerror(&e).as_bytes());
                getopt.complain(&msg);
                return fail(getopt);
            }
        };
        config.operands = split_names(&data);
        config.files0 = Some(Files0 {
            name,
            read_error: read_error.map(Arc::new),
        });
    } else {
        if operands.is_empty() {
            operands.push(OsString::from("."));
        }
        config.operands = operands;
    }
    Parsed {
        diagnostics: getopt.diagnostics,
        action: Ok(Action::Run(Box::new(config))),
    }
}

/// The line du's usage(EXIT_FAILURE) prints.
pub fn try_help() -> String {
    format!("Try '{PROGRAM} --help' for more information.\n")
}

/// du's -d: xstrtoul with base 0 (so 0x10 and 010 work), leading blanks and '+' allowed,
/// no suffix, no sign.
fn parse_depth(s: &[u8]) -> Option<usize> {
    let s = trim_leading_space(s);
    let s = s.strip_prefix(b"+").unwrap_or(s);
    let (digits, radix) = if let Some(hex) = s
        .strip_prefix(b"0x")
        .or_else(|| s.strip_prefix(b"0X"))
        .filter(|h| h.first().is_some_and(u8::is_ascii_hexdigit))
    {
        (hex, 16)
    } else if s.len() > 1 && s[0] == b'0' {
        (&s[1..], 8)
    } else {
        (s, 10)
    };
    if digits.is_empty() {
        return None;
    }
    let text = std::str::from_utf8(digits).ok()?;
    if !text.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(text, radix)
        .ok()
        .and_then(|v| usize::try_from(v).ok())
}

fn trim_leading_space(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .unwrap_or(s.len());
    &s[start..]
}

fn parse_threads(s: &[u8]) -> Option<usize> {
    std::str::from_utf8(s)
        .ok()?
        .parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
}

/// gnulib xstrtol_fatal's words for a bad SIZE argument.
fn size_error_message(e: SizeError, spelling: Spelling, arg: &[u8]) -> Vec<u8> {
    let option = spelling.text();
    let mut msg = match e {
        SizeError::Invalid => format!("invalid {option} argument '").into_bytes(),
        SizeError::InvalidSuffix => format!("invalid suffix in {option} argument '").into_bytes(),
        SizeError::TooLarge => format!("{option} argument '").into_bytes(),
    };
    msg.extend_from_slice(arg);
    msg.push(b'\'');
    if e == SizeError::TooLarge {
        msg.extend_from_slice(b" too large");
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Refusal;

    /// An environment, files and standard input made up for a test.
    #[derive(Default)]
    struct FakeHost {
        env: Vec<(&'static str, &'static str)>,
        files: Vec<(&'static str, &'static [u8])>,
        stdin: &'static [u8],
    }

    impl Host for FakeHost {
        fn var(&self, name: &str) -> Option<OsString> {
            self.env
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }

        fn open(&self, path: &OsStr) -> io::Result<Box<dyn Read + '_>> {
            match self.files.iter().find(|(n, _)| OsStr::new(n) == path) {
                Some((_, data)) => Ok(Box::new(*data)),
                None => Err(io::Error::from_raw_os_error(2)),
            }
        }

        fn stdin(&self) -> Box<dyn Read + '_> {
            Box::new(self.stdin)
        }

        fn charset(&self) -> Charset {
            Charset::Ascii
        }
    }

    fn parse_with(args: &[&str], host: &FakeHost) -> Parsed {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse(&args, host)
    }

    fn parse_args(args: &[&str]) -> Parsed {
        parse_with(args, &FakeHost::default())
    }

    fn config(args: &[&str]) -> Config {
        match parse_args(args).action {
            Ok(Action::Run(c)) => *c,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    fn errors(args: &[&str]) -> String {
        let p = parse_args(args);
        assert!(p.action.is_err(), "{args:?} should fail");
        String::from_utf8(p.diagnostics).expect("utf8")
    }

    #[test]
    fn options_and_operands_permute_like_getopt() {
        let c = config(&["x", "-ac", "y"]);
        assert!(c.all && c.total);
        assert_eq!(c.operands, vec!["x", "y"]);
        let c = config(&["-d1", "x", "--", "-y", "--max-depth", "2"]);
        assert_eq!(c.max_depth, 1);
        assert_eq!(c.operands, vec!["x", "-y", "--max-depth", "2"]);
        assert_eq!(config(&[]).operands, vec!["."]);
        assert_eq!(config(&["-"]).operands, vec!["-"]);
        assert_eq!(config(&["--max=3"]).max_depth, 3);
        assert_eq!(config(&["--sum"]).max_depth, 0);
        assert_eq!(config(&["-d", "0x10"]).max_depth, 16);
        assert_eq!(config(&["-d", "010"]).max_depth, 8);
        assert_eq!(config(&["-j", "3"]).threads, 3);
        assert_eq!(config(&["-LP"]).deref, Deref::Never);
        assert_eq!(config(&["-H"]).deref, Deref::Operands);
    }

    #[test]
    fn getopt_errors_in_glibc_words() {
        assert_eq!(
            errors(&["-q", "-z", "--bogus=1", "."]),
            "dug: invalid option -- 'q'\ndug: invalid option -- 'z'\n\
             dug: unrecognized option '--bogus=1'\nTry 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["--s"]),
            "dug: option '--s' is ambiguous; possibilities: '--si' '--separate-dirs' '--summarize'\n\
             Try 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["--max"]),
            "dug: option '--max-depth' requires an argument\nTry 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["--all=3"]),
            "dug: option '--all' doesn't allow an argument\nTry 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["-d"]),
            "dug: option requires an argument -- 'd'\nTry 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["-as"]),
            "dug: cannot both summarize and show all entries\nTry 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["-s", "-d", "1"]),
            "dug: warning: summarizing conflicts with --max-depth=1\nTry 'dug --help' for more information.\n"
        );
        assert_eq!(errors(&["-B", "0"]), "dug: invalid -B argument '0'\n");
    }

    #[test]
    fn threshold_values_and_errors_as_du() {
        assert_eq!(config(&["-t", "4K"]).threshold, 4096);
        assert_eq!(config(&["--thres=-1KB"]).threshold, -1000);
        assert_eq!(config(&["-t", " -0"]).threshold, 0);
        assert_eq!(config(&["-t", "+0"]).threshold, 0);
        assert_eq!(
            errors(&["-t", "-0"]),
            "dug: invalid --threshold argument '-0'\n"
        );
        assert_eq!(
            errors(&["-t-0x0"]),
            "dug: invalid --threshold argument '-0'\n"
        );
        assert_eq!(
            errors(&["--thres=x"]),
            "dug: invalid --threshold argument 'x'\n"
        );
        assert_eq!(
            errors(&["-t", "1g"]),
            "dug: invalid suffix in -t argument '1g'\n"
        );
        assert_eq!(
            errors(&["-d", "x", "-t", "99999999999999999999", "-d", "y"]),
            "dug: invalid maximum depth 'x'\ndug: -t argument '99999999999999999999' too large\n"
        );
    }

    #[test]
    fn time_words_styles_and_their_errors() {
        assert_eq!(config(&["--time=use"]).time_kind, TimeKind::Access);
        assert_eq!(config(&["--time=st"]).time_kind, TimeKind::Change);
        assert_eq!(
            config(&["--time=c", "--time"]).time_kind,
            TimeKind::Modification
        );
        assert_eq!(config(&["--time-style=x"]).time_format, None);
        assert_eq!(
            config(&["--time", "--time-style=+%s"]).time_format,
            Some(b"%s".to_vec())
        );
        assert_eq!(
            errors(&["--bogus", "--time=x", "--all=1"]),
            "dug: unrecognized option '--bogus'\ndug: invalid argument 'x' for '--time'\n\
             Valid arguments are:\n  - 'atime', 'access', 'use'\n  - 'ctime', 'status'\n\
             Try 'dug --help' for more information.\n"
        );
        let host = FakeHost {
            env: vec![("TIME_STYLE", "posix-locale")],
            ..FakeHost::default()
        };
        let p = parse_with(&["--time", "-s", "-d0", "--inodes", "-b"], &host);
        assert!(p.action.is_err());
        assert_eq!(
            String::from_utf8(p.diagnostics).expect("UTF-8"),
            "dug: warning: summarizing is the same as using --max-depth=0\n\
             dug: warning: options --apparent-size and -b are ineffective with --inodes\n\
             dug: invalid argument 'locale' for 'time style'\nValid arguments are:\n  \
             - 'full-iso'\n  - 'long-iso'\n  - 'iso'\nTry 'dug --help' for more information.\n"
        );
    }

    #[test]
    fn inodes_keep_human_options_and_count_in_ones() {
        let c = config(&["-BKB", "--inodes"]);
        assert!(c.inodes);
        assert_eq!(c.format.block_size(), 1);
        let mut shown = Vec::new();
        c.format.write(13, &mut shown);
        assert_eq!(shown, b"13B");
    }

    #[test]
    fn exclude_patterns_and_files() {
        let host = FakeHost {
            files: vec![("pats", b"*.o\nbuild  \n")],
            stdin: b"from-stdin\n",
            ..FakeHost::default()
        };
        let p = parse_with(&["--exclude=x*", "-X", "pats", "-X-"], &host);
        let Ok(Action::Run(c)) = p.action else {
            panic!("parse failed: {:?}", p.diagnostics);
        };
        assert!(c.stdin_is_data);
        for path in ["d/x1", "d/a.o", "d/build", "from-stdin"] {
            assert!(c.excludes.is_excluded(path.as_bytes()), "{path}");
        }
        assert!(!c.excludes.is_excluded(b"d/a"));
        assert_eq!(
            errors(&["-X", "missing", "--bogus", "-X", "we:ird"]),
            "dug: missing: No such file or directory\ndug: unrecognized option '--bogus'\n\
             dug: 'we:ird': No such file or directory\nTry 'dug --help' for more information.\n"
        );
    }

    #[test]
    fn files0_from_operands_and_errors() {
        let host = FakeHost {
            files: vec![("list", b"a\0\0b")],
            stdin: b"-\0c\0",
            ..FakeHost::default()
        };
        let run = |args: &[&str]| match parse_with(args, &host).action {
            Ok(Action::Run(c)) => *c,
            other => panic!("{args:?} gave {other:?}"),
        };
        let c = run(&["--files0-from=list"]);
        assert_eq!(c.operands, vec!["a", "", "b"]);
        assert!(c.is_hash_all());
        assert_eq!(c.refusal(1), Some(Refusal::Empty));
        assert!(!c.stdin_is_data);
        let c = run(&["--files0-from=list", "--files0-from=-"]);
        assert_eq!(c.operands, vec!["-", "c"]);
        assert!(c.stdin_is_data);
        assert_eq!(c.refusal(0), Some(Refusal::DashFromStdin));
        assert_eq!(
            String::from_utf8(parse_with(&["--files0-from=list", "x", "y"], &host).diagnostics)
                .expect("UTF-8"),
            "dug: extra operand 'x'\nfile operands cannot be combined with --files0-from\n\
             Try 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["--files0-from=nope"]),
            "dug: cannot open 'nope' for reading: No such file or directory\n"
        );
    }

    #[test]
    fn dug_options_need_their_full_name() {
        // du's "--t" lists four options; dug's --threads must not join them or change
        // what an abbreviation means.
        assert!(errors(&["--thread=2"]).contains("unrecognized option '--thread=2'"));
        assert!(errors(&["--t"]).contains("'--total' '--threshold' '--time' '--time-style'\n"));
        // du's "--ver" is --version; dug's --verbose must not make it ambiguous.
        assert!(matches!(parse_args(&["--ver"]).action, Ok(Action::Version)));
        assert!(errors(&["--verb"]).contains("unrecognized option '--verb'"));
        assert_eq!(config(&["-v"]).progress, Progress::Lines);
        assert_eq!(config(&["--verbose"]).progress, Progress::Lines);
    }

    #[test]
    fn json_refuses_what_it_cannot_honour() {
        assert!(config(&["--json", "-a", "--time", "--inodes", "-v"]).json);
        // Sizes back in bytes by the last option, as du's last one wins.
        assert!(config(&["-h", "-b", "--json"]).json);
        assert!(config(&["-k", "-B1", "--json"]).json);
        assert_eq!(
            errors(&["--json", "--null", "-m", "--time-style=iso", "--time"]),
            "dug: --json cannot be combined with --null (JSON Lines end with a newline)\n\
             dug: --json cannot be combined with -m (JSON sizes are in bytes)\n\
             dug: --json cannot be combined with --time-style \
             (JSON times are seconds since the epoch)\n\
             Try 'dug --help' for more information.\n"
        );
        assert_eq!(
            errors(&["-b", "--block-size=1K", "--json"]),
            "dug: --json cannot be combined with --block-size (JSON sizes are in bytes)\n\
             Try 'dug --help' for more information.\n"
        );
        assert!(errors(&["--json", "--inodes", "--si"]).contains("with --si ("));
        // The environment's units are ignored, and its own name must be spelled in full.
        let host = FakeHost {
            env: vec![("BLOCK_SIZE", "human-readable")],
            ..FakeHost::default()
        };
        assert!(parse_with(&["--json"], &host).action.is_ok());
        assert!(errors(&["--jso"]).contains("unrecognized option '--jso'"));
    }
}
