//! The messages from the walk to the aggregator: one `Scan` per directory (or operand).

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::walk::probe::Probe;

/// Names a scan: operand `i` has id `i`; directories get ids handed out by the walk.
pub type DirId = u64;

/// A file time (du's `struct timespec`); ordered by seconds, then nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// Seconds since the epoch.
    pub sec: i64,
    /// Nanoseconds; -1 only in `Stamp::NONE`.
    pub nsec: i64,
}

impl Stamp {
    /// Older than any real time: du's `duinfo_init` (TYPE_MINIMUM(time_t), -1 ns).
    pub const NONE: Stamp = Stamp {
        sec: i64::MIN,
        nsec: -1,
    };
    /// The epoch: the time of du's grand total before anything is added (a zeroed static).
    pub const EPOCH: Stamp = Stamp { sec: 0, nsec: 0 };
}

/// What du needs from one stat: identity, links, type, both sizes and the --time time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    /// st_dev.
    pub dev: u64,
    /// st_ino.
    pub ino: u64,
    /// st_nlink.
    pub nlink: u64,
    /// st_blocks (512-byte units).
    pub blocks: u64,
    /// st_size.
    pub size: i64,
    /// S_ISDIR.
    pub is_dir: bool,
    /// S_ISREG (the ncdu export marks what is neither a directory nor a regular file).
    pub is_regular: bool,
    /// The time --time shows (mtime, atime or ctime, as the config says).
    pub time: Stamp,
}

impl Meta {
    /// Bytes counted for this object: apparent size (negative sizes count 0), or blocks × 512.
    pub fn bytes(&self, apparent: bool) -> u64 {
        if apparent {
            u64::try_from(self.size).unwrap_or(0)
        } else {
            self.blocks.saturating_mul(512)
        }
    }
}

/// Why an entry could not be stat'ed.
#[derive(Debug)]
pub enum StatError {
    /// The stat failed with this error (fts's FTS_NS).
    Failed(io::Error),
    /// A symlink being followed points nowhere (fts's FTS_SLNONE: du prints no reason).
    Dangling,
    /// Not stat'ed on purpose: an --exclude pattern matches its path (du checks the patterns
    /// before the stat, and says nothing), or du refuses the operand before looking at it.
    Skipped,
}

/// What the walk does with a directory entry below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Child {
    /// Not a directory, or one the walk will not enter (-x).
    Leaf,
    /// A directory whose listing arrives as the scan with this id.
    Dir(DirId),
    /// A directory that is one of its own ancestors (only when following symlinks): skipped.
    Cycle,
}

/// One entry of a directory, in du's order.
#[derive(Debug)]
pub struct Entry {
    /// Where the name sits in the listing's `names` buffer.
    pub name: std::ops::Range<usize>,
    /// The stat, or why there is none.
    pub meta: Result<Meta, StatError>,
    /// Whether and how the walk descends into it.
    pub child: Child,
    /// Under -L, the symbolic links the kernel follows to resolve the entry's name in its
    /// directory (an operand's: its whole path): 0 but for a symlink, at most 41. du stats
    /// every entry by its full path, and Linux stops after 40 links in one lookup, so the
    /// replay adds up those of the path (see `walk::symlinks`).
    pub symlinks: u8,
}

/// The contents of a directory as the walk found them.
#[derive(Debug, Default)]
pub struct Listing {
    /// Entries in du's order (kernel order, or inode order for big directories).
    pub entries: Vec<Entry>,
    /// The entries' names, back to back.
    pub names: Vec<u8>,
    /// An error that ended the reading early, after some entries were read.
    pub error: Option<io::Error>,
    /// For a directory deep enough and the last of its parent's subdirectories, itself kept
    /// open to look at its ancestor four levels up (see `walk::probe`).
    /// (Boxed: a listing is moved for every entry the replay reads.)
    pub above: Option<Box<Probe>>,
    /// Its entries were stat'ed by several workers (a wide directory), each chunk counted in
    /// `Ahead` as it was done: the progress line must not count them again.
    pub counted_ahead: bool,
}

