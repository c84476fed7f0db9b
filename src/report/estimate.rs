//! How far the walk is, when -v can tell: the share of the file system's used inodes the walk
//! has seen, the time left at the rate so far, and how both are shown: fields a script can
//! parse on plain lines (`, 42.3% done, 12 s left`), a bar on the redrawn terminal line
//! (`[#####-----] 42.3% · ~12 s left`), fitted to the terminal's width so that it never wraps.

use std::time::Duration;

/// The share seen and the time left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Estimate {
    /// From 0 to 1.
    pub(crate) share: f64,
    /// At the walk's average rate so far; None before anything is seen.
    pub(crate) left: Option<Duration>,
}

/// The bar's cells at most: wider says nothing more.
const BAR_MAX: usize = 30;
/// Fewer cells than this say too little to be worth the room.
const BAR_MIN: usize = 5;

impl Estimate {
    /// `seen` inodes of `used` after `elapsed`. The rate is the average since the start: it
    /// moves slowly, so the time left falls steadily rather than jumping with each directory.
    pub(crate) fn new(seen: f64, used: u64, elapsed: Duration) -> Estimate {
        let used = used as f64;
        let share = if used > 0.0 {
            (seen / used).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let secs = elapsed.as_secs_f64();
        let left = (seen > 0.0 && secs > 0.0).then(|| {
            let rate = seen / secs;
            Duration::from_secs_f64(((used - seen).max(0.0) / rate).min(1e9))
        });
        Estimate { share, left }
    }

    /// The share in percent with one decimal, `100.0` only when it is all but reached.
    fn percent(&self) -> String {
        // Floored (a hair up, for 0.423 stored as 0.42299…): 100.0% means all of it.
        let tenths = (self.share * 1000.0 + 1e-6).floor() / 10.0;
        format!("{tenths:.1}%")
    }

    /// What plain progress lines end with: `, 42.3% done, 12 s left` (whole seconds, rounded;
    /// no time before the walk has seen anything).
    pub(crate) fn fields(&self) -> String {
        match self.left {
            Some(left) => format!(
                ", {} done, {} s left",
                self.percent(),
                left.as_secs_f64().round()
            ),
            None => format!(", {} done", self.percent()),
        }
    }

    /// The words after the bar: `42.3% · ~12 s left` (`-` for `·` outside UTF-8), the time
    /// in seconds, minutes or hours as its size asks.
    fn words(&self, utf8: bool) -> String {
        let dot = if utf8 { '·' } else { '-' };
        match self.left {
            Some(left) => format!("{} {dot} ~{} left", self.percent(), human(left)),
            None => self.percent(),
        }
    }

    /// The status line after `dug: ` on a terminal of `columns`: `counts`, the bar and the
    /// words, as many of them as fit in `room` cells (the prefix and the last column, which
    /// some terminals wrap on, left out); the bar goes first, then the counts.
    pub(crate) fn line(&self, counts: &str, room: usize, utf8: bool) -> String {
        let words = self.words(utf8);
        let (counts_len, words_len) = (counts.chars().count(), words.chars().count());
        // counts, " [", bar, "] ", words.
        let fixed = counts_len + 4 + words_len;
        if room >= fixed + BAR_MIN {
            let cells = (room - fixed).min(BAR_MAX);
            let filled = ((self.share * cells as f64).round() as usize).min(cells);
            let bar = "#".repeat(filled) + &".".repeat(cells - filled);
            return format!("{counts} [{bar}] {words}");
        }
        if room > counts_len + words_len {
            return format!("{counts} {words}");
        }
        words.chars().take(room).collect()
    }
}

/// `12 s`, `5 min`, `3.2 h`: whole seconds up to 99, whole minutes up to 99, hours after.
fn human(left: Duration) -> String {
    let secs = left.as_secs_f64().round();
    if secs < 100.0 {
        format!("{secs} s")
    } else if secs < 100.0 * 60.0 {
        format!("{} min", (secs / 60.0).round())
    } else {
        format!("{:.1} h", secs / 3600.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTS: &str = "12345 files, 678 dirs, 1.2 GB, 24690 entries/s";

    fn at(share: f64, left: u64) -> Estimate {
        Estimate {
            share,
            left: Some(Duration::from_secs(left)),
        }
    }

    #[test]
    fn the_share_and_the_time_left_at_the_average_rate() {
        let e = Estimate::new(250.0, 1000, Duration::from_secs(10));
        assert_eq!(e.share, 0.25);
        assert_eq!(e.left, Some(Duration::from_secs(30)));
        // More seen than the file system says it uses (files made during the walk): done.
        let e = Estimate::new(1200.0, 1000, Duration::from_secs(10));
        assert_eq!((e.share, e.left), (1.0, Some(Duration::ZERO)));
        let e = Estimate::new(0.0, 1000, Duration::ZERO);
        assert_eq!((e.share, e.left), (0.0, None));
        // The time left falls as the walk goes on at a steady rate.
        let lefts: Vec<_> = (1..10)
            .map(|s| Estimate::new(100.0 * s as f64, 1000, Duration::from_secs(s)).left)
            .collect();
        assert!(lefts.windows(2).all(|w| w[0] > w[1]), "{lefts:?}");
        assert_eq!(lefts.last(), Some(&Some(Duration::from_secs(1))));
    }

    #[test]
    fn plain_fields_for_scripts() {
        assert_eq!(at(0.423, 12).fields(), ", 42.3% done, 12 s left");
        assert_eq!(at(1.0, 0).fields(), ", 100.0% done, 0 s left");
        assert_eq!(at(0.9999, 754).fields(), ", 99.9% done, 754 s left");
        let unknown = Estimate {
            share: 0.0,
            left: None,
        };
        assert_eq!(unknown.fields(), ", 0.0% done");
    }

    #[test]
    fn times_in_the_unit_their_size_asks() {
        assert_eq!(human(Duration::from_secs(99)), "99 s");
        assert_eq!(human(Duration::from_secs(100)), "2 min");
        assert_eq!(human(Duration::from_secs(5999)), "100 min");
        assert_eq!(human(Duration::from_secs(6000)), "1.7 h");
        assert_eq!(at(0.5, 12).words(true), "50.0% · ~12 s left");
        assert_eq!(at(0.5, 12).words(false), "50.0% - ~12 s left");
    }

    #[test]
    fn the_bar_fits_every_width_and_never_wraps() {
        let e = at(0.423, 12);
        let line = |room| e.line(COUNTS, room, true);
        assert_eq!(
            line(200),
            format!("{COUNTS} [#############.................] 42.3% · ~12 s left")
        );
        assert_eq!(
            line(80 - 6),
            format!("{COUNTS} [###...] 42.3% · ~12 s left")
        );
        // Too narrow for a bar: the counts and the words, then the words alone, then cut.
        assert_eq!(line(66), format!("{COUNTS} 42.3% · ~12 s left"));
        assert_eq!(line(40), "42.3% · ~12 s left");
        assert_eq!(line(8), "42.3% · ");
        assert_eq!(line(0), "");
        for room in 0..120 {
            assert!(
                line(room).chars().count() <= room,
                "{room}: {:?}",
                line(room)
            );
        }
        assert_eq!(
            at(1.0, 0).line("x", 40, false),
            "x [#################] 100.0% - ~0 s left"
        );
    }
}
