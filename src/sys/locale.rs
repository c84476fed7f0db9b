//! The locale: `setlocale` at start-up with what `localeconv` says of numbers then, and what
//! quoting asks of LC_CTYPE afterwards (the codeset's name, whether characters are one byte,
//! and which characters are printable).
//!
//! Every call here reads the calling thread's locale: the process's, set once by
//! [`use_environment_locale`], or a test's own through [`with_locale`].

use std::ffi::CStr;
use std::mem::MaybeUninit;

// SAFETY: these are the C library's declarations (glibc's <wchar.h>, <wctype.h> and
// <stdlib.h>, where MB_CUR_MAX is `__ctype_get_mb_cur_max ()`), which the libc crate does not
// provide for Linux; wint_t is unsigned int there.
unsafe extern "C" {
    fn mbrtowc(
        wc: *mut libc::wchar_t,
        s: *const libc::c_char,
        n: libc::size_t,
        state: *mut libc::mbstate_t,
    ) -> libc::size_t;
    fn mbsinit(state: *const libc::mbstate_t) -> libc::c_int;
    fn iswprint(wc: libc::c_uint) -> libc::c_int;
    fn __ctype_get_mb_cur_max() -> libc::size_t;
}

/// What `localeconv()` says of numbers in the LC_NUMERIC locale: the strings gnulib's
/// human.c reads for every size it prints (`struct lconv`'s fields, as bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lconv {
    /// `decimal_point`: "." in "C", "," in French.
    pub decimal_point: Vec<u8>,
    /// `thousands_sep`: empty in "C", U+202F in fr_FR.UTF-8, 0xA0 in fr_FR.ISO-8859-1.
    pub thousands_sep: Vec<u8>,
    /// `grouping`: the sizes of the digit groups from the right, as C's bytes (`"\x03\x03"`
    /// for thousands; empty for none).
    pub grouping: Vec<u8>,
}

/// `setlocale(LC_ALL, "")`: take the locale from LC_ALL, LC_* and LANG, as du does first
/// thing, and what `localeconv()` then says of numbers. When a locale named there is not
/// installed, glibc keeps the "C" locale, as for du.
///
/// # Safety
///
/// Call it once, before any thread starts: `setlocale` and `localeconv` are not thread-safe,
/// and everything that reads the locale (fnmatch, strftime, quoting) must see it already set.
pub unsafe fn use_environment_locale() -> Lconv {
    // SAFETY: the argument is a valid NUL-terminated string; the caller's contract is that
    // no other thread exists, so nothing reads the locale while it changes.
    unsafe { libc::setlocale(libc::LC_ALL, c"".as_ptr()) };
    // SAFETY: the same contract: no other thread calls localeconv, whose result is static.
    unsafe { lconv() }
}

/// Copies what `localeconv()` says of numbers now.
///
/// # Safety
///
/// No other thread may call `localeconv` or `setlocale` meanwhile (glibc fills one static
/// `struct lconv` for every caller).
unsafe fn lconv() -> Lconv {
    // SAFETY: the caller keeps other threads away; glibc's localeconv never returns null, and
    // its fields are NUL-terminated strings of the locale's, copied at once.
    unsafe {
        let l = &*libc::localeconv();
        let bytes = |p: *const libc::c_char| CStr::from_ptr(p).to_bytes().to_vec();
        Lconv {
            decimal_point: bytes(l.decimal_point),
            thousands_sep: bytes(l.thousands_sep),
            grouping: bytes(l.grouping),
        }
    }
}

/// The codeset of the LC_CTYPE locale in force (`nl_langinfo(CODESET)`): `UTF-8`,
/// `ISO-8859-1`, `ANSI_X3.4-1968` in "C", and so on.
pub(crate) fn codeset() -> Vec<u8> {
    // SAFETY: CODESET is a valid item; the returned string belongs to the C library and is
    // read at once, before anything could change the locale (dug sets it once, at start-up).
    let codeset = unsafe { CStr::from_ptr(libc::nl_langinfo(libc::CODESET)) };
    codeset.to_bytes().to_vec()
}

/// Whether the LC_CTYPE locale in force has the UTF-8 codeset.
#[cfg(test)]
pub(crate) fn is_utf8() -> bool {
    codeset() == b"UTF-8"
}

/// Whether every character of the locale is one byte (`MB_CUR_MAX == 1`), as in "C" and the
/// ISO-8859 locales.
pub(crate) fn is_unibyte() -> bool {
    // SAFETY: no arguments; it reads the thread's LC_CTYPE, which no thread changes after
    // start-up.
    unsafe { __ctype_get_mb_cur_max() == 1 }
}

/// `isprint(byte)`: whether a single-byte locale prints this byte as a character.
pub(crate) fn is_printable_byte(byte: u8) -> bool {
    // SAFETY: isprint is defined for every value of unsigned char; it reads the thread's
    // LC_CTYPE table.
    unsafe { libc::isprint(libc::c_int::from(byte)) != 0 }
}

/// `iswprint(wc)`: whether the locale prints this wide character.
pub(crate) fn is_printable_wide(wc: u32) -> bool {
    // SAFETY: iswprint is defined for every wint_t value (any other than a character's is
    // simply not printable); it reads the thread's LC_CTYPE.
    unsafe { iswprint(wc) != 0 }
}

/// What one `mbrtowc` call made of the bytes it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    /// A character `wc` of `len` bytes (0 for the NUL character).
    Char {
        /// The bytes it took.
        len: usize,
        /// The wide character.
        wc: u32,
    },
    /// `(size_t) -1`: not a character of the locale's encoding.
    Invalid,
    /// `(size_t) -2`: the bytes end inside a character.
    Incomplete,
}

