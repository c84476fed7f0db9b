//! gnulib's `argmatch`: an option argument chosen from a list by exact name or unambiguous
//! prefix, and the lines du prints when it is neither (for `--time=WORD` and the time style).

use crate::gnu::c;
use crate::gnu::gettext;
use crate::gnu::printf::fill;
use crate::gnu::quote::{Quotes, quote_locale};

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

/// gnulib's `argmatch_invalid`: the message du's `error()` prints for a mismatch, without the
/// program's name: `context` is the option ("--time") or what it sets ("time style").
pub(crate) fn invalid(why: Mismatch, arg: &[u8], context: &str, quotes: &Quotes) -> Vec<u8> {
    let format = match why {
        Mismatch::Invalid => gettext::coreutils(c"invalid argument %s for %s"),
        Mismatch::Ambiguous => gettext::coreutils(c"ambiguous argument %s for %s"),
    };
    let arg = quote_locale(arg, quotes);
    let context = quote_locale(context.as_bytes(), quotes);
    fill(&format, &[&arg, &context])
}

/// gnulib's `argmatch_valid`: the lines after that message listing the choices, those with
/// the same value on one line.
pub(crate) fn valid<T: Copy + PartialEq>(choices: &[(&str, T)], quotes: &Quotes) -> Vec<u8> {
    let mut out = gettext::coreutils(c"Valid arguments are:").into_owned();
    let mut last: Option<T> = None;
    for &(name, value) in choices {
        if last == Some(value) {
            out.extend_from_slice(b", ");
        } else {
            out.extend_from_slice(b"\n  - ");
        }
        out.extend_from_slice(&quote_locale(name.as_bytes(), quotes));
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
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
        let ascii = Quotes::ascii();
        assert_eq!(
            text(invalid(Mismatch::Invalid, b"bogus", "--time", &ascii)),
            "invalid argument 'bogus' for '--time'"
        );
        assert_eq!(
            text(valid(TIMES, &ascii)),
            "Valid arguments are:\n  - 'atime', 'access', 'use'\n  - 'ctime', 'status'\n"
        );
        assert_eq!(
            text(invalid(
                Mismatch::Ambiguous,
                b"",
                "time style",
                &Quotes::utf8()
            )),
            "ambiguous argument \u{2018}\u{2019} for \u{2018}time style\u{2019}"
        );
        let french = Quotes::new("\u{ab}\u{a0}".as_bytes(), "\u{a0}\u{bb}".as_bytes());
        assert_eq!(
            text(valid(&TIMES[3..], &french)),
            "Valid arguments are:\n  - \u{ab}\u{a0}ctime\u{a0}\u{bb}, \u{ab}\u{a0}status\u{a0}\u{bb}\n"
        );
    }
}
