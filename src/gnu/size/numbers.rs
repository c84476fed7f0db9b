//! How the locale writes a size: gnulib human.c's decimal point (`8,4K` in French) and, for a
//! block size given with `'`, its thousands separator and digit grouping (`16 384`), as
//! `localeconv()` gives them.
//!
//! du asks localeconv for every number it prints; the locale never changes during a run, so
//! dug reads it once at start-up and keeps the answer here.

use super::decimal_digits;
use crate::sys::Lconv;

/// glibc's MB_LEN_MAX: human.c ignores a decimal point or separator longer than this.
const MB_LEN_MAX: usize = 16;

/// human.c's `CHAR_MAX` test on a grouping byte: this size or more means "no more groups".
const NO_MORE_GROUPS: u8 = 127;

/// The locale's punctuation of sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbers {
    decimal_point: Vec<u8>,
    thousands_sep: Vec<u8>,
    grouping: Vec<u8>,
    /// Sizes come out as in "C": a `.` point, and groups with nothing between them.
    plain: bool,
}

impl Numbers {
    /// The "C" locale's: `.` and no grouping.
    pub fn c() -> Numbers {
        Numbers::new(&Lconv {
            decimal_point: b".".to_vec(),
            ..Lconv::default()
        })
    }

    /// What `lconv` says, with human.c's limits: a decimal point of 1 to MB_LEN_MAX bytes (else
    /// `.`), a separator of at most MB_LEN_MAX bytes (else none).
    pub fn new(lconv: &Lconv) -> Numbers {
        let point = &lconv.decimal_point;
        let decimal_point = match point.len() {
            1..=MB_LEN_MAX => point.clone(),
            _ => b".".to_vec(),
        };
        let thousands_sep = match lconv.thousands_sep.len() {
            0..=MB_LEN_MAX => lconv.thousands_sep.clone(),
            _ => Vec::new(),
        };
        let grouping = lconv.grouping.clone();
        let plain = decimal_point == b"." && (thousands_sep.is_empty() || grouping.is_empty());
        Numbers {
            decimal_point,
            thousands_sep,
            grouping,
            plain,
        }
    }

    /// The decimal point, before the tenths of `-h` and `--si`.
    #[cfg(test)]
    pub(crate) fn decimal_point(&self) -> &[u8] {
        &self.decimal_point
    }

    /// Whether sizes come out as in "C" (the formatter's own path, which writes them so).
    pub(crate) fn is_plain(&self) -> bool {
        self.plain
    }

    /// Appends `amt`, grouped when `group` (a block size given with `'`), then the decimal
    /// point and the tenths digit `fraction` if there is one: human.c's number, in this
    /// locale's punctuation.
    #[inline(never)]
    pub(crate) fn push_number(
        &self,
        amt: u64,
        fraction: Option<u8>,
        group: bool,
        out: &mut Vec<u8>,
    ) {
        let mut buf = [0u8; 20];
        let digits = decimal_digits(amt, &mut buf);
        if group {
            self.push_grouped(digits, out);
        } else {
            out.extend_from_slice(digits);
        }
        if let Some(digit) = fraction {
            out.extend_from_slice(&self.decimal_point);
            out.push(digit);
        }
    }

    /// Appends `digits` grouped as human.c's `group_number` does: groups from the right, each
    /// as long as the next grouping byte says, the last size repeated when the bytes run out,
    /// and all the rest in one group after a byte of 127 or more; no groups when the grouping
    /// is empty.
    pub(crate) fn push_grouped(&self, digits: &[u8], out: &mut Vec<u8>) {
        // Where separators go, counted from the left, right to left (20 digits at most).
        let mut cuts = [0usize; 20];
        let mut count = 0;
        let mut left = digits.len();
        let mut group = usize::MAX;
        let mut sizes = self.grouping.iter();
        while left > 0 {
            if let Some(&size) = sizes.as_slice().first() {
                group = if size < NO_MORE_GROUPS {
                    usize::from(size)
                } else {
                    left
                };
                sizes.next();
            }
            left -= group.min(left);
            if left > 0 && count < cuts.len() {
                cuts[count] = left;
                count += 1;
            }
        }
        let mut from = 0;
        for &cut in cuts[..count].iter().rev() {
            out.extend_from_slice(&digits[from..cut]);
            out.extend_from_slice(&self.thousands_sep);
            from = cut;
        }
        out.extend_from_slice(&digits[from..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(point: &[u8], sep: &[u8], grouping: &[u8]) -> Numbers {
        let lconv = Lconv {
            decimal_point: point.to_vec(),
            thousands_sep: sep.to_vec(),
            grouping: grouping.to_vec(),
        };
        Numbers::new(&lconv)
    }

    fn grouped(n: &Numbers, digits: &str) -> String {
        let mut out = Vec::new();
        n.push_grouped(digits.as_bytes(), &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn groups_as_group_number() {
        let fr = numbers(b",", "\u{202f}".as_bytes(), b"\x03\x03");
        assert_eq!(grouped(&fr, "16384"), "16\u{202f}384");
        assert_eq!(grouped(&fr, "384"), "384");
        assert_eq!(grouped(&fr, "1000000"), "1\u{202f}000\u{202f}000");
        assert_eq!(grouped(&fr, "0"), "0");
        let en = numbers(b".", b",", b"\x03");
        assert_eq!(
            grouped(&en, "18446744073709551615"),
            "18,446,744,073,709,551,615"
        );
        // India's 3 then 2s; a byte of CHAR_MAX stops grouping; none without grouping.
        let hi = numbers(b".", b",", b"\x03\x02");
        assert_eq!(grouped(&hi, "123456789"), "12,34,56,789");
        let stop = numbers(b".", b".", b"\x02\x7f");
        assert_eq!(grouped(&stop, "1234567"), "12345.67");
        assert_eq!(grouped(&numbers(b".", b",", b""), "1234567"), "1234567");
        assert_eq!(grouped(&numbers(b".", b"", b"\x03"), "1234567"), "1234567");
    }

    #[test]
    fn human_c_limits() {
        assert_eq!(numbers(b"", b"", b"").decimal_point(), b".");
        assert_eq!(numbers(&[b'x'; 17], b"", b"").decimal_point(), b".");
        assert_eq!(numbers(&[b'x'; 16], b"", b"").decimal_point(), [b'x'; 16]);
        let long_sep = numbers(b".", &[b'_'; 17], b"\x03");
        assert_eq!(grouped(&long_sep, "1234"), "1234");
        assert_eq!(Numbers::c().decimal_point(), b".");
    }
}
