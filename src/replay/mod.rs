//! The replay stage. It owns du's order: scans arrive from the walk in any order, one per
//! directory, and leave as du's records in du's sequential (fts) order, hard links counted once
//! where du counts them, sums rolled up to every directory, depth, threshold and exclusions
//! applied. It hands on records and diagnostics to the report (`crate::report`), each the
//! moment everything before it in du's order is known.
//!
//! - `select`: the loop on the aggregator's thread: scans, the progress ticker, the done flag;
//! - `order`: the sequential replay, which holds scans until their turn;
//! - `ancestors`: what fts knows of the open directories (cycles, its `..` check, -L's links);
//! - `links`: du's dev/ino set, which decides where a hard-linked file counts;
//! - `rollup`: du's per-level sums, a finished directory's record, the grand total;
//! - `usage`: the sums one record shows;
//! - `share`: how much of the operand's file system the walk has seen, for -v's estimate.

mod ancestors;
mod links;
mod order;
mod rollup;
mod select;
mod share;
pub(crate) mod usage;

pub(crate) use select::{Ending, Source, aggregate};

#[cfg(test)]
mod fts_tests;
#[cfg(test)]
mod tests;
