//! The `dug` binary: parse the command line, install the cancel sources, run the walk, map the
//! outcome to du's exit status.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use dug::cancel::Cancel;
use dug::cli::help;
use dug::cli::{self, Action, Process};
use dug::config::Progress;
use dug::error::PROGRAM;
use dug::sys::die_of_sigpipe;

fn main() -> ExitCode {
    // du's first call: glibc's fnmatch (--exclude) and strftime (--time) follow the locale of
    // the environment, as du's do.
    // SAFETY: no other thread exists yet (signal watcher and workers start below).
    unsafe { dug::sys::use_environment_locale() };
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let parsed = cli::parse(&args, &Process);
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(&parsed.diagnostics);
    let mut config = match parsed.action {
        Err(cli::Refused) => return ExitCode::FAILURE,
        Ok(Action::Help) => return print(&help::help_text()),
        Ok(Action::Version) => return print(&help::version_text()),
        Ok(Action::Run(config)) => config,
    };
    if config.progress != Progress::Off && io::stderr().is_terminal() {
        let shares_terminal = io::stdout().is_terminal();
        config.progress = Progress::Redraw { shares_terminal };
        // The bar's width when the terminal does not give its own.
        config.columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    }
    // A second Ctrl-C ends dug at once, with the shell's status for SIGINT. Cancelling is a
    // convenience: a run that cannot have it still measures (a warning says what is missing).
    let cancel = Cancel::new();
    if let Err(e) = cancel.install() {
        say(&mut stderr, &format!("warning: cannot catch signals: {e}"));
    }
    // Standard input that held --files0-from=- or -X - data is not a keyboard to watch.
    let keys = match config.stdin_is_data {
        true => None,
        false => cancel.watch_keys().unwrap_or_else(|e| {
            say(
                &mut stderr,
                &format!("warning: cannot watch the terminal for a key: {e}"),
            );
            None
        }),
    };
    let result = dug::run(&config, cancel.flag(), io::stdout().lock(), &mut stderr);
    drop(keys); // the terminal is restored before dug ends, whichever way it ends
    match result {
        Ok(o) if o.interrupted => ExitCode::from(cancel.cause().map_or(130, |c| c.exit_status())),
        // coreutils' close_stdout at exit: the reason was lost with the earlier failure.
        Ok(o) if o.write_failed => fail(&mut stderr, "write error"),
        Ok(o) if o.had_errors => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::from(die_of_sigpipe()),
        Err(e) => fail(&mut stderr, &e.to_string()),
    }
}

fn say(stderr: &mut impl Write, msg: &str) {
    let _ = writeln!(stderr, "{PROGRAM}: {msg}");
}

fn fail(stderr: &mut impl Write, msg: &str) -> ExitCode {
    say(stderr, msg);
    ExitCode::FAILURE
}

fn print(text: &str) -> ExitCode {
    match io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(die_of_sigpipe()),
        Err(_) => ExitCode::FAILURE,
    }
}
