//! What the kernel says about the file system a path is on, for the -v estimate: whether the
//! path is a mount's root (statx's STATX_ATTR_MOUNT_ROOT, or its parent on another device
//! where the kernel predates it), and how many inodes are in use (statfs: files − free files).
//! rustix makes both calls safe; they live here with the C library's because they ask about
//! the system, not about the tree being measured.

use std::ffi::OsStr;
use std::io;
use std::os::unix::ffi::OsStrExt;

use rustix::fs::{AtFlags, CWD, FileType, RawMode, StatxAttributes, StatxFlags};

/// f_type of tmpfs, FUSE and overlayfs (linux/magic.h).
const TMPFS_MAGIC: u64 = 0x0102_1994;
const FUSE_SUPER_MAGIC: u64 = 0x6573_5546;
const OVERLAYFS_SUPER_MAGIC: u64 = 0x794c_7630;

/// The inodes in use on a file system, as statfs reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InodesInUse {
    /// f_files − f_ffree (0 when the file system does not count inodes, as btrfs does not).
    pub(crate) used: u64,
    /// tmpfs: every name takes an inode of the count, hard links included (shmem_link
    /// reserves one), so a walk must count names, not objects, to reach it.
    pub(crate) counts_names: bool,
    /// FUSE or overlayfs: the count is whatever the daemon says (a passthrough gives the file
    /// system behind it), or that of the upper layer alone, not what the mount shows.
    pub(crate) is_stacked: bool,
}

/// statfs on `path`.
pub(crate) fn inodes_in_use(path: &OsStr) -> io::Result<InodesInUse> {
    let fs = rustix::fs::statfs(path.as_bytes())?;
    let kind = fs.f_type as u64;
    Ok(InodesInUse {
        used: fs.f_files.saturating_sub(fs.f_ffree),
        counts_names: kind == TMPFS_MAGIC,
        is_stacked: kind == FUSE_SUPER_MAGIC || kind == OVERLAYFS_SUPER_MAGIC,
    })
}

/// The device of `path` (followed if it is a symlink and `follow`) when it is a directory at
/// the root of a mount; None when it is not.
pub(crate) fn mount_root_dev(path: &OsStr, follow: bool) -> io::Result<Option<u64>> {
    let st = statx(path.as_bytes(), follow)?;
    if FileType::from_raw_mode(RawMode::from(st.stx_mode)) != FileType::Directory {
        return Ok(None);
    }
    let dev = rustix::fs::makedev(st.stx_dev_major, st.stx_dev_minor);
    let is_root = if st.stx_attributes_mask.contains(StatxAttributes::MOUNT_ROOT) {
        st.stx_attributes.contains(StatxAttributes::MOUNT_ROOT)
    } else {
        // Before Linux 5.8: a mount's root is on another device than its parent, or is its
        // own parent (`/`). A bind mount of a directory of the same file system goes unseen.
        let mut parent = path.as_bytes().to_vec();
        parent.extend_from_slice(b"/..");
        let up = statx(&parent, true)?;
        let up_dev = rustix::fs::makedev(up.stx_dev_major, up.stx_dev_minor);
        up_dev != dev || up.stx_ino == st.stx_ino
    };
    Ok(is_root.then_some(dev))
}

fn statx(path: &[u8], follow: bool) -> io::Result<rustix::fs::Statx> {
    let flags = if follow {
        AtFlags::NO_AUTOMOUNT
    } else {
        AtFlags::NO_AUTOMOUNT | AtFlags::SYMLINK_NOFOLLOW
    };
    let mask = StatxFlags::TYPE | StatxFlags::INO;
    Ok(rustix::fs::statx(CWD, path, flags, mask)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_a_mount_root_and_what_is_below_it_is_not() {
        let root = mount_root_dev(OsStr::new("/"), false).expect("statx /");
        let dev = std::os::unix::fs::MetadataExt::dev(&std::fs::metadata("/").expect("stat /"));
        assert_eq!(root, Some(dev), "/ is a mount root, with stat's st_dev");
        let t = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir(t.path().join("d")).expect("mkdir");
        std::fs::write(t.path().join("f"), b"x").expect("write");
        for name in ["d", "f"] {
            let path = t.path().join(name);
            assert_eq!(
                mount_root_dev(path.as_os_str(), false).expect("statx"),
                None
            );
        }
        assert!(mount_root_dev(OsStr::new("/nonexistent/x"), false).is_err());
        let used = inodes_in_use(OsStr::new("/")).expect("statfs /");
        assert!(!used.counts_names || used.used > 0);
    }
}
