//! The C library calls whose answers du's output depends on, behind safe wrappers: the
//! locale (`setlocale`) and --exclude's `fnmatch`.
//!
//! du is a C program on glibc, so for these the C library is the reference itself: its
//! wildcard matching follows LC_CTYPE and POSIXLY_CORRECT.

use std::ffi::CStr;

/// `setlocale(LC_ALL, "")`: take the locale from LC_ALL, LC_* and LANG, as du does first
/// thing. When a locale named there is not installed, glibc keeps the "C" locale, as for du.
///
/// Call it once, before any thread starts: `setlocale` is not thread-safe, and everything
/// that reads the locale (fnmatch, strftime) must see it already set.
pub fn use_environment_locale() {
    // SAFETY: the argument is a valid NUL-terminated string; the caller runs this before any
    // other thread exists, so nothing reads the locale while it changes.
    unsafe { libc::setlocale(libc::LC_ALL, c"".as_ptr()) };
}

/// `fnmatch(pattern, name, 0) == 0`: whether `name` matches the shell wildcard `pattern`
/// with no flags, as du's --exclude asks it (glibc also reads LC_CTYPE and, once,
/// POSIXLY_CORRECT). An error (-1) counts as no match, as du counts it.
pub fn fnmatch(pattern: &CStr, name: &CStr) -> bool {
    // SAFETY: both are NUL-terminated strings that outlive the call; glibc's fnmatch is
    // thread-safe ("MT-Safe env locale"), and no thread of dug changes the environment or
    // the locale after start-up.
    unsafe { libc::fnmatch(pattern.as_ptr(), name.as_ptr(), 0) == 0 }
}

/// Runs `f` with this thread in the locale `name` (through `uselocale`, which leaves the
/// process's locale and other threads alone), for tests of locale-dependent calls.
#[cfg(test)]
pub(crate) fn with_locale<R>(name: &CStr, f: impl FnOnce() -> R) -> R {
    // SAFETY: newlocale gets a valid NUL-terminated name and no base locale.
    let locale = unsafe { libc::newlocale(libc::LC_ALL_MASK, name.as_ptr(), std::ptr::null_mut()) };
    assert!(!locale.is_null(), "locale {name:?} is not installed");
    // SAFETY: `locale` is a valid locale object; uselocale affects this thread only.
    let previous = unsafe { libc::uselocale(locale) };
    let result = f();
    // SAFETY: `previous` is what uselocale returned (a valid locale or LC_GLOBAL_LOCALE), and
    // `locale` is freed only once no thread uses it.
    unsafe {
        libc::uselocale(previous);
        libc::freelocale(locale);
    }
    result
}
