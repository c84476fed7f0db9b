//! Local time for --time: the C library's `localtime_r`, which reads the TZ environment
//! variable (or /etc/localtime) exactly as du's `localtime_rz(tzalloc(getenv("TZ")))` does.
//!
//! Like `clib`, it calls into the C library directly: no safe crate converts a time
//! with glibc's own rules for every TZ form (`UTC0`, `:Area/City`, `EST5EDT,M3.2.0,M11.1.0`,
//! unknown names, leap-second files), and anything else could print another offset than du.

use std::ffi::CStr;
use std::mem::MaybeUninit;

use crate::strftime::Tm;

/// `when` (seconds and nanoseconds since the epoch) broken down in the local time zone, or
/// None when the C library cannot represent it (du then says "time ... is out of range").
pub fn local(seconds: i64, nanoseconds: i32) -> Option<Tm> {
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
        Vec::new()
    } else {
        // SAFETY: tm_zone points to a NUL-terminated abbreviation in the C library's time zone
        // data, which stays valid while TZ is unchanged; it is copied at once.
        unsafe { CStr::from_ptr(tm.tm_zone) }.to_bytes().to_vec()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_and_out_of_range() {
        // The test process's TZ is whatever CI has; the date is the same in every zone at noon.
        let tm = local(43_200, 5).expect("noon of 1970-01-01 is representable");
        assert_eq!((tm.year, tm.mon, tm.mday), (70, 0, 1));
        assert_eq!(tm.nsec, 5);
        assert!(local(i64::MIN, 0).is_none());
    }
}
