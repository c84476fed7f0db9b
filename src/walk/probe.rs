//! A look back up from a deep directory, for the check fts makes when it leaves a directory by
//! `..`: the deep directory's descriptor, kept (a duplicate, under a pin of the descriptor
//! budget) until the replay leaves its ancestor four levels up, which then asks what `..` is
//! from that ancestor, as late as du asks.

use std::ffi::CStr;
use std::io;
use std::os::fd::OwnedFd;

use rustix::fs::AtFlags;

use crate::walk::budget::{Pin, Pins};

/// Four levels up from the probed directory: the ancestor the probe is for.
const ANCESTOR: &CStr = c"../../../..";
/// Five levels up: that ancestor's parent.
const ITS_PARENT: &CStr = c"../../../../..";

/// A directory just read, held open for a look at its ancestors later.
#[derive(Debug)]
pub struct Probe {
    dir: OwnedFd,
    _pin: Option<Pin>,
}

impl Probe {
    /// Takes the probe from the open directory `fd`, if a pin is free (a walk short of
    /// descriptors goes without: no check, rather than a directory it cannot open).
    pub(super) fn take(fd: &OwnedFd, pins: &Pins) -> Option<Probe> {
        let pin = pins.try_pin()?;
        let dir = rustix::io::fcntl_dupfd_cloexec(fd, 0).ok()?;
        Some(Probe {
            dir,
            _pin: Some(pin),
        })
    }

    /// A probe of the directory `path`, for tests of what the replay does with one.
    #[cfg(test)]
    pub(crate) fn of(path: &std::path::Path) -> Probe {
        let dir = std::fs::File::open(path).expect("open the probed directory");
        Probe {
            dir: dir.into(),
            _pin: None,
        }
    }

    /// What fts finds going up by `..` from the directory `dir` (dev/ino) four levels above
    /// the probed one, whose parent it stat'ed as `parent`: `Err` if that `..` cannot be
    /// looked up, or is not that parent (fts says ENOENT then). Nothing to say if `dir` is no
    /// longer four levels up (a directory in between moved).
    pub(crate) fn check(&self, dir: (u64, u64), parent: (u64, u64)) -> io::Result<()> {
        let identity = |st: rustix::fs::Stat| (st.st_dev, st.st_ino);
        match rustix::fs::statat(&self.dir, ANCESTOR, AtFlags::empty()) {
            Ok(st) if identity(st) == dir => {}
            _ => return Ok(()),
        }
        let up = rustix::fs::statat(&self.dir, ITS_PARENT, AtFlags::empty())?;
        if identity(up) != parent {
            return Err(io::Error::from(rustix::io::Errno::NOENT));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn sees_a_directory_moved_to_another_parent() {
        let t = tempfile::tempdir().expect("a temp dir");
        let (p, q) = (t.path().join("p"), t.path().join("q"));
        std::fs::create_dir_all(p.join("d/1/2/3/4")).expect("mkdir");
        std::fs::create_dir(&q).expect("mkdir");
        let id = |path: &std::path::Path| {
            let st = std::fs::metadata(path).expect("stat");
            (st.dev(), st.ino())
        };
        let (d, parent) = (id(&p.join("d")), id(&p));
        let probe = Probe::of(&p.join("d/1/2/3/4"));
        assert!(probe.check(d, parent).is_ok());
        assert!(probe.check((0, 1), (0, 2)).is_ok(), "not four levels up");
        std::fs::rename(p.join("d"), q.join("d")).expect("rename");
        let e = probe.check(d, parent).expect_err("moved");
        assert_eq!(e.raw_os_error(), Some(2));
        std::fs::rename(q.join("d/1"), q.join("1")).expect("rename");
        assert!(probe.check(d, parent).is_ok(), "something in between moved");
    }
}
