//! GNU du 9.1 as the oracle: running du and dug side by side with the same arguments in the same
//! directory, and failing with a report of every difference in stdout, stderr or exit status.
//! dug runs under du's name (argv[0] `du`, as when it is installed as du), since both name
//! themselves by argv[0]: the two outputs compare byte for byte, nothing renamed.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::process::{Opts, Run, dug, run_with, show_args};
use super::report::difference_report;

/// The reference, found on PATH.
pub const DU: &str = "du";

/// What `du --version` must say on its first line: every differential test compares with GNU
/// du 9.1, and other versions print other bytes (messages, quoting, option errors).
const DU_VERSION_LINE: &str = "du (GNU coreutils) 9.1";

/// Fails the test unless `du` on PATH is GNU du 9.1, the reference every differential test
/// compares with (`.ci/run` installs coreutils when du is missing). No test passes without it.
pub fn require_du() {
    static CHECKED: OnceLock<Result<(), String>> = OnceLock::new();
    if let Err(why) = CHECKED.get_or_init(|| check_du(OsStr::new(DU))) {
        panic!("{why}");
    }
}

/// Whether `program --version` says it is GNU du 9.1; `Err` says what is wrong and what to do.
pub fn check_du(program: &OsStr) -> Result<(), String> {
    let shown = program.to_string_lossy();
    let version = || {
        Command::new(program)
            .arg("--version")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
    };
    let mut out = version();
    // A script just written is "busy" while a child another test thread forked meanwhile
    // still holds it open for writing (until that child execs).
    for _ in 0..100 {
        match &out {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => out = version(),
            _ => break,
        }
    }
    let out = out.map_err(|e| {
        format!(
            "cannot run `{shown} --version` ({e}): install GNU coreutils 9.1, whose du \
             these tests compare with (.ci/run installs coreutils when du is missing)"
        )
    })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().next().unwrap_or_default();
    if out.status.success() && line == DU_VERSION_LINE {
        return Ok(());
    }
    let failed = if out.status.success() {
        String::new()
    } else {
        format!(" and fails ({})", out.status)
    };
    Err(format!(
        "`{shown} --version` says {line:?}{failed}, not {DU_VERSION_LINE:?}: the differential \
         tests compare with GNU du 9.1 byte for byte and fail against any other version; put \
         coreutils 9.1's du first on PATH"
    ))
}

/// Runs the reference du, after checking it is GNU du 9.1.
pub fn run_du<S: AsRef<OsStr>>(args: &[S], cwd: &Path, opts: &Opts) -> Run {
    require_du();
    run_with(OsStr::new(DU), args, cwd, opts)
}

/// `run_du` with the default options, as nobody when `as_nobody`.
pub fn du<S: AsRef<OsStr>>(args: &[S], cwd: &Path, as_nobody: bool) -> Run {
    let opts = Opts {
        as_nobody,
        ..Opts::default()
    };
    run_du(args, cwd, &opts)
}

/// `opts` for dug's side of a comparison: dug invoked as `du`, as du is.
pub fn as_du(opts: &Opts) -> Opts {
    opts.clone().named(DU)
}

/// Runs dug invoked as `du` (argv[0] `du`), as every comparison with du does.
pub fn run_dug_as_du<S: AsRef<OsStr>>(args: &[S], cwd: &Path, opts: &Opts) -> Run {
    run_with(dug().as_os_str(), args, cwd, &as_du(opts))
}

/// Runs du and dug with the same arguments in the same directory and fails the test, showing
/// both sides, unless stdout, stderr and exit status are identical.
pub fn assert_same<S: AsRef<OsStr>>(args: &[S], cwd: &Path) {
    assert_same_with(args, cwd, &Opts::default());
}

/// `assert_same`, both programs run as nobody.
pub fn assert_same_as_nobody<S: AsRef<OsStr>>(args: &[S], cwd: &Path) {
    assert_same_with(args, cwd, &Opts::nobody());
}

/// `assert_same` with explicit options.
pub fn assert_same_with<S: AsRef<OsStr>>(args: &[S], cwd: &Path, opts: &Opts) {
    if let Err(report) = compare(args, cwd, opts) {
        panic!("{report}");
    }
}

/// Runs du and dug alike; `Err` holds a report of every difference.
pub fn compare<S: AsRef<OsStr>>(args: &[S], cwd: &Path, opts: &Opts) -> Result<(), String> {
    compare_threads(None, args, cwd, opts)
}

/// `compare`, with dug given `-j THREADS` first when `threads` is set (du has no -j).
pub fn compare_threads<S: AsRef<OsStr>>(
    threads: Option<usize>,
    args: &[S],
    cwd: &Path,
    opts: &Opts,
) -> Result<(), String> {
    let du = run_du(args, cwd, opts);
    let mut dug_args: Vec<OsString> = match threads {
        Some(n) => vec!["-j".into(), n.to_string().into()],
        None => Vec::new(),
    };
    dug_args.extend(args.iter().map(|a| a.as_ref().to_os_string()));
    let dug = run_dug_as_du(&dug_args, cwd, opts);
    if du == dug {
        return Ok(());
    }
    Err(difference_report(&dug_args, cwd, opts, &du, &dug))
}

/// `assert_same_with`, dug run with `-j threads`.
pub fn assert_same_threads<S: AsRef<OsStr>>(threads: usize, args: &[S], cwd: &Path, opts: &Opts) {
    if let Err(report) = compare_threads(Some(threads), args, cwd, opts) {
        panic!("{report}");
    }
}

/// Runs every flag list in `flags` followed by `operands` in `cwd`, and fails listing every
/// combination that differs (the first few with their full reports).
pub fn table(cwd: &Path, flags: &[&[&str]], operands: &[&str], opts: &Opts) {
    const FULL_REPORTS: usize = 4;
    let mut failures = Vec::new();
    for f in flags {
        let mut args = os_args(f);
        args.extend(os_args(operands));
        if let Err(report) = compare(&args, cwd, opts) {
            failures.push((show_args(&args), report));
        }
    }
    if failures.is_empty() {
        return;
    }
    let mut msg = format!(
        "{} of {} combinations differ:\n",
        failures.len(),
        flags.len()
    );
    for (args, _) in &failures {
        msg.push_str(&format!("  du/dug {args}\n"));
    }
    for (_, report) in failures.iter().take(FULL_REPORTS) {
        msg.push('\n');
        msg.push_str(report);
    }
    panic!("{msg}");
}

/// Runs each argument list as it is (operands included) and fails listing every one that
/// differs.
pub fn cases(cwd: &Path, cases: &[&[&str]], opts: &Opts) {
    let mut failures = Vec::new();
    for args in cases {
        if let Err(report) = compare(&os_args(args), cwd, opts) {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Arguments from string slices, for tables.
pub fn os_args(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}
