//! `--ncdu-export`: the export holds the whole tree with du's sizes, so that the totals ncdu
//! shows for its root are du's for every option that changes what du counts, while standard
//! output, standard error and the exit status stay du's; `-` puts the export alone on standard
//! output; the thread count changes nothing; FILE that cannot be opened or written is reported
//! in du's style. `browse` has ncdu itself read the export.

mod browse;

use std::ffi::OsString;
use std::path::Path;

use crate::common::ncdu::{Export, Node};
use crate::common::oracle::{as_du, run_du};
use crate::common::privilege::mount_namespace;
use crate::common::process::{Opts, Run, dug, run_with};
use crate::common::tree::{Tree, temp_root};
use crate::common::trees::{mixed_tree, perms_tree, walk_tree};

/// `dug FLAGS --ncdu-export=FILE .` in `dir`, FILE outside the tree: the run and the export.
fn dug_exporting(dir: &Path, flags: &[&str], opts: &Opts) -> (Run, Export) {
    let out = temp_root();
    let file = out.path().join("export.json");
    let mut args: Vec<OsString> = flags.iter().map(OsString::from).collect();
    let mut option = OsString::from("--ncdu-export=");
    option.push(&file);
    args.push(option);
    args.push(".".into());
    let run = run_with(dug().as_os_str(), &args, dir, &as_du(opts));
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("read {file:?}: {e}"));
    (run, Export::parse(&bytes))
}

/// `dug FLAGS --ncdu-export=- .` in `dir`: the run, whose standard output is the export.
fn dug_to_stdout(dir: &Path, flags: &[&str], opts: &Opts) -> (Run, Export) {
    let mut args = flags.to_vec();
    args.extend(["--ncdu-export=-", "."]);
    let run = run_with(dug().as_os_str(), &args, dir, &as_du(opts));
    let export = Export::parse(&run.stdout);
    (run, export)
}

/// GNU du's disk usage in bytes (`-B1 -s`) and apparent size (`-sb`) of `.` with `flags`.
fn du_totals(dir: &Path, flags: &[&str], opts: &Opts) -> (u64, u64) {
    let total = |extra: &[&str]| {
        let mut args = flags.to_vec();
        args.extend_from_slice(extra);
        let run = run_du(&args, dir, opts);
        let text = String::from_utf8_lossy(&run.stdout);
        let field = text.split('\t').next().unwrap_or_default();
        field
            .parse::<u64>()
            .unwrap_or_else(|_| panic!("du {args:?} printed {text:?}"))
    };
    (total(&["-B1", "-s", "."]), total(&["-sb", "."]))
}

/// Fails unless ncdu's root totals over `export` are du's with the counting flags `counted`.
fn assert_totals(export: &Export, dir: &Path, counted: &[&str], opts: &Opts) {
    let (disk, apparent) = du_totals(dir, counted, opts);
    let (dsize, asize) = export.totals();
    assert_eq!(
        (dsize, asize),
        (disk, apparent),
        "dsize and asize sums against du -B1 -s and du -sb with {counted:?}"
    );
}

/// The run's stdout, stderr and status against du's with `flags` (-v, which du lacks, aside).
fn assert_like_du(run: &Run, dir: &Path, flags: &[&str], opts: &Opts) {
    let du_flags: Vec<&str> = flags.iter().copied().filter(|&f| f != "-v").collect();
    let mut args = du_flags.clone();
    args.push(".");
    let du = run_du(&args, dir, opts);
    assert_eq!(run.status, du.status, "status with {flags:?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&du.stdout),
        "stdout with {flags:?}"
    );
    let stderr: String = String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter(|l| !(flags.contains(&"-v") && l.contains(" files, ")))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        stderr,
        String::from_utf8_lossy(&du.stderr),
        "stderr with {flags:?}"
    );
}

