//! dug's parallel walk against an independent sequential one: walkdir stats every entry by
//! its full path, one at a time, and the sums it gives must be dug's, line for line.

use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::common::process::{Opts, dug, run_with};
use crate::common::tree::Tree;
use crate::common::trees::{mixed_tree, walk_tree};

/// Disk usage in bytes of every directory under `root` (itself included), summed over every
/// link, as `du -l -B1` defines it: each entry's st_blocks * 512, symlinks not followed.
fn reference_sizes(cwd: &Path, root: &str) -> BTreeMap<Vec<u8>, u64> {
    let mut sizes = BTreeMap::new();
    let mut dirs = Vec::new();
    let top = cwd.join(root);
    // The path dug prints for `rel`, a path relative to `root`.
    let key = |rel: &Path| -> Vec<u8> {
        let mut k = root.as_bytes().to_vec();
        if !rel.as_os_str().is_empty() {
            k.push(b'/');
            k.extend_from_slice(rel.as_os_str().as_bytes());
        }
        k
    };
    for entry in walkdir::WalkDir::new(&top) {
        let entry = entry.unwrap_or_else(|e| panic!("reference walk: {e}"));
        let meta = entry
            .metadata()
            .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        let rel = entry
            .path()
            .strip_prefix(&top)
            .expect("walkdir stays under its root");
        let bytes = meta.blocks() * 512;
        if meta.is_dir() {
            dirs.push(key(rel));
        }
        // Add the entry to itself (if a directory) and to every directory above it.
        for ancestor in rel.ancestors() {
            if ancestor != rel || meta.is_dir() {
                *sizes.entry(key(ancestor)).or_insert(0) += bytes;
            }
        }
    }
    sizes.retain(|path, _| dirs.contains(path));
    sizes
}

/// `dug -0 -l -B1 ROOT`'s records, as path -> size.
fn dug_sizes(cwd: &Path, root: &str, threads: &str) -> BTreeMap<Vec<u8>, u64> {
    let out = run_with(
        dug().as_os_str(),
        &["-0", "-l", "-B1", "-j", threads, root],
        cwd,
        &Opts::default(),
    );
    assert_eq!(
        out.status,
        0,
        "dug failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .split(|&b| b == 0)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let tab = line.iter().position(|&b| b == b'\t').expect("a tab");
            let size = std::str::from_utf8(&line[..tab])
                .expect("ASCII size")
                .parse()
                .expect("a number");
            (line[tab + 1..].to_vec(), size)
        })
        .collect()
}

fn assert_matches_reference(t: &Tree, root: &str) {
    let want = reference_sizes(t.path(), root);
    assert!(want.len() > 1, "the reference walk found directories");
    for threads in ["1", "20"] {
        assert_eq!(dug_sizes(t.path(), root, threads), want, "dug -j {threads}");
    }
}

#[test]
fn parallel_walk_sums_like_a_sequential_walk() {
    assert_matches_reference(&walk_tree(40, 30), ".");
}

#[test]
fn mixed_tree_sums_like_a_sequential_walk() {
    assert_matches_reference(&mixed_tree(), ".");
}
