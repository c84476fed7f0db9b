//! `quote()`, gnulib's "locale" style: how du quotes an option's argument ("invalid maximum
//! depth", "extra operand"), between the locale's quotation marks ([`Quotes`]).

use super::{Quotes, c_escape_letter, is_printable_ascii, push_octal, sequence_at};
use crate::gnu::c;

/// quote(): locale style, used for option arguments ("invalid maximum depth 'x'", "extra operand 'x'"):
/// 'x', or ‘x’ (U+2018, U+2019) in a UTF-8 locale, or between a catalog's marks (« x »).
///
/// Escapes are C-like and never use `$'...'`: `\a \b \f \n \r \t \v` for those controls, `\\`
/// for a backslash, three octal digits for any other control byte, invalid byte or unprintable
/// character, and a backslash before each occurrence of the closing quotation mark (`\'`, or
/// `\’` in UTF-8).
/// Everything else, including `"` and, in UTF-8, `'`, is copied as it is.
pub(crate) fn quote_locale(arg: &[u8], quotes: &Quotes) -> Vec<u8> {
    let arg = c::until_nul(arg);
    let (left, right) = quotes.marks();
    let (left, right) = (left.as_ref(), right.as_ref());
    let mut out = Vec::with_capacity(arg.len() + 2 * right.len());
    out.extend_from_slice(left);
    let mut i = 0;
    while i < arg.len() {
        let c = arg[i];
        let is_right_quote = arg[i..].starts_with(right);
        if c < 0x80 {
            if let Some(letter) = c_escape_letter(c) {
                out.extend_from_slice(&[b'\\', letter]);
            } else if c == b'\\' {
                out.extend_from_slice(b"\\\\");
            } else if is_printable_ascii(c) {
                if is_right_quote {
                    out.push(b'\\');
                }
                out.push(c);
            } else {
                push_octal(&mut out, c);
            }
            i += 1;
        } else {
            let seq = sequence_at(&arg[i..]);
            let bytes = &arg[i..i + seq.len];
            if !seq.printable {
                for &b in bytes {
                    push_octal(&mut out, b);
                }
            } else {
                if is_right_quote {
                    out.push(b'\\');
                }
                out.extend_from_slice(bytes);
            }
            i += seq.len;
        }
    }
    out.extend_from_slice(right);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    // The expected bytes below came from GNU du 9.1 (coreutils, Debian 12, glibc 2.36), run in
    // an empty directory as
    //     env -i PATH="$PATH" LANG=$L du -d "$NAME"
    // for L in C and C.UTF-8, keeping only the quoted part of the first line of stderr.

    /// `du -d NAME`: "du: invalid maximum depth QUOTED" with LANG=C.
    const LOCALE_C: &[(&[u8], &[u8])] = &[
        (b"", br"''"),
        (b"a", br"'a'"),
        (b"a'b", br"'a\'b'"),
        (b"n\nl", br"'n\nl'"),
        (b"x\xffy", br"'x\377y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), br"'\303\251'"),
        (b"a\\b", br"'a\\b'"),
        (b"\\", br"'\\'"),
        (b"a\tb", br"'a\tb'"),
        (b"\tx", br"'\tx'"),
        (b"x\n", br"'x\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"'a~'"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"'a#'"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"'\001'"),
        (b"a\x01b", br"'a\001b'"),
        (b"\x7f", br"'\177'"),
        (b"\x1b[31m", br"'\033[31m'"),
        ("日本".as_bytes(), br"'\346\227\245\346\234\254'"),
        ("😀".as_bytes(), br"'\360\237\230\200'"),
        ("a\u{200b}b".as_bytes(), br"'a\342\200\213b'"),
        (b"a'b\nc", br"'a\'b\nc'"),
        (b"'", br"'\''"),
        (b"''", br"'\'\''"),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"'{}'"),
        (b"a{", br"'a{'"),
        (b"@", br"'@'"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"'%d'"),
        (b"-", br"'-'"),
        (b"./x", br"'./x'"),
        (b"a_b.c,d+e-f", br"'a_b.c,d+e-f'"),
        (b"A@B", br"'A@B'"),
        (b"a]b", br"'a]b'"),
        (b"^", br"'^'"),
        (b"`", br"'`'"),
        (b"|", br"'|'"),
        (b"&", br"'&'"),
        (b";", br"';'"),
        (b"<", br"'<'"),
        (b">", br"'>'"),
        (b"(", br"'('"),
        (b")", br"')'"),
        (b"[", br"'['"),
        (b"]", br"']'"),
        (b"a\"'b", br#"'a"\'b'"#),
        (b"a b'c", br"'a b\'c'"),
        ("é'".as_bytes(), br"'\303\251\''"),
        ("é\n".as_bytes(), br"'\303\251\n'"),
        (b"a'\xff", br"'a\'\377'"),
        (b"\xc3", br"'\303'"),
        (b"\xc3(", br"'\303('"),
        (b"\xe2\x80x", br"'\342\200x'"),
        (b"\xed\xa0\x80", br"'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"'\364\220\200\200'"),
        (b"\xc0\x80", br"'\300\200'"),
        ("\u{80}".as_bytes(), br"'\302\200'"),
        ("\u{a0}".as_bytes(), br"'\302\240'"),
        ("‘".as_bytes(), br"'\342\200\230'"),
        ("’".as_bytes(), br"'\342\200\231'"),
        ("a’b".as_bytes(), br"'a\342\200\231b'"),
        ("‘a’".as_bytes(), br"'\342\200\230a\342\200\231'"),
        ("\u{ffff}".as_bytes(), br"'\357\277\277'"),
        ("\u{e000}".as_bytes(), br"'\356\200\200'"),
        ("\u{2028}".as_bytes(), br"'\342\200\250'"),
        ("\u{378}".as_bytes(), br"'\315\270'"),
        ("\u{ad}".as_bytes(), br"'\302\255'"),
        (b"\x07\x08\x0c\r\x0b", br"'\a\b\f\r\v'"),
        (b"\n'", br"'\n\''"),
        (b"'\n", br"'\'\n'"),
        (b"a'b\\", br"'a\'b\\'"),
        (b"a'b*", br"'a\'b*'"),
        (b"#a'b", br"'#a\'b'"),
        (b"~'", br"'~\''"),
        ("a'é".as_bytes(), br"'a\'\303\251'"),
        ("a'\u{2028}".as_bytes(), br"'a\'\342\200\250'"),
        (b"a'\x01", br"'a\'\001'"),
        (b"\x01'\x02", br"'\001\'\002'"),
        (b"'\t'", br"'\'\t\''"),
        ("日'本\n".as_bytes(), br"'\346\227\245\'\346\234\254\n'"),
        ("x\x01é".as_bytes(), br"'x\001\303\251'"),
        ("é\u{301}".as_bytes(), br"'\303\251\314\201'"),
        (b"0\x011", br"'0\0011'"),
        (b"'a'b'", br"'\'a\'b\''"),
        (b"a'#", br"'a\'#'"),
        (b"a'{", br"'a\'{'"),
        (b"{'", br"'{\''"),
        (b" ", br"' '"),
    ];

    /// `du -d NAME`: "du: invalid maximum depth QUOTED" with LANG=C.UTF-8.
    const LOCALE_UTF8: &[(&[u8], &[u8])] = &[
        (b"", r"‘’".as_bytes()),
        (b"a", r"‘a’".as_bytes()),
        (b"a'b", r"‘a'b’".as_bytes()),
        (b"n\nl", r"‘n\nl’".as_bytes()),
        (b"x\xffy", r"‘x\377y’".as_bytes()),
        (b"sp ace", r"‘sp ace’".as_bytes()),
        ("é".as_bytes(), r"‘é’".as_bytes()),
        (b"a\\b", r"‘a\\b’".as_bytes()),
        (b"\\", r"‘\\’".as_bytes()),
        (b"a\tb", r"‘a\tb’".as_bytes()),
        (b"\tx", r"‘\tx’".as_bytes()),
        (b"x\n", r"‘x\n’".as_bytes()),
        (b"~", r"‘~’".as_bytes()),
        (b"~a", r"‘~a’".as_bytes()),
        (b"a~", r"‘a~’".as_bytes()),
        (b"#", r"‘#’".as_bytes()),
        (b"#a", r"‘#a’".as_bytes()),
        (b"a#", r"‘a#’".as_bytes()),
        (b"=", r"‘=’".as_bytes()),
        (b"a=b", r"‘a=b’".as_bytes()),
        (b"*", r"‘*’".as_bytes()),
        (b"?", r"‘?’".as_bytes()),
        (b"$HOME", r"‘$HOME’".as_bytes()),
        (b"!", r"‘!’".as_bytes()),
        (b"\x01", r"‘\001’".as_bytes()),
        (b"a\x01b", r"‘a\001b’".as_bytes()),
        (b"\x7f", r"‘\177’".as_bytes()),
        (b"\x1b[31m", r"‘\033[31m’".as_bytes()),
        ("日本".as_bytes(), r"‘日本’".as_bytes()),
        ("😀".as_bytes(), r"‘😀’".as_bytes()),
        ("a\u{200b}b".as_bytes(), "‘a\u{200b}b’".as_bytes()),
        (b"a'b\nc", r"‘a'b\nc’".as_bytes()),
        (b"'", r"‘'’".as_bytes()),
        (b"''", r"‘''’".as_bytes()),
        (b"a\"b", r#"‘a"b’"#.as_bytes()),
        (b"{", r"‘{’".as_bytes()),
        (b"}", r"‘}’".as_bytes()),
        (b"{}", r"‘{}’".as_bytes()),
        (b"a{", r"‘a{’".as_bytes()),
        (b"@", r"‘@’".as_bytes()),
        (b":", r"‘:’".as_bytes()),
        (b"a:b", r"‘a:b’".as_bytes()),
        (b"%d", r"‘%d’".as_bytes()),
        (b"-", r"‘-’".as_bytes()),
        (b"./x", r"‘./x’".as_bytes()),
        (b"a_b.c,d+e-f", r"‘a_b.c,d+e-f’".as_bytes()),
        (b"A@B", r"‘A@B’".as_bytes()),
        (b"a]b", r"‘a]b’".as_bytes()),
        (b"^", r"‘^’".as_bytes()),
        (b"`", r"‘`’".as_bytes()),
        (b"|", r"‘|’".as_bytes()),
        (b"&", r"‘&’".as_bytes()),
        (b";", r"‘;’".as_bytes()),
        (b"<", r"‘<’".as_bytes()),
        (b">", r"‘>’".as_bytes()),
        (b"(", r"‘(’".as_bytes()),
        (b")", r"‘)’".as_bytes()),
        (b"[", r"‘[’".as_bytes()),
        (b"]", r"‘]’".as_bytes()),
        (b"a\"'b", r#"‘a"'b’"#.as_bytes()),
        (b"a b'c", r"‘a b'c’".as_bytes()),
        ("é'".as_bytes(), r"‘é'’".as_bytes()),
        ("é\n".as_bytes(), r"‘é\n’".as_bytes()),
        (b"a'\xff", r"‘a'\377’".as_bytes()),
        (b"\xc3", r"‘\303’".as_bytes()),
        (b"\xc3(", r"‘\303(’".as_bytes()),
        (b"\xe2\x80x", r"‘\342\200x’".as_bytes()),
        (b"\xed\xa0\x80", r"‘\355\240\200’".as_bytes()),
        (b"\xf4\x90\x80\x80", r"‘\364\220\200\200’".as_bytes()),
        (b"\xc0\x80", r"‘\300\200’".as_bytes()),
        ("\u{80}".as_bytes(), r"‘\302\200’".as_bytes()),
        ("\u{a0}".as_bytes(), "‘\u{a0}’".as_bytes()),
        ("‘".as_bytes(), r"‘‘’".as_bytes()),
        ("’".as_bytes(), r"‘\’’".as_bytes()),
        ("a’b".as_bytes(), r"‘a\’b’".as_bytes()),
        ("‘a’".as_bytes(), r"‘‘a\’’".as_bytes()),
        ("\u{ffff}".as_bytes(), r"‘\357\277\277’".as_bytes()),
        ("\u{e000}".as_bytes(), "‘\u{e000}’".as_bytes()),
        ("\u{2028}".as_bytes(), r"‘\342\200\250’".as_bytes()),
        ("\u{378}".as_bytes(), r"‘\315\270’".as_bytes()),
        ("\u{ad}".as_bytes(), "‘\u{ad}’".as_bytes()),
        (b"\x07\x08\x0c\r\x0b", r"‘\a\b\f\r\v’".as_bytes()),
        (b"\n'", r"‘\n'’".as_bytes()),
        (b"'\n", r"‘'\n’".as_bytes()),
        (b"a'b\\", r"‘a'b\\’".as_bytes()),
        (b"a'b*", r"‘a'b*’".as_bytes()),
        (b"#a'b", r"‘#a'b’".as_bytes()),
        (b"~'", r"‘~'’".as_bytes()),
        ("a'é".as_bytes(), r"‘a'é’".as_bytes()),
        ("a'\u{2028}".as_bytes(), r"‘a'\342\200\250’".as_bytes()),
        (b"a'\x01", r"‘a'\001’".as_bytes()),
        (b"\x01'\x02", r"‘\001'\002’".as_bytes()),
        (b"'\t'", r"‘'\t'’".as_bytes()),
        ("日'本\n".as_bytes(), r"‘日'本\n’".as_bytes()),
        ("x\x01é".as_bytes(), r"‘x\001é’".as_bytes()),
        ("é\u{301}".as_bytes(), "‘é\u{301}’".as_bytes()),
        (b"0\x011", r"‘0\0011’".as_bytes()),
        (b"'a'b'", r"‘'a'b'’".as_bytes()),
        (b"a'#", r"‘a'#’".as_bytes()),
        (b"a'{", r"‘a'{’".as_bytes()),
        (b"{'", r"‘{'’".as_bytes()),
        (b" ", r"‘ ’".as_bytes()),
    ];

    #[test]
    fn quote_locale_matches_du() {
        check(LOCALE_C, |a| quote_locale(a, &Quotes::ascii()), c"C");
        check(
            LOCALE_UTF8,
            |a| quote_locale(a, &Quotes::utf8()),
            c"C.UTF-8",
        );
    }
}
