//! The parameters of a native histogram: its schema, how many buckets it
//! may keep, and the breadth of its zero bucket.

use std::collections::HashMap;
use std::sync::Arc;

use prometheus::core::Desc;

use crate::native::schema::{MAX_SCHEMA, MIN_SCHEMA};

/// client_golang's default zero threshold, 2^-128.
pub const DEFAULT_ZERO_THRESHOLD: f64 = f64::from_bits(0x37F0_0000_0000_0000);

/// The most buckets a native histogram may be declared to keep.
pub const MAX_BUCKETS_LIMIT: u32 = 4096;

/// The parameters of a native histogram, as declared with
/// `#[metric(native(schema = .., max_buckets = .., zero_threshold = ..))]`.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NativeParams {
    pub(crate) schema: i32,
    pub(crate) max_buckets: u32,
    pub(crate) zero_threshold: f64,
}

impl NativeParams {
    /// client_golang's defaults: schema 3 (its bucket factor 1.1), 160
    /// buckets, zero threshold 2^-128.
    pub const DEFAULT: NativeParams = NativeParams {
        schema: 3,
        max_buckets: 160,
        zero_threshold: DEFAULT_ZERO_THRESHOLD,
    };

    /// The parameters the derive read and checked; clamped here too, so
    /// that no value can make a histogram unbounded.
    pub const fn __new(schema: i32, max_buckets: u32, zero_threshold: f64) -> Self {
        NativeParams {
            schema: clamp_schema(schema),
            max_buckets: clamp_max_buckets(max_buckets),
            zero_threshold: if zero_threshold >= 0.0 && zero_threshold < f64::INFINITY {
                zero_threshold
            } else {
                DEFAULT_ZERO_THRESHOLD
            },
        }
    }
}

const fn clamp_schema(schema: i32) -> i32 {
    if schema < MIN_SCHEMA {
        MIN_SCHEMA
    } else if schema > MAX_SCHEMA {
        MAX_SCHEMA
    } else {
        schema
    }
}

const fn clamp_max_buckets(max_buckets: u32) -> u32 {
    if max_buckets == 0 {
        1
    } else if max_buckets > MAX_BUCKETS_LIMIT {
        MAX_BUCKETS_LIMIT
    } else {
        max_buckets
    }
}

/// How to build a [`NativeHistogram`](crate::NativeHistogram) or a
/// [`NativeHistogramVec`](crate::NativeHistogramVec) by hand; a
/// component's fields take the same parameters from `#[metric(native(..))]`.
///
/// ```
/// use prometheus_component::NativeHistogramOpts;
/// let opts = NativeHistogramOpts::new("rpc_seconds", "RPC time.")
///     .schema(5)
///     .max_buckets(100)
///     .zero_threshold(1e-9)
///     .buckets(vec![0.1, 1.0]);
/// assert_eq!(opts.name(), "rpc_seconds");
/// ```
#[derive(Debug, Clone)]
pub struct NativeHistogramOpts {
    name: String,
    help: String,
    const_labels: HashMap<String, String>,
    classic_buckets: Option<Vec<f64>>,
    pub(crate) params: NativeParams,
}

impl NativeHistogramOpts {
    /// Options with client_golang's defaults: schema 3, at most 160
    /// buckets, zero threshold 2^-128, no classic buckets.
    pub fn new(name: impl Into<String>, help: impl Into<String>) -> Self {
        NativeHistogramOpts {
            name: name.into(),
            help: help.into(),
            const_labels: HashMap::new(),
            classic_buckets: None,
            params: NativeParams::DEFAULT,
        }
    }

    /// The metric's full name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema, clamped to Prometheus' −4..=8: each power of two is
    /// split into `2^schema` buckets.
    pub fn schema(mut self, schema: i32) -> Self {
        self.params.schema = clamp_schema(schema);
        self
    }

    /// How many buckets the histogram keeps before it halves its
    /// resolution, clamped to `1..=4096`.
    pub fn max_buckets(mut self, max_buckets: u32) -> Self {
        self.params.max_buckets = clamp_max_buckets(max_buckets);
        self
    }

    /// Observations within this distance of 0 count in the zero bucket.
    /// A negative, infinite or `NaN` threshold keeps the default.
    pub fn zero_threshold(mut self, threshold: f64) -> Self {
        self.params = NativeParams::__new(self.params.schema, self.params.max_buckets, threshold);
        self
    }

    /// Classic buckets as well, for scrapers of the text formats.
    pub fn buckets(mut self, bounds: Vec<f64>) -> Self {
        self.classic_buckets = Some(bounds);
        self
    }

    /// A constant label.
    pub fn const_label(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.const_labels.insert(name.into(), value.into());
        self
    }

    pub(crate) fn from_parts(
        name: &str,
        help: &str,
        const_labels: HashMap<String, String>,
        classic_buckets: Option<Vec<f64>>,
        params: NativeParams,
    ) -> Self {
        NativeHistogramOpts {
            name: name.to_owned(),
            help: help.to_owned(),
            const_labels,
            classic_buckets,
            params,
        }
    }

    pub(crate) fn desc(&self, variable_labels: Vec<String>) -> prometheus::Result<Desc> {
        Desc::new(
            self.name.clone(),
            self.help.clone(),
            variable_labels,
            self.const_labels.clone(),
        )
    }

    /// The classic bounds, checked as the `prometheus` crate checks them.
    pub(crate) fn classic(&self) -> Option<Arc<[f64]>> {
        let bounds = self.classic_buckets.as_ref()?;
        let mut bounds: Vec<f64> = bounds.iter().copied().filter(|b| b.is_finite()).collect();
        bounds.sort_by(f64::total_cmp);
        bounds.dedup();
        Some(bounds.into())
    }
}
