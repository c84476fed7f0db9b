//! The program's name in every message is argv[0] as invoked, as GNU's `program_name`: du and
//! dug run under the same argv[0] (a symlink's full path, a name found on PATH, a libtool
//! wrapper's `.libs/lt-` path) and print the same bytes; dug run as itself says `dug:`.

use std::ffi::OsStr;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::common::oracle::require_du;
use crate::common::privilege::Staged;
use crate::common::process::{Opts, Run, dug, run_with};
use crate::common::report::difference_report;
use crate::common::tree::Tree;
use crate::locales::Locales;

/// What each name is tried with: getopt's complaints (argv[0]), error()'s lines and the
/// `Try '… --help'` line (program_name), and a walk error.
const CASES: &[&[&str]] = &[
    &["/nonexistent"],
    &["--bogus"],
    &["--ti"],
    &["-q"],
    &["-d", "x"],
    &["--time=x"],
    &["-s", "-d", "1"],
];

/// GNU du, as PATH finds it.
fn du_binary() -> PathBuf {
    require_du();
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("du"))
        .find(|du| du.is_file())
        .expect("du on PATH")
}

/// Runs `program` (a path) with `args` and `opts` and returns the run.
fn run(program: &Path, args: &[&str], opts: &Opts) -> Run {
    run_with(program.as_os_str(), args, Path::new("/"), opts)
}

/// Fails unless `a` and `b` are the same bytes; `what` says what ran.
fn assert_runs_equal(what: &str, args: &[&str], opts: &Opts, du: &Run, dug: &Run) {
    assert!(
        du == dug,
        "{what}: {}",
        difference_report(args, Path::new("/"), opts, du, dug)
    );
}

/// The first two lines of `--help` (the usage lines, which name the program).
fn usage_lines(run: &Run) -> Vec<u8> {
    let text = &run.stdout;
    let second = text
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(1)
        .map_or(text.len(), |(i, _)| i + 1);
    text[..second].to_vec()
}

/// `link` made a symlink to du, then to dug, each run on every case in each locale: the
/// outputs must be the same bytes (and --help's usage lines too).
fn compare_through(link: &Path, opts: &[Opts]) {
    let mut runs = Vec::new();
    for target in [du_binary().as_path(), dug()] {
        let _ = std::fs::remove_file(link);
        symlink(target, link).unwrap_or_else(|e| panic!("ln -s {target:?} {link:?}: {e}"));
        let mut these = Vec::new();
        for o in opts {
            for args in CASES {
                these.push(run(link, args, o));
            }
            let help = run(link, &["--help"], o);
            these.push(Run {
                stdout: usage_lines(&help),
                ..help
            });
        }
        runs.push(these);
    }
    let cases = opts.iter().flat_map(|o| {
        CASES
            .iter()
            .copied()
            .chain([&["--help"][..]])
            .map(move |a| (o, a))
    });
    for ((o, args), (du, dug)) in cases.zip(runs[0].iter().zip(&runs[1])) {
        assert_runs_equal(&link.display().to_string(), args, o, du, dug);
    }
}

#[test]
fn a_symlink_s_full_path_names_the_program() {
    let locales = Locales::build();
    let t = Tree::new();
    t.dir("bin");
    let opts = [Opts::default(), locales.opts("fr_FR.UTF-8")];
    compare_through(&t.join("bin/mydu"), &opts);
    // gnulib drops a libtool wrapper's directory and `lt-` prefix from program_name, while
    // getopt keeps argv[0] whole.
    t.dir("bin/.libs");
    compare_through(&t.join("bin/.libs/lt-du"), &opts);
    let wrapped = run(&t.join("bin/.libs/lt-du"), &["--ti", "-d", "x"], &opts[0]);
    let stderr = String::from_utf8_lossy(&wrapped.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}: option '--ti'",
            t.join("bin/.libs/lt-du").display()
        )) && stderr.contains("\ndu: invalid maximum depth 'x'\nTry 'du --help'"),
        "{stderr}"
    );
}

/// Installed under a name on PATH, as `du` or any other: argv[0] is the bare name.
#[test]
fn a_name_found_on_path_names_the_program() {
    let du = du_binary();
    for name in ["du", "mydu", "dug"] {
        let ours = Staged::named(dug().as_os_str(), name);
        let theirs = Staged::named(du.as_os_str(), name);
        let on_path = |staged: &Staged| {
            let path = staged.search_path().expect("a staging directory");
            Opts::default().with_env("PATH", path)
        };
        for args in CASES {
            let du_run = run_with(
                theirs.path.as_os_str(),
                args,
                Path::new("/"),
                &on_path(&theirs),
            );
            let dug_run = run_with(ours.path.as_os_str(), args, Path::new("/"), &on_path(&ours));
            assert_runs_equal(name, args, &on_path(&ours), &du_run, &dug_run);
        }
        let dug_run = run_with(
            ours.path.as_os_str(),
            &["x"],
            Path::new("/"),
            &on_path(&ours),
        );
        assert_eq!(
            String::from_utf8_lossy(&dug_run.stderr),
            format!("{name}: cannot access 'x': No such file or directory\n")
        );
    }
}

/// dug by its own path says so; as installed (`dug`, as the harness runs it) it says `dug:`.
#[test]
fn dug_itself_says_dug() {
    let exact = |argv0: &OsStr| {
        let mut cmd = std::process::Command::new(dug());
        std::os::unix::process::CommandExt::arg0(&mut cmd, argv0);
        let out = cmd
            .args(["-d", "x", "/nonexistent"])
            .env("LC_ALL", "C")
            .output()
            .expect("run dug");
        String::from_utf8(out.stderr).expect("UTF-8")
    };
    let full = dug().as_os_str();
    let shown = full.to_string_lossy();
    assert_eq!(
        exact(full),
        format!("{shown}: invalid maximum depth 'x'\nTry '{shown} --help' for more information.\n")
    );
    let installed = run(dug(), &["/nonexistent"], &Opts::default());
    assert_eq!(
        String::from_utf8_lossy(&installed.stderr),
        "dug: cannot access '/nonexistent': No such file or directory\n"
    );
    let help = run(dug(), &["--help"], &Opts::default());
    assert!(
        help.stdout
            .starts_with(b"Usage: dug [OPTION]... [FILE]...\n  or:  dug [OPTION]")
    );
}
