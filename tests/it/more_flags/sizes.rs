//! -t / --threshold, --inodes, and the block size environment (DU_BLOCK_SIZE, BLOCK_SIZE,
//! BLOCKSIZE, POSIXLY_CORRECT) and which of them wins.

use crate::common::oracle::table;
use crate::common::process::Opts;
use crate::common::trees::{links_tree, mixed_tree, sizes_tree};

const THRESHOLD_FLAGS: &[&[&str]] = &[
    &["-t", "0"],
    &["-t", "1"],
    &["-t", "+0"],
    &["-t", " -0"],
    &["-a", "-t", "4K"],
    &["-a", "-t", "4097"],
    &["-a", "-t", "-4K"],
    &["-a", "-t", "-4096"],
    &["-a", "-t", "-1"],
    &["-a", "-t", "-0x1000"],
    &["-a", "-t", "010"],
    &["-a", "-t", "1KB"],
    &["-a", "-t", "K"],
    &["-a", "-t", "1KiB"],
    &["-s", "-t", "1M"],
    &["-c", "-t", "1G"],
    &["-c", "-s", "-t", "-1"],
    &["-a", "-b", "-t", "5000"],
    &["-a", "--apparent-size", "-t", "-1KiB"],
    &["-a", "-h", "-t", "10K"],
    &["-a", "--si", "-t", "-10k"],
    &["-a", "-0", "-t", "8K"],
    &["-S", "-t", "8K"],
    &["-d", "1", "-t", "100K"],
    &["-a", "-L", "-t", "20K"],
    &["-a", "-l", "-t", "-8K"],
    &["-a", "-t", "9223372036854775807"],
    &["-a", "-t", "-9223372036854775808"],
    &["-a", "-t", "7E"],
    &["-a", "--threshold=-8E"],
    &["-a", "--thr", "2M"],
];

#[test]
fn thresholds_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), THRESHOLD_FLAGS, &["."], &Opts::default());
}

#[test]
fn thresholds_over_sizes_tree() {
    let t = sizes_tree();
    table(t.path(), THRESHOLD_FLAGS, &["t"], &Opts::default());
}

// --inodes.

const INODES_FLAGS: &[&[&str]] = &[
    &["--inodes"],
    &["-a", "--inodes"],
    &["-a", "-l", "--inodes"],
    &["--inodes", "-S"],
    &["-a", "--inodes", "-S"],
    &["--inodes", "-c", "-s"],
    &["--inodes", "-h"],
    &["--inodes", "--si"],
    &["--inodes", "-k"],
    &["--inodes", "-m"],
    &["--inodes", "-BKB"],
    &["--inodes", "-BK"],
    &["--inodes", "-BKiB"],
    &["--inodes", "-B2"],
    &["--inodes", "-B", "human-readable"],
    &["--inodes", "-b"],
    &["--inodes", "--apparent-size"],
    &["-b", "--inodes", "--apparent-size", "-s"],
    &["-a", "-L", "--inodes"],
    &["-L", "-l", "--inodes"],
    &["--inodes", "-d", "1"],
    &["--inodes", "-0", "-a"],
    &["--inodes", "-x"],
    &["--inodes", "-t", "5"],
    &["-a", "--inodes", "-t", "-1"],
    &["--inodes", "-c", "--exclude=sizes"],
];

#[test]
fn inodes_over_mixed_tree() {
    let t = mixed_tree();
    table(t.path(), INODES_FLAGS, &["."], &Opts::default());
}

#[test]
fn inodes_over_links_tree() {
    let t = links_tree();
    table(t.path(), INODES_FLAGS, &["."], &Opts::default());
    table(
        t.path(),
        &[&["--inodes", "-c"], &["--inodes", "-a", "-c"]],
        &["a", "b", "c", "a"],
        &Opts::default(),
    );
}

#[test]
fn inodes_with_block_size_environment() {
    let t = mixed_tree();
    for (name, value) in [
        ("DU_BLOCK_SIZE", "1M"),
        ("BLOCK_SIZE", "human-readable"),
        ("BLOCKSIZE", "KB"),
    ] {
        table(
            t.path(),
            &[&["--inodes"], &["--inodes", "-k"]],
            &["."],
            &Opts::default().with_env(name, value),
        );
    }
}

#[test]
fn block_size_environment() {
    let t = sizes_tree();
    let flags: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-k"],
        &["-h", "-s"],
        &["-B", "1"],
        &["-b", "-s"],
    ];
    let values = [
        "1",
        "1K",
        "1M",
        "KB",
        "KiB",
        "MB",
        "512",
        "'1",
        "'1K",
        "human-readable",
        "human",
        "h",
        "si",
        "s",
        "0",
        "",
        "xyz",
        "1X",
        "Ki",
        "-1",
        "99999999999999999999",
        " 2K",
        "0x400",
    ];
    for name in ["DU_BLOCK_SIZE", "BLOCK_SIZE", "BLOCKSIZE"] {
        for value in values {
            table(
                t.path(),
                flags,
                &["t"],
                &Opts::default().with_env(name, value),
            );
        }
    }
}

#[test]
fn block_size_environment_precedence() {
    let t = sizes_tree();
    let flags: &[&[&str]] = &[&[], &["-s", "-c"]];
    let settings: &[&[(&str, &str)]] = &[
        &[("DU_BLOCK_SIZE", "1M"), ("BLOCK_SIZE", "1K")],
        &[("BLOCK_SIZE", "1M"), ("BLOCKSIZE", "1")],
        &[("DU_BLOCK_SIZE", ""), ("BLOCK_SIZE", "1M")],
        &[("DU_BLOCK_SIZE", "bogus"), ("BLOCKSIZE", "1M")],
        &[("BLOCKSIZE", "1M"), ("POSIXLY_CORRECT", "1")],
        &[("POSIXLY_CORRECT", "")],
        &[("POSIXLY_CORRECT", "1"), ("BLOCK_SIZE", "0")],
        &[
            ("POSIXLY_CORRECT", "1"),
            ("DU_BLOCK_SIZE", "human-readable"),
        ],
    ];
    for env in settings {
        let mut opts = Opts::default();
        for (name, value) in env.iter() {
            opts = opts.with_env(name, value);
        }
        table(t.path(), flags, &["t"], &opts);
        table(t.path(), &[&["-k"], &["-h"], &["--si"]], &["t"], &opts);
    }
}
