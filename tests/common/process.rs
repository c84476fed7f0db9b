//! Running a program for a test: the fixed environment it gets, who it runs as, the name it is
//! invoked by, what it reads, and a timeout after which it is killed and the test fails.

use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use rustix::process::{Pid, Signal};

use super::privilege::{self, Staged};

/// The dug binary under test. Run through `command` or `run_with`, it is invoked by the name
/// it has once installed (`dug`, or `Opts::name`), since it names itself by argv[0].
pub fn dug() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_dug"))
}

/// The name dug is installed as, and so names itself by in its messages.
pub const INSTALLED_NAME: &str = "dug";

/// How long one run of du or dug may take before it is killed and the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// What a finished program left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Everything written to standard output.
    pub stdout: Vec<u8>,
    /// Everything written to standard error.
    pub stderr: Vec<u8>,
    /// The exit status; death by signal N is 128 + N, as a shell reports it.
    pub status: i32,
}

impl Run {
    fn from_output(out: Output) -> Run {
        Run {
            stdout: out.stdout,
            stderr: out.stderr,
            status: status_code(out.status),
        }
    }
}

/// An exit status as a shell reports it: the code, or 128 + the signal that killed it.
pub fn status_code(status: std::process::ExitStatus) -> i32 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => 128 + signal,
        (None, None) => panic!("status {status:?} has neither a code nor a signal"),
    }
}

/// How to run a program: as whom, in which locale, for how long at most.
#[derive(Clone, Debug)]
pub struct Opts {
    /// Run as nobody (uid/gid 65534, no supplementary groups) through setpriv.
    pub as_nobody: bool,
    /// LC_ALL and LANG for the run.
    pub locale: &'static str,
    /// Kill the program and fail the test after this long.
    pub timeout: Duration,
    /// A command the program runs under, given the program and its arguments as its own last
    /// arguments (e.g. `unshare -m sh -c SCRIPT sh`).
    pub wrapper: Vec<OsString>,
    /// Environment variables set on top of PATH and the locale (TZ, TIME_STYLE, DU_BLOCK_SIZE…).
    pub env: Vec<(OsString, OsString)>,
    /// What the program reads on standard input (nothing, /dev/null, when None).
    pub stdin: Option<Vec<u8>>,
    /// The name (argv[0]) dug runs under: `dug` when None. The oracle runs it as `du`, so
    /// that its messages are du's byte for byte. Other programs run as they are named.
    pub name: Option<&'static str>,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            as_nobody: false,
            locale: "C",
            timeout: TIMEOUT,
            wrapper: Vec::new(),
            env: Vec::new(),
            stdin: None,
            name: None,
        }
    }
}

impl Opts {
    /// The defaults, run as nobody.
    pub fn nobody() -> Opts {
        Opts {
            as_nobody: true,
            ..Opts::default()
        }
    }

    /// The defaults in the C.UTF-8 locale (du's quoting of names and of `quote()`d arguments
    /// depends on the charset).
    pub fn utf8() -> Opts {
        Opts {
            locale: "C.UTF-8",
            ..Opts::default()
        }
    }

    /// These options with environment variable `name` set to `value`.
    pub fn with_env(mut self, name: &str, value: impl AsRef<OsStr>) -> Opts {
        self.env
            .push((OsString::from(name), value.as_ref().to_os_string()));
        self
    }

    /// These options with `data` on standard input.
    pub fn with_stdin(mut self, data: &[u8]) -> Opts {
        self.stdin = Some(data.to_vec());
        self
    }

    /// These options with dug invoked as `name` (its argv[0]).
    pub fn named(mut self, name: &'static str) -> Opts {
        self.name = Some(name);
        self
    }

    /// The argv[0] dug gets.
    pub fn dug_name(&self) -> &'static str {
        self.name.unwrap_or(INSTALLED_NAME)
    }
}

