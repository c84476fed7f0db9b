//! Differential tests: GNU du and dug run with the same arguments on the same trees must print
//! the same stdout, the same stderr (program name aside) and exit with the same status.

mod common;

use std::ffi::{OsStr, OsString};
use std::path::Path;

use common::{
    DU, MANY, Opts, TEN_K, Tree, assert_same, assert_same_as_nobody, assert_same_with,
    big_dirs_tree, bytes_path, compare, fixture_copy, hostile_perms_tree, links_tree, mixed_tree,
    names_tree, perms_tree, rename_program, require_du, run, run_with, show_args, sizes_tree,
    table,
};

/// Flag combinations the table runs over every tree (operands are added per tree).
const FLAGS: &[&[&str]] = &[
    &[],
    &["-a"],
    &["-s"],
    &["-c"],
    &["-a", "-c"],
    &["-s", "-c"],
    &["-d", "0"],
    &["-d", "1"],
    &["-d", "2"],
    &["--max-depth=1"],
    &["-a", "-d", "1"],
    &["-h"],
    &["-a", "-h"],
    &["--si"],
    &["-s", "--si"],
    &["-k"],
    &["-m"],
    &["-a", "-m"],
    &["-b"],
    &["-a", "-b"],
    &["-B", "1"],
    &["-B", "K"],
    &["-BK"],
    &["-B1K"],
    &["-B", "2K"],
    &["-BKB"],
    &["-BKiB"],
    &["-BM"],
    &["-B", "1M"],
    &["-B", "G"],
    &["-a", "-B", "3"],
    &["--block-size=1000"],
    &["--apparent-size"],
    &["-a", "--apparent-size"],
    &["--apparent-size", "-h"],
    &["-a", "--apparent-size", "-B", "1M"],
    &["-l"],
    &["-a", "-l"],
    &["-S"],
    &["-a", "-S"],
    &["-l", "-S", "-c"],
    &["-0"],
    &["-a", "-0"],
    &["-x"],
    &["-L"],
    &["-a", "-L"],
    &["-s", "-L"],
    &["-P"],
    &["-H"],
    &["-a", "-H"],
    &["-D"],
    &["-a", "-L", "-l"],
    &["-c", "-s", "-h"],
    &["-ab", "-S"],
    &["-ah", "--apparent-size", "-c"],
    &["-d", "1", "-h", "--apparent-size"],
    &["--all", "--total", "--bytes"],
    &["--count-links", "--separate-dirs", "--summarize"],
    &["--dereference", "--all", "--max-depth=2"],
    &["-ak", "-d", "0"],
];

/// du 9.1 options beyond the core set above; kept apart so their failures are told apart.
const MORE_FLAGS: &[&[&str]] = &[
    &["--inodes"],
    &["-a", "--inodes"],
    &["-t", "4K"],
    &["-a", "-t", "-4K"],
    &["-a", "--exclude=*space*"],
    &["-a", "--exclude=s4*"],
    &["-a", "--time"],
    &["--time=ctime", "-s"],
    &["-a", "--time", "--time-style=+%Y"],
];

#[test]
fn flags_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), FLAGS, &["."], &Opts::default());
}

#[test]
fn more_flags_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), MORE_FLAGS, &["."], &Opts::default());
}

#[test]
fn flags_over_sizes_tree() {
    let t = sizes_tree();
    table(t.path(), FLAGS, &["t"], &Opts::default());
}

#[test]
fn flags_over_links_tree() {
    let t = links_tree();
    table(t.path(), FLAGS, &["."], &Opts::default());
}

#[test]
fn flags_over_names_tree() {
    let t = names_tree();
    table(t.path(), FLAGS, &["."], &Opts::default());
}

#[test]
fn flags_over_names_tree_in_utf8_locale() {
    let t = names_tree();
    table(
        t.path(),
        &[&["-a"], &["-a", "-0"], &["-L"]],
        &["."],
        &Opts::utf8(),
    );
}

/// Directories of more than 10,000 entries are read in inode order by du's fts; exactly
/// 10,000 are not.
#[test]
fn flags_over_big_dirs() {
    let t = big_dirs_tree();
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-s"],
        &["-a", "-d", "1"],
        &["-S"],
        &["-a", "-0"],
    ];
    table(t.path(), flags, &["."], &Opts::default());
    table(t.path(), &[&["-a"]], &["many", "tenk"], &Opts::default());
}

#[test]
fn flags_over_perms_tree_as_root() {
    let t = perms_tree();
    table(
        t.path(),
        &[&[], &["-a"], &["-s"], &["-L", "-a"]],
        &["."],
        &Opts::default(),
    );
}

#[test]
fn everything_readable_as_nobody() {
    let t = mixed_tree();
    table(t.path(), &[&["-a"], &["-s", "-L"]], &["."], &Opts::nobody());
}

