//! --exclude and -X: patterns over the shared trees, fnmatch's corners in each locale and
//! under POSIXLY_CORRECT, patterns that are not UTF-8, excluded operands, exclusion decided per
//! path where listings are shared, unreadable directories never opened, and pattern files.

use std::fs;

use crate::common::oracle::{assert_same_with, cases, du, os_args, table};
use crate::common::process::{Opts, dug, run};
use crate::common::tree::{Tree, bytes_path};
use crate::common::trees::{mixed_tree, perms_tree};

const EXCLUDE_FLAGS: &[&[&str]] = &[
    &["-a", "--exclude=a"],
    &["-a", "--exclude=ln/a"],
    &["-a", "--exclude=./ln/a"],
    &["-a", "--exclude=/a"],
    &["-a", "--exclude=a/"],
    &["--exclude=sizes"],
    &["-a", "--exclude=s[0-9]*"],
    &["-a", "--exclude=s?"],
    &["-a", "--exclude=s??"],
    &["-a", "--exclude=[!s]*"],
    &["-a", "--exclude=*/l3"],
    &["-a", "--exclude=sz/*/l2"],
    &["-c", "--exclude=l3"],
    &["-s", "--exclude=nest"],
    &["-d", "1", "--exclude=sparse"],
    &["-a", "-0", "--exclude=*e*"],
    &["-a", "-h", "--exclude=*1*"],
    &["-a", "--exclude=orig", "--exclude=big"],
    &["-a", "--exclude=orig_same_dir"],
    &["-a", "-l", "--exclude=tri*"],
    &["-a", "-L", "--exclude=loop_*"],
    &["-a", "-L", "--exclude=to_dir"],
    &["-a", "-L", "--exclude=b"],
    &["-a", "--exclude=*space*"],
    &["-a", "--exclude=dir *"],
    &["-a", "--exclude=-*"],
    &["-a", "--exclude=star\\*question\\?"],
    &["-a", "--exclude=*\\?"],
    &["-a", "--exclude=quote'single"],
    &["-a", "--exclude=new\nline"],
    &["-a", "--exclude=*[[:space:]]*"],
    &["-a", "--exclude=*[[:upper:]]*"],
    &["-a", "--exclude=*[[:punct:]]*"],
    &["-a", "--exclude=[[:alpha:]"],
    &["-a", "--exclude=*[a-c]"],
    &["-a", "--exclude=*[]]*"],
    &["-a", "--exclude=caf\u{e9}"],
    &["-a", "--exclude=caf?"],
    &["-a", "--exclude=caf??"],
    &["-a", "--exclude="],
    &["-a", "--exclude=/"],
    &["-a", "--exclude=*/"],
    &["-a", "--exclude=."],
    &["-a", "--exclude=*"],
    &["-a", "--exclude=**"],
    &["-a", "--exclude=\\"],
    &["-a", "--exclude=pipe"],
    &["-c", "--exclude=top_file", "--exclude=ln", "--exclude=nm"],
];

#[test]
fn exclude_patterns_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), EXCLUDE_FLAGS, &["."], &Opts::default());
}

#[test]
fn exclude_patterns_in_utf8_locale() {
    let t = mixed_tree();
    let flags: &[&[&str]] = &[
        &["-a", "--exclude=caf?"],
        &["-a", "--exclude=caf??"],
        &["-a", "--exclude=*[[:alpha:]]"],
        &["-a", "--exclude=bad?"],
        &["-a", "--exclude=bad*bytes"],
        &["-a", "--exclude=*[\u{e0}-\u{ea}]"],
    ];
    table(t.path(), flags, &["."], &Opts::utf8());
}

/// Names for wildcard tests: bracket syntax, classes, ranges, letters beyond ASCII, and
/// names that are not UTF-8 (Latin-1 `é`, a truncated sequence).
fn wildcard_tree() -> Tree {
    let t = Tree::new();
    let names: &[&[u8]] = &[
        b"[",
        b"[:",
        b"a",
        b"[a",
        b":",
        b"x\\y",
        b"-",
        b"b",
        b"]",
        b"^",
        b"Q",
        b"1",
        b"f",
        b"x y",
        b"\x01ctl",
        b"tab\t",
        b"\xc3\xa9",
        b"caf\xc3\xa9",
        b"\xce\xa9",
        b"\xce\xb2",
        b"\xe2\x82\xac",
        b"\xc3\x9f",
        b"bad\xff",
        b"\xe9",
        b"caf\xe9",
        b"\xce",
    ];
    for (i, name) in names.iter().enumerate() {
        let mut path = b"w/".to_vec();
        path.extend_from_slice(name);
        t.file(bytes_path(&path), 100 * (i + 1));
    }
    t
}

