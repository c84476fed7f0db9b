//! Debian's ncdu reads the export: `ncdu -f FILE -o OUT` writes the same tree back, and under
//! tmux `ncdu -f FILE` opens on the root and lists its top directories.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::ncdu::{Export, Node, Value};
use crate::common::process::{Opts, Run, TIMEOUT, command_line, dug, run_with, wait_output};
use crate::common::tree::temp_root;
use crate::common::trees::mixed_tree;

/// `ncdu ARGS`, which must be installed (Debian package ncdu; .ci/run installs it).
fn ncdu(args: &[&OsStr], cwd: &Path) -> Run {
    let available = Command::new("ncdu")
        .arg("-v")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        available,
        "cannot run ncdu -v: install ncdu (Debian package ncdu; .ci/run installs it)"
    );
    run_with(OsStr::new("ncdu"), args, cwd, &Opts::default())
}

/// The tree as ncdu 1.18 writes it back: ncdu spells -x's mark "othfs" (it reads both).
fn normalized(node: &Node) -> Node {
    let fix = |info: &crate::common::ncdu::Info| {
        let mut info = info.clone();
        if info.get("excluded") == Some(&Value::Text(b"othfs".to_vec())) {
            info.insert("excluded".into(), Value::Text(b"otherfs".to_vec()));
        }
        info
    };
    match node {
        Node::Dir(info, children) => {
            Node::Dir(fix(info), children.iter().map(normalized).collect())
        }
        Node::Leaf(info) => Node::Leaf(fix(info)),
    }
}

#[test]
fn ncdu_reads_the_export_and_writes_the_same_tree_back() {
    let t = mixed_tree();
    let out = temp_root();
    let file = out.path().join("dug.json");
    let again = out.path().join("ncdu.json");
    for flags in [&["--exclude=sizes"][..], &["-L"], &["-l", "-a"]] {
        let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
        let option = format!("--ncdu-export={}", file.display());
        args.extend([OsStr::new(&option), OsStr::new(".")]);
        run_with(dug().as_os_str(), &args, t.path(), &Opts::default());
        let ours = Export::parse(&std::fs::read(&file).expect("the export"));
        let args = [OsStr::new("-0"), OsStr::new("-f"), file.as_os_str()];
        let run = ncdu(
            &[&args[..], &[OsStr::new("-o"), again.as_os_str()]].concat(),
            t.path(),
        );
        // -0: no progress on stderr. ncdu 1.18 says what it cannot read there and exits 0.
        assert_eq!(
            (run.status, String::from_utf8_lossy(&run.stderr).as_ref()),
            (0, ""),
            "ncdu -f rejected the export of {flags:?}"
        );
        let theirs = Export::parse(&std::fs::read(&again).expect("ncdu's export"));
        assert_eq!(
            theirs.metadata.get("progname"),
            Some(&Value::Text(b"ncdu".to_vec()))
        );
        assert!(
            normalized(&theirs.root) == ours.root,
            "ncdu wrote another tree back for {flags:?}"
        );
    }
}

/// A tmux server of its own (its own socket), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new() -> Tmux {
        Tmux {
            socket: format!("dug-test-{}", std::process::id()),
        }
    }

    /// `tmux -L SOCKET ARGS`, which must succeed; its standard output.
    fn run(&self, args: &[&str]) -> String {
        let run = self.try_run(args);
        assert_eq!(
            run.status,
            0,
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8_lossy(&run.stdout).into_owned()
    }

    /// `tmux -L SOCKET ARGS`.
    fn try_run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let what = command_line(OsStr::new("tmux"), args);
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run tmux (Debian package tmux): {e}"));
        wait_output(child, TIMEOUT, &what)
    }

    /// The screen, once `ready` says it is what the test waits for; fails after a while.
    fn screen_when(&self, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "ncdu"]);
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "ncdu never showed it; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .stderr(Stdio::null())
            .status();
    }
}

#[test]
fn ncdu_opens_the_export_on_its_top_directories() {
    let t = mixed_tree();
    let out = temp_root();
    let file = out.path().join("dug.json");
    let option = format!("--ncdu-export={}", file.display());
    let run = run_with(
        dug().as_os_str(),
        &[option.as_str(), "-s", "."],
        t.path(),
        &Opts::default(),
    );
    assert_eq!(run.status, 0, "{}", String::from_utf8_lossy(&run.stderr));
    let tmux = Tmux::new();
    let shell = format!("ncdu -f '{}'", file.display());
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "ncdu",
        "-x",
        "150",
        "-y",
        "40",
        &shell,
    ]);
    let screen = tmux.screen_when(|s| s.contains("/ln") && s.contains("Total disk usage"));
    let root = format!("--- {} ", t.path().display());
    assert!(screen.contains(&root), "no root line {root:?}:\n{screen}");
    for dir in ["/sz", "/ln", "/nm"] {
        assert!(screen.contains(dir), "{dir} missing:\n{screen}");
    }
    assert!(screen.contains("[imported]"), "{screen}");
    tmux.run(&["send-keys", "-t", "ncdu", "q"]);
    let deadline = Instant::now() + TIMEOUT;
    // The session ends with ncdu (and the server with its last session).
    while tmux.try_run(&["has-session", "-t", "ncdu"]).status == 0 {
        assert!(Instant::now() < deadline, "ncdu did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    }
}
