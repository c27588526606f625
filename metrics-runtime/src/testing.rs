//! Component instances for tests, each on a private registry.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use crate::component::Metrics;
use crate::exposition::{self, Sample};
use crate::registry::Registry;

/// A component on a private registry of its own, from
/// [`Metrics::for_test`]. Derefs to the component.
///
/// ```
/// use metrics_runtime::prometheus::{HistogramVec, IntCounterVec};
/// use metrics_runtime::Metrics;
///
/// /// The checkout flow.
/// #[derive(Metrics)]
/// #[metrics(component = "checkout")]
/// struct CheckoutMetrics {
///     /// Orders placed, by payment method.
///     #[metric(labels = ["method"])]
///     orders_total: IntCounterVec,
///     /// Time to place an order.
///     #[metric(labels = ["method"], buckets = [0.1, 1.0])]
///     duration_seconds: HistogramVec,
/// }
///
/// let m = CheckoutMetrics::for_test();
/// m.orders_total.with_label_values(&["card"]).inc_by(2);
/// m.duration_seconds.with_label_values(&["card"]).observe(0.5);
///
/// assert_eq!(m.value("checkout_orders_total", &[("method", "card")]), Some(2.0));
/// assert_eq!(m.value("checkout_orders_total", &[("method", "cash")]), None);
/// let h = m.histogram("checkout_duration_seconds", &[("method", "card")]).unwrap();
/// assert_eq!((h.count, h.sum), (1, 0.5));
/// assert_eq!(h.buckets, [(0.1, 0), (1.0, 1)]);
/// ```
pub struct TestMetrics<T> {
    metrics: Arc<T>,
    registry: Registry,
}

/// What a histogram series holds, read back by [`TestMetrics::histogram`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HistogramSample {
    /// How many observations were made.
    pub count: u64,
    /// The sum of all observations.
    pub sum: f64,
    /// `(upper bound, cumulative count)` of each declared bucket, in
    /// increasing order; the implicit `+Inf` bucket's count is `count`.
    pub buckets: Vec<(f64, u64)>,
}

impl<T: Metrics> TestMetrics<T> {
    pub(crate) fn new() -> Self {
        let registry = Registry::new();
        let metrics = T::register(&registry).expect(
            "an empty registry has nothing to clash with, and names were checked at compile time",
        );
        TestMetrics { metrics, registry }
    }

    /// The private registry the instance is registered in.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The instance, shared, for code that takes an `Arc<T>`.
    pub fn instance(&self) -> Arc<T> {
        self.metrics.clone()
    }

    /// The private registry's text exposition.
    pub fn encode_text(&self) -> String {
        self.registry.encode_text()
    }

    /// The value of a counter or gauge series: `full_name` as exported, and
    /// every variable label as a `(name, value)` pair in any order (constant
    /// labels may be left out). `None` when no such series has been exported,
    /// for example a `*Vec` child that was never touched.
    pub fn value(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        self.samples()
            .into_iter()
            .find(|s| s.name == full_name && self.labels_match(s, labels, &[]))
            .map(|s| s.value)
    }

