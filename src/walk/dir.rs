//! The walk's system calls on directories: opening one relative to its parent, reading its
//! entries in the order gnulib fts gives them to du, and stat'ing an entry relative to the
//! directory's descriptor (no path resolution).

use std::ffi::CStr;
use std::io;
use std::mem::MaybeUninit;
use std::ops::Range;
use std::os::fd::{AsFd, OwnedFd};

use rustix::fs::{AtFlags, Mode, OFlags, RawDir};

use crate::config::TimeKind;
use crate::walk::scan::{Listing, Meta, Stamp, StatError};

/// gnulib fts reads at most this many entries of a directory at a time (FTS_MAX_READDIR_ENTRIES);
/// each batch is ordered on its own.
const BATCH: usize = 100_000;
/// gnulib fts sorts a batch of more than this many entries by inode number
/// (FTS_INODE_SORT_DIR_ENTRIES_THRESHOLD), except on the file systems below.
const INODE_SORT_THRESHOLD: usize = 10_000;
/// File systems where fts skips the inode sort (gnulib fts.c, dirent_inode_sort_may_be_useful).
const NO_SORT_MAGIC: [u64; 3] = [
    0x0102_1994, /* tmpfs */
    0x6969,      /* nfs */
    0xFF53_4D42, /* cifs */
];
/// getdents buffer per worker.
pub(super) const DIR_BUFFER: usize = 64 * 1024;

/// One entry as read from its directory, before its stat.
pub(super) struct Dirent {
    /// d_ino, for fts's inode sort.
    pub(super) ino: u64,
    /// Where the name sits in the listing's `names` (followed there by a NUL).
    pub(super) name: Range<usize>,
}

/// An open directory read in kernel order, some entries at a time (see `fill`), `.` and `..`
/// left out; `fts_order` then puts a whole listing in the order fts hands it to du.
pub(super) struct Reader<'b> {
    dir: RawDir<'b, &'b OwnedFd>,
    /// Entries read so far, `.` and `..` left out.
    seen: usize,
    ended: bool,
}

impl<'b> Reader<'b> {
    pub(super) fn new(fd: &'b OwnedFd, buf: &'b mut [MaybeUninit<u8>]) -> Reader<'b> {
        Reader {
            dir: RawDir::new(fd, buf),
            seen: 0,
            ended: false,
        }
    }

    /// A reader that goes on where another one, which read `seen` entries, stopped.
    pub(super) fn after(self, seen: usize) -> Reader<'b> {
        Reader { seen, ..self }
    }

    /// Whether every entry has been read (or an error ended the reading).
    pub(super) fn is_done(&self) -> bool {
        self.ended
    }

    /// Appends the next entries to `raw` until it holds `upto` or the directory ends, each
    /// name NUL-terminated in `listing.names`. An error after the directory's first entry goes
    /// into `listing.error` and ends the reading; before it, it is returned: the directory is
    /// unreadable. It stops only where a getdents call's entries end, so that another
    /// `Reader` of the same descriptor (another worker's buffer) goes on where this one ends.
    pub(super) fn fill(
        &mut self,
        raw: &mut Vec<Dirent>,
        upto: usize,
        listing: &mut Listing,
    ) -> io::Result<()> {
        while raw.len() < upto || !self.dir.is_buffer_empty() {
            match self.dir.next() {
                None => {
                    self.ended = true;
                    break;
                }
                Some(Ok(entry)) => {
                    let name = entry.file_name().to_bytes();
                    if name == b"." || name == b".." {
                        continue;
                    }
                    let start = listing.names.len();
                    listing.names.extend_from_slice(name);
                    listing.names.push(0);
                    raw.push(Dirent {
                        ino: entry.ino(),
                        name: start..start + name.len(),
                    });
                    self.seen += 1;
                }
                Some(Err(e)) => {
                    self.ended = true;
                    if self.seen == 0 {
                        return Err(e.into());
                    }
                    listing.error = Some(e.into());
                    break;
                }
            }
        }
        Ok(())
    }
}

/// Opens a directory for reading relative to `parent`, never following a symlink unless -L:
/// O_NOFOLLOW|O_DIRECTORY keep the walk inside the tree even if an entry is swapped under it.
pub(super) fn open_dir(parent: impl AsFd, name: &CStr, follow: bool) -> io::Result<OwnedFd> {
    let mut flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOCTTY;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    rustix::fs::openat(parent, name, flags, Mode::empty()).map_err(io::Error::from)
}

/// fstatat relative to `dir`; when following, a dangling symlink is fts's FTS_SLNONE.
pub(super) fn stat(
    dir: impl AsFd,
    name: &CStr,
    follow: bool,
    time: TimeKind,
) -> Result<Meta, StatError> {
    let flags = if follow {
        AtFlags::empty()
    } else {
        AtFlags::SYMLINK_NOFOLLOW
    };
    match rustix::fs::statat(&dir, name, flags) {
        Ok(st) => Ok(meta(&st, time)),
        Err(e) if follow && e == rustix::io::Errno::NOENT => {
            match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(_) => Err(StatError::Dangling),
                Err(_) => Err(StatError::Failed(e.into())),
            }
        }
        Err(e) => Err(StatError::Failed(e.into())),
    }
}

/// The bits of st_mode that say a file's type (<sys/stat.h>).
const S_IFMT: u32 = 0o170_000;

/// The part of a stat du uses, with the time --time shows.
fn meta(st: &rustix::fs::Stat, time: TimeKind) -> Meta {
    let (sec, nsec) = match time {
        TimeKind::Modification => (st.st_mtime, st.st_mtime_nsec),
        TimeKind::Access => (st.st_atime, st.st_atime_nsec),
        TimeKind::Change => (st.st_ctime, st.st_ctime_nsec),
    };
    // The type bits once, compared twice: cheaper than decoding them into a FileType each time.
    let kind = st.st_mode & S_IFMT;
    Meta {
        dev: st.st_dev,
        ino: st.st_ino,
        nlink: st.st_nlink,
        blocks: st.st_blocks as u64,
        size: st.st_size,
        is_dir: kind == rustix::fs::FileType::Directory.as_raw_mode(),
        is_regular: kind == rustix::fs::FileType::RegularFile.as_raw_mode(),
        time: Stamp {
            sec,
            nsec: i64::try_from(nsec).unwrap_or(0),
        },
    }
}

/// Puts entries in the order gnulib fts hands them to du: kernel order, except that each batch of
/// 100,000 with more than 10,000 entries is sorted by inode number, unless the directory is on
/// tmpfs, NFS or CIFS. The sort is stable, like glibc's merge-sort qsort.
pub(super) fn fts_order(raw: &mut [Dirent], dir: &OwnedFd) {
    for batch in inode_sorted(raw.len(), dir) {
        raw[batch].sort_by_key(|entry| entry.ino);
    }
}

/// The batches of a directory of `len` entries, read in kernel order, that fts sorts by inode
/// number (see `fts_order`).
pub(super) fn inode_sorted(len: usize, dir: &OwnedFd) -> Vec<Range<usize>> {
    if len <= INODE_SORT_THRESHOLD {
        return Vec::new();
    }
    let sortable = match rustix::fs::fstatfs(dir) {
        Ok(fs) => !NO_SORT_MAGIC.contains(&(fs.f_type as u64)),
        Err(_) => true,
    };
    if !sortable {
        return Vec::new();
    }
    (0..len)
        .step_by(BATCH)
        .map(|start| start..(start + BATCH).min(len))
        .filter(|batch| batch.len() > INODE_SORT_THRESHOLD)
        .collect()
}
