//! TEMPORARY stub: replaced by the real module (gnulib quotearg styles).
use std::ffi::OsString;

/// Locale charset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// C.
    Ascii,
    /// UTF-8.
    Utf8,
}

impl Charset {
    /// From env.
    pub fn from_env(_get: &dyn Fn(&str) -> Option<OsString>) -> Charset {
        Charset::Utf8
    }
}

/// quoteaf.
pub fn quote_always(name: &[u8], _cs: Charset) -> Vec<u8> {
    let mut v = b"'".to_vec();
    v.extend_from_slice(name);
    v.push(b'\'');
    v
}
/// quotef.
pub fn quote_if_needed(name: &[u8], cs: Charset) -> Vec<u8> {
    quote_always(name, cs)
}
/// quote.
pub fn quote_locale(arg: &[u8], cs: Charset) -> Vec<u8> {
    quote_always(arg, cs)
}
