//! dug's command line as a clap `Command`, built from `cli::OPTIONS`: the description the man
//! page and the shell completions are rendered from. Parsing does not go through it (`cli`
//! does that with glibc's rules), so nothing here changes what dug accepts.

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command, ValueHint};

use crate::cli::{OPTIONS, Opt, Spec, Takes};
use crate::config::DEFAULT_THREADS;
use crate::error::PROGRAM;

/// The heading dug's own options are listed under, apart from du's.
pub const OWN_HEADING: &str = "dug's own options";

/// The options in the order of du's --help (and of the man page), -H being -D's other letter.
const HELP_ORDER: &[Opt] = &[
    Opt::Null,
    Opt::All,
    Opt::ApparentSize,
    Opt::BlockSize,
    Opt::Bytes,
    Opt::Total,
    Opt::DereferenceArgs,
    Opt::MaxDepth,
    Opt::Files0From,
    Opt::Human,
    Opt::Inodes,
    Opt::Kilo,
    Opt::Dereference,
    Opt::CountLinks,
    Opt::Mega,
    Opt::NoDereference,
    Opt::SeparateDirs,
    Opt::Si,
    Opt::Summarize,
    Opt::Threshold,
    Opt::Time,
    Opt::TimeStyle,
    Opt::ExcludeFrom,
    Opt::Exclude,
    Opt::OneFileSystem,
    Opt::Help,
    Opt::Version,
    Opt::Threads,
    Opt::Verbose,
    Opt::Json,
];

/// The clap description of dug's command line.
pub fn command() -> Command {
    let mut cmd = Command::new(PROGRAM)
        .version(env!("CARGO_PKG_VERSION"))
        .about("estimate file space usage, in parallel (a drop-in for GNU du 9.1)")
        .long_about(DESCRIPTION)
        .override_usage(format!(
            "{PROGRAM} [OPTION]... [FILE]...\n{PROGRAM} [OPTION]... --files0-from=F"
        ))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("FILE")
                .num_args(0..)
                .value_hint(ValueHint::AnyPath)
                .help("files and directories to summarize (default: the current directory)"),
        );
    for spec in OPTIONS {
        cmd = cmd.arg(option(spec));
    }
    cmd
}

/// What the man page's DESCRIPTION says (clap_mangen starts a paragraph at each blank line).
const DESCRIPTION: &str = "\
Summarize device usage of the set of FILEs, recursively for directories.

dug is GNU du 9.1 with the directories read on many threads: for du's options it prints the \
same records in the same order, the same messages and the same exit status, byte for byte. \
Its own options add progress on standard error (-v), a choice of thread count (-j) and JSON \
Lines for scripts (--json).";

/// The clap id of an option: its long name, or its letter for -k and -m.
fn arg_id(spec: &Spec) -> &'static str {
    match (spec.long, spec.opt) {
        (Some(long), _) => long,
        (None, Opt::Kilo) => "k",
        (None, _) => "m",
    }
}

fn option(spec: &Spec) -> Arg {
    let order = HELP_ORDER
        .iter()
        .position(|&o| o == spec.opt)
        .expect("every option has a place in HELP_ORDER");
    let mut arg = Arg::new(arg_id(spec)).help(spec.help).display_order(order);
    if let Some(text) = long_help(spec.opt) {
        arg = arg.long_help(text);
    }
    if let Some(long) = spec.long {
        arg = arg.long(long);
    }
    if let Some((&first, rest)) = spec.short.split_first() {
        arg = arg.short(first as char);
        for &c in rest {
            arg = arg.short_alias(c as char);
        }
    }
    if !spec.is_du {
        arg = arg.help_heading(OWN_HEADING);
    }
    arg = match spec.takes {
        Takes::Nothing => arg.action(ArgAction::SetTrue),
        Takes::Value => arg.num_args(1),
        Takes::OptionalValue => arg.num_args(0..=1).require_equals(true),
    };
    if let Some(name) = value_name(spec.opt) {
        arg = arg.value_name(name);
    }
    match spec.opt {
        Opt::ExcludeFrom | Opt::Files0From => arg.value_hint(ValueHint::FilePath),
        Opt::Time => arg.value_parser([
            PossibleValue::new("atime").help("time of last access"),
            PossibleValue::new("access").help("the same as atime"),
            PossibleValue::new("use").help("the same as atime"),
            PossibleValue::new("ctime").help("time of last status change"),
            PossibleValue::new("status").help("the same as ctime"),
        ]),
        Opt::TimeStyle => arg.value_parser([
            PossibleValue::new("full-iso").help("2023-11-14 22:13:20.123456789 +0000"),
            PossibleValue::new("long-iso").help("2023-11-14 22:13 (the default)"),
            PossibleValue::new("iso").help("2023-11-14"),
        ]),
        _ => arg,
    }
}

