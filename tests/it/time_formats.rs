//! --time-style=+FORMAT against `date +FORMAT`, which formats with the same coreutils strftime
//! as du: thousands of conversions (every letter, flag, width and modifier, the `%z` family,
//! `%N`, unknown conversions, formats ending in `%`) over times from before year 1 to after
//! 9999 and over time zones with odd offsets, compared byte for byte. du itself runs on the
//! same files too, so the one place `date` differs from du on purpose (a bare `%-N`, which
//! date widens to its clock's resolution) is still checked.

use std::ffi::OsString;
use std::fs::{self, File};
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::common::oracle::{DU, as_du, require_du};
use crate::common::process::{Opts, Run, dug, run_with};

/// Times to format, as (seconds, nanoseconds) since the epoch: epoch and 2001, fractions with
/// trailing zeros, week and year boundaries (ISO weeks 52, 53 and 1), leap days, noon and
/// midnight, 2^31, years 0, -1 and -1199, 9999 and 10000, and the first and last years
/// glibc represents.
const TIMES: &[(i64, i64)] = &[
    (0, 0),
    (981_173_106, 123_456_789),
    (981_173_106, 120_000_000),
    (-1, 500_000_000),
    (946_684_800, 1),
    (951_782_400, 0),
    (1_104_537_600, 999_999_999),
    (1_230_767_999, 0),
    (1_293_753_600, 10),
    (1_609_632_000, 0),
    (1_625_140_800, 5_000),
    (1_636_266_600, 0),
    (1_704_110_400, 0),
    (1_709_208_000, 0),
    (259_200, 0),
    (2_147_483_647, 0),
    (2_147_483_648, 0),
    (-2_147_483_649, 0),
    (-62_135_596_800, 0),
    (-62_167_219_200, 0),
    (-62_198_755_200, 0),
    (-62_198_755_201, 999),
    (-99_999_999_999, 0),
    (253_402_300_799, 0),
    (253_402_300_800, 5),
    (9_999_999_999_999, 0),
    (67_767_976_233_316_800, 0),
    (-67_768_040_609_740_800, 0),
];

/// Zones with whole, half, quarter-hour and odd offsets, summer time, a zone whose offset is
/// not determinable (`-00`), and POSIX rules.
const ZONES: &[&str] = &[
    "UTC0",
    "Asia/Kolkata",
    "America/St_Johns",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "XXX-5:30:15",
    "XXX+0:00:30",
    "XXX-12:00:05",
    "<-00>0",
    "EST5EDT,M3.2.0,M11.1.0",
];

/// Every conversion letter du knows, and some it does not.
const LETTERS: &str = "aAbBcCdDeFgGhHIjklmMnNpPqrRsStTuUVwWxXyYzZ" /* unknown: */;
const UNKNOWN_LETTERS: &str = "QJfiLov!";
const FLAGS: &[&str] = &[
    "", "-", "_", "0", "+", "^", "#", "^#", "-_", "_0", "0-", "+_", "_+", "^-", "#_", "0+",
];

/// Separates the conversions of one format, so a difference can be shown per conversion.
const SEP: char = '\u{1}';

/// Empty files in a directory whose file system keeps any time (tmpfs: a time before 1901 or
/// after 2446 does not fit ext4), each with one time of `times`; returns the files and the
/// times the file system kept.
struct Files {
    _dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    times: Vec<(i64, i64)>,
}

impl Files {
    fn new(times: &[(i64, i64)]) -> Files {
        let shm = Path::new("/dev/shm");
        let builder = || {
            let mut b = tempfile::Builder::new();
            b.prefix("dug-time-");
            b
        };
        let dir = if shm.is_dir() {
            builder().tempdir_in(shm)
        } else {
            builder().tempdir()
        }
        .expect("create a temp dir");
        let mut paths = Vec::new();
        let mut kept = Vec::new();
        for (i, &(sec, nsec)) in times.iter().enumerate() {
            let path = dir.path().join(format!("t{i:02}"));
            File::create(&path).expect("create a file");
            let stamp = rustix::fs::Timespec {
                tv_sec: sec,
                tv_nsec: nsec,
            };
            let stamps = rustix::fs::Timestamps {
                last_access: stamp,
                last_modification: stamp,
            };
            rustix::fs::utimensat(
                rustix::fs::CWD,
                &path,
                &stamps,
                rustix::fs::AtFlags::empty(),
            )
            .expect("set a file's times");
            let meta = fs::metadata(&path).expect("stat a file");
            kept.push((meta.mtime(), meta.mtime_nsec()));
            paths.push(path);
        }
        Files {
            _dir: dir,
            paths,
            times: kept,
        }
    }
}

