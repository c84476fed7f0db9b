//! Differential tests for du 9.1's options beyond the core: --exclude and -X, -t, --inodes,
//! --time and --time-style (with TZ and TIME_STYLE), --files0-from, the block-size and
//! POSIXLY_CORRECT environment, and the usage errors of all of them — each alone and mixed
//! with -a, -s, -c, -h, -d, -0, -L. du and dug must print the same bytes and exit alike.

mod common;

use std::ffi::OsString;
use std::fs;

use common::{
    Opts, Tree, assert_same, assert_same_with, compare, links_tree, mixed_tree, names_tree,
    os_args, perms_tree, show_args, sizes_tree, table,
};

/// Runs each argument list as it is (operands included) and fails listing every one that
/// differs.
fn cases(cwd: &std::path::Path, cases: &[&[&str]], opts: &Opts) {
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

// --exclude and -X.

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
        t.file(common::bytes_path(&path), 100 * (i + 1));
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
        let du = common::run("du", args, t.path(), false);
        for threads in ["1", "2", "4", "64"] {
            for _ in 0..5 {
                let mut with: Vec<&str> = vec!["-j", threads];
                with.extend_from_slice(args);
                let dug = common::run(common::dug(), &with, t.path(), false);
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

// -t / --threshold.

const THRESHOLD_FLAGS: &[&[&str]] = &[
    &["-t", "0"],
    &["-t", "1"],
    &["-t", "+0"],
    &["-t", " -0"],
    &["-a", "-t", "4K"],
    &["-a", "-t", "4097"],
    &["-a", "-t", "-4K"],
    &["-a", "-t", "-4096"],
    &["-a", "-t", "-1"],
    &["-a", "-t", "-0x1000"],
    &["-a", "-t", "010"],
    &["-a", "-t", "1KB"],
    &["-a", "-t", "K"],
    &["-a", "-t", "1KiB"],
    &["-s", "-t", "1M"],
    &["-c", "-t", "1G"],
    &["-c", "-s", "-t", "-1"],
    &["-a", "-b", "-t", "5000"],
    &["-a", "--apparent-size", "-t", "-1KiB"],
    &["-a", "-h", "-t", "10K"],
    &["-a", "--si", "-t", "-10k"],
    &["-a", "-0", "-t", "8K"],
    &["-S", "-t", "8K"],
    &["-d", "1", "-t", "100K"],
    &["-a", "-L", "-t", "20K"],
    &["-a", "-l", "-t", "-8K"],
    &["-a", "-t", "9223372036854775807"],
    &["-a", "-t", "-9223372036854775808"],
    &["-a", "-t", "7E"],
    &["-a", "--threshold=-8E"],
    &["-a", "--thr", "2M"],
];

#[test]
fn thresholds_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), THRESHOLD_FLAGS, &["."], &Opts::default());
}

#[test]
fn thresholds_over_sizes_tree() {
    let t = sizes_tree();
    table(t.path(), THRESHOLD_FLAGS, &["t"], &Opts::default());
}

// --inodes.

const INODES_FLAGS: &[&[&str]] = &[
    &["--inodes"],
    &["-a", "--inodes"],
    &["-a", "-l", "--inodes"],
    &["--inodes", "-S"],
    &["-a", "--inodes", "-S"],
    &["--inodes", "-c", "-s"],
    &["--inodes", "-h"],
    &["--inodes", "--si"],
    &["--inodes", "-k"],
    &["--inodes", "-m"],
    &["--inodes", "-BKB"],
    &["--inodes", "-BK"],
    &["--inodes", "-BKiB"],
    &["--inodes", "-B2"],
    &["--inodes", "-B", "human-readable"],
    &["--inodes", "-b"],
    &["--inodes", "--apparent-size"],
    &["-b", "--inodes", "--apparent-size", "-s"],
    &["-a", "-L", "--inodes"],
    &["-L", "-l", "--inodes"],
    &["--inodes", "-d", "1"],
    &["--inodes", "-0", "-a"],
    &["--inodes", "-x"],
    &["--inodes", "-t", "5"],
    &["-a", "--inodes", "-t", "-1"],
    &["--inodes", "-c", "--exclude=sizes"],
];

#[test]
fn inodes_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), INODES_FLAGS, &["."], &Opts::default());
}

