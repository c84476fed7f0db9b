//! The trees many tests share: sizes at every rounding boundary, hard links and symlinks of
//! every shape, hostile names, permissions nobody lacks, directories du sorts by inode, and a
//! wide tree with hard links across it for comparing thread counts.

use std::fs::File;

use super::tree::{Tree, bytes_path};

/// File sizes around every boundary du rounds at: 512-byte units, 1 KiB, the 4 KiB block.
pub const SIZES: &[usize] = &[
    0, 1, 511, 512, 513, 1025, 4095, 4096, 4097, 10241, 1_048_577,
];

/// Sized files, sparse files, empty and nested dirs, under `at`.
pub fn add_sizes(t: &Tree, at: &str) {
    for &size in SIZES {
        t.file(format!("{at}/sizes/s{size}"), size);
    }
    t.sparse(format!("{at}/sparse/hole_1g"), 1 << 30)
        .sparse_tail(format!("{at}/sparse/tail_1g"), 1 << 30)
        .sparse(format!("{at}/sparse/hole_5000"), 5000)
        .dir(format!("{at}/empty"))
        .dir(format!("{at}/empty_nest/inner/innermost"));
    let mut nest = format!("{at}/nest");
    for (level, size) in [(1, 700), (2, 7000), (3, 0), (4, 70_000), (5, 3)] {
        nest.push_str(&format!("/l{level}"));
        t.file(format!("{nest}/f{level}"), size);
    }
    t.file(format!("{nest}/leaf"), 9000);
}

/// Hard links (in one dir, across dirs, three names for one file) and symlinks (to a file, to a
/// dir, dangling, a loop, to an ancestor, absolute) under `at`.
pub fn add_links(t: &Tree, at: &str) {
    t.file(format!("{at}/a/orig"), 5000)
        .hard_link(format!("{at}/a/orig"), format!("{at}/a/orig_same_dir"))
        .hard_link(format!("{at}/a/orig"), format!("{at}/b/orig_other_dir"))
        .file(format!("{at}/a/big"), 20_000)
        .hard_link(format!("{at}/a/big"), format!("{at}/c/big_link"))
        .file(format!("{at}/c/tri"), 9000)
        .hard_link(format!("{at}/c/tri"), format!("{at}/a/tri2"))
        .hard_link(format!("{at}/c/tri"), format!("{at}/b/tri3"))
        .file(format!("{at}/b/plain"), 100)
        .symlink("a/orig", format!("{at}/to_file"))
        .symlink("b", format!("{at}/to_dir"))
        .symlink("no/such/target", format!("{at}/dangling"))
        .symlink("loop_b", format!("{at}/loop_a"))
        .symlink("loop_a", format!("{at}/loop_b"))
        .symlink("..", format!("{at}/a/up"))
        .symlink(t.join(format!("{at}/c")), format!("{at}/abs_to_c"));
}

/// Names du must print as they are on stdout and quote on stderr, under `at`.
pub fn add_names(t: &Tree, at: &str) {
    let names: &[&[u8]] = &[
        b"with space",
        b"new\nline",
        b"tab\there",
        b"quote'single",
        b"quote\"double",
        b"-leading-dash",
        b"--double-dash",
        b"back\\slash",
        b"$dollar",
        b"star*question?",
        b"caf\xc3\xa9",
        b"bad\xff\xfebytes",
        b" leading space",
        b"trailing space ",
    ];
    for (i, name) in names.iter().enumerate() {
        let mut file = format!("{at}/").into_bytes();
        file.extend_from_slice(name);
        t.file(bytes_path(&file), 100 * i);
        let mut dir = format!("{at}/dir ").into_bytes();
        dir.extend_from_slice(name);
        dir.extend_from_slice(b"/inner");
        t.file(bytes_path(&dir), 5000 + i);
    }
    t.file(format!("{at}/-dash-dir/x"), 2000)
        .file(format!("{at}/-dash-dir/-y"), 6000);
}

/// One tree with every kind of entry the flag table runs over: sizes, links, names, a FIFO.
pub fn mixed_tree() -> Tree {
    let t = Tree::new();
    add_sizes(&t, "sz");
    add_links(&t, "ln");
    add_names(&t, "nm");
    t.fifo("pipe").file("top_file", 3000);
    t
}

