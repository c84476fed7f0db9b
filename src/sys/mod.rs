//! The C library calls whose answers du's output depends on, behind safe wrappers: the
//! locale (`setlocale`), --exclude's `fnmatch`, and --time's `localtime_r` and `strftime`.
//!
//! du is a C program on glibc, so for these the C library is the reference itself: its
//! wildcard matching follows LC_CTYPE and POSIXLY_CORRECT, its time conversion every TZ form
//! (`UTC0`, `:Area/City`, `EST5EDT,M3.2.0,M11.1.0`, leap-second files), its names of days and
//! months LC_TIME. This is the one module of dug with `unsafe` for the C library.

use std::ffi::{CStr, CString};
use std::mem::MaybeUninit;

use crate::gnu::strftime::Tm;

/// `setlocale(LC_ALL, "")`: take the locale from LC_ALL, LC_* and LANG, as du does first
/// thing. When a locale named there is not installed, glibc keeps the "C" locale, as for du.
///
/// # Safety
///
/// Call it once, before any thread starts: `setlocale` is not thread-safe, and everything
/// that reads the locale (fnmatch, strftime) must see it already set.
pub unsafe fn use_environment_locale() {
    // SAFETY: the argument is a valid NUL-terminated string; the caller's contract is that
    // no other thread exists, so nothing reads the locale while it changes.
    unsafe { libc::setlocale(libc::LC_ALL, c"".as_ptr()) };
}

/// Ends the process as a closed stdout pipe ends du, which does not catch SIGPIPE: restore
/// the default action and raise it (the Rust runtime ignores SIGPIPE, which is why the write
/// failed with EPIPE instead). Returns the shell's status for it should the signal not kill.
pub fn die_of_sigpipe() -> u8 {
    use nix::sys::signal::{SigHandler, Signal, raise, signal};
    // SAFETY: restoring the default disposition installs no handler code.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = raise(Signal::SIGPIPE);
    128 + 13
}

/// Whether the LC_CTYPE locale in force has the UTF-8 codeset (`nl_langinfo(CODESET)`).
pub fn locale_is_utf8() -> bool {
    // SAFETY: CODESET is a valid item; the returned string belongs to the C library and is
    // read at once, before anything could change the locale (dug sets it once, at start-up).
    let codeset = unsafe { CStr::from_ptr(libc::nl_langinfo(libc::CODESET)) };
    codeset.to_bytes() == b"UTF-8"
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

/// `seconds` since the epoch broken down in the local time zone by `localtime_r` (which reads
/// TZ as du's `localtime_rz(tzalloc(getenv("TZ")))` does), with `nanoseconds` kept for %N;
/// None when the C library cannot represent it (du then says "time ... is out of range").
pub fn localtime(seconds: i64, nanoseconds: i32) -> Option<Tm> {
    let t: libc::time_t = seconds;
    let mut tm = MaybeUninit::<libc::tm>::zeroed();
    // SAFETY: localtime_r writes only into the struct it is given, which lives for the call;
    // it is thread-safe, and nothing in dug changes the environment it reads TZ from.
    let result = unsafe { libc::localtime_r(&t, tm.as_mut_ptr()) };
    if result.is_null() {
        return None;
    }
    // SAFETY: localtime_r succeeded, so it filled the struct (it was zeroed before anyway).
    let tm = unsafe { tm.assume_init() };
    let zone = if tm.tm_zone.is_null() {
        CString::default()
    } else {
        // SAFETY: tm_zone points to a NUL-terminated abbreviation in the C library's time zone
        // data, which stays valid while TZ is unchanged; it is copied at once.
        unsafe { CStr::from_ptr(tm.tm_zone) }.to_owned()
    };
    Some(Tm {
        sec: tm.tm_sec,
        min: tm.tm_min,
        hour: tm.tm_hour,
        mday: tm.tm_mday,
        mon: tm.tm_mon,
        year: tm.tm_year,
        wday: tm.tm_wday,
        yday: tm.tm_yday,
        isdst: tm.tm_isdst,
        gmtoff: tm.tm_gmtoff,
        zone,
        epoch: seconds,
        nsec: nanoseconds,
    })
}

/// Appends what the C library's `strftime` makes of `format` for `tm` to `out`: the
/// locale's names, AM/PM and date and time representations.
pub fn strftime(format: &CStr, tm: &Tm, out: &mut Vec<u8>) {
    // SAFETY: all-zero bytes are a valid `struct tm` (integers and a null tm_zone).
    let mut raw: libc::tm = unsafe { MaybeUninit::zeroed().assume_init() };
    raw.tm_sec = tm.sec;
    raw.tm_min = tm.min;
    raw.tm_hour = tm.hour;
    raw.tm_mday = tm.mday;
    raw.tm_mon = tm.mon;
    raw.tm_year = tm.year;
    raw.tm_wday = tm.wday;
    raw.tm_yday = tm.yday;
    raw.tm_isdst = tm.isdst;
    raw.tm_gmtoff = tm.gmtoff;
    raw.tm_zone = tm.zone.as_ptr();
    // strftime returns 0 both for an empty result and for a buffer too small: a leading byte
    // (dropped below) tells them apart.
    let mut spec = Vec::with_capacity(format.to_bytes().len() + 2);
    spec.push(b' ');
    spec.extend_from_slice(format.to_bytes_with_nul());
    let mut buf = vec![0u8; 64];
    loop {
        // SAFETY: `spec` is NUL-terminated, `buf` is writable for `buf.len()` bytes, and `raw`
        // (with tm_zone borrowed from `tm`) lives for the call; strftime reads the locale,
        // which no thread changes after start-up.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr().cast(),
                buf.len(),
                spec.as_ptr().cast(),
                &raw,
            )
        };
        if n > 0 {
            out.extend_from_slice(&buf[1..n]);
            return;
        }
        if buf.len() >= 1 << 20 {
            // No locale text is this long; give up rather than grow without end.
            return;
        }
        buf.resize(buf.len() * 4, 0);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_and_out_of_range() {
        // The test process's TZ is whatever CI has; the date is the same in every zone at noon.
        let tm = localtime(43_200, 5).expect("noon of 1970-01-01 is representable");
        assert_eq!((tm.year, tm.mon, tm.mday), (70, 0, 1));
        assert_eq!(tm.nsec, 5);
        assert!(localtime(i64::MIN, 0).is_none());
    }

    #[test]
    fn strftime_text_and_empty_results() {
        let tm = localtime(43_200, 0).expect("representable");
        let mut out = b"x".to_vec();
        strftime(c"%a %b|%y", &tm, &mut out);
        assert_eq!(out, b"xThu Jan|70");
        let mut out = Vec::new();
        strftime(c"", &tm, &mut out);
        assert!(out.is_empty());
        strftime(c"%200000a", &tm, &mut out);
        assert_eq!(out.len(), 200_000);
    }
}
