//! The `--json` output: JSON Lines, one object per record, an object for -c's total and one
//! summary object at the end. Paths keep their exact bytes; sizes are always in bytes.
//!
//! Every object is flat, on one line, with a `"type"` first (`"entry"`, `"total"`,
//! `"summary"`) so that a reader can dispatch without guessing from the keys, as ripgrep's
//! `--json` messages do. The schema is documented in README.md and in the man page.

use crate::config::{Config, TimeKind};
use crate::replay::usage::Usage;
use crate::report::format::{RecordFormat, Summary, Warning};
use crate::walk::scan::Stamp;

/// JSON Lines, with the fields a record carries besides its path and bytes as the active
/// flags ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct JsonLines {
    /// --inodes: an `"inodes"` count.
    inodes: bool,
    /// --time[=WORD]: the newest time in the subtree, under the name of the time shown.
    time: Option<TimeKind>,
}

impl JsonLines {
    /// The objects `config` asks for.
    pub(crate) fn new(config: &Config) -> JsonLines {
        JsonLines {
            inodes: config.inodes,
            time: config.time_format.as_ref().map(|_| config.time_kind),
        }
    }
}

impl RecordFormat for JsonLines {
    fn record(&mut self, line: &mut Vec<u8>, usage: &Usage, path: &[u8]) -> Option<Warning> {
        let mut obj = Object::new(line, "entry");
        obj.path(path);
        obj.usage(self, usage);
        obj.end();
        None
    }

    /// -c's grand total (du's `total` line), which has no path.
    fn total(&mut self, line: &mut Vec<u8>, usage: &Usage) -> Option<Warning> {
        let mut obj = Object::new(line, "total");
        obj.usage(self, usage);
        obj.end();
        None
    }

    fn summary(&mut self, line: &mut Vec<u8>, summary: &Summary) {
        let mut obj = Object::new(line, "summary");
        obj.number("bytes", summary.bytes);
        obj.number("files", summary.files);
        obj.number("dirs", summary.dirs);
        obj.number("errors", summary.errors);
        // Microseconds: finer than any timing a script can use, and exact in a double.
        obj.key("elapsed");
        let e = summary.elapsed;
        obj.out
            .extend_from_slice(format!("{}.{:06}", e.as_secs(), e.subsec_micros()).as_bytes());
        obj.key("interrupted");
        obj.out.extend_from_slice(if summary.interrupted {
            b"true"
        } else {
            b"false"
        });
        obj.end();
    }
}

/// The key a time is written under: the name of the stat field it comes from.
fn time_key(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Modification => "mtime",
        TimeKind::Access => "atime",
        TimeKind::Change => "ctime",
    }
}

/// One object being written: `{"type":"…"` so far.
struct Object<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Object<'a> {
    fn new(out: &'a mut Vec<u8>, kind: &str) -> Object<'a> {
        out.extend_from_slice(b"{\"type\":");
        push_string(out, kind);
        Object { out }
    }

    fn key(&mut self, key: &str) {
        self.out.push(b',');
        push_string(self.out, key);
        self.out.push(b':');
    }

    fn number(&mut self, key: &str, value: u64) {
        self.key(key);
        self.out.extend_from_slice(value.to_string().as_bytes());
    }

    /// `"path"` as text; when the bytes are not UTF-8, that text has U+FFFD for each invalid
    /// sequence and `"path_bytes"` follows with every byte, so nothing is lost.
    fn path(&mut self, path: &[u8]) {
        self.key("path");
        match std::str::from_utf8(path) {
            Ok(text) => push_string(self.out, text),
            Err(_) => {
                push_string(self.out, &String::from_utf8_lossy(path));
                self.key("path_bytes");
                self.out.push(b'[');
                for (i, byte) in path.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.out.extend_from_slice(byte.to_string().as_bytes());
                }
                self.out.push(b']');
            }
        }
    }

    fn usage(&mut self, fields: &JsonLines, usage: &Usage) {
        self.number("bytes", usage.bytes);
        if fields.inodes {
            self.number("inodes", usage.inodes);
        }
        if let Some(kind) = fields.time {
            self.key(time_key(kind));
            push_seconds(self.out, usage.time);
        }
    }

    fn end(self) {
        self.out.extend_from_slice(b"}\n");
    }
}

