//! --exclude's wildcard matching: the C library's `fnmatch`, which follows LC_CTYPE and
//! POSIXLY_CORRECT as du's does.

use std::ffi::CStr;

/// `fnmatch(pattern, name, 0) == 0`: whether `name` matches the shell wildcard `pattern`
/// with no flags, as du's --exclude asks it (glibc also reads LC_CTYPE and, once,
/// POSIXLY_CORRECT). An error (-1) counts as no match, as du counts it.
pub(crate) fn fnmatch(pattern: &CStr, name: &CStr) -> bool {
    // SAFETY: both are NUL-terminated strings that outlive the call; glibc's fnmatch is
    // thread-safe ("MT-Safe env locale"), and no thread of dug changes the environment or
    // the locale after start-up.
    unsafe { libc::fnmatch(pattern.as_ptr(), name.as_ptr(), 0) == 0 }
}
