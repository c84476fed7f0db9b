//! Cancelling and drawing on a terminal: a keypress cancels and the terminal's settings come
//! back, a second Ctrl-C ends a dug blocked on its output, progress redraws in place and is
//! gone at the end, keys are left to the reader of a pipe, an error mid-run leaves clean
//! lines, and a terminal that gave the names is not watched for keys.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;

use rustix::process::{Pid, Signal};

use crate::common::tree::Tree;
use crate::pty;
use crate::slow_tree::{SlowTree, full_output};
use crate::{has_tick, wait_for};

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn a_keypress_cancels_and_the_terminal_is_restored() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let mut session = pty::start(&["-v", "-a", "tree"], &t.mnt());
    let before = session.before.clone();
    let mut seen = Vec::new();
    session.read_until(&mut seen, has_tick);
    // While dug runs, the terminal is in non-canonical, no-echo mode for the keypress.
    let during = pty::settings(&session.tty);
    assert_ne!(
        during, before,
        "dug did not set up the terminal for a keypress"
    );
    session.writer.write_all(b"q").expect("press a key");
    session.writer.flush().expect("flush the key");
    let code = session.wait(&mut seen);
    assert_eq!(code, 130, "{:?}", String::from_utf8_lossy(&seen));
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "terminal settings changed"
    );
    let screen = pty::screen(&seen);
    let (last, records) = screen.split_last().expect("something on the screen");
    assert!(
        last.starts_with("dug: interrupted after ") && last.contains("(partial)"),
        "{screen:#?}"
    );
    let full_lines: Vec<String> = String::from_utf8_lossy(&full.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(
        records.len() < full_lines.len() && full_lines.starts_with(records),
        "the screen holds other than a prefix of the records: {screen:#?}"
    );
}