/// A JSON string: `"`, `\` and the control characters escaped (RFC 8259, section 7), all else
/// as UTF-8.
fn push_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            c if c < ' ' => out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// A time as seconds since the epoch with all nine digits of its nanoseconds
/// (`1700000000.123456789`, `-1.500000000`): exact in the text, whatever a reader's doubles
/// keep. `null` for no time at all.
fn push_seconds(out: &mut Vec<u8>, time: Stamp) {
    if time.nsec < 0 {
        out.extend_from_slice(b"null");
        return;
    }
    let total = i128::from(time.sec) * 1_000_000_000 + i128::from(time.nsec);
    let sign = if total < 0 { "-" } else { "" };
    let magnitude = total.unsigned_abs();
    let text = format!(
        "{sign}{}.{:09}",
        magnitude / 1_000_000_000,
        magnitude % 1_000_000_000
    );
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const PLAIN: JsonLines = JsonLines {
        inodes: false,
        time: None,
    };

    fn usage(bytes: u64, inodes: u64, sec: i64, nsec: i64) -> Usage {
        Usage {
            bytes,
            inodes,
            time: Stamp { sec, nsec },
        }
    }

    /// The calls the report makes, as functions of the fields.
    fn entry(out: &mut Vec<u8>, fields: &JsonLines, usage: &Usage, path: &[u8]) {
        let mut json = *fields;
        assert_eq!(json.record(out, usage, path), None);
    }

    fn total(out: &mut Vec<u8>, fields: &JsonLines, usage: &Usage) {
        let mut json = *fields;
        assert_eq!(json.total(out, usage), None);
    }

    fn summary(out: &mut Vec<u8>, summary: &Summary) {
        let mut json = PLAIN;
        json.summary(out, summary);
    }

    fn text(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).expect("JSON output is UTF-8")
    }

    #[test]
    fn entries_carry_path_bytes_and_the_active_fields() {
        let u = usage(4096, 3, 1_700_000_000, 5);
        assert_eq!(
            text(|o| entry(o, &PLAIN, &u, b"a/b")),
            "{\"type\":\"entry\",\"path\":\"a/b\",\"bytes\":4096}\n"
        );
        let all = JsonLines {
            inodes: true,
            time: Some(TimeKind::Access),
        };
        assert_eq!(
            text(|o| entry(o, &all, &u, b"a")),
            "{\"type\":\"entry\",\"path\":\"a\",\"bytes\":4096,\"inodes\":3,\
             \"atime\":1700000000.000000005}\n"
        );
        let ctime = JsonLines {
            inodes: false,
            time: Some(TimeKind::Change),
        };
        assert_eq!(
            text(|o| total(o, &ctime, &usage(u64::MAX, 1, 0, 0))),
            "{\"type\":\"total\",\"bytes\":18446744073709551615,\"ctime\":0.000000000}\n"
        );
    }

    #[test]
    fn strings_escape_what_json_requires_and_nothing_else() {
        let name = "q\"b\\n\nt\tr\rb\u{8}f\u{c}\u{1}\u{1f}\u{7f}caf\u{e9}\u{2028}";
        assert_eq!(
            text(|o| push_string(o, name)),
            "\"q\\\"b\\\\n\\nt\\tr\\rb\\bf\\f\\u0001\\u001f\u{7f}caf\u{e9}\u{2028}\""
        );
    }

    #[test]
    fn paths_that_are_not_utf8_keep_every_byte() {
        let u = usage(0, 1, 0, 0);
        assert_eq!(
            text(|o| entry(o, &PLAIN, &u, b"d/caf\xe9\xff")),
            "{\"type\":\"entry\",\"path\":\"d/caf\u{fffd}\u{fffd}\",\
             \"path_bytes\":[100,47,99,97,102,233,255],\"bytes\":0}\n"
        );
    }

    #[test]
    fn times_before_the_epoch_and_at_the_extremes() {
        let secs = |sec, nsec| text(|o| push_seconds(o, Stamp { sec, nsec }));
        assert_eq!(secs(-2, 500_000_000), "-1.500000000");
        assert_eq!(secs(-1, 0), "-1.000000000");
        assert_eq!(secs(0, 999_999_999), "0.999999999");
        assert_eq!(secs(i64::MIN, 0), "-9223372036854775808.000000000");
        assert_eq!(secs(i64::MAX, 999_999_999), "9223372036854775807.999999999");
        assert_eq!(text(|o| push_seconds(o, Stamp::NONE)), "null");
    }

    #[test]
    fn the_summary_says_what_was_counted_and_how_it_ended() {
        let s = Summary {
            bytes: 1536,
            files: 7,
            dirs: 2,
            errors: 1,
            elapsed: Duration::new(3, 4_567_891),
            interrupted: true,
        };
        assert_eq!(
            text(|o| summary(o, &s)),
            "{\"type\":\"summary\",\"bytes\":1536,\"files\":7,\"dirs\":2,\"errors\":1,\
             \"elapsed\":3.004567,\"interrupted\":true}\n"
        );
    }
}
