//! The trait every component implements.

use std::sync::Arc;

use crate::component::assemble::Builder;
use crate::component::info::ComponentInfo;
use crate::error::Error;
use crate::field::descriptor::MetricDescriptor;
use crate::registry::global::GlobalCell;
use crate::registry::Registry;
use crate::testing::scope;
use crate::testing::test_metrics::TestMetrics;

/// A component: a struct of metrics declared with `#[derive(Metrics)]` or
/// [`metrics_component!`](crate::metrics_component).
///
/// The derive implements this trait, and makes [`global`](Metrics::global)
/// and [`for_test`](Metrics::for_test) inherent methods too, so that the
/// calls a service and its tests make everywhere need no import; the other
/// methods need the trait in scope. Its hidden methods are the
/// derive's business: implement it only through the derive.
///
/// ```
/// use prometheus_component::prometheus::IntCounter;
/// use prometheus_component::{Metrics, Registry};
///
/// /// Cache lookups.
/// #[derive(Metrics)]
/// #[metrics(component = "cache")]
/// struct CacheMetrics {
///     /// Lookups that found their key.
///     hits_total: IntCounter,
/// }
///
/// // Generic code reaches any component through the trait.
/// fn names<T: Metrics>() -> Vec<&'static str> {
///     T::descriptors().iter().map(|d| d.name()).collect()
/// }
/// assert_eq!(names::<CacheMetrics>(), ["cache_hits_total"]);
/// assert_eq!(CacheMetrics::COMPONENT, "cache");
/// ```
pub trait Metrics: Sized + Send + Sync + 'static {
    /// The component name, unique in its crate.
    const COMPONENT: &'static str;

    /// The declaration of each metric, in field order.
    fn descriptors() -> &'static [MetricDescriptor] {
        Self::__DESCRIPTORS
    }

    /// The instance in [`Registry::global()`], registered on first use,
    /// exactly once however many threads race for it.
    ///
    /// Never panics: if registration fails (a clash with a collector
    /// registered by hand), it still returns a working instance that is
    /// simply not exported, and [`try_global`](Metrics::try_global) tells why.
    ///
    /// The instance is kept inline in a `static`, so that an update through
    /// it costs what one through a hand-written `static` metric does; it
    /// holds the very metrics that `register(Registry::global())` returns,
    /// so an update through either shows in both.
    ///
    /// Inside a test scope ([`TestMetrics::enter`], [`TestRegistry::enter`],
    /// or their `scope(fut)`), it is the scope's test instance instead, on
    /// that thread only.
    ///
    /// [`TestRegistry::enter`]: crate::TestRegistry::enter
    /// [`TestMetrics::enter`]: crate::TestMetrics::enter
    #[inline]
    fn global() -> &'static Self {
        match scope::scoped::<Self>() {
            Some(scoped) => scoped.metrics(),
            None => Self::__global().get().metrics(),
        }
    }

    /// The same instance as [`global`](Metrics::global), or the error that
    /// kept it out of the global registry.
    ///
    /// Inside a test scope, it is the scope's instance, as with `global()`.
    fn try_global() -> Result<&'static Self, &'static Error> {
        match scope::scoped::<Self>() {
            Some(scoped) => scoped.result(),
            None => Self::__global().get().result(),
        }
    }

    /// Registers the component in `registry`, or returns the instance
    /// already registered there (the same `Arc` on every call).
    ///
    /// All or nothing: when any metric clashes, nothing of the component
    /// stays registered, and a later call succeeds once the clash is gone.
    /// (The `prometheus` registry keeps one help text and label set per
    /// metric name for the life of the process, even after a collector is
    /// unregistered: a hand-registered collector that held a name with
    /// another help text keeps that name unusable for a component.)
    ///
    /// It never returns `Ok` while a metric of the component is missing
    /// from the registry. A component is one collector in the `prometheus`
    /// registry, which refuses to unregister one of its metrics alone; a
    /// component taken out whole behind its back, through
    /// [`Registry::prometheus`], is registered again (or, when something
    /// else took one of its names meanwhile, forgotten, and the error
    /// returned). Checking costs one atomic load.
    ///
    /// A test scope does not change what this does: it registers in the
    /// registry it is given, `Registry::global()` included. Only `global()`
    /// and `try_global()` follow scopes.
    fn register(registry: &Registry) -> Result<Arc<Self>, Error> {
        registry.register::<Self>()
    }

    /// Takes every metric of the component out of `registry` and forgets
    /// it there; `true` when it was registered. A later
    /// [`register`](Metrics::register) makes a new instance.
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::{Metrics, Registry};
    ///
    /// /// The mailer.
    /// #[derive(Metrics)]
    /// #[metrics(component = "mailer")]
    /// struct MailerMetrics {
    ///     /// Mails sent.
    ///     sent_total: IntCounter,
    /// }
    ///
    /// let registry = Registry::new();
    /// MailerMetrics::register(&registry)?;
    /// assert!(MailerMetrics::unregister(&registry));
    /// assert!(!MailerMetrics::unregister(&registry)); // idempotent
    /// assert!(registry.components().is_empty());
    /// assert!(registry.encode_text().is_empty());
    /// # Ok::<(), prometheus_component::Error>(())
    /// ```
    fn unregister(registry: &Registry) -> bool {
        registry.unregister_component(Self::__INFO)
    }

    /// A fresh instance on a private registry of its own: parallel tests
    /// never see each other's values, and nothing reaches the global registry.
    fn for_test() -> TestMetrics<Self> {
        TestMetrics::new()
    }

    /// The declaration of each metric, in field order, readable in const
    /// context (which [`descriptors`](Metrics::descriptors) is not), for
    /// [`assert_unique!`](crate::assert_unique). A constant rather than a
    /// `static`: it is evaluated once, with the component's catalog entry,
    /// which is where `cargo check` reports a field type that is not what
    /// its name says.
    #[doc(hidden)]
    const __DESCRIPTORS: &'static [MetricDescriptor];

    /// The component from its fields, taken from `fields` in declaration
    /// order.
    #[doc(hidden)]
    fn __build(fields: &mut Builder<'_>) -> Self;

    #[doc(hidden)]
    fn __global() -> &'static GlobalCell<Self>;

    /// What the runtime knows of this component without its type, so that
    /// what does not need the type is compiled once for all components.
    #[doc(hidden)]
    const __INFO: &'static ComponentInfo = &ComponentInfo::of::<Self>();
}
