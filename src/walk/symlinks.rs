//! How many symbolic links the kernel follows to resolve a name, counted as the kernel counts
//! them. du -L stats every entry by its full path (gnulib fts turns FTS_NOCHDIR on for a
//! logical walk), and Linux fails a lookup with ELOOP once it would follow a 41st link
//! (MAXSYMLINKS, links inside link targets included). The walk resolves names relative to the
//! directory instead, so it counts the links of each name here and the replay adds up those of
//! the path above it.

use std::collections::VecDeque;
use std::ffi::CString;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::fs::{Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

/// The most links Linux follows in one lookup (MAXSYMLINKS).
pub(crate) const MAX_SYMLINKS: u8 = 40;

/// The links followed, symlink after symlink, resolving `path` from `start` the way `stat`
/// (following a final symlink) does: 0 for anything but a symlink, at most `MAX_SYMLINKS + 1`
/// (the lookup would fail with ELOOP). A lookup that fails first (a dangling link, a missing or
/// unsearchable directory) counts the links followed up to there, as the kernel does before it
/// gives up. Only directories are ever opened (as locations); a last name is only asked for the
/// target it may have.
pub(crate) fn symlinks_followed(start: BorrowedFd<'_>, path: &[u8]) -> u8 {
    let mut components = VecDeque::new();
    // `None` is `start`; a directory opened on the way replaces it.
    let mut here: Option<OwnedFd> = None;
    match plan(start, path, &mut components) {
        Some(Some(fd)) => here = Some(fd),
        Some(None) => {}
        None => return 0,
    }
    let mut followed = 0;
    while let Some(name) = components.pop_front() {
        let dir = here.as_ref().map_or(start, |fd| fd.as_fd());
        if name == b"." {
            continue;
        }
        if name == b".." {
            // ".." is never a link: the kernel goes up from where it is.
            match open_dir(dir, &name) {
                Some(fd) => here = Some(fd),
                None => break,
            }
            continue;
        }
        let Ok(cname) = CString::new(name) else {
            break;
        };
        match rustix::fs::readlinkat(dir, &cname, Vec::new()) {
            Ok(target) => {
                followed += 1;
                if followed > MAX_SYMLINKS {
                    break;
                }
                // The target resolves from the link's directory, before what followed the link.
                match plan(dir, target.as_bytes(), &mut components) {
                    Some(Some(fd)) => here = Some(fd),
                    Some(None) => {}
                    None => break,
                }
            }
            // Not a link: go on into it, unless it is the last name.
            Err(Errno::INVAL) if !components.is_empty() => match open_dir(dir, cname.as_bytes()) {
                Some(fd) => here = Some(fd),
                None => break,
            },
            // The last name, or the lookup fails here.
            Err(_) => break,
        }
    }
    followed
}

/// Puts the components of `path`, to be resolved from `dir`, before those in `components`, and
/// says where to resolve them from: `Some(None)` from `dir`, `Some(Some(fd))` from `fd`, `None`
/// if the lookup fails on the way. The directories leading to its last name are looked up at
/// once when they hold no symlink (openat2's RESOLVE_NO_SYMLINKS: one system call for most
/// paths and link targets); only if they do, or the kernel has no openat2, are they walked a
/// component at a time.
fn plan(
    dir: BorrowedFd<'_>,
    path: &[u8],
    components: &mut VecDeque<Vec<u8>>,
) -> Option<Option<OwnedFd>> {
    let absolute = path.first() == Some(&b'/');
    let parts: Vec<Vec<u8>> = split(path).collect();
    let Some((last, init)) = parts.split_last() else {
        // "/" or nothing: no name at all.
        return if absolute {
            open_dir(dir, b"/").map(Some)
        } else {
            Some(None)
        };
    };
    if !init.is_empty() {
        let mut parent = if absolute { b"/".to_vec() } else { Vec::new() };
        parent.extend_from_slice(&init.join(&b'/'));
        let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
        match rustix::fs::openat2(dir, parent, flags, Mode::empty(), ResolveFlags::NO_SYMLINKS) {
            Ok(fd) => {
                components.push_front(last.clone());
                return Some(Some(fd));
            }
            Err(Errno::LOOP | Errno::NOSYS | Errno::INVAL | Errno::PERM | Errno::AGAIN) => {}
            // It fails before any link: so does the kernel's lookup.
            Err(_) => return None,
        }
    }
    for part in parts.into_iter().rev() {
        components.push_front(part);
    }
    if absolute {
        return open_dir(dir, b"/").map(Some);
    }
    Some(None)
}

/// The components of a path, empty ones (from `//` or a trailing `/`) left out.
fn split(path: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    path.split(|&b| b == b'/')
        .filter(|c| !c.is_empty())
        .map(<[u8]>::to_vec)
}

/// A directory on the way, opened as a location only (no read or search right is needed on it).
fn open_dir(dir: BorrowedFd<'_>, name: &[u8]) -> Option<OwnedFd> {
    let name = CString::new(name).ok()?;
    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    rustix::fs::openat(dir, &name, flags, Mode::empty()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn count(root: &std::path::Path, path: &str) -> u8 {
        let dir = std::fs::File::open(root).expect("open the test dir");
        symlinks_followed(dir.as_fd(), path.as_bytes())
    }

    #[test]
    fn counts_links_in_targets_and_on_the_way() {
        let t = tempfile::tempdir().expect("a temp dir");
        let root = t.path();
        std::fs::create_dir_all(root.join("d/e")).expect("mkdir");
        std::fs::write(root.join("d/e/f"), b"x").expect("write");
        symlink("d", root.join("l1")).expect("symlink");
        symlink("l1/e", root.join("l2")).expect("symlink");
        symlink("l2/f", root.join("l3")).expect("symlink");
        symlink("../l3", root.join("d/up")).expect("symlink");
        symlink(root.join("l2"), root.join("abs")).expect("symlink");
        symlink("missing", root.join("dangling")).expect("symlink");
        symlink("loop", root.join("loop")).expect("symlink");
        assert_eq!(count(root, "d/e/f"), 0);
        assert_eq!(count(root, "l1"), 1);
        assert_eq!(count(root, "l2"), 2);
        assert_eq!(count(root, "l3"), 3);
        assert_eq!(count(root, "l1/e/../../l3"), 4);
        assert_eq!(count(root, "d/up"), 4);
        assert_eq!(count(root, "abs/f"), 3);
        assert_eq!(count(root, "dangling"), 1);
        assert_eq!(count(root, "loop"), MAX_SYMLINKS + 1);
        assert_eq!(count(root, "nothing/l1"), 0);
        let absolute = format!("{}/l3", root.display());
        assert_eq!(count(std::path::Path::new("/"), &absolute), 3);
    }

    /// The kernel's own answer: a path through `n` links resolves up to 40 of them.
    #[test]
    fn agrees_with_the_kernel_at_the_limit() {
        let t = tempfile::tempdir().expect("a temp dir");
        let root = t.path();
        for i in 1..=45 {
            std::fs::create_dir(root.join(i.to_string())).expect("mkdir");
            if i > 1 {
                symlink(format!("../{i}"), root.join(format!("{}/s", i - 1))).expect("symlink");
            }
        }
        for n in [39, 40, 41, 44] {
            let path = std::iter::once("1")
                .chain(std::iter::repeat_n("s", n))
                .collect::<Vec<_>>()
                .join("/");
            let kernel = std::fs::metadata(root.join(&path));
            let counted = count(root, &path);
            assert_eq!(counted, (n as u8).min(MAX_SYMLINKS + 1));
            assert_eq!(
                kernel.is_ok(),
                counted <= MAX_SYMLINKS,
                "{n} links: {kernel:?}"
            );
        }
    }
}
