//! `quotef()`, gnulib's "shell-escape" style with `:` quoted too: how du names a file in
//! messages that start with it (-X's file, "fts_read failed").

use super::{quote_always, sequence_at};
use crate::gnu::c;

/// quotef(): shell-escape style (quotes only when needed), used by e.g. "fts_read failed: %s" and -X file errors.
///
/// The name is returned as it is when every byte is harmless; otherwise (and for the empty
/// name) the result is that of [`quote_always`]. Harmless are ASCII letters and digits,
/// `%+,-./@]_`, `#` and `~` except as the first byte, `{` and `}` except as the whole name, and
/// the other characters the locale prints (`é` in UTF-8 or Latin-1), unless a byte after the
/// first of one is ``[\^`|`` (old shells took it for itself). `:` counts as harmful, as du
/// asks for.
pub(crate) fn quote_if_needed(name: &[u8]) -> Vec<u8> {
    let name = c::until_nul(name);
    if name.is_empty() || needs_quoting(name) {
        quote_always(name)
    } else {
        name.to_vec()
    }
}

/// Whether the shell-escape style has to fall back on quoting.
fn needs_quoting(name: &[u8]) -> bool {
    let mut i = 0;
    while i < name.len() {
        let c = name[i];
        if c >= 0x80 {
            let seq = sequence_at(&name[i..]);
            if !seq.printable || seq.has_shell_special_tail {
                return true;
            }
            i += seq.len;
            continue;
        }
        let harmless = match c {
            b'#' | b'~' => i != 0,
            b'{' | b'}' => name.len() != 1,
            b'%' | b'+' | b',' | b'-' | b'.' | b'/' | b'@' | b']' | b'_' => true,
            _ => c.is_ascii_alphanumeric(),
        };
        if !harmless {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    // The expected bytes below came from GNU du 9.1 (coreutils, Debian 12, glibc 2.36), run in
    // an empty directory as
    //     env -i PATH="$PATH" LANG=$L du -X "$NAME"
    // for L in C and C.UTF-8, keeping only the quoted part of the first line of stderr.

    /// `du -X NAME`: "du: QUOTED: No such file or directory" with LANG=C.
    const IF_NEEDED_C: &[(&[u8], &[u8])] = &[
        (b"", br"''"),
        (b"a", br"a"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), br"''$'\303\251'"),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"a~"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"a#"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), br"''$'\346\227\245\346\234\254'"),
        ("😀".as_bytes(), br"''$'\360\237\230\200'"),
        ("a\u{200b}b".as_bytes(), br"'a'$'\342\200\213''b'"),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"{}"),
        (b"a{", br"a{"),
        (b"@", br"@"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"%d"),
        (b"./x", br"./x"),
        (b"a_b.c,d+e-f", br"a_b.c,d+e-f"),
        (b"A@B", br"A@B"),
        (b"a]b", br"a]b"),
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
        (b"]", br"]"),
        (b"a\"'b", br#"'a"'\''b'"#),
        (b"a b'c", br#""a b'c""#),
        ("é'".as_bytes(), br"''$'\303\251'\'''"),
        ("é\n".as_bytes(), br"''$'\303\251\n'"),
        (b"a'\xff", br"'''a'\'''$'\377'"),
        (b"\xc3", br"''$'\303'"),
        (b"\xc3(", br"''$'\303''('"),
        (b"\xe2\x80x", br"''$'\342\200''x'"),
        (b"\xed\xa0\x80", br"''$'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"''$'\364\220\200\200'"),
        (b"\xc0\x80", br"''$'\300\200'"),
        ("\u{80}".as_bytes(), br"''$'\302\200'"),
        ("\u{a0}".as_bytes(), br"''$'\302\240'"),
        ("‘".as_bytes(), br"''$'\342\200\230'"),
        ("’".as_bytes(), br"''$'\342\200\231'"),
        ("a’b".as_bytes(), br"'a'$'\342\200\231''b'"),
        ("‘a’".as_bytes(), br"''$'\342\200\230''a'$'\342\200\231'"),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), br"''$'\356\200\200'"),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), br"''$'\302\255'"),
        (b"\x07\x08\x0c\r\x0b", br"''$'\a\b\f\r\v'"),
        (b"\n'", br"''$'\n'\'''"),
        (b"'\n", br"''\'''$'\n'"),
        (b"a'b\\", br"'a'\''b\'"),
        (b"a'b*", br"'a'\''b*'"),
        (b"#a'b", br##""#a'b""##),
        (b"~'", br#""~'""#),
        ("a'é".as_bytes(), br"'''a'\'''$'\303\251'"),
        ("a'\u{2028}".as_bytes(), br"'''a'\'''$'\342\200\250'"),
        (b"a'\x01", br"'''a'\'''$'\001'"),
        (b"\x01'\x02", br"'\001'\'''$'\002'"),
        (b"'\t'", br"''\'''$'\t'\'''"),
        (
            "日'本\n".as_bytes(),
            br"'\346\227\245'\'''$'\346\234\254\n'",
        ),
        ("x\x01é".as_bytes(), br"'x'$'\001\303\251'"),
        ("é\u{301}".as_bytes(), br"''$'\303\251\314\201'"),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    /// `du -X NAME`: "du: QUOTED: No such file or directory" with LANG=C.UTF-8.
    const IF_NEEDED_UTF8: &[(&[u8], &[u8])] = &[
        (b"", br"''"),
        (b"a", br"a"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), r"é".as_bytes()),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
        (b"~", br"'~'"),
        (b"~a", br"'~a'"),
        (b"a~", br"a~"),
        (b"#", br"'#'"),
        (b"#a", br"'#a'"),
        (b"a#", br"a#"),
        (b"=", br"'='"),
        (b"a=b", br"'a=b'"),
        (b"*", br"'*'"),
        (b"?", br"'?'"),
        (b"$HOME", br"'$HOME'"),
        (b"!", br"'!'"),
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), r"日本".as_bytes()),
        ("😀".as_bytes(), r"😀".as_bytes()),
        ("a\u{200b}b".as_bytes(), "a\u{200b}b".as_bytes()),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
        (b"a\"b", br#"'a"b'"#),
        (b"{", br"'{'"),
        (b"}", br"'}'"),
        (b"{}", br"{}"),
        (b"a{", br"a{"),
        (b"@", br"@"),
        (b":", br"':'"),
        (b"a:b", br"'a:b'"),
        (b"%d", br"%d"),
        (b"./x", br"./x"),
        (b"a_b.c,d+e-f", br"a_b.c,d+e-f"),
        (b"A@B", br"A@B"),
        (b"a]b", br"a]b"),
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
        (b"]", br"]"),
        (b"a\"'b", br#"'a"'\''b'"#),
        (b"a b'c", br#""a b'c""#),
        ("é'".as_bytes(), r#""é'""#.as_bytes()),
        ("é\n".as_bytes(), r"'é'$'\n'".as_bytes()),
        (b"a'\xff", br"'''a'\'''$'\377'"),
        (b"\xc3", br"''$'\303'"),
        (b"\xc3(", br"''$'\303''('"),
        (b"\xe2\x80x", br"''$'\342\200''x'"),
        (b"\xed\xa0\x80", br"''$'\355\240\200'"),
        (b"\xf4\x90\x80\x80", br"''$'\364\220\200\200'"),
        (b"\xc0\x80", br"''$'\300\200'"),
        ("\u{80}".as_bytes(), br"''$'\302\200'"),
        ("\u{a0}".as_bytes(), "\u{a0}".as_bytes()),
        ("‘".as_bytes(), r"‘".as_bytes()),
        ("’".as_bytes(), r"’".as_bytes()),
        ("a’b".as_bytes(), r"a’b".as_bytes()),
        ("‘a’".as_bytes(), r"‘a’".as_bytes()),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), "\u{e000}".as_bytes()),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), "\u{ad}".as_bytes()),
        (b"\x07\x08\x0c\r\x0b", br"''$'\a\b\f\r\v'"),
        (b"\n'", br"''$'\n'\'''"),
        (b"'\n", br"''\'''$'\n'"),
        (b"a'b\\", br"'a'\''b\'"),
        (b"a'b*", br"'a'\''b*'"),
        (b"#a'b", br##""#a'b""##),
        (b"~'", br#""~'""#),
        ("a'é".as_bytes(), r#""a'é""#.as_bytes()),
        ("a'\u{2028}".as_bytes(), br"'''a'\'''$'\342\200\250'"),
        (b"a'\x01", br"'''a'\'''$'\001'"),
        (b"\x01'\x02", br"'\001'\'''$'\002'"),
        (b"'\t'", br"''\'''$'\t'\'''"),
        ("日'本\n".as_bytes(), r"'''日'\''本'$'\n'".as_bytes()),
        ("x\x01é".as_bytes(), r"'x'$'\001''é'".as_bytes()),
        ("é\u{301}".as_bytes(), "é\u{301}".as_bytes()),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    #[test]
    fn quote_if_needed_matches_du() {
        check(IF_NEEDED_C, quote_if_needed, c"C");
        check(IF_NEEDED_UTF8, quote_if_needed, c"C.UTF-8");
    }
}
