//! `--help` and `--version`: du 9.1's help text, word for word and in its layout, with dug's
//! own options after du's. The option entries come from the table; the usage lines, the
//! paragraph before dug's own options and the text after the options are written here.
//!
//! du's usage() prints its text in pieces, each one msgid that coreutils' catalog translates
//! as a whole; dug prints the same pieces, translated the same way, so that a French `--help`
//! is du's French help. du's option entries are grouped into du's pieces by their place in
//! the table (`DU_PIECES`); dug's own options and notes have no msgid and stay English.

use std::ffi::CString;

use crate::cli::spec::HelpEntry;
use crate::cli::table::OPTIONS;
use crate::error::PROGRAM;
use crate::gnu::gettext::coreutils as tr;
use crate::gnu::printf::fill;
use crate::gnu::progname::Program;

/// The place of the first entry of each of du.c's `fputs (_("..."))` calls over its options,
/// HELP_OPTION_DESCRIPTION and VERSION_OPTION_DESCRIPTION included: a piece runs up to the
/// next start.
const DU_PIECES: &[u8] = &[0, 3, 8, 12, 16, 20, 23, 26, 27];

/// `--help`, for the program `program` invoked as (du's usage lines name it so).
pub fn help_text(program: &Program) -> Vec<u8> {
    let name = program.name();
    let mut text = fill(
        &tr(c"Usage: %s [OPTION]... [FILE]...\n  or:  %s [OPTION]... --files0-from=F\n"),
        &[name, name],
    );
    text.extend_from_slice(&tr(
        c"Summarize device usage of the set of FILEs, recursively for directories.\n",
    ));
    text.extend_from_slice(&tr(
        c"\nMandatory arguments to long options are mandatory for short options too.\n",
    ));
    for piece in du_pieces() {
        let msgid = CString::new(piece).expect("the help entries hold no NUL");
        text.extend_from_slice(&tr(&msgid));
    }
    text.extend_from_slice(OWN_OPTIONS.replace("{P}", PROGRAM).as_bytes());
    text.extend_from_slice(&own_entries());
    text.extend_from_slice(CANCEL_NOTE.as_bytes());
    // emit_blocksize_note ("DU") and emit_size_note ().
    text.extend_from_slice(&fill(
        &tr(
            c"\nDisplay values are in units of the first available SIZE from --block-size,\n\
              and the %s_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.\n\
              Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).\n",
        ),
        &[b"DU"],
    ));
    text.extend_from_slice(&tr(
        c"\nThe SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n\
          Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n\
          Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n",
    ));
    text.extend_from_slice(DOCUMENTATION.replace("{P}", PROGRAM).as_bytes());
    text
}

