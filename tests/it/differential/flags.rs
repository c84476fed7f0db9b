//! The core flag table (sizes, units, depth, links, dereferencing) over every shared tree, as
//! root and as nobody, and over the checked-in fixture.

use crate::common::oracle::table;
use crate::common::privilege::require_root;
use crate::common::process::Opts;
use crate::common::tree::fixture_copy;
use crate::common::trees::{
    big_dirs_tree, links_tree, mixed_tree, names_tree, perms_tree, sizes_tree,
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
#[ignore = "needs root: root reads what nobody cannot; as anyone else this is the nobody test"]
fn flags_over_perms_tree_as_root() {
    require_root("to read the directories the tree takes every permission from");
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
