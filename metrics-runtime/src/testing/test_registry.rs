//! A private registry that every component's `global()` can be pointed at.

use std::future::Future;
use std::sync::Arc;

use crate::native::snapshot::NativeHistogramSample;
use crate::registry::Registry;
use crate::testing::read_back::{
    compare_text_in, exemplar_in, histogram_in, native_histogram_in, value_in, ExemplarSample,
    HistogramSample, TextMismatch,
};
use crate::testing::scope::{Frame, RegistryScope, Scoped, TestScope};

/// A private registry for tests of code that calls `global()` on
/// components the test need not know: inside its scope, on that thread,
/// every component's `T::global()` is `T` registered in this registry
/// (on first use, once). This is Go's `SetupTestMetrics` without a global
/// switch, so tests keep running in parallel.
///
/// It has the read-back helpers of [`TestMetrics`](crate::TestMetrics).
///
/// # Spawned work (feature `tokio`)
///
/// With the `tokio` feature, a scope entered inside a tokio runtime
/// ([`enter`](Self::enter) as the first line of a `#[tokio::test]`) or a
/// [`scope`](Self::scope) future polled on one binds that runtime, through
/// `Handle::id()`, until the guard drops or the future completes. Every
/// task spawned onto it, directly or by another task, every
/// `spawn_blocking` closure, and every connection task of a server started
/// in the test then counts into this registry. Each `#[tokio::test]` has
/// its own runtime, so parallel tests stay apart. A thread's own scope
/// still wins on that thread.
///
/// Two different scopes bound to one runtime at once cannot be told apart
/// from a task one of them spawned: that task's `global()` panics, saying
/// so, instead of counting into either. Wrap such a task's future in the
/// scope it belongs to, or give each test its own runtime. Threads from
/// `std::thread::spawn` do not inherit a scope, and other executors follow
/// only `scope(fut)`.
///
/// ```
/// use prometheus_component::prometheus::{IntCounter, IntGauge};
/// use prometheus_component::{Metrics, TestRegistry};
///
/// /// Orders.
/// #[derive(Metrics)]
/// #[metrics(component = "orders")]
/// struct OrderMetrics {
///     /// Orders placed.
///     placed_total: IntCounter,
/// }
///
/// /// Stock.
/// #[derive(Metrics)]
/// #[metrics(component = "stock")]
/// struct StockMetrics {
///     /// Items on hand.
///     on_hand: IntGauge,
/// }
///
/// fn place_order() {
///     OrderMetrics::global().placed_total.inc();
///     StockMetrics::global().on_hand.dec();
/// }
///
/// let registry = TestRegistry::new();
/// {
///     let _scope = registry.enter();
///     place_order();
/// }
/// assert_eq!(registry.value("orders_placed_total", &[]), Some(1.0));
/// assert_eq!(registry.value("stock_on_hand", &[]), Some(-1.0));
/// assert_eq!(registry.registry().components(), ["orders", "stock"]);
/// ```
#[derive(Clone)]
pub struct TestRegistry {
    scope: Arc<RegistryScope>,
}

impl TestRegistry {
    /// A new test registry with nothing registered.
    pub fn new() -> Self {
        TestRegistry {
            scope: Arc::new(RegistryScope::new(Registry::new())),
        }
    }

    /// Makes every component's `global()` and `try_global()` on the current
    /// thread resolve to this registry until the guard drops. Nesting,
    /// unwinding and threads behave as with
    /// [`TestMetrics::enter`](crate::TestMetrics::enter); an inner
    /// `TestMetrics` scope wins for its own component.
    pub fn enter(&self) -> TestScope<'_> {
        TestScope::enter(self.frame())
    }

    /// `fut`, run inside this registry's scope around every poll, on
    /// whichever thread polls it; see [`Scoped`].
    pub fn scope<F: Future>(&self, fut: F) -> Scoped<F> {
        Scoped::new(self.frame(), fut)
    }

    fn frame(&self) -> Frame {
        Frame::Registry(self.scope.clone())
    }

    /// The registry components are registered in.
    pub fn registry(&self) -> &Registry {
        &self.scope.registry
    }

    /// The registry's text exposition.
    pub fn encode_text(&self) -> String {
        self.scope.registry.encode_text()
    }

    /// The value of a counter or gauge series, as
    /// [`TestMetrics::value`](crate::TestMetrics::value) reads it.
    ///
    /// # Panics
    ///
    /// When no metric registered here has the name `full_name`, as
    /// [`TestMetrics::value`](crate::TestMetrics::value) does.
    #[track_caller]
    pub fn value(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        value_in(&self.scope.registry, full_name, labels)
    }

    /// A histogram series, as
    /// [`TestMetrics::histogram`](crate::TestMetrics::histogram) reads it.
    ///
    /// # Panics
    ///
    /// As [`value`](Self::value).
    #[track_caller]
    pub fn histogram(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<HistogramSample> {
        histogram_in(&self.scope.registry, full_name, labels)
    }

    /// The latest exemplar of a counter or histogram series that keeps
    /// them ([`Exemplars`](crate::Exemplars), or a
    /// [`NativeHistogram`](crate::NativeHistogram)), selected as in
    /// [`value`](Self::value), which says when it panics. For a histogram,
    /// `("le", "0.5")` among `labels` picks a bucket's; without it, the
    /// latest of any bucket. `None` if the series has none.
    #[track_caller]
    pub fn exemplar(&self, full_name: &str, labels: &[(&str, &str)]) -> Option<ExemplarSample> {
        exemplar_in(self.registry(), full_name, labels)
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
        native_histogram_in(&self.scope.registry, full_name, labels)
    }

    /// Compares the exposition with `expected`, as
    /// [`TestMetrics::compare_text`](crate::TestMetrics::compare_text) does.
    pub fn compare_text(&self, expected: &str, names: &[&str]) -> Result<(), TextMismatch> {
        compare_text_in(&self.scope.registry, expected, names)
    }
}

impl Default for TestRegistry {
    fn default() -> Self {
        TestRegistry::new()
    }
}

impl std::fmt::Debug for TestRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestRegistry")
            .field("registry", &self.scope.registry)
            .finish()
    }
}
