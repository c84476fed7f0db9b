//! The mount points du stats when it finds a directory cycle (du's `fill_mount_table`): those
//! of the system's mount table that gnulib counts as local, by dev/ino.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;

use crate::gnu::mountlist::local_mount_dirs;

/// The dev/ino of every local, non-dummy mount point that can be stat'ed (following symlinks;
/// a failed stat is ignored, as du ignores it). Empty when no mount table can be read.
pub(crate) fn local_mount_points() -> HashSet<(u64, u64)> {
    let mountinfo = std::fs::read("/proc/self/mountinfo").ok();
    let mtab = match mountinfo {
        Some(_) => None,
        None => std::fs::read("/etc/mtab").ok(),
    };
    local_mount_dirs(mountinfo.as_deref(), mtab.as_deref())
        .iter()
        .filter_map(|dir| std::fs::metadata(OsStr::from_bytes(dir)).ok())
        .map(|st| (st.dev(), st.ino()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_machine_has_its_root_among_them() {
        let root = std::fs::metadata("/").expect("stat /");
        assert!(local_mount_points().contains(&(root.dev(), root.ino())));
    }
}
