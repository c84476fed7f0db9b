//! Checks on the harness and the trees themselves, so that a passing test means what it says:
//! runs as nobody are unprivileged, the programs see only the environment asked for, dug runs
//! under du's name in every comparison (however it is started), the big directories tell inode
//! order from directory order, and a tree that took permissions away is still deleted.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::oracle::{DU, check_du, du, run_dug_as_du};
use crate::common::process::{Opts, run};
use crate::common::tree::Tree;
use crate::common::trees::{MANY, TEN_K, big_dirs_tree, perms_tree};

#[test]
fn nobody_runs_are_unprivileged() {
    let id = run("id", &["-u"], Path::new("/"), true);
    let uid = String::from_utf8_lossy(&id.stdout).trim().to_owned();
    assert_ne!(uid, "0", "a run as nobody ran as root");
}

#[test]
fn environment_is_fixed() {
    let env = run("env", &[] as &[&str], Path::new("/"), false);
    let mut names: Vec<String> = String::from_utf8_lossy(&env.stdout)
        .lines()
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.to_owned()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["LANG", "LC_ALL", "PATH"],
        "the programs see more than asked"
    );
}

/// The reference is GNU du 9.1 and nothing else: another version prints other bytes, so a
/// comparison with it would fail for reasons that are not dug's.
#[test]
fn require_du_refuses_any_du_but_9_1() {
    assert_eq!(check_du(OsStr::new(DU)), Ok(()), "the du on PATH");
    let t = Tree::new();
    for (name, script) in [
        ("du-9.4", "echo 'du (GNU coreutils) 9.4'"),
        ("du-9.10", "echo 'du (GNU coreutils) 9.10'"),
        (
            "busybox",
            "echo 'BusyBox v1.36.1 multi-call binary.'; exit 1",
        ),
    ] {
        let fake = t.join(name);
        fs::write(&fake, format!("#!/bin/sh\n{script}\n")).expect("write a fake du");
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).expect("chmod the fake du");
        let why = check_du(fake.as_os_str()).expect_err(name);
        assert!(
            why.contains("not \"du (GNU coreutils) 9.1\"") && why.contains("first on PATH"),
            "{name}: {why}"
        );
    }
    let missing = check_du(t.join("no-such-du").as_os_str()).expect_err("a missing du");
    assert!(missing.contains("install GNU coreutils 9.1"), "{missing}");
}

/// The comparisons need no renaming because dug's argv[0] is `du` however the harness starts
/// it: directly, as nobody through setpriv, and under a wrapper that execs it.
#[test]
fn comparisons_run_dug_under_du_s_name() {
    let expected = "du: cannot access 'x': No such file or directory\n";
    let wrapped = Opts {
        wrapper: ["sh", "-c", "exec \"$@\"", "sh"].map(Into::into).to_vec(),
        ..Opts::default()
    };
    for opts in [Opts::default(), Opts::nobody(), wrapped] {
        let run = run_dug_as_du(&["x"], Path::new("/"), &opts);
        assert_eq!(String::from_utf8_lossy(&run.stderr), expected, "{opts:?}");
        let du = du(&["x"], Path::new("/"), opts.as_nobody);
        assert_eq!(du.stderr, run.stderr, "{opts:?}");
    }
}

/// The names of `dir`'s direct children in the order `du -a` lists them.
fn du_order(cwd: &Path, dir: &str) -> Vec<Vec<u8>> {
    let du = du(&["-a", dir], cwd, false);
    assert_eq!(
        du.status,
        0,
        "du -a {dir}: {}",
        String::from_utf8_lossy(&du.stderr)
    );
    let prefix = format!("{dir}/");
    du.stdout
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let path = &line[line.iter().position(|&b| b == b'\t')? + 1..];
            let name = path.strip_prefix(prefix.as_bytes())?;
            (!name.contains(&b'/')).then(|| name.to_vec())
        })
        .collect()
}

#[test]
fn big_dirs_tree_tells_inode_order_from_directory_order() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    let t = big_dirs_tree();
    for (dir, count, sorted_by_du) in [("many", MANY, true), ("tenk", TEN_K, false)] {
        let mut entries: Vec<(u64, Vec<u8>)> = std::fs::read_dir(t.join(dir))
            .expect("read the big dir")
            .map(|e| {
                let e = e.expect("a directory entry");
                let ino = e.metadata().expect("stat an entry").ino();
                (ino, e.file_name().as_bytes().to_vec())
            })
            .collect();
        assert_eq!(
            entries.len(),
            count,
            "{dir} has the wrong number of entries"
        );
        let readdir: Vec<Vec<u8>> = entries.iter().map(|(_, n)| n.clone()).collect();
        entries.sort();
        let by_inode: Vec<Vec<u8>> = entries.into_iter().map(|(_, n)| n).collect();
        let mut by_name = readdir.clone();
        by_name.sort();
        assert_ne!(readdir, by_inode, "{dir}: directory order is inode order");
        assert_ne!(by_name, by_inode, "{dir}: name order is inode order");
        let (expected, other) = if sorted_by_du {
            (&by_inode, &readdir)
        } else {
            (&readdir, &by_inode)
        };
        let listed = du_order(t.path(), dir);
        assert!(
            &listed == expected,
            "du -a {dir} does not list the expected order"
        );
        assert!(&listed != other, "du -a {dir} lists the other order too");
    }
}

#[test]
fn tree_for_helpers_is_dropped_cleanly() {
    // The permission tree takes permissions away; dropping it must still delete it.
    let t: Tree = perms_tree();
    let root = t.path().to_path_buf();
    drop(t);
    assert!(!root.exists(), "{root:?} left behind");
}
