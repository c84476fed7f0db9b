//! Writing a conversion for one time: numbers with du's padding and signs, `%N`, `%z` and its
//! colons, and the locale's text from the C library's `strftime`.

use super::{Conversion, Field, Pad};
use crate::sys::time::{self, Tm};

impl Conversion {
    /// Appends this conversion of `tm`, padded by `pad` to `width`, to `out`.
    pub(super) fn write(&self, tm: &Tm, pad: Option<Pad>, width: Option<usize>, out: &mut Vec<u8>) {
        match *self {
            Conversion::Number {
                field,
                ref alternative,
                upper,
            } => {
                let number = field.value(tm);
                match alternative {
                    Some(format) if !number.negative => pad_text(out, pad, width, |out| {
                        let start = out.len();
                        time::strftime(format, tm, out);
                        if upper {
                            out[start..].make_ascii_uppercase();
                        }
                    }),
                    _ => number.write(pad, width, out),
                }
            }
            Conversion::Nanoseconds => write_nanoseconds(tm.nsec, pad, width, out),
            // The C library's `%Oz` is `+hhmm`; it has no `%:z`, and what du then prints for
            // `%O:z` to `%O:::z` east of UTC is `%O:`, whatever the flags (measured).
            Conversion::Zone {
                alternative: true,
                colons,
            } if tm.isdst >= 0 && !is_west(tm) => pad_text(out, pad, width, |out| {
                if colons == 0 {
                    time::strftime(c"%Oz", tm, out)
                } else {
                    out.extend_from_slice(b"%O:")
                }
            }),
            Conversion::Zone { colons, .. } => write_zone(tm, colons, pad, width, out),
            Conversion::Date => pad_text(out, pad, width, |out| {
                write_two(out, tm.mon + 1);
                out.push(b'/');
                write_two(out, tm.mday);
                out.push(b'/');
                Field::YearOfCentury.value(tm).write(pad, None, out);
            }),
            Conversion::IsoDate => {
                // The manual: "like %+4Y-%m-%d except that any flags or field width override
                // the + and (after subtracting 6) the 4". With a width and no flag the year
                // pads with zeros; with a flag and no width it is not padded (`%_F` is
                // `0-01-01` in year 0).
                let year_pad = pad.or(if width.is_some() {
                    Some(Pad::Zeros)
                } else {
                    Some(Pad::Plus)
                });
                let year_width = match (width, pad) {
                    (Some(w), _) => w.saturating_sub(6),
                    (None, Some(_)) => 0,
                    (None, None) => 4,
                };
                Field::Year.value(tm).write(year_pad, Some(year_width), out);
                out.push(b'-');
                write_two(out, tm.mon + 1);
                out.push(b'-');
                write_two(out, tm.mday);
            }
            Conversion::Clock { seconds } => pad_text(out, pad, width, |out| {
                write_two(out, tm.hour);
                out.push(b':');
                write_two(out, tm.min);
                if seconds {
                    out.push(b':');
                    write_two(out, tm.sec);
                }
            }),
            Conversion::Char(c) => pad_text(out, pad, width, |out| out.push(c)),
            Conversion::Library(ref format) => {
                pad_text(out, pad, width, |out| time::strftime(format, tm, out))
            }
        }
    }
}

/// Pads what `write` appends to `out` on the left, as du pads text: to `width` (none by
/// default), with zeros under `0` or `+`, not at all under `-`, else with spaces.
pub(super) fn pad_text(
    out: &mut Vec<u8>,
    pad: Option<Pad>,
    width: Option<usize>,
    write: impl FnOnce(&mut Vec<u8>),
) {
    let start = out.len();
    write(out);
    let len = out.len() - start;
    let width = match pad {
        Some(Pad::Off) => 0,
        _ => width.unwrap_or(0),
    };
    if len < width {
        let fill = match pad {
            Some(Pad::Zeros | Pad::Plus) => b'0',
            _ => b' ',
        };
        out.splice(start..start, std::iter::repeat_n(fill, width - len));
    }
}

/// Two digits, for the parts of `%D`, `%F`, `%T` and `%R` that take no flags.
fn write_two(out: &mut Vec<u8>, n: i32) {
    Number::plain(i64::from(n), 2).write(None, None, out);
}

