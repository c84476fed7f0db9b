//! du in French, du against dug byte for byte (stdout, stderr, exit status) in "C",
//! fr_FR.UTF-8 and fr_FR.ISO-8859-1: the decimal point of -h and --si and the digit grouping of
//! a `'` block size (from localeconv), and every message in coreutils' and glibc's French
//! catalogs (through gettext, converted to Latin-1 in the Latin-1 locale), --help included.
//!
//! The locales are built with localedef into a temporary directory named by LOCPATH; the
//! catalogs are the system's (/usr/share/locale/fr/LC_MESSAGES). Each French case also checks
//! a French word in du's output, so that a missing catalog or locale cannot pass as a match
//! of two English outputs.

use std::path::Path;

use crate::common::oracle::{as_du, run_du, run_dug_as_du};
use crate::common::privilege::mount_namespace;
use crate::common::process::{Opts, Run, run_with};
use crate::common::report::difference_report;
use crate::common::tree::{Tree, temp_root};
use crate::latin1::build_locale;

/// French in UTF-8.
const FR_UTF8: &str = "fr_FR.UTF-8";
/// French in Latin-1.
const FR_LATIN1: &str = "fr_FR.ISO-8859-1";

/// The French catalogs these tests read: du's words from coreutils', getopt's and strerror's
/// from glibc's.
const CATALOGS: [&str; 2] = [
    "/usr/share/locale/fr/LC_MESSAGES/coreutils.mo",
    "/usr/share/locale/fr/LC_MESSAGES/libc.mo",
];

/// The French locales, built for one test, and the options that run a program in each.
pub struct Locales {
    dir: tempfile::TempDir,
}

impl Locales {
    /// Builds fr_FR.UTF-8 and fr_FR.ISO-8859-1 in a directory nobody can read too.
    pub fn build() -> Locales {
        for catalog in CATALOGS {
            assert!(
                Path::new(catalog).is_file(),
                "{catalog} is missing: these tests compare du's French messages with dug's \
                 (Debian: coreutils ships the first, libc-l10n the second)"
            );
        }
        let dir = temp_root();
        build_locale(dir.path(), FR_UTF8, "fr_FR", "UTF-8");
        build_locale(dir.path(), FR_LATIN1, "fr_FR", "ISO-8859-1");
        Locales { dir }
    }

    /// Options for a run in `locale`, with LOCPATH naming the built locales.
    pub fn opts(&self, locale: &'static str) -> Opts {
        Opts {
            locale,
            ..Opts::default()
        }
        .with_env("LOCPATH", self.dir.path())
    }