#[test]
fn inodes_over_links_tree() {
    let t = links_tree();
    table(t.path(), INODES_FLAGS, &["."], &Opts::default());
    table(
        t.path(),
        &[&["--inodes", "-c"], &["--inodes", "-a", "-c"]],
        &["a", "b", "c", "a"],
        &Opts::default(),
    );
}

#[test]
fn inodes_with_block_size_environment() {
    let t = mixed_tree();
    for (name, value) in [
        ("DU_BLOCK_SIZE", "1M"),
        ("BLOCK_SIZE", "human-readable"),
        ("BLOCKSIZE", "KB"),
    ] {
        table(
            t.path(),
            &[&["--inodes"], &["--inodes", "-k"]],
            &["."],
            &Opts::default().with_env(name, value),
        );
    }
}

// --time, --time-style, TIME_STYLE, TZ.

/// Seconds of 2001-02-03 04:05:06 UTC.
const T2001: i64 = 981_173_106;
/// Future access times keep relatime from touching the directories as du and dug read them.
const FUTURE: i64 = 4_102_444_800;

/// A tree whose times are all set: files newer and older than their directories, a newest
/// file deep down, nanoseconds, times before 1970, and links.
fn time_tree() -> Tree {
    let t = Tree::new();
    t.file("top/old", 100)
        .file("top/new", 5000)
        .file("top/sub/deep/newest", 10)
        .file("top/sub/mid", 7000)
        .file("top/sub2/f", 1)
        .dir("top/empty")
        .file("pre1970/a", 1)
        .file("pre1970/b/c", 2)
        .hard_link("top/new", "top/sub2/new_link")
        .symlink("../top/sub", "pre1970/to_sub");
    let times: &[(&str, i64, i64, i64)] = &[
        // path, atime offset, mtime (seconds), mtime nanoseconds
        ("top/old", 1, T2001 - 86_400 * 400, 0),
        ("top/new", 2, T2001 + 3_600, 999_999_999),
        ("top/sub/deep/newest", 3, T2001 + 86_400 * 30, 123_456_789),
        ("top/sub/mid", 4, T2001 - 1, 500_000_000),
        ("top/sub2/f", 5, T2001, 1),
        ("top/sub/deep", 6, T2001 - 86_400, 0),
        ("top/sub", 7, T2001 - 86_400 * 2, 0),
        ("top/sub2", 8, T2001 + 86_400 * 365, 5),
        ("top/empty", 9, T2001 - 7, 0),
        ("top", 10, T2001 - 86_400 * 3, 0),
        ("pre1970/a", 11, -86_400 * 365 * 20, 250_000_000),
        ("pre1970/b/c", 12, -1, 999_999_999),
        ("pre1970/to_sub", 13, -400, 0),
        ("pre1970/b", 14, -86_400, 0),
        ("pre1970", 15, -86_400 * 2, 0),
    ];
    for &(path, a, m, ns) in times {
        t.times(path, (FUTURE + a * 3_600, a), (m, ns));
    }
    t
}

const TIME_FLAGS: &[&[&str]] = &[
    &["--time"],
    &["-a", "--time"],
    &["-a", "--time=atime"],
    &["--time=access"],
    &["-s", "--time=use"],
    &["-a", "--time=mtime"],
    &["-a", "--time", "--time-style=full-iso"],
    &["--time", "--time-style=long-iso"],
    &["-a", "--time", "--time-style=iso"],
    &["-a", "--time", "--time-style=+%s.%N"],
    &["-a", "--time", "--time-style=+%Y-%m-%dT%H:%M:%S.%3N%:z %Z"],
    &[
        "-a",
        "--time",
        "--time-style=+%c|%x|%X|%r|%a %A %b %B %p %j %U %V %G",
    ],
    &["-a", "--time", "--time-style=+%-N|%_5N|%12N"],
    &["-a", "--time", "--time-style=+line1%nline2"],
    &["-a", "--time", "--time-style=+"],
    &["-a", "--time", "--time-style=+%"],
    &["-a", "--time", "--time-style=+%Q%5%y"],
    &["-a", "--time", "--time-style=+%Y\n%m"],
    &["-a", "--time", "--time-style=f"],
    &["--time", "--time-style=l"],
    &["--time-style=full-iso"],
    &["--time-style=bogus"],
    &["-a", "-S", "--time", "--time-style=full-iso"],
    &["-c", "-a", "--time", "--time-style=full-iso"],
    &["-c", "-s", "--time"],
    &["-d", "1", "--time"],
    &["-a", "-0", "--time"],
    &["-a", "-h", "--time"],
    &["-a", "--inodes", "--time"],
    &["-a", "-t", "8K", "--time"],
    &["-a", "-L", "--time", "--time-style=full-iso"],
    &["-a", "-l", "--time", "--time-style=full-iso"],
    &["-a", "--exclude=newest", "--time", "--time-style=full-iso"],
    &["-a", "--time=ctime", "--time-style=+%Y"],
    &["--time=status", "-s", "--time-style=+%Y-%m"],
];

