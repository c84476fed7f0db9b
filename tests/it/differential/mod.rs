//! Differential tests: GNU du and dug run with the same arguments on the same trees must print
//! the same stdout, the same stderr (program name aside) and exit with the same status. The
//! core options over every shared tree (`flags`), operands of every kind (`operands`), usage
//! and permission errors (`errors`), and checks on the harness itself (`harness`); du 9.1's
//! other options are in `more_flags`.

mod errors;
mod flags;
mod harness;
mod operands;