/// The first field of /proc/PID/syscall: the number of the system call the process's main
/// thread is blocked in (or "running").
fn blocked_syscall(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/syscall"))
        .unwrap_or_default()
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Whether SIGINT is still pending for process `pid` (sent, not yet handled).
fn sigint_pending(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read status");
    let sigint = 1u64 << (Signal::INT.as_raw() - 1);
    status
        .lines()
        .filter_map(|l| {
            l.strip_prefix("ShdPnd:")
                .or_else(|| l.strip_prefix("SigPnd:"))
        })
        .any(|mask| u64::from_str_radix(mask.trim(), 16).expect("a hex mask") & sigint != 0)
}

/// A second Ctrl-C ends dug at once, even when the first cannot (dug is blocked writing to a
/// terminal nobody reads, so it never gets back to the done flag), and puts the terminal back
/// first.
#[test]
fn a_second_ctrl_c_ends_dug_at_once_and_restores_the_terminal() {
    let t = Tree::new();
    // About 550 KB of records: far more than a terminal buffers.
    for i in 0..5000 {
        t.file(format!("{}{i:04}", "n".repeat(100)), 0);
    }
    let mut session = pty::start_unread(&["-a", "."], t.path());
    let pid = session.child.id();
    let write = libc::SYS_write.to_string();
    wait_for("dug blocked writing its records", || {
        blocked_syscall(pid) == write
    });
    assert_ne!(
        pty::settings(&session.tty),
        session.before,
        "dug did not set up the terminal for a keypress"
    );
    rustix::process::kill_process(Pid::from_raw(pid as i32).expect("a pid"), Signal::INT)
        .expect("first Ctrl-C");
    wait_for("the first SIGINT handled", || !sigint_pending(pid));
    assert!(
        session.child.try_wait().expect("poll dug").is_none(),
        "a blocked dug ended at the first Ctrl-C"
    );
    rustix::process::kill_process(Pid::from_raw(pid as i32).expect("a pid"), Signal::INT)
        .expect("second Ctrl-C");
    session.start_reading();
    let mut seen = Vec::new();
    let status = session.wait_status(&mut seen);
    assert_eq!(status.signal(), Some(Signal::INT.as_raw()), "{status:?}");
    assert_eq!(
        pty::settings(&session.tty),
        session.before,
        "terminal settings changed"
    );
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn progress_redraws_in_place_and_is_gone_at_the_end() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let mut session = pty::start(&["-v", "-a", "tree"], &t.mnt());
    let before = session.before.clone();
    let mut seen = Vec::new();
    let code = session.wait(&mut seen);
    assert_eq!(code, 0, "{:?}", String::from_utf8_lossy(&seen));
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "terminal settings changed"
    );
    assert!(
        seen.windows(6).any(|w| w == b"\rdug: ") && has_tick(&seen),
        "no status line drawn: {:?}",
        String::from_utf8_lossy(&seen)
    );
    // On the screen: every record, then the final line, and no trace of a status line.
    let screen = pty::screen(&seen);
    let (last, records) = screen.split_last().expect("something on the screen");
    assert!(
        last.starts_with("dug: 600 files, 21 dirs, ") && last.ends_with(" s"),
        "{screen:#?}"
    );
    let full_lines: Vec<String> = String::from_utf8_lossy(&full.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(records, full_lines.as_slice(), "debris on the screen");
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn keys_are_left_to_the_reader_of_a_pipe() {
    // In `dug | less` the keyboard belongs to less: dug must neither take keys nor change the
    // terminal's settings under it.
    let t = SlowTree::new();
    let full = full_output(&t, &["-s", "tree"]);
    let mut session = pty::start_shell(
        r#"{ "$1" -v -s tree; echo "dug exited $?" >&2; } | cat"#,
        &t.mnt(),
    );
    let before = session.before.clone();
    let mut seen = Vec::new();
    session.read_until(&mut seen, has_tick);
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "dug changed the terminal"
    );
    session.writer.write_all(b"q").expect("press a key");
    session.writer.flush().expect("flush the key");
    let code = session.wait(&mut seen);
    assert_eq!(code, 0, "{:?}", String::from_utf8_lossy(&seen));
    let screen = pty::screen(&seen).join("\n");
    assert!(screen.contains("dug exited 0"), "{screen}");
    let total = String::from_utf8_lossy(&full.stdout);
    assert!(screen.contains(total.trim_end()), "{screen}");
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn an_error_mid_run_leaves_a_clean_line_and_the_terminal_restored() {
    let t = SlowTree::new();
    let mut session = pty::start(&["-v", "-s", "tree/d03", "missing", "tree"], &t.mnt());
    let before = session.before.clone();
    let mut seen = Vec::new();
    let code = session.wait(&mut seen);
    assert_eq!(code, 1, "{:?}", String::from_utf8_lossy(&seen));
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "terminal settings changed"
    );
    let screen = pty::screen(&seen);
    assert!(has_tick(&seen), "no progress drawn: {screen:#?}");
    let lines: Vec<&str> = screen.iter().map(String::as_str).collect();
    assert!(
        matches!(
            lines.as_slice(),
            [sub, missing, tree, last]
                if sub.ends_with("\ttree/d03")
                    && *missing == "dug: cannot access 'missing': No such file or directory"
                    && tree.ends_with("\ttree")
                    && last.starts_with("dug: 600 files, 21 dirs, ")
        ),
        "{lines:#?}"
    );
}

#[test]
#[ignore = "needs FUSE: the slow tree is mounted with fusepy (/dev/fuse, fusermount3)"]
fn stdin_that_held_the_names_is_not_watched_for_keys() {
    let t = SlowTree::new();
    let full = full_output(&t, &["-a", "tree"]);
    let mut session = pty::start(&["-v", "-a", "--files0-from=-"], &t.mnt());
    let before = session.before.clone();
    // The names on the terminal, then end of file (^D ends the pending line, ^D again is EOF).
    session
        .writer
        .write_all(b"tree\0\x04\x04")
        .expect("type the names");
    session.writer.flush().expect("flush the names");
    let mut seen = Vec::new();
    session.read_until(&mut seen, has_tick);
    assert_eq!(
        pty::settings(&session.tty),
        before,
        "dug set up the terminal for keys although it read its names there"
    );
    // A key is no cancel here: the walk runs to its end.
    session.writer.write_all(b"q").expect("press a key");
    session.writer.flush().expect("flush the key");
    let code = session.wait(&mut seen);
    assert_eq!(code, 0, "{:?}", String::from_utf8_lossy(&seen));
    let screen = pty::screen(&seen).join("\n");
    for record in String::from_utf8_lossy(&full.stdout).lines() {
        assert!(screen.contains(record), "{record:?} missing from {screen}");
    }
}