    /// The count, sum and buckets of a histogram series, selected as in
    /// [`value`](Self::value).
    pub fn histogram(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<HistogramSample> {
        let samples: Vec<Sample> = self
            .samples()
            .into_iter()
            .filter(|s| s.family == full_name && self.labels_match(s, labels, &["le"]))
            .collect();
        let find = |suffix: &str| {
            samples
                .iter()
                .find(|s| s.name.strip_prefix(full_name) == Some(suffix))
                .map(|s| s.value)
        };
        let count = find("_count")?;
        let sum = find("_sum")?;
        let buckets = samples
            .iter()
            .filter(|s| s.name.strip_prefix(full_name) == Some("_bucket"))
            .filter_map(|s| {
                let (_, le) = s.labels.iter().find(|(name, _)| name == "le")?;
                let bound: f64 = le.parse().ok()?;
                bound.is_finite().then_some((bound, s.value as u64))
            })
            .collect();
        Some(HistogramSample {
            count: count as u64,
            sum,
            buckets,
        })
    }

    /// Compares the exposition of the named metric families (all families
    /// when `names` is empty) with `expected`, in the spirit of Go's
    /// `testutil.CollectAndCompare`. Leading and trailing white space of each
    /// line and blank lines are ignored, so `expected` may be indented.
    ///
    /// ```
    /// use metrics_runtime::prometheus::IntGauge;
    /// use metrics_runtime::Metrics;
    ///
    /// /// Worker pool.
    /// #[derive(Metrics)]
    /// #[metrics(component = "pool")]
    /// struct PoolMetrics {
    ///     /// Busy workers.
    ///     busy: IntGauge,
    /// }
    ///
    /// let m = PoolMetrics::for_test();
    /// m.busy.set(4);
    /// let expected = "
    ///     ## HELP pool_busy Busy workers.
    ///     ## TYPE pool_busy gauge
    ///     pool_busy 4
    /// ";
    /// m.compare_text(expected, &["pool_busy"]).unwrap();
    /// assert!(m.compare_text("pool_busy 5", &[]).is_err());
    /// ```
    pub fn compare_text(&self, expected: &str, names: &[&str]) -> Result<(), TextMismatch> {
        let actual = select_families(&self.encode_text(), names);
        let expected = normalize(expected);
        if actual == expected {
            Ok(())
        } else {
            Err(TextMismatch { expected, actual })
        }
    }

    fn samples(&self) -> Vec<Sample> {
        exposition::parse(&self.encode_text())
    }

    /// Whether `sample` carries exactly `wanted`, besides its metric's
    /// constant labels and the `ignored` ones.
    fn labels_match(&self, sample: &Sample, wanted: &[(&str, &str)], ignored: &[&str]) -> bool {
        let const_labels = T::descriptors()
            .iter()
            .find(|d| d.name() == sample.family)
            .map_or(&[][..], |d| d.const_labels());
        let all_wanted_present = wanted
            .iter()
            .all(|(k, v)| sample.labels.iter().any(|(sk, sv)| sk == k && sv == v));
        let rest_known = sample.labels.iter().all(|(k, _)| {
            wanted.iter().any(|(wk, _)| wk == k)
                || ignored.contains(&k.as_str())
                || const_labels.iter().any(|(ck, _)| ck == k)
        });
        all_wanted_present && rest_known
    }
}

fn normalize(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

fn select_families(text: &str, names: &[&str]) -> Vec<String> {
    let mut keep = names.is_empty();
    let mut lines = Vec::new();
    for line in normalize(text) {
        if let Some(family) = exposition::family_of_comment(&line) {
            keep = names.is_empty() || names.contains(&family);
        }
        if keep {
            lines.push(line);
        }
    }
    lines
}

impl<T> Deref for TestMetrics<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.metrics
    }
}

impl<T> fmt::Debug for TestMetrics<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestMetrics")
            .field("component", &std::any::type_name::<T>())
            .field("registry", &self.registry)
            .finish()
    }
}

/// The difference [`TestMetrics::compare_text`] found: shown as a line diff,
/// `-` for expected lines missing from the exposition and `+` for lines
/// the exposition has in their place.
#[derive(Clone, PartialEq, Eq)]
pub struct TextMismatch {
    expected: Vec<String>,
    actual: Vec<String>,
}

impl TextMismatch {
    /// The expected lines, normalized.
    pub fn expected(&self) -> &[String] {
        &self.expected
    }

    /// The exposition's lines, normalized and restricted to the named families.
    pub fn actual(&self) -> &[String] {
        &self.actual
    }
}

impl fmt::Display for TextMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "exposition differs from the expected text (-expected +actual):"
        )?;
        for line in crate::diff::lines(&self.expected, &self.actual) {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for TextMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for TextMismatch {}
