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
use crate::gnu::progname::Program;

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

/// The lines for standard error, gathered while parsing, and the program's name they use.
#[derive(Debug)]
pub(crate) struct Diagnostics {
    text: Vec<u8>,
    program: Program,
}

impl Diagnostics {
    /// No lines yet, for the program `program`.
    pub(crate) fn new(program: &Program) -> Diagnostics {
        Diagnostics {
            text: Vec::new(),
            program: program.clone(),
        }
    }

    /// `NAME: MSG` on a line, as du's `error()` writes it (MSG already in the locale's words).
    pub(crate) fn complain(&mut self, msg: &[u8]) {
        self.text.extend_from_slice(self.program.name());
        self.text.extend_from_slice(b": ");
        self.text.extend_from_slice(msg);
        self.text.push(b'\n');
    }

    /// Text as it is (already ending in a newline).
    pub(crate) fn push(&mut self, text: &[u8]) {
        self.text.extend_from_slice(text);
    }

    /// The program as invoked, whose argv[0] getopt's complaints begin with.
    pub(crate) fn program(&self) -> &Program {
        &self.program
    }

    /// Ends a usage error as du's usage(EXIT_FAILURE) does, with the line pointing at --help.
    pub(crate) fn try_help(&mut self) -> Refused {
        let line = help::try_help(&self.program);
        self.push(&line);
        Refused
    }

    /// The diagnostics, then `action`.
    pub(crate) fn with(self, action: Result<Action, Refused>) -> Parsed {
        Parsed {
            diagnostics: self.text,
            action,
        }
    }
}
