//! POSIXLY_CORRECT ending the options at the first operand, the usage errors of every option
//! in both locales, --help and --version (which win wherever they come), and the new options
//! over hostile names.

use crate::common::oracle::{self, assert_same, assert_same_with, cases, run_dug_as_du, table};
use crate::common::process::{self, Opts, run};
use crate::common::trees::{mixed_tree, names_tree, sizes_tree};

#[test]
fn posixly_correct_stops_options_at_the_first_operand() {
    let t = mixed_tree();
    let opts = Opts::default().with_env("POSIXLY_CORRECT", "1");
    cases(
        t.path(),
        &[
            &["sz", "-a"],
            &["-s", "sz", "-c", "ln"],
            &["-a", "--", "sz"],
            &["--files0-from=nope", "sz", "-c"],
            &["sz", "--bogus"],
            &["-t", "4K", "-a", "sz", "-t", "-1"],
        ],
        &opts,
    );
}

// Usage errors of every kind, and --help / --version.

#[test]
fn usage_errors_of_every_option() {
    let t = sizes_tree();
    let errors: &[&[&str]] = &[
        &["-d", "x"],
        &["-d", "-1"],
        &["-d", ""],
        &["-d", "1.5"],
        &["-d", "1k"],
        &["-d", "0x"],
        &["-d", "18446744073709551616"],
        &["-B", "0"],
        &["-B", "-1"],
        &["-B", "1Q"],
        &["--block-size=0K"],
        &["-t", "-0"],
        &["-t", "-00"],
        &["-t", "-0x0"],
        &["--threshold=-0"],
        &["-t", "abc"],
        &["-t", "1X"],
        &["-t", "1g"],
        &["-t", "1B"],
        &["-t", ""],
        &["-t", "99999999999999999999"],
        &["-t", "-99999999999999999999"],
        &["--thres=x"],
        &["-s", "-d", "1"],
        &["-s", "--max-depth=2", "-a"],
        &["-a", "-s"],
        &["-s", "-d", "0"],
        &["-s", "-d0", "-d", "1"],
        &["--inodes", "--apparent-size"],
        &["--inodes=1"],
        &["--exclude"],
        &["--t"],
        &["--ti"],
        &["--e=x"],
        &["--ex=x", "t"],
        &["--fi=x"],
        &["--in", "t"],
        &["--d", "t"],
        &["--de", "t"],
        &["--deref", "t"],
        &["-d", "x", "--bogus", "-t", "x"],
        &["-X", "nope", "-d", "x", "-a", "-s"],
    ];
    cases(t.path(), errors, &Opts::default());
    cases(t.path(), &errors[..12], &Opts::utf8());
}

#[test]
fn help_and_version() {
    let t = sizes_tree();
    let dug = run(process::dug(), &["--help"], t.path(), false);
    let du = oracle::du(&["--help"], t.path(), false);
    assert_eq!(dug.status, 0);
    let dug_help = String::from_utf8(dug.stdout).expect("UTF-8");
    let du_help = String::from_utf8(du.stdout).expect("UTF-8");
    // du's text up to its last paragraph, program name aside, in du's layout.
    for line in du_help
        .lines()
        .take_while(|l| !l.starts_with("GNU coreutils online help"))
    {
        let line = line.replace("du [", "dug [");
        assert!(dug_help.contains(&line), "--help lacks du's line {line:?}");
    }
    assert!(dug_help.contains("  -j, --threads=N"));
    let version = run(process::dug(), &["--version"], t.path(), false);
    assert_eq!(version.status, 0);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("dug "));
    // --help and --version win wherever they come, after the errors before them: same
    // stderr and status as du, and dug's own text on stdout.
    for args in [
        &["--bogus", "--help"][..],
        &["-d", "x", "--version"],
        &["-t", "-0", "--help"],
    ] {
        let du = oracle::du(args, t.path(), false);
        let dug = run_dug_as_du(args, t.path(), &Opts::default());
        assert_eq!((du.stderr, du.status), (dug.stderr, dug.status), "{args:?}");
    }
}

#[test]
fn names_tree_with_new_flags() {
    let t = names_tree();
    let flags: &[&[&str]] = &[
        &["-a", "--inodes"],
        &["-a", "-t", "4K"],
        &["-a", "--exclude=*$*"],
        &["-a", "--time", "--time-style=+%s"],
    ];
    table(t.path(), flags, &["."], &Opts::default());
    table(t.path(), flags, &["."], &Opts::utf8());
    assert_same(&["-a", "--exclude=*\\\\*", "."], t.path());
    assert_same_with(&["-a", "--exclude=caf\u{e9}", "."], t.path(), &Opts::utf8());
}
