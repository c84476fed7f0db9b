//! The mount points du knows of when it finds a directory cycle: gnulib's
//! `read_file_system_list` on Linux (`/proc/self/mountinfo`, else `/etc/mtab`) without the
//! remote and "dummy" file systems (du's `fill_mount_table`, which then stats each: see
//! `walk::mounts`). A cycle through one of them is a bind mount, which du passes over in
//! silence.

/// The mount points of a mount table that du considers: local file systems, not "dummy"
/// ones. `mountinfo` is `/proc/self/mountinfo`; gnulib reads `mtab` (`/etc/mtab`) only
/// without it.
pub(crate) fn local_mount_dirs(mountinfo: Option<&[u8]>, mtab: Option<&[u8]>) -> Vec<Vec<u8>> {
    let mounts = match (mountinfo, mtab) {
        (Some(table), _) => parse_mountinfo(table),
        (None, Some(table)) => parse_mtab(table),
        (None, None) => Vec::new(),
    };
    mounts
        .into_iter()
        .filter(|m| !m.is_dummy() && !m.is_remote())
        .map(|m| m.dir)
        .collect()
}

/// One line of the mount table: what gnulib keeps of it.
#[derive(Debug, PartialEq, Eq)]
struct Mount {
    /// me_devname: what is mounted.
    source: Vec<u8>,
    /// me_mountdir: where.
    dir: Vec<u8>,
    /// me_type.
    fs_type: Vec<u8>,
    /// "bind" among its options (only /etc/mtab says so).
    is_bind: bool,
}

impl Mount {
    /// gnulib's ME_DUMMY: pseudo file systems, and "none" unless bind-mounted.
    fn is_dummy(&self) -> bool {
        const DUMMY: [&[u8]; 13] = [
            b"autofs",
            b"proc",
            b"subfs",
            b"debugfs",
            b"devpts",
            b"fusectl",
            b"fuse.portal",
            b"mqueue",
            b"rpc_pipefs",
            b"sysfs",
            b"devfs",
            b"kernfs",
            b"ignore",
        ];
        DUMMY.contains(&self.fs_type.as_slice()) || (self.fs_type == b"none" && !self.is_bind)
    }

    /// gnulib's ME_REMOTE: a source with a colon, a `//server` share, or a cluster file system.
    fn is_remote(&self) -> bool {
        const REMOTE: [&[u8]; 9] = [
            b"acfs",
            b"afs",
            b"coda",
            b"auristorfs",
            b"fhgfs",
            b"gpfs",
            b"ibrix",
            b"ocfs2",
            b"vxfs",
        ];
        let share = [&b"smbfs"[..], b"smb3", b"cifs"];
        self.source.contains(&b':')
            || (self.source.starts_with(b"//") && share.contains(&self.fs_type.as_slice()))
            || REMOTE.contains(&self.fs_type.as_slice())
            || self.source == b"-hosts"
    }
}

/// `/proc/self/mountinfo`: "ID PARENT MAJ:MIN ROOT DIR OPTIONS [TAGS...] - TYPE SOURCE
/// SUPER", fields escaped as octal; lines gnulib cannot parse are skipped as it skips them.
fn parse_mountinfo(table: &[u8]) -> Vec<Mount> {
    table
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let mut fields = line.split(|&b| b == b' ');
            let dev = fields.nth(2)?;
            let (major, minor) = split_once(dev, b':')?;
            if !is_number(major) || !is_number(minor) {
                return None;
            }
            let _root = fields.next()?;
            let dir = fields.next()?;
            let rest = fields.collect::<Vec<_>>();
            let dash = rest.iter().position(|f| *f == b"-")?;
            // gnulib looks for " - " after the mount point, past at least the options.
            if dash == 0 {
                return None;
            }
            let fs_type = rest.get(dash + 1)?;
            let source = rest.get(dash + 2)?;
            // The super options must follow the source.
            rest.get(dash + 3)?;
            Some(Mount {
                source: unescape(source),
                dir: unescape(dir),
                fs_type: unescape(fs_type),
                is_bind: false,
            })
        })
        .collect()
}

