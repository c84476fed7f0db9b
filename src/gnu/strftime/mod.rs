//! `--time-style=+FORMAT` and du's named styles: turning a broken-down time into du's text.
//!
//! du formats with coreutils' strftime, the one `date +FORMAT` uses, whose rules the coreutils
//! manual documents (date, "Padding and other flags"). They extend the C library's: `%N`
//! (nanoseconds, a width meaning digits), `%:z`, `%::z`, `%:::z`, `%q`, the `+` flag, an
//! explicit width that replaces a field's natural one (`%1S` is `6`), `-` that drops padding
//! even with a width, years before 1 as `-001`, `%F` as `%+4Y-%m-%d`, and a conversion it does
//! not know copied as written. So a format is parsed here into literal text and conversions;
//! what depends on the locale (names of days and months, AM/PM, `%c`, `%x`, `%X`, `%r`, and
//! the `E` and `O` alternatives of years and numbers) comes from the C library's `strftime`,
//! as du gets it, and numbers, padding and the extensions are done here. Each rule was
//! measured with du and `date`; tests/time_formats.rs compares thousands of conversions with
//! both.
//!
//! The format is read once (`spec`: each `%` specification and what it converts) and written
//! for every time (`convert`: numbers, padding, zones, and the C library's text).

use std::ffi::CString;

use crate::gnu::c;
use crate::sys::time::Tm;

mod convert;
mod spec;

use convert::pad_text;
use spec::Spec;

/// A parsed format, ready to format any number of times.
#[derive(Clone, Debug)]
pub(crate) struct Format {
    pieces: Vec<Piece>,
}

#[derive(Clone, Debug)]
enum Piece {
    /// Text copied as it is: the format's own, `%%`, and conversions du does not know.
    Literal(Vec<u8>),
    /// A conversion with its padding flag and width.
    Field {
        conversion: Conversion,
        pad: Option<Pad>,
        width: Option<usize>,
    },
}

/// The last of the padding flags `-`, `_`, `0`, `+` given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pad {
    /// `-`: no padding, whatever the width.
    Off,
    /// `_`: spaces.
    Spaces,
    /// `0`: zeros.
    Zeros,
    /// `+`: zeros, and a `+` before a year beyond its natural width.
    Plus,
}

#[derive(Clone, Debug)]
enum Conversion {
    /// A number of the broken-down time; under the `O` modifier, when not negative, the C
    /// library's text for it (`alternative`).
    Number {
        field: Field,
        alternative: Option<CString>,
        /// `^`, which upper-cases the alternative text.
        upper: bool,
    },
    /// `%N`.
    Nanoseconds,
    /// `%z` with this many colons; under the `O` modifier, east of UTC, the C library's text.
    Zone { colons: usize, alternative: bool },
    /// `%D`: `%m/%d/%y`, the flag applying to the year.
    Date,
    /// `%F`: `%+4Y-%m-%d`, flag and width applying to the year.
    IsoDate,
    /// `%T` (true) or `%R` (false).
    Clock { seconds: bool },
    /// `%n`, `%t`.
    Char(u8),
    /// Locale text: the C library's strftime for this format (case flags and modifier kept).
    Library(CString),
}

/// The numeric conversions.
#[derive(Clone, Copy, Debug)]
enum Field {
    Year,
    Century,
    YearOfCentury,
    IsoYear,
    IsoYearOfCentury,
    IsoWeek,
    Month,
    Day,
    DaySpaced,
    Hour,
    HourSpaced,
    Hour12,
    Hour12Spaced,
    Minute,
    Second,
    DayOfYear,
    Quarter,
    WeekdayFromMonday,
    WeekdayFromSunday,
    WeekFromSunday,
    WeekFromMonday,
    Epoch,
}

impl Format {
    /// Parses `format` (a C string: it ends at a NUL byte). Everything is accepted: what is not
    /// a conversion du knows is text to copy.
    pub(crate) fn parse(format: &[u8]) -> Format {
        let format = c::until_nul(format);
        let mut pieces = Vec::new();
        let mut text = Vec::new();
        let mut i = 0;
        while i < format.len() {
            if format[i] != b'%' {
                text.push(format[i]);
                i += 1;
                continue;
            }
            if format.get(i + 1) == Some(&b'%') {
                text.push(b'%');
                i += 2;
                continue;
            }
            let spec = Spec::parse(format, i);
            match spec.conversion() {
                Some(conversion) => {
                    if !text.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field {
                        conversion,
                        pad: spec.pad,
                        width: spec.width,
                    });
                }
                None => {
                    // du copies what it cannot convert, padded as text, upper-cased under `^`
                    // (`%^5Ei` is ` %^EI`), and under `#` too for `b` and `h` (`%#Eb` is
                    // `%#EB`, `%#Ea` stays).
                    let mut bad = format[i..spec.end].to_vec();
                    if spec.upper || (spec.swap && matches!(spec.letter, Some(b'b' | b'h'))) {
                        bad.make_ascii_uppercase();
                    }
                    pad_text(&mut text, spec.pad, spec.width, |out| {
                        out.extend_from_slice(&bad)
                    });
                }
            }
            i = spec.end;
        }
        if !text.is_empty() {
            pieces.push(Piece::Literal(text));
        }
        Format { pieces }
    }

    /// Appends `tm` as this format shows it to `out`.
    pub(crate) fn write(&self, tm: &Tm, out: &mut Vec<u8>) {
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.extend_from_slice(text),
                Piece::Field {
                    conversion,
                    pad,
                    width,
                } => conversion.write(tm, *pad, *width, out),
            }
        }
    }
}

#[cfg(test)]
mod tests;
