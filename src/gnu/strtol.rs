//! gnulib's `xstrtoumax` and `xstrtoimax` (coreutils 9.1) with base 0: the C syntax of a
//! number (leading "C"-locale white space, `+` or `-`, `0x` hex and `0` octal), an optional
//! suffix of those allowed (K, KB, KiB, M, …), and the three ways to fail that du reports.
//! du reads -B, -t, -d and the block size variables with them.

use crate::gnu::c;

/// Why a SIZE argument was refused (GNU xstrtol's cases).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SizeError {
    /// `LONGINT_INVALID`: no number, a negative number, or a block size of 0
    /// (du: "invalid -B argument 'X'").
    Invalid,
    /// `LONGINT_INVALID_SUFFIX_CHAR` (with or without overflow)
    /// (du: "invalid suffix in -B argument 'X'").
    InvalidSuffix,
    /// `LONGINT_OVERFLOW` (du: "-B argument 'X' too large").
    TooLarge,
}

/// Clamp an xstrtoumax result (always within 0..=u64::MAX) to u64.
fn clamp_u64(v: i128) -> u64 {
    u64::try_from(v.max(0)).unwrap_or(u64::MAX)
}

/// The range of the C integer type being parsed.
#[derive(Clone, Copy)]
struct Limits {
    min: i128,
    max: i128,
}

impl Limits {
    /// uintmax_t.
    const UNSIGNED: Limits = Limits {
        min: 0,
        max: u64::MAX as i128,
    };
    /// intmax_t.
    const SIGNED: Limits = Limits {
        min: i64::MIN as i128,
        max: i64::MAX as i128,
    };
}

/// What xstrtol reports: `LONGINT_OVERFLOW`, `LONGINT_INVALID_SUFFIX_CHAR`, `LONGINT_INVALID`,
/// and the value it stored (None when it stored nothing).
struct Scan {
    value: Option<i128>,
    overflow: bool,
    bad_suffix: bool,
    invalid: bool,
}

impl Scan {
    /// The SizeError du's `xstrtol_fatal` would report, if any.
    fn error(&self) -> Option<SizeError> {
        if self.invalid {
            Some(SizeError::Invalid)
        } else if self.bad_suffix {
            Some(SizeError::InvalidSuffix)
        } else if self.overflow {
            Some(SizeError::TooLarge)
        } else {
            None
        }
    }

    /// LONGINT_INVALID, storing nothing.
    fn invalid() -> Scan {
        Scan {
            value: None,
            overflow: false,
            bad_suffix: false,
            invalid: true,
        }
    }
}

/// The value of `b` as a digit in `radix`, if it is one.
fn digit_value(b: u8, radix: u32) -> Option<u32> {
    char::from(b).to_digit(radix)
}

/// C `strtoimax`/`strtoumax` with base 0 in the C locale: returns the value (clamped to
/// the limits, as C does on ERANGE), the index just past the number (0 if there was none),
/// and whether it overflowed.
fn c_strtol(s: &[u8], limits: Limits) -> (i128, usize, bool) {
    let mut i = 0;
    while i < s.len() && c::is_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if let Some(&sign @ (b'+' | b'-')) = s.get(i) {
        negative = sign == b'-';
        i += 1;
    }
    let mut radix = 10;
    if s.get(i) == Some(&b'0') {
        if matches!(s.get(i + 1), Some(b'x' | b'X'))
            && s.get(i + 2).and_then(|&b| digit_value(b, 16)).is_some()
        {
            radix = 16;
            i += 2;
        } else {
            radix = 8;
        }
    }
    // The magnitude saturates just above anything representable.
    let cap: u128 = 1 << 65;
    let mut magnitude: u128 = 0;
    let start = i;
    while let Some(d) = s.get(i).and_then(|&b| digit_value(b, radix)) {
        magnitude = (magnitude * u128::from(radix) + u128::from(d)).min(cap);
        i += 1;
    }
    if i == start {
        return (0, 0, false);
    }
    // `cap` fits in i128, so this cannot fail.
    let magnitude = i128::try_from(magnitude).unwrap_or(i128::MAX);
    let value = if negative { -magnitude } else { magnitude };
    if value > limits.max {
        (limits.max, i, true)
    } else if value < limits.min {
        if limits.min == 0 {
            // strtoumax negates in unsigned arithmetic; xstrtoumax refuses '-' before this.
            (limits.max, i, true)
        } else {
            (limits.min, i, true)
        }
    } else {
        (value, i, false)
    }
}

