//! `quoteaf()`, gnulib's "shell-escape-always" style: how du quotes a file name it cannot
//! access or read.
//!
//! A quirk of the gnulib copy in coreutils 9.1 is reproduced on purpose, since du shows it: a
//! name that contains `'` (and needs escapes) is quoted in a second pass that starts in the
//! escape state the first pass ended in, so `a'\001` comes out as `'''a'\'''$'\001'` and
//! `\001'\002` as `'\001'\'''$'\002'` (the latter does not even paste back into a shell
//! correctly).

use super::{c_escape_letter, is_printable_ascii, octal_digits, sequence_at};
use crate::gnu::c;

/// quoteaf(): shell-escape-always style, used for file names in "cannot access", "cannot read
/// directory". The locale's quotation marks play no part: the shell style has none.
pub(crate) fn quote_always(name: &[u8]) -> Vec<u8> {
    let name = c::until_nul(name);
    let first = shell_pass(name, false);
    if !first.saw_single_quote {
        return first.out;
    }
    if first.all_double_quote_safe {
        // gnulib switches to C style, which for these names is just the name in double quotes.
        let mut out = Vec::with_capacity(name.len() + 2);
        out.push(b'"');
        out.extend_from_slice(name);
        out.push(b'"');
        return out;
    }
    // gnulib redoes the work after its scan for the double-quote form, but without resetting
    // its "inside $'...'" flag: the second pass starts in the state the first one ended in.
    shell_pass(name, first.pending_at_end).out
}

/// Result of one pass of the shell-escape-always quoting.
struct ShellPass {
    out: Vec<u8>,
    saw_single_quote: bool,
    /// No byte would need escaping in gnulib's C style, so `"name"` may be used instead.
    all_double_quote_safe: bool,
    /// Whether the pass ended inside a `$'...'` piece.
    pending_at_end: bool,
}

/// One pass of gnulib's shell-escape-always quoting, starting with `pending` as the
/// "a `$'...'` piece is open" flag.
fn shell_pass(name: &[u8], mut pending: bool) -> ShellPass {
    fn start_escape(out: &mut Vec<u8>, pending: &mut bool) {
        if !*pending {
            out.extend_from_slice(b"'$'");
            *pending = true;
        }
        out.push(b'\\');
    }
    fn end_escape(out: &mut Vec<u8>, pending: &mut bool) {
        if *pending {
            out.extend_from_slice(b"''");
            *pending = false;
        }
    }

    let mut out = Vec::with_capacity(name.len() + 2);
    out.push(b'\'');
    let mut saw_single_quote = false;
    let mut all_safe = true;
    let mut i = 0;
    while i < name.len() {
        let c = name[i];
        if c < 0x80 {
            if c == b'\'' {
                saw_single_quote = true;
                out.extend_from_slice(b"'\\''");
                pending = false;
            } else if let Some(letter) = c_escape_letter(c) {
                start_escape(&mut out, &mut pending);
                out.push(letter);
                all_safe = false;
            } else if is_printable_ascii(c) {
                end_escape(&mut out, &mut pending);
                out.push(c);
                all_safe &= double_quote_safe(c, i, name.len());
            } else {
                start_escape(&mut out, &mut pending);
                out.extend_from_slice(&octal_digits(c));
                all_safe = false;
            }
            i += 1;
        } else {
            let seq = sequence_at(&name[i..]);
            for &b in &name[i..i + seq.len] {
                if seq.printable {
                    end_escape(&mut out, &mut pending);
                    out.push(b);
                } else {
                    start_escape(&mut out, &mut pending);
                    out.extend_from_slice(&octal_digits(b));
                }
            }
            all_safe &= seq.printable;
            i += seq.len;
        }
    }
    out.push(b'\'');
    ShellPass {
        out,
        saw_single_quote,
        all_double_quote_safe: all_safe,
        pending_at_end: pending,
    }
}

