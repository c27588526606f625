//! What a native histogram holds at one moment, and how tests read it.

use std::cmp::Ordering;
use std::sync::atomic::{self, AtomicU64};
use std::sync::Arc;

use crate::native::schema;

/// The classic buckets declared on a native histogram, counted beside
/// its native ones.
pub(crate) struct ClassicCounts {
    bounds: Arc<[f64]>,
    /// One count per bound, then the count past the last bound.
    counts: Box<[AtomicU64]>,
}

impl ClassicCounts {
    pub(crate) fn new(bounds: Arc<[f64]>) -> Self {
        let counts = (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect();
        ClassicCounts { bounds, counts }
    }

    pub(crate) fn observe(&self, value: f64) {
        // `NaN` is past every bound, as in the `prometheus` crate.
        let index = self.bounds.partition_point(|&bound| {
            matches!(value.partial_cmp(&bound), Some(Ordering::Greater) | None)
        });
        self.counts[index].fetch_add(1, atomic::Ordering::Relaxed);
    }

    pub(crate) fn cumulative(&self) -> ClassicSnapshot {
        let mut total = 0;
        let buckets = self
            .bounds
            .iter()
            .zip(self.counts.iter())
            .map(|(&bound, count)| {
                total += count.load(atomic::Ordering::Relaxed);
                (bound, total)
            })
            .collect();
        total += self.counts[self.bounds.len()].load(atomic::Ordering::Relaxed);
        ClassicSnapshot { buckets, total }
    }
}

/// The classic buckets of one snapshot.
pub(crate) struct ClassicSnapshot {
    /// `(upper bound, cumulative count)`.
    pub(crate) buckets: Vec<(f64, u64)>,
    /// Every observation the classic buckets saw.
    pub(crate) total: u64,
}

/// A native histogram at one moment, at its current schema.
pub(crate) struct NativeSnapshot {
    pub(crate) schema: i32,
    pub(crate) zero_threshold: f64,
    pub(crate) zero_count: u64,
    /// The observations in the native buckets, the zero bucket and `NaN`.
    pub(crate) count: u64,
    pub(crate) sum: f64,
    /// `(index, count)`, by index, no empty bucket.
    pub(crate) positive: Vec<(i32, u64)>,
    pub(crate) negative: Vec<(i32, u64)>,
    pub(crate) classic: Option<ClassicSnapshot>,
}

impl NativeSnapshot {
    /// The count to export. Classic and native buckets are counted one
    /// after the other, so a scrape racing an observation may see it in
    /// one and not yet in the other: the larger count covers both.
    pub(crate) fn exposed_count(&self) -> u64 {
        match &self.classic {
            Some(classic) => classic.total.max(self.count),
            None => self.count,
        }
    }

    /// The count the text formats export: their `le="+Inf"` bucket must
    /// equal it, and that bucket is the classic total when there are
    /// classic buckets.
    pub(crate) fn text_count(&self) -> u64 {
        match &self.classic {
            Some(classic) => classic.total,
            None => self.count,
        }
    }

    pub(crate) fn sample(&self) -> NativeHistogramSample {
        let s = self.schema;
        let negative = self.negative.iter().rev().map(|&(index, count)| {
            (
                -schema::upper_bound(index, s),
                -schema::lower_bound(index, s),
                count,
            )
        });
        let positive = self.positive.iter().map(|&(index, count)| {
            (
                schema::lower_bound(index, s),
                schema::upper_bound(index, s),
                count,
            )
        });
        NativeHistogramSample {
            count: self.count,
            sum: self.sum,
            schema: self.schema,
            zero_threshold: self.zero_threshold,
            zero_count: self.zero_count,
            buckets: negative.chain(positive).collect(),
        }
    }
}

/// What a native histogram series holds, read back by
/// [`TestMetrics::native_histogram`](crate::TestMetrics::native_histogram)
/// and [`TestRegistry::native_histogram`](crate::TestRegistry::native_histogram).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct NativeHistogramSample {
    /// How many observations were made.
    pub count: u64,
    /// The sum of all observations.
    pub sum: f64,
    /// The schema the buckets are at now: lower than the declared one
    /// when the resolution was halved.
    pub schema: i32,
    /// The breadth of the zero bucket.
    pub zero_threshold: f64,
    /// The observations within `zero_threshold` of 0.
    pub zero_count: u64,
    /// `(lower, upper, count)` of every bucket that has observations, in
    /// increasing order, negative buckets first; each holds the values
    /// `v` with `lower < v <= upper` (for negative buckets,
    /// `lower <= v < upper`). Not cumulative.
    pub buckets: Vec<(f64, f64, u64)>,
}
