//! The option table: one row per option, in du 9.1's `long_options` order (the order glibc
//! lists ambiguous abbreviations in, and the completions list options in), then du's
//! short-only options, then dug's own. The parser, `--help`, the man page and the shell
//! completions all read it; adding an option means adding a row here and its meaning in
//! `validate`.

use crate::cli::spec::{HelpEntry, Opt, Spec, Takes, Value, Word};

/// --time=WORD's words, as completions offer them (du's `time_args` decides what they mean).
const TIME_VALUES: &[Word] = &[
    Word::new("atime", "time of last access"),
    Word::new("access", "the same as atime"),
    Word::new("use", "the same as atime"),
    Word::new("ctime", "time of last status change"),
    Word::new("status", "the same as ctime"),
];

/// --time-style's named styles, as completions offer them (`+FORMAT` aside).
const STYLE_VALUES: &[Word] = &[
    Word::new("full-iso", "2023-11-14 22:13:20.123456789 +0000"),
    Word::new("long-iso", "2023-11-14 22:13 (the default)"),
    Word::new("iso", "2023-11-14"),
];

/// Every option dug knows. Texts that name the default thread count spell it out; a unit test
/// holds them to `config::DEFAULT_THREADS`.
pub const OPTIONS: &[Spec] = &[
    Spec {
        opt: Opt::All,
        long: Some("all"),
        short: b"a",
        takes: Takes::Nothing,
        is_du: true,
        summary: "write counts for all files, not just directories",
        man: None,
        help: &[HelpEntry {
            place: 1,
            lines: &["  -a, --all             write counts for all files, not just directories"],
        }],
    },
    Spec {
        opt: Opt::ApparentSize,
        long: Some("apparent-size"),
        short: b"",
        takes: Takes::Nothing,
        is_du: true,
        summary: "print apparent sizes rather than device usage",
        man: Some(
            "print apparent sizes rather than device usage; although the apparent size is \
             usually smaller, it may be larger due to holes in ('sparse') files, internal \
             fragmentation, indirect blocks, and the like",
        ),
        help: &[HelpEntry {
            place: 2,
            lines: &[
                "      --apparent-size   print apparent sizes rather than device usage; although",
                "                          the apparent size is usually smaller, it may be",
                "                          larger due to holes in ('sparse') files, internal",
                "                          fragmentation, indirect blocks, and the like",
            ],
        }],
    },
    Spec {
        opt: Opt::BlockSize,
        long: Some("block-size"),
        short: b"B",
        takes: Takes::Value(Value::any("SIZE")),
        is_du: true,
        summary: "scale sizes by SIZE before printing them",
        man: Some(
            "scale sizes by SIZE before printing them; e.g., '-BM' prints sizes in units of \
             1,048,576 bytes; see SIZE below",
        ),
        help: &[HelpEntry {
            place: 3,
            lines: &[
                "  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,",
                "                           '-BM' prints sizes in units of 1,048,576 bytes;",
                "                           see SIZE format below",
            ],
        }],
    },
    Spec {
        opt: Opt::Bytes,
        long: Some("bytes"),
        short: b"b",
        takes: Takes::Nothing,
        is_du: true,
        summary: "equivalent to '--apparent-size --block-size=1'",
        man: None,
        help: &[HelpEntry {
            place: 4,
            lines: &["  -b, --bytes           equivalent to '--apparent-size --block-size=1'"],
        }],
    },
    Spec {
        opt: Opt::CountLinks,
        long: Some("count-links"),
        short: b"l",
        takes: Takes::Nothing,
        is_du: true,
        summary: "count sizes many times if hard linked",
        man: None,
        help: &[HelpEntry {
            place: 14,
            lines: &["  -l, --count-links     count sizes many times if hard linked"],
        }],
    },
    Spec {
        opt: Opt::Dereference,
        long: Some("dereference"),
        short: b"L",
        takes: Takes::Nothing,
        is_du: true,
        summary: "dereference all symbolic links",
        man: None,
        help: &[HelpEntry {
            place: 13,
            lines: &["  -L, --dereference     dereference all symbolic links"],
        }],
    },
    Spec {
        opt: Opt::DereferenceArgs,
        long: Some("dereference-args"),
        short: b"DH",
        takes: Takes::Nothing,
        is_du: true,
        summary: "dereference only symlinks that are listed on the command line",
        man: Some("dereference only symlinks that are listed on the command line (-H is the same)"),
        help: &[
            HelpEntry {
                place: 6,
                lines: &[
                    "  -D, --dereference-args  dereference only symlinks that are listed on the",
                    "                          command line",
                ],
            },
            HelpEntry {
                place: 9,
                lines: &["  -H                    equivalent to --dereference-args (-D)"],
            },
        ],
    },
    Spec {
        opt: Opt::Exclude,
        long: Some("exclude"),
        short: b"",
        takes: Takes::Value(Value::any("PATTERN")),
        is_du: true,
        summary: "exclude files that match PATTERN",
        man: None,
        help: &[HelpEntry {
            place: 24,
            lines: &["      --exclude=PATTERN    exclude files that match PATTERN"],
        }],
    },
    Spec {
        opt: Opt::ExcludeFrom,
        long: Some("exclude-from"),
        short: b"X",
        takes: Takes::Value(Value::file("FILE")),
        is_du: true,
        summary: "exclude files that match any pattern in FILE",
        man: None,
        help: &[HelpEntry {
            place: 23,
            lines: &["  -X, --exclude-from=FILE  exclude files that match any pattern in FILE"],
        }],
    },
    Spec {
        opt: Opt::Files0From,
        long: Some("files0-from"),
        short: b"",
        takes: Takes::Value(Value::file("F")),
        is_du: true,
        summary: "summarize device usage of the NUL-terminated file names specified in file F",
        man: Some(
            "summarize device usage of the NUL-terminated file names specified in file F; if \
             F is -, then read names from standard input",
        ),
        help: &[HelpEntry {
            place: 8,
            lines: &[
                "      --files0-from=F   summarize device usage of the",
                "                          NUL-terminated file names specified in file F;",
                "                          if F is -, then read names from standard input",
            ],
        }],
    },
    Spec {
        opt: Opt::Human,
        long: Some("human-readable"),
        short: b"h",
        takes: Takes::Nothing,
        is_du: true,
        summary: "print sizes in human readable format (e.g., 1K 234M 2G)",
        man: None,
        help: &[HelpEntry {
            place: 10,
            lines: &[
                "  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)",
            ],
        }],
    },
    Spec {
        opt: Opt::Inodes,
        long: Some("inodes"),
        short: b"",
        takes: Takes::Nothing,
        is_du: true,
        summary: "list inode usage information instead of block usage",
        man: None,
        help: &[HelpEntry {
            place: 11,
            lines: &["      --inodes          list inode usage information instead of block usage"],
        }],
    },
    Spec {
        opt: Opt::Si,
        long: Some("si"),
        short: b"",
        takes: Takes::Nothing,
        is_du: true,
        summary: "like -h, but use powers of 1000 not 1024",
        man: None,
        help: &[HelpEntry {
            place: 18,
            lines: &["      --si              like -h, but use powers of 1000 not 1024"],
        }],
    },
    Spec {
        opt: Opt::MaxDepth,
        long: Some("max-depth"),
        short: b"d",
        takes: Takes::Value(Value::any("N")),
        is_du: true,
        summary: "print the total for a directory (or file, with --all) only if it is N or \
                  fewer levels below the command line argument",
        man: Some(
            "print the total for a directory (or file, with --all) only if it is N or fewer \
             levels below the command line argument; --max-depth=0 is the same as --summarize",
        ),
        help: &[HelpEntry {
            place: 7,
            lines: &[
                "  -d, --max-depth=N     print the total for a directory (or file, with --all)",
                "                          only if it is N or fewer levels below the command",
                "                          line argument;  --max-depth=0 is the same as",
                "                          --summarize",
            ],
        }],
    },
    Spec {
        opt: Opt::Null,
        long: Some("null"),
        short: b"0",
        takes: Takes::Nothing,
        is_du: true,
        summary: "end each output line with NUL, not newline",
        man: None,
        help: &[HelpEntry {
            place: 0,
            lines: &["  -0, --null            end each output line with NUL, not newline"],
        }],
    },
    Spec {
        opt: Opt::NoDereference,
        long: Some("no-dereference"),
        short: b"P",
        takes: Takes::Nothing,
        is_du: true,
        summary: "don't follow any symbolic links (this is the default)",
        man: None,
        help: &[HelpEntry {
            place: 16,
            lines: &[
                "  -P, --no-dereference  don't follow any symbolic links (this is the default)",
            ],
        }],
    },
    Spec {
        opt: Opt::OneFileSystem,
        long: Some("one-file-system"),
        short: b"x",
        takes: Takes::Nothing,
        is_du: true,
        summary: "skip directories on different file systems",
        man: None,
        help: &[HelpEntry {
            place: 25,
            lines: &["  -x, --one-file-system    skip directories on different file systems"],
        }],
    },
    Spec {
        opt: Opt::SeparateDirs,
        long: Some("separate-dirs"),
        short: b"S",
        takes: Takes::Nothing,
        is_du: true,
        summary: "for directories do not include size of subdirectories",
        man: None,
        help: &[HelpEntry {
            place: 17,
            lines: &[
                "  -S, --separate-dirs   for directories do not include size of subdirectories",
            ],
        }],
    },
    Spec {
        opt: Opt::Summarize,
        long: Some("summarize"),
        short: b"s",
        takes: Takes::Nothing,
        is_du: true,
        summary: "display only a total for each argument",
        man: None,
        help: &[HelpEntry {
            place: 19,
            lines: &["  -s, --summarize       display only a total for each argument"],
        }],
    },
    Spec {
        opt: Opt::Total,
        long: Some("total"),
        short: b"c",
        takes: Takes::Nothing,
        is_du: true,
        summary: "produce a grand total",
        man: None,
        help: &[HelpEntry {
            place: 5,
            lines: &["  -c, --total           produce a grand total"],
        }],
    },
    Spec {
        opt: Opt::Threshold,
        long: Some("threshold"),
        short: b"t",
        takes: Takes::Value(Value::any("SIZE")),
        is_du: true,
        summary: "exclude entries smaller than SIZE if positive, or entries greater than SIZE \
                  if negative",
        man: Some(
            "exclude entries smaller than SIZE if positive, or entries greater than SIZE if \
             negative",
        ),
        help: &[HelpEntry {
            place: 20,
            lines: &[
                "  -t, --threshold=SIZE  exclude entries smaller than SIZE if positive,",
                "                          or entries greater than SIZE if negative",
            ],
        }],
    },
    Spec {
        opt: Opt::Time,
        long: Some("time"),
        short: b"",
        takes: Takes::OptionalValue(Value::words("WORD", TIME_VALUES)),
        is_du: true,
        summary: "show time of the last modification of any file in the directory, or any of \
                  its subdirectories",
        man: Some(
            "show time of the last modification of any file in the directory, or any of its \
             subdirectories; with =WORD, show that time instead of the modification time",
        ),
        help: &[HelpEntry {
            place: 21,
            lines: &[
                "      --time            show time of the last modification of any file in the",
                "                          directory, or any of its subdirectories",
                "      --time=WORD       show time as WORD instead of modification time:",
                "                          atime, access, use, ctime or status",
            ],
        }],
    },
    Spec {
        opt: Opt::TimeStyle,
        long: Some("time-style"),
        short: b"",
        takes: Takes::Value(Value::words("STYLE", STYLE_VALUES)),
        is_du: true,
        summary: "show times using STYLE: full-iso, long-iso, iso, or +FORMAT",
        man: Some(
            "show times using STYLE: full-iso, long-iso, iso, or +FORMAT, where FORMAT is \
             interpreted like in date(1); the TIME_STYLE environment variable sets the default",
        ),
        help: &[HelpEntry {
            place: 22,
            lines: &[
                "      --time-style=STYLE  show times using STYLE, which can be:",
                "                            full-iso, long-iso, iso, or +FORMAT;",
                "                            FORMAT is interpreted like in 'date'",
            ],
        }],
    },
    Spec {
        opt: Opt::Help,
        long: Some("help"),
        short: b"",
        takes: Takes::Nothing,
        is_du: true,
        summary: "display this help and exit",
        man: None,
        help: &[HelpEntry {
            place: 26,
            lines: &["      --help        display this help and exit"],
        }],
    },
    Spec {
        opt: Opt::Version,
        long: Some("version"),
        short: b"",
        takes: Takes::Nothing,
        is_du: true,
        summary: "output version information and exit",
        man: None,
        help: &[HelpEntry {
            place: 27,
            lines: &["      --version     output version information and exit"],
        }],
    },
    Spec {
        opt: Opt::Kilo,
        long: None,
        short: b"k",
        takes: Takes::Nothing,
        is_du: true,
        summary: "like --block-size=1K",
        man: None,
        help: &[HelpEntry {
            place: 12,
            lines: &["  -k                    like --block-size=1K"],
        }],
    },
    Spec {
        opt: Opt::Mega,
        long: None,
        short: b"m",
        takes: Takes::Nothing,
        is_du: true,
        summary: "like --block-size=1M",
        man: None,
        help: &[HelpEntry {
            place: 15,
            lines: &["  -m                    like --block-size=1M"],
        }],
    },
    Spec {
        opt: Opt::Threads,
        long: Some("threads"),
        short: b"j",
        takes: Takes::Value(Value::any("N")),
        is_du: false,
        summary: "walk with N worker threads (default 20) [dug]",
        man: Some(
            "read directories on N worker threads (default 20); the output is the same for \
             every N",
        ),
        help: &[HelpEntry {
            place: 28,
            lines: &["  -j, --threads=N       read directories on N threads (default 20)"],
        }],
    },
    Spec {
        opt: Opt::Verbose,
        long: Some("verbose"),
        short: b"v",
        takes: Takes::Nothing,
        is_du: false,
        summary: "show progress on standard error while walking [dug]",
        man: Some(
            "show progress on standard error every 500 ms while walking: one line redrawn in \
             place on a terminal, plain lines otherwise, and a last line with the counts and the \
             time taken; standard output is unchanged. When the one operand is the root of a \
             mounted file system and no --exclude or -L applies, the line also says how far the \
             walk is: the share of that file system's used inodes seen (statfs: files less free \
             files, read again at each tick) and the time left at the average rate so far (see \
             PROGRESS AND STOPPING). It is an estimate: each directory counts once, a file with \
             N links 1/N per name (tmpfs counts every name), nothing on other file systems; it \
             falls short for what cannot be read, hard links to files outside the walk and a \
             bind mount of a subdirectory (the share is of the whole file system); files made \
             or removed during the walk move it; time spent on other file systems mounted below \
             is not in the time left. It is off with several operands, and on FUSE and \
             overlayfs, whose counts describe another file system",
        ),
        help: &[HelpEntry {
            place: 29,
            lines: &[
                "  -v, --verbose         show progress on standard error while walking; on a",
                "                          terminal, one line redrawn in place",
            ],
        }],
    },
    Spec {
        opt: Opt::Json,
        long: Some("json"),
        short: b"",
        takes: Takes::Nothing,
        is_du: false,
        summary: "write JSON Lines: an object per record, then a summary [dug]",
        man: Some(
            "write JSON Lines on standard output instead of du's records: an object for each \
             record as it is found, an object for the --total line, and a summary object last \
             (see JSON OUTPUT); cannot be combined with -0, -h, --si, -k, -m, -B or --time-style",
        ),
        help: &[HelpEntry {
            place: 30,
            lines: &[
                "      --json            write JSON Lines: an object for each record, then a",
                "                          summary of the run; sizes in bytes, times in",
                "                          seconds since the epoch",
            ],
        }],
    },
    Spec {
        opt: Opt::NcduExport,
        long: Some("ncdu-export"),
        short: b"",
        takes: Takes::Value(Value::file("FILE")),
        is_du: false,
        summary: "also write the whole tree to FILE in ncdu's export format [dug]",
        man: Some(
            "also write the whole tree, as it is counted, to FILE in ncdu's JSON export format \
             (what ncdu -o writes), for ncdu -f FILE or gdu -f FILE to browse; - writes it to \
             standard output in place of the records. Takes a single operand (see NCDU EXPORT)",
        ),
        help: &[HelpEntry {
            place: 31,
            lines: &[
                "      --ncdu-export=FILE  also write the whole tree to FILE in ncdu's export",
                "                          format, for 'ncdu -f FILE'; with FILE -, write it",
                "                          to standard output instead of the records",
            ],
        }],
    },
];

#[cfg(test)]
mod tests;