/// fnmatch's corners, each checked against du's --exclude: bracket syntax that is and is not
/// a bracket, classes, equivalence classes and collating symbols, ranges, `!` and `^`.
const WILDCARD_PATTERNS: &[&str] = &[
    "[[:alpha:]]",
    "[[:upper:]]",
    "[[:lower:]]",
    "[[:punct:]]",
    "[[:alnum:]]*",
    "[[:digit:]]",
    "[[:space:]]*",
    "*[[:space:]]*",
    "[[:print:]]",
    "[[:graph:]]",
    "[[:cntrl:]]*",
    "[[:xdigit:]]",
    "*[[:blank:]]*",
    "[[:bogus:]]",
    "[[:alpha:]",
    "[a",
    "[[:A]",
    "x[\\]y",
    "[a-",
    "[!]",
    "[]",
    "[\\",
    "[[.a.]-c]",
    "[[=a=]",
    "[[.-.]]",
    "[[=\u{e9}=]]",
    "[[.\u{e9}.]]",
    "[^a]",
    "[!a]",
    "[^[:alpha:]]",
    "[]-^]",
    "[!]-^]",
    "[\u{e0}-\u{ea}]*",
    "[\u{3b1}-\u{3c9}]",
    "[!\u{3b1}-\u{3c9}]",
    "caf[\u{e9}]",
    "caf?",
    "caf??",
    "bad?",
    "bad[^a]",
    "?",
    "??",
    "[[:alpha:]][[:alpha:]]",
    "*\\",
    "\\[*",
];

/// The same patterns in the C and C.UTF-8 locales (the only ones installed), and with
/// POSIXLY_CORRECT, under which `[^...]` is no negation.
#[test]
fn wildcards_as_du_in_each_locale() {
    let t = wildcard_tree();
    let flags: Vec<Vec<String>> = WILDCARD_PATTERNS
        .iter()
        .map(|p| vec!["-a".to_string(), format!("--exclude={p}")])
        .collect();
    let flags: Vec<Vec<&str>> = flags
        .iter()
        .map(|f| f.iter().map(String::as_str).collect())
        .collect();
    let flags: Vec<&[&str]> = flags.iter().map(Vec::as_slice).collect();
    for opts in [
        Opts::default(),
        Opts::utf8(),
        Opts::utf8().with_env("POSIXLY_CORRECT", "1"),
        Opts::default().with_env("POSIXLY_CORRECT", "1"),
    ] {
        table(t.path(), &flags, &["w"], &opts);
    }
}

/// Patterns that are not UTF-8, read with -X from standard input.
#[test]
fn wildcards_that_are_not_utf8() {
    let t = wildcard_tree();
    let patterns: &[&[u8]] = &[
        b"*\xe9",
        b"caf?",
        b"bad\xff",
        b"[\xff]*",
        b"bad[\xff]",
        b"*[\xce]",
        b"\xce?",
        b"[\xe9]",
    ];
    for opts in [Opts::default(), Opts::utf8()] {
        for pattern in patterns {
            let mut data = pattern.to_vec();
            data.push(b'\n');
            assert_same_with(
                &os_args(&["-a", "-X", "-", "w"]),
                t.path(),
                &opts.clone().with_stdin(&data),
            );
        }
    }
}

#[test]
fn excluded_operands() {
    let t = mixed_tree();
    cases(
        t.path(),
        &[
            &["--exclude=ln", "ln", "sz"],
            &["--exclude=ln/", "ln/"],
            &["--exclude=ln", "ln/"],
            &["--exclude=ln", "./ln"],
            &["--exclude=sz", "sz/sizes"],
            &["-c", "--exclude=*", "ln"],
            &["-c", "--exclude=*", "--time", "ln"],
            &["--exclude=nope", "nope"],
            &["--exclude=no*", "nope", "ln/a"],
            &["--exclude=", ""],
            &["-s", "--exclude=a", "ln/a", "ln"],
            &["--exclude=orig", "ln/a/orig", "ln/b/orig_other_dir"],
            &["-L", "--exclude=to_dir", "ln/to_dir"],
            &["-H", "--exclude=to_*", "ln/to_dir", "ln/to_file"],
        ],
        &Opts::default(),
    );
}