fn value_name(opt: Opt) -> Option<&'static str> {
    Some(match opt {
        Opt::BlockSize | Opt::Threshold => "SIZE",
        Opt::MaxDepth | Opt::Threads => "N",
        Opt::Files0From => "F",
        Opt::Time => "WORD",
        Opt::TimeStyle => "STYLE",
        Opt::ExcludeFrom => "FILE",
        Opt::Exclude => "PATTERN",
        _ => return None,
    })
}

/// The man page's fuller text, where the one-line help leaves something out.
fn long_help(opt: Opt) -> Option<String> {
    let text = match opt {
        Opt::ApparentSize => {
            "print apparent sizes rather than device usage; although the apparent size is \
             usually smaller, it may be larger due to holes in ('sparse') files, internal \
             fragmentation, indirect blocks, and the like"
        }
        Opt::BlockSize => {
            "scale sizes by SIZE before printing them; e.g., '-BM' prints sizes in units of \
             1,048,576 bytes; see SIZE below"
        }
        Opt::DereferenceArgs => {
            "dereference only symlinks that are listed on the command line (-H is the same)"
        }
        Opt::MaxDepth => {
            "print the total for a directory (or file, with --all) only if it is N or fewer \
             levels below the command line argument; --max-depth=0 is the same as --summarize"
        }
        Opt::Files0From => {
            "summarize device usage of the NUL-terminated file names specified in file F; if F \
             is -, then read names from standard input"
        }
        Opt::Threshold => {
            "exclude entries smaller than SIZE if positive, or entries greater than SIZE if \
             negative"
        }
        Opt::Time => {
            "show time of the last modification of any file in the directory, or any of its \
             subdirectories; with =WORD, show that time instead of the modification time"
        }
        Opt::TimeStyle => {
            "show times using STYLE: full-iso, long-iso, iso, or +FORMAT, where FORMAT is \
             interpreted like in date(1); the TIME_STYLE environment variable sets the default"
        }
        Opt::Threads => {
            return Some(format!(
                "read directories on N worker threads (default {DEFAULT_THREADS}); the output \
                 is the same for every N"
            ));
        }
        Opt::Verbose => {
            "show progress on standard error every 500 ms while walking: one line redrawn in \
             place on a terminal, plain lines otherwise, and a last line with the counts and \
             the time taken; standard output is unchanged"
        }
        Opt::Json => {
            "write JSON Lines on standard output instead of du's records: an object for each \
             record as it is found, an object for the --total line, and a summary object last \
             (see JSON OUTPUT); cannot be combined with -0, -h, --si, -k, -m, -B or \
             --time-style"
        }
        _ => return None,
    };
    Some(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_every_option_in_help_order() {
        let cmd = command();
        cmd.clone().debug_assert();
        let arg = |o: Opt| {
            let spec = OPTIONS.iter().find(|s| s.opt == o).expect("in OPTIONS");
            let arg = cmd.get_arguments().find(|a| a.get_id() == arg_id(spec));
            (spec, arg.unwrap_or_else(|| panic!("{o:?} missing")))
        };
        for spec in OPTIONS {
            let (_, a) = arg(spec.opt);
            assert_eq!(a.get_long(), spec.long);
            assert_eq!(a.get_short(), spec.short.first().map(|&c| c as char));
            assert_eq!(
                a.get_help_heading() == Some(OWN_HEADING),
                !spec.is_du,
                "{:?}",
                spec.opt
            );
        }
        assert_eq!(HELP_ORDER.len(), OPTIONS.len());
        let order = |o: Opt| arg(o).1.get_display_order();
        assert!(order(Opt::Null) < order(Opt::All));
        assert!(order(Opt::Version) < order(Opt::Threads));
        assert!(order(Opt::Threads) < order(Opt::Json));
    }
}