/// `/etc/mtab` (getmntent): "SOURCE DIR TYPE OPTIONS FREQ PASSNO", octal escapes.
fn parse_mtab(table: &[u8]) -> Vec<Mount> {
    table
        .split(|&b| b == b'\n')
        .filter(|line| !line.starts_with(b"#"))
        .filter_map(|line| {
            let mut fields = line
                .split(|&b| b == b' ' || b == b'\t')
                .filter(|f| !f.is_empty());
            let source = fields.next()?;
            let dir = fields.next()?;
            let fs_type = fields.next()?;
            let options = fields.next().unwrap_or_default();
            Some(Mount {
                source: unescape(source),
                dir: unescape(dir),
                fs_type: unescape(fs_type),
                is_bind: options.split(|&b| b == b',').any(|o| o == b"bind"),
            })
        })
        .collect()
}

fn split_once(field: &[u8], sep: u8) -> Option<(&[u8], &[u8])> {
    let at = field.iter().position(|&b| b == sep)?;
    Some((&field[..at], &field[at + 1..]))
}

fn is_number(digits: &[u8]) -> bool {
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// gnulib's `unescape_tab`: `\ooo` (first digit 0-3) is the byte of that octal value.
fn unescape(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let octal = field.get(i + 1..i + 4).filter(|d| {
            field[i] == b'\\'
                && (b'0'..=b'3').contains(&d[0])
                && d[1..].iter().all(|c| (b'0'..=b'7').contains(c))
        });
        match octal {
            Some(d) => {
                out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            None => {
                out.push(field[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &[u8] = b"\
22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
23 22 0:21 / /proc rw,nosuid - proc proc rw
24 22 0:22 / /mnt/with\\040space rw - tmpfs tmpfs rw,size=10k
25 22 254:0 /srv/a /srv/a/b rw,relatime shared:1 - ext4 /dev/vda rw
26 22 0:40 / /net rw - nfs4 server:/export rw,vers=4.2
27 22 0:41 / /share rw - cifs //host/share rw
28 22 0:42 / /broken rw - ext4
29 22 0:43 / /none rw - none none rw
";

    #[test]
    fn reads_mountinfo_as_gnulib_does() {
        let mounts = parse_mountinfo(MOUNTINFO);
        let dirs: Vec<&[u8]> = mounts.iter().map(|m| m.dir.as_slice()).collect();
        assert_eq!(
            dirs,
            [
                &b"/"[..],
                b"/proc",
                b"/mnt/with space",
                b"/srv/a/b",
                b"/net",
                b"/share",
                b"/none"
            ]
        );
        let kept = local_mount_dirs(Some(MOUNTINFO), None);
        assert_eq!(kept, [&b"/"[..], b"/mnt/with space", b"/srv/a/b"]);
    }

    #[test]
    fn reads_mtab_with_its_bind_option() {
        let mounts = parse_mtab(b"# comment\nnone /b none rw,bind 0 0\nnone /c none rw 0 0\n");
        assert_eq!(mounts.len(), 2);
        assert!(!mounts[0].is_dummy());
        assert!(mounts[1].is_dummy());
    }

    #[test]
    fn unescapes_octal_like_gnulib() {
        assert_eq!(unescape(b"a\\040b\\134c"), b"a b\\c");
        // A first digit over 3, or too few digits, stays as it is.
        assert_eq!(unescape(b"\\400\\12"), b"\\400\\12");
    }

    #[test]
    fn keeps_local_mounts_of_the_table_read() {
        assert_eq!(
            local_mount_dirs(Some(b"22 1 8:1 / / rw - ext4 /dev/sda rw\n"), None),
            [b"/"]
        );
        let mtab: &[u8] = b"/dev/sda /m ext4 rw 0 0\n";
        assert_eq!(local_mount_dirs(None, Some(mtab)), [b"/m"]);
        assert!(local_mount_dirs(None, None).is_empty());
    }
}
