//! Who a program runs as: root (CI) or not, nobody through setpriv for the permission tests
//! (root reads everything), a copy of the program that nobody can reach (or one invoked by a
//! name of its own), and a private mount namespace for the tests that mount something.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use super::tree::temp_root;

/// The unprivileged user and group permission tests run as (nobody/nogroup).
const NOBODY: u32 = 65534;

/// Whether the tests run as root, as CI does.
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Fails the test unless it runs as root: `why` says what it needs root for. The tests that
/// call it are `#[ignore]`d for everyone else, and `.ci/run` (root) runs them; this keeps an
/// explicit `--include-ignored` by an ordinary user from passing them without testing anything.
pub fn require_root(why: &str) {
    assert!(
        is_root(),
        "this test needs root ({why}); CI runs it as root"
    );
}

/// `setpriv` running `line` (a program and its first arguments) as nobody, with no
/// supplementary groups. Only root may do this.
pub fn as_nobody(line: &[&OsStr]) -> Command {
    let mut cmd = Command::new("setpriv");
    cmd.arg(format!("--reuid={NOBODY}"))
        .arg(format!("--regid={NOBODY}"))
        .arg("--clear-groups")
        .args(line);
    cmd
}

/// The program as nobody can run it: itself when every directory above it is searchable by
/// others, else a copy in a temp dir that lives as long as this value (a CI clone may sit
/// under a private directory). Or, from `named`, the program under a name of its own.
pub struct Staged {
    /// Where nobody can run the program from (for `named`, the bare name, found on PATH).
    pub path: PathBuf,
    /// The directory to search first on PATH, for `named`.
    search: Option<PathBuf>,
    _dir: Option<TempDir>,
}

impl Staged {
    /// `prog` itself, or a copy nobody can run.
    pub fn new(prog: &OsStr) -> Staged {
        let path = PathBuf::from(prog);
        if !path.is_absolute() || is_reachable_by_others(&path) {
            return Staged {
                path,
                search: None,
                _dir: None,
            };
        }
        let dir = temp_root();
        let copy = dir
            .path()
            .join(path.file_name().expect("a program has a file name"));
        fs::copy(&path, &copy).unwrap_or_else(|e| panic!("copy {path:?} for nobody: {e}"));
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).expect("chmod the copy");
        Staged {
            path: copy,
            search: None,
            _dir: Some(dir),
        }
    }

    /// `prog` run as `name` (argv[0] exactly `name`) by anything that execs it through PATH,
    /// setpriv and `exec "$@"` included: a temp dir that holds `name`, a link to `prog` (a
    /// copy when nobody cannot reach it), to be searched first on PATH.
    pub fn named(prog: &OsStr, name: &str) -> Staged {
        let path = Path::new(prog);
        let dir = temp_root();
        let staged = dir.path().join(name);
        if is_reachable_by_others(path) {
            symlink(path, &staged).unwrap_or_else(|e| panic!("link {path:?} as {name}: {e}"));
        } else {
            fs::copy(path, &staged).unwrap_or_else(|e| panic!("copy {path:?} as {name}: {e}"));
            fs::set_permissions(&staged, fs::Permissions::from_mode(0o755))
                .expect("chmod the copy");
        }
        Staged {
            path: PathBuf::from(name),
            search: Some(dir.path().to_path_buf()),
            _dir: Some(dir),
        }
    }

    /// PATH with the staging directory first, for a program staged by `named`.
    pub fn search_path(&self) -> Option<OsString> {
        let dir = self.search.as_ref()?;
        let mut path = dir.as_os_str().to_os_string();
        if let Some(rest) = std::env::var_os("PATH") {
            path.push(":");
            path.push(rest);
        }
        Some(path)
    }
}

fn is_reachable_by_others(path: &Path) -> bool {
    let executable = |p: &Path| {
        fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o001 != 0)
            .unwrap_or(false)
    };
    path.ancestors().all(executable)
}

/// `unshare -m sh -c SCRIPT sh` as a wrapper (see `Opts::wrapper`): a private mount namespace,
/// in a user namespace of its own (`-r`) when not root, so that what `script` mounts goes
/// away with the process whatever happens. `script` ends with `exec "$@"`.
pub fn mount_namespace(script: &str) -> Vec<OsString> {
    let mut wrapper: Vec<OsString> = vec!["unshare".into()];
    if !is_root() {
        wrapper.push("-r".into());
    }
    wrapper.extend(["-m", "sh", "-c", script, "sh"].map(OsString::from));
    wrapper
}
