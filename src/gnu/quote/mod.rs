//! GNU quoting of file names and arguments in diagnostics: the three gnulib `quotearg` styles
//! du 9.1 uses, byte for byte.
//!
//! * [`quote_always`] is `quoteaf()` ("shell-escape-always"): `'name'`, with control characters,
//!   invalid bytes and unprintable characters as `$'\ooo'` pieces, `'` as `'\''`, and
//!   `"name"` instead when the name contains `'` but nothing that needs escaping.
//! * [`quote_if_needed`] is `quotef()` ("shell-escape" plus `:`): the name as it is unless it
//!   holds something a shell (or a `file:line:` reader) would misread, otherwise as
//!   [`quote_always`].
//! * [`quote_locale`] is `quote()` ("locale"): `'arg'`, `‘arg’` in a UTF-8 locale, or between
//!   the marks coreutils' catalog gives (`« arg »` in French), with C backslash escapes (`\n`,
//!   `\\`, `\303`, and the closing quotation mark as `\'` or `\’`).
//!
//! What is printable is the C library's answer in the calling thread's locale, asked as gnulib
//! asks it: in a single-byte locale `isprint` of the byte (in "C" only ASCII 0x20..=0x7e, in
//! Latin-1 also `é`), otherwise `mbrtowc` and then `iswprint` of the character. A sequence that
//! is invalid is escaped one byte at a time, one cut short by the end of the name all at once,
//! and a character that is not printable all its bytes. [`Quotes`] says where the quotation
//! marks of [`quote_locale`] come from (the locale's catalog and codeset, or given marks).
//!
//! The input is treated as a C string: anything from the first NUL byte on is ignored (file
//! names and command-line arguments cannot contain NUL anyway).

mod always;
mod if_needed;
mod locale;

pub(crate) use always::quote_always;
pub(crate) use if_needed::quote_if_needed;
pub(crate) use locale::quote_locale;

use std::borrow::Cow;
use std::ffi::CStr;

use crate::sys::locale::{self as c_locale, Decoded, Shift};
use crate::sys::messages::{COREUTILS, translation};

/// The quotation marks of [`quote_locale`], as gnulib's `gettext_quote` finds each: its
/// translation in coreutils' catalog (French: `«`+NBSP and NBSP+`»`, in the locale's
/// codeset), else `‘` and `’` in a UTF-8 locale, else `'` and `'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotes(Marks);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Marks {
    /// The locale's, asked for each time a message quotes, as gnulib's quote() asks: a run
    /// that prints no such message never opens a catalog for them.
    Locale,
    /// These.
    Fixed { left: Vec<u8>, right: Vec<u8> },
}

impl Quotes {
    /// `'arg'`: the marks of "C" and of any codeset but UTF-8 (and GB18030) with no catalog.
    pub fn ascii() -> Quotes {
        Quotes::new(b"'", b"'")
    }

    /// `‘arg’`: the marks of a UTF-8 locale with no catalog.
    pub fn utf8() -> Quotes {
        Quotes::new("\u{2018}".as_bytes(), "\u{2019}".as_bytes())
    }

    /// These marks.
    pub fn new(left: &[u8], right: &[u8]) -> Quotes {
        Quotes(Marks::Fixed {
            left: left.to_vec(),
            right: right.to_vec(),
        })
    }

    /// The marks of the calling thread's locale when a message asks (LC_MESSAGES for the
    /// catalog, LC_CTYPE for the codeset): each mark on its own, so a catalog may translate
    /// one.
    pub fn of_locale() -> Quotes {
        Quotes(Marks::Locale)
    }

    /// The opening and the closing mark (quote_locale escapes the latter wherever the
    /// argument holds it).
    pub(crate) fn marks(&self) -> (Cow<'_, [u8]>, Cow<'_, [u8]>) {
        match &self.0 {
            Marks::Fixed { left, right } => (Cow::Borrowed(left), Cow::Borrowed(right)),
            Marks::Locale => {
                let codeset = c_locale::codeset();
                let mark = |msgid: &CStr| {
                    translation(COREUTILS, msgid).unwrap_or_else(|| fallback_mark(msgid, &codeset))
                };
                (Cow::Owned(mark(c"`")), Cow::Owned(mark(c"'")))
            }
        }
    }
}

