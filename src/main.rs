//! The `dug` binary: parse the command line, install the cancel sources, run the walk, map the
//! outcome to du's exit status.

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use dug::cancel::Cancel;
use dug::cli::help;
use dug::cli::{self, Action, Process};
use dug::config::Progress;
use dug::gnu::progname::Program;
use dug::sys::die_of_sigpipe;

fn main() -> ExitCode {
    // du's first calls: glibc's fnmatch (--exclude), strftime (--time), the size formats and
    // the message catalogs follow the locale of the environment, as du's do.
    // SAFETY: no other thread exists yet (signal watcher and workers start below).
    let lconv = unsafe { dug::sys::use_environment_locale() };
    dug::sys::use_coreutils_catalog();
    let mut argv = std::env::args_os();
    let Some(program) = argv.next().map(Program::new) else {
        // gnulib's set_program_name (Linux 5.18 and later pass "" instead of no argv[0]).
        let _ = io::stderr().write_all(b"A NULL argv[0] was passed through an exec system call.\n");
        std::process::abort();
    };
    let args: Vec<_> = argv.collect();
    let parsed = cli::parse(&program, &args, &Process::new(lconv));
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(&parsed.diagnostics);
    let mut config = match parsed.action {
        Err(cli::Refused) => return ExitCode::FAILURE,
        Ok(Action::Help) => return print(&help::help_text(&program)),
        Ok(Action::Version) => return print(help::version_text().as_bytes()),
        Ok(Action::Run(config)) => config,
    };
    if config.progress != Progress::Off && io::stderr().is_terminal() {
        let shares_terminal = io::stdout().is_terminal();
        config.progress = Progress::Redraw { shares_terminal };
        // The bar's width when the terminal does not give its own.
        config.columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    }
    let say = |stderr: &mut io::StderrLock, msg: &[u8]| {
        let _ = stderr.write_all(&[program.name(), b": ", msg, b"\n"].concat());
    };
    // A second Ctrl-C ends dug at once, with the shell's status for SIGINT. Cancelling is a
    // convenience: a run that cannot have it still measures (a warning says what is missing).
    let cancel = Cancel::new();
    if let Err(e) = cancel.install() {
        say(
            &mut stderr,
            format!("warning: cannot catch signals: {e}").as_bytes(),
        );
    }
    // Standard input that held --files0-from=- or -X - data is not a keyboard to watch.
    let keys = match config.stdin_is_data {
        true => None,
        false => cancel.watch_keys().unwrap_or_else(|e| {
            let msg = format!("warning: cannot watch the terminal for a key: {e}");
            say(&mut stderr, msg.as_bytes());
            None
        }),
    };
    let keys = RefCell::new(keys);
    // A cancelled run ends as soon as all it prints is out, not when the walk's threads are
    // back: one may sit in a stat over a network file system that only the end of the process
    // cuts short, as it cuts short du's, which dies of the SIGINT.
    let end_now = |_: dug::Outcome| {
        drop(keys.borrow_mut().take()); // the terminal is restored first
        std::process::exit(i32::from(cancelled_status(&cancel)));
    };
    let result = dug::run(
        &config,
        cancel.flag(),
        io::stdout().lock(),
        &mut stderr,
        &end_now,
    );
    drop(keys); // the terminal is restored before dug ends, whichever way it ends
    let failed = |stderr: &mut io::StderrLock, msg: &[u8]| {
        say(stderr, msg);
        ExitCode::FAILURE
    };
    match result {
        Ok(o) if o.interrupted => ExitCode::from(cancelled_status(&cancel)),
        // coreutils' close_stdout at exit: the reason was lost with the earlier failure.
        Ok(o) if o.write_failed => failed(&mut stderr, &dug::error::write_error()),
        Ok(o) if o.had_errors => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::from(die_of_sigpipe()),
        Err(e) => failed(&mut stderr, &e.message()),
    }
}

/// The exit status of a cancelled run: 130 for Ctrl-C or a key, 128+N for signal N.
fn cancelled_status(cancel: &Cancel) -> u8 {
    cancel.cause().map_or(130, |c| c.exit_status())
}

fn print(text: &[u8]) -> ExitCode {
    match io::stdout().write_all(text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(die_of_sigpipe()),
        Err(_) => ExitCode::FAILURE,
    }
}
