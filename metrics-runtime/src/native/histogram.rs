//! `NativeHistogram`: a histogram with Prometheus' exponential buckets,
//! observed with atomic operations only.

use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use prometheus::core::{Collector, Desc, Metric};
use prometheus::proto::{self, LabelPair, MetricFamily};

use crate::exemplar::cell::RecentExemplars;
use crate::exemplar::recorded::Exemplar;
use crate::native::bucket_table::{BucketKey, BucketTable, Sign};
use crate::native::opts::{NativeHistogramOpts, NativeParams};
use crate::native::schema::{self, MIN_SCHEMA};
use crate::native::snapshot::{ClassicCounts, NativeSnapshot};
use crate::native::stripe::{self, StripeTotals, MAX_STRIPES};

/// A histogram with Prometheus' native (exponential, sparse) buckets:
/// no bucket list to choose, a bounded relative error at every scale, and
/// one series where a classic histogram has one per bucket.
///
/// Scrapers that ask for protobuf ([`Format::Protobuf`](crate::Format::Protobuf),
/// which Prometheus does when its native histograms are on) receive the
/// native buckets. The text formats show `_count`, `_sum` and the classic
/// buckets declared with `buckets = [...]`, or only `le="+Inf"` without
/// them.
///
/// `observe` takes no lock. Each observation finds or claims its bucket
/// in a fixed-size table of atomic slots; past `max_buckets` buckets the
/// histogram continues at half the resolution, as client_golang does, so
/// its memory stays bounded: at most one table per schema it went
/// through, made on the first observation that needs it, each of up to
/// `3 * max_buckets` slots (the next power of two above `1.5 *
/// max_buckets`) of a 4-byte key and an 8-byte count. Threads count in
/// stripes (up to the machine's parallelism, at most 8), each with its
/// own counts made on its first use, so that threads observing at once
/// do not contend; a scrape adds them up. With the defaults, one
/// histogram observed from one thread takes about 5 KiB.
///
/// ```
/// use prometheus_component::{Metrics, NativeHistogram};
///
/// /// The checkout.
/// #[derive(Metrics)]
/// #[metrics(component = "checkout")]
/// struct CheckoutMetrics {
///     /// Time to take a payment.
///     #[metric(native(schema = 3, max_buckets = 100))]
///     payment_seconds: NativeHistogram,
/// }
///
/// let m = CheckoutMetrics::for_test();
/// m.payment_seconds.observe(0.25);
/// m.payment_seconds.observe(0.3);
/// let h = m.native_histogram("checkout_payment_seconds", &[]).unwrap();
/// assert_eq!((h.count, h.schema), (2, 3));
/// // 0.25 is 2^-2, the upper bound of its bucket at any schema.
/// assert_eq!(h.buckets[0], (0.25 / 2f64.powf(1.0 / 8.0), 0.25, 1));
/// ```
#[derive(Clone)]
pub struct NativeHistogram {
    core: Arc<Core>,
}

struct Core {
    desc: Desc,
    label_pairs: Vec<LabelPair>,
    params: NativeParams,
    classic: Option<ClassicCounts>,
    /// How many of `totals` (and of each table's stripes) are in use.
    stripes: usize,
    /// The sum and the counts outside the buckets, per stripe.
    totals: [StripeTotals; MAX_STRIPES],
    /// One table per schema, the initial one first; `current` is in use.
    tables: Box<[OnceLock<BucketTable>]>,
    current: AtomicUsize,
    /// Held while the resolution is halved, which only one thread does.
    reducing: Mutex<()>,
    /// The latest exemplars.
    exemplars: RecentExemplars,
}