/// gettext_quote's mark for `msgid` (a backquote or an apostrophe) when no catalog has one:
/// by `locale_charset()`, compared without regard to case. GB18030's left mark is gnulib's
/// literal `"\xa1\ae"` as C reads it (0xA1, BEL, `e`), which du prints.
fn fallback_mark(msgid: &CStr, codeset: &[u8]) -> Vec<u8> {
    let left = msgid.to_bytes() == b"`";
    let marks: (&[u8], &[u8]) = if codeset.eq_ignore_ascii_case(b"UTF-8") {
        ("\u{2018}".as_bytes(), "\u{2019}".as_bytes())
    } else if codeset.eq_ignore_ascii_case(b"GB18030") {
        (b"\xa1\x07e", b"\xa1\xaf")
    } else {
        (b"'", b"'")
    };
    if left { marks.0 } else { marks.1 }.to_vec()
}

/// The letter of the C escape for the controls that have one.
fn c_escape_letter(c: u8) -> Option<u8> {
    match c {
        0x07 => Some(b'a'),
        0x08 => Some(b'b'),
        0x0c => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0x0b => Some(b'v'),
        _ => None,
    }
}

/// `isprint` of an ASCII byte, the same in every locale glibc has.
fn is_printable_ascii(c: u8) -> bool {
    (0x20..=0x7e).contains(&c)
}

/// The three octal digits of `c`.
fn octal_digits(c: u8) -> [u8; 3] {
    [b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)]
}

/// Backslash and three octal digits.
fn push_octal(out: &mut Vec<u8>, c: u8) {
    out.push(b'\\');
    out.extend_from_slice(&octal_digits(c));
}

/// How gnulib's quotearg reads the bytes at a byte that is not ASCII.
struct Sequence {
    /// How many bytes it takes: copied as they are if printable, else escaped one by one.
    len: usize,
    /// Whether every character in it is printable (false for an invalid or cut sequence).
    printable: bool,
    /// Whether a character's byte after its first is one of `[\^`|`, which gnulib's
    /// shell-escape style quotes for the sake of old shells.
    has_shell_special_tail: bool,
}

