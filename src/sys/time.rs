//! Time in the local zone: `localtime_r`, which breaks a time down as du's `localtime_rz`
//! does (every TZ form: `UTC0`, `:Area/City`, `EST5EDT,M3.2.0,M11.1.0`, leap-second files), and
//! `strftime`, whose names of days and months and date and time representations follow LC_TIME.

use std::ffi::{CStr, CString};
use std::mem::MaybeUninit;

/// A broken-down time, as `localtime_r` fills `struct tm`, plus what du passes along with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tm {
    /// Seconds (0-60).
    pub(crate) sec: i32,
    /// Minutes (0-59).
    pub(crate) min: i32,
    /// Hours (0-23).
    pub(crate) hour: i32,
    /// Day of the month (1-31).
    pub(crate) mday: i32,
    /// Month (0-11).
    pub(crate) mon: i32,
    /// Year - 1900.
    pub(crate) year: i32,
    /// Day of the week (0-6, Sunday = 0).
    pub(crate) wday: i32,
    /// Day of the year (0-365).
    pub(crate) yday: i32,
    /// Daylight saving time flag (negative: unknown).
    pub(crate) isdst: i32,
    /// Seconds east of UTC.
    pub(crate) gmtoff: i64,
    /// The zone's abbreviation (`tm_zone`).
    pub(crate) zone: CString,
    /// The time in seconds since the epoch (for `%s`).
    pub(crate) epoch: i64,
    /// Nanoseconds (for `%N`).
    pub(crate) nsec: i32,
}

/// `seconds` since the epoch broken down in the local time zone by `localtime_r` (which reads
/// TZ as du's `localtime_rz(tzalloc(getenv("TZ")))` does), with `nanoseconds` kept for %N;
/// None when the C library cannot represent it (du then says "time ... is out of range").
pub(crate) fn localtime(seconds: i64, nanoseconds: i32) -> Option<Tm> {
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
pub(crate) fn strftime(format: &CStr, tm: &Tm, out: &mut Vec<u8>) {
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
