//! The replay fed hand-made scans, without a filesystem: du's order, hard links, roll-up,
//! depth, threshold and errors, whatever order the scans arrive in.

use std::io;

use crate::config::Config;
use crate::gnu::size::SizeFormat;
use crate::replay::order::Replay;
use crate::report::Report;
use crate::walk::scan::{Body, Child, DirId, Entry, Listing, Meta, Scan, Stamp, StatError};

/// An object whose time is its inode number (seconds).
fn meta(ino: u64, blocks: u64, is_dir: bool, nlink: u64) -> Meta {
    Meta {
        dev: 1,
        ino,
        nlink,
        blocks,
        size: (blocks * 512) as i64 - 100,
        is_dir,
        is_regular: !is_dir,
        time: Stamp {
            sec: ino as i64,
            nsec: 0,
        },
    }
}

/// Builds a listing from (name, meta, child) triples.
fn listing(entries: Vec<(&str, Meta, Child)>) -> Listing {
    let mut l = Listing::default();
    for (name, m, child) in entries {
        let start = l.names.len();
        l.names.extend_from_slice(name.as_bytes());
        l.entries.push(Entry {
            name: start..start + name.len(),
            meta: Ok(m),
            child,
            symlinks: 0,
        });
        l.names.push(0);
    }
    l
}

fn operand(id: DirId, m: Meta, child: Child) -> Scan {
    Scan {
        id,
        body: Body::Operand(Entry {
            name: 0..0,
            meta: Ok(m),
            child,
            symlinks: 0,
        }),
    }
}

fn run(config: &Config, scans: Vec<Scan>) -> (String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    {
        let mut report = Report::new(config, &mut out, &mut err);
        let mut replay = Replay::<false>::new(config);
        for s in scans {
            replay.feed(s);
            replay.advance(&mut report).expect("writes to a Vec");
        }
        assert!(replay.is_complete(), "replay did not complete");
        replay.finish(&mut report).expect("writes to a Vec");
        report.flush().expect("writes to a Vec");
    }
    (
        String::from_utf8(out).expect("utf8"),
        String::from_utf8(err).expect("utf8"),
    )
}

fn config(operands: &[&str]) -> Config {
    let mut c = Config::new(operands.iter().map(|s| (*s).into()).collect());
    c.format = SizeFormat::blocks(512);
    c
}

/// d/ { f (2 blocks), s/ { g (4 blocks, 2 links) }, h (4 blocks, same inode as g) }
fn tree() -> Vec<Scan> {
    vec![
        operand(0, meta(10, 8, true, 3), Child::Dir(1)),
        Scan {
            id: 2,
            body: Body::Listed(listing(vec![("g", meta(13, 4, false, 2), Child::Leaf)])),
        },
        Scan {
            id: 1,
            body: Body::Listed(listing(vec![
                ("f", meta(11, 2, false, 1), Child::Leaf),
                ("s", meta(12, 8, true, 2), Child::Dir(2)),
                ("h", meta(13, 4, false, 2), Child::Leaf),
            ])),
        },
    ]
}

#[test]
fn replays_in_du_order_whatever_the_arrival_order() {
    let c = config(&["d"]);
    let (out, err) = run(&c, tree());
    // s = 8 + 4; d = 8 + 2 + 12 (h is g's hard link, counted once, where first seen).
    assert_eq!(out, "12\td/s\n22\td\n");
    assert_eq!(err, "");
    let mut reversed = tree();
    reversed.reverse();
    assert_eq!(run(&c, reversed).0, out);
}

#[test]
fn all_separate_dirs_count_links_and_total() {
    let mut c = config(&["d"]);
    c.all = true;
    assert_eq!(run(&c, tree()).0, "2\td/f\n4\td/s/g\n12\td/s\n22\td\n");
    c.count_links = true;
    assert_eq!(
        run(&c, tree()).0,
        "2\td/f\n4\td/s/g\n12\td/s\n4\td/h\n26\td\n"
    );
    c.count_links = false;
    c.all = false;
    c.separate_dirs = true;
    c.total = true;
    // -S: d counts itself, f and nothing of s; the total still counts everything.
    assert_eq!(run(&c, tree()).0, "12\td/s\n10\td\n22\ttotal\n");
}

#[test]
fn max_depth_and_apparent_size() {
    let mut c = config(&["d"]);
    c.max_depth = 0;
    c.all = true;
    assert_eq!(run(&c, tree()).0, "22\td\n");
    c.max_depth = 1;
    c.apparent = true;
    c.format = SizeFormat::blocks(1);
    // Apparent sizes are blocks*512-100 here: f 924, s 3996 (+ g 1948), d 3996.
    assert_eq!(run(&c, tree()).0, "924\td/f\n5944\td/s\n10864\td\n");
}

#[test]
fn a_second_operand_reaching_the_same_directory_counts_nothing() {
    let c = config(&["d", "d/"]);
    let mut scans = tree();
    scans.push(operand(1, meta(10, 8, true, 3), Child::Dir(3)));
    // The second operand's listing arrives and must be dropped with its subtree.
    scans.push(Scan {
        id: 3,
        body: Body::Listed(listing(vec![("s", meta(12, 8, true, 2), Child::Dir(4))])),
    });
    scans.push(Scan {
        id: 4,
        body: Body::Listed(listing(vec![])),
    });
    let (out, _) = run(&c, scans);
    assert_eq!(out, "12\td/s\n22\td\n");
}