/// What dug is given, and the part of it that changes what du counts (for du's totals).
const CASES: &[(&[&str], &[&str])] = &[
    (&[], &[]),
    // Options that change what du prints, not what it counts: the export is the whole tree.
    (&["-a", "-d", "1", "-t", "8k", "-S", "-c", "-v", "-h"], &[]),
    (&["-s", "--apparent-size", "--time"], &[]),
    (&["-l"], &["-l"]),
    (&["-L"], &["-L"]),
    (&["-L", "-l"], &["-L", "-l"]),
    (&["-x"], &["-x"]),
    (
        &["--exclude=sz", "--exclude=*_dir"],
        &["--exclude=sz", "--exclude=*_dir"],
    ),
];

#[test]
fn totals_are_du_s_and_the_records_unchanged() {
    let t = mixed_tree();
    for &(flags, counted) in CASES {
        let opts = Opts::default();
        let (run, export) = dug_exporting(t.path(), flags, &opts);
        assert_like_du(&run, t.path(), flags, &opts);
        assert_totals(&export, t.path(), counted, &opts);
        assert_eq!((export.major, export.minor), (1, 2));
        assert_eq!(
            export.metadata.get("progname"),
            Some(&crate::common::ncdu::Value::Text(b"dug".to_vec()))
        );
        assert_eq!(export.root.name(), t.path().as_os_str().as_encoded_bytes());
    }
}

#[test]
fn entries_are_marked_as_ncdu_marks_them() {
    let t = mixed_tree();
    let (_, export) = dug_exporting(t.path(), &["--exclude=s0"], &Opts::default());
    let root = &export.root;
    let ln = root.child("ln");
    // Every name of a hard-linked file carries the link and the full sizes.
    for (dir, name) in [
        ("a", "orig"),
        ("a", "orig_same_dir"),
        ("b", "orig_other_dir"),
    ] {
        let link = ln.child(dir).child(name);
        assert!(link.flag("hlnkc"), "{dir}/{name}");
        assert_eq!(link.number("nlink"), Some(3));
        assert_eq!(link.number("asize"), Some(5000));
    }
    assert!(ln.child("to_file").flag("notreg"));
    assert!(root.child("pipe").flag("notreg"));
    assert!(!root.child("top_file").flag("notreg"));
    let excluded = root.child("sz").child("sizes").child("s0");
    assert_eq!(excluded.text("excluded"), Some(&b"pattern"[..]));
    assert!(matches!(root.child("sz").child("empty"), Node::Dir(_, c) if c.is_empty()));
    // Names keep their bytes.
    let nm = root.child("nm");
    let Node::Dir(_, names) = nm else {
        panic!("nm is a directory")
    };
    assert!(names.iter().any(|n| n.name() == b"bad\xff\xfebytes"));
    assert!(names.iter().any(|n| n.name() == b"new\nline"));
    // -l counts every name: nothing is marked.
    let (_, counted) = dug_exporting(t.path(), &["-l"], &Opts::default());
    let orig = counted.root.child("ln").child("a").child("orig");
    assert!(!orig.flag("hlnkc") && orig.number("nlink").is_none());
}

#[test]
fn hard_links_across_directories_count_once_at_the_root() {
    let t = walk_tree(6, 30);
    for flags in [&[][..], &["-l"], &["-a", "-d", "1"]] {
        let counted: Vec<&str> = flags.iter().copied().filter(|&f| f == "-l").collect();
        let (run, export) = dug_to_stdout(t.path(), flags, &Opts::default());
        assert_eq!(run.status, 0, "{}", String::from_utf8_lossy(&run.stderr));
        assert_totals(&export, t.path(), &counted, &Opts::default());
    }
}

#[test]
fn unreadable_directories_are_read_errors_as_nobody() {
    let t = perms_tree();
    let opts = Opts::nobody();
    let (run, export) = dug_to_stdout(t.path(), &[], &opts);
    let du = run_du(&["."], t.path(), &opts);
    assert_eq!(run.status, du.status);
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        String::from_utf8_lossy(&du.stderr)
    );
    assert_totals(&export, t.path(), &[], &opts);
    let root = &export.root;
    let unreadable = root.child("unreadable");
    assert!(matches!(unreadable, Node::Dir(_, c) if c.is_empty()));
    assert!(unreadable.flag("read_error"));
    assert!(
        root.child("outer")
            .child("inner")
            .child("locked")
            .flag("read_error")
    );
    // Listed, but its entries cannot be stat'ed: they are the errors.
    let unsearchable = root.child("unsearchable");
    assert!(!unsearchable.flag("read_error"));
    assert!(unsearchable.child("f1").flag("read_error"));
    assert!(!root.child("noread_file").flag("read_error"));
}

