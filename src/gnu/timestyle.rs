//! --time-style and TIME_STYLE: which strftime format du 9.1 ends up printing times with.

use crate::gnu::argmatch::{Mismatch, argmatch};

/// The named styles and their formats (du.c), in du's order.
pub(crate) const STYLES: &[(&str, &str)] = &[
    ("full-iso", "%Y-%m-%d %H:%M:%S.%N %z"),
    ("long-iso", "%Y-%m-%d %H:%M"),
    ("iso", "%Y-%m-%d"),
];

/// A style that names none of `STYLES`: du's complaint quotes `style` as it was left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BadStyle {
    /// Why it matched nothing.
    pub(crate) why: Mismatch,
    /// The style after du's adjustments (`posix-` prefixes dropped).
    pub(crate) style: Vec<u8>,
}

/// The format for --time: from `--time-style` if given, else from TIME_STYLE, else long-iso.
/// Only the environment's value is adjusted, as ls does: `locale` means long-iso, a `+FORMAT`
/// ends at its first newline (ls's second format is for recent files), and leading `posix-`
/// prefixes are dropped. `+FORMAT` is the format itself; otherwise a name or an unambiguous
/// prefix of one.
pub(crate) fn time_format(option: Option<&[u8]>, env: Option<&[u8]>) -> Result<Vec<u8>, BadStyle> {
    let style: &[u8] = match (option, env) {
        (Some(style), _) => style,
        (None, None) => b"long-iso",
        (None, Some(b"locale")) => b"long-iso",
        (None, Some(style)) if style.starts_with(b"+") => {
            match style.iter().position(|&b| b == b'\n') {
                Some(newline) => &style[..newline],
                None => style,
            }
        }
        (None, Some(mut style)) => {
            while let Some(rest) = style.strip_prefix(b"posix-") {
                style = rest;
            }
            style
        }
    };
    if let Some(format) = style.strip_prefix(b"+") {
        return Ok(format.to_vec());
    }
    match argmatch(style, STYLES) {
        Ok(format) => Ok(format.as_bytes().to_vec()),
        Err(why) => Err(BadStyle {
            why,
            style: style.to_vec(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(option: Option<&str>, env: Option<&str>) -> String {
        let f = time_format(option.map(str::as_bytes), env.map(str::as_bytes)).expect("valid");
        String::from_utf8(f).expect("UTF-8")
    }

    fn bad(option: Option<&str>, env: Option<&str>) -> (Mismatch, String) {
        let e =
            time_format(option.map(str::as_bytes), env.map(str::as_bytes)).expect_err("invalid");
        (e.why, String::from_utf8(e.style).expect("UTF-8"))
    }

    // Each case as du 9.1 took it (`du --time [--time-style=S]`, TIME_STYLE=E).
    #[test]
    fn styles_as_du() {
        assert_eq!(ok(None, None), "%Y-%m-%d %H:%M");
        assert_eq!(ok(Some("full-iso"), None), "%Y-%m-%d %H:%M:%S.%N %z");
        assert_eq!(ok(Some("f"), Some("iso")), "%Y-%m-%d %H:%M:%S.%N %z");
        assert_eq!(ok(Some("+%Y\n%m"), None), "%Y\n%m");
        assert_eq!(ok(None, Some("+%Y\n%m")), "%Y");
        assert_eq!(ok(None, Some("locale")), "%Y-%m-%d %H:%M");
        assert_eq!(ok(None, Some("posix-posix-iso")), "%Y-%m-%d");
        assert_eq!(ok(None, Some("posix-+%s")), "%s");
        assert_eq!(
            bad(Some("posix-iso"), None),
            (Mismatch::Invalid, "posix-iso".into())
        );
        assert_eq!(
            bad(Some("locale"), None),
            (Mismatch::Invalid, "locale".into())
        );
        assert_eq!(
            bad(None, Some("posix-locale")),
            (Mismatch::Invalid, "locale".into())
        );
        assert_eq!(
            bad(None, Some("iso\nfoo")),
            (Mismatch::Invalid, "iso\nfoo".into())
        );
        assert_eq!(bad(None, Some("")), (Mismatch::Ambiguous, String::new()));
        assert_eq!(bad(Some(""), None), (Mismatch::Ambiguous, String::new()));
    }
}
