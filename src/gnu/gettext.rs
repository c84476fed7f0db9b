//! du's `_()`: each of its messages looked up by its msgid, du 9.1's exact English text (from
//! du.c and gnulib), in coreutils' catalog, and getopt's in glibc's own, as the C library's
//! `_()` looks them up; English (the msgid itself) when no catalog has it. The catalogs are the
//! system's, read at run time: dug carries no translation of its own, and its own messages
//! (about -j, -v, --json) stay English, as they have no msgid in coreutils.

use std::borrow::Cow;
use std::ffi::CStr;

use crate::sys::messages::{COREUTILS, LIBC, translation};

/// du's `_(msgid)`: coreutils' translation of `msgid` in the LC_MESSAGES locale, or `msgid`.
pub(crate) fn coreutils(msgid: &CStr) -> Cow<'_, [u8]> {
    lookup(COREUTILS, msgid)
}

/// glibc's `_(msgid)` (getopt's complaints): glibc's translation, or `msgid`.
pub(crate) fn libc(msgid: &CStr) -> Cow<'_, [u8]> {
    lookup(LIBC, msgid)
}

fn lookup<'m>(domain: &CStr, msgid: &'m CStr) -> Cow<'m, [u8]> {
    match translation(domain, msgid) {
        Some(text) => Cow::Owned(text),
        None => Cow::Borrowed(msgid.to_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::locale::with_locale;

    #[test]
    fn english_without_a_catalog() {
        with_locale(c"C", || {
            assert_eq!(&*coreutils(c"cannot access %s"), b"cannot access %s");
            assert_eq!(
                &*libc(c"%s: invalid option -- '%c'\n"),
                b"%s: invalid option -- '%c'\n"
            );
        });
        // C.UTF-8 is looked up like any other name, and coreutils has no catalog for it.
        with_locale(c"C.UTF-8", || {
            assert_eq!(&*coreutils(c"total"), b"total");
        });
    }
}
