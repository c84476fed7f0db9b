//! Formats as du 9.1 printed them, for one broken-down time and its variations.

use super::*;
use crate::sys::time::Tm;

/// 2001-02-03 04:05:06.123456789 UTC, a Saturday, day 34 of the year.
fn tm() -> Tm {
    Tm {
        sec: 6,
        min: 5,
        hour: 4,
        mday: 3,
        mon: 1,
        year: 101,
        wday: 6,
        yday: 33,
        isdst: 0,
        gmtoff: 0,
        zone: c"UTC".into(),
        epoch: 981_173_106,
        nsec: 123_456_789,
    }
}

fn show(fmt: &str, tm: &Tm) -> String {
    let mut out = Vec::new();
    Format::parse(fmt.as_bytes()).write(tm, &mut out);
    String::from_utf8(out).expect("ASCII")
}

#[test]
fn du_styles() {
    let t = tm();
    assert_eq!(
        show("%Y-%m-%d %H:%M:%S.%N %z", &t),
        "2001-02-03 04:05:06.123456789 +0000"
    );
    assert_eq!(show("%Y-%m-%d %H:%M", &t), "2001-02-03 04:05");
    assert_eq!(show("%Y-%m-%d", &t), "2001-02-03");
}

/// What du 9.1 printed with `TZ=UTC0 du --time --time-style=+FORMAT` for a file with this
/// time (the same comparison ran over 1,836 format, time and zone combinations).
#[test]
fn formats_as_du_printed_them() {
    let table = [
        (
            "%a %A %b %B %c %C %d %D %e %F",
            "Sat Saturday Feb February Sat Feb  3 04:05:06 2001 20 03 02/03/01  3 2001-02-03",
        ),
        (
            "%g %G %h %H %I %j %k %l %m %M %p %P %q %r %R %s %S",
            "01 2001 Feb 04 04 034  4  4 02 05 AM am 1 04:05:06 AM 04:05 981173106 06",
        ),
        (
            "%T %u %U %V %w %W %x %X %y %Y %z %:z %::z %:::z %Z %%",
            "04:05:06 6 04 05 6 05 02/03/01 04:05:06 01 2001 +0000 +00:00 +00:00:00 +00 UTC %",
        ),
        (
            "%-N|%_N|%3N|%12N|%_3N|%-3N",
            "123456789|123456789|123|123456789000|123|123",
        ),
        (
            "%^a %#a %#Z %#p %^P %^c",
            "SAT SAT utc am am SAT FEB  3 04:05:06 2001",
        ),
        (
            "%10Y|%-10Y|%_10Y|%+10Y|%+Y|%+5Y",
            "0000002001|2001|      2001|+000002001|2001|+2001",
        ),
        (
            "%Ec %EY %Oy %OY %Ex %E%",
            "Sat Feb  3 04:05:06 2001 2001 01 %OY 02/03/01 %E%",
        ),
        ("%Q|%5Q|%-5Q|100%|%5", "%Q|  %5Q|%-5Q|100%|   %5"),
        ("x%5%y %-5% %_5%", "x   %501 %-5%   %_5%"),
        ("%::::z %:x", "%::::z %:x"),
        ("%10F|%+F|%_12F", "2001-02-03|2001-02-03|  2001-02-03"),
        ("%_10z|%10:z|%-z", "        +0|+000000:00|+0"),
        (
            "%_20s|%020s|%-s",
            "           981173106|00000000000981173106|981173106",
        ),
    ];
    let t = tm();
    for (format, expected) in table {
        assert_eq!(show(format, &t), expected, "{format:?}");
    }
    let mut t = tm();
    t.nsec = 120_000_000;
    assert_eq!(
        show("%N|%-N|%_N|%3N|%1N|%-12N", &t),
        "120000000|12|12       |120|1|12"
    );
}

/// Corners as `TZ=UTC0 date -d @981173106 +FORMAT` (du's formatter) prints them; the
/// years and offsets as `date` prints them for such a date and zone.
#[test]
fn corners_as_du_printed_them() {
    let table = [
        ("%1S|%_1S|%-3S|%3S|%_3S|%+3S|%1y", "6|6|6|006|  6|006|1"),
        (
            "%-5a|%05a|%+5p|%-10X|%12x|%012T|%-12D|%_D",
            "Sat|00Sat|000AM|04:05:06|    02/03/01|000004:05:06|02/03/1|02/03/ 1",
        ),
        (
            "%_5Od|%-Oe|%Oq|%^Oq|%5Oq|%_5Os|%5Os",
            "   03| 3|%Oq|%OQ|  %Oq|981173106|981173106",
        ),
        (
            "%Oz|%_7Oz|%O:z|%5O::z|%^O::::z",
            "+0000|  +0000|%O:|  %O:|%^O::::Z",
        ),
        (
            "%#Ea|%#Eb|%^Ea|%^:a|%_%y|%:%y|%E%y|%::y",
            "%#Ea|%#EB|%^EA|%^:a|%_01|%:01|%E01|%::y",
        ),
        (
            "%+3y|%+3C|%+5G|%+3e|%+4j|%+12s",
            "+01|+20|+2001|003|0034|000981173106",
        ),
    ];
    let t = tm();
    for (format, expected) in table {
        assert_eq!(show(format, &t), expected, "{format:?}");
    }
    let mut t = tm();
    t.gmtoff = -(3 * 3600 + 1800);
    assert_eq!(show("%O:z|%5O::z|%1Oz", &t), "-03:30|-3:30:00|-330");
    // Year 0 and year -1 (tm_year -1900 and -1901), and year 10000.
    let mut t = tm();
    t.year = -1900;
    assert_eq!(
        show("%F|%_F|%+F|%12F|%+12F|%Y|%_Y|%+5Y", &t),
        "0000-02-03|0-02-03|0-02-03|000000-02-03|+00000-02-03|0000|   0|+0000"
    );
    t.year = -1901;
    assert_eq!(
        show("%EY|%Ey|%EC|%Oy|%OC|%_5OC", &t),
        "-1|99|-1|99|-0|   -0"
    );
    t.year = 8100;
    assert_eq!(
        show("%F|%-F|%12F|%Y|%+Y|%C|%+C", &t),
        "+10000-02-03|10000-02-03|010000-02-03|10000|+10000|100|+100"
    );
}

#[test]
fn offsets_and_negative_years() {
    let mut t = tm();
    t.gmtoff = -(5 * 3600 + 30 * 60 + 15);
    assert_eq!(
        show("%z %:z %::z %:::z", &t),
        "-0530 -05:30 -05:30:15 -05:30:15"
    );
    t.gmtoff = 3 * 3600 + 1800;
    assert_eq!(show("%z %:::z", &t), "+0330 +03:30");
    t.isdst = -1;
    assert_eq!(show("[%z]", &t), "[]");
    let mut t = tm();
    t.year = -1901;
    // As `TZ=UTC0 date -d @-62198755200 +"%Y %C %y"` (the same gnulib code) prints it.
    assert_eq!(show("%Y %C %y", &t), "-001 -0 01");
}
