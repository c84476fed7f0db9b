//! The option table against what its rows describe: places, value words, the default
//! thread count.

use super::*;
use crate::cli::spec::Hint;
use crate::cli::validate::TIME_WORDS;
use crate::config::DEFAULT_THREADS;
use crate::gnu::timestyle::STYLES;

#[test]
fn places_are_distinct_and_du_options_come_first() {
    let places = |is_du: bool| -> Vec<u8> {
        let entries = OPTIONS.iter().filter(|s| s.is_du == is_du);
        entries.flat_map(|s| s.help).map(|e| e.place).collect()
    };
    let mut all = places(true);
    let last_du = *all.iter().max().expect("du's options");
    assert!(places(false).iter().all(|&p| p > last_du));
    all.extend(places(false));
    all.sort_unstable();
    all.dedup();
    assert_eq!(
        all.len(),
        OPTIONS.iter().map(|s| s.help.len()).sum::<usize>()
    );
}

#[test]
fn texts_agree_with_what_they_describe() {
    let words = |spec: &Spec| match spec.takes.value().map(|v| v.hint) {
        Some(Hint::Words(words)) => words.iter().map(|w| w.word).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let row = |long: &str| {
        OPTIONS
            .iter()
            .find(|s| s.long == Some(long))
            .expect("a row")
    };
    let time: Vec<&str> = TIME_WORDS.iter().map(|&(w, _)| w).collect();
    assert_eq!(words(row("time")), time);
    let styles: Vec<&str> = STYLES.iter().map(|&(name, _)| name).collect();
    assert_eq!(words(row("time-style")), styles);
    let threads = row("threads");
    let default = format!("(default {DEFAULT_THREADS})");
    let texts = [threads.summary, threads.man.expect("a man text")];
    let help = threads.help.iter().flat_map(|e| e.lines);
    for text in texts.into_iter().chain(help.copied()) {
        assert!(text.contains(&default), "{text:?}");
    }
}
