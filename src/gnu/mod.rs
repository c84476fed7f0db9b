//! What reproduces GNU behaviour byte for byte, apart from the pipeline: quoting, human sizes,
//! xstrtol's SIZE and number parsing, strftime and time styles, argmatch, exclude/fnmatch, fts
//! path spelling, the mount table's local mount points, the program's name, messages by msgid
//! and their printf-style filling, and how C code reads bytes.
//!
//! Each is a pure function of its input (and of the locale, asked through `sys`): cli/ parses
//! du's options with them, walk/ and replay/ spell and exclude paths, report/ formats sizes,
//! times and diagnostics. Nothing here does I/O.

pub(crate) mod argmatch;
pub(crate) mod c;
pub mod exclude;
pub(crate) mod fnmatch;
pub(crate) mod gettext;
pub(crate) mod mountlist;
pub(crate) mod path;
pub(crate) mod printf;
pub mod progname;
pub mod quote;
pub mod size;
pub(crate) mod strftime;
pub(crate) mod strtol;
pub(crate) mod timestyle;