/// How a number shows its sign.
#[derive(Clone, Copy)]
enum Sign {
    /// `-` when negative.
    Minus,
    /// `+` or `-`, always (`%z`).
    Always,
    /// A year (or century) whose value stays at most `max` in its natural width: under the `+`
    /// flag it takes a `+` when its value or its width exceeds that ("+10000", `%+5Y` is
    /// "+2001").
    Year { max: u64 },
}

/// A numeric field ready to pad.
struct Number {
    negative: bool,
    magnitude: u64,
    /// The width without flags or width, sign included (`%Y` 4: `2001`, `-001`).
    natural: usize,
    /// Padded with spaces by default (`%e`, `%k`, `%l`).
    spaces: bool,
    sign: Sign,
}

impl Number {
    fn plain(value: i64, natural: usize) -> Number {
        Number {
            negative: value < 0,
            magnitude: value.unsigned_abs(),
            natural,
            spaces: false,
            sign: Sign::Minus,
        }
    }

    fn spaced(value: i64, natural: usize) -> Number {
        Number {
            spaces: true,
            ..Number::plain(value, natural)
        }
    }

    /// Writes the number: an explicit width replaces the natural one (`%1S` is `6`, `%_3S` is
    /// `  6`), `-` drops padding; zeros go after the sign, spaces before it.
    fn write(&self, pad: Option<Pad>, width: Option<usize>, out: &mut Vec<u8>) {
        let pad = pad.unwrap_or(if self.spaces { Pad::Spaces } else { Pad::Zeros });
        let width = match pad {
            Pad::Off => 0,
            _ => width.unwrap_or(self.natural),
        };
        let sign: &[u8] = match self.sign {
            _ if self.negative => b"-",
            Sign::Always => b"+",
            Sign::Year { max }
                if pad == Pad::Plus && (self.magnitude > max || width > self.natural) =>
            {
                b"+"
            }
            _ => b"",
        };
        let digits = self.magnitude.to_string();
        let fill = width.saturating_sub(sign.len() + digits.len());
        if pad == Pad::Spaces {
            out.extend(std::iter::repeat_n(b' ', fill));
            out.extend_from_slice(sign);
        } else {
            out.extend_from_slice(sign);
            out.extend(std::iter::repeat_n(b'0', fill));
        }
        out.extend_from_slice(digits.as_bytes());
    }
}

impl Field {
    fn value(self, tm: &Tm) -> Number {
        let year = i64::from(tm.year) + 1900;
        let n = |v: i32, natural| Number::plain(i64::from(v), natural);
        let hour12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
        let year_number = |y: i64| Number {
            sign: Sign::Year { max: 9999 },
            ..Number::plain(y, 4)
        };
        // `%y` and `%g` of a year before 1 are its last two digits (`-001` gives `01`).
        let of_century = |y: i64| Number {
            sign: Sign::Year { max: 99 },
            ..Number::plain((y % 100).abs(), 2)
        };
        match self {
            Field::Year => year_number(year),
            // The manual: "like %Y, except the last two digits are omitted": `-0` for `-001`.
            Field::Century => Number {
                negative: year < 0,
                magnitude: year.unsigned_abs() / 100,
                natural: 2,
                spaces: false,
                sign: Sign::Year { max: 99 },
            },
            Field::YearOfCentury => of_century(year),
            Field::IsoYear => year_number(iso_week(tm).0),
            Field::IsoYearOfCentury => of_century(iso_week(tm).0),
            Field::IsoWeek => Number::plain(iso_week(tm).1, 2),
            Field::Month => n(tm.mon + 1, 2),
            Field::Day => n(tm.mday, 2),
            Field::DaySpaced => Number::spaced(i64::from(tm.mday), 2),
            Field::Hour => n(tm.hour, 2),
            Field::HourSpaced => Number::spaced(i64::from(tm.hour), 2),
            Field::Hour12 => n(hour12, 2),
            Field::Hour12Spaced => Number::spaced(i64::from(hour12), 2),
            Field::Minute => n(tm.min, 2),
            Field::Second => n(tm.sec, 2),
            Field::DayOfYear => n(tm.yday + 1, 3),
            Field::Quarter => n(tm.mon / 3 + 1, 1),
            Field::WeekdayFromMonday => n(if tm.wday == 0 { 7 } else { tm.wday }, 1),
            Field::WeekdayFromSunday => n(tm.wday, 1),
            // Weeks start on Sunday (Monday); days before the first one are in week 0.
            Field::WeekFromSunday => n((tm.yday + 7 - tm.wday) / 7, 2),
            Field::WeekFromMonday => n((tm.yday + 7 - (tm.wday + 6) % 7) / 7, 2),
            Field::Epoch => Number::plain(tm.epoch, 1),
        }
    }
}

