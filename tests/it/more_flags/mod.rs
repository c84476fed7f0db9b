//! Differential tests for du 9.1's options beyond the core: --exclude and -X (`exclude`), -t,
//! --inodes and the block-size environment (`sizes`), --time and --time-style with TZ and
//! TIME_STYLE (`time`), --files0-from (`files0`), and POSIXLY_CORRECT, the usage errors of all
//! of them and --help / --version (`usage`) — each alone and mixed with -a, -s, -c, -h, -d,
//! -0, -L. du and dug must print the same bytes and exit alike.

mod exclude;
mod files0;
mod sizes;
mod time;
mod usage;
