//! `--json`: every line parses with jq, sizes, inode counts and times agree with dug's plain
//! output for the same flags, names that are not UTF-8 come back byte for byte, the summary
//! counts what was walked, and the options --json cannot honour are refused.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;

use crate::common::process::{Opts, Run, TIMEOUT, dug, run_with, wait_output};
use crate::common::tree::{Tree, bytes_path, fixture_copy};
use crate::common::trees::mixed_tree;

fn dug_in(dir: &Path, args: &[&str]) -> Run {
    run_with(dug().as_os_str(), args, dir, &Opts::default())
}

/// `dug ARGS` in `dir`, which must succeed.
fn dug_ok(dir: &Path, args: &[&str]) -> Vec<u8> {
    let run = dug_in(dir, args);
    assert_eq!(
        run.status,
        0,
        "dug {args:?} failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    run.stdout
}

/// `jq ARGS` over `input`; fails the test unless jq accepts every line.
fn jq(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("jq")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run jq (Debian package jq; .ci/run installs it): {e}"));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let data = input.to_vec();
    // A writer thread, so that jq's output cannot fill up while its input is still going in.
    let writer = thread::spawn(move || stdin.write_all(&data));
    let run = wait_output(child, TIMEOUT, &format!("jq {args:?}"));
    writer.join().expect("writer thread").expect("write to jq");
    assert_eq!(
        run.status,
        0,
        "jq {args:?} rejected the input: {}\ninput:\n{}",
        String::from_utf8_lossy(&run.stderr),
        String::from_utf8_lossy(input)
    );
    run.stdout
}

/// A jq program that prints each entry (and -c's total) as du's `-0` record with `FIELD` as
/// the number, the path made recoverable: `S` and the text, or `B` and the path_bytes.
const AS_RECORDS: &str = r#"
    if .type == "entry" then
      "\(.[$field])\t" + (if .path_bytes then "B" + (.path_bytes | map(tostring) | join(","))
                          else "S" + .path end) + "\u0000"
    elif .type == "total" then "\(.[$field])\tStotal\u0000"
    else empty end"#;

/// Turns `AS_RECORDS`' output back into the bytes of dug's plain `-0` output.
fn decode_records(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for record in text.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let tab = record
            .iter()
            .position(|&b| b == b'\t')
            .expect("a tab after the number");
        out.extend_from_slice(&record[..=tab]);
        match record[tab + 1] {
            b'S' => out.extend_from_slice(&record[tab + 2..]),
            b'B' => {
                let list = std::str::from_utf8(&record[tab + 2..]).expect("digits and commas");
                out.extend(
                    list.split(',')
                        .map(|n| n.parse::<u8>().expect("a byte value")),
                );
            }
            other => panic!("unexpected marker {other}"),
        }
        out.push(0);
    }
    out
}

#[test]
fn every_line_parses_with_jq_and_the_summary_comes_last() {
    let (_t, copy) = fixture_copy("tree");
    let dir = copy.parent().expect("the copy's parent");
    let out = dug_ok(dir, &["--json", "-a", "tree"]);
    let lines = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    let reprinted = jq(&["-c", "."], &out);
    assert_eq!(
        reprinted
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        lines,
        "jq saw a different number of objects than dug wrote lines"
    );
    let shape = jq(
        &[
            "-s",
            "-c",
            r#"[(.[:-1] | all(.type == "entry" and (.path | type) == "string"
                              and (.bytes | type) == "number")),
                .[-1].type, .[-1].files, .[-1].dirs, .[-1].errors, .[-1].interrupted,
                (.[-1].elapsed | type)]"#,
        ],
        &out,
    );
    let (files, dirs) = count_entries(&copy);
    assert_eq!(
        String::from_utf8_lossy(&shape),
        format!("[true,\"summary\",{files},{dirs},0,false,\"number\"]\n")
    );
}