#[test]
fn standard_output_carries_the_export_alone() {
    let t = mixed_tree();
    let (run, export) = dug_to_stdout(t.path(), &["-a", "-c"], &Opts::default());
    assert_eq!(run.status, 0, "{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.stdout.starts_with(b"[1,2,{\"progname\":\"dug\""));
    assert_totals(&export, t.path(), &[], &Opts::default());
    let to_file = dug_exporting(t.path(), &["-a", "-c"], &Opts::default()).1;
    assert_eq!(export.root, to_file.root);
}

#[test]
fn the_thread_count_changes_nothing() {
    let t = walk_tree(8, 40);
    t.file("deep/a/b/c/d/e/f", 7000);
    let m = mixed_tree();
    for (dir, flags) in [(t.path(), &[][..]), (m.path(), &[]), (m.path(), &["-L"])] {
        let export = |threads: &str| {
            let mut args = vec!["-j", threads];
            args.extend_from_slice(flags);
            dug_to_stdout(dir, &args, &Opts::default()).1.root
        };
        let one = export("1");
        assert!(one == export("64"), "-j 1 and -j 64 differ with {flags:?}");
    }
}

#[test]
fn a_file_that_cannot_be_written_is_reported_in_du_s_words() {
    let t = Tree::new();
    t.file("d/f", 3000);
    let args = ["--ncdu-export=/nonexistent/dir/x.json", "."];
    let run = run_with(dug().as_os_str(), &args, t.path(), &Opts::default());
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "dug: cannot open '/nonexistent/dir/x.json' for writing: No such file or directory\n"
    );
    assert_eq!(
        (run.status, run.stdout.as_slice()),
        (1, &b""[..]),
        "nothing walked"
    );
    // A write that fails: the records are still du's, the failure is said at the end.
    let args = ["--ncdu-export=/dev/full", "-s", "."];
    let run = run_with(dug().as_os_str(), &args, t.path(), &Opts::default());
    assert_eq!(
        run.stdout,
        run_du(&["-s", "."], t.path(), &Opts::default()).stdout
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "dug: error writing '/dev/full': No space left on device\n"
    );
    assert_eq!(run.status, 1);
    let args = ["--ncdu-export=x", "d", "."];
    let run = run_with(dug().as_os_str(), &args, t.path(), &Opts::default());
    assert_eq!(run.status, 1);
    assert!(String::from_utf8_lossy(&run.stderr).contains("single operand, not 2"));
}

/// -x needs a second file system in the tree: a tmpfs on `mnt/`, in a mount namespace of each
/// run's own (as `differential::operands::one_file_system`).
#[test]
#[ignore = "needs mount namespaces: root, or unshare -r where user namespaces are allowed"]
fn other_file_systems_are_excluded_with_x() {
    let t = mixed_tree();
    t.dir("mnt").file("after_mnt/f", 5000);
    let script = r#"mount -t tmpfs -o size=1m tmpfs mnt && mkdir mnt/d && echo data >mnt/f &&
        exec "$@""#;
    let opts = Opts {
        wrapper: mount_namespace(script),
        ..Opts::default()
    };
    let (run, export) = dug_to_stdout(t.path(), &["-x"], &opts);
    assert_eq!(run.status, 0, "{}", String::from_utf8_lossy(&run.stderr));
    assert_totals(&export, t.path(), &["-x"], &opts);
    let mnt = export.root.child("mnt");
    assert_eq!(mnt.text("excluded"), Some(&b"otherfs"[..]), "{mnt:?}");
    let (_, export) = dug_to_stdout(t.path(), &[], &opts);
    assert_totals(&export, t.path(), &[], &opts);
    let mnt = export.root.child("mnt");
    assert!(mnt.number("dev") != export.root.number("dev"), "{mnt:?}");
    mnt.child("d");
}
