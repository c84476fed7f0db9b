//! Shell wildcard matching as glibc 2.36's `fnmatch(pattern, name, 0)` does it for du's
//! --exclude: `*` and `?` match any character including `/`, a leading `.` is not special,
//! `\` escapes, brackets with ranges, `!`/`^` negation and `[:class:]`, `[=c=]`, `[.c.]`.
//!
//! The control flow is glibc's `fnmatch_loop.c` for these flags, quirks included: an
//! unterminated `[` is an ordinary character only where the bracket has not matched yet, an
//! unknown class name never matches, `^` negates only when POSIXLY_CORRECT is unset. In a UTF-8
//! locale glibc matches characters, not bytes, and falls back to bytes when the pattern or the
//! name is not valid UTF-8 (glibc 2.34 and later); the C and C.UTF-8 locales have no collation
//! rules, so ranges compare code points, and a range bound or a name character above U+00FF has
//! no collation value in C.UTF-8 (checked with du: `[α-ω]` does not match `β` there). When the
//! characters do not match, glibc 2.36 still tries the bytes (so `??` matches `é`).

use crate::quote::{Charset, is_printable_char};
use crate::wctype::{ALPHA, LOWER, UPPER, in_ranges};

/// How names are matched: by byte (single-byte locales, or invalid UTF-8) or by character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    /// The locale's character set.
    pub charset: Charset,
    /// POSIXLY_CORRECT is set: `[^...]` is not a negation.
    pub posixly_correct: bool,
}

/// A pattern prepared for matching: its bytes, and its characters when it is valid UTF-8.
#[derive(Clone, Debug)]
pub struct Pattern {
    bytes: Vec<u32>,
    chars: Option<Vec<u32>>,
}

impl Pattern {
    /// Prepares `pattern` (a C string: anything from a NUL byte on is ignored).
    pub fn new(pattern: &[u8]) -> Pattern {
        let pattern = match pattern.iter().position(|&b| b == 0) {
            Some(end) => &pattern[..end],
            None => pattern,
        };
        Pattern {
            bytes: pattern.iter().map(|&b| u32::from(b)).collect(),
            chars: decode(pattern),
        }
    }

    /// Whether `name` matches the whole pattern. In a UTF-8 locale glibc 2.36 answers yes
    /// when the characters match or, failing that (or when either is not valid UTF-8), the
    /// bytes do: with du, `caf?` and `caf??` both exclude `café`, `caf[é]` does, and
    /// `caf[!é][!é]` does not.
    pub fn matches(&self, name: &[u8], mode: Mode) -> bool {
        if mode.charset == Charset::Utf8
            && let Some(chars) = &self.chars
            && let Some(name) = decode(name)
            && Matcher::wide(chars, &name, mode).run()
        {
            return true;
        }
        Matcher::bytes(&self.bytes, name, mode).run()
    }
}

/// The characters of `s` as code points, if it is valid UTF-8.
fn decode(s: &[u8]) -> Option<Vec<u32>> {
    std::str::from_utf8(s)
        .ok()
        .map(|s| s.chars().map(u32::from).collect())
}

/// glibc's CHAR_CLASS_MAX_LENGTH: a longer `[:name:]` makes the pattern fail.
const CHAR_CLASS_MAX_LENGTH: usize = 256;

/// Where a nested match stopped at the next `*` (glibc's `struct STRUCT ends`).
#[derive(Clone, Copy)]
struct End {
    pattern: usize,
    string: usize,
}

/// The name being matched: bytes, or characters in a UTF-8 locale.
#[derive(Clone, Copy)]
enum Name<'a> {
    Bytes(&'a [u8]),
    Chars(&'a [u32]),
}

impl Name<'_> {
    fn len(self) -> usize {
        match self {
            Name::Bytes(b) => b.len(),
            Name::Chars(c) => c.len(),
        }
    }

    fn at(self, i: usize) -> u32 {
        match self {
            Name::Bytes(b) => u32::from(b[i]),
            Name::Chars(c) => c[i],
        }
    }
}

/// One call of glibc's matcher over code units (bytes or characters).
struct Matcher<'a> {
    pat: &'a [u32],
    name: Name<'a>,
    wide: bool,
    posixly_correct: bool,
}

/// What ended a bracket expression.
enum Bracket {
    /// A member matched: skip to the closing `]`.
    Matched,
    /// The list ended at `]` without a match.
    Unmatched,
    /// No closing `]`: the `[` is an ordinary character.
    Unterminated,
    /// The pattern is ill-formed here: no match at all.
    Fail,
}

