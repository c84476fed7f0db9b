//! The ncdu export (`--ncdu-export`): the whole tree in ncdu's JSON export format, format
//! version 1.2 (what `ncdu -o` writes since ncdu 1.16, and `ncdu -f` and `gdu -f` read),
//! spelt entry by entry as the replay meets them, so that it streams in bounded memory.
//!
//! The layout (dev.yorhel.nl/ncdu/jsonfmt): `[1,2,{metadata},ROOT]`, where a directory is an
//! array whose first element is its own info object and whose other elements are its entries
//! (arrays for directories, info objects for everything else). Sizes are du's: `asize` the
//! apparent size, `dsize` the disk usage (blocks × 512), both omitted when 0 as ncdu omits
//! them. A file with several links carries `ino`, `hlnkc` and `nlink` at every one of its names
//! and its full sizes at each, as ncdu writes it: ncdu counts such a file once in every
//! directory that holds a link to it, so the root's total is du's (without -l: with -l du
//! counts every name, and the export marks no hard links). What du leaves uncounted at a path
//! because it counted the same object at another (-L) keeps its name but no sizes.
//!
//! The root must be a plain directory for ncdu 2 (it rejects a root of another kind), so a root
//! that is a file, that could not be stat'ed or that was excluded is written as a directory
//! with only its own sizes, or `read_error`.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::config::Config;
use crate::walk::scan::Meta;

/// Why an entry is in the export without having been looked at, in ncdu's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Excluded {
    /// An --exclude pattern matched it.
    Pattern,
    /// -x: it is on another file system than the operand.
    OtherFs,
}