#[test]
fn times_over_time_tree() {
    let t = time_tree();
    table(t.path(), TIME_FLAGS, &["top", "pre1970"], &Opts::default());
}

#[test]
fn times_in_other_time_zones() {
    let t = time_tree();
    let flags: &[&[&str]] = &[
        &["-a", "--time", "--time-style=full-iso"],
        &["-c", "--time", "--time-style=+%F %T %z %Z"],
        &["-c", "--time", "--exclude=*"],
    ];
    for tz in [
        "UTC0",
        "America/New_York",
        "Asia/Kolkata",
        ":Europe/London",
        "<+0330>-3:30",
        "EST5EDT,M3.2.0,M11.1.0",
        "Nowhere/Unknown",
        "",
    ] {
        table(
            t.path(),
            flags,
            &["top", "pre1970"],
            &Opts::default().with_env("TZ", tz),
        );
    }
}

/// Times before 1970. du's grand total starts at time 0, so it never shows an older time; and
/// du's per-level sums are allocated zeroed when the first entry of the run reaches them, so
/// the directories above that entry never show an older time either — but only in the first
/// operand that gets that far.
#[test]
fn times_before_1970() {
    let t = time_tree();
    cases(
        t.path(),
        &[
            &["-c", "--time", "--time-style=full-iso", "pre1970"],
            &["-c", "--time", "--time-style=full-iso", "pre1970/b"],
            &["-a", "--time", "--time-style=full-iso", "pre1970", "top"],
            &["-a", "--time", "--time-style=full-iso", "top", "pre1970"],
            &["-S", "--time", "--time-style=full-iso", "pre1970"],
            &["--time", "--time-style=full-iso", "nope", "pre1970"],
            &[
                "--time",
                "--time-style=full-iso",
                "--exclude=c",
                "pre1970",
                "pre1970/b",
            ],
            &["-c", "--time", "nope"],
        ],
        &Opts::default().with_env("TZ", "America/New_York"),
    );
}

#[test]
fn time_style_environment() {
    let t = time_tree();
    for style in [
        "full-iso",
        "iso",
        "posix-iso",
        "posix-posix-long-iso",
        "locale",
        "posix-locale",
        "+%s",
        "+%Y\n%m",
        "posix-+%H",
        "iso\nfoo",
        "",
        "bogus",
        "f",
    ] {
        let opts = Opts::default().with_env("TIME_STYLE", style);
        table(
            t.path(),
            &[&["--time"], &["--time", "--time-style=iso"], &["-s"]],
            &["top"],
            &opts,
        );
    }
}

#[test]
fn time_usage_errors() {
    let t = time_tree();
    let errors: &[&[&str]] = &[
        &["--time=bogus", "top"],
        &["--time=", "top"],
        &["--time=a", "top"],
        &["--time=atimes", "top"],
        &["--time", "--time-style=bogus", "top"],
        &["--time", "--time-style=posix-iso", "top"],
        &["--time", "--time-style=", "top"],
        &["--time", "--time-style=locale", "top"],
        &["--time", "--time-style=x\ny", "top"],
        &["--time-style=x", "--time=x", "top"],
        &["--bogus", "--time=x", "top"],
        &["--time=x", "--bogus", "top"],
        &["--time", "--time-style=x", "-a", "-s", "top"],
        &[
            "--time",
            "--time-style=x",
            "--inodes",
            "-b",
            "-s",
            "-d",
            "0",
            "top",
        ],
        &["--tim", "top"],
        &["--time-s=iso", "--time", "top"],
        &["--time", "top", "--time-style"],
    ];
    cases(t.path(), errors, &Opts::default());
    cases(t.path(), errors, &Opts::utf8());
}