/// Non-directories (symlinks included) and directories at and under `path`, not following
/// symlinks: what du counts in a tree without hard links.
fn count_entries(path: &Path) -> (u64, u64) {
    let meta = std::fs::symlink_metadata(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    if !meta.is_dir() {
        return (1, 0);
    }
    let mut counts = (0, 1);
    for entry in std::fs::read_dir(path).unwrap_or_else(|e| panic!("{path:?}: {e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("reading {path:?}: {e}"));
        let (files, dirs) = count_entries(&entry.path());
        counts.0 += files;
        counts.1 += dirs;
    }
    counts
}

#[test]
fn sizes_and_inode_counts_agree_with_the_plain_output() {
    let t = mixed_tree();
    let arg_sets: &[&[&str]] = &[
        &["."],
        &["-a", "."],
        &["-a", "--apparent-size", "."],
        &["-a", "-b", "."],
        &["-a", "-S", "."],
        &["-a", "-l", "."],
        &["-a", "-d", "1", "."],
        &["-a", "-t", "4K", "."],
        &["-a", "-c", "."],
        &["-s", "-L", "sz", "ln", "ln/a"],
        &["-a", "--exclude=*space*", "."],
    ];
    for args in arg_sets {
        // Dangling symlinks and loops under -L fail alike in both forms.
        let plain = dug_in(t.path(), &[&["-0", "-B1"], *args].concat());
        let json = dug_in(t.path(), &[&["--json"], *args].concat());
        assert_eq!(
            (&plain.stderr, plain.status),
            (&json.stderr, json.status),
            "dug {args:?}"
        );
        let records = decode_records(&jq(
            &["-j", "--arg", "field", "bytes", AS_RECORDS],
            &json.stdout,
        ));
        assert!(
            plain.stdout == records,
            "dug {args:?}: JSON and -B1 disagree\nplain:\n{}\njson:\n{}",
            String::from_utf8_lossy(&plain.stdout),
            String::from_utf8_lossy(&json.stdout)
        );
    }
    let plain = dug_ok(t.path(), &["-a", "-c", "-0", "--inodes", "."]);
    let json = dug_ok(t.path(), &["-a", "-c", "--json", "--inodes", "."]);
    let records = decode_records(&jq(&["-j", "--arg", "field", "inodes", AS_RECORDS], &json));
    assert!(
        plain == records,
        "--inodes: JSON and plain disagree\nplain:\n{}\njson:\n{}",
        String::from_utf8_lossy(&plain),
        String::from_utf8_lossy(&json)
    );
    // The summary's bytes are the -c total.
    let sums = jq(
        &[
            "-s",
            "-c",
            r#"[(.[] | select(.type == "total") | .bytes), .[-1].bytes]"#,
        ],
        &dug_ok(t.path(), &["-c", "--json", "."]),
    );
    let sums = String::from_utf8_lossy(&sums);
    let (total, summary) = sums
        .trim()
        .trim_matches(['[', ']'])
        .split_once(',')
        .expect("two numbers");
    assert_eq!(total, summary, "{sums}");
}

/// Nanoseconds since the epoch from `SEC.NNNNNNNNN` as dug's JSON writes it.
fn json_nanos(text: &str) -> i128 {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (sec, frac) = digits.split_once('.').expect("a decimal point");
    assert_eq!(frac.len(), 9, "nine digits of nanoseconds in {text}");
    let value = sec.parse::<i128>().expect("seconds") * 1_000_000_000
        + frac.parse::<i128>().expect("nanoseconds");
    if negative { -value } else { value }
}

/// Nanoseconds since the epoch from du's `%s.%N` (floor seconds, then the nanoseconds).
fn plain_nanos(text: &str) -> i128 {
    let (sec, nsec) = text.split_once('.').expect("%s.%N");
    sec.parse::<i128>().expect("seconds") * 1_000_000_000 + nsec.parse::<i128>().expect("%N")
}

#[test]
fn times_are_exact_seconds_under_the_name_of_the_time_shown() {
    let t = Tree::new();
    t.file("d/new", 10)
        .file("d/old", 20)
        .file("before_1970", 30)
        .times("d/new", (1_700_000_123, 5), (1_600_000_000, 999_999_999))
        .times("d/old", (1_000, 0), (1_000, 1))
        .times("before_1970", (-86_401, 250_000_000), (-1, 500_000_000));
    for (word, key) in [("--time", "mtime"), ("--time=atime", "atime")] {
        let plain = dug_ok(t.path(), &["-a", word, "--time-style=+%s.%N", "."]);
        let json = dug_ok(t.path(), &["-a", word, "--json", "."]);
        let plain: Vec<(String, i128)> = String::from_utf8_lossy(&plain)
            .lines()
            .map(|line| {
                let mut cols = line.split('\t');
                let _size = cols.next();
                let time = plain_nanos(cols.next().expect("a time column"));
                (cols.next().expect("a path").to_string(), time)
            })
            .collect();
        let json: Vec<(String, i128)> = String::from_utf8_lossy(&json)
            .lines()
            .filter(|line| line.contains("\"type\":\"entry\""))
            .map(|line| {
                // Plain names here, so the raw text can be cut up; the number must be read
                // as dug wrote it, which jq's doubles would round.
                let path = line
                    .split("\"path\":\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .expect("a path");
                let time = line
                    .split(&format!("\"{key}\":"))
                    .nth(1)
                    .and_then(|rest| rest.split(['}', ',']).next())
                    .unwrap_or_else(|| panic!("no {key} in {line}"));
                (path.to_string(), json_nanos(time))
            })
            .collect();
        assert_eq!(plain, json, "{word}");
    }
    // Half a second before the epoch: du's %s.%N floors the seconds, JSON writes the value.
    let plain = dug_ok(t.path(), &["--time", "--time-style=+%s.%N", "before_1970"]);
    assert!(String::from_utf8_lossy(&plain).contains("\t-1.500000000\tbefore_1970\n"));
    let json = dug_ok(t.path(), &["--json", "--time", "before_1970"]);
    assert!(
        String::from_utf8_lossy(&json).contains("\"mtime\":-0.500000000}"),
        "{}",
        String::from_utf8_lossy(&json)
    );
}

#[test]
fn names_that_are_not_utf8_come_back_byte_for_byte() {
    let t = Tree::new();
    let names: &[&[u8]] = &[
        b"caf\xe9",
        b"bad\xff\xfebytes",
        b"new\nline",
        b"tab\there",
        b"quote\"double",
        b"back\\slash",
        b"ctl\x01\x1f\x7f",
        b"caf\xc3\xa9 \xe2\x98\x83",
    ];
    for (i, name) in names.iter().enumerate() {
        t.file(bytes_path(name), 10 * i);
    }
    let json = dug_ok(t.path(), &["--json", "-a", "."]);
    let records = decode_records(&jq(&["-j", "--arg", "field", "bytes", AS_RECORDS], &json));
    let mut paths: Vec<&[u8]> = records
        .split(|&b| b == 0)
        .filter(|r| !r.is_empty())
        .map(|r| &r[r.iter().position(|&b| b == b'\t').expect("a tab") + 1..])
        .collect();
    paths.sort();
    let mut expected: Vec<Vec<u8>> = names.iter().map(|n| [b"./", *n].concat()).collect();
    expected.push(b".".to_vec());
    expected.sort();
    assert_eq!(paths, expected);
    // The text beside the bytes is readable, with U+FFFD for what is not UTF-8.
    let lossy = jq(
        &["-r", "select(.path_bytes) | .path"],
        &dug_ok(t.path(), &["--json", "-a", "."]),
    );
    let mut lossy: Vec<String> = String::from_utf8(lossy)
        .expect("jq prints UTF-8")
        .lines()
        .map(String::from)
        .collect();
    lossy.sort();
    assert_eq!(lossy, ["./bad\u{fffd}\u{fffd}bytes", "./caf\u{fffd}"]);
}

#[test]
fn errors_are_counted_and_reported_in_du_words() {
    let t = Tree::new();
    t.file("ok/f", 100)
        .file("locked/f", 100)
        .chmod("locked", 0o000);
    let run = run_with(
        dug().as_os_str(),
        &["--json", "."],
        t.path(),
        &Opts::nobody(),
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "dug: cannot read directory './locked': Permission denied\n"
    );
    let summary = jq(
        &[
            "-c",
            r#"select(.type == "summary") | [.errors, .interrupted]"#,
        ],
        &run.stdout,
    );
    assert_eq!(String::from_utf8_lossy(&summary), "[1,false]\n");
}

#[test]
fn options_json_cannot_honour_are_usage_errors() {
    let t = Tree::new();
    t.file("f", 10);
    for (args, complaint) in [
        (&["--json", "-0"][..], "-0 (JSON Lines end with a newline)"),
        (&["-h", "--json"], "-h (JSON sizes are in bytes)"),
        (&["--json", "--si"], "--si (JSON sizes are in bytes)"),
        (&["--json", "-k"], "-k (JSON sizes are in bytes)"),
        (&["--json", "-BM"], "-B (JSON sizes are in bytes)"),
        (
            &["--json", "--time", "--time-style=iso"],
            "--time-style (JSON times are seconds since the epoch)",
        ),
    ] {
        let run = dug_in(t.path(), args);
        assert_eq!(
            (
                run.status,
                String::from_utf8_lossy(&run.stderr).into_owned(),
                run.stdout
            ),
            (
                1,
                format!(
                    "dug: --json cannot be combined with {complaint}\n\
                     Try 'dug --help' for more information.\n"
                ),
                Vec::new()
            ),
            "{args:?}"
        );
    }
    // Units set by the environment are not asked for on the command line: sizes stay bytes.
    let opts = Opts::default()
        .with_env("BLOCK_SIZE", "human-readable")
        .with_env("DU_BLOCK_SIZE", "1M");
    let run = run_with(dug().as_os_str(), &["--json", "f"], t.path(), &opts);
    assert_eq!(run.status, 0, "{run:?}");
    let bytes = String::from_utf8(dug_ok(t.path(), &["-B1", "f"])).expect("UTF-8");
    let bytes = bytes.split('\t').next().expect("a size");
    assert!(
        String::from_utf8_lossy(&run.stdout).starts_with(&format!(
            "{{\"type\":\"entry\",\"path\":\"f\",\"bytes\":{bytes}}}\n"
        )),
        "{run:?}"
    );
}
