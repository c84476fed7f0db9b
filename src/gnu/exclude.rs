//! --exclude and -X/--exclude-from: the patterns, and whether a path is excluded, as du
//! decides it for each path it meets (the path as du prints it, operand prefix included).
//!
//! A pattern with a wildcard (`?`, `*`, `[` or `]`, not escaped) is matched with `fnmatch`
//! against the whole path and then against every tail that starts after a `/` not followed by
//! another `/`. A pattern without one loses its backslashes (`a\b` means `ab`) and is compared
//! for equality with the whole path and with every tail after a `/`. So `b` excludes `t/a/b`,
//! `a/b` excludes it too, `/b` excludes only paths with `//b`, and `*` excludes every operand.

use std::collections::HashSet;
use std::ffi::CStr;

use crate::gnu::c;
use crate::gnu::fnmatch::Pattern;

/// The patterns of a run; empty unless --exclude or -X gave some.
#[derive(Clone, Debug, Default)]
pub struct Excludes {
    wildcards: Vec<Pattern>,
    literals: HashSet<Vec<u8>>,
}

impl Excludes {
    /// No patterns yet.
    pub(crate) fn new() -> Excludes {
        Excludes::default()
    }

    /// True when nothing is excluded.
    pub(crate) fn is_empty(&self) -> bool {
        self.wildcards.is_empty() && self.literals.is_empty()
    }

    /// Adds one pattern (a C string for du: it ends at a NUL byte).
    pub(crate) fn add(&mut self, pattern: &[u8]) {
        let pattern = c::until_nul(pattern);
        if has_wildcards(pattern) {
            self.wildcards.push(Pattern::new(pattern));
        } else {
            self.literals.insert(unescape(pattern));
        }
    }

    /// Adds the patterns of an -X file: one pattern per line, trailing white space dropped
    /// (leading kept), blank lines skipped, a last line without newline still read.
    pub(crate) fn add_lines(&mut self, content: &[u8]) {
        for line in content.split(|&b| b == b'\n') {
            let end = line
                .iter()
                .rposition(|&b| !c::is_space(b))
                .map_or(0, |i| i + 1);
            if end > 0 {
                self.add(&line[..end]);
            }
        }
    }

    /// Whether du leaves out the entry at fts path `path`.
    pub(crate) fn is_excluded(&self, path: &[u8]) -> bool {
        if !self.literals.is_empty() && self.matches_literal(path) {
            return true;
        }
        if self.wildcards.is_empty() {
            return false;
        }
        // fnmatch wants C strings; every tail of one NUL-terminated copy is one too. Most paths
        // fit on the stack, so a match costs no allocation.
        let mut stack = [0u8; 512];
        let heap;
        let path: &[u8] = if path.len() < stack.len() {
            stack[..path.len()].copy_from_slice(path);
            &stack[..=path.len()]
        } else {
            heap = [path, b"\0"].concat();
            &heap
        };
        self.wildcards
            .iter()
            .any(|p| Self::matches_wildcard(p, path))
    }

    /// Whether a pattern without wildcards names `path`: the whole path, then the
    /// rest after each `/` (empty components included).
    fn matches_literal(&self, path: &[u8]) -> bool {
        let mut tail = path;
        loop {
            if self.literals.contains(tail) {
                return true;
            }
            match tail.iter().position(|&b| b == b'/') {
                Some(slash) => tail = &tail[slash + 1..],
                None => return false,
            }
        }
    }

    /// Whether a wildcard pattern matches `path`: the whole path, then each tail after
    /// a `/` that is not followed by another `/`. `path` ends with its NUL.
    fn matches_wildcard(pattern: &Pattern, path: &[u8]) -> bool {
        let c_str = |s| CStr::from_bytes_until_nul(s).expect("the path ends with NUL");
        if pattern.matches(c_str(path)) {
            return true;
        }
        path.iter().enumerate().any(|(i, &b)| {
            b == b'/' && path.get(i + 1) != Some(&b'/') && pattern.matches(c_str(&path[i + 1..]))
        })
    }
}