// Operands.

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
fn one_file_system() {
    let t = mixed_tree();
    t.dir("mnt").file("after_mnt/f", 5000);
    let script = r#"mount -t tmpfs -o size=1m tmpfs mnt && mkdir mnt/d && echo data >mnt/f &&
        mkdir mnt/d/e && echo more >mnt/d/e/g && exec "$@""#;
    let opts = Opts {
        // Not root: a user namespace (-r) lets the mount happen all the same.
        wrapper: if rustix::process::geteuid().is_root() {
            ["unshare", "-m", "sh", "-c", script, "sh"].to_vec()
        } else {
            ["unshare", "-r", "-m", "sh", "-c", script, "sh"].to_vec()
        }
        .into_iter()
        .map(OsString::from)
        .collect(),
        ..Opts::default()
    };
    // The mount must be there, or -x would have nothing to skip.
    require_du();
    let has = |args: &[&str], needle: &[u8]| {
        let du = run_with(OsStr::new(DU), args, t.path(), &opts);
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

// Usage errors.

#[test]
fn usage_errors() {
    let t = sizes_tree();
    let cases: &[&[&str]] = &[
        &["-q"],
        &["-qz", "."],
        &["--bogus"],
        &["--bogus", "."],
        &["-d"],
        &["-d", "x"],
        &["-d", "-1"],
        &["--max-depth=-1"],
        &["--max-depth"],
        &["-d", "99999999999999999999"],
        &["-s", "-d", "1"],
        &["-s", "--max-depth=0"],
        &["-a", "-s"],
        &["-as", "t"],
        &["--s"],
        &["--apparent-size=yes"],
        &["-B", "0"],
        &["-B", "x"],
        &["-B", ""],
        &["--block-size="],
        &["-B", "99999999999999999999"],
        &["-t"],
        &["nonexistent"],
        &["-s", "nonexistent"],
    ];
    let mut failures = Vec::new();
    for args in cases {
        if let Err(report) = compare(args, t.path(), &Opts::default()) {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} usage cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn usage_errors_in_utf8_locale() {
    let t = sizes_tree();
    for args in [&["-d", "x"][..], &["-q"], &["--bogus"], &["-B", "x"]] {
        assert_same_with(args, t.path(), &Opts::utf8());
    }
}

// Permissions, run as nobody (root reads everything).

/// Guards the permission tests against a setup that silently runs as root: du itself must be
/// denied something.
fn assert_du_is_denied(args: &[&str], cwd: &Path) {
    require_du();
    let du = run(DU, args, cwd, true);
    assert!(
        du.stderr
            .windows(b"Permission denied".len())
            .any(|w| w == b"Permission denied"),
        "du {} as nobody was denied nothing; stderr:\n{}",
        show_args(args),
        String::from_utf8_lossy(&du.stderr)
    );
}

#[test]
fn unreadable_dir_as_nobody() {
    let t = perms_tree();
    assert_du_is_denied(&["unreadable"], t.path());
    assert_same_as_nobody(&["unreadable"], t.path());
    assert_same_as_nobody(&["-a", "unreadable"], t.path());
    assert_same_as_nobody(&["-s", "unreadable"], t.path());
    assert_same_as_nobody(&["-s", "-c", "unreadable", "ok"], t.path());
}

#[test]
fn unsearchable_dir_as_nobody() {
    let t = perms_tree();
    assert_du_is_denied(&["unsearchable"], t.path());
    assert_same_as_nobody(&["unsearchable"], t.path());
    assert_same_as_nobody(&["-a", "unsearchable"], t.path());
    assert_same_as_nobody(&["-s", "unsearchable"], t.path());
    assert_same_as_nobody(&["unsearchable/f1"], t.path());
}

#[test]
fn whole_perms_tree_as_nobody() {
    let t = perms_tree();
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-s"],
        &["-c", "-h"],
        &["-a", "-L"],
        &["-d", "1"],
        &["-a", "--apparent-size", "-b"],
    ];
    table(t.path(), flags, &["."], &Opts::nobody());
    table(
        t.path(),
        &[&["-a"]],
        &["."],
        &Opts {
            locale: "C.UTF-8",
            ..Opts::nobody()
        },
    );
}

#[test]
fn unreadable_file_and_fifo_as_nobody() {
    let t = perms_tree();
    assert_same_as_nobody(&["-a", "noread_file", "pipe"], t.path());
    assert_same_as_nobody(&["-a", "outer"], t.path());
}

#[test]
fn hostile_names_in_permission_errors_as_nobody() {
    let t = hostile_perms_tree();
    assert_du_is_denied(&["."], t.path());
    assert_same_as_nobody(&["-a", "."], t.path());
    assert_same_with(
        &["-a", "."],
        t.path(),
        &Opts {
            locale: "C.UTF-8",
            ..Opts::nobody()
        },
    );
}

// Checks on the harness and the trees themselves, so a passing test means what it says.

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

#[test]
fn program_name_is_normalised_in_du_stderr_only_at_line_starts() {
    let du = b"du: cannot access 'du: x': No such file or directory\n\
               Try 'du --help' for more information.\n\
               not du: here\n";
    let dug = b"dug: cannot access 'du: x': No such file or directory\n\
                Try 'dug --help' for more information.\n\
                not du: here\n";
    assert_eq!(
        String::from_utf8_lossy(&rename_program(du)),
        String::from_utf8_lossy(dug)
    );
}

/// The names of `dir`'s direct children in the order `du -a` lists them.
fn du_order(cwd: &Path, dir: &str) -> Vec<Vec<u8>> {
    let du = run(DU, &["-a", dir], cwd, false);
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
    require_du();
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

// The checked-in fixture.

#[test]
fn flags_over_fixture() {
    let (_t, copy) = fixture_copy("tree");
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-ab"],
        &["-s"],
        &["-ah"],
        &["-L", "-a"],
        &["-H"],
        &["-c", "--apparent-size"],
        &["-S", "-a"],
        &["-d", "1", "--si"],
    ];
    table(&copy, flags, &["."], &Opts::default());
    let parent = copy.parent().expect("the copy has a parent");
    table(parent, &[&["-a"]], &["tree"], &Opts::default());
}

#[test]
fn tree_for_helpers_is_dropped_cleanly() {
    // The permission tree takes permissions away; dropping it must still delete it.
    let t: Tree = perms_tree();
    let root = t.path().to_path_buf();
    drop(t);
    assert!(!root.exists(), "{root:?} left behind");
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
        let one = run(common::dug(), &args, t.path(), false);
        let du = run(DU, &args[2..], t.path(), false);
        assert_eq!(one.stdout, du.stdout, "dug -j {threads}");
    }
}