/// Printable ASCII that gnulib's C style and shell style both leave alone (`'` aside).
fn double_quote_safe(c: u8, i: usize, len: usize) -> bool {
    match c {
        b'#' | b'~' => i == 0,
        b'{' | b'}' => len == 1,
        b' ' | b'%' | b'+' | b',' | b'-' | b'.' | b'/' | b':' | b'@' | b']' | b'_' => true,
        _ => c.is_ascii_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    // The expected bytes below came from GNU du 9.1 (coreutils, Debian 12, glibc 2.36) on the
    // machine this module was written on, run in an empty directory as
    //     env -i PATH="$PATH" LANG=$L du -- "$NAME"   # quoteaf
    //     env -i PATH="$PATH" LANG=$L du -X "$NAME"   # quotef
    //     env -i PATH="$PATH" LANG=$L du -d "$NAME"   # quote
    // for L in C and C.UTF-8, keeping only the quoted part of the first line of stderr.
    // (`du -- ''` says "invalid zero-length file name" instead, so the empty name is only in the
    // -X and -d tables.)

    /// `du -- NAME`: "du: cannot access QUOTED: No such file or directory" with LANG=C.
    const ALWAYS_C: &[(&[u8], &[u8])] = &[
        (b"a", br"'a'"),
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

    /// `du -- NAME`: "du: cannot access QUOTED: No such file or directory" with LANG=C.UTF-8.
    const ALWAYS_UTF8: &[(&[u8], &[u8])] = &[
        (b"a", br"'a'"),
        (b"a'b", br#""a'b""#),
        (b"n\nl", br"'n'$'\n''l'"),
        (b"x\xffy", br"'x'$'\377''y'"),
        (b"sp ace", br"'sp ace'"),
        ("é".as_bytes(), r"'é'".as_bytes()),
        (b"a\\b", br"'a\b'"),
        (b"\\", br"'\'"),
        (b"a\tb", br"'a'$'\t''b'"),
        (b"\tx", br"''$'\t''x'"),
        (b"x\n", br"'x'$'\n'"),
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
        (b"\x01", br"''$'\001'"),
        (b"a\x01b", br"'a'$'\001''b'"),
        (b"\x7f", br"''$'\177'"),
        (b"\x1b[31m", br"''$'\033''[31m'"),
        ("日本".as_bytes(), r"'日本'".as_bytes()),
        ("😀".as_bytes(), r"'😀'".as_bytes()),
        ("a\u{200b}b".as_bytes(), "'a\u{200b}b'".as_bytes()),
        (b"a'b\nc", br"'a'\''b'$'\n''c'"),
        (b"'", br#""'""#),
        (b"''", br#""''""#),
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
        ("\u{a0}".as_bytes(), "'\u{a0}'".as_bytes()),
        ("‘".as_bytes(), r"'‘'".as_bytes()),
        ("’".as_bytes(), r"'’'".as_bytes()),
        ("a’b".as_bytes(), r"'a’b'".as_bytes()),
        ("‘a’".as_bytes(), r"'‘a’'".as_bytes()),
        ("\u{ffff}".as_bytes(), br"''$'\357\277\277'"),
        ("\u{e000}".as_bytes(), "'\u{e000}'".as_bytes()),
        ("\u{2028}".as_bytes(), br"''$'\342\200\250'"),
        ("\u{378}".as_bytes(), br"''$'\315\270'"),
        ("\u{ad}".as_bytes(), "'\u{ad}'".as_bytes()),
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
        ("é\u{301}".as_bytes(), "'é\u{301}'".as_bytes()),
        (b"0\x011", br"'0'$'\001''1'"),
        (b"'a'b'", br#""'a'b'""#),
        (b"a'#", br"'a'\''#'"),
        (b"a'{", br"'a'\''{'"),
        (b"{'", br"'{'\'''"),
        (b" ", br"' '"),
    ];

    #[test]
    fn quote_always_matches_du() {
        check(ALWAYS_C, quote_always, c"C");
        check(ALWAYS_UTF8, quote_always, c"C.UTF-8");
    }
}
