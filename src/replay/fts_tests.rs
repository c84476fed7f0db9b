//! The replay's fts corners, fed hand-made scans: a directory that is its own ancestor (which
//! Linux makes only through a bind mount, so the warning of a corrupted file system is tested
//! here), -L's limit of 40 symlinks on a full path, and a directory moved while du is inside.

use std::collections::HashSet;

use crate::config::{Config, Deref};
use crate::gnu::size::SizeFormat;
use crate::replay::order::Replay;
use crate::report::Report;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::walk::probe::Probe;
use crate::walk::scan::{Body, Child, DirId, Entry, Listing, Meta, Scan, Stamp};

fn meta(ino: u64, is_dir: bool) -> Meta {
    Meta {
        dev: 1,
        ino,
        nlink: if is_dir { 2 } else { 1 },
        blocks: 2,
        size: 1024,
        is_dir,
        is_regular: !is_dir,
        time: Stamp::EPOCH,
    }
}

/// A listing of (name, inode, child, symlinks); a `Child::Leaf` is a file.
fn listing(entries: &[(&str, u64, Child, u8)]) -> Listing {
    let mut l = Listing::default();
    for &(name, ino, child, symlinks) in entries {
        let start = l.names.len();
        l.names.extend_from_slice(name.as_bytes());
        l.names.push(0);
        l.entries.push(Entry {
            name: start..start + name.len(),
            meta: Ok(meta(ino, child != Child::Leaf)),
            child,
            symlinks,
        });
    }
    l
}

fn listed(id: DirId, l: Listing) -> Scan {
    Scan {
        id,
        body: Body::Listed(l),
    }
}

fn operand(id: DirId, ino: u64, child: Child) -> Scan {
    Scan {
        id,
        body: Body::Operand(Entry {
            name: 0..0,
            meta: Ok(meta(ino, child != Child::Leaf)),
            child,
            symlinks: 0,
        }),
    }
}

/// What a run printed: stdout, stderr and the count of diagnostics that fail it.
struct Printed {
    out: String,
    err: String,
    errors: usize,
}

fn run(config: &Config, mount_points: &[(u64, u64)], scans: Vec<Scan>) -> Printed {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let errors;
    {
        let mut report = Report::new(config, &mut out, &mut err);
        let points: HashSet<(u64, u64)> = mount_points.iter().copied().collect();
        let mut replay = Replay::<false>::new(config).with_mount_points(points);
        for s in scans {
            replay.feed(s);
            replay.advance(&mut report).expect("writes to a Vec");
        }
        assert!(replay.is_complete(), "replay did not complete");
        replay.finish(&mut report).expect("writes to a Vec");
        report.flush().expect("writes to a Vec");
        errors = report.error_count();
    }
    Printed {
        out: String::from_utf8(out).expect("utf8"),
        err: String::from_utf8(err).expect("utf8"),
        errors,
    }
}

fn config(operands: &[&str]) -> Config {
    let mut c = Config::new(operands.iter().map(|s| (*s).into()).collect());
    c.format = SizeFormat::blocks(1024);
    c
}

const CYCLE_WARNING: &str = "dug: WARNING: Circular directory structure.\n\
This almost certainly means that you have a corrupted file system.\n\
NOTIFY YOUR SYSTEM MANAGER.\n\
The following directory is part of the cycle:\n  a/b/c\n\n";

/// a (10) / b (11) / c (10 again: a directory hard link), whose listing the walk read too.
fn cycle_at(operand_id: DirId, first: DirId) -> Vec<Scan> {
    let (b, c) = (first + 1, first + 2);
    vec![
        operand(operand_id, 10, Child::Dir(first)),
        listed(
            first,
            listing(&[("f", 20, Child::Leaf, 0), ("b", 11, Child::Dir(b), 0)]),
        ),
        listed(b, listing(&[("c", 10, Child::Dir(c), 0)])),
        listed(c, listing(&[("g", 21, Child::Leaf, 0)])),
    ]
}

#[test]
fn a_directory_its_own_ancestor_warns_and_counts_nothing() {
    let mut c = config(&["a"]);
    c.all = true;
    for deref in [Deref::Never, Deref::Operands] {
        c.deref = deref;
        let p = run(&c, &[], cycle_at(0, 1));
        assert_eq!(p.out, "1\ta/f\n1\ta/b\n3\ta\n");
        assert_eq!(p.err, CYCLE_WARNING);
        assert_eq!(p.errors, 1);
    }
}

#[test]
fn a_cycle_through_a_mount_point_is_silent() {
    let c = config(&["a"]);
    // b is a mount point: a bind mount made the cycle.
    let p = run(&c, &[(1, 11)], cycle_at(0, 1));
    assert_eq!(
        (p.out.as_str(), p.err.as_str(), p.errors),
        ("1\ta/b\n3\ta\n", "", 0)
    );
    // The directory met again is (the root of) a mount point.
    let p = run(&c, &[(1, 10)], cycle_at(0, 1));
    assert_eq!((p.err.as_str(), p.errors), ("", 0));
    // A mount point outside the cycle, or the directory above it, does not count.
    let p = run(&c, &[(1, 99)], cycle_at(0, 1));
    assert_eq!(p.err, CYCLE_WARNING);
}

#[test]
fn where_du_hashes_every_directory_a_cycle_is_a_directory_met_again() {
    // Two operands: du remembers every directory and skips c silently; with -l it does not.
    let mut c = config(&["a", "a"]);
    let mut scans = cycle_at(0, 2);
    scans.extend(cycle_at(1, 5));
    let p = run(&c, &[], scans);
    assert_eq!((p.out.as_str(), p.err.as_str()), ("1\ta/b\n3\ta\n", ""));
    c.count_links = true;
    let mut scans = cycle_at(0, 2);
    scans.extend(cycle_at(1, 5));
    let p = run(&c, &[], scans);
    assert_eq!(p.out, "1\ta/b\n3\ta\n1\ta/b\n3\ta\n");
    assert_eq!(p.err, CYCLE_WARNING.repeat(2));
    assert_eq!(p.errors, 2);
}

