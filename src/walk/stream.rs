//! A directory too long to read before its stats begin. Its first `SEGMENT` entries are read
//! as any directory's (`Walker::list`); if there are more, each segment read is offered to
//! the other workers (see `wide`) while the owner reads the next, so that on a warm cache the
//! second core stats what the first has listed instead of waiting for the whole listing
//! (getdents is a quarter of a 200,000-entry directory's time). Once everything is read the
//! owner helps with what is left, takes each segment back, puts the entries together in
//! kernel order and then in fts's order, so the replay receives the same one complete listing
//! as before.

use std::mem::MaybeUninit;
use std::os::fd::OwnedFd;
use std::sync::Arc;

use crate::walk::Walker;
use crate::walk::dir::{Dirent, Reader, inode_sorted};
use crate::walk::scan::{DirId, Entry, Listing};
use crate::walk::task::{Here, Ran};
use crate::walk::wide::Wide;

/// The entries read before the first offer, and in every later one (a little more: a
/// segment ends where a getdents call's entries end). Large enough that the offers and their
/// merge cost nothing next to the stats (about 25 offers for 200,000 entries), small enough
/// that the second core starts early.
pub(super) const SEGMENT: usize = 8_192;

impl Walker<'_> {
    /// Goes on reading the open directory `fd`, of which `raw` are the first entries (at least
    /// `SEGMENT`, names in `listing`), offering each segment to the other workers as it is
    /// read, and stats them all.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn stream(
        &self,
        id: DirId,
        fd: OwnedFd,
        mut listing: Listing,
        mut raw: Vec<Dirent>,
        here: Here<'_>,
        buf: &mut [MaybeUninit<u8>],
        spawn: &dyn Fn(usize),
    ) -> Ran {
        let fd = Arc::new(fd);
        let mut reader = Reader::new(&fd, buf).after(raw.len());
        let parent = here.parent();
        let mut offers: Vec<Arc<Wide>> = Vec::new();
        let mut inos: Vec<u64> = Vec::new();
        // Whether the reading was cut short by a stop: then there is no listing to send.
        let mut cut = false;
        loop {
            if raw.is_empty() {
                break;
            }
            inos.extend(raw.iter().map(|d| d.ino));
            let names = std::mem::take(&mut listing.names);
            let segment = std::mem::take(&mut raw);
            let first = offers.is_empty();
            offers.push(self.offer(
                Arc::clone(&fd),
                names,
                segment,
                &parent,
                here.place,
                spawn,
                first,
            ));
            if reader.is_done() {
                break;
            }
            if self.is_stopped() {
                cut = true;
                break;
            }
            // An error past the directory's first entry goes into listing.error: fill does
            // not fail here.
            if reader.fill(&mut raw, SEGMENT, &mut listing).is_err() {
                break;
            }
        }
        // Every offer is gathered, even once one came back short: each one's chunks end
        // within a stat of a stop, and nothing may still read the directory once it is closed.
        let mut whole = !cut;
        let mut names = Vec::new();
        let mut entries: Vec<Entry> = Vec::with_capacity(inos.len());
        for offer in &offers {
            match self.gather(offer, spawn) {
                Some(stated) if whole => {
                    let base = names.len();
                    names.extend_from_slice(&stated.names);
                    entries.extend(stated.entries.into_iter().map(|mut e| {
                        e.name = e.name.start + base..e.name.end + base;
                        e
                    }));
                }
                Some(_) => {}
                None => whole = false,
            }
        }
        drop(offers);
        if !whole {
            return Ran::Stopped;
        }
        let Some(fd) = Arc::into_inner(fd) else {
            unreachable!("every offer gave its share of the directory back")
        };
        listing.names = names;
        listing.entries = fts_order(entries, &inos, &fd);
        listing.counted_ahead = true;
        self.listed(id, fd, listing, here)
    }
}

/// Entries stat'ed in kernel order, with their d_ino in `inos`, put in fts's order (see
/// `dir::fts_order`: each large batch sorted by inode number, stably), in place: the entries
/// are moved, never copied, so the directory is held once.
fn fts_order(mut entries: Vec<Entry>, inos: &[u64], dir: &OwnedFd) -> Vec<Entry> {
    let batches = inode_sorted(entries.len(), dir);
    if batches.is_empty() {
        return entries;
    }
    // order[k]: where the entry that goes to k is now.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    for batch in batches {
        order[batch].sort_by_key(|&i| inos[i]);
    }
    permute(&mut entries, &mut order);
    entries
}

/// Moves `items[order[k]]` to `k` for every k, following each cycle of the permutation with
/// swaps; `order` ends as the identity.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_permutation_moves_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        // Two cycles (0 2 4) and (1 5), and 3 in place.
        let mut order = vec![2, 5, 4, 3, 0, 1];
        let want: Vec<char> = order.iter().map(|&i| items[i]).collect();
        permute(&mut items, &mut order);
        assert_eq!(items, want);
        assert_eq!(order, (0..6).collect::<Vec<_>>());
    }
}
