//! du's `struct duinfo`: the bytes, inodes and newest time summed for a record (not to be
//! confused with `progress::Tally`, what the workers have read so far).

use crate::walk::scan::{Meta, Stamp};

/// What one record sums up: bytes (saturating at u64::MAX, which prints "Infinity"), inodes
/// (--inodes), and the newest time (--time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Bytes: apparent sizes or allocated blocks × 512.
    pub(crate) bytes: u64,
    /// Objects counted.
    pub(crate) inodes: u64,
    /// The newest time among them.
    pub(crate) time: Stamp,
}

impl Usage {
    /// Nothing yet (du's `duinfo_init`).
    pub(crate) const EMPTY: Usage = Usage {
        bytes: 0,
        inodes: 0,
        time: Stamp::NONE,
    };

    /// du's grand total before anything is added: a zeroed static, so its time is the epoch
    /// (`du -c --time` prints 1970-01-01 for a total of nothing, and never an older time).
    pub(crate) const GRAND_TOTAL: Usage = Usage {
        bytes: 0,
        inodes: 0,
        time: Stamp::EPOCH,
    };

    /// One object (du's `duinfo_set`).
    pub(crate) fn of(meta: &Meta, apparent: bool) -> Usage {
        Usage {
            bytes: meta.bytes(apparent),
            inodes: 1,
            time: meta.time,
        }
    }

    /// du's `duinfo_add`.
    pub(crate) fn add(&mut self, other: &Usage) {
        self.bytes = self.bytes.saturating_add(other.bytes);
        self.inodes = self.inodes.wrapping_add(other.inodes);
        self.time = self.time.max(other.time);
    }

    /// `self` plus `other`.
    pub(crate) fn plus(mut self, other: &Usage) -> Usage {
        self.add(other);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_saturate_and_keep_the_newest_time() {
        let mut t = Usage::EMPTY;
        t.add(&Usage {
            bytes: u64::MAX - 1,
            inodes: 1,
            time: Stamp { sec: 5, nsec: 1 },
        });
        t.add(&Usage {
            bytes: 7,
            inodes: 2,
            time: Stamp { sec: 5, nsec: 0 },
        });
        assert_eq!(t.bytes, u64::MAX);
        assert_eq!(t.inodes, 3);
        assert_eq!(t.time, Stamp { sec: 5, nsec: 1 });
        assert!(
            Stamp::NONE
                < Stamp {
                    sec: i64::MIN,
                    nsec: 0
                }
        );
        assert_eq!(Usage::GRAND_TOTAL.plus(&Usage::EMPTY).time, Stamp::EPOCH);
    }
}
