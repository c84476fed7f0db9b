//! --exclude's wildcard patterns: matched by the C library's `fnmatch(pattern, name, 0)`,
//! exactly the call du makes. With no flags, `*` and `?` match any character including `/`, a
//! leading `.` is not special, `\\` escapes, and brackets take ranges, `!`/`^` negation (`^` only
//! without POSIXLY_CORRECT), `[:class:]`, `[=c=]` and `[.c.]`. In a UTF-8 locale glibc
//! matches characters, and falls back to bytes when the characters do not match or are not
//! valid UTF-8 (so `caf??` excludes `café` as `caf?` does).

use std::ffi::{CStr, CString};

use crate::gnu::c;
use crate::sys;

/// A pattern ready for `fnmatch`.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pattern: CString,
}

impl Pattern {
    /// Prepares `pattern` (a C string: anything from a NUL byte on is ignored).
    pub(crate) fn new(pattern: &[u8]) -> Pattern {
        let pattern = CString::new(c::until_nul(pattern)).expect("no NUL before the end");
        Pattern { pattern }
    }

    /// Whether `name` matches the whole pattern, in the process's locale.
    pub(crate) fn matches(&self, name: &CStr) -> bool {
        sys::fnmatch::fnmatch(&self.pattern, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::locale::with_locale;

    /// Whether `pattern` matches `name` in the C locale (the test process never calls
    /// setlocale, so it stays in "C").
    fn m(pattern: &str, name: &str) -> bool {
        matches(pattern.as_bytes(), name.as_bytes())
    }

    fn matches(pattern: &[u8], name: &[u8]) -> bool {
        let name = CString::new(name).expect("test names have no NUL");
        Pattern::new(pattern).matches(&name)
    }

    /// `matches` with this thread in the C.UTF-8 locale.
    fn utf8(pattern: &str, name: &str) -> bool {
        with_locale(c"C.UTF-8", || matches(pattern.as_bytes(), name.as_bytes()))
    }

    #[test]
    fn stars_and_questions_cross_slashes_and_dots() {
        assert!(m("*", ""));
        assert!(m("*", "a/b"));
        assert!(m("*", ".hidden"));
        assert!(m("a*b", "a/x/b"));
        assert!(m("*b", "ab"));
        assert!(!m("*b", "ba"));
        assert!(m("a?c", "a/c"));
        assert!(!m("a?c", "ac"));
        assert!(m("*?", "x"));
        assert!(!m("*??", "x"));
        assert!(m("**a", "a"));
        assert!(m("*a*b*c*", "xxaxxbxxcxx"));
        assert!(!m("*a*b*c*", "xxaxxcxxbxx"));
        assert!(m("*.txt", "a.b.txt"));
        assert!(m("a*a", "aaa"));
        assert!(!m("a*a", "a"));
    }

    #[test]
    fn escapes() {
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("x\\y", "xy"));
        assert!(!m("x\\", "x\\"));
        assert!(!m("x\\", "x"));
        assert!(m("*\\y", "aay"));
        assert!(!m("*\\", "a\\"));
    }

    #[test]
    fn brackets() {
        assert!(m("[abc]", "b"));
        assert!(!m("[abc]", "d"));
        assert!(m("[!abc]", "d"));
        assert!(m("[^abc]", "d"));
        assert!(!m("[^abc]", "a"));
        assert!(m("[a-c]", "b"));
        assert!(!m("[c-a]", "b"));
        assert!(m("[]]", "]"));
        assert!(m("[]a]", "a"));
        assert!(m("[!]]", "a"));
        assert!(m("[a-]", "-"));
        assert!(m("[--0]", "."));
        assert!(m("[[:alpha:]]", "q"));
        assert!(!m("[[:alpha:]]", "1"));
        assert!(m("[[:digit:][:upper:]]", "Q"));
        assert!(!m("[[:bogus:]]", "a"));
        assert!(m("[[=a=]]", "a"));
        assert!(m("[[.a.]]", "a"));
        assert!(m("[[.a.]-c]", "b"));
        assert!(!m("[[.ab.]]", "a"));
        assert!(m("[\\]]", "]"));
        assert!(m("[a\\-z]", "-"));
        assert!(!m("[a\\-z]", "b"));
        // A bracket with no `]` is an ordinary `[`, unless it matched first.
        assert!(m("[a", "[a"));
        assert!(!m("[a", "a"));
        assert!(!m("x[\\]y", "x\\y"));
        // `[:` that is not a class name makes `[` a member.
        assert!(m("[[:A]", ":"));
        assert!(m("[[:A]", "["));
    }

    /// Odd patterns, each tried with du 9.1 (`du -a --exclude='g/PATTERN' g`) over files named
    /// as below: the names each one excluded.
    #[test]
    fn odd_patterns_as_du_matched_them() {
        let names = ["[", "[:", "a", "[a", ":", "x\\y", "-", "b", "]", "^"];
        let table: &[(&str, &[&str])] = &[
            ("[[:alpha:]", &["[:", "[a"]),
            ("[a", &["[a"]),
            ("[[:A]", &["[", ":"]),
            ("x[\\]y", &[]),
            ("[a-", &[]),
            ("[!]", &[]),
            ("[]", &[]),
            ("[\\", &[]),
            ("[[.a.]-c]", &["a", "b"]),
            ("[[=a=]", &["[a"]),
            ("[[.-.]]", &["-"]),
        ];
        for (pattern, expected) in table {
            let mut got: Vec<&str> = names.iter().copied().filter(|n| m(pattern, n)).collect();
            got.sort_unstable();
            let mut want = expected.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "pattern {pattern:?}");
        }
    }

    // POSIXLY_CORRECT (which glibc reads once per process) is checked against du in
    // tests/more_flags.rs.

    /// In C.UTF-8 glibc 2.36 matches characters first, then bytes; a pattern or name that is
    /// not UTF-8 is matched byte by byte; ranges compare code points, but a bound or a
    /// character above U+00FF has no collation value there (so `[α-ω]` misses `β`).
    #[test]
    fn characters_in_utf8_bytes_otherwise() {
        assert!(!m("caf?", "café"));
        assert!(utf8("caf?", "café"));
        assert!(utf8("caf??", "café"));
        assert!(utf8("caf[é]", "café"));
        assert!(utf8("caf[!a][!a]", "café"));
        assert!(!utf8("caf[!é][!é]", "café"));
        assert!(!utf8("[[:alpha:]][[:alpha:]]", "é"));
        let bytes = |p: &[u8], n: &[u8]| with_locale(c"C.UTF-8", || matches(p, n));
        assert!(bytes(b"bad?", b"bad\xff"));
        assert!(bytes(b"ba?\xff", b"bad\xff"));
        assert!(utf8("[é]", "é"));
        assert!(!m("[é]", "é"));
        assert!(utf8("[à-ê]", "é"));
        assert!(!utf8("[α-ω]", "β"));
        assert!(utf8("[!α-ω]", "β"));
        assert!(utf8("[[:alpha:]]", "Ω"));
        assert!(utf8("[[:punct:]]", "€"));
        assert!(!m("[[:alpha:]]", "Ω"));
    }

    #[test]
    fn a_pattern_ends_at_nul() {
        assert!(matches(b"a*\0b", b"abc"));
        assert!(matches(b"\0x", b""));
    }
}
