//! Determinism under load: many runs with 64 workers while busy threads load every core must
//! all print du's bytes. The 200-run soak is `bench/determinism-soak` (figures in the README).

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use crate::common::oracle::{run_du, run_dug_as_du};
use crate::common::process::Opts;
use crate::common::trees::walk_tree;

/// Runs per flag set (a few seconds in all; each run has its own hang timeout).
const RUNS: usize = 40;

/// Busy threads, one per core, until dropped; `spins` proves they ran.
struct Load {
    stop: Arc<AtomicBool>,
    spins: Arc<AtomicU64>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Load {
    fn start() -> Load {
        let cores = thread::available_parallelism().map_or(2, |n| n.get());
        let stop = Arc::new(AtomicBool::new(false));
        let spins = Arc::new(AtomicU64::new(0));
        let threads = (0..cores)
            .map(|_| {
                let (stop, spins) = (Arc::clone(&stop), Arc::clone(&spins));
                thread::spawn(move || {
                    let mut x = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        for i in 0..100_000u64 {
                            x = black_box(x.wrapping_mul(31).wrapping_add(i));
                        }
                        spins.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        Load {
            stop,
            spins,
            threads,
        }
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

#[test]
fn sixty_four_workers_under_load_always_print_du_bytes() {
    // About 2,700 entries with 400 extra hard links: where a link counts depends on du's order.
    let t = walk_tree(30, 25);
    let flag_sets: [&[&str]; 2] = [&["-a", "."], &["-a", "-l", "--inodes", "-c", "d00", "."]];
    let expected: Vec<_> = flag_sets
        .iter()
        .map(|args| run_du(args, t.path(), &Opts::default()))
        .collect();
    let load = Load::start();
    let mut runs = 0;
    for i in 0..RUNS {
        for (args, want) in flag_sets.iter().zip(&expected) {
            let mut with = vec!["-j", "64"];
            with.extend_from_slice(args);
            let got = run_dug_as_du(&with, t.path(), &Opts::default());
            assert!(
                &got == want,
                "run {i} of dug {with:?} differs from du:\n--- du\n{}\n--- dug\n{}\n{}",
                String::from_utf8_lossy(&want.stdout),
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&got.stderr)
            );
            runs += 1;
        }
    }
    let spins = load.spins.load(Ordering::Relaxed);
    drop(load);
    eprintln!("{runs} identical runs under load ({spins} load rounds)");
    assert!(spins > 0, "the load threads never ran");
}
