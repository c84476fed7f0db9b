//! glibc's getopt_long rules over the option table: permutation (operands and options in any
//! order, unless POSIXLY_CORRECT), clustered short options, `--` ending the options, unique
//! prefixes of du's long options, and glibc's words for what it refuses: its own msgids,
//! translated from glibc's catalog, each starting with argv[0] as it was.

use std::ffi::{CStr, OsStr, OsString};
use std::os::unix::ffi::OsStrExt;

use crate::cli::Diagnostics;
use crate::cli::spec::{Spec, Takes};
use crate::cli::table::OPTIONS;
use crate::gnu::gettext;
use crate::gnu::printf::fill;

/// One step of getopt_long: an option with its argument, a stray operand, or a complaint
/// (already written to the diagnostics).
pub(crate) enum Step {
    /// An option, its argument if it took one, and how it was spelled.
    Opt(&'static Spec, Option<OsString>, Spelling),
    /// An operand.
    Operand(OsString),
    /// A refused option.
    Error,
}

/// How the user named an option, for du's messages ("invalid -B argument" vs "--block-size").
#[derive(Clone, Copy, Debug)]
pub(crate) enum Spelling {
    /// As a letter.
    Short(u8),
    /// By its long name (in full, however it was abbreviated).
    Long(&'static str),
}

impl Spelling {
    /// `-B` or `--block-size`.
    pub(crate) fn text(self) -> String {
        match self {
            Spelling::Short(c) => format!("-{}", c as char),
            Spelling::Long(name) => format!("--{name}"),
        }
    }
}

/// glibc getopt_long over `args` (without the program name).
pub(crate) struct Getopt<'a> {
    args: &'a [OsString],
    index: usize,
    /// Position inside a cluster of short options ("-abc").
    cluster: usize,
    /// With POSIXLY_CORRECT, the first operand ends the options.
    posix: bool,
    only_operands: bool,
}

impl<'a> Getopt<'a> {
    /// Steps through `args`; `posix` is whether POSIXLY_CORRECT is set.
    pub(crate) fn new(args: &'a [OsString], posix: bool) -> Self {
        Getopt {
            args,
            index: 0,
            cluster: 0,
            posix,
            only_operands: false,
        }
    }

    /// The next step, writing glibc's complaint to `diag` when it is an error; `None` at the
    /// end of the arguments.
    pub(crate) fn next(&mut self, diag: &mut Diagnostics) -> Option<Step> {
        if self.cluster > 0 {
            return Some(self.short(diag));
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
            return self.next(diag);
        }
        if bytes[1] == b'-' {
            self.index += 1;
            return Some(self.long(&bytes[2..], diag));
        }
        self.cluster = 1;
        Some(self.short(diag))
    }

    fn long(&mut self, body: &[u8], diag: &mut Diagnostics) -> Step {
        let (name, value) = match body.iter().position(|&b| b == b'=') {
            Some(eq) => (&body[..eq], Some(&body[eq + 1..])),
            None => (body, None),
        };
        let Some(found) = find_long(name, body, diag) else {
            return Step::Error;
        };
        let full = found.long.unwrap_or_default();
        let spelling = Spelling::Long(full);
        match (found.takes, value) {
            (Takes::Nothing, Some(_)) => {
                let format = c"%s: option '%s%s' doesn't allow an argument\n";
                complain(diag, format, &[b"--", full.as_bytes()]);
                Step::Error
            }
            (Takes::Nothing, None) | (Takes::OptionalValue(_), None) => {
                Step::Opt(found, None, spelling)
            }
            (_, Some(v)) => Step::Opt(found, Some(OsStr::from_bytes(v).to_os_string()), spelling),
            (Takes::Value(_), None) => match self.args.get(self.index) {
                Some(v) => {
                    self.index += 1;
                    Step::Opt(found, Some(v.clone()), spelling)
                }
                None => {
                    let format = c"%s: option '%s%s' requires an argument\n";
                    complain(diag, format, &[b"--", full.as_bytes()]);
                    Step::Error
                }
            },
        }
    }

    fn short(&mut self, diag: &mut Diagnostics) -> Step {
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
            complain(diag, c"%s: invalid option -- '%c'\n", &[&[c]]);
            return Step::Error;
        };
        let spelling = Spelling::Short(c);
        if !matches!(found.takes, Takes::Value(_)) {
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
                complain(diag, c"%s: option requires an argument -- '%c'\n", &[&[c]]);
                Step::Error
            }
        }
    }
}

/// The option `--NAME` means: the one spelled so in full, else the one du option it is a
/// prefix of (dug's own must be spelled in full). `body` is the argument after `--`, for the
/// complaint when there is none or more than one.
fn find_long(name: &[u8], body: &[u8], diag: &mut Diagnostics) -> Option<&'static Spec> {
    let with_long = || OPTIONS.iter().filter(|s| s.long.is_some());
    if let Some(exact) = with_long().find(|s| s.long.map(str::as_bytes) == Some(name)) {
        return Some(exact);
    }
    let matches: Vec<&'static Spec> = with_long()
        .filter(|s| s.is_du && s.long.is_some_and(|l| l.as_bytes().starts_with(name)))
        .collect();
    match matches.as_slice() {
        [] => {
            complain(diag, c"%s: unrecognized option '%s%s'\n", &[b"--", body]);
            None
        }
        [one] => Some(one),
        many => {
            // Only the first part is a msgid; glibc prints the choices and the newline as
            // they are.
            let format = c"%s: option '%s%s' is ambiguous; possibilities:";
            let mut msg = getopt_message(diag, format, &[b"--", body]);
            for s in many {
                msg.extend_from_slice(b" '--");
                msg.extend_from_slice(s.long.unwrap_or_default().as_bytes());
                msg.push(b'\'');
            }
            msg.push(b'\n');
            diag.push(&msg);
            None
        }
    }
}

/// glibc getopt's `fprintf (stderr, _(format), argv[0], args...)`.
fn complain(diag: &mut Diagnostics, format: &CStr, args: &[&[u8]]) {
    let msg = getopt_message(diag, format, args);
    diag.push(&msg);
}

/// getopt's `format` from glibc's catalog, filled with argv[0] and `args`.
fn getopt_message(diag: &Diagnostics, format: &CStr, args: &[&[u8]]) -> Vec<u8> {
    let mut all: Vec<&[u8]> = vec![diag.program().argv0()];
    all.extend_from_slice(args);
    fill(&gettext::libc(format), &all)
}
