//! Block sizes and GNU du's size printing: -h, --si, -k, -m, -b, -B SIZE and the BLOCK_SIZE environment, with GNU's rounding.
//!
//! The rules follow gnulib's `human.c` (`human_options`, `human_readable`) as used by GNU du
//! 9.1 (the numbers themselves are read by `strtol`), and were checked against the `du`
//! binary itself. The locale's decimal point and, for a leading `'` in a block size, its digit
//! grouping come from [`Numbers`], read once per run.

mod numbers;

use std::ffi::OsString;

use crate::gnu::c;
use crate::gnu::gettext;
use crate::gnu::strtol::{SizeError, xstrtoumax};

pub use numbers::Numbers;

/// The valid suffixes du passes to `xstrtoumax` for a block size (gnulib `humblock`).
const BLOCK_SIZE_SUFFIXES: &[u8] = b"eEgGkKmMpPtTyYzZ0";

/// Power letters indexed by exponent (gnulib `power_letter`); index 0 is unused.
const POWER_LETTER: [u8; 9] = [0, b'K', b'M', b'G', b'T', b'P', b'E', b'Z', b'Y'];

/// The largest exponent that has a letter (Y).
const EXPONENT_MAX: u32 = 8;

/// How a size is printed: GNU's `human_output_opts` plus `output_block_size`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeFormat {
    /// `human_autoscale`: pick the unit from the value.
    autoscale: bool,
    /// `human_SI`: print a unit letter after the number.
    si: bool,
    /// `human_base_1024`: units are powers of 1024 (else 1000).
    base_1024: bool,
    /// `human_B`: append "B" ("iB" with powers of 1024) to the unit letter.
    suffix_b: bool,
    /// `human_group_digits`: group thousands as the locale does (not at all in "C").
    group: bool,
    /// `output_block_size`: the unit the number is counted in; never 0.
    block_size: u64,
}

impl SizeFormat {
    /// A format with every option off.
    const fn plain(block_size: u64) -> SizeFormat {
        SizeFormat {
            autoscale: false,
            si: false,
            base_1024: false,
            suffix_b: false,
            group: false,
            block_size,
        }
    }

    /// du's default with no option and no environment: 1024-byte blocks (512 when POSIXLY_CORRECT is set).
    pub(crate) fn default_blocks(posixly_correct: bool) -> SizeFormat {
        SizeFormat::plain(default_block_size(posixly_correct))
    }

    /// -h / --human-readable: autoscale, powers of 1024, suffixes K M G …
    pub(crate) fn human() -> SizeFormat {
        SizeFormat {
            autoscale: true,
            si: true,
            base_1024: true,
            ..SizeFormat::plain(1)
        }
    }

    /// --si: autoscale, powers of 1000, suffixes k M G …
    pub(crate) fn si() -> SizeFormat {
        SizeFormat {
            autoscale: true,
            si: true,
            ..SizeFormat::plain(1)
        }
    }

    /// A plain block size with no suffix shown (-b is blocks(1), -k blocks(1024), -m blocks(1048576)).
    /// A block size of 0 is taken as 1.
    pub(crate) fn blocks(block_size: u64) -> SizeFormat {
        SizeFormat::plain(block_size.max(1))
    }

    /// Parse a -B/--block-size argument (or a DU_BLOCK_SIZE/BLOCK_SIZE/BLOCKSIZE value) exactly as
    /// gnulib's `human_options` does: a leading `'` asks for digit grouping; "human-readable" and
    /// "si" (or any non-empty abbreviation of them) mean -h and --si; otherwise an unsigned number
    /// in C syntax (leading blanks, `+`, `0x` hex and `0` octal are accepted) with an optional
    /// suffix K, KB, KiB, KD, M, … (any of "eEgGkKmMpPtTyYzZ"; `e`, `p`, `y`, `z` are refused as
    /// suffixes by xstrtol itself). A bare suffix ("K", "MB", "KiB") makes the unit print after
    /// each number. A block size of 0 is an error (Invalid). `posixly_correct` only matters for
    /// the fallback default, which this function never returns.
    pub(crate) fn parse(spec: &[u8], posixly_correct: bool) -> Result<SizeFormat, SizeError> {
        match human_options(spec, posixly_correct) {
            (format, None) => Ok(format),
            (_, Some(e)) => Err(e),
        }
    }