impl NativeHistogram {
    /// A histogram with `opts`, for use outside a component (a component
    /// builds its fields itself).
    ///
    /// ```
    /// use prometheus_component::{NativeHistogram, NativeHistogramOpts};
    /// let h = NativeHistogram::with_opts(NativeHistogramOpts::new("rpc_seconds", "RPC time."))?;
    /// h.observe(0.1);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn with_opts(opts: NativeHistogramOpts) -> prometheus::Result<Self> {
        let params = opts.params;
        let desc = opts.desc(Vec::new())?;
        let label_pairs = sorted(desc.const_label_pairs.clone());
        Ok(NativeHistogram::from_parts(
            desc,
            label_pairs,
            params,
            opts.classic(),
        ))
    }

    pub(crate) fn from_parts(
        desc: Desc,
        label_pairs: Vec<LabelPair>,
        params: NativeParams,
        classic_bounds: Option<Arc<[f64]>>,
    ) -> Self {
        let tables = (MIN_SCHEMA..=params.schema)
            .map(|_| OnceLock::new())
            .collect();
        NativeHistogram {
            core: Arc::new(Core {
                desc,
                label_pairs,
                params,
                classic: classic_bounds.map(ClassicCounts::new),
                stripes: stripe::stripe_count(),
                totals: StripeTotals::for_each_stripe(),
                tables,
                current: AtomicUsize::new(0),
                reducing: Mutex::new(()),
                exemplars: RecentExemplars::default(),
            }),
        }
    }

    /// Records one observation. Following Prometheus: a value within the
    /// zero threshold of 0 counts in the zero bucket; a negative one in a
    /// negative bucket; `±Inf` in the bucket past the largest finite
    /// value's; `NaN` only in the count and the sum (which becomes `NaN`).
    #[inline]
    pub fn observe(&self, value: f64) {
        let core = &*self.core;
        if let Some(classic) = &core.classic {
            classic.observe(value);
        }
        let stripe = stripe::current_stripe_of(core.stripes);
        let totals = &core.totals[stripe];
        // The sum first: its atomic update then overlaps with finding the
        // bucket, where the other order would wait for that search.
        add_float(&totals.sum_bits, value);
        if value.is_nan() {
            totals.nan_count.fetch_add(1, Ordering::Relaxed);
        } else if value.abs() <= core.params.zero_threshold {
            totals.zero_count.fetch_add(1, Ordering::Relaxed);
        } else {
            let sign = if value > 0.0 {
                Sign::Positive
            } else {
                Sign::Negative
            };
            core.add_to_bucket(sign, value.abs(), stripe);
        }
    }

    /// Records one observation, as [`observe`](Self::observe) does, and
    /// keeps an exemplar of `labels` with the value `value` among the
    /// latest ten, exported in protobuf (and in OpenMetrics on the bucket
    /// line of its value). OpenMetrics' rules are checked: valid label
    /// names, none twice, at most 128 characters in all; an exemplar that
    /// breaks one is refused with a log record (once per series), and the
    /// observation still counts. The exemplar is written with `try_lock`,
    /// and dropped if a scrape holds the list that instant.
    ///
    /// ```
    /// use prometheus_component::{NativeHistogram, NativeHistogramOpts};
    /// let h = NativeHistogram::with_opts(NativeHistogramOpts::new("rpc_seconds", "RPC time."))?;
    /// h.observe_with_exemplar(0.25, &[("trace_id", "4bf92f3577b34da6")]);
    /// assert_eq!(h.get_sample_count(), 1);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn observe_with_exemplar(&self, value: f64, labels: &[(&str, &str)]) {
        self.observe(value);
        self.core
            .exemplars
            .record(labels, value, || self.core.desc.fq_name.clone());
    }

    /// The exemplars kept, oldest first.
    pub(crate) fn exemplars(&self) -> Vec<Exemplar> {
        self.core.exemplars.all()
    }

    /// How many observations were made.
    ///
    /// ```
    /// use prometheus_component::{NativeHistogram, NativeHistogramOpts};
    /// let h = NativeHistogram::with_opts(NativeHistogramOpts::new("rpc_seconds", "RPC time."))?;
    /// h.observe(0.5);
    /// h.observe(f64::NAN);
    /// assert_eq!(h.get_sample_count(), 2);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn get_sample_count(&self) -> u64 {
        self.snapshot().exposed_count()
    }

    /// The sum of all observations.
    ///
    /// ```
    /// use prometheus_component::{NativeHistogram, NativeHistogramOpts};
    /// let h = NativeHistogram::with_opts(NativeHistogramOpts::new("rpc_seconds", "RPC time."))?;
    /// h.observe(0.5);
    /// h.observe(0.25);
    /// assert_eq!(h.get_sample_sum(), 0.75);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn get_sample_sum(&self) -> f64 {
        self.core.sum()
    }

    /// What the histogram holds now, at its current schema.
    pub(crate) fn snapshot(&self) -> NativeSnapshot {
        self.core.snapshot()
    }

    pub(crate) fn label_pairs(&self) -> &[LabelPair] {
        &self.core.label_pairs
    }
}

impl Core {
    #[inline]
    fn table(&self, position: usize) -> &BucketTable {
        self.tables[position].get_or_init(|| self.new_table(position))
    }

    fn new_table(&self, position: usize) -> BucketTable {
        let schema = self.params.schema - position as i32;
        // At the coarsest schema nothing is halved any more: the table
        // holds every bucket a `f64` can fall in (about 270).
        let room = if schema == MIN_SCHEMA {
            (self.params.max_buckets as usize).max(300)
        } else {
            self.params.max_buckets as usize + 1
        };
        BucketTable::new(schema, room)
    }

    #[inline]
    fn add_to_bucket(&self, sign: Sign, magnitude: f64, stripe: usize) {
        let position = self.current.load(Ordering::Acquire);
        if let Some(table) = self.tables[position].get() {
            let key = BucketKey {
                sign,
                index: table.resolution.bucket_index(magnitude),
            };
            if table.add_one_at_home(key, stripe) {
                return;
            }
        }
        self.add_to_new_or_displaced_bucket(sign, magnitude, stripe);
    }

    /// The sum of every stripe's observations. Stripes hold partial sums,
    /// so an `Inf` and a `-Inf` in different stripes give `NaN`, as they
    /// would in one.
    fn sum(&self) -> f64 {
        self.totals[..self.stripes]
            .iter()
            .map(|totals| f64::from_bits(totals.sum_bits.load(Ordering::Relaxed)))
            .sum()
    }

