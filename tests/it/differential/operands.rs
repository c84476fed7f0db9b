//! Operands of every kind: the same directory twice, a directory and its subdirectory, hard
//! links across operands, missing ones, trailing slashes, dots, files, absolute paths, names
//! starting with `-`, symlinks under each of -P -H -D -L, a FIFO, hostile names in messages,
//! a second file system under -x, and directories reached by several paths.

use std::ffi::OsString;
use std::path::Path;

use crate::common::oracle::{assert_same, assert_same_with, du, run_du, table};
use crate::common::privilege::mount_namespace;
use crate::common::process::{Opts, dug, run};
use crate::common::tree::{Tree, bytes_path};
use crate::common::trees::{mixed_tree, names_tree};

#[test]
fn same_dir_twice() {
    let t = mixed_tree();
    assert_same(&["ln", "ln"], t.path());
    assert_same(&["-a", "ln", "ln"], t.path());
    assert_same(&["-c", "-s", "ln", "ln"], t.path());
    assert_same(&["-l", "ln", "ln"], t.path());
}

#[test]
fn dir_and_its_subdir() {
    let t = mixed_tree();
    assert_same(&["ln", "ln/a"], t.path());
    assert_same(&["ln/a", "ln"], t.path());
    assert_same(&["-s", "-c", "sz", "sz/nest"], t.path());
    assert_same(&["-a", "sz/nest", "sz"], t.path());
    assert_same(&["-l", "-c", "ln", "ln/a"], t.path());
}

#[test]
fn file_and_its_hard_link() {
    let t = mixed_tree();
    assert_same(&["ln/a/orig", "ln/b/orig_other_dir"], t.path());
    assert_same(&["-c", "ln/a/orig", "ln/a/orig_same_dir"], t.path());
    assert_same(&["-l", "-c", "ln/a/orig", "ln/b/orig_other_dir"], t.path());
    assert_same(&["ln/a/orig", "ln/a/orig"], t.path());
}

#[test]
fn hard_links_across_two_operands() {
    let t = mixed_tree();
    assert_same(&["ln/a", "ln/b"], t.path());
    assert_same(&["ln/b", "ln/a"], t.path());
    assert_same(&["-a", "-c", "ln/a", "ln/b", "ln/c"], t.path());
    assert_same(&["-l", "-a", "ln/a", "ln/b"], t.path());
}

#[test]
fn nonexistent_operands_among_good_ones() {
    let t = mixed_tree();
    assert_same(&["nope", "ln", "no/such/thing"], t.path());
    assert_same(&["-s", "-c", "sz", "nope"], t.path());
    assert_same(&["-a", "nope", "ln/a"], t.path());
    assert_same(&["sz/sizes/s1/below"], t.path());
    assert_same(&[""], t.path());
}

#[test]
fn trailing_slashes() {
    let t = mixed_tree();
    assert_same(&["ln/"], t.path());
    assert_same(&["ln//"], t.path());
    assert_same(&["-a", "ln/a/"], t.path());
    assert_same(&["-a", "ln//a//"], t.path());
    assert_same(&["sz/sizes/s512/"], t.path());
    assert_same(&["ln/to_dir/"], t.path());
}

#[test]
fn dot_operands() {
    let t = mixed_tree();
    assert_same(&["."], t.path());
    assert_same(&["./"], t.path());
    assert_same(&["-a", "./"], t.path());
    assert_same(&["-s", ".", "./"], t.path());
    assert_same(&["-d", "1", "./ln/../sz"], t.path());
    assert_same(&["-s", ".."], &t.join("sz"));
    assert_same::<&str>(&[], &t.join("sz"));
}

#[test]
fn file_operands() {
    let t = mixed_tree();
    assert_same(&["sz/sizes/s4097"], t.path());
    assert_same(&["-a", "sz/sizes/s0", "sz/sizes/s513"], t.path());
    assert_same(&["-s", "-b", "sz/sparse/hole_1g"], t.path());
    assert_same(&["-h", "sz/sparse/tail_1g"], t.path());
    assert_same(&["-c", "top_file", "sz"], t.path());
}

#[test]
fn absolute_operands() {
    let t = mixed_tree();
    let abs = t.join("ln");
    assert_same(&[abs.as_os_str()], t.path());
    assert_same(
        &[OsString::from("-a"), abs.into_os_string()],
        Path::new("/"),
    );
}

#[test]
fn operands_starting_with_dash() {
    let t = names_tree();
    assert_same(&["--", "-leading-dash"], t.path());
    assert_same(&["-a", "--", "--double-dash", "-dash-dir"], t.path());
    assert_same(&["-a", "--", "-dash-dir", "-nonexistent"], t.path());
}