impl Listing {
    /// The name of `entry`, one of this listing's entries.
    pub fn name(&self, entry: &Entry) -> &[u8] {
        &self.names[entry.name.clone()]
    }
}

/// What the workers sharing wide directories have stat'ed so far, counted chunk by chunk as
/// the progress line counts a scan (non-directories, and the bytes of every entry stat'ed,
/// hard links each time), before their scans are sent: a directory of 200,000 entries over
/// NFS sends its scan only after its last stat, and without this -v's progress line would
/// stand still until then. It only grows; a chunk is added before its directory's scan is
/// sent, so the aggregator, having received a scan, finds that scan's chunks here.
#[derive(Debug, Default)]
pub struct Ahead {
    files: AtomicU64,
    bytes: AtomicU64,
}

/// What `entries` add to the progress counts: their non-directories, and the bytes of every
/// entry stat'ed (`apparent`: apparent sizes, as --apparent-size).
pub(crate) fn files_and_bytes(entries: &[Entry], apparent: bool) -> (u64, u64) {
    let (mut files, mut bytes) = (0u64, 0u64);
    for entry in entries {
        if let Ok(meta) = &entry.meta {
            files += u64::from(!meta.is_dir);
            bytes = bytes.saturating_add(meta.bytes(apparent));
        }
    }
    (files, bytes)
}

impl Ahead {
    /// Counts a chunk of stat'ed entries (see `files_and_bytes`).
    pub(crate) fn add(&self, entries: &[Entry], apparent: bool) {
        let (files, bytes) = files_and_bytes(entries, apparent);
        self.files.fetch_add(files, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The non-directories counted so far.
    pub fn files(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    /// The bytes counted so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// The body of a scan.
#[derive(Debug)]
pub enum Body {
    /// An operand: its own stat (and, for a directory, the id of its listing).
    Operand(Entry),
    /// A directory that was opened and read.
    Listed(Listing),
    /// A directory that could not be opened or read at all (fts's FTS_DNR).
    Unreadable(io::Error),
}

/// One message on the scans channel.
#[derive(Debug)]
pub struct Scan {
    /// Which operand or directory this is.
    pub id: DirId,
    /// What was found.
    pub body: Body,
}

impl Scan {
    /// The ids of the directories this scan announces, so a discarded subtree can be dropped whole.
    pub fn children(&self) -> impl Iterator<Item = DirId> + '_ {
        let entries: &[Entry] = match &self.body {
            Body::Operand(e) => std::slice::from_ref(e),
            Body::Listed(l) => &l.entries,
            Body::Unreadable(_) => &[],
        };
        entries.iter().filter_map(|e| match e.child {
            Child::Dir(id) => Some(id),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(meta: Result<Meta, StatError>) -> Entry {
        Entry {
            name: 0..0,
            meta,
            child: Child::Leaf,
            symlinks: 0,
        }
    }

    fn meta(is_dir: bool, blocks: u64, size: i64) -> Meta {
        Meta {
            dev: 1,
            ino: 2,
            nlink: 1,
            blocks,
            size,
            is_dir,
            is_regular: !is_dir,
            time: Stamp::EPOCH,
        }
    }

    /// A chunk counts its non-directories as files and every stat'ed entry's bytes, as the
    /// aggregator counts a scan; entries without a stat count nothing.
    #[test]
    fn ahead_counts_chunks_as_scans_are_counted() {
        let chunk = [
            entry(Ok(meta(false, 8, 100))),
            entry(Ok(meta(true, 8, 4096))),
            entry(Ok(meta(false, 0, -1))),
            entry(Err(StatError::Dangling)),
            entry(Err(StatError::Skipped)),
        ];
        let blocks = Ahead::default();
        blocks.add(&chunk, false);
        blocks.add(&chunk[..1], false);
        assert_eq!((blocks.files(), blocks.bytes()), (3, 3 * 8 * 512));
        let apparent = Ahead::default();
        apparent.add(&chunk, true);
        assert_eq!((apparent.files(), apparent.bytes()), (2, 4196));
    }
}
