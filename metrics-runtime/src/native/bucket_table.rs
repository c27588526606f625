//! The sparse buckets of one native histogram at one schema: a fixed-size
//! open-addressing table of atomic keys and counts, so that an
//! observation claims or finds its bucket with atomic operations only,
//! never a lock.
//!
//! A table never grows. When a histogram has more buckets than it may
//! keep, it moves on to a new table at half the resolution (see
//! `histogram`), and old tables stay as they are, still counted.

use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::native::schema::Resolution;
use crate::native::stripe::MAX_STRIPES;

/// A key no bucket has: positive bucket `i` is `2i`, negative `2i + 1`,
/// and indices stay far from `i32`'s ends.
const EMPTY: i32 = i32::MIN;

/// Which side of zero a bucket is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Sign {
    Positive,
    Negative,
}

/// A bucket: its side of zero and its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BucketKey {
    pub(crate) sign: Sign,
    pub(crate) index: i32,
}

impl BucketKey {
    #[inline]
    fn encode(self) -> i32 {
        self.index * 2 + i32::from(self.sign == Sign::Negative)
    }

    fn decode(key: i32) -> Self {
        BucketKey {
            sign: if key & 1 == 1 {
                Sign::Negative
            } else {
                Sign::Positive
            },
            index: key >> 1,
        }
    }
}

/// The buckets of one schema: the keys, shared, and a copy of the
/// counts per stripe, made when a thread of that stripe first counts.
pub(crate) struct BucketTable {
    pub(crate) resolution: Resolution,
    keys: Box<[AtomicI32]>,
    /// Inline, so that an observer reaches its stripe's counts through
    /// one pointer.
    stripes: [OnceLock<Box<[AtomicU64]>>; MAX_STRIPES],
    /// How many slots hold a key.
    used: AtomicU32,
}

impl BucketTable {
    /// A table for `schema` with room for at least `buckets` keys at a
    /// load of at most two thirds.
    pub(crate) fn new(schema: i32, buckets: usize) -> Self {
        let capacity = (buckets * 3 / 2).next_power_of_two().max(16);
        BucketTable {
            resolution: Resolution::of(schema),
            keys: (0..capacity).map(|_| AtomicI32::new(EMPTY)).collect(),
            stripes: [const { OnceLock::new() }; MAX_STRIPES],
            used: AtomicU32::new(0),
        }
    }

    /// The schema the table's buckets are at.
    #[inline]
    pub(crate) fn schema(&self) -> i32 {
        self.resolution.schema
    }

    /// How many buckets the table holds.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.used.load(Ordering::Relaxed) as usize
    }

    /// Counts one observation in the bucket `key`, in `stripe` (below
    /// the histogram's stripe count), if the
    /// bucket has its home slot and the stripe its counts, as almost
    /// always: the observer's fast path, straight code with predictable
    /// branches. `false` if the slow path ([`add`](Self::add)) must count
    /// it.
    #[inline]
    pub(crate) fn add_one_at_home(&self, key: BucketKey, stripe: usize) -> bool {
        let key = key.encode();
        let position = key as u32 as usize & (self.keys.len() - 1);
        let counts = self.stripes[stripe % MAX_STRIPES].get();
        match counts {
            Some(counts) if self.keys[position].load(Ordering::Relaxed) == key => {
                counts[position].fetch_add(1, Ordering::Relaxed);
                true
            }
            _ => false,
        }
    }

    /// Adds `count` to the bucket `key`, in `stripe`, claiming a slot for
    /// it if it has none. `None` when the table is full; otherwise whether
    /// the bucket is new.
    pub(crate) fn add(&self, key: BucketKey, count: u64, stripe: usize) -> Option<bool> {
        let key = key.encode();
        let mask = self.keys.len() - 1;
        // The key itself is the hash: a histogram's buckets are mostly a
        // run of neighbouring indices, which then take neighbouring slots
        // without a collision, and the slot is ready a multiplication
        // sooner on the way to the count's atomic add.
        let mut position = key as u32 as usize & mask;
        for _ in 0..self.keys.len() {
            let found = self.keys[position].load(Ordering::Acquire);
            let created = if found == key {
                false
            } else if found != EMPTY {
                position = (position + 1) & mask;
                continue;
            } else {
                match self.keys[position].compare_exchange(
                    EMPTY,
                    key,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                ) {
                    Ok(_) => {
                        self.used.fetch_add(1, Ordering::Relaxed);
                        true
                    }
                    Err(other) if other == key => false,
                    Err(_) => {
                        position = (position + 1) & mask;
                        continue;
                    }
                }
            };
            if count > 0 {
                self.counts(stripe)[position].fetch_add(count, Ordering::Relaxed);
            }
            return Some(created);
        }
        None
    }

    /// The counts of `stripe`, made on first use.
    fn counts(&self, stripe: usize) -> &[AtomicU64] {
        self.stripes[stripe % MAX_STRIPES]
            .get_or_init(|| (0..self.keys.len()).map(|_| AtomicU64::new(0)).collect())
    }

    /// Every bucket with its count, in slot order.
    pub(crate) fn buckets(&self) -> impl Iterator<Item = (BucketKey, u64)> + '_ {
        let stripes: Vec<&[AtomicU64]> = self
            .stripes
            .iter()
            .filter_map(|counts| counts.get().map(|counts| &counts[..]))
            .collect();
        self.keys
            .iter()
            .enumerate()
            .filter_map(move |(position, key)| {
                let key = key.load(Ordering::Acquire);
                let count = stripes
                    .iter()
                    .map(|counts| counts[position].load(Ordering::Relaxed))
                    .sum();
                (key != EMPTY).then(|| (BucketKey::decode(key), count))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(index: i32) -> BucketKey {
        BucketKey {
            sign: Sign::Positive,
            index,
        }
    }

    #[test]
    fn counts_each_bucket_and_says_which_are_new() {
        let table = BucketTable::new(3, 4);
        assert_eq!(table.add(key(5), 1, 0), Some(true));
        assert_eq!(table.add(key(5), 2, 1), Some(false));
        let negative = BucketKey {
            sign: Sign::Negative,
            index: 5,
        };
        assert_eq!(table.add(negative, 1, 0), Some(true));
        assert_eq!(table.add(key(-7), 1, 0), Some(true));
        assert_eq!(table.len(), 3);
        let mut buckets: Vec<_> = table.buckets().collect();
        buckets.sort_by_key(|(k, _)| (k.sign, k.index));
        assert_eq!(buckets, [(key(-7), 1), (key(5), 3), (negative, 1)]);
    }

    #[test]
    fn a_full_table_refuses_a_new_bucket_but_counts_known_ones() {
        let table = BucketTable::new(0, 8);
        for index in 0..16 {
            assert_eq!(table.add(key(index), 1, 0), Some(true));
        }
        assert_eq!(table.add(key(100), 1, 0), None);
        assert_eq!(table.add(key(3), 1, 0), Some(false));
    }

    #[test]
    fn concurrent_observers_lose_no_count() {
        let table = BucketTable::new(3, 64);
        std::thread::scope(|s| {
            for stripe in 0..4 {
                let table = &table;
                s.spawn(move || {
                    for n in 0..10_000 {
                        if !table.add_one_at_home(key(n % 50), stripe) {
                            table.add(key(n % 50), 1, stripe);
                        }
                    }
                });
            }
        });
        assert_eq!(table.len(), 50);
        assert_eq!(table.buckets().map(|(_, c)| c).sum::<u64>(), 40_000);
    }
}
