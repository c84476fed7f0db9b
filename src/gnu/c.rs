//! Bytes as du's C code sees them: a string ends at its first NUL byte, and white space is
//! what `isspace` says in the "C" locale (gnulib parses numbers and -X lines so).

/// The part of `bytes` before its first NUL byte: what a C string holding them says.
pub(crate) fn until_nul(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|&b| b == 0) {
        Some(end) => &bytes[..end],
        None => bytes,
    }
}

/// C `isspace` in the "C" locale: space, \t, \n, \v, \f and \r.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_end_at_nul() {
        assert_eq!(until_nul(b"ab\0c\0"), b"ab");
        assert_eq!(until_nul(b"\0"), b"");
        assert_eq!(until_nul(b"abc"), b"abc");
    }

    #[test]
    fn c_locale_space() {
        let spaces: Vec<u8> = (0..=255u8).filter(|&b| is_space(b)).collect();
        assert_eq!(spaces, b"\t\n\x0b\x0c\r ");
    }
}