impl<'a> Matcher<'a> {
    fn bytes(pat: &'a [u32], name: &'a [u8], mode: Mode) -> Matcher<'a> {
        Matcher {
            pat,
            name: Name::Bytes(name),
            wide: false,
            posixly_correct: mode.posixly_correct,
        }
    }

    fn wide(pat: &'a [u32], name: &'a [u32], mode: Mode) -> Matcher<'a> {
        Matcher {
            pat,
            name: Name::Chars(name),
            wide: true,
            posixly_correct: mode.posixly_correct,
        }
    }

    fn run(&self) -> bool {
        self.fct(0, 0, None)
    }

    /// The pattern's unit at `i`, or 0 past its end (C's terminating NUL).
    fn pc(&self, i: usize) -> u32 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// glibc's FCT: match `pat[p..]` against `name[n..]`. With `ends`, stop with success at the
    /// first `*` and say where.
    fn fct(&self, mut p: usize, mut n: usize, mut ends: Option<&mut End>) -> bool {
        let end = self.name.len();
        loop {
            let c = self.pc(p);
            p += 1;
            if c == 0 {
                break;
            }
            match char::from_u32(c) {
                Some('?') => {
                    if n == end {
                        return false;
                    }
                }
                Some('\\') => {
                    let c = self.pc(p);
                    p += 1;
                    if c == 0 || n == end || self.name.at(n) != c {
                        return false;
                    }
                }
                Some('*') => {
                    if let Some(e) = ends.as_deref_mut() {
                        e.pattern = p - 1;
                        e.string = n;
                        return true;
                    }
                    let mut c = self.pc(p);
                    p += 1;
                    while c == u32::from('?') || c == u32::from('*') {
                        if c == u32::from('?') {
                            if n == end {
                                return false;
                            }
                            n += 1;
                        }
                        c = self.pc(p);
                        p += 1;
                    }
                    if c == 0 {
                        return true;
                    }
                    // Try each place the rest could start; a nested match stops at the next
                    // `*`, from where this loop carries on (no backtracking past a `*`).
                    p -= 1;
                    let literal = if c == u32::from('[') {
                        None
                    } else if c == u32::from('\\') {
                        Some(self.pc(p + 1))
                    } else {
                        Some(c)
                    };
                    let mut found = None;
                    for start in n..end {
                        if literal.is_some_and(|l| self.name.at(start) != l) {
                            continue;
                        }
                        let mut e = End {
                            pattern: usize::MAX,
                            string: 0,
                        };
                        if self.fct(p, start, Some(&mut e)) {
                            found = Some(e);
                            break;
                        }
                    }
                    match found {
                        None => return false,
                        Some(e) if e.pattern == usize::MAX => return true,
                        Some(e) => {
                            p = e.pattern;
                            n = e.string;
                            continue;
                        }
                    }
                }
                Some('[') => {
                    if n == end {
                        return false;
                    }
                    let mut q = p;
                    match self.bracket(&mut q, self.name.at(n)) {
                        Bracket::Fail => return false,
                        Bracket::Unmatched => return false,
                        Bracket::Matched => p = q,
                        Bracket::Unterminated => {
                            // Match the `[` itself and go on after it.
                            if self.name.at(n) != u32::from('[') {
                                return false;
                            }
                        }
                    }
                }
                _ => {
                    if n == end || c != self.name.at(n) {
                        return false;
                    }
                }
            }
            n += 1;
        }
        n == end
    }

    /// The bracket expression starting after `[` at `*p`, tested against `fch`. On `Matched`,
    /// `*p` ends up after the closing `]` (or `Fail` when there is none after the match). A
    /// negated list turns `Matched` and `Unmatched` around.
    fn bracket(&self, p: &mut usize, fch: u32) -> Bracket {
        let not = self.pc(*p) == u32::from('!')
            || (!self.posixly_correct && self.pc(*p) == u32::from('^'));
        if not {
            *p += 1;
        }
        let outcome = self.members(p, fch);
        match (outcome, not) {
            (Bracket::Matched, false) => {
                if self.skip_rest(p) {
                    Bracket::Matched
                } else {
                    Bracket::Fail
                }
            }
            (Bracket::Matched, true) => {
                // glibc still checks that the rest is well-formed before failing.
                Bracket::Unmatched
            }
            (Bracket::Unmatched, true) => Bracket::Matched,
            (other, _) => other,
        }
    }

    /// The members of a bracket list up to `]`; leaves `*p` after the `]` on `Unmatched`.
    fn members(&self, p: &mut usize, fch: u32) -> Bracket {
        let br = u32::from('[');
        let mut c = self.pc(*p);
        *p += 1;
        loop {
            // glibc's `normal_bracket`: `c` is an ordinary member, possibly a range start.
            let mut ordinary = None;
            if c == u32::from('\\') {
                if self.pc(*p) == 0 {
                    return Bracket::Fail;
                }
                ordinary = Some(self.pc(*p));
                *p += 1;
            } else if c == br && self.pc(*p) == u32::from(':') {
                let start = *p;
                let mut name = String::new();
                let mut is_class = true;
                loop {
                    if name.len() == CHAR_CLASS_MAX_LENGTH {
                        return Bracket::Fail;
                    }
                    *p += 1;
                    let k = self.pc(*p);
                    if k == u32::from(':') && self.pc(*p + 1) == u32::from(']') {
                        *p += 2;
                        break;
                    }
                    if !(u32::from('a')..u32::from('z')).contains(&k) {
                        // Not a class name after all: `[` is an ordinary member.
                        *p = start;
                        is_class = false;
                        break;
                    }
                    name.push(char::from_u32(k).unwrap_or('?'));
                }
                if is_class {
                    let Some(class) = Class::named(&name) else {
                        return Bracket::Fail;
                    };
                    if class.contains(fch, self.wide) {
                        return Bracket::Matched;
                    }
                    c = self.pc(*p);
                    *p += 1;
                    if c == u32::from(']') {
                        return Bracket::Unmatched;
                    }
                    continue;
                }
                ordinary = Some(br);
            } else if c == br && self.pc(*p) == u32::from('=') {
                // An equivalence class: without collation rules, just the character.
                let start = *p;
                let k = self.pc(*p + 1);
                if k != 0 && self.pc(*p + 2) == u32::from('=') && self.pc(*p + 3) == u32::from(']')
                {
                    *p += 4;
                    if fch == k {
                        return Bracket::Matched;
                    }
                    c = self.pc(*p);
                    *p += 1;
                    if c == u32::from(']') {
                        return Bracket::Unmatched;
                    }
                    continue;
                }
                *p = start;
                ordinary = Some(br);
            } else if c == 0 {
                return Bracket::Unterminated;
            }

            // An ordinary member or a collating symbol `[.c.]`, maybe the start of a range.
            let (cold, is_seqval);
            if ordinary.is_none() && c == br && self.pc(*p) == u32::from('.') {
                let start = *p;
                let mut len = 0;
                loop {
                    *p += 1;
                    let k = self.pc(*p);
                    if k == u32::from('.') && self.pc(*p + 1) == u32::from(']') {
                        *p += 2;
                        break;
                    }
                    if k == 0 {
                        return Bracket::Fail;
                    }
                    len += 1;
                }
                let is_range = self.pc(*p) == u32::from('-') && self.pc(*p + 1) != 0;
                // Without collation rules only one-character names exist.
                if len != 1 {
                    return Bracket::Fail;
                }
                let symbol = self.pc(start + 1);
                if !is_range && fch == symbol {
                    return Bracket::Matched;
                }
                cold = symbol;
                is_seqval = false;
            } else {
                let member = ordinary.unwrap_or(c);
                let is_range = self.pc(*p) == u32::from('-')
                    && self.pc(*p + 1) != 0
                    && self.pc(*p + 1) != u32::from(']');
                if !is_range && member == fch {
                    return Bracket::Matched;
                }
                cold = member;
                is_seqval = false;
            }
            c = self.pc(*p);
            *p += 1;

            if c == u32::from('-') && self.pc(*p) != u32::from(']') {
                let mut cend = self.pc(*p);
                *p += 1;
                if cend == br && self.pc(*p) == u32::from('.') {
                    let start = *p;
                    let mut len = 0;
                    loop {
                        *p += 1;
                        let k = self.pc(*p);
                        if k == u32::from('.') && self.pc(*p + 1) == u32::from(']') {
                            *p += 2;
                            break;
                        }
                        if k == 0 {
                            return Bracket::Fail;
                        }
                        len += 1;
                    }
                    if len != 1 {
                        return Bracket::Fail;
                    }
                    cend = self.pc(start + 1);
                } else {
                    if cend == u32::from('\\') {
                        cend = self.pc(*p);
                        *p += 1;
                    }
                    if cend == 0 {
                        return Bracket::Fail;
                    }
                }
                if self.in_range(fch, cold, is_seqval, cend) {
                    return Bracket::Matched;
                }
                c = self.pc(*p);
                *p += 1;
            }

            if c == u32::from(']') {
                return Bracket::Unmatched;
            }
        }
    }

    /// glibc's range test through collation sequence values: the identity on bytes, and on
    /// characters up to U+00FF in C.UTF-8 (others have none).
    fn in_range(&self, fch: u32, cold: u32, is_seqval: bool, cend: u32) -> bool {
        let collseq = |ch: u32| -> Option<u32> { (!self.wide || ch <= 0xff).then_some(ch) };
        let Some(fcoll) = collseq(fch) else {
            return false;
        };
        let lcoll = if is_seqval {
            cold
        } else {
            collseq(cold).unwrap_or(u32::MAX)
        };
        if !(lcoll == u32::MAX || lcoll <= fcoll) {
            return false;
        }
        match collseq(cend) {
            // No value for the upper bound: only the lower bound itself matches.
            None => lcoll == fcoll,
            Some(hcoll) => lcoll <= hcoll && fcoll <= hcoll,
        }
    }

    /// After a match inside a bracket, skips to just past its `]`; false when the bracket is
    /// unterminated or ill-formed (glibc: "[... (unterminated) loses").
    fn skip_rest(&self, p: &mut usize) -> bool {
        loop {
            let c = self.pc(*p);
            *p += 1;
            if c == u32::from(']') {
                return true;
            }
            if c == 0 {
                return false;
            }
            if c == u32::from('\\') {
                if self.pc(*p) == 0 {
                    return false;
                }
                *p += 1;
            } else if c == u32::from('[') && self.pc(*p) == u32::from(':') {
                let start = *p;
                let mut count = 0;
                loop {
                    *p += 1;
                    let k = self.pc(*p);
                    count += 1;
                    if count == CHAR_CLASS_MAX_LENGTH {
                        return false;
                    }
                    if k == u32::from(':') && self.pc(*p + 1) == u32::from(']') {
                        break;
                    }
                    if !(u32::from('a')..u32::from('z')).contains(&k) {
                        // glibc backs up to before the `[`, then skips two: past the `[:`.
                        *p = start - 2;
                        break;
                    }
                }
                *p += 2;
            } else if c == u32::from('[') && self.pc(*p) == u32::from('=') {
                *p += 1;
                if self.pc(*p) == 0 {
                    return false;
                }
                *p += 1;
                if self.pc(*p) != u32::from('=') || self.pc(*p + 1) != u32::from(']') {
                    return false;
                }
                *p += 2;
            } else if c == u32::from('[') && self.pc(*p) == u32::from('.') {
                loop {
                    *p += 1;
                    let k = self.pc(*p);
                    if k == 0 {
                        return false;
                    }
                    if k == u32::from('.') && self.pc(*p + 1) == u32::from(']') {
                        break;
                    }
                }
                *p += 2;
            }
        }
    }
}

