//! The `dug` binary: parse the command line, install the cancel sources, run the walk, map the
//! outcome to du's exit status.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use dug::cancel::Cancel;
use dug::cli::{self, Action, Host};
use dug::config::Progress;
use dug::error::PROGRAM;
use dug::help;

/// The real environment, files and standard input, for the parser.
struct Process;

impl Host for Process {
    fn var(&self, name: &str) -> Option<OsString> {
        std::env::var_os(name)
    }

    fn open(&self, path: &OsStr) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(File::open(path)?))
    }

    fn stdin(&self) -> Box<dyn Read + '_> {
        Box::new(io::stdin().lock())
    }
}

fn main() -> ExitCode {
    // du's first call: glibc's fnmatch (--exclude) and strftime (--time) follow the locale of
    // the environment, as du's do. setlocale is not thread-safe, so it runs before any thread
    // (signal watcher, workers) starts.
    dug::clib::use_environment_locale();
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let parsed = cli::parse(&args, &Process);
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(&parsed.diagnostics);
    let mut config = match parsed.action {
        Err(()) => return ExitCode::FAILURE,
        Ok(Action::Help) => return print(&help::help_text()),
        Ok(Action::Version) => return print(&help::version_text()),
        Ok(Action::Run(config)) => config,
    };
    if config.progress != Progress::Off && io::stderr().is_terminal() {
        let shares_terminal = io::stdout().is_terminal();
        config.progress = Progress::Redraw { shares_terminal };
    }
    // A second Ctrl-C ends dug at once, with the shell's status for SIGINT. Cancelling is a
    // convenience: a run that cannot have it still measures (a warning says what is missing).
    let cancel = Cancel::new();
    if let Err(e) = cancel.install(|| std::process::exit(130)) {
        warn(&mut stderr, &format!("cannot catch signals: {e}"));
    }
    // Standard input that held --files0-from=- or -X - data is not a keyboard to watch.
    let keys = if config.stdin_is_data {
        None
    } else {
        cancel.watch_keys().unwrap_or_else(|e| {
            warn(
                &mut stderr,
                &format!("cannot watch the terminal for a key: {e}"),
            );
            None
        })
    };
    let result = dug::run(&config, cancel.flag(), io::stdout().lock(), &mut stderr);
    drop(keys); // the terminal is restored before dug ends, whichever way it ends
    match result {
        Ok(outcome) if outcome.interrupted => {
            ExitCode::from(cancel.cause().map_or(130, |c| c.exit_status()))
        }
        // coreutils' close_stdout at exit: the reason was lost with the earlier failure.
        Ok(outcome) if outcome.write_failed => fail(&mut stderr, "write error"),
        Ok(outcome) if outcome.had_errors => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => die_of_sigpipe(),
        Err(e) => fail(&mut stderr, &e.to_string()),
    }
}

fn fail(stderr: &mut impl Write, msg: &str) -> ExitCode {
    let _ = writeln!(stderr, "{PROGRAM}: {msg}");
    ExitCode::FAILURE
}

fn warn(stderr: &mut impl Write, msg: &str) {
    let _ = writeln!(stderr, "{PROGRAM}: warning: {msg}");
}

fn print(text: &str) -> ExitCode {
    match io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => die_of_sigpipe(),
        Err(_) => ExitCode::FAILURE,
    }
}

/// du does not catch SIGPIPE, so a closed stdout pipe kills it; end the same way (the Rust
/// runtime ignores SIGPIPE, which is why the write failed with EPIPE instead).
fn die_of_sigpipe() -> ExitCode {
    use nix::sys::signal::{SigHandler, Signal, raise, signal};
    // SAFETY: restoring the default disposition installs no handler code.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = raise(Signal::SIGPIPE);
    ExitCode::from(128 + 13)
}