/// A `Command` for `prog args` in `cwd` with the fixed environment both programs get: PATH kept,
/// the locale set, `opts.env`, and nothing else (so no DU_BLOCK_SIZE, BLOCK_SIZE, BLOCKSIZE,
/// POSIXLY_CORRECT, TIME_STYLE, TZ unless asked for). As nobody it goes through setpriv,
/// unless the tests already run unprivileged, in which case the permission tests bite as they
/// are. Standard input is /dev/null, or a pipe when `opts.stdin` has data for it. dug itself
/// (`dug()`) gets `opts.dug_name()` as argv[0] when it runs directly; through setpriv or a
/// wrapper, which exec it by its path, `run_with` stages it under that name first.
pub fn command<S: AsRef<OsStr>>(prog: &OsStr, args: &[S], cwd: &Path, opts: &Opts) -> Command {
    let mut line: Vec<&OsStr> = opts.wrapper.iter().map(OsString::as_os_str).collect();
    line.push(prog);
    let mut cmd = if opts.as_nobody && privilege::is_root() {
        privilege::as_nobody(&line)
    } else {
        let mut cmd = Command::new(line[0]);
        cmd.args(&line[1..]);
        if line.len() == 1 && Path::new(prog) == dug() {
            cmd.arg0(opts.dug_name());
        }
        cmd
    };
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    cmd.args(args)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", path)
        .env("LC_ALL", opts.locale)
        .env("LANG", opts.locale)
        .envs(opts.env.iter().map(|(k, v)| (k, v)))
        .stdin(if opts.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    cmd
}

/// Runs `prog args` in `cwd` with the default options (C locale, 60 s timeout).
pub fn run<S: AsRef<OsStr>>(
    prog: impl AsRef<OsStr>,
    args: &[S],
    cwd: &Path,
    as_nobody: bool,
) -> Run {
    let opts = Opts {
        as_nobody,
        ..Opts::default()
    };
    run_with(prog.as_ref(), args, cwd, &opts)
}

/// Runs `prog args` in `cwd` with `opts`, collecting both outputs; fails the test if it runs
/// longer than `opts.timeout`.
pub fn run_with<S: AsRef<OsStr>>(prog: &OsStr, args: &[S], cwd: &Path, opts: &Opts) -> Run {
    let is_wrapped = (opts.as_nobody && privilege::is_root()) || !opts.wrapper.is_empty();
    let staged = match Path::new(prog) == dug() && is_wrapped {
        true => Some(Staged::named(prog, opts.dug_name())),
        false => opts.as_nobody.then(|| Staged::new(prog)),
    };
    let prog = staged.as_ref().map_or(prog, |s| s.path.as_os_str());
    let mut opts = opts.clone();
    if let Some(path) = staged.as_ref().and_then(Staged::search_path) {
        opts.env.push(("PATH".into(), path));
    }
    let opts = &opts;
    let what = command_line(prog, args);
    let spawn = || {
        command(prog, args, cwd, opts)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    };
    let mut child = spawn();
    // A staged copy can be "busy" for a moment: a child that another test thread forked while
    // the copy was being written holds the file open for writing until it execs.
    for _ in 0..100 {
        match &child {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                thread::yield_now();
                child = spawn();
            }
            _ => break,
        }
    }
    let mut child = child.unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    if let (Some(data), Some(mut pipe)) = (opts.stdin.clone(), child.stdin.take()) {
        // A writer thread, so a program that reads nothing cannot block the test; a program
        // that exits without reading closes the pipe, which ends the write.
        thread::spawn(move || {
            let _ = pipe.write_all(&data);
        });
    }
    let out = wait_output(child, opts.timeout, &what);
    drop(staged);
    out
}

/// Waits for `child` (stdout and stderr piped) and collects its output; kills it and fails the
/// test after `timeout`.
pub fn wait_output(child: Child, timeout: Duration, what: &str) -> Run {
    match within(child, timeout, what, |child| child.wait_with_output()) {
        Ok(out) => Run::from_output(out),
        Err(e) => panic!("waiting for {what}: {e}"),
    }
}

/// Runs `talk` (which must end by waiting for the child) on another thread; if it has not
/// returned after `timeout`, kills the child and fails the test.
pub fn within<R: Send + 'static>(
    child: Child,
    timeout: Duration,
    what: &str,
    talk: impl FnOnce(Child) -> R + Send + 'static,
) -> R {
    let pid = Pid::from_child(&child);
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(talk(child));
    });
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => {
            // The thread has not reaped the child, so the pid still names it.
            let _ = rustix::process::kill_process(pid, Signal::KILL);
            panic!("{what} did not finish within {timeout:?}: killed it");
        }
    }
}

/// The arguments as a shell would need them, roughly: each in single quotes when it holds
/// anything but plain characters, bytes outside printable ASCII escaped.
pub fn show_args<S: AsRef<OsStr>>(args: &[S]) -> String {
    let show = |arg: &OsStr| {
        let bytes = arg.as_bytes();
        let plain = !bytes.is_empty()
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_=./,:+@%".contains(b));
        if plain {
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            format!("'{}'", bytes.escape_ascii())
        }
    };
    let shown: Vec<String> = args.iter().map(|a| show(a.as_ref())).collect();
    shown.join(" ")
}

/// `prog args` for messages.
pub fn command_line<S: AsRef<OsStr>>(prog: &OsStr, args: &[S]) -> String {
    let name = Path::new(prog)
        .file_name()
        .unwrap_or(prog)
        .to_string_lossy();
    format!("{name} {}", show_args(args))
}