/// An `mbstate_t`: where a walk through a multibyte string stands.
pub(crate) struct Shift {
    state: libc::mbstate_t,
}

impl Shift {
    /// The initial shift state.
    pub(crate) fn new() -> Shift {
        // SAFETY: an all-zero mbstate_t is the initial conversion state (C11 7.29.6).
        let state = unsafe { MaybeUninit::<libc::mbstate_t>::zeroed().assume_init() };
        Shift { state }
    }

    /// `mbrtowc` of the character at the start of `bytes`, in the thread's locale.
    pub(crate) fn decode(&mut self, bytes: &[u8]) -> Decoded {
        let mut wc: libc::wchar_t = 0;
        // SAFETY: `bytes` is readable for its length, `wc` and the state are writable and
        // live for the call; mbrtowc reads no further than the length it is given.
        let n = unsafe { mbrtowc(&mut wc, bytes.as_ptr().cast(), bytes.len(), &mut self.state) };
        match n {
            usize::MAX => Decoded::Invalid,
            n if n == usize::MAX - 1 => Decoded::Incomplete,
            len => Decoded::Char {
                len,
                // A wchar_t of glibc holds a code point, never negative.
                wc: u32::try_from(wc).unwrap_or(u32::MAX),
            },
        }
    }

    /// `mbsinit`: whether the walk is back in the initial shift state.
    pub(crate) fn is_initial(&self) -> bool {
        // SAFETY: the state is a valid mbstate_t that lives for the call.
        unsafe { mbsinit(&self.state) != 0 }
    }
}

/// Runs `f` with this thread in the locale `name` (through `uselocale`, which leaves the
/// process's locale and other threads alone), for tests of locale-dependent calls.
#[cfg(test)]
pub(crate) fn with_locale<R>(name: &CStr, f: impl FnOnce() -> R) -> R {
    try_with_locale(name, f).unwrap_or_else(|| panic!("locale {name:?} is not installed"))
}

/// [`with_locale`], or None when the C library cannot load `name` (so a process asking
/// for it in its environment stays in the "C" locale).
#[cfg(test)]
pub(crate) fn try_with_locale<R>(name: &CStr, f: impl FnOnce() -> R) -> Option<R> {
    // SAFETY: newlocale gets a valid NUL-terminated name and no base locale.
    let locale = unsafe { libc::newlocale(libc::LC_ALL_MASK, name.as_ptr(), std::ptr::null_mut()) };
    if locale.is_null() {
        return None;
    }
    // SAFETY: `locale` is a valid locale object; uselocale affects this thread only.
    let previous = unsafe { libc::uselocale(locale) };
    let result = f();
    // SAFETY: `previous` is what uselocale returned (a valid locale or LC_GLOBAL_LOCALE), and
    // `locale` is freed only once no thread uses it.
    unsafe {
        libc::uselocale(previous);
        libc::freelocale(locale);
    }
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Decoded` gives for each character of `bytes`, from the initial state.
    fn decode_all(bytes: &[u8]) -> Vec<Decoded> {
        let mut shift = Shift::new();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let d = shift.decode(&bytes[i..]);
            out.push(d);
            match d {
                Decoded::Char { len, .. } if len > 0 => i += len,
                _ => break,
            }
        }
        out
    }

    /// The only test that calls localeconv (its result is shared by every thread).
    #[test]
    fn lconv_of_c_and_c_utf8() {
        for name in [c"C", c"C.UTF-8"] {
            // SAFETY: no other test calls localeconv or setlocale.
            let l = with_locale(name, || unsafe { lconv() });
            assert_eq!(l.decimal_point, b".", "{name:?}");
            assert_eq!(
                (l.thousands_sep.len(), l.grouping.len()),
                (0, 0),
                "{name:?}"
            );
        }
    }

    #[test]
    fn c_is_unibyte_ascii() {
        with_locale(c"C", || {
            assert!(is_unibyte() && !is_utf8());
            assert!(is_printable_byte(b' ') && is_printable_byte(b'~'));
            assert!(!is_printable_byte(0x1f) && !is_printable_byte(0x7f));
            assert!(!is_printable_byte(0xe9) && !is_printable_byte(0xa0));
        });
    }

    #[test]
    fn utf8_decodes_characters() {
        with_locale(c"C.UTF-8", || {
            assert!(!is_unibyte() && is_utf8());
            let e = Decoded::Char { len: 2, wc: 0xe9 };
            assert_eq!(decode_all("é".as_bytes()), [e]);
            assert_eq!(decode_all(b"\xc3"), [Decoded::Incomplete]);
            assert_eq!(decode_all(b"\xc3("), [Decoded::Invalid]);
            assert_eq!(decode_all(b"\xff"), [Decoded::Invalid]);
            assert_eq!(decode_all(b"\xed\xa0\x80"), [Decoded::Invalid]);
            assert_eq!(decode_all(b"\0"), [Decoded::Char { len: 0, wc: 0 }]);
            assert!(Shift::new().is_initial());
        });
    }

    /// glibc 2.36's `iswprint` in C.UTF-8, at the edges of what it prints.
    #[test]
    fn printable_table_edges() {
        with_locale(c"C.UTF-8", || {
            let p = is_printable_wide;
            assert!(p(0x20) && p(0x7e));
            assert!(!p(0x1f) && !p(0x7f) && !p(0x9f));
            assert!(p(0xa0) && p(0x200b) && p(0x10fffd));
            assert!(!p(0x2028) && !p(0x378) && !p(0xffff));
            assert!(!p(0x10fffe) && !p(0x110000));
        });
    }
}