/// What an entry the replay met is, for the export.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item<'m> {
    /// A directory du descends into; `read_error` when it could not be read, or only in part.
    Dir {
        /// Its stat.
        meta: &'m Meta,
        /// ncdu's `read_error`: the listing is missing or incomplete.
        read_error: bool,
    },
    /// A non-directory du counts, or another name of a hard-linked file.
    File(&'m Meta),
    /// An object du counted at another path (-L) or a directory that is its own ancestor: du
    /// counts nothing here.
    Uncounted(&'m Meta),
    /// Left out by --exclude or -x.
    Excluded(Excluded),
    /// Its stat failed.
    Unreadable,
}

/// The export's state: which directories are open, the bytes spelt and not yet written.
pub(crate) struct Ncdu {
    /// Spelt bytes the report has still to write.
    pub(crate) out: Vec<u8>,
    /// The root's name: the operand as an absolute path, as ncdu names the root it scanned.
    root: Vec<u8>,
    /// The device of each open directory, the root first: an entry on another device says so.
    devs: Vec<u64>,
    /// Files with several links are marked (not with -l, where du counts every name).
    marks_links: bool,
    /// The header and the root are written.
    is_started: bool,
    /// The root and the top-level array are closed: nothing more may follow.
    is_closed: bool,
}

impl Ncdu {
    /// The export of `config`'s one operand, nothing spelt yet.
    pub(crate) fn new(config: &Config) -> Ncdu {
        let operand = config.operands.first().map_or(OsStr::new("."), |o| o);
        Ncdu {
            out: Vec::with_capacity(256),
            root: root_name(operand),
            devs: Vec::new(),
            marks_links: !config.count_links,
            is_started: false,
            is_closed: false,
        }
    }

    /// Spells one entry of the directory open last (or, first of all, the root). Its name is
    /// the entry's name in its directory; the root's own is ignored for `root`.
    pub(crate) fn item(&mut self, name: &[u8], item: Item<'_>) {
        if self.is_closed {
            return;
        }
        if !self.is_started {
            self.start();
            self.root(item);
            return;
        }
        let parent = *self.devs.last().expect("the root is open until it closes");
        self.out.extend_from_slice(b",\n");
        match item {
            Item::Dir { meta, read_error } => {
                self.out.push(b'[');
                self.info(name, Some(meta), parent, read_error);
                self.out.push(b'}');
                self.devs.push(meta.dev);
            }
            // Another name of a hard-linked file: written whole, for ncdu to count once.
            Item::Uncounted(meta) if self.is_marked_link(meta) => {
                self.info(name, Some(meta), parent, false);
                self.links(meta);
                self.kind(meta);
                self.out.push(b'}');
            }
            Item::File(meta) => {
                self.info(name, Some(meta), parent, false);
                self.links(meta);
                self.kind(meta);
                self.out.push(b'}');
            }
            Item::Uncounted(meta) if meta.is_dir => {
                self.out.push(b'[');
                self.info(name, None, parent, false);
                self.out.extend_from_slice(b"}]");
            }
            Item::Uncounted(meta) => {
                self.info(name, None, parent, false);
                self.kind(meta);
                self.out.push(b'}');
            }
            Item::Excluded(why) => {
                self.info(name, None, parent, false);
                self.out.extend_from_slice(match why {
                    Excluded::Pattern => b",\"excluded\":\"pattern\"}",
                    Excluded::OtherFs => b",\"excluded\":\"otherfs\"}",
                });
            }
            Item::Unreadable => {
                self.info(name, None, parent, true);
                self.out.push(b'}');
            }
        }
    }

    /// The directory opened last is complete.
    pub(crate) fn close_dir(&mut self) {
        if self.is_closed {
            return;
        }
        self.devs.pop();
        self.out.push(b']');
        if self.devs.is_empty() {
            self.out.extend_from_slice(b"]\n");
            self.is_closed = true;
        }
    }

    /// The run is over, complete or not: every directory still open is closed, so that what
    /// was written parses (after a cancel, it holds what had been replayed); a root never
    /// replayed (cancelled first, or refused) is written as an unreadable directory.
    pub(crate) fn end(&mut self) {
        if !self.is_started {
            self.item(b"", Item::Unreadable);
        }
        while !self.is_closed {
            self.close_dir();
        }
    }

    /// `[1,2,{metadata},` and the line break before the root. ncdu ignores the metadata;
    /// it names the program, as ncdu's own does.
    fn start(&mut self) {
        self.is_started = true;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        self.out.extend_from_slice(
            format!(
                "[1,2,{{\"progname\":\"dug\",\"progver\":\"{}\",\"timestamp\":{now}}},\n",
                env!("CARGO_PKG_VERSION")
            )
            .as_bytes(),
        );
    }

    /// The root, always a directory (see the module's comment).
    fn root(&mut self, item: Item<'_>) {
        let root = std::mem::take(&mut self.root);
        self.out.push(b'[');
        match item {
            Item::Dir { meta, read_error } => {
                self.info(&root, Some(meta), !meta.dev, read_error);
                self.out.push(b'}');
                self.devs.push(meta.dev);
            }
            Item::File(meta) => {
                self.info(&root, Some(meta), !meta.dev, false);
                self.out.extend_from_slice(b"}]]\n");
                self.is_closed = true;
            }
            Item::Uncounted(_) | Item::Excluded(_) => {
                self.info(&root, None, 0, false);
                self.out.extend_from_slice(b"}]]\n");
                self.is_closed = true;
            }
            Item::Unreadable => {
                self.info(&root, None, 0, true);
                self.out.extend_from_slice(b"}]]\n");
                self.is_closed = true;
            }
        }
        self.root = root;
    }

    /// `{"name":…` with the sizes and device of `meta` (the device only when it is not
    /// `parent`'s) and ncdu's `read_error`; the object is left open for more keys.
    fn info(&mut self, name: &[u8], meta: Option<&Meta>, parent: u64, read_error: bool) {
        self.out.extend_from_slice(b"{\"name\":\"");
        push_name(&mut self.out, name);
        self.out.push(b'"');
        if let Some(meta) = meta {
            self.size("asize", meta.bytes(true));
            self.size("dsize", meta.bytes(false));
            if meta.dev != parent {
                self.number("dev", meta.dev);
            }
        }
        if read_error {
            self.out.extend_from_slice(b",\"read_error\":true");
        }
    }

    /// Whether `meta` is a file the export marks as hard-linked: several links, and no -l.
    fn is_marked_link(&self, meta: &Meta) -> bool {
        self.marks_links && !meta.is_dir && meta.nlink > 1
    }

    /// ncdu's hard-link keys, for a file with several links (not with -l).
    fn links(&mut self, meta: &Meta) {
        if self.is_marked_link(meta) {
            self.number("ino", meta.ino);
            self.out.extend_from_slice(b",\"hlnkc\":true");
            self.number("nlink", meta.nlink);
        }
    }

    /// ncdu's `notreg`: neither a regular file nor a directory (a symlink, a device, a FIFO…).
    fn kind(&mut self, meta: &Meta) {
        if !meta.is_dir && !meta.is_regular {
            self.out.extend_from_slice(b",\"notreg\":true");
        }
    }

    /// `,"key":value` for a size, left out when 0 as ncdu leaves it out.
    fn size(&mut self, key: &str, value: u64) {
        if value != 0 {
            self.number(key, value);
        }
    }

    /// `,"key":value`.
    fn number(&mut self, key: &str, value: u64) {
        self.out.push(b',');
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        push_decimal(&mut self.out, value);
    }
}

/// The root's name as ncdu gives it: the operand made absolute (not resolving symlinks, which
/// would change what -P counts), without trailing slashes.
fn root_name(operand: &OsStr) -> Vec<u8> {
    let absolute = std::path::absolute(operand).unwrap_or_else(|_| operand.into());
    let mut name = absolute.as_os_str().as_bytes().to_vec();
    while name.len() > 1 && name.ends_with(b"/") {
        name.pop();
    }
    name
}

/// `value` in decimal, without the allocation of `to_string` (two numbers an entry: a tenth of
/// the export's cost went there).
fn push_decimal(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Whether JSON needs `b` escaped in a string.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f
}

/// A name as ncdu writes it: its bytes as they are (a name need not be UTF-8, and ncdu reads
/// bytes back), with JSON's escapes for the quote, the backslash and the control characters.
/// The runs between escapes are copied whole: most names need none.
fn push_name(out: &mut Vec<u8>, mut name: &[u8]) {
    while let Some(at) = name.iter().position(|&b| needs_escape(b)) {
        out.extend_from_slice(&name[..at]);
        push_escape(out, name[at]);
        name = &name[at + 1..];
    }
    out.extend_from_slice(name);
}

/// The JSON escape of one byte `needs_escape` accepts.
fn push_escape(out: &mut Vec<u8>, b: u8) {
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\x08' => out.extend_from_slice(b"\\b"),
        b'\x0c' => out.extend_from_slice(b"\\f"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        }
    }
}

#[cfg(test)]
mod tests;