#[test]
fn symlink_operands() {
    let t = mixed_tree();
    for deref in ["-P", "-H", "-D", "-L"] {
        for link in [
            "ln/to_dir",
            "ln/to_file",
            "ln/dangling",
            "ln/loop_a",
            "ln/a/up",
        ] {
            assert_same(&[deref, "-a", link], t.path());
        }
    }
}

#[test]
fn fifo_operand() {
    let t = mixed_tree();
    assert_same(&["pipe"], t.path());
    assert_same(&["-a", "-L", "pipe", "."], t.path());
}

#[test]
fn hostile_names_in_messages() {
    let t = names_tree();
    let missing: Vec<OsString> = [
        &b"no such\nfile"[..],
        b"no\tsuch",
        b"it's",
        b"caf\xc3\xa9-missing",
        b"bad\xff-missing",
        b"-x",
    ]
    .iter()
    .map(|b| bytes_path(b).into_os_string())
    .collect();
    let mut args = vec![OsString::from("--")];
    args.extend(missing);
    assert_same(&args, t.path());
    assert_same_with(&args, t.path(), &Opts::utf8());
}

/// `-x` needs a second file system inside the tree: each program runs in its own mount
/// namespace (`unshare -m`) with the same small tmpfs mounted on `mnt/`, so nothing is left
/// mounted whatever happens.
#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn one_file_system() {
    let t = mixed_tree();
    t.dir("mnt").file("after_mnt/f", 5000);
    let script = r#"mount -t tmpfs -o size=1m tmpfs mnt && mkdir mnt/d && echo data >mnt/f &&
        mkdir mnt/d/e && echo more >mnt/d/e/g && exec "$@""#;
    let opts = Opts {
        wrapper: mount_namespace(script),
        ..Opts::default()
    };
    // The mount must be there, or -x would have nothing to skip.
    let has = |args: &[&str], needle: &[u8]| {
        let du = run_du(args, t.path(), &opts);
        du.stdout.windows(needle.len()).any(|w| w == needle)
    };
    assert!(has(&["-a", "."], b"./mnt/d/e/g\n"), "no tmpfs on mnt/");
    assert!(!has(&["-a", "-x", "."], b"./mnt/"), "du -x entered mnt/");
    let flags: &[&[&str]] = &[
        &["-x"],
        &["-a", "-x"],
        &["-s", "-x"],
        &["-a", "-x", "-L"],
        &["-a"],
        &["-x", "--apparent-size", "-b"],
    ];
    table(t.path(), flags, &["."], &opts);
    table(t.path(), &[&["-x"], &["-a", "-x"]], &["mnt", "."], &opts);
}

/// Directories reached by several paths: a symlink DAG and links that cross into an ancestor
/// under -L, and operands that overlap. du descends each directory once, where it meets it
/// first; dug reads each once too (Config::shares_dirs) and must still count it at du's path,
/// whatever path its workers met first.
fn shared_dirs_tree() -> Tree {
    let t = Tree::new();
    // dag/n0 .. dag/n11, each with two links to the next: 2^11 paths to n11 under -L.
    for i in 0..12 {
        t.file(format!("dag/n{i}/f"), 100 * i + 1);
        if i > 0 {
            t.symlink(format!("../n{i}"), format!("dag/n{}/a", i - 1));
            t.symlink(format!("../n{i}"), format!("dag/n{}/b", i - 1));
        }
    }
    // p/q/r with a link back up to p, a link across to r, and s linking into the middle.
    t.file("p/q/r/f", 3000).file("p/q/g", 5000).file("p/h", 700);
    t.symlink("../..", "p/q/r/back");
    t.symlink("q/r", "p/a-link-to-r");
    t.symlink("../p/q", "s/into-q");
    t.file("s/t/u", 9000);
    t.symlink("../../p", "s/t/up-to-p");
    t
}

#[test]
fn directories_reached_by_several_paths() {
    let t = shared_dirs_tree();
    let flags: &[&[&str]] = &[
        &["-L", "-a"],
        &["-L"],
        &["-L", "-s"],
        &["-L", "-a", "-l"],
        &["-L", "-a", "-x"],
        &["-a"],
    ];
    for operands in [
        &["dag"][..],
        &["dag/n3", "dag"],
        &["p"],
        &["s"],
        &["s", "p"],
        &["p", "s"],
        &["p/q/r", "s", "p"],
    ] {
        table(t.path(), flags, operands, &Opts::default());
    }
    // The workers meet directories in another order with one thread than with many.
    for threads in ["1", "2", "64"] {
        let args = ["-j", threads, "-L", "-a", "s", "p", "dag"];
        let one = run(dug(), &args, t.path(), false);
        let du = du(&args[2..], t.path(), false);
        assert_eq!(one.stdout, du.stdout, "dug -j {threads}");
    }
}
