//! gnulib's `argmatch`: an option argument chosen from a list by exact name or unambiguous
//! prefix, and the lines du prints when it is neither (for `--time=WORD` and the time style).

use crate::error::PROGRAM;
use crate::gnu::c;
use crate::gnu::quote::{Charset, quote_locale};

/// Why an argument matched no choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mismatch {
    /// No choice starts with it.
    Invalid,
    /// Several choices with different meanings start with it.
    Ambiguous,
}

/// The value of the choice `arg` names: an exact name wins, else the only prefix match (or
/// several that mean the same, like `a` for `atime` and `access`).
pub(crate) fn argmatch<T: Copy + PartialEq>(
    arg: &[u8],
    choices: &[(&str, T)],
) -> Result<T, Mismatch> {
    let arg = c::until_nul(arg);
    let mut found: Option<T> = None;
    let mut ambiguous = false;
    for &(name, value) in choices {
        if name.as_bytes().starts_with(arg) {
            if name.len() == arg.len() {
                return Ok(value);
            }
            match found {
                None => found = Some(value),
                Some(first) if first != value => ambiguous = true,
                Some(_) => {}
            }
        }
    }
    match (found, ambiguous) {
        (Some(_), true) => Err(Mismatch::Ambiguous),
        (Some(value), false) => Ok(value),
        (None, _) => Err(Mismatch::Invalid),
    }
}

/// What du prints to stderr for a mismatch (gnulib `argmatch_invalid` and `argmatch_valid`),
/// before its "Try ... --help" line: `context` is the option ("--time") or what it sets
/// ("time style"); choices with the same value share a line.
pub(crate) fn complaint<T: Copy + PartialEq>(
    why: Mismatch,
    arg: &[u8],
    context: &str,
    choices: &[(&str, T)],
    charset: Charset,
) -> Vec<u8> {
    let mut out = format!("{PROGRAM}: ").into_bytes();
    out.extend_from_slice(match why {
        Mismatch::Invalid => b"invalid argument ",
        Mismatch::Ambiguous => b"ambiguous argument ",
    });
    out.extend_from_slice(&quote_locale(arg, charset));
    out.extend_from_slice(b" for ");
    out.extend_from_slice(&quote_locale(context.as_bytes(), charset));
    out.extend_from_slice(b"\nValid arguments are:");
    let mut last: Option<T> = None;
    for &(name, value) in choices {
        if last == Some(value) {
            out.extend_from_slice(b", ");
        } else {
            out.extend_from_slice(b"\n  - ");
        }
        out.extend_from_slice(&quote_locale(name.as_bytes(), charset));
        last = Some(value);
    }
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMES: &[(&str, u8)] = &[
        ("atime", 1),
        ("access", 1),
        ("use", 1),
        ("ctime", 2),
        ("status", 2),
    ];

    #[test]
    fn exact_prefix_and_same_meaning() {
        assert_eq!(argmatch(b"use", TIMES), Ok(1));
        assert_eq!(argmatch(b"a", TIMES), Ok(1));
        assert_eq!(argmatch(b"c", TIMES), Ok(2));
        assert_eq!(argmatch(b"s", TIMES), Ok(2));
        assert_eq!(argmatch(b"", TIMES), Err(Mismatch::Ambiguous));
        assert_eq!(argmatch(b"x", TIMES), Err(Mismatch::Invalid));
        assert_eq!(argmatch(b"atimes", TIMES), Err(Mismatch::Invalid));
    }

    #[test]
    fn complaint_in_du_words() {
        let text = complaint(Mismatch::Invalid, b"bogus", "--time", TIMES, Charset::Ascii);
        assert_eq!(
            String::from_utf8(text).expect("ASCII"),
            "dug: invalid argument 'bogus' for '--time'\nValid arguments are:\n  \
             - 'atime', 'access', 'use'\n  - 'ctime', 'status'\n"
        );
        let text = complaint(Mismatch::Ambiguous, b"", "time style", TIMES, Charset::Utf8);
        assert!(String::from_utf8(text).expect("UTF-8").starts_with(
            "dug: ambiguous argument \u{2018}\u{2019} for \u{2018}time style\u{2019}\n"
        ));
    }
}
