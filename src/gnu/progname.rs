//! The name du calls itself by: argv[0] as invoked (gnulib's `set_program_name`), so that
//! `/tmp/mydu /x` says `/tmp/mydu: cannot access '/x': …` and dug installed as `du` says `du:`.
//! dug's fixed name (`error::PROGRAM`, du.c's PROGRAM_NAME) is for --version and the manual.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;

/// argv[0], and the name the messages use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// argv[0] exactly: glibc's getopt names the program so in its complaints.
    argv0: OsString,
    /// `program_name`: argv[0], or its last part when a libtool wrapper ran it from a
    /// `/.libs/` directory (and without that part's `lt-` prefix).
    name: OsString,
}

impl Program {
    /// The program as `argv0` names it, with gnulib's `set_program_name` rule.
    pub fn new(argv0: impl Into<OsString>) -> Program {
        let argv0 = argv0.into();
        let bytes = argv0.as_bytes();
        let base_at = bytes.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
        let name = if base_at >= 7 && &bytes[base_at - 7..base_at] == b"/.libs/" {
            let base = &bytes[base_at..];
            base.strip_prefix(b"lt-").unwrap_or(base)
        } else {
            bytes
        };
        Program {
            name: OsStr::from_bytes(name).to_os_string(),
            argv0,
        }
    }

    /// What du's `error()` and usage lines call it (`program_name`).
    pub fn name(&self) -> &[u8] {
        self.name.as_bytes()
    }

    /// argv[0] as it was, for getopt's complaints.
    pub fn argv0(&self) -> &[u8] {
        self.argv0.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(argv0: &str) -> (String, String) {
        let p = Program::new(argv0);
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("UTF-8");
        (text(p.name()), text(p.argv0()))
    }

    #[test]
    fn the_name_is_argv0_as_invoked() {
        for argv0 in [
            "du",
            "dug",
            "/tmp/mydu",
            "./du",
            "",
            "a/b/",
            "lt-du",
            "x/libs/lt-du",
        ] {
            assert_eq!(named(argv0), (argv0.to_owned(), argv0.to_owned()));
        }
    }

    #[test]
    fn libtool_wrappers_lose_their_directory_and_prefix() {
        let strip = |argv0: &str, name: &str| assert_eq!(named(argv0), (name.into(), argv0.into()));
        strip("/tmp/pn/.libs/lt-du", "du");
        strip("/tmp/pn/.libs/du", "du");
        strip("x/.libs/lt-", "");
        // The rule wants "/.libs/" whole: a relative ".libs/lt-du" stays as it is.
        strip(".libs/lt-du", ".libs/lt-du");
    }

    #[test]
    fn any_bytes() {
        let p = Program::new(OsStr::from_bytes(b"/t/d\xe9"));
        assert_eq!(p.name(), b"/t/d\xe9");
    }
}