/// gnulib's `bkm_scale`: multiply, saturating to the type's limits on overflow.
fn bkm_scale(x: &mut i128, factor: i128, limits: Limits, overflow: &mut bool) {
    let scaled = *x * factor;
    if scaled > limits.max {
        *x = limits.max;
        *overflow = true;
    } else if scaled < limits.min {
        *x = limits.min;
        *overflow = true;
    } else {
        *x = scaled;
    }
}

/// gnulib's `xstrtoumax`/`xstrtoimax` (coreutils 9.1) with base 0 and the given valid suffixes.
fn xstrtol(s: &[u8], valid_suffixes: &[u8], limits: Limits) -> Scan {
    let s = c::until_nul(s);
    let valid = |b: u8| b != 0 && valid_suffixes.contains(&b);

    if limits.min == 0 {
        let first = s.iter().copied().find(|&b| !c::is_space(b));
        if first == Some(b'-') {
            return Scan::invalid();
        }
    }

    let (mut tmp, mut end, overflow) = c_strtol(s, limits);
    let mut scan = Scan {
        value: None,
        overflow,
        bad_suffix: false,
        invalid: false,
    };
    if end == 0 {
        // No number: a valid suffix alone means 1.
        match s.first() {
            Some(&b) if valid(b) => tmp = 1,
            _ => return Scan::invalid(),
        }
    }

    if let Some(&suffix) = s.get(end) {
        if !valid(suffix) {
            scan.value = Some(tmp);
            scan.bad_suffix = true;
            return scan;
        }
        let mut base: i128 = 1024;
        let mut length = 1;
        if b"EGgkKMmPTtYZ".contains(&suffix) && valid_suffixes.contains(&b'0') {
            match s.get(end + 1) {
                Some(b'i') if s.get(end + 2) == Some(&b'B') => length += 2,
                Some(b'B' | b'D') => {
                    base = 1000;
                    length += 1;
                }
                _ => {}
            }
        }
        let (factor, power) = match suffix {
            b'b' => (512, 1),
            b'B' => (1024, 1),
            b'c' => (1, 1),
            b'E' => (base, 6),
            b'G' | b'g' => (base, 3),
            b'k' | b'K' => (base, 1),
            b'M' | b'm' => (base, 2),
            b'P' => (base, 5),
            b'T' | b't' => (base, 4),
            b'w' => (2, 1),
            b'Y' => (base, 8),
            b'Z' => (base, 7),
            _ => {
                scan.value = Some(tmp);
                scan.bad_suffix = true;
                return scan;
            }
        };
        for _ in 0..power {
            bkm_scale(&mut tmp, factor, limits, &mut scan.overflow);
        }
        end += length;
        if end < s.len() {
            scan.bad_suffix = true;
        }
    }
    scan.value = Some(tmp);
    scan
}

/// `xstrtoumax (s, NULL, 0, &n, valid_suffixes)` with `n` at 0 before: what `n` holds after
/// (the value, clamped to u64, also when there is a complaint), and the complaint if any. A
/// leading '-' is Invalid; a bare valid suffix means 1 of it; with '0' among the suffixes,
/// "KB"-style suffixes are powers of 1000 and "KiB" powers of 1024.
pub(crate) fn xstrtoumax(s: &[u8], valid_suffixes: &[u8]) -> (u64, Option<SizeError>) {
    let scan = xstrtol(s, valid_suffixes, Limits::UNSIGNED);
    (scan.value.map_or(0, clamp_u64), scan.error())
}