/// The POSIX character classes `wctype` knows in the C and C.UTF-8 locales.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Alnum,
    Alpha,
    Blank,
    Cntrl,
    Digit,
    Graph,
    Lower,
    Print,
    Punct,
    Space,
    Upper,
    Xdigit,
}

impl Class {
    fn named(name: &str) -> Option<Class> {
        Some(match name {
            "alnum" => Class::Alnum,
            "alpha" => Class::Alpha,
            "blank" => Class::Blank,
            "cntrl" => Class::Cntrl,
            "digit" => Class::Digit,
            "graph" => Class::Graph,
            "lower" => Class::Lower,
            "print" => Class::Print,
            "punct" => Class::Punct,
            "space" => Class::Space,
            "upper" => Class::Upper,
            "xdigit" => Class::Xdigit,
            _ => return None,
        })
    }

    /// Whether `ch` is in the class: ASCII rules for bytes (bytes above 0x7f are in no class in
    /// these locales), glibc's C.UTF-8 tables for characters (checked against `iswctype` for
    /// every code point).
    fn contains(self, ch: u32, wide: bool) -> bool {
        if ch < 0x80 {
            let b = ch as u8;
            return match self {
                Class::Alnum => b.is_ascii_alphanumeric(),
                Class::Alpha => b.is_ascii_alphabetic(),
                Class::Blank => b == b' ' || b == b'\t',
                Class::Cntrl => b.is_ascii_control(),
                Class::Digit => b.is_ascii_digit(),
                Class::Graph => b.is_ascii_graphic(),
                Class::Lower => b.is_ascii_lowercase(),
                Class::Print => b.is_ascii_graphic() || b == b' ',
                Class::Punct => b.is_ascii_punctuation(),
                Class::Space => matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
                Class::Upper => b.is_ascii_uppercase(),
                Class::Xdigit => b.is_ascii_hexdigit(),
            };
        }
        if !wide {
            return false;
        }
        let space = matches!(
            ch,
            0x1680 | 0x2000..=0x2006 | 0x2008..=0x200a | 0x2028 | 0x2029 | 0x205f | 0x3000
        );
        let print = is_printable_char(ch);
        let alpha = || in_ranges(ALPHA, ch);
        match self {
            Class::Alnum | Class::Alpha => alpha(),
            Class::Blank => space && !matches!(ch, 0x2028 | 0x2029),
            Class::Cntrl => (0x80..0xa0).contains(&ch) || matches!(ch, 0x2028 | 0x2029),
            Class::Digit | Class::Xdigit => false,
            Class::Graph => print && !space,
            Class::Lower => in_ranges(LOWER, ch),
            Class::Print => print,
            Class::Punct => print && !space && !alpha(),
            Class::Space => space,
            Class::Upper => in_ranges(UPPER, ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Mode = Mode {
        charset: Charset::Ascii,
        posixly_correct: false,
    };
    const UTF8: Mode = Mode {
        charset: Charset::Utf8,
        posixly_correct: false,
    };

    fn m(pattern: &str, name: &str) -> bool {
        Pattern::new(pattern.as_bytes()).matches(name.as_bytes(), C)
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
            let p = Pattern::new(pattern.as_bytes());
            let mut got: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| p.matches(n.as_bytes(), C))
                .collect();
            got.sort_unstable();
            let mut want = expected.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "pattern {pattern:?}");
        }
    }

