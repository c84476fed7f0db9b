//! The words of the -v progress report and of the end-of-run lines on standard error: what has
//! been counted, how fast, and for how long.

use std::time::{Duration, Instant};

use humansize::{DECIMAL, FormatSizeOptions, format_size};

/// How often the progress line is redrawn: the Go du4 ticker's 500 ms.
pub(crate) const TICK: Duration = Duration::from_millis(500);

/// Files, directories and bytes: either what the walk has read so far (the progress line) or
/// what the replay has counted as du counts (the final and the cancel lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Non-directories.
    pub(crate) files: u64,
    /// Directories.
    pub(crate) dirs: u64,
    /// Disk usage (or apparent size) in bytes.
    pub(crate) bytes: u64,
}

/// Formats progress for a run that started when the meter was made.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Meter {
    started: Instant,
}

impl Default for Meter {
    fn default() -> Meter {
        Meter::new()
    }
}

impl Meter {
    /// A meter whose clock starts now.
    pub(crate) fn new() -> Meter {
        Meter {
            started: Instant::now(),
        }
    }

    /// How long since the meter was made.
    pub(crate) fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The line shown on each tick: `12345 files, 678 dirs, 1.2 GB, 24690 entries/s`.
    pub(crate) fn status(&self, tally: &Tally) -> String {
        status_line(tally, self.started.elapsed())
    }

    /// The last line of a -v run: `84123 files, 5096 dirs, 1.5 GB in 0.14 s`.
    pub(crate) fn summary(&self, tally: &Tally) -> String {
        summary_line(tally, self.started.elapsed())
    }

    /// The line written when the run is cancelled, whatever the flags.
    pub(crate) fn interrupted(&self, tally: &Tally) -> String {
        interrupted_line(tally, self.started.elapsed())
    }
}

fn counts(tally: &Tally) -> String {
    format!(
        "{} files, {} dirs, {}",
        tally.files,
        tally.dirs,
        // One decimal, powers of 1000, as the Go original's `%.1f GB`.
        format_size(
            tally.bytes,
            FormatSizeOptions::from(DECIMAL).decimal_places(1)
        )
    )
}

fn status_line(tally: &Tally, elapsed: Duration) -> String {
    let entries = tally.files.saturating_add(tally.dirs) as f64;
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { entries / secs } else { 0.0 };
    format!("{}, {rate:.0} entries/s", counts(tally))
}

fn summary_line(tally: &Tally, elapsed: Duration) -> String {
    format!("{} in {:.2} s", counts(tally), elapsed.as_secs_f64())
}

fn interrupted_line(tally: &Tally, elapsed: Duration) -> String {
    format!(
        "interrupted after {:.2} s; counted so far (partial): {}",
        elapsed.as_secs_f64(),
        counts(tally)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TALLY: Tally = Tally {
        files: 84123,
        dirs: 5096,
        bytes: 1_500_000_000,
    };

    #[test]
    fn lines_read_like_the_go_original() {
        let half = Duration::from_millis(500);
        assert_eq!(
            status_line(&TALLY, half),
            "84123 files, 5096 dirs, 1.5 GB, 178438 entries/s"
        );
        assert_eq!(
            summary_line(&TALLY, Duration::from_millis(1234)),
            "84123 files, 5096 dirs, 1.5 GB in 1.23 s"
        );
        assert_eq!(
            interrupted_line(&TALLY, half),
            "interrupted after 0.50 s; counted so far (partial): 84123 files, 5096 dirs, 1.5 GB"
        );
    }

    #[test]
    fn nothing_counted_in_no_time() {
        assert_eq!(
            status_line(&Tally::default(), Duration::ZERO),
            "0 files, 0 dirs, 0 B, 0 entries/s"
        );
    }
}