    /// du's start-up choice from the environment: DU_BLOCK_SIZE, then BLOCK_SIZE, then
    /// BLOCKSIZE, then the default (512 with POSIXLY_CORRECT, else 1024). Only the first of the
    /// three variables that is set is looked at, even if it is empty or invalid. An invalid
    /// value is not reported; du keeps what gnulib left behind: the default for an unparsable
    /// value or 0, and otherwise the number read so far with no suffix shown (so "1X" means
    /// 1-byte blocks, "Ki" 1024-byte blocks and an overflowing value u64::MAX-byte blocks).
    /// `get` looks up an environment variable (so tests need not touch the process environment).
    pub(crate) fn from_env(get: &dyn Fn(&str) -> Option<OsString>) -> SizeFormat {
        let posixly_correct = get("POSIXLY_CORRECT").is_some();
        let spec = get("DU_BLOCK_SIZE")
            .or_else(|| get("BLOCK_SIZE"))
            .or_else(|| get("BLOCKSIZE"));
        match spec {
            None => SizeFormat::default_blocks(posixly_correct),
            Some(value) => human_options(value.as_encoded_bytes(), posixly_correct).0,
        }
    }

    /// Append the printed form of `bytes` (already a byte count) to `out`, exactly as du's
    /// `human_readable (bytes, buf, opts, 1, block_size)` with du's default rounding (ceiling)
    /// and the locale's punctuation `numbers`: in "C", blocks(1024): 1 -> "1", 1025 -> "2";
    /// human(): 1025 -> "1.1K" ("1,1K" in French), 10241 -> "11K", 1023 -> "1023", 0 -> "0";
    /// si(): 1001 -> "1.1k". u64::MAX means overflow and prints "Infinity", translated (du's
    /// `print_only_size`, which asks the catalog only then). Like du, block sizes above 2^63/5 use GNU's wrapping remainder
    /// arithmetic (so -B 9223372036854775809 prints 2^62 bytes as "0").
    pub(crate) fn write(&self, bytes: u64, numbers: &Numbers, out: &mut Vec<u8>) {
        if bytes == u64::MAX {
            push_infinity(out);
            return;
        }
        let base: u64 = if self.base_1024 { 1024 } else { 1000 };
        let to = self.block_size.max(1);

        // Convert to units of `to`: AMT.TENTHS plus a rounding state, where
        // 0 means exact, 1 means below .05, 2 means exactly .05, 3 means above .05.
        let (mut amt, mut tenths, mut rounding) = if to == 1 {
            (bytes, 0u64, 0u64)
        } else {
            // GNU computes these remainders in uintmax_t, which wraps for block sizes
            // above 2^63 / 5; du 9.1 really prints the wrapped result, so do the same.
            let r10 = (bytes % to).wrapping_mul(10);
            let r2 = (r10 % to).wrapping_mul(2);
            let rounding = if r2 < to {
                u64::from(r2 > 0)
            } else {
                2 + u64::from(to < r2)
            };
            (bytes / to, r10 / to, rounding)
        };

        // The fractional part, if any, as ".D".
        let mut fraction: Option<u8> = None;
        let mut exponent: Option<u32> = None;

        if self.autoscale {
            let mut exp = 0u32;
            if base <= amt {
                loop {
                    let r10 = (amt % base) * 10 + tenths;
                    let r2 = (r10 % base) * 2 + (rounding >> 1);
                    amt /= base;
                    tenths = r10 / base;
                    rounding = if r2 < base {
                        u64::from(r2 + rounding != 0)
                    } else {
                        2 + u64::from(base < r2 + rounding)
                    };
                    exp += 1;
                    if !(base <= amt && exp < EXPONENT_MAX) {
                        break;
                    }
                }
                if amt < 10 {
                    if rounding > 0 {
                        tenths += 1;
                        rounding = 0;
                        if tenths == 10 {
                            amt += 1;
                            tenths = 0;
                        }
                    }
                    if amt < 10 {
                        // tenths < 10 here, so the cast cannot truncate.
                        fraction = Some(b'0' + tenths as u8);
                        tenths = 0;
                        rounding = 0;
                    }
                }
            }
            exponent = Some(exp);
        }

        if tenths + rounding > 0 {
            amt += 1;
            if let Some(exp) = exponent.as_mut()
                && amt == base
                && *exp < EXPONENT_MAX
            {
                *exp += 1;
                fraction = Some(b'0');
                amt = 1;
            }
        }

        // "C" and C.UTF-8 write sizes as they always did; another locale's punctuation is
        // spelt out of line, so that the usual path stays as short (callgrind, `-a` over the
        // Linux tree: 9.02 M instructions here before locales, 9.61 M with their punctuation
        // inlined, 9.27 M so).
        if numbers.is_plain() {
            push_decimal(amt, out);
            if let Some(digit) = fraction {
                out.push(b'.');
                out.push(digit);
            }
        } else {
            numbers.push_number(amt, fraction, self.group, out);
        }

        if self.si {
            self.push_unit(exponent, to, base, out);
        }
    }