/// `--version`: dug's own name and version, whatever it was invoked as (du's version_etc
/// names du by PROGRAM_NAME too).
pub fn version_text() -> String {
    format!(
        "{PROGRAM} {}\nA parallel drop-in for GNU du 9.1 (du (GNU coreutils) 9.1 compatible).\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The line du's usage(EXIT_FAILURE) prints (emit_try_help).
pub(crate) fn try_help(program: &Program) -> Vec<u8> {
    fill(
        &tr(c"Try '%s --help' for more information.\n"),
        &[program.name()],
    )
}

/// The `--help` entries of dug's own options, by their place, each line ending in a newline.
fn own_entries() -> Vec<u8> {
    let mut text = Vec::new();
    for entry in sorted_entries(false) {
        for line in entry.lines {
            text.extend_from_slice(line.as_bytes());
            text.push(b'\n');
        }
    }
    text
}

/// The `--help` entries of du's options (`is_du`) or of dug's own, by their place.
fn sorted_entries(is_du: bool) -> Vec<&'static HelpEntry> {
    let mut entries: Vec<&HelpEntry> = OPTIONS
        .iter()
        .filter(|spec| spec.is_du == is_du)
        .flat_map(|spec| spec.help)
        .collect();
    entries.sort_by_key(|entry| entry.place);
    entries
}

/// du's option entries as du.c's msgids: the text of each piece, in order.
fn du_pieces() -> Vec<Vec<u8>> {
    let mut pieces: Vec<Vec<u8>> = vec![Vec::new(); DU_PIECES.len()];
    for entry in sorted_entries(true) {
        let piece = DU_PIECES.iter().rposition(|&start| start <= entry.place);
        let piece = &mut pieces[piece.expect("the first piece starts at place 0")];
        for line in entry.lines {
            piece.extend_from_slice(line.as_bytes());
            piece.push(b'\n');
        }
    }
    pieces
}

const OWN_OPTIONS: &str = "
{P}'s own options (not in du; give their long names in full):
";

const CANCEL_NOTE: &str = "
Ctrl-C stops the walk (so does any key, on a terminal); the records already
written are complete.
";

const DOCUMENTATION: &str = "
Full documentation: man {P}
";

#[cfg(test)]
mod tests {
    use super::*;

    fn help_of(name: &str) -> String {
        String::from_utf8(help_text(&Program::new(name))).expect("UTF-8")
    }

    #[test]
    fn help_lists_every_option() {
        let help = help_of("dug");
        for spec in OPTIONS {
            if let Some(long) = spec.long {
                assert!(help.contains(&format!("--{long}")), "--{long} missing");
            }
            for &c in spec.short {
                assert!(
                    help.contains(&format!("-{}", c as char)),
                    "-{} missing",
                    c as char
                );
            }
        }
        assert!(help.starts_with("Usage: dug [OPTION]... [FILE]...\n"));
        // dug's own options come after all of du's, under a heading of their own.
        let own = help.find("dug's own options").expect("the heading");
        assert!(help.find("--version").expect("du's last option") < own);
        for long in ["--threads", "--verbose", "--json"] {
            assert!(help.find(long).expect("listed") > own, "{long}");
        }
    }

    /// Each piece is one of du.c's msgids, which coreutils' catalog knows by these bytes.
    #[test]
    fn du_pieces_are_du_c_msgids() {
        let pieces: Vec<String> = du_pieces()
            .into_iter()
            .map(|p| String::from_utf8(p).expect("ASCII"))
            .collect();
        assert_eq!(pieces.len(), 9);
        assert_eq!(
            pieces[3],
            "  -k                    like --block-size=1K\n\
             \x20 -L, --dereference     dereference all symbolic links\n\
             \x20 -l, --count-links     count sizes many times if hard linked\n\
             \x20 -m                    like --block-size=1M\n"
        );
        let firsts = [
            "  -0,",
            "  -B,",
            "      --files0-from",
            "  -k",
            "  -P,",
            "  -t,",
            "  -X,",
        ];
        for (piece, first) in pieces.iter().zip(firsts) {
            assert!(piece.starts_with(first), "{piece:?}");
        }
        assert!(pieces[2].contains("\n  -H                    equivalent to"));
        assert!(
            pieces[6].ends_with(
                "  -x, --one-file-system    skip directories on different file systems\n"
            )
        );
        assert_eq!(
            pieces[7],
            "      --help        display this help and exit\n"
        );
        assert_eq!(
            pieces[8],
            "      --version     output version information and exit\n"
        );
    }

    /// The usage lines name the program as invoked; dug's own heading, its manual and
    /// --version keep dug's name.
    #[test]
    fn help_names_the_program_as_invoked() {
        let help = help_of("/tmp/mydu");
        assert!(help.starts_with(
            "Usage: /tmp/mydu [OPTION]... [FILE]...\n  or:  /tmp/mydu [OPTION]... --files0-from=F\n\
             Summarize device usage"
        ));
        assert!(help.contains("\ndug's own options (not in du"));
        assert!(help.ends_with("\nFull documentation: man dug\n"));
        assert_eq!(help.matches("/tmp/mydu").count(), 2);
        assert!(version_text().starts_with("dug "));
        assert_eq!(
            try_help(&Program::new("/tmp/mydu")),
            b"Try '/tmp/mydu --help' for more information.\n"
        );
    }

    #[test]
    fn each_entry_names_its_option() {
        // An entry's first line starts with the option's names, as du spells them; -H's
        // entry is the only one of another letter's.
        for spec in OPTIONS {
            let first = spec.help[0].lines[0].trim_start();
            let name = match (spec.short.first(), spec.long) {
                (Some(&c), _) => format!("-{}", c as char),
                (None, Some(long)) => format!("--{long}"),
                (None, None) => unreachable!("every option has a name"),
            };
            assert!(
                first.starts_with(&name),
                "{first:?} does not start with {name}"
            );
            for entry in spec.help {
                for line in entry.lines {
                    assert!(line.len() <= 80 && !line.ends_with(' '), "{line:?}");
                }
            }
        }
    }
}