/// Whether du treats `pattern` as a wildcard: it has an unescaped `?`, `*`, `[` or `]`.
fn has_wildcards(pattern: &[u8]) -> bool {
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            b'\\' => i += 1,
            b'?' | b'*' | b'[' | b']' => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// A literal pattern as du compares it: a backslash before any character is dropped; a
/// final one stays.
fn unescape(pattern: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pattern.len());
    let mut i = 0;
    while i < pattern.len() {
        if pattern[i] == b'\\' && i + 1 < pattern.len() {
            i += 1;
        }
        out.push(pattern[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excludes(patterns: &[&str]) -> Excludes {
        let mut e = Excludes::new();
        for p in patterns {
            e.add(p.as_bytes());
        }
        e
    }

    /// Which of the paths du printed for `du -a --exclude=P t` were left out, for each P
    /// (checked with du 9.1 on this tree).
    #[test]
    fn tails_and_wildcards_as_du() {
        let paths = [
            "t", "t/.hid", "t/dd", "t/dd/b", "t/a", "t/a/f", "t/a/b", "t/a/b/c", "t/a/x\\y",
            "t/a/xy",
        ];
        let table: &[(&str, &[&str])] = &[
            ("b", &["t/dd/b", "t/a/b"]),
            ("a/b", &["t/a/b"]),
            ("t/a/b", &["t/a/b"]),
            ("./t/a/b", &[]),
            ("/b", &[]),
            ("b/", &[]),
            ("", &[]),
            ("*b", &["t/dd/b", "t/a/b"]),
            ("*/b", &["t/dd/b", "t/a/b"]),
            (
                "t/*",
                &[
                    "t/.hid", "t/dd", "t/dd/b", "t/a", "t/a/f", "t/a/b", "t/a/b/c", "t/a/x\\y",
                    "t/a/xy",
                ],
            ),
            (".*", &["t/.hid"]),
            ("x\\y", &["t/a/xy"]),
            ("x\\\\y", &["t/a/x\\y"]),
            ("x?y", &["t/a/x\\y"]),
            ("\\f", &["t/a/f"]),
            ("c", &["t/a/b/c"]),
        ];
        for (pattern, expected) in table {
            let e = excludes(&[pattern]);
            let got: Vec<&str> = paths
                .iter()
                .copied()
                .filter(|p| e.is_excluded(p.as_bytes()))
                .collect();
            assert_eq!(&got, expected, "pattern {pattern:?}");
        }
        assert!(excludes(&["*"]).is_excluded(b"t"));
        assert!(excludes(&["t"]).is_excluded(b"t"));
        assert!(excludes(&["/b"]).is_excluded(b"t//b"));
        assert!(!excludes(&["/[b]"]).is_excluded(b"t//b"));
        assert!(excludes(&["q", "f"]).is_excluded(b"t/a/f"));
    }

    #[test]
    fn exclude_from_lines() {
        let mut e = excludes(&[]);
        e.add_lines(b"  lead\ntrail \t\n\n   \nlast");
        assert!(e.is_excluded(b"x/  lead"));
        assert!(e.is_excluded(b"x/trail"));
        assert!(!e.is_excluded(b"x/trail "));
        assert!(e.is_excluded(b"x/last"));
        assert!(!e.is_excluded(b"x/lead"));
        let mut e = excludes(&[]);
        e.add_lines(b"");
        e.add_lines(b"\n \n");
        assert!(e.is_empty());
    }

    #[test]
    fn wildcard_detection_and_unescaping() {
        assert!(has_wildcards(b"a*"));
        assert!(has_wildcards(b"]"));
        assert!(!has_wildcards(b"a\\*"));
        assert!(!has_wildcards(b"a\\"));
        assert!(!has_wildcards(b"a.b{c}"));
        assert_eq!(unescape(b"a\\*b\\\\c\\"), b"a*b\\c\\");
    }
}
