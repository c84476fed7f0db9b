//! du's hard-link rule: the set of dev/ino pairs already counted (du's `di_files`), so that an
//! object reached by several names counts only where du's order meets it first.

use std::collections::HashSet;

use crate::config::Config;
use crate::walk::scan::Meta;

/// The objects counted so far, and which of them du remembers at all.
pub(crate) struct HardLinks {
    /// dev/ino pairs already counted.
    seen: HashSet<(u64, u64)>,
    /// -l: every name counts, and nothing is remembered.
    count_links: bool,
    /// One object may be reached twice (several operands, --files0-from, -L): du remembers
    /// everything, directories included, not only files with several links.
    hash_all: bool,
}

impl HardLinks {
    /// Nothing seen yet, under the rule `config` asks for.
    pub(crate) fn new(config: &Config) -> HardLinks {
        HardLinks {
            seen: HashSet::new(),
            count_links: config.count_links,
            hash_all: config.is_hash_all(),
        }
    }

    /// Whether the object `meta` describes counts here: unless -l, a file with several links
    /// (or anything at all, when one object may be reached twice) counts only where it is
    /// first seen.
    pub(crate) fn is_first_sight(&mut self, meta: &Meta) -> bool {
        if self.count_links || !(self.hash_all || (!meta.is_dir && meta.nlink > 1)) {
            return true;
        }
        self.seen.insert((meta.dev, meta.ino))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::scan::Stamp;

    fn meta(ino: u64, is_dir: bool, nlink: u64) -> Meta {
        Meta {
            dev: 1,
            ino,
            nlink,
            blocks: 0,
            size: 0,
            is_dir,
            is_regular: !is_dir,
            time: Stamp::EPOCH,
        }
    }

    #[test]
    fn only_what_may_repeat_is_remembered() {
        let mut config = Config::new(vec!["d".into()]);
        let mut links = HardLinks::new(&config);
        assert!(links.is_first_sight(&meta(5, false, 2)));
        assert!(!links.is_first_sight(&meta(5, false, 2)));
        // One link, or a directory: nothing else can reach it from a single operand.
        assert!(links.is_first_sight(&meta(6, false, 1)));
        assert!(links.is_first_sight(&meta(6, false, 1)));
        assert!(links.is_first_sight(&meta(7, true, 3)));
        assert!(links.is_first_sight(&meta(7, true, 3)));

        config.operands.push("e".into());
        let mut links = HardLinks::new(&config);
        assert!(links.is_first_sight(&meta(7, true, 3)));
        assert!(!links.is_first_sight(&meta(7, true, 3)));
        assert!(links.is_first_sight(&meta(6, false, 1)));
        assert!(!links.is_first_sight(&meta(6, false, 1)));

        config.count_links = true;
        let mut links = HardLinks::new(&config);
        assert!(links.is_first_sight(&meta(5, false, 2)));
        assert!(links.is_first_sight(&meta(5, false, 2)));
    }
}
