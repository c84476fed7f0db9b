//! The roll-up of sums, as du keeps them: for each directory open in the replay, the sums of
//! the entries directly in it (du's `dulvl[level].ent`) and of everything below its
//! subdirectories (`dulvl[level].subdir`); how a finished directory's sums make its record and
//! fold into its parent; the grand total for -c; and the counts of the final -v line.

use crate::replay::usage::Usage;
use crate::report::progress::Tally;
use crate::walk::scan::Stamp;

/// du's sums for one open directory.
struct Level {
    /// du's `dulvl[level].ent`: the entries directly in it (directories left out with -S).
    ent: Usage,
    /// du's `dulvl[level].subdir`: everything below its subdirectories.
    sub: Usage,
}

/// The sums of every directory open in the replay, outermost first, and of the run.
pub(crate) struct Rollup {
    /// One level per directory being replayed, in step with the replay's frames.
    levels: Vec<Level>,
    grand_total: Usage,
    /// Files and completed directories counted, for progress.
    files: u64,
    dirs: u64,
    /// No entry has reached du's per-level sums yet (see `first_sums`).
    is_untouched: bool,
}

impl Rollup {
    /// Nothing open, nothing counted.
    pub(crate) fn new() -> Rollup {
        Rollup {
            levels: Vec::new(),
            grand_total: Usage::GRAND_TOTAL,
            files: 0,
            dirs: 0,
            is_untouched: true,
        }
    }

    /// The replay enters a directory: its sums start empty (du's `duinfo_init`).
    pub(crate) fn open(&mut self) {
        self.levels.push(Level {
            ent: Usage::EMPTY,
            sub: Usage::EMPTY,
        });
    }

    /// A non-directory counted where it stands: into the innermost open directory (none for
    /// an operand) and the grand total.
    // Once per file: out of line, it costs ~1% of the instructions of `dug -a` (cachegrind).
    #[inline]
    pub(crate) fn add_file(&mut self, usage: &Usage) {
        self.files += 1;
        self.first_sums();
        self.grand_total.add(usage);
        if let Some(top) = self.levels.last_mut() {
            top.ent.add(usage);
        }
    }

    /// The innermost open directory, whose own stat is `own`, is finished: returns the usage
    /// its record shows, and folds it into its parent (du's FTS_DP case). -S (`separate`)
    /// leaves what is below its subdirectories out of its record, and it out of its parent's.
    pub(crate) fn close(&mut self, own: &Usage, separate: bool) -> Usage {
        let level = self.levels.pop().expect("a directory to close");
        self.first_sums();
        let mut printed = own.plus(&level.ent);
        if !separate {
            printed.add(&level.sub);
        }
        self.grand_total.add(own);
        self.dirs += 1;
        if let Some(parent) = self.levels.last_mut() {
            if !separate {
                parent.ent.add(own);
            }
            parent.sub.add(&level.ent);
            parent.sub.add(&level.sub);
        }
        printed
    }

    /// Closes every open directory without a record or a fold into its parent (fts gave up
    /// on the operand); what was added to the grand total stays.
    pub(crate) fn abandon(&mut self) {
        self.levels.clear();
    }

    /// -c's grand total.
    pub(crate) fn grand_total(&self) -> &Usage {
        &self.grand_total
    }

    /// What has been counted so far, for progress and the cancel summary.
    pub(crate) fn tally(&self) -> Tally {
        Tally {
            files: self.files,
            dirs: self.dirs,
            bytes: self.grand_total.bytes,
        }
    }

    /// Called as each entry reaches du's per-level sums. du allocates those sums (`dulvl`)
    /// with xcalloc when the first entry of the run gets there, so the sums of every directory
    /// then open start at time 0 rather than at "no time", and only later levels are reset
    /// with `duinfo_init`. That shows with times before 1970: such a directory prints
    /// 1970-01-01 when everything in it is older.
    fn first_sums(&mut self) {
        if !self.is_untouched {
            return;
        }
        self.is_untouched = false;
        for level in &mut self.levels {
            level.ent.time = level.ent.time.max(Stamp::EPOCH);
            level.sub.time = level.sub.time.max(Stamp::EPOCH);
        }
    }
}
