//! The command line, the first stage: it owns everything about argv and the environment, so
//! that no later stage sees either. It hands on an `Action` (walk with a `Config`, print the
//! help, print the version) or a refusal, and the diagnostics for standard error that come
//! before it, in du's words and order.
//!
//! One table (`table`) describes every option, in rows of `spec`'s shape. `getopt` walks
//! argv by glibc getopt_long's rules over it, `validate` checks each option's argument and
//! the whole command line into a `Config` (reading -X and --files0-from files through `files`
//! as it goes, as du does), and `help` writes `--help` from it. The man page and the shell
//! completions are rendered from the same table by the tests (clap is a dev-dependency):
//! parsing does not use clap because its abbreviation rules, argument permutation and error
//! texts differ from glibc's, and dug must accept and refuse exactly as du does.

mod files;
mod getopt;
pub mod help;
mod spec;
mod table;
#[cfg(test)]
mod tests;
mod validate;

pub use files::{Host, Process};
pub use spec::{HelpEntry, Hint, Spec, Takes, Value, Word};
pub use table::OPTIONS;
pub use validate::parse;

use crate::config::Config;
use crate::error::PROGRAM;

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

/// The lines for standard error, gathered while parsing.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics(Vec<u8>);

impl Diagnostics {
    /// `dug: MSG` on a line.
    pub(crate) fn complain(&mut self, msg: &[u8]) {
        self.0.extend_from_slice(PROGRAM.as_bytes());
        self.0.extend_from_slice(b": ");
        self.0.extend_from_slice(msg);
        self.0.push(b'\n');
    }

    /// Text as it is (already ending in a newline).
    pub(crate) fn push(&mut self, text: &[u8]) {
        self.0.extend_from_slice(text);
    }

    /// Ends a usage error as du's usage(EXIT_FAILURE) does, with the line pointing at --help.
    pub(crate) fn try_help(&mut self) -> Refused {
        self.push(help::try_help().as_bytes());
        Refused
    }

    /// The diagnostics, then `action`.
    pub(crate) fn with(self, action: Result<Action, Refused>) -> Parsed {
        Parsed {
            diagnostics: self.0,
            action,
        }
    }
}
