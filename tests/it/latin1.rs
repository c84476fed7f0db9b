//! Diagnostics in chosen locales, du against dug: a Latin-1 locale built with localedef (where
//! du prints `é` as it is), and the settings `setlocale(LC_ALL, "")` resolves (LC_ALL, LC_*,
//! LANG, LOCPATH, aliases, broken and partial locales), with the quoting each one leads to.
//!
//! Both programs call the same C library, so each case compares du's and dug's standard output,
//! standard error and exit status byte for byte (dug invoked as `du`), and checks the quotation
//! marks the locale gives (`‘x’` in UTF-8, `'x'` otherwise). The locales are built in a
//! temporary directory named by LOCPATH; nothing on the system changes.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::oracle::{DU, require_du};

/// The names every case quotes: Latin-1 `é`, UTF-8 `é`, a control character, a Latin-1 C1
/// control and no-break space, and a `'`.
const NAMES: &[&[u8]] = &[
    b"\xe9",
    "é".as_bytes(),
    b"a\x01b",
    b"\x85",
    b"\xa0",
    b"a'\xe9",
];

/// The three quoting styles du uses, each with a name in it: `quoteaf` (an operand it cannot
/// access), `quotef` (-X's file) and `quote` (-d's argument).
fn commands(name: &[u8]) -> Vec<Vec<Vec<u8>>> {
    let missing = [b"/nonexistent/".as_slice(), name].concat();
    vec![
        vec![b"--".to_vec(), missing.clone()],
        vec![b"-X".to_vec(), missing],
        vec![b"-d".to_vec(), name.to_vec(), b"/dev/null".to_vec()],
    ]
}

/// Builds the locale `input` with `charmap` (localedef's -i and -f) as `dir/name`.
pub fn build_locale(dir: &Path, name: &str, input: &str, charmap: &str) {
    std::fs::create_dir_all(dir).expect("make the locale directory");
    let out = Command::new("localedef")
        .args(["-i", input, "-f", charmap])
        .arg(dir.join(name))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "localedef cannot run ({e}): these tests build their locales with it; install \
                 it (Debian: apt-get install locales, for localedef and its locale sources)"
            )
        });
    assert!(
        out.status.success() && dir.join(name).join("LC_CTYPE").is_file(),
        "`localedef -i {input} -f {charmap} {}` failed ({}): {}",
        dir.join(name).display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Copies the locale directory `from` to `to` (its files and LC_MESSAGES/).
fn copy_locale(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("LC_MESSAGES")).expect("make a locale directory");
    for entry in walk(from) {
        let relative = entry.strip_prefix(from).expect("a path under the locale");
        std::fs::copy(&entry, to.join(relative)).expect("copy a locale file");
    }
}

/// The files under `dir`, one level of subdirectories deep (a locale's layout).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read a locale directory") {
        let path = entry.expect("read a locale directory").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Runs `program` invoked as `du` with `args` in an environment of PATH and `vars` only.
fn run(program: &OsStr, args: &[Vec<u8>], vars: &[(&str, &OsStr)]) -> Output {
    let mut command = Command::new(program);
    command.arg0(DU);
    command.args(args.iter().map(|a| OsStr::from_bytes(a)));
    command.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    for (key, value) in vars {
        command.env(key, value);
    }
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program:?}: {e}"))
}