#[test]
fn errors_are_reported_and_the_rest_still_counted() {
    let c = config(&["d", "gone"]);
    let mut list = listing(vec![("ok", meta(21, 2, false, 1), Child::Leaf)]);
    list.names.extend_from_slice(b"bad\0");
    let start = list.names.len() - 4;
    list.entries.push(Entry {
        name: start..start + 3,
        meta: Err(StatError::Failed(io::Error::from_raw_os_error(13))),
        child: Child::Leaf,
        symlinks: 0,
    });
    list.entries.push(Entry {
        name: start..start + 3,
        meta: Ok(meta(22, 8, true, 2)),
        child: Child::Dir(3),
        symlinks: 0,
    });
    let scans = vec![
        operand(0, meta(20, 8, true, 3), Child::Dir(2)),
        Scan {
            id: 1,
            body: Body::Operand(Entry {
                name: 0..0,
                meta: Err(StatError::Failed(io::Error::from_raw_os_error(2))),
                child: Child::Leaf,
                symlinks: 0,
            }),
        },
        Scan {
            id: 2,
            body: Body::Listed(list),
        },
        Scan {
            id: 3,
            body: Body::Unreadable(io::Error::from_raw_os_error(13)),
        },
    ];
    let (out, err) = run(&c, scans);
    assert_eq!(out, "8\td/bad\n18\td\n");
    assert_eq!(
        err,
        "dug: cannot access 'd/bad': Permission denied\n\
         dug: cannot read directory 'd/bad': Permission denied\n\
         dug: cannot access 'gone': No such file or directory\n"
    );
}

#[test]
fn operand_paths_keep_fts_slashes() {
    let c = config(&["d//"]);
    let scans = vec![
        operand(0, meta(10, 8, true, 3), Child::Dir(1)),
        Scan {
            id: 1,
            body: Body::Listed(listing(vec![("s", meta(12, 8, true, 2), Child::Dir(2))])),
        },
        Scan {
            id: 2,
            body: Body::Listed(listing(vec![])),
        },
    ];
    assert_eq!(run(&c, scans).0, "8\td/s\n16\td/\n");
}

#[test]
fn threshold_hides_records_but_not_the_total() {
    let mut c = config(&["d"]);
    c.all = true;
    c.total = true;
    c.threshold = 4 * 512;
    assert_eq!(run(&c, tree()).0, "4\td/s/g\n12\td/s\n22\td\n22\ttotal\n");
    c.threshold = -(4 * 512);
    assert_eq!(run(&c, tree()).0, "2\td/f\n4\td/s/g\n22\ttotal\n");
    c.threshold = i64::MIN;
    assert_eq!(run(&c, tree()).0.lines().count(), 5);
}

#[test]
fn inodes_count_objects_once() {
    let mut c = config(&["d"]);
    c.inodes = true;
    c.format = SizeFormat::blocks(1);
    c.all = true;
    // h is g's second link: not counted again.
    assert_eq!(run(&c, tree()).0, "1\td/f\n1\td/s/g\n2\td/s\n4\td\n");
    c.separate_dirs = true;
    c.all = false;
    assert_eq!(run(&c, tree()).0, "2\td/s\n2\td\n");
}

#[test]
fn a_directory_shows_the_newest_time_below_it() {
    let mut c = config(&["d"]);
    c.time_format = Some(b"%s".to_vec());
    c.format = SizeFormat::blocks(512);
    // Times are inode numbers: s holds g (13), d holds f (11), s (12) and g's link.
    assert_eq!(run(&c, tree()).0, "12\t13\td/s\n22\t13\td\n");
    c.separate_dirs = true;
    assert_eq!(run(&c, tree()).0, "12\t13\td/s\n10\t11\td\n");
}

#[test]
fn skipped_entries_and_refused_operands() {
    let mut c = config(&["d", "", "x"]);
    c.all = true;
    let mut list = listing(vec![("kept", meta(21, 2, false, 1), Child::Leaf)]);
    list.names.extend_from_slice(b"gone\0");
    let start = list.names.len() - 5;
    list.entries.push(Entry {
        name: start..start + 4,
        meta: Err(StatError::Skipped),
        child: Child::Leaf,
        symlinks: 0,
    });
    let skipped = || Entry {
        name: 0..0,
        meta: Err(StatError::Skipped),
        child: Child::Leaf,
        symlinks: 0,
    };
    let scans = vec![
        operand(0, meta(20, 8, true, 3), Child::Dir(3)),
        Scan {
            id: 1,
            body: Body::Operand(skipped()),
        },
        Scan {
            id: 2,
            body: Body::Operand(skipped()),
        },
        Scan {
            id: 3,
            body: Body::Listed(list),
        },
    ];
    let (out, err) = run(&c, scans);
    assert_eq!(out, "2\td/kept\n10\td\n");
    assert_eq!(err, "dug: invalid zero-length file name\n");
}

#[test]
fn sums_open_at_the_first_entry_start_at_the_epoch() {
    let mut c = config(&["d", "e"]);
    c.time_format = Some(b"%s".to_vec());
    let old = |ino: u64, is_dir: bool| Meta {
        time: Stamp {
            sec: -100 - ino as i64,
            nsec: 0,
        },
        ..meta(ino, 2, is_dir, 1)
    };
    let scans = vec![
        operand(0, old(1, true), Child::Dir(2)),
        operand(1, old(5, true), Child::Dir(3)),
        Scan {
            id: 2,
            body: Body::Listed(listing(vec![("f", old(2, false), Child::Leaf)])),
        },
        Scan {
            id: 3,
            body: Body::Listed(listing(vec![("g", old(6, false), Child::Leaf)])),
        },
    ];
    // d's sums were du's zeroed allocation: 0 beats -101 and -102. e's were reset.
    assert_eq!(run(&c, scans).0, "4\t0\td\n4\t-105\te\n");
}