    #[test]
    fn posixly_correct_turns_off_caret_negation() {
        let posix = Mode {
            charset: Charset::Ascii,
            posixly_correct: true,
        };
        let p = Pattern::new(b"[^a]");
        assert!(!p.matches(b"b", posix));
        assert!(p.matches(b"^", posix));
        assert!(p.matches(b"a", posix));
    }

    #[test]
    fn characters_in_utf8_bytes_otherwise() {
        let p = Pattern::new("caf?".as_bytes());
        assert!(!p.matches("café".as_bytes(), C));
        assert!(p.matches("café".as_bytes(), UTF8));
        // Characters first, then bytes, as glibc 2.36 does it.
        assert!(Pattern::new(b"caf??").matches("café".as_bytes(), UTF8));
        assert!(Pattern::new("caf[é]".as_bytes()).matches("café".as_bytes(), UTF8));
        assert!(Pattern::new(b"caf[!a][!a]").matches("café".as_bytes(), UTF8));
        assert!(!Pattern::new("caf[!é][!é]".as_bytes()).matches("café".as_bytes(), UTF8));
        assert!(!Pattern::new(b"[[:alpha:]][[:alpha:]]").matches("é".as_bytes(), UTF8));
        // A name that is not UTF-8 is matched byte by byte even in a UTF-8 locale.
        assert!(Pattern::new(b"bad?").matches(b"bad\xff", UTF8));
        assert!(Pattern::new(b"ba?\xff").matches(b"bad\xff", UTF8));
        assert!(Pattern::new("[é]".as_bytes()).matches("é".as_bytes(), UTF8));
        assert!(!Pattern::new("[é]".as_bytes()).matches("é".as_bytes(), C));
        assert!(Pattern::new("[à-ê]".as_bytes()).matches("é".as_bytes(), UTF8));
        assert!(!Pattern::new("[α-ω]".as_bytes()).matches("β".as_bytes(), UTF8));
        assert!(Pattern::new("[!α-ω]".as_bytes()).matches("β".as_bytes(), UTF8));
        assert!(Pattern::new("[[:alpha:]]".as_bytes()).matches("Ω".as_bytes(), UTF8));
        assert!(Pattern::new("[[:punct:]]".as_bytes()).matches("€".as_bytes(), UTF8));
    }
}