/// A time too large for the C library to break down (tmpfs keeps 64-bit seconds): du prints
/// the seconds and warns, and exits 0.
#[test]
fn time_out_of_range() {
    let dir = tempfile::Builder::new()
        .prefix("dug-test-")
        .tempdir_in("/dev/shm")
        .expect("a directory on the /dev/shm tmpfs, which keeps 64-bit times");
    let file = dir.path().join("far");
    fs::write(&file, b"x").expect("write");
    let times = rustix::fs::Timestamps {
        last_access: rustix::fs::Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
        last_modification: rustix::fs::Timespec {
            tv_sec: 67_768_036_191_676_800,
            tv_nsec: 0,
        },
    };
    rustix::fs::utimensat(rustix::fs::CWD, &file, &times, rustix::fs::AtFlags::empty())
        .expect("/dev/shm takes a 64-bit time");
    cases(
        dir.path(),
        &[
            &["--time", "far"],
            &["-c", "--time", "far", "."],
            &["-a", "--time"],
        ],
        &Opts::default(),
    );
    cases(dir.path(), &[&["--time", "far"]], &Opts::utf8());
}

// --files0-from.

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

// The environment.

#[test]
fn block_size_environment() {
    let t = sizes_tree();
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-k"],
        &["-h", "-s"],
        &["-B", "1"],
        &["-b", "-s"],
    ];
    let values = [
        "1",
        "1K",
        "1M",
        "KB",
        "KiB",
        "MB",
        "512",
        "'1",
        "'1K",
        "human-readable",
        "human",
        "h",
        "si",
        "s",
        "0",
        "",
        "xyz",
        "1X",
        "Ki",
        "-1",
        "99999999999999999999",
        " 2K",
        "0x400",
    ];
    for name in ["DU_BLOCK_SIZE", "BLOCK_SIZE", "BLOCKSIZE"] {
        for value in values {
            table(
                t.path(),
                flags,
                &["t"],
                &Opts::default().with_env(name, value),
            );
        }
    }
}

#[test]
fn block_size_environment_precedence() {
    let t = sizes_tree();
    let flags: &[&[&str]] = &[&[], &["-s", "-c"]];
    let settings: &[&[(&str, &str)]] = &[
        &[("DU_BLOCK_SIZE", "1M"), ("BLOCK_SIZE", "1K")],
        &[("BLOCK_SIZE", "1M"), ("BLOCKSIZE", "1")],
        &[("DU_BLOCK_SIZE", ""), ("BLOCK_SIZE", "1M")],
        &[("DU_BLOCK_SIZE", "bogus"), ("BLOCKSIZE", "1M")],
        &[("BLOCKSIZE", "1M"), ("POSIXLY_CORRECT", "1")],
        &[("POSIXLY_CORRECT", "")],
        &[("POSIXLY_CORRECT", "1"), ("BLOCK_SIZE", "0")],
        &[
            ("POSIXLY_CORRECT", "1"),
            ("DU_BLOCK_SIZE", "human-readable"),
        ],
    ];
    for env in settings {
        let mut opts = Opts::default();
        for (name, value) in env.iter() {
            opts = opts.with_env(name, value);
        }
        table(t.path(), flags, &["t"], &opts);
        table(t.path(), &[&["-k"], &["-h"], &["--si"]], &["t"], &opts);
    }
}

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
    let dug = common::run(common::dug(), &["--help"], t.path(), false);
    let du = common::run("du", &["--help"], t.path(), false);
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
    let version = common::run(common::dug(), &["--version"], t.path(), false);
    assert_eq!(version.status, 0);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("dug "));
    // --help and --version win wherever they come, after the errors before them: same
    // stderr and status as du, and dug's own text on stdout.
    for args in [
        &["--bogus", "--help"][..],
        &["-d", "x", "--version"],
        &["-t", "-0", "--help"],
    ] {
        let du = common::run("du", args, t.path(), false);
        let dug = common::run(common::dug(), args, t.path(), false);
        assert_eq!(
            (common::rename_program(&du.stderr), du.status),
            (dug.stderr, dug.status),
            "{args:?}"
        );
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
