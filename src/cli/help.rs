//! `--help` and `--version`: du 9.1's help text, word for word and in its layout, with dug's
//! own options after du's.

use crate::config::DEFAULT_THREADS;
use crate::error::PROGRAM;

/// `--help`.
pub fn help_text() -> String {
    HELP.replace("{P}", PROGRAM)
        .replace("{THREADS}", &DEFAULT_THREADS.to_string())
}

/// `--version`.
pub fn version_text() -> String {
    format!(
        "{PROGRAM} {}\nA parallel drop-in for GNU du 9.1 (du (GNU coreutils) 9.1 compatible).\n",
        env!("CARGO_PKG_VERSION")
    )
}

const HELP: &str = "\
Usage: {P} [OPTION]... [FILE]...
  or:  {P} [OPTION]... --files0-from=F
Summarize device usage of the set of FILEs, recursively for directories.

Mandatory arguments to long options are mandatory for short options too.
  -0, --null            end each output line with NUL, not newline
  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than device usage; although
                          the apparent size is usually smaller, it may be
                          larger due to holes in ('sparse') files, internal
                          fragmentation, indirect blocks, and the like
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -b, --bytes           equivalent to '--apparent-size --block-size=1'
  -c, --total           produce a grand total
  -D, --dereference-args  dereference only symlinks that are listed on the
                          command line
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
      --files0-from=F   summarize device usage of the
                          NUL-terminated file names specified in file F;
                          if F is -, then read names from standard input
  -H                    equivalent to --dereference-args (-D)
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
      --inodes          list inode usage information instead of block usage
  -k                    like --block-size=1K
  -L, --dereference     dereference all symbolic links
  -l, --count-links     count sizes many times if hard linked
  -m                    like --block-size=1M
  -P, --no-dereference  don't follow any symbolic links (this is the default)
  -S, --separate-dirs   for directories do not include size of subdirectories
      --si              like -h, but use powers of 1000 not 1024
  -s, --summarize       display only a total for each argument
  -t, --threshold=SIZE  exclude entries smaller than SIZE if positive,
                          or entries greater than SIZE if negative
      --time            show time of the last modification of any file in the
                          directory, or any of its subdirectories
      --time=WORD       show time as WORD instead of modification time:
                          atime, access, use, ctime or status
      --time-style=STYLE  show times using STYLE, which can be:
                            full-iso, long-iso, iso, or +FORMAT;
                            FORMAT is interpreted like in 'date'
  -X, --exclude-from=FILE  exclude files that match any pattern in FILE
      --exclude=PATTERN    exclude files that match PATTERN
  -x, --one-file-system    skip directories on different file systems
      --help        display this help and exit
      --version     output version information and exit

{P}'s own options (not in du; give their long names in full):
  -j, --threads=N       read directories on N threads (default {THREADS})
  -v, --verbose         show progress on standard error while walking; on a
                          terminal, one line redrawn in place
      --json            write JSON Lines: an object for each record, then a
                          summary of the run; sizes in bytes, times in
                          seconds since the epoch

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
        for spec in crate::cli::OPTIONS {
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
}
