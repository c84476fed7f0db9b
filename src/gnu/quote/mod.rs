//! GNU quoting of file names and arguments in diagnostics: the three gnulib `quotearg` styles
//! du 9.1 uses, byte for byte.
//!
//! * [`quote_always`] is `quoteaf()` ("shell-escape-always"): `'name'`, with control characters,
//!   invalid bytes and unprintable characters as `$'\ooo'` pieces, `'` as `'\''`, and
//!   `"name"` instead when the name contains `'` but nothing that needs escaping.
//! * [`quote_if_needed`] is `quotef()` ("shell-escape" plus `:`): the name as it is unless it
//!   holds something a shell (or a `file:line:` reader) would misread, otherwise as
//!   [`quote_always`].
//! * [`quote_locale`] is `quote()` ("locale"): `'arg'`, or `‘arg’` in a UTF-8 locale, with C
//!   backslash escapes (`\n`, `\\`, `\303`, and the closing quotation mark as `\'` or `\’`).
//!
//! What is printable is the C library's answer in the calling thread's locale, asked as gnulib
//! asks it: in a single-byte locale `isprint` of the byte (in "C" only ASCII 0x20..=0x7e, in
//! Latin-1 also `é`), otherwise `mbrtowc` and then `iswprint` of the character. A sequence that
//! is invalid is escaped one byte at a time, one cut short by the end of the name all at once,
//! and a character that is not printable all its bytes. [`Charset`] only picks the quotation
//! marks of [`quote_locale`].
//!
//! The input is treated as a C string: anything from the first NUL byte on is ignored (file
//! names and command-line arguments cannot contain NUL anyway).

mod always;
mod if_needed;
mod locale;

pub(crate) use always::quote_always;
pub(crate) use if_needed::quote_if_needed;
pub(crate) use locale::quote_locale;

use crate::sys::locale::{self as c_locale, Decoded, Shift};

/// Whether the locale's codeset is UTF-8, which decides the quotation marks of
/// [`quote_locale`] (gnulib's `gettext_quote`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// Any other codeset, in particular that of "C"/"POSIX": `'arg'`.
    Ascii,
    /// A UTF-8 locale: `‘arg’`.
    Utf8,
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
    pub(super) fn check(
        table: &[(&[u8], &[u8])],
        quote: fn(&[u8], Charset) -> Vec<u8>,
        locale: &CStr,
        cs: Charset,
    ) {
        with_locale(locale, || {
            for &(name, expected) in table {
                assert_eq!(
                    quote(name, cs),
                    expected,
                    "{:?} in {locale:?}: got {:?}, du says {:?}",
                    String::from_utf8_lossy(name),
                    String::from_utf8_lossy(&quote(name, cs)),
                    String::from_utf8_lossy(expected),
                );
            }
        });
    }

    #[test]
    fn empty_and_nul() {
        for (locale, cs) in [(c"C", Charset::Ascii), (c"C.UTF-8", Charset::Utf8)] {
            with_locale(locale, || {
                assert_eq!(quote_always(b"", cs), b"''");
                assert_eq!(quote_if_needed(b"", cs), b"''");
                // C strings end at the first NUL.
                assert_eq!(quote_always(b"a\0b", cs), b"'a'");
                assert_eq!(quote_if_needed(b"a\0'", cs), b"a");
                assert_eq!(quote_if_needed(b"\0", cs), b"''");
            });
        }
        with_locale(c"C", || {
            assert_eq!(quote_locale(b"x\0\n", Charset::Ascii), b"'x'");
        });
    }

    /// The charset a process gets when its environment names `locale`: that of the locale if
    /// the C library loads it, else that of "C", where glibc then leaves it.
    fn charset_named(locale: &CStr) -> Charset {
        let is_utf8 = try_with_locale(locale, c_locale::is_utf8).unwrap_or(false);
        if is_utf8 {
            Charset::Utf8
        } else {
            Charset::Ascii
        }
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
            assert_eq!(charset_named(name), Charset::Utf8, "{name:?}");
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
            assert_eq!(charset_named(name), Charset::Ascii, "{name:?}");
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