    /// The observer's slow path: the first observation, a bucket new to
    /// the table or away from its home slot, and halving the resolution.
    #[cold]
    #[inline(never)]
    fn add_to_new_or_displaced_bucket(&self, sign: Sign, magnitude: f64, stripe: usize) {
        // Each pass moves on to a coarser table; there are at most 13.
        for _ in 0..self.tables.len() {
            let position = self.current.load(Ordering::Acquire);
            let table = self.table(position);
            let key = BucketKey {
                sign,
                index: table.resolution.bucket_index(magnitude),
            };
            match table.add(key, 1, stripe) {
                Some(true) if table.len() > self.params.max_buckets as usize => {
                    self.halve_resolution(position);
                    return;
                }
                Some(_) => return,
                None => self.halve_resolution(position),
            }
        }
    }

    /// Moves from the table at `position` to one at half its resolution,
    /// unless another thread already did. The new table starts with every
    /// bucket the older ones have, at zero, so that it alone says how
    /// many buckets the histogram exports. Older tables keep their counts
    /// (an observer that read `current` before the move may still add to
    /// one) and are merged into every snapshot.
    fn halve_resolution(&self, position: usize) {
        let _only_one = self
            .reducing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut position = position;
        while self.current.load(Ordering::Acquire) == position
            && position + 1 < self.tables.len()
            && self.table(position).len() > self.params.max_buckets as usize
        {
            let next = self.table(position + 1);
            for older in self.tables[..=position].iter().filter_map(OnceLock::get) {
                let by = (older.schema() - next.schema()) as u32;
                for (key, _) in older.buckets() {
                    let coarser = BucketKey {
                        index: schema::coarser_index(key.index, by),
                        ..key
                    };
                    next.add(coarser, 0, 0);
                }
            }
            self.current.store(position + 1, Ordering::Release);
            position += 1;
        }
    }

    fn snapshot(&self) -> NativeSnapshot {
        let position = self.current.load(Ordering::Acquire);
        let schema = self.params.schema - position as i32;
        let mut positive = Vec::new();
        let mut negative = Vec::new();
        for table in self.tables[..=position].iter().filter_map(OnceLock::get) {
            let by = (table.schema() - schema) as u32;
            for (key, count) in table.buckets() {
                let index = schema::coarser_index(key.index, by);
                match key.sign {
                    Sign::Positive => positive.push((index, count)),
                    Sign::Negative => negative.push((index, count)),
                }
            }
        }
        let positive = merge(positive);
        let negative = merge(negative);
        let zero_count = self.totals[..self.stripes]
            .iter()
            .map(|t| t.zero_count.load(Ordering::Relaxed))
            .sum();
        let nan_count: u64 = self.totals[..self.stripes]
            .iter()
            .map(|t| t.nan_count.load(Ordering::Relaxed))
            .sum();
        let in_buckets: u64 = positive.iter().chain(&negative).map(|(_, c)| c).sum();
        let native_count = in_buckets + zero_count + nan_count;
        NativeSnapshot {
            schema,
            zero_threshold: self.params.zero_threshold,
            zero_count,
            count: native_count,
            sum: self.sum(),
            positive,
            negative,
            classic: self.classic.as_ref().map(ClassicCounts::cumulative),
        }
    }
}

/// Sorts buckets by index and adds up those of one index; buckets at
/// zero (carried over to a coarser table but not yet observed) go.
fn merge(mut buckets: Vec<(i32, u64)>) -> Vec<(i32, u64)> {
    buckets.sort_unstable_by_key(|&(index, _)| index);
    let mut merged: Vec<(i32, u64)> = Vec::with_capacity(buckets.len());
    for (index, count) in buckets {
        match merged.last_mut() {
            Some((last, total)) if *last == index => *total += count,
            _ => merged.push((index, count)),
        }
    }
    merged.retain(|&(_, count)| count > 0);
    merged
}

/// Adds `value` to the `f64` whose bits `cell` holds.
#[inline]
pub(crate) fn add_float(cell: &AtomicU64, value: f64) {
    let mut current = cell.load(Ordering::Relaxed);
    loop {
        let new = (f64::from_bits(current) + value).to_bits();
        match cell.compare_exchange_weak(current, new, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return,
            Err(actual) => current = actual,
        }
    }
}

/// Label pairs in the order the `prometheus` crate gives them: by name.
pub(crate) fn sorted(mut pairs: Vec<LabelPair>) -> Vec<LabelPair> {
    pairs.sort_by(|a, b| a.name().cmp(b.name()));
    pairs
}

// The `prometheus` crate's view of it: `Metric`, `Collector`, `Debug`.
#[path = "histogram_collector.rs"]
mod collector;
pub(crate) use collector::family;

#[cfg(test)]
#[path = "histogram_tests.rs"]
mod tests;
