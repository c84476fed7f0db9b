//! Wide directories, whose entries several workers stat in chunks (src/walk/wide.rs), those
//! over 8,192 entries while they are still read (src/walk/stream.rs): with one
//! worker (`-j 1`, no chunks at all), two and 64, dug prints what du prints byte for byte, in
//! the kernel's order under 10,000 entries, fts's inode order over it and fts's batches of
//! 100,000 beyond, with hard links spread over chunks and directories, and with entries that
//! cannot be stat'ed. Entries vanishing mid-walk are in `mutation`, a cancel in the middle of
//! a wide directory in the cancel tests.

use std::fs::File;

use crate::common::oracle::{assert_same_threads, os_args};
use crate::common::process::Opts;
use crate::common::tree::Tree;

/// The thread counts compared: one worker (no chunks), fewer workers than chunks, more.
const THREADS: [usize; 3] = [1, 2, 64];

/// Over the fewest entries that go wide (256), under fts's inode sort (10,000).
const WIDE: usize = 900;
/// Over fts's inode sort.
const INODE_SORTED: usize = 12_000;
/// Over fts's batch of 100,000 entries.
const BATCHED: usize = 100_700;

/// Fills `dir` with `count` entries created in a scrambled order (inode, name and readdir
/// order all differ): mostly empty files, every 7th a file with data, every 97th a subdir
/// with a file, every 11th file also linked in the same directory under another name (far
/// away in name and readdir order, so usually in another chunk).
fn fill(t: &Tree, dir: &str, count: usize) {
    t.dir(dir);
    for k in 0..count {
        // 7919 is prime and divides none of the counts: a permutation of 0..count.
        let i = (k * 7919) % count;
        let name = format!("{dir}/f{i:06}");
        if i.is_multiple_of(97) {
            t.file(format!("{dir}/d{i:06}/inside"), 1000 + i % 5000);
            continue;
        }
        if i.is_multiple_of(7) {
            t.file(&name, 100 + (i * 37) % 9000);
        } else {
            File::create(t.join(&name)).expect("create an empty file");
        }
        if i.is_multiple_of(11) && i.is_multiple_of(7) {
            t.hard_link(&name, format!("{dir}/z{i:06}"));
        }
    }
}

/// `wide/` and `sorted/`, with every 13th data file of `wide/` also linked into `sorted/`
/// and a small directory after them that holds links to both.
fn wide_tree() -> Tree {
    let t = Tree::new();
    fill(&t, "wide", WIDE);
    fill(&t, "sorted", INODE_SORTED);
    for i in
        (0..WIDE).filter(|i| i.is_multiple_of(7) && i.is_multiple_of(13) && !i.is_multiple_of(97))
    {
        t.hard_link(format!("wide/f{i:06}"), format!("sorted/w{i:06}"));
        t.hard_link(format!("sorted/f{i:06}"), format!("small/s{i:06}"));
    }
    t
}

/// Compares every flag list over `operands` at every thread count.
fn compare_all(t: &Tree, flags: &[&[&str]], operands: &[&str], opts: &Opts) {
    for threads in THREADS {
        for f in flags {
            let mut args = os_args(f);
            args.extend(os_args(operands));
            assert_same_threads(threads, &args, t.path(), opts);
        }
    }
}

#[test]
fn wide_directories_match_du_at_every_thread_count() {
    let t = wide_tree();
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-a", "-l"],
        &["-a", "--inodes"],
        &["-a", "--exclude=*3*"],
        &["-a", "-L", "-b"],
    ];
    compare_all(&t, flags, &["."], &Opts::default());
    // The operands in another order: the links are counted where each is met first.
    compare_all(
        &t,
        &[&["-a"]],
        &["small", "sorted", "wide"],
        &Opts::default(),
    );
}

#[test]
fn a_directory_past_fts_batches_matches_du_at_every_thread_count() {
    let t = Tree::new();
    fill(&t, "batched", BATCHED);
    for i in (0..BATCHED).step_by(9973) {
        if !i.is_multiple_of(97) {
            t.hard_link(format!("batched/f{i:06}"), format!("other/f{i:06}"));
        }
    }
    compare_all(&t, &[&["-a"], &[], &["-a", "-l"]], &["."], &Opts::default());
}

/// A wide directory that can be read but not searched (mode 0444): listing it works, every
/// stat fails (EACCES), and du reports each entry; one long enough to be stat'ed while it is
/// still read (src/walk/stream.rs), the same; one beside them with an unreadable subdirectory
/// in the middle of its chunks. Root reads everything: run as nobody.
#[test]
fn unreadable_entries_of_wide_directories_match_du() {
    let t = Tree::new();
    fill(&t, "searchless", WIDE);
    fill(&t, "searchless-long", INODE_SORTED);
    fill(&t, "locked", WIDE);
    t.file("locked/d000485/inside", 10)
        .chmod("locked/d000485", 0o000);
    t.chmod("searchless", 0o444).chmod("searchless-long", 0o444);
    compare_all(&t, &[&["-a"], &[], &["-s"]], &["."], &Opts::nobody());
}
