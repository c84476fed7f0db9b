//! dug's command line as a clap `Command`, built from the option table `dug::cli::OPTIONS`:
//! the description the man page and the shell completions are rendered from. dug itself
//! parses with glibc's rules and never builds it, which is why clap is only a dev-dependency.

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command, ValueHint};

use dug::cli::{Hint, OPTIONS, Spec, Takes, Value};
use dug::error::PROGRAM;

/// The heading dug's own options are listed under, apart from du's.
pub const OWN_HEADING: &str = "dug's own options";

/// What the man page's DESCRIPTION says (clap_mangen starts a paragraph at each blank line).
const DESCRIPTION: &str = "\
Summarize device usage of the set of FILEs, recursively for directories.

dug is GNU du 9.1 with the directories read on many threads: for du's options it prints the \
same records in the same order, the same messages and the same exit status, byte for byte. \
Its own options add progress on standard error (-v), a choice of thread count (-j), JSON \
Lines for scripts (--json) and an export of the whole tree for ncdu (--ncdu-export).";

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

/// The clap id of an option: its long name, or its letter for -k and -m.
pub fn arg_id(spec: &Spec) -> &'static str {
    let short: &'static [u8] = spec.short;
    match spec.long {
        Some(long) => long,
        None => std::str::from_utf8(&short[..1]).expect("a short option is an ASCII letter"),
    }
}

fn option(spec: &Spec) -> Arg {
    let mut arg = Arg::new(arg_id(spec))
        .help(spec.summary)
        .display_order(usize::from(spec.place()));
    if let Some(text) = spec.man {
        arg = arg.long_help(text);
    }
    if let Some(long) = spec.long {
        arg = arg.long(long);
    }
    if let Some((&first, rest)) = spec.short.split_first() {
        arg = arg.short(char::from(first));
        for &c in rest {
            arg = arg.short_alias(char::from(c));
        }
    }
    if !spec.is_du {
        arg = arg.help_heading(OWN_HEADING);
    }
    match spec.takes {
        Takes::Nothing => arg.action(ArgAction::SetTrue),
        Takes::Value(value) => with_value(arg.num_args(1), value),
        Takes::OptionalValue(value) => with_value(arg.num_args(0..=1).require_equals(true), value),
    }
}

fn with_value(arg: Arg, value: Value) -> Arg {
    let arg = arg.value_name(value.name);
    match value.hint {
        Hint::Anything => arg,
        Hint::File => arg.value_hint(ValueHint::FilePath),
        Hint::Words(words) => arg.value_parser(
            words
                .iter()
                .map(|w| PossibleValue::new(w.word).help(w.help))
                .collect::<Vec<_>>(),
        ),
    }
}

#[test]
fn knows_every_option_in_help_order() {
    let cmd = command();
    cmd.clone().debug_assert();
    let arg = |spec: &Spec| {
        let id = arg_id(spec);
        cmd.get_arguments()
            .find(|a| a.get_id() == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    for spec in OPTIONS {
        let a = arg(spec);
        assert_eq!(a.get_long(), spec.long);
        assert_eq!(a.get_short(), spec.short.first().map(|&c| c as char));
        assert_eq!(
            a.get_help_heading() == Some(OWN_HEADING),
            !spec.is_du,
            "{spec:?}"
        );
    }
    let order = |long: &str| {
        let spec = OPTIONS.iter().find(|s| s.long == Some(long));
        arg(spec.expect("in OPTIONS")).get_display_order()
    };
    assert!(order("null") < order("all"));
    assert!(order("version") < order("threads"));
    assert!(order("threads") < order("json"));
}
