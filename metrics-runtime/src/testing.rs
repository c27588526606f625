//! Component instances for tests, each on a private registry.

use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::sync::Arc;

use once_cell::sync::OnceCell;

use crate::component::Metrics;
use crate::global::Global;
use crate::registry::Registry;
use crate::scope::{Frame, Scoped, TestScope};
use crate::text_samples::{self, Sample};

/// A component on a private registry of its own, from
/// [`Metrics::for_test`]. Derefs to the component.
///
/// ```
/// use prometheus_component::prometheus::{HistogramVec, IntCounterVec};
/// use prometheus_component::Metrics;
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
pub struct TestMetrics<T: 'static> {
    metrics: Arc<T>,
    registry: Registry,
    // What `global()` returns inside this instance's scopes: leaked once,
    // on the first `enter` or `scope`, however many scopes follow.
    scoped: OnceCell<&'static Global<T>>,
}

/// What a histogram series holds, read back by [`TestMetrics::histogram`]
/// and [`TestRegistry::histogram`](crate::TestRegistry::histogram).
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
        TestMetrics {
            metrics,
            registry,
            scoped: OnceCell::new(),
        }
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
    ///
    /// # Panics
    ///
    /// When no metric registered here has the name `full_name` (a typo in
    /// the test), listing the names there are.
    #[track_caller]
    pub fn value(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        value_in(&self.registry, full_name, labels)
    }

    /// The count, sum and buckets of a histogram series, selected as in
    /// [`value`](Self::value), which says when it panics.
    #[track_caller]
    pub fn histogram(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<HistogramSample> {
        histogram_in(&self.registry, full_name, labels)
    }

    /// Compares the exposition of the named metric families (all families
    /// when `names` is empty) with `expected`, in the spirit of Go's
    /// `testutil.CollectAndCompare`. Leading and trailing white space of each
    /// line and blank lines are ignored, so `expected` may be indented.
    ///
    /// ```
    /// use prometheus_component::prometheus::IntGauge;
    /// use prometheus_component::Metrics;
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
        compare_text_in(&self.registry, expected, names)
    }

    /// Makes `T::global()` and `T::try_global()` return this instance on
    /// the current thread until the guard drops, so that code which calls
    /// `global()` is tested unchanged. Other components are not affected.
    ///
    /// Scopes nest (the innermost wins), and dropping the guard restores
    /// what was there before, also when the thread unwinds. A thread
    /// spawned inside the scope does not inherit it; call `enter` there
    /// too (for example inside `std::thread::scope`). With the `tokio`
    /// feature, entered inside a tokio runtime (the first line of a
    /// `#[tokio::test]`), it also covers the tasks and `spawn_blocking`
    /// closures spawned onto that runtime while the guard lives; see
    /// [`TestRegistry`](crate::TestRegistry).
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::Metrics;
    ///
    /// /// Jobs.
    /// #[derive(Metrics)]
    /// #[metrics(component = "jobs")]
    /// struct JobMetrics {
    ///     /// Jobs run.
    ///     runs_total: IntCounter,
    /// }
    ///
    /// fn run_job() {
    ///     JobMetrics::global().runs_total.inc();
    /// }
    ///
    /// let m = JobMetrics::for_test();
    /// {
    ///     let _scope = m.enter();
    ///     run_job();
    /// }
    /// assert_eq!(m.value("jobs_runs_total", &[]), Some(1.0));
    /// ```
    pub fn enter(&self) -> TestScope<'_> {
        TestScope::enter(self.frame())
    }

    /// `fut`, run inside this instance's scope around every poll, on
    /// whichever thread polls it; see [`Scoped`].
    ///
    /// ```
    /// # use prometheus_component::prometheus::IntCounter;
    /// # use prometheus_component::Metrics;
    /// # /// Jobs.
    /// # #[derive(Metrics)]
    /// # #[metrics(component = "jobs")]
    /// # struct JobMetrics {
    /// #     /// Jobs run.
    /// #     runs_total: IntCounter,
    /// # }
    /// async fn run_job() {
    ///     JobMetrics::global().runs_total.inc();
    /// }
    ///
    /// let m = JobMetrics::for_test();
    /// let fut = m.scope(run_job());
    /// # use std::future::Future;
    /// # let waker = std::task::Waker::noop();
    /// # let mut fut = std::pin::pin!(fut);
    /// # let _ = fut.as_mut().poll(&mut std::task::Context::from_waker(waker));
    /// // ... awaited by the test's runtime ...
    /// assert_eq!(m.value("jobs_runs_total", &[]), Some(1.0));
    /// ```
    pub fn scope<F: Future>(&self, fut: F) -> Scoped<F> {
        Scoped::new(self.frame(), fut)
    }

    fn frame(&self) -> Frame {
        Frame::instance(
            *self
                .scoped
                .get_or_init(|| Box::leak(Box::new(Global::sharing(&*self.metrics)))),
        )
    }
}

/// [`TestMetrics::value`] and [`TestRegistry::value`].
#[track_caller]
pub(crate) fn value_in(
    registry: &Registry,
    full_name: &str,
    labels: &[(&str, &str)],
) -> Option<f64> {
    known_samples(registry, full_name)
        .into_iter()
        .find(|s| s.name == full_name && labels_match(registry, s, labels, &[]))
        .map(|s| s.value)
}

/// [`TestMetrics::histogram`] and [`TestRegistry::histogram`].
#[track_caller]
pub(crate) fn histogram_in(
    registry: &Registry,
    full_name: &str,
    labels: &[(&str, &str)],
) -> Option<HistogramSample> {
    let samples: Vec<Sample> = known_samples(registry, full_name)
        .into_iter()
        .filter(|s| s.family == full_name && labels_match(registry, s, labels, &["le"]))
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

/// [`TestMetrics::compare_text`] and [`TestRegistry::compare_text`].
pub(crate) fn compare_text_in(
    registry: &Registry,
    expected: &str,
    names: &[&str],
) -> Result<(), TextMismatch> {
    let actual = select_families(&registry.encode_text(), names);
    let expected = normalize(expected);
    if actual == expected {
        Ok(())
    } else {
        Err(TextMismatch { expected, actual })
    }
}

/// The registry's samples, after checking that `full_name` is a metric
/// there: declared by a registered component (a `*Vec` may have no series
/// yet) or exported by some collector. A name that is neither is a typo in
/// the test, which a quiet `None` would hide.
#[track_caller]
fn known_samples(registry: &Registry, full_name: &str) -> Vec<Sample> {
    let samples = text_samples::parse(&registry.encode_text());
    let mut names = registry.declared_names();
    // A histogram's `_count`, `_sum` and `_bucket` series count as known.
    let exported = |s: &Sample| s.family == full_name || s.name == full_name;
    if names.contains(&full_name) || samples.iter().any(exported) {
        return samples;
    }
    names.extend(samples.iter().map(|s| s.family.as_str()));
    names.sort_unstable();
    names.dedup();
    let listed: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    panic!(
        "no metric named `{full_name}` is registered here; the metrics there are: {}",
        if listed.is_empty() {
            "none".to_owned()
        } else {
            listed.join(", ")
        }
    );
}

/// Whether `sample` carries exactly `wanted`, besides its metric's
/// constant labels and the `ignored` ones.
fn labels_match(
    registry: &Registry,
    sample: &Sample,
    wanted: &[(&str, &str)],
    ignored: &[&str],
) -> bool {
    let const_labels = registry.const_labels_of(&sample.family);
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
        if let Some(family) = text_samples::family_of_comment(&line) {
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