/// Sizes, sparse files, empty and nested dirs on their own.
pub fn sizes_tree() -> Tree {
    let t = Tree::new();
    add_sizes(&t, "t");
    t
}

/// Hard links and symlinks on their own, at the root (so `-L .` meets the loops first-hand).
pub fn links_tree() -> Tree {
    let t = Tree::new();
    add_links(&t, ".");
    t
}

/// Hostile names on their own.
pub fn names_tree() -> Tree {
    let t = Tree::new();
    add_names(&t, ".");
    t
}

/// Entries nobody cannot read or search: an unreadable dir (000) with files and a subdir, an
/// unsearchable dir (0644: names readable, entries not stat-able) with files and a subdir, an
/// unreadable file, an unreadable dir nested under readable ones, and a FIFO.
pub fn perms_tree() -> Tree {
    let t = Tree::new();
    t.file("ok/file", 1500)
        .file("unreadable/f1", 3000)
        .file("unreadable/f2", 0)
        .file("unreadable/sub/g", 5000)
        .file("unsearchable/f1", 3000)
        .file("unsearchable/f2", 7000)
        .file("unsearchable/sub/g", 5000)
        .file("noread_file", 8000)
        .file("outer/inner/locked/x", 100)
        .file("outer/inner/open", 100)
        .fifo("pipe")
        .chmod("unreadable", 0o000)
        .chmod("unsearchable", 0o644)
        .chmod("noread_file", 0o000)
        .chmod("outer/inner/locked", 0o000);
    t
}

/// Unreadable (000) and unsearchable (0644) directories with hostile names, so that
/// permission errors have names to quote.
pub fn hostile_perms_tree() -> Tree {
    let t = Tree::new();
    for (name, mode) in [
        (&b"bad\xffname\ndir"[..], 0o000),
        (b"it's locked", 0o000),
        (b"caf\xc3\xa9 tab\there", 0o644),
    ] {
        let mut file = name.to_vec();
        file.extend_from_slice(b"/x");
        t.file(bytes_path(&file), 100);
        t.chmod(bytes_path(name), mode);
    }
    t
}

/// Entries in the directory du sorts by inode (more than 10,000) and in the one it does not
/// (exactly 10,000).
pub const MANY: usize = 10_050;
/// See `MANY`.
pub const TEN_K: usize = 10_000;

/// `many/` with `MANY` entries and `tenk/` with `TEN_K`; each holds a few subdirs (so the order
/// shows without -a) and a few non-empty files. Entries are created in a scrambled order, so
/// inode order, name order and hash (readdir) order all differ.
pub fn big_dirs_tree() -> Tree {
    let t = Tree::new();
    for (dir, count) in [("many", MANY), ("tenk", TEN_K)] {
        t.dir(dir);
        for k in 0..count {
            // 7919 is prime and does not divide either count: a permutation of 0..count.
            let i = (k * 7919) % count;
            if i % 200 == 0 {
                t.file(format!("{dir}/d{i:05}/inside"), 3000 + i);
            } else if i % 97 == 0 {
                t.file(format!("{dir}/f{i:05}"), 5000 + i);
            } else {
                File::create(t.join(format!("{dir}/f{i:05}"))).expect("create an empty file");
            }
        }
    }
    t
}

/// A tree of `dirs` top dirs with 3 subdirs of `files` files each, every 10th file also hard
/// linked into `links/` and every 13th into the next top dir: a few thousand entries for
/// comparing thread counts.
pub fn walk_tree(dirs: usize, files: usize) -> Tree {
    let t = Tree::new();
    for d in 0..dirs {
        for s in 0..3 {
            for f in 0..files {
                let name = format!("d{d:02}/s{s}/file{f:03}");
                t.file(&name, (d * 131 + s * 977 + f * 373) % 9000);
                if f % 10 == 0 {
                    t.hard_link(&name, format!("links/d{d}s{s}f{f}"));
                }
                if f % 13 == 0 {
                    let next = (d + 1) % dirs;
                    t.hard_link(&name, format!("d{next:02}/from{d}s{s}f{f}"));
                }
            }
        }
        t.file(format!("d{d:02}/top"), d * 100);
    }
    t
}