    /// The unit letter (and `B`/`iB`) after a number: that of `exponent`, the power of `base`
    /// the number was scaled by, or without autoscale that of the block size `to`.
    fn push_unit(&self, exponent: Option<u32>, to: u64, base: u64, out: &mut Vec<u8>) {
        let exp = match exponent {
            Some(exp) => exp,
            None => {
                // The unit implied by the block size itself (e.g. -BK prints "K").
                let mut exp = 0u32;
                let mut power: u128 = 1;
                while power < u128::from(to) {
                    power *= u128::from(base);
                    exp += 1;
                    if exp == EXPONENT_MAX {
                        break;
                    }
                }
                exp
            }
        };
        if exp > 0 {
            out.push(if !self.base_1024 && exp == 1 {
                b'k'
            } else {
                POWER_LETTER[exp as usize]
            });
        }
        if self.suffix_b {
            if self.base_1024 && exp > 0 {
                out.push(b'i');
            }
            out.push(b'B');
        }
    }

    /// The block size (1 for -h/--si).
    pub fn block_size(&self) -> u64 {
        self.block_size
    }

    /// The same format counting in units of `block_size` (0 is taken as 1): --inodes sets
    /// du's `output_block_size` to 1 and leaves the -h/--si/suffix options as they were, so
    /// `--inodes -h` prints 1.1K and `--inodes -BKB` prints 13B.
    pub(crate) fn with_block_size(self, block_size: u64) -> SizeFormat {
        SizeFormat {
            block_size: block_size.max(1),
            ..self
        }
    }
}

/// du's `_("Infinity")`, for a size that overflowed: asked of the catalog only then, and out
/// of the way of the formatter's usual path.
#[cold]
#[inline(never)]
fn push_infinity(out: &mut Vec<u8>) {
    out.extend_from_slice(&gettext::coreutils(c"Infinity"));
}

/// Append the decimal digits of `n`.
fn push_decimal(n: u64, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(decimal_digits(n, &mut buf));
}

/// The decimal digits of `n`, written at the end of `buf`. Inlined: once per record, and out
/// of line (where the compiler puts it once two callers share it) it costs a fifth more
/// instructions in the formatter (callgrind).
#[inline(always)]
fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// gnulib's `default_block_size`.
fn default_block_size(posixly_correct: bool) -> u64 {
    if posixly_correct { 512 } else { 1024 }
}

/// gnulib's `human_options` (with `humblock`): the format du ends up with, and the error
/// if any. On error the format is what du's variables hold afterwards (used by `from_env`,
/// where du ignores the error).
fn human_options(spec: &[u8], posixly_correct: bool) -> (SizeFormat, Option<SizeError>) {
    let mut spec = c::until_nul(spec);
    let mut format = SizeFormat::plain(0);
    let mut error = None;

    if let [b'\'', rest @ ..] = spec {
        format.group = true;
        spec = rest;
    }

    // ARGMATCH: an exact name or an unambiguous abbreviation ("" is ambiguous).
    if !spec.is_empty() && b"human-readable".starts_with(spec) {
        format.autoscale = true;
        format.si = true;
        format.base_1024 = true;
        format.block_size = 1;
    } else if !spec.is_empty() && b"si".starts_with(spec) {
        format.autoscale = true;
        format.si = true;
        format.block_size = 1;
    } else {
        match xstrtoumax(spec, BLOCK_SIZE_SUFFIXES) {
            (stored, Some(e)) => {
                // humblock clears the options; the block size is whatever xstrtoumax
                // stored, or du's initial 0 when it stored nothing.
                format = SizeFormat::plain(stored);
                error = Some(e);
            }
            (block_size, None) => {
                format.block_size = block_size;
                // No digit before the end: the number was a bare suffix, which is shown.
                if !spec.iter().any(u8::is_ascii_digit) {
                    format.si = true;
                    let last = spec.last().copied();
                    let before_last = spec.len().checked_sub(2).map(|i| spec[i]);
                    if last == Some(b'B') {
                        format.suffix_b = true;
                    }
                    if last != Some(b'B') || before_last == Some(b'i') {
                        format.base_1024 = true;
                    }
                }
            }
        }
    }

    if format.block_size == 0 {
        format.block_size = default_block_size(posixly_correct);
        error = Some(SizeError::Invalid);
    }
    (format, error)
}

#[cfg(test)]
mod tests;