    /// The options for "C" and each French locale, with the locale's name.
    fn all(&self) -> [(&'static str, Opts); 3] {
        ["C", FR_UTF8, FR_LATIN1].map(|locale| (locale, self.opts(locale)))
    }
}

/// Runs du and dug (as `du`) alike and fails unless their stdout, stderr and status are the
/// same bytes; returns du's run.
fn same(args: &[&str], cwd: &Path, opts: &Opts) -> Run {
    let du = run_du(args, cwd, opts);
    let dug = run_dug_as_du(args, cwd, opts);
    assert!(
        du == dug,
        "{}",
        difference_report(args, cwd, opts, &du, &dug)
    );
    du
}

/// The output as text, whatever its codeset (Latin-1 bytes shown as U+FFFD).
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Files of the sizes the issue names: 8,500 bytes (`8,4K`), 16 KiB (`16 384`), 1,023 bytes
/// (grouped by `-B"'h"`).
fn sizes_tree() -> Tree {
    let t = Tree::new();
    t.file("f8500", 8500)
        .file("f16k", 16384)
        .file("d/f1023", 1023);
    t
}

#[test]
fn sizes_take_the_locale_s_decimal_point_and_grouping() {
    let locales = Locales::build();
    let t = sizes_tree();
    let cases: &[&[&str]] = &[
        &["-h", "--apparent-size", "f8500"],
        &["--si", "--apparent-size", "f8500"],
        &["--block-size='1", "--apparent-size", "f16k"],
        &["-B'1", "-c", "--apparent-size", "f16k", "f8500"],
        &["-B'h", "-a", "--apparent-size", "d"],
        &["-h", "-a", "-c", "."],
        &["--si", "-s", "--apparent-size", "."],
        &["--inodes", "-B'1", "-c", "."],
    ];
    for (locale, opts) in locales.all() {
        for args in cases {
            same(args, t.path(), &opts);
        }
        let env = opts.clone().with_env("BLOCK_SIZE", "'1");
        same(&["-s", "--apparent-size", "f16k"], t.path(), &env);
        let show = |args: &[&str], opts: &Opts| run_du(args, t.path(), opts).stdout;
        let (human, grouped) = (
            show(cases[0], &opts),
            show(&["-s", "--apparent-size", "f16k"], &env),
        );
        let (point, thousands): (&[u8], &[u8]) = match locale {
            FR_UTF8 => (b"8,4K\tf8500\n", "16\u{202f}384\tf16k\n".as_bytes()),
            FR_LATIN1 => (b"8,4K\tf8500\n", b"16\xa0384\tf16k\n"),
            _ => (b"8.4K\tf8500\n", b"16384\tf16k\n"),
        };
        assert_eq!(
            (human.as_slice(), grouped.as_slice()),
            (point, thousands),
            "{locale}"
        );
    }
}

#[test]
fn usage_errors_in_the_locale_s_words() {
    let locales = Locales::build();
    let t = sizes_tree();
    std::fs::write(t.join("list"), b"f8500\0\0d\0").expect("write a --files0-from list");
    let cases: &[&[&str]] = &[
        &["--bogus"],
        &["--ti"],
        &["--time=x"],
        &["--time", "--time-style=x"],
        &["-d", "x"],
        &["-B", "x"],
        &["-B", "1Q"],
        &["--block-size=1Q"],
        &["-t", "99999999999999999999"],
        &["-t", "-0"],
        &["--all=3"],
        &["--max"],
        &["-q"],
        &["-d"],
        &["-s", "-d", "1"],
        &["-s", "-d", "0", "f8500"],
        &["-a", "-s"],
        &["--inodes", "--apparent-size", "f8500"],
        &["--files0-from=nope"],
        &["--files0-from=list", "x"],
        &["--files0-from=list"],
        &["-X", "nope", "f8500"],
    ];
    for (locale, opts) in locales.all() {
        for args in cases {
            same(args, t.path(), &opts);
        }
        // A file name read from stdin may not be `-`.
        same(
            &["--files0-from=-"],
            t.path(),
            &opts.clone().with_stdin(b"-\0"),
        );
        let stderr = text(&same(&["--bogus", "-d", "x", "--time=y"], t.path(), &opts).stderr);
        let words = [
            "option non reconnue",
            "profondeur maximale",
            "Les arguments valables sont",
            "Saisissez",
        ];
        for word in words {
            assert_eq!(stderr.contains(word), locale != "C", "{locale}: {stderr}");
        }
    }
}

#[test]
fn walk_errors_in_the_locale_s_words() {
    let locales = Locales::build();
    let t = sizes_tree();
    t.file("locked/x", 10).chmod("locked", 0o000);
    let missing_args = ["f8500", "missing", "/nonexistent/\u{e9}"];
    for (locale, opts) in locales.all() {
        let missing = same(&missing_args, t.path(), &opts);
        let nobody = Opts {
            as_nobody: true,
            ..opts.clone()
        };
        let unreadable = same(&["-a", "."], t.path(), &nobody);
        let full = Opts {
            wrapper: ["sh", "-c", "exec \"$@\" >/dev/full", "sh"]
                .map(Into::into)
                .to_vec(),
            ..opts
        };
        let write_error = same(&["-a", "f8500", "d"], t.path(), &full);
        assert_eq!((missing.status, write_error.status), (1, 1), "{locale}");
        let stderr = text(&[missing.stderr, unreadable.stderr, write_error.stderr].concat());
        // "Permission non accordée" is Latin-1 in the Latin-1 locale: strerror's own bytes.
        let words = [
            "impossible d'acc",
            "impossible de lire le r",
            "Permission non accord",
            "erreur d",
        ];
        for word in words {
            assert_eq!(stderr.contains(word), locale != "C", "{locale}: {stderr}");
        }
    }
}

/// du's `time %s is out of range` needs a time localtime cannot break down, which only a file
/// system with 64-bit seconds stores (tmpfs, mounted in a namespace of the run's own).
#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn a_time_out_of_range_in_the_locale_s_words() {
    let locales = Locales::build();
    let t = Tree::new();
    t.dir("shm");
    let script = r#"mount -t tmpfs tmpfs shm && touch -d @67768036191676800 shm/f && exec "$@""#;
    for (locale, opts) in locales.all() {
        let opts = Opts {
            wrapper: mount_namespace(script),
            ..opts
        };
        let run = same(&["--time", "-a", "shm"], t.path(), &opts);
        let stderr = text(&run.stderr);
        assert!(stderr.contains("67768036191676800"), "{locale}: {stderr}");
        assert_eq!(
            stderr.contains("hors limite"),
            locale != "C",
            "{locale}: {stderr}"
        );
    }
}

/// --help is du's, piece for piece in the locale's words, up to du's last option; dug's own
/// options and notes (English) follow, then du's notes on sizes, translated; --version is
/// dug's own in every locale.
#[test]
fn help_is_du_s_translated_and_version_dug_s() {
    let locales = Locales::build();
    let cwd = Path::new("/");
    let c_version = run_with(
        crate::common::process::dug().as_os_str(),
        &["--version"],
        cwd,
        &Opts::default(),
    );
    for (locale, opts) in locales.all() {
        let du = run_du(&["--help"], cwd, &opts);
        let dug = run_dug_as_du(&["--help"], cwd, &opts);
        assert_eq!((du.status, dug.status), (0, 0), "{locale}");
        assert!(dug.stderr.is_empty(), "{locale}");
        // du's options end with --version's line, the 9th piece after the three before them.
        let version_line = du
            .stdout
            .windows(11)
            .position(|w| w == b"--version  ")
            .expect("du's --version line");
        let end = version_line
            + du.stdout[version_line..]
                .iter()
                .position(|&b| b == b'\n')
                .expect("a newline")
            + 1;
        assert_eq!(
            text(&dug.stdout[..end]),
            text(&du.stdout[..end]),
            "{locale}: du's part of --help"
        );
        // emit_blocksize_note and emit_size_note: from there to the blank line before the
        // line that gives coreutils' web page.
        let tail = &du.stdout[end..];
        let url = tail
            .windows(21)
            .position(|w| w == b"software/coreutils/>\n")
            .expect("du's ancillary lines");
        let notes_end = tail[..url]
            .iter()
            .rposition(|&b| b == b'\n')
            .expect("a blank line");
        let notes = &tail[..notes_end];
        assert!(
            dug.stdout.windows(notes.len()).any(|w| w == notes),
            "{locale}: dug's --help lacks du's notes {:?}",
            text(notes)
        );
        let own = text(&dug.stdout);
        assert!(own.contains("dug's own options") && own.ends_with("man dug\n"));
        assert_eq!(own.contains("Utilisation"), locale != "C", "{locale}");
        let version = run_with(
            crate::common::process::dug().as_os_str(),
            &["--version"],
            cwd,
            &as_du(&opts),
        );
        assert_eq!(version, c_version, "{locale}");
    }
}
