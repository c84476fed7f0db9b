//! The command line's behaviour end to end, on a made-up process: what getopt accepts and
//! refuses, what validation makes of each option, and the messages, in du's words and order.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};

use crate::cli::{Action, Host, Parsed, parse};
use crate::config::{Config, Deref, Progress, Refusal, TimeKind};
use crate::gnu::progname::Program;
use crate::gnu::quote::Quotes;
use crate::gnu::size::Numbers;
use crate::sys::Lconv;

/// An environment, files, standard input and a locale made up for a test.
#[derive(Default)]
struct FakeHost {
    env: Vec<(&'static str, &'static str)>,
    files: Vec<(&'static str, &'static [u8])>,
    stdin: &'static [u8],
    /// French punctuation and quotation marks instead of those of "C".
    french: bool,
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

    fn quotes(&self) -> Quotes {
        match self.french {
            true => Quotes::new("\u{ab}\u{a0}".as_bytes(), "\u{a0}\u{bb}".as_bytes()),
            false => Quotes::ascii(),
        }
    }

    fn numbers(&self) -> Numbers {
        match self.french {
            true => {
                let lconv = Lconv {
                    decimal_point: b",".to_vec(),
                    thousands_sep: "\u{202f}".as_bytes().to_vec(),
                    grouping: b"\x03\x03".to_vec(),
                };
                Numbers::new(&lconv)
            }
            false => Numbers::c(),
        }
    }
}

fn parse_as(program: &str, args: &[&str], host: &FakeHost) -> Parsed {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    parse(&Program::new(program), &args, host)
}

fn parse_with(args: &[&str], host: &FakeHost) -> Parsed {
    parse_as("dug", args, host)
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
    c.format.write(13, &c.numbers, &mut shown);
    assert_eq!(shown, b"13B");
}

/// error()'s lines and the --help pointer name the program `program_name`; getopt's start
/// with argv[0] as it was (the two differ only for a libtool wrapper).
#[test]
fn messages_name_the_program_as_invoked() {
    let host = FakeHost::default();
    let text = |p: Parsed| String::from_utf8(p.diagnostics).expect("UTF-8");
    assert_eq!(
        text(parse_as("/tmp/mydu", &["-q", "-d", "x", "/x"], &host)),
        "/tmp/mydu: invalid option -- 'q'\n/tmp/mydu: invalid maximum depth 'x'\n\
         Try '/tmp/mydu --help' for more information.\n"
    );
    assert_eq!(
        text(parse_as("/t/.libs/lt-du", &["--ti", "-d", "x"], &host)),
        "/t/.libs/lt-du: option '--ti' is ambiguous; possibilities: '--time' '--time-style'\n\
         du: invalid maximum depth 'x'\nTry 'du --help' for more information.\n"
    );
    let c = match parse_as("du", &[], &host).action {
        Ok(Action::Run(c)) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(c.program.name(), b"du");
}

/// The locale's quotation marks and punctuation reach the messages and the config.
#[test]
fn the_locale_of_the_host_reaches_messages_and_sizes() {
    let host = FakeHost {
        french: true,
        ..FakeHost::default()
    };
    let p = parse_with(&["-d", "x", "--time=y"], &host);
    assert_eq!(
        String::from_utf8(p.diagnostics).expect("UTF-8"),
        "dug: invalid maximum depth \u{ab}\u{a0}x\u{a0}\u{bb}\n\
         dug: invalid argument \u{ab}\u{a0}y\u{a0}\u{bb} for \u{ab}\u{a0}--time\u{a0}\u{bb}\n\
         Valid arguments are:\n  - \u{ab}\u{a0}atime\u{a0}\u{bb}, \u{ab}\u{a0}access\u{a0}\u{bb}, \
         \u{ab}\u{a0}use\u{a0}\u{bb}\n  - \u{ab}\u{a0}ctime\u{a0}\u{bb}, \
         \u{ab}\u{a0}status\u{a0}\u{bb}\nTry 'dug --help' for more information.\n"
    );
    let Ok(Action::Run(c)) = parse_with(&["-h", "--block-size='1"], &host).action else {
        panic!("-h and a block size are fine");
    };
    let mut shown = Vec::new();
    c.format.write(16384, &c.numbers, &mut shown);
    assert_eq!(String::from_utf8(shown).expect("UTF-8"), "16\u{202f}384");
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

#[test]
fn ncdu_export_takes_one_operand_and_stdout_alone() {
    let c = config(&["--ncdu-export", "out.json", "-x", "/srv"]);
    assert_eq!(c.ncdu_export.as_deref(), Some(OsStr::new("out.json")));
    assert!(!c.is_export_on_stdout());
    assert!(config(&["--ncdu-export=-", "-s"]).is_export_on_stdout());
    assert_eq!(config(&["--ncdu-export=x"]).operands, vec!["."]);
    assert!(config(&["--ncdu-export=x", "--json"]).json);
    assert_eq!(
        errors(&["--ncdu-export=x", "a", "b"]),
        "dug: --ncdu-export takes a single operand, not 2: an ncdu export has one root\n\
         Try 'dug --help' for more information.\n"
    );
    let host = FakeHost {
        files: vec![("names", b"a\0b\0c\0")],
        ..FakeHost::default()
    };
    let parsed = parse_with(&["--files0-from=names", "--ncdu-export=x"], &host);
    assert!(
        String::from_utf8_lossy(&parsed.diagnostics).contains("single operand, not 3"),
        "{:?}",
        parsed.diagnostics
    );
    assert_eq!(
        errors(&["--json", "--ncdu-export=-"]),
        "dug: --json cannot be combined with --ncdu-export=- (both write standard output)\n\
         Try 'dug --help' for more information.\n"
    );
    assert!(errors(&["--ncdu=x"]).contains("unrecognized option '--ncdu=x'"));
}
