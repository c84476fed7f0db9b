//! The `dug` binary: parse the command line, run the walk, map the outcome to du's exit status.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use dug::cli::{self, Action};
use dug::error::PROGRAM;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let parsed = cli::parse(&args, &|name| std::env::var_os(name));
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(&parsed.diagnostics);
    let config = match parsed.action {
        Err(()) => return ExitCode::FAILURE,
        Ok(Action::Help) => return print(&cli::help_text()),
        Ok(Action::Version) => return print(&cli::version_text()),
        Ok(Action::Run(config)) => config,
    };
    let done = AtomicBool::new(false);
    let stdout = io::stdout().lock();
    match dug::run(&config, &done, stdout, &mut stderr) {
        Ok(outcome) if outcome.interrupted => ExitCode::from(130),
        Ok(outcome) if outcome.had_errors => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => die_of_sigpipe(),
        Err(e) => {
            let _ = writeln!(stderr, "{PROGRAM}: {e}");
            ExitCode::FAILURE
        }
    }
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
