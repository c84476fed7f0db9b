//! Usage errors of the core options, in the C and C.UTF-8 locales, and permission errors: du
//! and dug run as nobody (root reads everything) on trees with unreadable and unsearchable
//! directories and files, hostile names among them.

use std::path::Path;

use crate::common::oracle::{assert_same_as_nobody, assert_same_with, compare, du, table};
use crate::common::process::{Opts, show_args};
use crate::common::trees::{hostile_perms_tree, perms_tree, sizes_tree};

#[test]
fn usage_errors() {
    let t = sizes_tree();
    let cases: &[&[&str]] = &[
        &["-q"],
        &["-qz", "."],
        &["--bogus"],
        &["--bogus", "."],
        &["-d"],
        &["-d", "x"],
        &["-d", "-1"],
        &["--max-depth=-1"],
        &["--max-depth"],
        &["-d", "99999999999999999999"],
        &["-s", "-d", "1"],
        &["-s", "--max-depth=0"],
        &["-a", "-s"],
        &["-as", "t"],
        &["--s"],
        &["--apparent-size=yes"],
        &["-B", "0"],
        &["-B", "x"],
        &["-B", ""],
        &["--block-size="],
        &["-B", "99999999999999999999"],
        &["-t"],
        &["nonexistent"],
        &["-s", "nonexistent"],
    ];
    let mut failures = Vec::new();
    for args in cases {
        if let Err(report) = compare(args, t.path(), &Opts::default()) {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} usage cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn usage_errors_in_utf8_locale() {
    let t = sizes_tree();
    for args in [&["-d", "x"][..], &["-q"], &["--bogus"], &["-B", "x"]] {
        assert_same_with(args, t.path(), &Opts::utf8());
    }
}

// Permissions, run as nobody (root reads everything).

/// Guards the permission tests against a setup that silently runs as root: du itself must be
/// denied something.
fn assert_du_is_denied(args: &[&str], cwd: &Path) {
    let du = du(args, cwd, true);
    assert!(
        du.stderr
            .windows(b"Permission denied".len())
            .any(|w| w == b"Permission denied"),
        "du {} as nobody was denied nothing; stderr:\n{}",
        show_args(args),
        String::from_utf8_lossy(&du.stderr)
    );
}

#[test]
fn unreadable_dir_as_nobody() {
    let t = perms_tree();
    assert_du_is_denied(&["unreadable"], t.path());
    assert_same_as_nobody(&["unreadable"], t.path());
    assert_same_as_nobody(&["-a", "unreadable"], t.path());
    assert_same_as_nobody(&["-s", "unreadable"], t.path());
    assert_same_as_nobody(&["-s", "-c", "unreadable", "ok"], t.path());
}

#[test]
fn unsearchable_dir_as_nobody() {
    let t = perms_tree();
    assert_du_is_denied(&["unsearchable"], t.path());
    assert_same_as_nobody(&["unsearchable"], t.path());
    assert_same_as_nobody(&["-a", "unsearchable"], t.path());
    assert_same_as_nobody(&["-s", "unsearchable"], t.path());
    assert_same_as_nobody(&["unsearchable/f1"], t.path());
}

#[test]
fn whole_perms_tree_as_nobody() {
    let t = perms_tree();
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-s"],
        &["-c", "-h"],
        &["-a", "-L"],
        &["-d", "1"],
        &["-a", "--apparent-size", "-b"],
    ];
    table(t.path(), flags, &["."], &Opts::nobody());
    table(
        t.path(),
        &[&["-a"]],
        &["."],
        &Opts {
            locale: "C.UTF-8",
            ..Opts::nobody()
        },
    );
}

#[test]
fn unreadable_file_and_fifo_as_nobody() {
    let t = perms_tree();
    assert_same_as_nobody(&["-a", "noread_file", "pipe"], t.path());
    assert_same_as_nobody(&["-a", "outer"], t.path());
}

#[test]
fn hostile_names_in_permission_errors_as_nobody() {
    let t = hostile_perms_tree();
    assert_du_is_denied(&["."], t.path());
    assert_same_as_nobody(&["-a", "."], t.path());
    assert_same_with(
        &["-a", "."],
        t.path(),
        &Opts {
            locale: "C.UTF-8",
            ..Opts::nobody()
        },
    );
}
