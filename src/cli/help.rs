//! `--help` and `--version`: du 9.1's help text, word for word and in its layout, with dug's
//! own options after du's. The option entries come from the table; the usage lines, the
//! paragraph before dug's own options and the text after the options are written here.

use crate::cli::spec::HelpEntry;
use crate::cli::table::OPTIONS;
use crate::error::PROGRAM;

/// `--help`.
pub fn help_text() -> String {
    let mut text = USAGE.replace("{P}", PROGRAM);
    push_entries(&mut text, true);
    text.push_str(&OWN_OPTIONS.replace("{P}", PROGRAM));
    push_entries(&mut text, false);
    text.push_str(&AFTER_OPTIONS.replace("{P}", PROGRAM));
    text
}

/// `--version`.
pub fn version_text() -> String {
    format!(
        "{PROGRAM} {}\nA parallel drop-in for GNU du 9.1 (du (GNU coreutils) 9.1 compatible).\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The line du's usage(EXIT_FAILURE) prints.
pub(crate) fn try_help() -> String {
    format!("Try '{PROGRAM} --help' for more information.\n")
}

/// The `--help` entries of du's options (`is_du`) or of dug's own, by their place.
fn push_entries(text: &mut String, is_du: bool) {
    let mut entries: Vec<&HelpEntry> = OPTIONS
        .iter()
        .filter(|spec| spec.is_du == is_du)
        .flat_map(|spec| spec.help)
        .collect();
    entries.sort_by_key(|entry| entry.place);
    for line in entries.iter().flat_map(|entry| entry.lines) {
        text.push_str(line);
        text.push('\n');
    }
}

const USAGE: &str = "\
Usage: {P} [OPTION]... [FILE]...
  or:  {P} [OPTION]... --files0-from=F
Summarize device usage of the set of FILEs, recursively for directories.

Mandatory arguments to long options are mandatory for short options too.
";

const OWN_OPTIONS: &str = "
{P}'s own options (not in du; give their long names in full):
";

const AFTER_OPTIONS: &str = "
Ctrl-C stops the walk (so does any key, on a terminal); the records already
written are complete.

Display values are in units of the first available SIZE from --block-size,
and the DU_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

Full documentation: man {P}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_option() {
        let help = help_text();
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
