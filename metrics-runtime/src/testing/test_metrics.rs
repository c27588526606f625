//! Component instances for tests, each on a private registry.

use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::sync::Arc;

use once_cell::sync::OnceCell;

use crate::component::info::{downcast_arc, ComponentInfo};
use crate::component::instance::{FieldHandle, Instance};
use crate::component::metrics::Metrics;
use crate::native::snapshot::NativeHistogramSample;
use crate::registry::global::Global;
use crate::registry::Registry;
use crate::testing::read_back::{
    compare_text_in, exemplar_in, histogram_in, native_histogram_in, value_in, ExemplarSample,
    HistogramSample, TextMismatch,
};
use crate::testing::scope::{Frame, Scoped, TestScope};

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
    fields: Arc<[FieldHandle]>,
    registry: Registry,
    // What `global()` returns inside this instance's scopes: leaked once,
    // on the first `enter` or `scope`, however many scopes follow.
    scoped: OnceCell<&'static Global<T>>,
}

impl<T: Metrics> TestMetrics<T> {
    pub(crate) fn new() -> Self {
        let (registry, instance) = registered_alone(T::__INFO);
        TestMetrics {
            metrics: downcast_arc(instance.metrics),
            fields: instance.fields,
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

    /// The latest exemplar of a counter or histogram series that keeps
    /// them ([`Exemplars`](crate::Exemplars), or a
    /// [`NativeHistogram`](crate::NativeHistogram)), selected as in
    /// [`value`](Self::value), which says when it panics. For a histogram,
    /// `("le", "0.5")` among `labels` picks a bucket's; without it, the
    /// latest of any bucket. `None` if the series has none.
    #[track_caller]
    pub fn exemplar(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<ExemplarSample> {
        exemplar_in(&self.registry, full_name, labels)
    }

    /// The native buckets of a [`NativeHistogram`](crate::NativeHistogram)
    /// series (or a `NativeHistogramVec`'s or `Labeled` one's child),
    /// selected as in [`value`](Self::value), which says when it panics;
    /// `None` for a series that is not a native histogram's.
    #[track_caller]
    pub fn native_histogram(
        &self,
        full_name: &str,
        labels: &[(&str, &str)],
    ) -> Option<NativeHistogramSample> {
        native_histogram_in(&self.registry, full_name, labels)
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
                .get_or_init(|| Box::leak(Box::new(Global::sharing(&self.fields)))),
        )
    }
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

/// A new registry with the component `info` describes registered in it,
/// alone. Not generic, so that each component instantiates little of
/// `for_test()`.
fn registered_alone(info: &'static ComponentInfo) -> (Registry, Instance) {
    let registry = Registry::new();
    let instance = registry.register_component(info).expect(
        "an empty registry has nothing to clash with, and names were checked at compile time",
    );
    (registry, instance)
}
