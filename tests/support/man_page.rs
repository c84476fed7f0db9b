//! The man page: clap_mangen's title, name, synopsis, description and options sections from
//! dug's clap description, then the sections clap knows nothing about, written here with
//! clap_mangen's Roff API so that every line is escaped as roff needs.

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

/// The last change to what the page says (`.TH`'s date; without one, roff would shift the
/// source and manual into the wrong places of the header and footer).
const DATE: &str = "2026-11-23";

/// The whole page, as `man/dug.1` holds it.
pub fn render() -> Vec<u8> {
    let man = Man::new(super::command::command())
        .title("DUG")
        .date(DATE)
        .manual("User Commands");
    let mut page = Vec::new();
    man.render_title(&mut page).expect("render to memory");
    // Each render call starts with the same two-line apostrophe preamble; keep the first.
    let preamble = preamble();
    let mut append = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut part = Vec::new();
        render(&mut part).expect("render to memory");
        let body = part
            .strip_prefix(preamble.as_slice())
            .expect("every section starts with roff's preamble");
        page.extend_from_slice(body);
    };
    append(&|w| man.render_name_section(w));
    append(&|w| man.render_synopsis_section(w));
    append(&|w| man.render_description_section(w));
    append(&|w| man.render_options_section(w));
    append(&|w| sections().to_writer(w));
    page
}

/// What `Roff::to_writer` puts before the first line.
fn preamble() -> Vec<u8> {
    let mut empty = Vec::new();
    Roff::new().to_writer(&mut empty).expect("render to memory");
    empty
}

/// The sections after the options: units, JSON, the ncdu export, progress, exit status,
/// environment, examples, differences from du, see also.
fn sections() -> Roff {
    let mut r = Roff::new();
    size_section(&mut r);
    json_section(&mut r);
    ncdu_section(&mut r);
    progress_section(&mut r);
    exit_section(&mut r);
    environment_section(&mut r);
    examples_section(&mut r);
    differences_section(&mut r);

    heading(&mut r, "SEE ALSO");
    r.text([
        bold("du"),
        roman("(1), "),
        bold("jq"),
        roman("(1), "),
        bold("ncdu"),
        roman("(1), "),
        bold("date"),
        roman("(1)"),
    ]);
    r
}

fn size_section(r: &mut Roff) {
    heading(r, "SIZE");
    para(
        r,
        "Display values are in units of the first available SIZE from --block-size, and the \
         DU_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables. Otherwise, units \
         default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).",
    );
    para(
        r,
        "The SIZE argument is an integer and optional unit (example: 10K is 10*1024). Units \
         are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000). Binary prefixes \
         can be used, too: KiB=K, MiB=M, and so on.",
    );
}

fn progress_section(r: &mut Roff) {
    heading(r, "PROGRESS AND STOPPING");
    para(
        r,
        "With -v, dug writes what the walk has read so far to standard error every 500 ms \
         (files, directories, bytes in powers of 1000, entries per second) and, at the end, \
         the counts and the time taken. On a terminal it is one line redrawn in place and \
         erased before any record or message reaches the same terminal.",
    );
    para(
        r,
        "When -v can tell how far the walk is (its one operand the root of a mounted file \
         system, see -v for when and how well), the redrawn line ends with a bar, the share \
         and the time left (42.3% - ~12 s left; a middle dot for the dash in a UTF-8 \
         locale), the line cut to the terminal's width (the bar goes \
         first, then the counts); plain lines end with \", P% done, S s left\" (P the \
         share of used inodes seen, with one decimal, floored, so that 100.0 means all of \
         them; S the seconds left, rounded; no time before anything is seen), and one more \
         such line follows when the walk is over.",
    );
    para(
        r,
        "Ctrl-C (SIGINT), SIGTERM, SIGHUP or, when standard input is the terminal, dug is in \
         the foreground and its output does not go into a pipe, any key stops the walk \
         cleanly: standard output keeps only complete records (never a total for an \
         unfinished directory, no --total line), standard error gets one line with what was \
         counted so far, and the terminal's settings are restored. A second Ctrl-C ends dug \
         at once.",
    );
}

fn exit_section(r: &mut Roff) {
    heading(r, "EXIT STATUS");
    item(r, "0", "Everything was read and printed.");
    item(
        r,
        "1",
        "Some entry could not be read or a usage error; everything readable is still printed, \
         as du does.",
    );
    item(r, "130", "Cancelled by Ctrl-C or a key.");
    item(
        r,
        "128+N",
        "Cancelled by signal N (143 for SIGTERM, 129 for SIGHUP).",
    );
    item(
        r,
        "141",
        "Standard output was a pipe whose reader went away: dug ends quietly, as du does when \
         SIGPIPE kills it.",
    );
}