/// du's -d/--max-depth argument: `xstrtoumax (arg, NULL, 0, &n, "") == LONGINT_OK`, so
/// leading "C"-locale white space, an optional '+', `0x` hex or `0` octal, no sign, no
/// suffix, and nothing after the digits; None for anything else, or above u64::MAX.
pub(crate) fn parse_unsigned(arg: &[u8]) -> Option<u64> {
    match xstrtoumax(arg, b"") {
        (n, None) => Some(n),
        (_, Some(_)) => None,
    }
}

/// Parse a signed SIZE with xstrtoimax's rules, as du 9.1 does for -t/--threshold (with
/// valid suffixes "kKmMGTPEZY0"): a leading '-' is allowed, and the range is that of i64.
/// du itself refuses "-0" (any negative spelling of zero) after this succeeds; that check
/// is left to the caller.
pub(crate) fn parse_size_signed(spec: &[u8], valid_suffixes: &[u8]) -> Result<i64, SizeError> {
    let scan = xstrtol(spec, valid_suffixes, Limits::SIGNED);
    match scan.error() {
        Some(e) => Err(e),
        None => Ok(scan.value.map_or(0, |v| {
            i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `xstrtoumax` as a result: the value, or the complaint.
    fn parse_size(spec: &[u8], valid_suffixes: &[u8]) -> Result<u64, SizeError> {
        match xstrtoumax(spec, valid_suffixes) {
            (n, None) => Ok(n),
            (_, Some(e)) => Err(e),
        }
    }

    #[test]
    fn parse_size_unsigned() {
        let s = b"eEgGkKmMpPtTyYzZ0";
        assert_eq!(parse_size(b"0", s), Ok(0));
        assert_eq!(parse_size(b"12", s), Ok(12));
        assert_eq!(parse_size(b"K", s), Ok(1024));
        assert_eq!(parse_size(b"2KB", s), Ok(2000));
        assert_eq!(parse_size(b"2KiB", s), Ok(2048));
        assert_eq!(parse_size(b"2KD", s), Ok(2000));
        assert_eq!(parse_size(b"3gB", s), Ok(3_000_000_000));
        assert_eq!(parse_size(b"0x10", s), Ok(16));
        assert_eq!(parse_size(b"010", s), Ok(8));
        assert_eq!(parse_size(b" +7", s), Ok(7));
        assert_eq!(parse_size(b"18446744073709551615", s), Ok(u64::MAX));
        assert_eq!(parse_size(b"15E", s), Ok(15 << 60));
        assert_eq!(
            parse_size(b"18446744073709551616", s),
            Err(SizeError::TooLarge)
        );
        assert_eq!(parse_size(b"16E", s), Err(SizeError::TooLarge));
        assert_eq!(parse_size(b"1Z", s), Err(SizeError::TooLarge));
        assert_eq!(parse_size(b"-1", s), Err(SizeError::Invalid));
        assert_eq!(parse_size(b"", s), Err(SizeError::Invalid));
        assert_eq!(parse_size(b"x", s), Err(SizeError::Invalid));
        assert_eq!(parse_size(b"1x", s), Err(SizeError::InvalidSuffix));
        assert_eq!(parse_size(b"1e", s), Err(SizeError::InvalidSuffix));
        assert_eq!(
            parse_size(b"99999999999999999999x", s),
            Err(SizeError::InvalidSuffix)
        );
        // Without '0' among the valid suffixes, no second suffix is allowed.
        assert_eq!(parse_size(b"1K", b"K"), Ok(1024));
        assert_eq!(parse_size(b"1KB", b"K"), Err(SizeError::InvalidSuffix));
        assert_eq!(parse_size(b"1K", b""), Err(SizeError::InvalidSuffix));
        // Suffixes only xstrtol knows, when asked for.
        assert_eq!(parse_size(b"3b", b"bcw"), Ok(1536));
        assert_eq!(parse_size(b"3c", b"bcw"), Ok(3));
        assert_eq!(parse_size(b"3w", b"bcw"), Ok(6));
        assert_eq!(parse_size(b"3B", b"B"), Ok(3072));
    }

    /// `du -d ARG /dev/null` with du 9.1: which arguments it took, as what.
    #[test]
    fn max_depth_as_du() {
        assert_eq!(parse_unsigned(b" +0x1"), Some(1));
        assert_eq!(parse_unsigned(b"\x0b1"), Some(1));
        assert_eq!(parse_unsigned(b"010"), Some(8));
        assert_eq!(parse_unsigned(b"0"), Some(0));
        assert_eq!(parse_unsigned(b"9223372036854775808"), Some(1 << 63));
        assert_eq!(parse_unsigned(b"18446744073709551615"), Some(u64::MAX));
        for refused in [
            &b"-1"[..],
            b" -0",
            b"+-1",
            b"0x",
            b"08",
            b"1k",
            b"1 ",
            b"",
            b" ",
            b"+",
            b"18446744073709551616",
        ] {
            assert_eq!(parse_unsigned(refused), None, "{refused:?}");
        }
        assert_eq!(parse_unsigned(b"7\0x"), Some(7));
    }

    // -t/--threshold as GNU du 9.1 takes it (xstrtoimax with "kKmMGTPEZY0"); the error
    // kinds are du's (`du -b -t SPEC f1024 f1025`), and the accepted values agree with
    // which of a 1024- and a 1025-byte file du then printed.
    #[test]
    fn parse_size_signed_for_threshold() {
        let s = b"kKmMGTPEZY0";
        assert_eq!(parse_size_signed(b"1K", s), Ok(1024));
        assert_eq!(parse_size_signed(b"1KB", s), Ok(1000));
        assert_eq!(parse_size_signed(b"1KiB", s), Ok(1024));
        assert_eq!(parse_size_signed(b"-1K", s), Ok(-1024));
        assert_eq!(parse_size_signed(b" -1K", s), Ok(-1024));
        assert_eq!(parse_size_signed(b"-1KB", s), Ok(-1000));
        assert_eq!(parse_size_signed(b"+1K", s), Ok(1024));
        assert_eq!(parse_size_signed(b"K", s), Ok(1024));
        assert_eq!(parse_size_signed(b"0x10", s), Ok(16));
        assert_eq!(parse_size_signed(b"-0", s), Ok(0));
        assert_eq!(parse_size_signed(b"7E", s), Ok(7 << 60));
        assert_eq!(parse_size_signed(b"-8E", s), Ok(i64::MIN));
        assert_eq!(parse_size_signed(b"9223372036854775807", s), Ok(i64::MAX));
        assert_eq!(parse_size_signed(b"-9223372036854775808", s), Ok(i64::MIN));
        let too_large = Err(SizeError::TooLarge);
        assert_eq!(parse_size_signed(b"9223372036854775808", s), too_large);
        assert_eq!(parse_size_signed(b"-9223372036854775809", s), too_large);
        assert_eq!(parse_size_signed(b"8E", s), too_large);
        assert_eq!(parse_size_signed(b"1Y", s), too_large);
        assert_eq!(parse_size_signed(b"1Z", s), too_large);
        assert_eq!(parse_size_signed(b"-K", s), Err(SizeError::Invalid));
        let bad_suffix = Err(SizeError::InvalidSuffix);
        for spec in [
            &b"1g"[..],
            b"1t",
            b"1e",
            b"1B",
            b"1KK",
            b"99999999999999999999X",
        ] {
            assert_eq!(parse_size_signed(spec, s), bad_suffix, "{spec:?}");
        }
        assert_eq!(parse_size_signed(b"-99999999999999999999X", s), bad_suffix);
    }
}