/// Reads the sequence at the start of `s` (`s[0] >= 0x80`) in the thread's locale: one byte
/// and `isprint` in a single-byte locale; else characters by `mbrtowc` until the shift state
/// is the initial one again, printable if `iswprint` accepts each of them. An invalid sequence
/// is one unprintable byte; one that the end of `s` cuts short, the rest of `s`.
fn sequence_at(s: &[u8]) -> Sequence {
    if c_locale::is_unibyte() {
        return Sequence {
            len: 1,
            printable: c_locale::is_printable_byte(s[0]),
            has_shell_special_tail: false,
        };
    }
    let mut shift = Shift::new();
    let mut seq = Sequence {
        len: 0,
        printable: true,
        has_shell_special_tail: false,
    };
    loop {
        match shift.decode(&s[seq.len..]) {
            Decoded::Char { len: 0, .. } => break,
            Decoded::Char { len, wc } => {
                let tail = &s[seq.len + 1..seq.len + len];
                seq.has_shell_special_tail |= tail.iter().any(|b| b"[\\^`|".contains(b));
                seq.printable &= c_locale::is_printable_wide(wc);
                seq.len += len;
            }
            Decoded::Invalid => {
                seq.printable = false;
                break;
            }
            Decoded::Incomplete => {
                seq.printable = false;
                seq.len = s.len();
                break;
            }
        }
        if shift.is_initial() {
            break;
        }
    }
    seq.len = seq.len.max(1);
    seq
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::locale::{try_with_locale, with_locale};
    use std::ffi::CStr;

    /// Checks `quote` against du's answers in `table`, with this thread in `locale`.
    pub(super) fn check(table: &[(&[u8], &[u8])], quote: impl Fn(&[u8]) -> Vec<u8>, locale: &CStr) {
        with_locale(locale, || {
            for &(name, expected) in table {
                assert_eq!(
                    quote(name),
                    expected,
                    "{:?} in {locale:?}: got {:?}, du says {:?}",
                    String::from_utf8_lossy(name),
                    String::from_utf8_lossy(&quote(name)),
                    String::from_utf8_lossy(expected),
                );
            }
        });
    }

    #[test]
    fn empty_and_nul() {
        for locale in [c"C", c"C.UTF-8"] {
            with_locale(locale, || {
                assert_eq!(quote_always(b""), b"''");
                assert_eq!(quote_if_needed(b""), b"''");
                // C strings end at the first NUL.
                assert_eq!(quote_always(b"a\0b"), b"'a'");
                assert_eq!(quote_if_needed(b"a\0'"), b"a");
                assert_eq!(quote_if_needed(b"\0"), b"''");
            });
        }
        with_locale(c"C", || {
            assert_eq!(quote_locale(b"x\0\n", &Quotes::ascii()), b"'x'");
        });
    }

    /// The marks `quotes` stands for, as bytes.
    fn owned(quotes: &Quotes) -> (Vec<u8>, Vec<u8>) {
        let (left, right) = quotes.marks();
        (left.into_owned(), right.into_owned())
    }

    /// The marks a process gets when its environment names `locale`: those of the locale if
    /// the C library loads it, else those of "C", where glibc then leaves it.
    fn quotes_named(locale: &CStr) -> (Vec<u8>, Vec<u8>) {
        try_with_locale(locale, || owned(&Quotes::of_locale()))
            .unwrap_or_else(|| owned(&Quotes::ascii()))
    }

    #[test]
    fn marks_without_a_catalog_follow_the_codeset() {
        let mark = |msgid: &CStr, codeset: &[u8]| fallback_mark(msgid, codeset);
        assert_eq!(mark(c"`", b"UTF-8"), "\u{2018}".as_bytes());
        assert_eq!(mark(c"'", b"utf-8"), "\u{2019}".as_bytes());
        assert_eq!(mark(c"`", b"GB18030"), b"\xa1\x07e");
        assert_eq!(mark(c"'", b"gb18030"), b"\xa1\xaf");
        assert_eq!(mark(c"`", b"ISO-8859-1"), b"'");
        assert_eq!(mark(c"'", b"ANSI_X3.4-1968"), b"'");
        with_locale(c"C", || {
            assert_eq!(owned(&Quotes::of_locale()), owned(&Quotes::ascii()))
        });
    }

    /// Locale names as du's glibc 2.36 took them (`LANG=NAME du -d x`, with only C, C.utf8
    /// and POSIX installed): the spellings of C.UTF-8 it finds, and those it does not. Which
    /// variable names the locale, LOCPATH and Latin-1 are in tests/latin1.rs.
    #[test]
    fn locale_names_as_du_took_them() {
        for name in [
            c"C.UTF-8",
            c"C.utf8",
            c"C.UTF8",
            c"C.utf-8",
            c"C.Utf-8",
            c"C.UTF-8@foo",
            c"C_XX.UTF-8",
        ] {
            assert_eq!(quotes_named(name), owned(&Quotes::utf8()), "{name:?}");
        }
        for name in [
            c"C",
            c"POSIX",
            c"c.utf8",
            c"C.UTF_8",
            c"C.UTF-8.x",
            c"C.",
            c"C@x",
            c"POSIX.UTF-8",
            c".utf8",
            c"C.utf8/",
            c"C.ISO-8859-1",
            c"/usr/lib/locale/C.utf8",
            c"xx_YY.UTF-8",
        ] {
            assert_eq!(quotes_named(name), owned(&Quotes::ascii()), "{name:?}");
        }
    }

    #[test]
    fn sequences_as_gnulib_reads_them() {
        let read = |s: &[u8]| {
            let seq = sequence_at(s);
            (seq.len, seq.printable)
        };
        with_locale(c"C", || {
            assert_eq!(read("é".as_bytes()), (1, false));
        });
        with_locale(c"C.UTF-8", || {
            assert_eq!(read("éa".as_bytes()), (2, true));
            assert_eq!(read("\u{2028}".as_bytes()), (3, false));
            assert_eq!(read(b"\xe2\x80"), (2, false));
            assert_eq!(read(b"\xe2\x80x"), (1, false));
            assert_eq!(read(b"\xff"), (1, false));
            assert!(!sequence_at("é".as_bytes()).has_shell_special_tail);
        });
    }
}