fn environment_section(r: &mut Roff) {
    heading(r, "ENVIRONMENT");
    item(
        r,
        "DU_BLOCK_SIZE, BLOCK_SIZE, BLOCKSIZE",
        "The default unit, in this order of precedence, when no option sets one (see SIZE). \
         Ignored by --json, whose sizes are bytes.",
    );
    item(
        r,
        "POSIXLY_CORRECT",
        "Makes 512 bytes the default unit, ends the options at the first operand and turns \
         off [^...] negation in --exclude patterns.",
    );
    item(r, "TIME_STYLE", "The default for --time-style.");
    item(
        r,
        "TZ",
        "The time zone --time shows times in, in every form the C library accepts.",
    );
    item(
        r,
        "LC_ALL, LC_CTYPE, LC_MESSAGES, LC_NUMERIC, LANG",
        "The locale, taken at start-up as du takes it: the language of du's messages and \
         --help (from the coreutils and glibc catalogs), how file names are quoted in \
         messages, the decimal point of -h and the thousands separator of a ' in SIZE, how \
         --exclude patterns and their character classes match, and the day and month names \
         --time-style prints.",
    );
}

fn examples_section(r: &mut Roff) {
    heading(r, "EXAMPLES");
    example(
        r,
        "dug -h -d1 / | sort -h",
        "The size of each top-level directory, smallest first.",
    );
    example(
        r,
        "dug -v /srv",
        "Every directory under /srv, with progress on standard error while the walk runs.",
    );
    example(
        r,
        "dug -0 -a . | sort -z -rn | head -z -n 10 | tr '\\0' '\\n'",
        "The ten largest entries below the current directory; NUL-terminated records keep \
         names with newlines in them whole.",
    );
    example(
        r,
        "dug --json -a . | jq -r 'select(.type == \"entry\" and .bytes > 1e9) | .path'",
        "Every entry of more than a gigabyte, for a script.",
    );
    example(
        r,
        "dug -x --ncdu-export=root.json -s / && ncdu -f root.json",
        "The total of the root file system, then the whole tree to browse in ncdu, from the \
         same walk.",
    );
    example(
        r,
        "dug --ncdu-export=- /srv | ncdu -f-",
        "Browse /srv in ncdu as dug reads it.",
    );
    example(
        r,
        "dug -s -j 64 /mnt/nfs",
        "One total for a network file system, with 64 directory reads in flight to hide its \
         latency.",
    );
}

fn differences_section(r: &mut Roff) {
    heading(r, "DIFFERENCES FROM DU");
    para(
        r,
        "For du's options there are none: the records, their order (the kernel's order within \
         a directory, or inode order for directories of more than 10,000 entries, as gnulib's \
         fts does), hard links counted once where du meets them first, the messages and the \
         exit status are du 9.1's, whatever the thread count. Messages come from the system's \
         coreutils and glibc catalogs in the locale's language, as du's do, and name the \
         program as it was invoked: installed as du, dug says du.",
    );
    para(
        r,
        "dug's own options (-j, -v, --json, --ncdu-export) are not du's, and their long names \
         must be spelled \
         in full, so that every abbreviation du accepts (--ver, --t) means what it means in \
         du. du has no progress output and no keypress cancel; dug without -v prints nothing \
         du would not.",
    );
    para(
        r,
        "Known limits: --files0-from reads the whole list before walking, so from a slow pipe \
         du's first records come earlier (the output is the same).",
    );
}

