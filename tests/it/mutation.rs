//! Trees that change while dug walks them: entries created, removed and renamed (dug must
//! report what vanished in du's words, exit 1, count everything that stayed, and never panic
//! or hang), and directories swapped for symlinks to outside the tree (dug must never follow
//! them: nothing outside is printed or counted).

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::common::process::{Opts, Run, dug, run_with};
use crate::common::tree::Tree;

/// Rounds of runs (one per setting) at least.
const RUNS: usize = 40;
/// Rounds at most while what a test waits for has not happened yet (an entry vanished, a swap
/// raced): counted, not timed, so a slow machine changes nothing but the duration (each run is
/// bounded by `RUN_TIMEOUT`).
const MAX_RUNS: usize = 400;
/// One run on these small trees takes milliseconds; a run still going after this is hung.
const RUN_TIMEOUT: Duration = Duration::from_secs(15);

/// A deterministic xorshift generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A thread that changes a tree until dropped; `rounds` counts its changes.
struct Churn {
    stop: Arc<AtomicBool>,
    rounds: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Churn {
    fn start(change: impl FnMut(u64) + Send + 'static) -> Churn {
        let stop = Arc::new(AtomicBool::new(false));
        let rounds = Arc::new(AtomicU64::new(0));
        let (s, r) = (Arc::clone(&stop), Arc::clone(&rounds));
        let mut change = change;
        let thread = thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                change(r.fetch_add(1, Ordering::Relaxed));
            }
        });
        Churn {
            stop,
            rounds,
            thread: Some(thread),
        }
    }

    fn rounds(&self) -> u64 {
        self.rounds.load(Ordering::Relaxed)
    }
}

