//! Every call into the C library, behind safe wrappers: the one folder of dug with `unsafe`
//! for it. It takes nothing from the rest of dug and hands the other stages plain Rust values.
//!
//! du is a C program on glibc, so where its output depends on the C library, the C library is
//! the reference itself: the locale (`setlocale`, `localeconv`, and the printable characters
//! quoting asks about), the message catalogs (`dcgettext`) and `strerror`, --exclude's
//! `fnmatch`, --time's `localtime_r` and `strftime`. The end by SIGPIPE is
//! here too, though signal-hook does it safely: it is the process-level counterpart of these.
//! So are the questions -v asks the system (`fs`: is the operand a mount root, how many inodes
//! its file system uses; `terminal`: how wide standard error's terminal is).

pub(crate) mod fnmatch;
pub(crate) mod fs;
pub(crate) mod locale;
pub(crate) mod messages;
pub(crate) mod signal;
pub(crate) mod terminal;
pub(crate) mod time;

pub use locale::{Lconv, use_environment_locale};
pub use messages::use_coreutils_catalog;
pub use signal::die_of_sigpipe;
