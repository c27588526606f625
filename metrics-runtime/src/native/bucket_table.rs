//! The sparse buckets of one native histogram at one schema: a fixed-size
//! open-addressing table of atomic keys and counts, so that an
//! observation claims or finds its bucket with atomic operations only,
//! never a lock.
//!
//! A table never grows. When a histogram has more buckets than it may
//! keep, it moves on to a new table at half the resolution (see
//! `histogram`), and old tables stay as they are, still counted.

use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};

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

/// The buckets of one schema.
pub(crate) struct BucketTable {
    pub(crate) schema: i32,
    keys: Box<[AtomicI32]>,
    counts: Box<[AtomicU64]>,
    /// How many slots hold a key.
    used: AtomicU32,
}

impl BucketTable {
    /// A table for `schema` with room for at least `buckets` keys at a
    /// load of at most one half.
    pub(crate) fn new(schema: i32, buckets: usize) -> Self {
        let capacity = (buckets * 2).next_power_of_two().max(16);
        BucketTable {
            schema,
            keys: (0..capacity).map(|_| AtomicI32::new(EMPTY)).collect(),
            counts: (0..capacity).map(|_| AtomicU64::new(0)).collect(),
            used: AtomicU32::new(0),
        }
    }

    /// How many buckets the table holds.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.used.load(Ordering::Relaxed) as usize
    }

    /// Adds `count` to the bucket `key`, claiming a slot for it if it has
    /// none. `None` when the table is full; otherwise whether the bucket
    /// is new.
    #[inline]
    pub(crate) fn add(&self, key: BucketKey, count: u64) -> Option<bool> {
        let key = key.encode();
        let mask = self.keys.len() - 1;
        // Fibonacci hashing: neighbouring indices land far apart.
        let mut slot = (key as u32).wrapping_mul(0x9E37_79B9) as usize & mask;
        for _ in 0..self.keys.len() {
            let found = self.keys[slot].load(Ordering::Acquire);
            let created = if found == key {
                false
            } else if found != EMPTY {
                slot = (slot + 1) & mask;
                continue;
            } else {
                match self.keys[slot].compare_exchange(
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
                        slot = (slot + 1) & mask;
                        continue;
                    }
                }
            };
            if count > 0 {
                self.counts[slot].fetch_add(count, Ordering::Relaxed);
            }
            return Some(created);
        }
        None
    }

    /// Every bucket with its count, in slot order.
    pub(crate) fn buckets(&self) -> impl Iterator<Item = (BucketKey, u64)> + '_ {
        self.keys
            .iter()
            .zip(self.counts.iter())
            .filter_map(|(key, count)| {
                let key = key.load(Ordering::Acquire);
                (key != EMPTY).then(|| (BucketKey::decode(key), count.load(Ordering::Relaxed)))
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
        assert_eq!(table.add(key(5), 1), Some(true));
        assert_eq!(table.add(key(5), 2), Some(false));
        let negative = BucketKey {
            sign: Sign::Negative,
            index: 5,
        };
        assert_eq!(table.add(negative, 1), Some(true));
        assert_eq!(table.add(key(-7), 1), Some(true));
        assert_eq!(table.len(), 3);
        let mut buckets: Vec<_> = table.buckets().collect();
        buckets.sort_by_key(|(k, _)| (k.sign, k.index));
        assert_eq!(buckets, [(key(-7), 1), (key(5), 3), (negative, 1)]);
    }

    #[test]
    fn a_full_table_refuses_a_new_bucket_but_counts_known_ones() {
        let table = BucketTable::new(0, 8);
        for index in 0..16 {
            assert_eq!(table.add(key(index), 1), Some(true));
        }
        assert_eq!(table.add(key(100), 1), None);
        assert_eq!(table.add(key(3), 1), Some(false));
    }

    #[test]
    fn concurrent_observers_lose_no_count() {
        let table = BucketTable::new(3, 64);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for n in 0..10_000 {
                        table.add(key(n % 50), 1);
                    }
                });
            }
        });
        assert_eq!(table.len(), 50);
        assert_eq!(table.buckets().map(|(_, c)| c).sum::<u64>(), 40_000);
    }
}
