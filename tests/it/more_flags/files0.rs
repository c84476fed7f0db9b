//! --files0-from: lists of operands with empty, duplicate, missing and hostile names, its
//! errors, and lists read from standard input (after -X - has taken it).

use std::ffi::OsString;
use std::fs;

use crate::common::oracle::{cases, compare, os_args};
use crate::common::process::{Opts, show_args};
use crate::common::tree::Tree;
use crate::common::trees::mixed_tree;

/// A tree with lists of operands, NUL-separated.
fn files0_tree() -> Tree {
    let t = mixed_tree();
    t.dir("lists");
    let write = |name: &str, data: &[u8]| {
        fs::write(t.join("lists").join(name), data).expect("write a list");
    };
    write("good", b"sz\0ln/a\0top_file\0");
    write(
        "mixed",
        b"sz/nest\0\0ln\0nope\0\0ln/a\0sz/nest\0ln//\0top_file",
    );
    write("dupes", b"ln\0ln\0ln/a\0ln/b/\0");
    write("empty", b"");
    write("nul", b"\0");
    write("dash", b"ln/a\0-\0ln/b\0");
    write("with:colon", b"\0");
    write("new\nline", b"\0ln/a\0\0");
    write(
        "names",
        b"nm/with space\0nm/new\nline\0nm/caf\xc3\xa9\0nm/bad\xff\xfebytes\0",
    );
    t
}

#[test]
fn files0_from_lists() {
    let t = files0_tree();
    let list = |l: &str| format!("--files0-from=lists/{l}");
    let lists = [
        "good",
        "mixed",
        "dupes",
        "empty",
        "nul",
        "dash",
        "with:colon",
        "new\nline",
        "names",
    ];
    let mut failures = Vec::new();
    for l in lists {
        for flags in [
            &[][..],
            &["-c"],
            &["-s", "-c"],
            &["-a"],
            &["-L", "-s"],
            &["-l", "-c"],
            &["--inodes", "-c"],
            &["-0"],
            &["-h", "-d", "1"],
            &["--exclude=a", "-a"],
        ] {
            let mut args = os_args(flags);
            args.push(OsString::from(list(l)));
            if let Err(report) = compare(&args, t.path(), &Opts::default()) {
                failures.push(format!("{}\n{report}", show_args(&args)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn files0_from_errors() {
    let t = files0_tree();
    cases(
        t.path(),
        &[
            &["--files0-from=lists/missing"],
            &["--files0-from=lists"],
            &["-c", "--files0-from=lists"],
            &["--files0-from=lists/good", "sz"],
            &["--files0-from=lists/good", "--", "-x"],
            &["--files0-from=lists/missing", "sz", "ln"],
            &["--files0-from="],
            &["--files0-from"],
            &["--files0-from=lists/nope", "--files0-from=lists/good"],
            &["--files0-from=lists/good", "--files0-from=lists/nope"],
            &["--files0-from=lists/missing", "--time=x"],
            &["--files0-from=lists/missing", "--time", "--time-style=x"],
            &["--files0-from=lists/dash"],
        ],
        &Opts::default(),
    );
    cases(
        t.path(),
        &[
            &["--files0-from=lists/with:colon"],
            &["--files0-from=lists/missing"],
        ],
        &Opts::utf8(),
    );
}

#[test]
fn files0_from_standard_input() {
    let t = files0_tree();
    for data in [
        &b"sz\0ln\0"[..],
        b"ln/a\0-\0ln/b\0\0",
        b"",
        b"-",
        b"\0\0\0",
        b"ln\0ln/a",
    ] {
        let opts = Opts::default().with_stdin(data);
        cases(
            t.path(),
            &[
                &["--files0-from=-"],
                &["-c", "-s", "--files0-from=-"],
                &["-a", "--files0-from", "-"],
            ],
            &opts,
        );
    }
    // -X - takes standard input first; --files0-from=- then reads nothing.
    let opts = Opts::default().with_stdin(b"s1*\nl2\n");
    cases(
        t.path(),
        &[
            &["-a", "-X", "-", "--files0-from=-"],
            &["-c", "-X", "-", "--files0-from=-"],
        ],
        &opts,
    );
}