/// The ISO 8601 week-numbering year and week: weeks start on Monday, and a week belongs to
/// the year its Thursday is in (so week 1 holds the year's first Thursday).
fn iso_week(tm: &Tm) -> (i64, i64) {
    let year = i64::from(tm.year) + 1900;
    let days_in = |y: i64| if is_leap(y) { 366 } else { 365 };
    let days_since_monday = i64::from((tm.wday + 6) % 7);
    let thursday = i64::from(tm.yday) - days_since_monday + 3;
    if thursday < 0 {
        let previous = year - 1;
        (previous, (thursday + days_in(previous)) / 7 + 1)
    } else if thursday >= days_in(year) {
        (year + 1, (thursday - days_in(year)) / 7 + 1)
    } else {
        (year, thursday / 7 + 1)
    }
}

/// Gregorian leap years, extended before year 1.
fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// `%N`: the first `width` (default 9) digits of the nanoseconds, zeros added on the right
/// beyond 9. Under `-` trailing zeros go, under `_` they become spaces; one digit stays.
fn write_nanoseconds(nsec: i32, pad: Option<Pad>, width: Option<usize>, out: &mut Vec<u8>) {
    let mut digits = format!("{:09}", nsec.clamp(0, 999_999_999)).into_bytes();
    digits.resize(width.unwrap_or(9), b'0');
    let kept = digits
        .iter()
        .rposition(|&d| d != b'0')
        .map_or(1, |last| last + 1);
    match pad {
        Some(Pad::Off) => digits.truncate(kept),
        Some(Pad::Spaces) => digits[kept..].fill(b' '),
        _ => {}
    }
    out.extend_from_slice(&digits);
}

/// Whether the offset shows with `-`: west of UTC, or zero in a zone whose abbreviation
/// starts with `-` (the manual: no time zone is determinable).
fn is_west(tm: &Tm) -> bool {
    tm.gmtoff < 0 || (tm.gmtoff == 0 && tm.zone.as_bytes().first() == Some(&b'-'))
}

/// `%z` (`+hhmm`), `%:z` (`+hh:mm`), `%::z` (`+hh:mm:ss`), `%:::z` (as many parts as needed).
/// The offset is a signed number padded like the others; after colons the width and padding
/// apply to the hours, the rest following them. Nothing at all when the daylight saving
/// state is unknown, as the C library has it.
fn write_zone(tm: &Tm, colons: usize, pad: Option<Pad>, width: Option<usize>, out: &mut Vec<u8>) {
    if tm.isdst < 0 {
        return;
    }
    let negative = is_west(tm);
    let offset = tm.gmtoff.unsigned_abs();
    let (hours, minutes, seconds) = (offset / 3600, offset / 60 % 60, offset % 60);
    let (magnitude, natural, rest) = match colons {
        0 => (hours * 100 + minutes, 5, String::new()),
        1 => (hours, 3, format!(":{minutes:02}")),
        2 => (hours, 3, format!(":{minutes:02}:{seconds:02}")),
        _ if seconds != 0 => (hours, 3, format!(":{minutes:02}:{seconds:02}")),
        _ if minutes != 0 => (hours, 3, format!(":{minutes:02}")),
        _ => (hours, 3, String::new()),
    };
    let number = Number {
        negative,
        magnitude,
        natural,
        spaces: false,
        sign: Sign::Always,
    };
    number.write(pad, width.map(|w| w.saturating_sub(rest.len())), out);
    out.extend_from_slice(rest.as_bytes());
}
