//! printf's conversions over a message's format, done safely: du prints its translated messages
//! with `printf (_("cannot access %s"), ...)`, so the catalog decides where each argument goes.
//! Here every conversion (`%s`, `%c`, `%lu`…) takes the next argument, or the one a `%N$`
//! names, already spelled as bytes; `%%` is a `%`. No argument is ever read as a format, so a
//! file name holding `%s` prints as it is.

/// `format` with its conversions replaced by `args` in order (or as `%N$` says). Widths and
/// precisions are read and not applied: none of du's messages has one, in any catalog that
/// msgfmt accepts for them. A conversion with no argument left prints nothing; text that is
/// not a conversion is copied as it is.
pub(crate) fn fill(format: &[u8], args: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(format.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut next = 0;
    let mut i = 0;
    while i < format.len() {
        if format[i] != b'%' {
            let end = format[i..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(format.len(), |n| i + n);
            out.extend_from_slice(&format[i..end]);
            i = end;
            continue;
        }
        match conversion(&format[i + 1..]) {
            Some(Conversion::Percent) => {
                out.push(b'%');
                i += 2;
            }
            Some(Conversion::Argument { position, len }) => {
                let index = position.unwrap_or_else(|| {
                    next += 1;
                    next - 1
                });
                if let Some(arg) = args.get(index) {
                    out.extend_from_slice(arg);
                }
                i += 1 + len;
            }
            None => {
                out.push(b'%');
                i += 1;
            }
        }
    }
    out
}

/// What follows a `%`.
enum Conversion {
    /// `%%`.
    Percent,
    /// A conversion of an argument: the one `%N$` names (0-based), and the length of the
    /// specification after the `%`.
    Argument {
        /// `N - 1` for `%N$…`, or `None` for the next argument.
        position: Option<usize>,
        /// Bytes from after the `%` to the conversion letter, included.
        len: usize,
    },
}

/// Reads a conversion specification (`[N$][flags][width][.precision][length]letter`) at the
/// start of `spec`, the text after a `%`; `None` when it is not one.
fn conversion(spec: &[u8]) -> Option<Conversion> {
    if spec.first() == Some(&b'%') {
        return Some(Conversion::Percent);
    }
    let digits = |from: usize| {
        spec[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    let mut position = None;
    let lead = digits(0);
    if lead > 0 && spec.get(lead) == Some(&b'$') {
        let n: usize = std::str::from_utf8(&spec[..lead]).ok()?.parse().ok()?;
        position = Some(n.checked_sub(1)?);
        i = lead + 1;
    }
    i += spec[i..]
        .iter()
        .take_while(|b| b"-+ #0'I".contains(b))
        .count();
    i += digits(i);
    if spec.get(i) == Some(&b'.') {
        i += 1 + digits(i + 1);
    }
    i += spec[i..]
        .iter()
        .take_while(|b| b"hlLqjzZt".contains(b))
        .count();
    let letter = *spec.get(i)?;
    b"diouxXeEfFgGaAcsp"
        .contains(&letter)
        .then_some(Conversion::Argument {
            position,
            len: i + 1,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(format: &str, args: &[&str]) -> String {
        let args: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
        String::from_utf8(fill(format.as_bytes(), &args)).expect("UTF-8")
    }

    #[test]
    fn conversions_take_the_arguments_in_order() {
        assert_eq!(filled("cannot access %s", &["'x'"]), "cannot access 'x'");
        assert_eq!(
            filled("%s: option '%s%s' is ambiguous", &["du", "--", "ti"]),
            "du: option '--ti' is ambiguous"
        );
        assert_eq!(filled("%s:%lu: %s", &["f", "3", "invalid"]), "f:3: invalid");
        assert_eq!(filled("-- '%c'\n", &["q"]), "-- 'q'\n");
        assert_eq!(filled("100%% of %s", &["it"]), "100% of it");
        assert_eq!(filled("no conversion", &["x"]), "no conversion");
    }

    #[test]
    fn positions_reorder_and_arguments_are_never_formats() {
        assert_eq!(filled("%2$s before %1$s", &["a", "b"]), "b before a");
        assert_eq!(filled("%s and %s", &["%s", "%n"]), "%s and %n");
        assert_eq!(filled("%s %s", &["only"]), "only ");
        assert_eq!(filled("%0$s|%", &["x"]), "%0$s|%");
        assert_eq!(filled("%-5.3ld|%y", &["7"]), "7|%y");
    }

    #[test]
    fn bytes_of_any_codeset_pass_through() {
        let out = fill(b"impossible d'acc\xe9der \xe0 %s", &[b"'\xe9'"]);
        assert_eq!(out, b"impossible d'acc\xe9der \xe0 '\xe9'");
    }
}
