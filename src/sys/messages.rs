//! The C library's messages in the LC_MESSAGES locale: its message catalogs (`bindtextdomain`
//! and `textdomain` at start-up as du's `main` calls them, `dcgettext` for each message) and
//! `strerror`, whose texts come from glibc's own "libc" catalog.
//!
//! Every call reads the calling thread's locale: the process's, which `main` sets once before
//! any thread starts, or a test's own through `uselocale`. Texts are bytes in the locale's
//! codeset (gettext converts a catalog's UTF-8 to Latin-1 in a Latin-1 locale), never assumed
//! to be UTF-8.

use std::ffi::{CStr, c_char, c_int};

// SAFETY: glibc's declarations (<libintl.h>); the three are part of libc.so and libc.a.
unsafe extern "C" {
    fn dcgettext(domain: *const c_char, msgid: *const c_char, category: c_int) -> *mut c_char;
    fn bindtextdomain(domain: *const c_char, dir: *const c_char) -> *mut c_char;
    fn textdomain(domain: *const c_char) -> *mut c_char;
}

/// du's catalog (coreutils' PACKAGE).
pub(crate) const COREUTILS: &CStr = c"coreutils";

/// glibc's own catalog, where getopt's complaints and `strerror`'s texts are.
pub(crate) const LIBC: &CStr = c"libc";

/// Where Debian's coreutils looks for its catalogs (its LOCALEDIR).
const LOCALEDIR: &CStr = c"/usr/share/locale";

/// `bindtextdomain("coreutils", LOCALEDIR); textdomain("coreutils")`, as du's `main` does
/// right after `setlocale`. A failure (no memory) leaves glibc's default directory, which is
/// the same one.
pub fn use_coreutils_catalog() {
    // SAFETY: both arguments are NUL-terminated strings that live for the whole program (glibc
    // keeps copies anyway); the two calls are MT-Safe in glibc.
    unsafe {
        bindtextdomain(COREUTILS.as_ptr(), LOCALEDIR.as_ptr());
        textdomain(COREUTILS.as_ptr());
    }
}

/// `dcgettext(domain, msgid, LC_MESSAGES)`: the catalog's translation of `msgid`, or `None`
/// when there is none (no catalog for the locale, the "C" locale, or a msgid it lacks), where
/// the C library hands back `msgid` itself.
pub(crate) fn translation(domain: &CStr, msgid: &CStr) -> Option<Vec<u8>> {
    // SAFETY: both are NUL-terminated strings that outlive the call; dcgettext is MT-Safe in
    // glibc and returns either `msgid` or a NUL-terminated string it keeps for the process.
    let text = unsafe { dcgettext(domain.as_ptr(), msgid.as_ptr(), libc::LC_MESSAGES) };
    if text.cast_const() == msgid.as_ptr() || text.is_null() {
        return None;
    }
    // SAFETY: not null, so a NUL-terminated string of the C library's, read at once.
    Some(unsafe { CStr::from_ptr(text) }.to_bytes().to_vec())
}

/// `strerror(errno)` as glibc's `error()` prints it: the C library's text for the error, in
/// the LC_MESSAGES language and the LC_CTYPE codeset (`Unknown error N` for a number it does
/// not know).
pub(crate) fn strerror(errno: i32) -> Vec<u8> {
    // glibc's longest texts are under 60 bytes in English; translations stay well inside this.
    let mut buf = [0u8; 1024];
    // SAFETY: the buffer is writable for its length; the XSI strerror_r (libc's binding is
    // `__xpg_strerror_r`) writes a NUL-terminated text that fits, or fails with ERANGE.
    let status = unsafe { libc::strerror_r(errno, buf.as_mut_ptr().cast(), buf.len()) };
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    if status != 0 && len == 0 {
        return format!("Unknown error {errno}").into_bytes();
    }
    buf[..len].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::locale::with_locale;

    #[test]
    fn c_locale_has_no_translations() {
        with_locale(c"C", || {
            assert_eq!(translation(COREUTILS, c"cannot access %s"), None);
            assert_eq!(translation(LIBC, c"%s: invalid option -- '%c'\n"), None);
        });
    }

    #[test]
    fn strerror_is_the_c_library_text() {
        with_locale(c"C", || {
            assert_eq!(strerror(2), b"No such file or directory");
            assert_eq!(strerror(13), b"Permission denied");
            assert_eq!(strerror(-1), b"Unknown error -1");
        });
    }
}
