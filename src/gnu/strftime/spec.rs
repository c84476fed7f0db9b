//! The `%` specifications of a format: flags, width, `E`/`O` modifier and colons as written,
//! and the conversion du makes of them (or none, when it copies them as text).

use std::ffi::CString;

use super::{Conversion, Field, Pad};

/// One `%` specification as written: `%`, flags, width, modifier, colons, conversion.
pub(super) struct Spec {
    pub(super) pad: Option<Pad>,
    pub(super) upper: bool,
    pub(super) swap: bool,
    pub(super) width: Option<usize>,
    pub(super) modifier: Option<u8>,
    pub(super) colons: usize,
    /// The conversion character, when the specification is complete.
    pub(super) letter: Option<u8>,
    /// Where the text after the specification starts.
    pub(super) end: usize,
}

/// No width takes more than C's `int` (du's limit too).
const MAX_WIDTH: usize = i32::MAX as usize;

impl Spec {
    /// Reads the specification at `format[start]` (a `%` not followed by another).
    pub(super) fn parse(format: &[u8], start: usize) -> Spec {
        let mut spec = Spec {
            pad: None,
            upper: false,
            swap: false,
            width: None,
            modifier: None,
            colons: 0,
            letter: None,
            end: format.len(),
        };
        let mut i = start + 1;
        while let Some(&c) = format.get(i) {
            match c {
                b'-' => spec.pad = Some(Pad::Off),
                b'_' => spec.pad = Some(Pad::Spaces),
                b'0' => spec.pad = Some(Pad::Zeros),
                b'+' => spec.pad = Some(Pad::Plus),
                b'^' => spec.upper = true,
                b'#' => spec.swap = true,
                _ => break,
            }
            i += 1;
        }
        while let Some(&c) = format.get(i).filter(|c| c.is_ascii_digit()) {
            let w = spec.width.unwrap_or(0);
            spec.width = Some((w * 10 + usize::from(c - b'0')).min(MAX_WIDTH));
            i += 1;
        }
        if let Some(&m @ (b'E' | b'O')) = format.get(i) {
            spec.modifier = Some(m);
            i += 1;
        }
        while format.get(i) == Some(&b':') {
            spec.colons += 1;
            i += 1;
        }
        match format.get(i) {
            None => {}
            // Measured with du: a `%` after flags, width, modifier or colons ends this
            // (unknown) specification and starts the next (`%5%y` is `   %501`), and so does
            // anything but `z` after colons (`%:%y` is `%:01`).
            Some(b'%') => spec.end = i,
            Some(&c) if spec.colons > 0 && c != b'z' => spec.end = i,
            Some(&c) => {
                spec.letter = Some(c);
                spec.end = i + 1;
            }
        }
        spec
    }

    /// What the specification converts, or None when du copies it as text: an unknown
    /// letter, a modifier the letter does not take, or more than three colons.
    pub(super) fn conversion(&self) -> Option<Conversion> {
        let letter = self.letter?;
        // Which letters take `E` and `O`, as du accepts them (the others print as written).
        let takes_modifier = match self.modifier {
            None => true,
            Some(b'E') => b"cCnpPqrRstTuxXyYzZ".contains(&letter),
            Some(_) => !b"aAcDFxXY".contains(&letter),
        };
        if !takes_modifier || (self.colons > 0 && (letter != b'z' || self.colons > 3)) {
            return None;
        }
        // Under `O` (the locale's digits) du asks the C library for a number that is not
        // negative, and pads its text as text (`%_5Od` is `   03`, `%-Oe` is ` 3`, and `%Oq`
        // stays `%Oq`, the C library having no `%q`), except for `%Os`, which is `%s`; under
        // `E` (the locale's era) it does so for every year (`%EY` of year -1 is `-1`).
        let alternative = (self.modifier == Some(b'O') && letter != b's')
            .then(|| CString::new([b'%', b'O', letter]).expect("no NUL"));
        let number = |field| Conversion::Number {
            field,
            alternative: alternative.clone(),
            upper: self.upper,
        };
        Some(match letter {
            b'a' | b'A' | b'b' | b'B' | b'h' | b'c' | b'x' | b'X' | b'p' | b'P' | b'r' | b'Z' => {
                Conversion::Library(self.library_format(letter))
            }
            b'C' | b'y' | b'Y' if self.modifier == Some(b'E') => {
                Conversion::Library(self.library_format(letter))
            }
            b'C' => number(Field::Century),
            b'd' => number(Field::Day),
            b'D' => Conversion::Date,
            b'e' => number(Field::DaySpaced),
            b'F' => Conversion::IsoDate,
            b'g' => number(Field::IsoYearOfCentury),
            b'G' => number(Field::IsoYear),
            b'H' => number(Field::Hour),
            b'I' => number(Field::Hour12),
            b'j' => number(Field::DayOfYear),
            b'k' => number(Field::HourSpaced),
            b'l' => number(Field::Hour12Spaced),
            b'm' => number(Field::Month),
            b'M' => number(Field::Minute),
            b'n' => Conversion::Char(b'\n'),
            b'N' => Conversion::Nanoseconds,
            b'q' => number(Field::Quarter),
            b'R' => Conversion::Clock { seconds: false },
            b's' => number(Field::Epoch),
            b'S' => number(Field::Second),
            b't' => Conversion::Char(b'\t'),
            b'T' => Conversion::Clock { seconds: true },
            b'u' => number(Field::WeekdayFromMonday),
            b'U' => number(Field::WeekFromSunday),
            b'V' => number(Field::IsoWeek),
            b'w' => number(Field::WeekdayFromSunday),
            b'W' => number(Field::WeekFromMonday),
            b'y' => number(Field::YearOfCentury),
            b'Y' => number(Field::Year),
            b'z' => Conversion::Zone {
                colons: self.colons,
                alternative: self.modifier == Some(b'O'),
            },
            _ => return None,
        })
    }

    /// The C library's format for `letter`: the case flags, and the modifier where it has an
    /// alternative (`%Ec`, `%EY`, `%Ob`…; not `%Ep`).
    fn library_format(&self, letter: u8) -> CString {
        let mut f = vec![b'%'];
        if self.upper {
            f.push(b'^');
        }
        if self.swap {
            f.push(b'#');
        }
        let has_alternative = match self.modifier {
            Some(b'E') => b"cCxXyY".contains(&letter),
            Some(_) => b"bBh".contains(&letter),
            None => false,
        };
        if has_alternative {
            f.extend(self.modifier);
        }
        f.push(letter);
        CString::new(f).expect("flags and letters are not NUL")
    }
}