/// Under -L or with several operands one listing serves every path to a directory, and du
/// decides exclusion per path: the worker that happened to read a directory first must not
/// decide it. Run often, with several thread counts, since worker order varies.
#[test]
fn exclusion_where_listings_are_shared() {
    let t = Tree::new();
    for i in 0..30 {
        t.file(format!("top/z/inner/f{i}"), 5000);
    }
    t.file("top/z/g", 2)
        .symlink("z", "top/a")
        .symlink("../top/z", "other/link");
    let args: &[&[&str]] = &[
        &["-L", "--exclude=*/z/inner", "top/a", "top/z"],
        &["-L", "--exclude=*/z/inner", "top/z", "top/a"],
        &["--exclude=top/z", "top", "top/z/inner", "top/z"],
        &["-L", "-a", "--exclude=*/a/*", "top", "other"],
        &["-L", "-a", "--exclude=link", "other", "top"],
    ];
    for args in args {
        let du = du(args, t.path(), false);
        for threads in ["1", "2", "4", "64"] {
            for _ in 0..5 {
                let mut with: Vec<&str> = vec!["-j", threads];
                with.extend_from_slice(args);
                let dug = run(dug(), &with, t.path(), false);
                assert_eq!(
                    (&du.stdout, du.status),
                    (&dug.stdout, dug.status),
                    "dug {}",
                    with.join(" ")
                );
            }
        }
    }
}

#[test]
fn posixly_correct_caret_is_not_negation() {
    let t = mixed_tree();
    let opts = Opts::default().with_env("POSIXLY_CORRECT", "1");
    table(
        t.path(),
        &[&["-a", "--exclude=s[^0-9]*"], &["-a", "--exclude=*[^a-z]"]],
        &["sz"],
        &opts,
    );
    table(
        t.path(),
        &[&["-a", "--exclude=s[^0-9]*"], &["-a", "--exclude=*[^a-z]"]],
        &["sz"],
        &Opts::default(),
    );
}

#[test]
fn excluded_unreadable_dirs_are_never_opened() {
    let t = perms_tree();
    let opts = Opts::nobody();
    table(
        t.path(),
        &[
            &["--exclude=unreadable"],
            &["-a", "--exclude=unsearchable"],
            &["-a", "--exclude=*read*"],
            &["--exclude=f1"],
            &["-a", "--exclude=locked", "--exclude=noread_file"],
        ],
        &["."],
        &opts,
    );
}

#[test]
fn exclude_from_files() {
    let t = mixed_tree();
    let lists = t.join("lists");
    fs::create_dir(&lists).expect("mkdir lists");
    fs::write(
        lists.join("pats"),
        "*space*\n  l3\nbig\t \n\n   \n#comment\ns1*",
    )
    .expect("write");
    fs::write(lists.join("crlf"), "l3\r\nbig\r\n").expect("write");
    fs::write(lists.join("empty"), "").expect("write");
    fs::write(lists.join("nul"), b"l2\0ignored\nbig\n").expect("write");
    let cases_: &[&[&str]] = &[
        &["-a", "-X", "lists/pats", "sz", "ln", "nm"],
        &["-a", "--exclude-from=lists/crlf", "sz", "ln"],
        &["-a", "-Xlists/empty", "sz"],
        &["-a", "-X", "lists/nul", "sz", "ln"],
        &["-a", "-X", "lists/pats", "--exclude=orig", "ln"],
        &["-a", "-X", "lists/pats", "-X", "lists/nul", "sz", "ln"],
        &["-X", "lists/missing", "sz"],
        &["-X", "lists/missing", "-X", "lists", "--bogus", "sz"],
        &["-X", "lists", "sz"],
        &["--exclude-from=", "sz"],
        &["-X"],
        &["-a", "--exclude-f=lists/pats", "sz"],
    ];
    cases(t.path(), cases_, &Opts::default());
    let stdin = Opts::default().with_stdin(b"s1*\nl2\n");
    cases(
        t.path(),
        &[&["-a", "-X", "-", "sz"], &["-a", "-X-", "-X", "-", "sz"]],
        &stdin,
    );
}
