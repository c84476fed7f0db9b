//! What a failed comparison shows: the command and its setting, the first differing line of
//! each stream, both statuses, and the start of every output, long lines cut in the middle.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::Path;

use super::process::{Opts, Run, show_args};

/// Lines of a report shown per stream before it is cut.
const SHOWN_LINES: usize = 30;
/// Bytes of one line shown in a report.
const SHOWN_BYTES: usize = 160;

/// The report of a run of du and one of dug (`args` as dug got them) that differ.
pub fn difference_report<S: AsRef<OsStr>>(
    args: &[S],
    cwd: &Path,
    opts: &Opts,
    du: &Run,
    dug: &Run,
) -> String {
    let mut r = String::new();
    let who = if opts.as_nobody { ", as nobody" } else { "" };
    let env: String = opts
        .env
        .iter()
        .map(|(k, v)| format!(", {}={:?}", k.to_string_lossy(), v))
        .collect();
    let stdin = opts
        .stdin
        .as_ref()
        .map(|d| format!(", stdin {:?}", d.escape_ascii().to_string()))
        .unwrap_or_default();
    let _ = writeln!(
        r,
        "du and dug differ on: {} (cwd {}, LC_ALL={}{env}{stdin}{who})",
        show_args(args),
        cwd.display(),
        opts.locale
    );
    for (name, a, b) in [
        ("stdout", &du.stdout, &dug.stdout),
        ("stderr", &du.stderr, &dug.stderr),
    ] {
        match first_difference(a, b) {
            None => {
                let _ = writeln!(r, "{name}: same ({} bytes)", a.len());
            }
            Some((line, ours, theirs)) => {
                let _ = writeln!(r, "{name}: first difference at line {}:", line + 1);
                let _ = writeln!(r, "  du:  {ours}");
                let _ = writeln!(r, "  dug: {theirs}");
            }
        }
    }
    let same = if du.status == dug.status {
        " (same)"
    } else {
        ""
    };
    let _ = writeln!(r, "status: du {}, dug {}{same}", du.status, dug.status);
    for (name, bytes) in [
        ("du stdout", &du.stdout),
        ("dug stdout", &dug.stdout),
        ("du stderr (program name normalised)", &du.stderr),
        ("dug stderr", &dug.stderr),
    ] {
        let _ = writeln!(r, "--- {name} ---\n{}", excerpt(bytes));
    }
    r
}

/// The index of the first line where `a` and `b` differ, and both lines shown escaped
/// ("<end>" when one side has no such line).
fn first_difference(a: &[u8], b: &[u8]) -> Option<(usize, String, String)> {
    if a == b {
        return None;
    }
    let show = |line: Option<&[u8]>| match line {
        Some(l) => format!("\"{}\"", clip(l).escape_ascii()),
        None => "<end>".to_owned(),
    };
    let mut xs = a.split_inclusive(|&c| c == b'\n');
    let mut ys = b.split_inclusive(|&c| c == b'\n');
    let mut i = 0;
    loop {
        let (x, y) = (xs.next(), ys.next());
        if x != y {
            return Some((i, show(x), show(y)));
        }
        i += 1;
    }
}

/// The first `SHOWN_LINES` lines of `bytes`, long ones clipped.
pub fn excerpt(bytes: &[u8]) -> String {
    let mut out = String::new();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    for line in lines.iter().take(SHOWN_LINES) {
        out.push_str(&String::from_utf8_lossy(&clip(line)));
    }
    if lines.len() > SHOWN_LINES {
        let _ = writeln!(out, "... ({} more lines)", lines.len() - SHOWN_LINES);
    }
    out
}

/// `line` with its middle cut out when it is longer than `SHOWN_BYTES`: paths thousands of
/// levels deep would otherwise bury the report, and their ends are what tells them apart.
fn clip(line: &[u8]) -> Vec<u8> {
    if line.len() <= SHOWN_BYTES {
        return line.to_vec();
    }
    let keep = SHOWN_BYTES / 2;
    let mut out = line[..keep].to_vec();
    out.extend_from_slice(format!("[...{} bytes...]", line.len() - 2 * keep).as_bytes());
    out.extend_from_slice(&line[line.len() - keep..]);
    out
}