/// Runs du and dug with `args` in the environment `vars`, asserts that they agree, and returns
/// du's standard error.
fn compare(args: &[Vec<u8>], vars: &[(&str, &OsStr)]) -> Vec<u8> {
    let du = run(OsStr::new(DU), args, vars);
    let dug = run(OsStr::new(env!("CARGO_BIN_EXE_dug")), args, vars);
    let shown = |out: &Output| {
        format!(
            "status {}, stdout {:?}, stderr {:?}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let same =
        du.stdout == dug.stdout && du.stderr == dug.stderr && du.status.code() == dug.status.code();
    assert!(
        same,
        "du {:?} with {vars:?}:\n  du:  {}\n  dug: {}",
        args.iter()
            .map(|a| String::from_utf8_lossy(a))
            .collect::<Vec<_>>(),
        shown(&du),
        shown(&dug)
    );
    du.stderr
}

/// Compares du and dug on every name in every style with `vars`, and returns whether the
/// quotation marks were UTF-8's (from `-d`'s message).
fn compare_all(vars: &[(&str, &OsStr)]) -> bool {
    let mut utf8_marks = None;
    for name in NAMES {
        for args in commands(name) {
            let stderr = compare(&args, vars);
            if args[0] == b"-d" {
                let found = stderr.windows(3).any(|w| w == "‘".as_bytes());
                assert!(utf8_marks.is_none_or(|m| m == found), "{vars:?}");
                utf8_marks = Some(found);
            }
        }
    }
    utf8_marks.expect("-d was run")
}

/// The marks a case must give: true for UTF-8's.
const UTF8: bool = true;
/// The marks a case must give: false for `'x'`.
const OTHER: bool = false;

/// Asserts that each case (environment, marks) gives du's output and those marks.
fn check_cases(cases: &[(Vec<(&str, &OsStr)>, bool)]) {
    for (vars, marks) in cases {
        assert_eq!(compare_all(vars), *marks, "marks with {vars:?}");
    }
}

/// `s` as an environment value.
fn v(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// The case the issue asks for: in a Latin-1 locale `é` (byte 0xe9) is printable, so du quotes
/// it as it is in every style, where C and C.UTF-8 escape it as `\351`.
#[test]
fn latin1_prints_e_acute_raw_as_du() {
    require_du();
    let t = tempfile::tempdir().expect("a temporary directory");
    build_locale(t.path(), "en_US.ISO-8859-1", "en_US", "ISO-8859-1");
    let locpath = t.path().as_os_str();
    let latin1 = [("LOCPATH", locpath), ("LC_ALL", v("en_US.ISO-8859-1"))];
    assert_eq!(compare_all(&latin1), OTHER);
    let access = commands(b"\xe9").remove(0);
    let stderr = compare(&access, &latin1);
    assert!(
        stderr.starts_with(b"du: cannot access '/nonexistent/\xe9': "),
        "{stderr:?}"
    );
    for locale in ["C", "C.UTF-8"] {
        let vars = [("LOCPATH", locpath), ("LC_ALL", v(locale))];
        assert_eq!(compare_all(&vars), locale == "C.UTF-8");
        let stderr = compare(&access, &vars);
        assert!(
            stderr.starts_with(br"du: cannot access '/nonexistent/'$'\351': "),
            "{locale}: {stderr:?}"
        );
    }
}

/// Which variable names the locale of each category: LC_ALL, else LC_<category>, else LANG
/// (an empty one does not count); one category that cannot load leaves everything in "C".
#[test]
fn the_variables_that_name_the_locale() {
    require_du();
    let missing = v("xx_YY.UTF-8");
    check_cases(&[
        (vec![], OTHER),
        (vec![("LANG", v("C"))], OTHER),
        (vec![("LC_ALL", v("POSIX")), ("LANG", v("C.UTF-8"))], OTHER),
        (vec![("LANG", missing)], OTHER),
        (vec![("LANG", v("C.UTF-8"))], UTF8),
        (vec![("LANG", v("C.UTF-8")), ("LC_TIME", missing)], OTHER),
        (vec![("LANG", missing), ("LC_CTYPE", v("C.UTF-8"))], OTHER),
        (
            vec![
                ("LC_ALL", v("C.UTF-8")),
                ("LANG", v("C.UTF-8")),
                ("LC_TIME", v("xx")),
            ],
            UTF8,
        ),
        (vec![("LC_CTYPE", v("C.UTF-8")), ("LANG", v("C"))], UTF8),
        (
            vec![("LC_CTYPE", v("POSIX")), ("LANG", v("C.UTF-8"))],
            OTHER,
        ),
        (vec![("LC_MESSAGES", v("C.UTF-8"))], OTHER),
        (
            vec![
                ("LC_ALL", v("")),
                ("LC_CTYPE", v("")),
                ("LANG", v("C.UTF-8")),
            ],
            UTF8,
        ),
    ]);
}

/// Locales found through LOCPATH (searched before the default directory, whose C.utf8 is still
/// found), with fallbacks that drop the modifier, territory and codeset of a name but keep a
/// named codeset to match; a locale missing a category, or with a broken one found nowhere
/// else, does not load.
#[test]
fn locpath_partial_and_other_codesets() {
    require_du();
    let t = tempfile::tempdir().expect("a temporary directory");
    let (locales, broken) = (t.path().join("locales"), t.path().join("broken"));
    build_locale(&locales, "utf", "C", "UTF-8");
    build_locale(&locales, "lat", "en_US", "ISO-8859-1");
    copy_locale(&locales.join("utf"), &locales.join("part"));
    std::fs::remove_file(locales.join("part/LC_TIME")).expect("drop a category");
    copy_locale(&locales.join("utf"), &locales.join("we.ird"));
    copy_locale(&locales.join("utf"), &locales.join("bad"));
    std::fs::write(locales.join("bad/LC_NAME"), b"junk").expect("break a category");
    copy_locale(&locales.join("bad"), &broken.join("C.utf8"));
    let at = |name: &'static str| vec![("LOCPATH", locales.as_os_str()), ("LANG", v(name))];
    let with = |name, (key, value)| {
        let mut vars = at(name);
        vars.push((key, value));
        vars
    };
    check_cases(&[
        (vec![("LANG", v("utf"))], OTHER),
        (at("utf"), UTF8),
        (at("utf_QQ.UTF-8@m"), UTF8),
        (at("utf.ISO-8859-1"), OTHER),
        (
            vec![("LOCPATH", v("/nonexistent")), ("LANG", v("C.UTF-8"))],
            UTF8,
        ),
        (at("part"), OTHER),
        (with("C", ("LC_CTYPE", v("part"))), UTF8),
        (at("lat"), OTHER),
        (with("lat.UTF-8", ("LC_CTYPE", v("C.UTF-8"))), OTHER),
        (with("lat.ISO-8859-1", ("LC_CTYPE", v("C.UTF-8"))), UTF8),
        (with("lat.iso88591", ("LC_CTYPE", v("C.UTF-8"))), UTF8),
        (at("we.ird"), OTHER),
        (at("C."), OTHER),
        (at("bad"), OTHER),
        // A broken file in LOCPATH gives way to the same one in the default directory.
        (
            vec![("LOCPATH", broken.as_os_str()), ("LANG", v("C.UTF-8"))],
            UTF8,
        ),
    ]);
}

/// Names from the C library's alias table (`french` is fr_FR.ISO-8859-1 there, matched without
/// regard to case), looked up through LOCPATH as any other name.
#[test]
fn aliases_of_the_system_table() {
    require_du();
    let table = std::fs::read("/usr/share/locale/locale.alias").unwrap_or_default();
    assert!(
        table
            .split(|&b| b == b'\n')
            .any(|line| line.starts_with(b"french") && line.ends_with(b"fr_FR.ISO-8859-1")),
        "this test needs glibc's alias table with `french fr_FR.ISO-8859-1` in \
         /usr/share/locale/locale.alias (Debian: apt-get install locales)"
    );
    let t = tempfile::tempdir().expect("a temporary directory");
    // The English messages keep du's words dug's: coreutils may have a French catalog.
    build_locale(t.path(), "fr_FR.ISO-8859-1", "en_US", "ISO-8859-1");
    let locpath = t.path().as_os_str();
    for alias in ["french", "FRENCH"] {
        let vars = [
            ("LOCPATH", locpath),
            ("LANG", v(alias)),
            ("LC_MESSAGES", v("C")),
        ];
        assert!(!compare_all(&vars), "{alias}");
        let stderr = compare(&commands(b"\xe9").remove(0), &vars);
        assert!(
            stderr.starts_with(b"du: cannot access '/nonexistent/\xe9': "),
            "{alias}: {stderr:?}"
        );
    }
}

/// Names looked up in the system's locale archive (its entries under normalised names, with no
/// fallbacks, and not read at all when LOCPATH is set). glibc reads only
/// /usr/lib/locale/locale-archive, which a test cannot replace, so these compare du and dug on
/// whatever it holds (with English messages, which dug has, where a German locale loads).
#[test]
fn locale_archive_names_as_du() {
    require_du();
    let lang = |name| vec![("LANG", v(name))];
    for vars in [
        lang("en_US.UTF-8"),
        lang("en_US.utf8"),
        lang("en_US"),
        lang("en_US.UTF-8@euro"),
        vec![
            ("LANG", v("de_DE")),
            ("LC_CTYPE", v("en_US.UTF-8")),
            ("LC_MESSAGES", v("C")),
        ],
        vec![
            ("LANG", v("en_US.UTF-8")),
            ("LC_CTYPE", v("de_DE")),
            ("LC_MESSAGES", v("C")),
        ],
        vec![("LANG", v("en_US.UTF-8")), ("LOCPATH", v("/x"))],
    ] {
        compare_all(&vars);
    }
}
