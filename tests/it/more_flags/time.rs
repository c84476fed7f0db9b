//! --time and --time-style over a tree whose times are all set, in other time zones, before
//! 1970 and too far out for the C library, with TIME_STYLE, and their usage errors.

use std::fs;

use crate::common::oracle::{cases, table};
use crate::common::process::Opts;
use crate::common::tree::Tree;

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