/// What `date` prints for `format` at `time` in `zone`, without its newline.
fn date(format: &str, (sec, nsec): (i64, i64), zone: &str) -> Vec<u8> {
    let when = if sec < 0 && nsec > 0 {
        // `@-1.5` means 1.5 s before the epoch: write the negative time as such.
        let total = i128::from(sec) * 1_000_000_000 + i128::from(nsec);
        format!("@-{}.{:09}", -total / 1_000_000_000, -total % 1_000_000_000)
    } else {
        format!("@{sec}.{nsec:09}")
    };
    let args = [
        OsString::from("-d"),
        when.into(),
        format!("+{format}").into(),
    ];
    let out = run_with("date".as_ref(), &args, Path::new("/"), &in_zone(zone));
    assert!(
        out.status == 0,
        "date {args:?} in {zone} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut text = out.stdout;
    assert_eq!(text.pop(), Some(b'\n'), "date ends with a newline");
    text
}

fn in_zone(zone: &str) -> Opts {
    Opts::default().with_env("TZ", zone)
}

/// `prog -0 --time --time-style=+FORMAT files...` in `zone`.
fn du_like(prog: &Path, format: &str, files: &Files, zone: &str) -> Run {
    // dug runs as du, under the same name (see `oracle`).
    let opts = as_du(&in_zone(zone));
    let mut args: Vec<OsString> = vec![
        "-0".into(),
        "--time".into(),
        format!("--time-style=+{format}").into(),
    ];
    args.extend(files.paths.iter().map(|p| p.clone().into_os_string()));
    run_with(prog.as_os_str(), &args, Path::new("/"), &opts)
}

/// The time column of each record of `-0 --time` output (records are `SIZE\tTIME\tPATH\0`).
fn time_column(stdout: &[u8], files: &Files) -> Vec<Vec<u8>> {
    let records: Vec<&[u8]> = stdout.split(|&b| b == 0).collect();
    assert_eq!(records.len(), files.paths.len() + 1, "one record per file");
    records
        .iter()
        .zip(&files.paths)
        .map(|(record, path)| {
            let path = path.clone().into_os_string().into_vec();
            let start = record.iter().position(|&b| b == b'\t').expect("a tab") + 1;
            let end = record.len() - path.len() - 1;
            assert!(record.ends_with(&path), "record ends with its path");
            record[start..end].to_vec()
        })
        .collect()
}

/// Formats each of `formats` with dug, du and `date` over `files` in `zone`: dug must print
/// du's bytes, and each time as `date` does (for formats with `%-N`, only as du does).
fn check(formats: &[String], files: &Files, zone: &str, failures: &mut Vec<String>) {
    for format in formats {
        let ours = du_like(dug(), format, files, zone);
        require_du();
        let theirs = du_like(Path::new(DU), format, files, zone);
        let stderr = theirs.stderr.clone();
        if (&ours.stdout, &ours.stderr, ours.status) != (&theirs.stdout, &stderr, theirs.status) {
            let mut text = format!(
                "TZ={zone}: du and dug differ (status {} and {}, stderr {:?} and {:?})",
                theirs.status,
                ours.status,
                String::from_utf8_lossy(&stderr),
                String::from_utf8_lossy(&ours.stderr)
            );
            let columns = (
                time_column(&theirs.stdout, files),
                time_column(&ours.stdout, files),
            );
            for ((want, got), &time) in columns.0.iter().zip(&columns.1).zip(&files.times) {
                if want != got {
                    text += "\n";
                    text += &explain(format, time, "du", want, got);
                    break;
                }
            }
            failures.push(text);
            continue;
        }
        if format.contains("%-N") {
            continue;
        }
        let column = time_column(&ours.stdout, files);
        for (got, &time) in column.iter().zip(&files.times) {
            let want = date(format, time, zone);
            if *got != want {
                let text = format!("TZ={zone}: {}", explain(format, time, "date", &want, got));
                failures.push(text);
            }
        }
    }
}

/// The conversions of `format` whose output differs from `who`'s, when both split alike.
fn explain(format: &str, time: (i64, i64), who: &str, want: &[u8], got: &[u8]) -> String {
    let specs: Vec<&str> = format.split(SEP).collect();
    let wants: Vec<&[u8]> = want.split(|&b| b == SEP as u8).collect();
    let gots: Vec<&[u8]> = got.split(|&b| b == SEP as u8).collect();
    let mut text = format!("time {}.{:09}:", time.0, time.1);
    if specs.len() == wants.len() && wants.len() == gots.len() {
        for ((spec, w), g) in specs.iter().zip(&wants).zip(&gots) {
            if w != g {
                text += &format!(
                    "\n  {spec:?}: {who} {:?}, dug {:?}",
                    String::from_utf8_lossy(w),
                    String::from_utf8_lossy(g)
                );
            }
        }
    } else {
        text += &format!(
            "\n  format {format:?}\n  {who} {:?}\n  dug {:?}",
            String::from_utf8_lossy(want),
            String::from_utf8_lossy(got)
        );
    }
    text
}

/// Joins `specs` into formats of at most `per` conversions each.
fn chunks(specs: &[String], per: usize) -> Vec<String> {
    specs
        .chunks(per)
        .map(|c| c.join(&SEP.to_string()))
        .collect()
}

fn assert_none(failures: &[String]) {
    const SHOWN: usize = 30;
    assert!(
        failures.is_empty(),
        "{} differences with date or du (first {SHOWN}):\n{}",
        failures.len(),
        failures
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every letter (and some unknown ones) with every padding and case flag, widths below, at
/// and above the natural ones, and each modifier.
#[test]
fn every_conversion_with_flags_widths_and_modifiers() {
    let files = Files::new(TIMES);
    let mut specs = Vec::new();
    for letter in LETTERS.chars().chain(UNKNOWN_LETTERS.chars()) {
        for flags in FLAGS {
            for width in ["", "1", "2", "3", "5", "10"] {
                for modifier in ["", "E", "O"] {
                    specs.push(format!("%{flags}{width}{modifier}{letter}"));
                }
            }
        }
    }
    let mut failures = Vec::new();
    for zone in ["UTC0", "Asia/Kolkata"] {
        check(&chunks(&specs, 600), &files, zone, &mut failures);
    }
    assert_none(&failures);
}

/// The offset conversions in every zone: `%z` with up to four colons, flags and widths on
/// either side of each natural width, and the zone's name and the conversions that follow
/// the zone's clock.
#[test]
fn zones_and_offsets() {
    let files = Files::new(&TIMES[..14]);
    let mut specs = Vec::new();
    for colons in ["", ":", "::", ":::", "::::"] {
        for flags in FLAGS {
            for width in ["", "1", "3", "4", "5", "6", "7", "8", "9", "10", "12"] {
                for modifier in ["", "E", "O"] {
                    specs.push(format!("%{flags}{width}{modifier}{colons}z"));
                }
            }
        }
    }
    for flags in FLAGS {
        for width in ["", "2", "3", "6"] {
            for letter in ["Z", "c", "s", "H", "p", "r", "j", "V"] {
                specs.push(format!("%{flags}{width}{letter}"));
            }
        }
    }
    let mut failures = Vec::new();
    for zone in ZONES {
        check(&chunks(&specs, 900), &files, zone, &mut failures);
    }
    assert_none(&failures);
}

/// Whole formats whose end or odd syntax matters: a trailing `%`, incomplete conversions,
/// `%` after flags, colons before other letters, doubled modifiers, flags after a width,
/// literal text, `%N` widths beyond 9 and wide padding.
#[test]
fn odd_formats_and_trailing_percent() {
    let files = Files::new(&TIMES[..6]);
    let formats: Vec<String> = [
        "",
        "%",
        "%%",
        "%%%",
        "100%",
        "a%%b%",
        "%5",
        "%05",
        "%_",
        "%-",
        "%^",
        "%#",
        "%+",
        "%E",
        "%O",
        "%:",
        "%::",
        "%5:",
        "%_5:",
        "%^5",
        "%E5",
        "x%5%y",
        "%_%y",
        "%-5%y",
        "%E%y",
        "%:%y",
        "%^:%y",
        "%::y",
        "%^::y",
        "%::::z",
        "%^::::z",
        "%:Ez",
        "%E:z",
        "%O:z",
        "%EOY",
        "%OEY",
        "%EEY",
        "%5_Y",
        "%5-Y",
        "%:5z",
        "%^:a",
        "%^Eb",
        "%#Eb",
        "%^Ei",
        "%#Q",
        "%^5q",
        "%E%",
        "%-5%",
        "%_5%",
        "%^%",
        "%0%",
        "%Q%5%y",
        "%s.%N",
        "%s.%-N",
        "%s.%3N|%_3N|%-3N|%06N",
        "%12N|%_12N|%-12N|%012N|%+12N|%20N|%40N|%_40N",
        "%_N|%-N|%0N|%+N|%^N|%#N|%ON",
        "%Y-%m-%dT%H:%M:%S.%N%:z",
        "%+13F|%_13F|%-13F|%013F|%^13F|%6F|%7F",
        "%30a|%030A|%_30b|%-30B|%+30c|%40c|%_25x|%025X|%20r|%+20p|%-20P|%30Z|%030Z",
        "%100Y|%_100s|%-100d|%+100G",
        "tab%tnewline%nend",
        "%n%5n%_5t%-5t%05n",
        "caf\u{e9} %a \u{2014} %b",
        "%H:%M:%S %Z %z %:z %::z %:::z",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut failures = Vec::new();
    for zone in ["UTC0", "XXX-5:30:15", "America/St_Johns"] {
        check(&formats, &files, zone, &mut failures);
    }
    assert_none(&failures);
}