#[test]
fn one_file_system_leaves_a_cycle_on_the_operands_device_to_the_check() {
    let mut c = config(&["a"]);
    c.one_file_system = true;
    let p = run(&c, &[], cycle_at(0, 1));
    assert_eq!(
        (p.out.as_str(), p.err.as_str()),
        ("1\ta/b\n3\ta\n", CYCLE_WARNING)
    );
}

/// `1` and directories `1/s`, `1/s/s`… each reached through one more symlink, `depth` deep.
fn symlink_chain(depth: u64) -> Vec<Scan> {
    let mut scans = vec![operand(0, 1000, Child::Dir(1))];
    for level in 1..=depth {
        let entries: Vec<(&str, u64, Child, u8)> = if level == depth {
            vec![("foo", 3000, Child::Leaf, 0)]
        } else {
            vec![("s", 1000 + level, Child::Dir(level + 1), 1)]
        };
        scans.push(listed(level, listing(&entries)));
    }
    scans
}

#[test]
fn a_full_path_through_more_than_40_symlinks_cannot_be_accessed() {
    let mut c = config(&["1"]);
    c.deref = Deref::Always;
    let p = run(&c, &[], symlink_chain(60));
    let lines = p.out.lines().collect::<Vec<_>>();
    assert_eq!(lines.len(), 41);
    assert_eq!(lines[0], format!("1\t1{}", "/s".repeat(40)));
    assert_eq!(lines[40], "41\t1");
    let path = format!("1{}", "/s".repeat(41));
    let expected = format!("dug: cannot access '{path}': Too many levels of symbolic links\n");
    assert_eq!((p.err, p.errors), (expected, 1));
    // Without -L, du resolves one name at a time and the chain is no deeper than it is.
    c.deref = Deref::Never;
    let p = run(&c, &[], symlink_chain(60));
    assert_eq!((p.out.lines().count(), p.errors), (60, 0));
}

/// d / 1 / … / 6 / f, then operand e. d, 1 and 2 have the dev/ino of real directories under
/// `t`, the others made-up ones; the listing of 6 has a probe from the real `d/1/2/3/4/5/6`.
fn deep(t: &Path, probe: bool) -> Vec<Scan> {
    let real = |path: &str| {
        let st = std::fs::metadata(t.join(path)).expect("stat");
        Meta {
            dev: st.dev(),
            ino: st.ino(),
            ..meta(0, true)
        }
    };
    let identity = |level: u64| match level {
        0 => real("d"),
        1 => real("d/1"),
        2 => real("d/1/2"),
        _ => meta(100 + level, true),
    };
    let mut scans = vec![Scan {
        id: 0,
        body: Body::Operand(Entry {
            name: 0..0,
            meta: Ok(identity(0)),
            child: Child::Dir(10),
            symlinks: 0,
        }),
    }];
    for level in 0..6u64 {
        let name = (level + 1).to_string();
        let mut l = listing(&[("x", 200 + level, Child::Leaf, 0)]);
        let start = l.names.len();
        l.names.extend_from_slice(name.as_bytes());
        l.names.push(0);
        l.entries.push(Entry {
            name: start..start + name.len(),
            meta: Ok(identity(level + 1)),
            child: Child::Dir(11 + level),
            symlinks: 0,
        });
        scans.push(listed(10 + level, l));
    }
    let mut last = listing(&[("f", 300, Child::Leaf, 0)]);
    last.above = probe.then(|| Box::new(Probe::of(&t.join("d/1/2/3/4/5/6"))));
    scans.push(listed(16, last));
    scans.push(operand(1, 400, Child::Leaf));
    scans
}

#[test]
fn a_directory_moved_away_fails_where_fts_goes_up_by_dotdot() {
    let t = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir_all(t.path().join("d/1/2/3/4/5/6")).expect("mkdir");
    let mut c = config(&["d", "e"]);
    c.total = true;
    let scans = deep(t.path(), true);
    std::fs::rename(t.path().join("d/1/2"), t.path().join("d/2")).expect("rename");
    let p = run(&c, &[], scans);
    // 6, 5, 4 and 3 are left through descriptors fts kept; 2 by `..`, which is not 1 now.
    let records = [
        "2\td/1/2/3/4/5/6",
        "4\td/1/2/3/4/5",
        "6\td/1/2/3/4",
        "8\td/1/2/3",
    ];
    let mut out = records.join("\n");
    // e still comes; the total has all that was counted before, not 2, 1 or d themselves.
    out.push_str("\n1\te\n12\ttotal\n");
    assert_eq!(p.out, out);
    assert_eq!(
        p.err,
        "dug: fts_read failed: d/1/2: No such file or directory\n"
    );
    assert_eq!(p.errors, 1);

    // Once 2 is back where it was, nothing fails, and without a probe nothing can.
    std::fs::rename(t.path().join("d/2"), t.path().join("d/1/2")).expect("rename back");
    for probe in [true, false] {
        let scans = deep(t.path(), probe);
        if !probe {
            std::fs::rename(t.path().join("d/1/2"), t.path().join("d/2")).expect("rename");
        }
        let p = run(&c, &[], scans);
        assert_eq!((p.err.as_str(), p.errors), ("", 0));
        assert!(p.out.ends_with("14\td\n1\te\n15\ttotal\n"), "{}", p.out);
    }
}