impl Drop for Churn {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// 12 stable dirs `s00..s11` of 3 stable subdirs `t0..t2` of 8 stable files each. Everything
/// the churn makes starts with `m`, and stable names never do.
fn stable_tree() -> (Tree, BTreeSet<String>) {
    let t = Tree::new();
    let mut stable = BTreeSet::new();
    for d in 0..12 {
        for s in 0..3 {
            for f in 0..8 {
                let path = format!("s{d:02}/t{s}/f{f}");
                t.file(&path, (d * 3 + s) * 100 + f);
                stable.insert(format!("./{path}"));
            }
            stable.insert(format!("./s{d:02}/t{s}"));
        }
        stable.insert(format!("./s{d:02}"));
    }
    stable.insert(".".to_owned());
    (t, stable)
}

/// One change to the tree at `root`: a file or a small subtree created, removed, or renamed
/// into another directory, always under an `m` name. Errors are expected (another change got
/// there first) and ignored.
fn change(root: &Path, rng: &mut Rng, round: u64) {
    let stable_dir = |rng: &mut Rng| root.join(format!("s{:02}/t{}", rng.below(12), rng.below(3)));
    let name = |rng: &mut Rng, kind: &str| format!("m{kind}{}", rng.below(40));
    match rng.below(5) {
        0 => {
            let _ = fs::write(stable_dir(rng).join(name(rng, "f")), vec![b'x'; 5000]);
        }
        1 => {
            let _ = fs::remove_file(stable_dir(rng).join(name(rng, "f")));
        }
        2 => {
            let dir = stable_dir(rng).join(name(rng, "d"));
            let _ = fs::create_dir_all(dir.join("md/me"));
            for i in 0..6 {
                let _ = fs::write(dir.join(format!("md/mf{i}")), vec![b'y'; 3000]);
            }
            let _ = fs::write(dir.join(format!("mr{round}")), b"z");
        }
        3 => {
            let _ = fs::remove_dir_all(stable_dir(rng).join(name(rng, "d")));
        }
        _ => {
            let from = stable_dir(rng).join(name(rng, "d"));
            let to = stable_dir(rng).join(name(rng, "d"));
            let _ = fs::rename(from, to);
        }
    }
}

/// Every path in a record line (`SIZE\tPATH`), failing on a line that is not one.
fn record_paths(run: &Run, what: &str) -> Vec<String> {
    let stdout = String::from_utf8(run.stdout.clone()).expect("the tree's names are UTF-8");
    stdout
        .lines()
        .map(|line| {
            let (size, path) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{what}: not a record: {line:?}"));
            assert!(size.parse::<u64>().is_ok(), "{what}: bad size in {line:?}");
            path.to_owned()
        })
        .collect()
}

/// Whether `path` names something the churn may have removed or moved: a component of it
/// starts with `m`.
fn is_churned(path: &str) -> bool {
    path.split('/').any(|c| c.starts_with('m'))
}

/// Checks one run made during the churn: du's messages for what vanished (and nothing
/// else), status 1 exactly when there was one, every stable entry counted once, the
/// operand's total last.
fn check_churned_run(run: &Run, stable: &BTreeSet<String>, what: &str) -> usize {
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    let mut vanished = 0;
    for line in stderr.lines() {
        let path = ["cannot access '", "cannot read directory '"]
            .iter()
            .find_map(|p| line.strip_prefix("dug: ")?.strip_prefix(p))
            .and_then(|rest| rest.strip_suffix("': No such file or directory"))
            .unwrap_or_else(|| panic!("{what}: not a vanished-entry message: {line:?}"));
        assert!(
            path.starts_with("./") && is_churned(path),
            "{what}: reported a path the churn never touched: {line:?}"
        );
        vanished += 1;
    }
    let expected = if vanished > 0 { 1 } else { 0 };
    assert_eq!(run.status, expected, "{what}: status\n{stderr}");
    let paths = record_paths(run, what);
    assert_eq!(
        paths.last().map(String::as_str),
        Some("."),
        "{what}: last record"
    );
    let mut counted = BTreeSet::new();
    for p in &paths {
        assert!(p == "." || p.starts_with("./"), "{what}: path {p:?}");
        assert!(
            counted.insert(p.clone()) || is_churned(p),
            "{what}: {p} printed twice"
        );
    }
    let missing: Vec<&String> = stable.difference(&counted).collect();
    assert!(
        missing.is_empty(),
        "{what}: stable entries missing: {missing:?}"
    );
    vanished
}

/// Runs `dug -a -j N .` in `root` for every N in `threads`, RUNS rounds and more while nothing
/// has vanished yet (a vanish needs a change to land between a listing and its stat or open,
/// which a few rounds may happen to miss), checking each run; returns the runs made and the
/// vanished entries reported.
fn churned_runs(
    root: &Path,
    stable: &BTreeSet<String>,
    threads: &[&str],
    opts: &Opts,
) -> (usize, usize) {
    let (mut runs, mut vanished) = (0, 0);
    for i in 0..MAX_RUNS {
        if i >= RUNS && vanished > 0 {
            break;
        }
        for &n in threads {
            let args = ["-a", "-j", n, "."];
            let what = format!("run {i}: dug {}", args.join(" "));
            let run = run_with(dug().as_os_str(), &args, root, opts);
            vanished += check_churned_run(&run, stable, &what);
            runs += 1;
        }
    }
    (runs, vanished)
}

#[test]
fn entries_changing_under_the_walk() {
    let (t, stable) = stable_tree();
    let root = t.path().to_path_buf();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Seed some churn before the first run, so there is something to vanish.
    for round in 0..300 {
        change(&root, &mut rng, round);
    }
    let churn = Churn::start(move |round| change(&root, &mut rng, round));
    let opts = Opts {
        timeout: RUN_TIMEOUT,
        ..Opts::default()
    };
    let (runs, vanished) = churned_runs(t.path(), &stable, &["1", "64"], &opts);
    let rounds = churn.rounds();
    drop(churn);
    eprintln!("{runs} runs during {rounds} changes: {vanished} vanished entries reported");
    assert!(
        vanished > 0,
        "{rounds} changes during {runs} runs and nothing ever vanished mid-walk"
    );
}

/// Stable files in the wide directory, beside the churned ones: over the 256 entries from
/// which a directory's stats are shared among workers (src/walk/wide.rs).
const WIDE_STABLE: usize = 700;
/// Names the churn creates and removes in the wide directory.
const WIDE_CHURNED: usize = 300;

/// Entries removed between a wide directory's listing and their stat, which another worker's
/// chunk may make: reported in du's words, everything stable counted once.
#[test]
fn entries_vanishing_from_a_wide_directory() {
    let t = Tree::new();
    let mut stable = BTreeSet::from([".".to_owned(), "./wide".to_owned()]);
    for i in 0..WIDE_STABLE {
        t.file(format!("wide/s{i:04}"), i % 3000);
        stable.insert(format!("./wide/s{i:04}"));
    }
    let wide = t.join("wide");
    for i in 0..WIDE_CHURNED {
        let _ = fs::write(wide.join(format!("m{i:03}")), b"x");
    }
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let churn = Churn::start(move |_| {
        let name = wide.join(format!("m{:03}", rng.below(WIDE_CHURNED)));
        if fs::remove_file(&name).is_err() {
            let _ = fs::write(&name, b"x");
        }
    });
    let opts = Opts {
        timeout: RUN_TIMEOUT,
        ..Opts::default()
    };
    let (runs, vanished) = churned_runs(t.path(), &stable, &["1", "2", "64"], &opts);
    let rounds = churn.rounds();
    drop(churn);
    eprintln!("{runs} runs during {rounds} changes: {vanished} vanished entries reported");
    assert!(
        vanished > 0,
        "{rounds} changes during {runs} runs and nothing ever vanished between listing and stat"
    );
}

/// A file of this apparent size sits outside the tree: a walk that got out would count it.
const SECRET_SIZE: u64 = 1 << 40;

/// `tree/v00..v39`, directories with subdirs and files, and `outside/secret/` holding a 1 TiB
/// sparse file; the swap replaces each `vNN` by a symlink to `outside/secret` and back.
fn swap_tree() -> Tree {
    let t = Tree::new();
    for v in 0..40 {
        for s in 0..3 {
            t.file(format!("tree/v{v:02}/sub{s}/f"), 100);
        }
        t.file(format!("tree/v{v:02}/g"), 200);
    }
    t.sparse("outside/secret/SECRET", SECRET_SIZE)
        .file("outside/secret/sub0/SECRET2", 100);
    t
}

/// Swaps `tree/vNN` for a symlink to the outside and back.
fn swap(root: &Path, rng: &mut Rng) {
    let victim = root.join(format!("tree/v{:02}", rng.below(40)));
    let away = victim.with_extension("away");
    if fs::rename(&victim, &away).is_ok() {
        let _ = symlink(root.join("outside/secret"), &victim);
        thread::yield_now();
        let _ = fs::remove_file(&victim);
        let _ = fs::rename(&away, &victim);
    }
}

/// The settings the swap test runs dug in: threads, and a descriptor limit under which
/// directories are also reopened by name from an ancestor (that path must refuse symlinks too).
const SWAP_SETTINGS: [(&str, Option<u32>); 3] = [("1", None), ("64", None), ("64", Some(12))];

#[test]
fn directories_swapped_for_symlinks_are_never_followed() {
    let t = swap_tree();
    let root = t.path().to_path_buf();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let churn = Churn::start(move |_| swap(&root, &mut rng));
    let tree = t.join("tree");
    let mut runs = 0;
    // Per setting, the opens that met a symlink where the listing had a directory.
    let mut refused = [0; SWAP_SETTINGS.len()];
    let mut vanished = 0;
    // RUNS rounds, and more while some setting has not met the race yet: counted, not timed.
    for i in 0..MAX_RUNS {
        if i >= RUNS && refused.iter().all(|&n| n > 0) {
            break;
        }
        for (setting, (threads, nofile)) in SWAP_SETTINGS.into_iter().enumerate() {
            let args = ["-a", "-b", "-c", "-j", threads, "."];
            let opts = Opts {
                timeout: RUN_TIMEOUT,
                wrapper: nofile
                    .map(|n: u32| {
                        [
                            "prlimit".into(),
                            format!("--nofile={n}").into(),
                            "--".into(),
                        ]
                    })
                    .map_or_else(Vec::new, |w: [OsString; 3]| w.to_vec()),
                ..Opts::default()
            };
            let what = format!("run {i}: dug {} (nofile {nofile:?})", args.join(" "));
            let run = run_with(dug().as_os_str(), &args, &tree, &opts);
            let met = check_swapped_run(&run, &what);
            refused[setting] += met.refused;
            vanished += met.vanished;
            runs += 1;
        }
    }
    let rounds = churn.rounds();
    drop(churn);
    eprintln!(
        "{runs} runs during {rounds} swaps: symlinks met where a dir was listed {refused:?} \
         (per setting {SWAP_SETTINGS:?}), {vanished} swapped-away names"
    );
    // Without this the test could pass on runs that all finished between two swaps.
    assert!(
        refused.iter().all(|&n| n > 0),
        "the race never happened in some setting: in {runs} runs during {rounds} swaps, opens \
         that met a symlink where a directory was listed: {refused:?} for {SWAP_SETTINGS:?}"
    );
}

/// Messages for an open that met a symlink where the listing had a directory: `O_NOFOLLOW`
/// refuses it, with ENOTDIR when `O_DIRECTORY` is checked first and ELOOP otherwise.
const REFUSED: &[&str] = &["': Too many levels of symbolic links", "': Not a directory"];
/// The message for a name the swap had moved away when dug stat'ed or opened it.
const VANISHED: &str = "': No such file or directory";

/// What one run met of the swaps, counted from its messages.
struct Met {
    /// Opens refused because a symlink stood where a directory had been listed.
    refused: usize,
    /// Entries gone between their listing and their stat or open.
    vanished: usize,
}

/// No record names anything outside or below a symlink, the total stays far below the secret
/// file, and every message is one du gives for an entry swapped under it.
fn check_swapped_run(run: &Run, what: &str) -> Met {
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    assert!(
        !stderr.contains("SECRET") && !stderr.contains("outside"),
        "{what}: stderr names the outside:\n{stderr}"
    );
    let mut met = Met {
        refused: 0,
        vanished: 0,
    };
    for line in stderr.lines() {
        assert!(
            line.starts_with("dug: cannot read directory './v")
                || line.starts_with("dug: cannot access './v"),
            "{what}: unexpected message {line:?}"
        );
        if REFUSED.iter().any(|k| line.ends_with(k)) {
            met.refused += 1;
        } else if line.ends_with(VANISHED) {
            met.vanished += 1;
        } else {
            panic!("{what}: unexpected reason {line:?}");
        }
    }
    assert_eq!(
        run.status,
        if met.refused + met.vanished > 0 { 1 } else { 0 },
        "{what}\n{stderr}"
    );
    let paths = record_paths(run, what);
    for p in &paths {
        assert!(
            !p.contains("SECRET") && !p.contains("outside"),
            "{what}: printed {p:?}"
        );
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    let total: u64 = stdout
        .lines()
        .last()
        .and_then(|l| l.strip_suffix("\ttotal"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{what}: no total line"));
    assert!(
        total < SECRET_SIZE / 1024,
        "{what}: total {total} counts the outside"
    );
    met
}

/// The churn helpers must really change the tree, or the tests above prove nothing.
#[test]
fn the_churn_changes_the_tree() {
    let (t, _) = stable_tree();
    let mut rng = Rng(7);
    for round in 0..200 {
        change(t.path(), &mut rng, round);
    }
    let churned: Vec<PathBuf> = walkdir::WalkDir::new(t.path())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('m'))
        })
        .collect();
    assert!(churned.len() > 20, "only {} m entries", churned.len());
    let t = swap_tree();
    let victim = t.join("tree/v00");
    let away = victim.with_extension("away");
    fs::rename(&victim, &away).expect("move the victim away");
    symlink(t.join("outside/secret"), &victim).expect("put the symlink in its place");
    assert!(fs::symlink_metadata(&victim).expect("lstat").is_symlink());
    let followed = run_with(
        dug().as_os_str(),
        &["-L", "-s", "-b", "tree"],
        t.path(),
        &Opts::default(),
    );
    let size: u64 = String::from_utf8_lossy(&followed.stdout)
        .split('\t')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a size");
    assert!(
        size >= SECRET_SIZE,
        "-L does follow the swapped link: {size}"
    );
}