fn json_section(r: &mut Roff) {
    heading(r, "JSON OUTPUT");
    para(
        r,
        "With --json, standard output is JSON Lines: one object per line, each with a \"type\" \
         first. Records are written as they are found, in du's order; the summary is the last \
         line of every run that finishes or is cancelled. Messages still go to standard error \
         in du's words. Sizes are always in bytes and times are seconds since the epoch.",
    );
    r.control("PP", []);
    r.text([
        bold("\"type\": \"entry\""),
        roman(" (one per record du would print):"),
    ]);
    field(
        r,
        "path",
        "The path as du prints it. When it is not valid UTF-8, each invalid sequence reads \
         U+FFFD here and path_bytes follows.",
    );
    field(
        r,
        "path_bytes",
        "Only for such paths: the exact bytes of the path, as an array of numbers 0 to 255.",
    );
    field(
        r,
        "bytes",
        "Disk usage (allocated blocks), or the apparent size with --apparent-size or -b, in \
         bytes.",
    );
    field(r, "inodes", "With --inodes: the number of inodes counted.");
    field(
        r,
        "mtime, atime, ctime",
        "With --time (mtime), --time=atime (atime) or --time=ctime (ctime): the newest such \
         time in the subtree, as seconds since the epoch with nine decimals (exact to the \
         nanosecond in the text).",
    );
    r.control("PP", []);
    r.text([
        bold("\"type\": \"total\""),
        roman(
            " (with --total, in place of du's \"total\" line): bytes, and inodes or a time as \
             for entries.",
        ),
    ]);
    r.control("PP", []);
    r.text([bold("\"type\": \"summary\""), roman(" (last):")]);
    field(
        r,
        "bytes, files, dirs",
        "What was counted, as in -v's last line: hard links and repeated paths once. After a \
         cancel, what the walk had read so far.",
    );
    field(
        r,
        "errors",
        "How many messages made the run fail (exit status 1).",
    );
    field(
        r,
        "elapsed",
        "Seconds since the walk started, to the microsecond.",
    );
    field(r, "interrupted", "true when the run was cancelled.");
    para(
        r,
        "--json cannot be combined with -0 (JSON Lines end with a newline), with -h, --si, -k, \
         -m or -B unless a later option sets the unit back to bytes (JSON sizes are bytes), or \
         with --time-style (JSON times are seconds); each is a usage error.",
    );
}

fn ncdu_section(r: &mut Roff) {
    heading(r, "NCDU EXPORT");
    para(
        r,
        "With --ncdu-export=FILE, dug also writes the whole tree to FILE in ncdu's JSON export \
         format, version 1.2 (what ncdu -o writes; ncdu -f FILE and gdu -f FILE read it). It is \
         written as the walk goes, entry by entry in du's order, so it streams in little \
         memory. FILE is created, or emptied, before anything is walked; if it cannot be, dug \
         says so and exits with status 1. If writing it fails, dug says so at the end and \
         exits with status 1.",
    );
    para(
        r,
        "Sizes are du's: asize is the apparent size and dsize the disk usage (blocks of 512 \
         bytes), so the totals ncdu shows for the root are what du -sb and du -s -B1 print \
         with the same options. Every name of a file with several links carries ino, nlink \
         and hlnkc and the file's sizes, as ncdu writes it: ncdu counts such a file once in \
         each directory that holds a name of it, so the root's total is du's, while a \
         directory that holds a later name shows the file too (du counts it only where it \
         meets it first). With -l nothing is marked, and every name counts, as with du -l. \
         Under -L, an object met again keeps its name and no sizes (du counted it at another \
         path), and a directory that is its own ancestor is empty.",
    );
    para(
        r,
        "What du leaves out is marked as ncdu marks it: excluded \"pattern\" for --exclude \
         and -X, excluded \"otherfs\" for -x, read_error for an entry that could not be \
         stat'ed and for a directory that could not be read (with what could), notreg for \
         what is neither a file nor a directory. Options that change what du prints but not \
         what it counts (-a, -s, -d, -t, -S, -c, --time, the units) do not change the export: \
         it always holds the whole tree.",
    );
    para(
        r,
        "The export has one root, named by the operand's absolute path as ncdu names what it \
         scanned, so --ncdu-export takes a single operand (a root made up to hold several \
         would be a directory that does not exist); a root that is not a directory is written \
         as a directory with only its own sizes. With FILE -, standard output carries the \
         export and nothing else, as with ncdu -o -: du's records are not written, and --json \
         is a usage error. After a cancel, the export is closed so that it parses and holds \
         everything counted before the cancel; its format has no place to say it is partial \
         (the metadata comes first), so the cancel line and the exit status say so. A FILE \
         inside the tree is counted as it is when the walk meets it.",
    );
}

fn heading(r: &mut Roff, title: &str) {
    r.control("SH", [title]);
}

fn para(r: &mut Roff, text: &str) {
    r.control("PP", []);
    r.text([roman(text)]);
}

/// A tagged paragraph: a bold term, then its text indented below it.
fn item(r: &mut Roff, term: &str, text: &str) {
    r.control("TP", []);
    r.text([bold(term)]);
    r.text([roman(text)]);
}

/// An item for a JSON key: the key in italics.
fn field(r: &mut Roff, key: &str, text: &str) {
    r.control("TP", []);
    r.text([italic(key)]);
    r.text([roman(text)]);
}

/// A command line set as typed (no filling), then what it does.
fn example(r: &mut Roff, command: &str, text: &str) {
    r.control("PP", []);
    r.control("RS", ["4"]);
    r.control("nf", []);
    r.text([bold(command)]);
    r.control("fi", []);
    r.control("RE", []);
    r.control("RS", ["8"]);
    r.text([roman(text)]);
    r.control("RE", []);
}
