//! `Exemplars<M>`: a `prometheus` counter or histogram (or its `*Vec`)
//! that keeps the latest exemplar of each series, or of each bucket.

use std::ops::Deref;
use std::sync::Arc;

use prometheus::core::{Collector, Desc, Metric};
use prometheus::proto::{self, MetricFamily};
use prometheus::{Counter, CounterVec, Histogram, HistogramVec, IntCounter, IntCounterVec};

use crate::exemplar::cell::{ChildExemplars, SeriesExemplars};
use crate::exemplar::recorded::Exemplar;

/// A `prometheus` counter or histogram, or one of their `*Vec`s, that
/// keeps the latest exemplar of each series (of each bucket, for a
/// histogram): a link from a counter's increment or a latency bucket to
/// the trace that caused it, exported in OpenMetrics
/// (`# {trace_id="..."} value timestamp`) and in protobuf.
///
/// It dereferences to `M`, so plain updates read as before and cost the
/// same. The `*_with_exemplar` methods update, then offer the exemplar:
///
/// - They take no lock anyone holds for long: the exemplar is written
///   with `try_lock`, and dropped if a scrape or another update holds its
///   cell at that instant. The update counts either way.
/// - OpenMetrics' rules are checked: valid label names, no name twice, at
///   most 128 characters of names and values in all. An exemplar that
///   breaks one is refused with a log record (once per series, through
///   `log`), and the update still counts.
/// - The timestamp is the system clock's when the exemplar is recorded.
///
/// On a `*Vec`, `with_label_values(..)` gives a child with the same
/// methods, whose exemplars the scrape finds under the child's labels.
///
/// ```
/// use prometheus_component::prometheus::{Histogram, IntCounter};
/// use prometheus_component::{Exemplars, Metrics};
///
/// /// The checkout.
/// #[derive(Metrics)]
/// #[metrics(component = "checkout")]
/// struct CheckoutMetrics {
///     /// Orders placed.
///     orders_total: Exemplars<IntCounter>,
///     /// Time to take a payment.
///     #[metric(buckets = [0.1, 0.5, 1.0])]
///     payment_seconds: Exemplars<Histogram>,
/// }
///
/// let m = CheckoutMetrics::for_test();
/// m.orders_total.inc(); // plain, as before
/// m.orders_total.inc_with_exemplar(&[("trace_id", "4bf92f3577b34da6")]);
/// m.payment_seconds.observe_with_exemplar(0.3, &[("trace_id", "00f067aa0ba902b7")]);
///
/// assert_eq!(m.orders_total.get(), 2);
/// let exemplar = m.exemplar("checkout_orders_total", &[]).unwrap();
/// assert_eq!(exemplar.labels, [("trace_id".to_owned(), "4bf92f3577b34da6".to_owned())]);
/// // A histogram's exemplar sits on the bucket of its value.
/// let exemplar = m.exemplar("checkout_payment_seconds", &[("le", "0.5")]).unwrap();
/// assert_eq!(exemplar.value, 0.3);
/// ```
pub struct Exemplars<M> {
    metric: M,
    exemplars: Store,
}

/// Where an [`Exemplars`] keeps its exemplars: per series, or per child of
/// a `*Vec`. Not a type parameter of `Exemplars`, so that a type that
/// cannot keep exemplars makes one error (the field type's), not many.
#[derive(Debug, Clone)]
pub(crate) enum Store {
    Series(Arc<SeriesExemplars>),
    Children(Arc<ChildExemplars>),
}

impl Store {
    fn series(&self) -> Option<&SeriesExemplars> {
        match self {
            Store::Series(series) => Some(series),
            Store::Children(_) => None,
        }
    }

    fn children(&self) -> Option<&Arc<ChildExemplars>> {
        match self {
            Store::Children(children) => Some(children),
            Store::Series(_) => None,
        }
    }
}

impl<M: Clone> Clone for Exemplars<M> {
    fn clone(&self) -> Self {
        Exemplars {
            metric: self.metric.clone(),
            exemplars: self.exemplars.clone(),
        }
    }
}

impl<M> Deref for Exemplars<M> {
    type Target = M;

    fn deref(&self) -> &M {
        &self.metric
    }
}

impl<M: std::fmt::Debug> std::fmt::Debug for Exemplars<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exemplars")
            .field("metric", &self.metric)
            .finish_non_exhaustive()
    }
}

/// The `prometheus` types [`Exemplars`] wraps: `IntCounter`, `Counter`,
/// `Histogram`, and their `*Vec`s. Sealed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot keep exemplars",
    label = "no exemplars for this type",
    note = "exemplars are kept by counters and histograms: `Exemplars<M>` takes `IntCounter`, `Counter`, `Histogram` and their `*Vec` forms; a `NativeHistogram` keeps them without a wrapper"
)]
pub trait ExemplarMetric: Collector + Clone + Sized + 'static + sealed::Sealed {}

pub(crate) mod sealed {
    /// Where the exemplars of a wrapped metric are kept.
    pub trait Sealed {
        /// An empty store for this metric.
        #[allow(private_interfaces)]
        fn new_store(&self) -> super::Store;
    }
}

/// The exemplar cells of a histogram series: one per bucket, `+Inf`
/// included. Its bounds are read once, here.
fn histogram_cells(histogram: &Histogram) -> SeriesExemplars {
    let snapshot = histogram.metric();
    let bounds: Vec<f64> = snapshot
        .get_histogram()
        .get_bucket()
        .iter()
        .map(|bucket| bucket.upper_bound())
        .collect();
    SeriesExemplars::histogram(&bounds)
}

fn counter_cells<C>(_: &C) -> SeriesExemplars {
    SeriesExemplars::counter()
}

macro_rules! series_store {
    ($($ty:ty => $cells:expr),* $(,)?) => {$(
        impl sealed::Sealed for $ty {
            #[allow(private_interfaces)]
            fn new_store(&self) -> Store {
                Store::Series(Arc::new(($cells)(self)))
            }
        }
        impl ExemplarMetric for $ty {}
    )*};
}

series_store!(
    IntCounter => counter_cells::<IntCounter>,
    Counter => counter_cells::<Counter>,
    Histogram => histogram_cells,
);

macro_rules! child_store {
    ($($ty:ty),* $(,)?) => {$(
        impl sealed::Sealed for $ty {
            #[allow(private_interfaces)]
            fn new_store(&self) -> Store {
                Store::Children(Arc::default())
            }
        }
        impl ExemplarMetric for $ty {}
    )*};
}

child_store!(IntCounterVec, CounterVec, HistogramVec);

impl<M: ExemplarMetric> Exemplars<M> {
    /// `metric`, keeping exemplars from now on (for use outside a
    /// component; a component builds its fields itself).
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::Exemplars;
    /// let counter = Exemplars::new(IntCounter::new("jobs_total", "Jobs.")?);
    /// counter.inc_with_exemplar(&[("trace_id", "abc")]);
    /// assert_eq!(counter.get(), 1);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn new(metric: M) -> Self {
        Exemplars {
            exemplars: metric.new_store(),
            metric,
        }
    }

    /// The wrapped metric.
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::Exemplars;
    /// let counter = Exemplars::new(IntCounter::new("jobs_total", "Jobs.")?);
    /// let plain: &IntCounter = counter.inner();
    /// # let _ = plain;
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn inner(&self) -> &M {
        &self.metric
    }

    /// The exemplars of a series (a counter or histogram, not a `*Vec`).
    pub(crate) fn series_store(&self) -> Option<&SeriesExemplars> {
        self.exemplars.series()
    }

    /// The exemplars of a `*Vec`'s children.
    pub(crate) fn children_store(&self) -> Arc<ChildExemplars> {
        self.exemplars.children().cloned().unwrap_or_default()
    }
}

impl Exemplars<IntCounter> {
    /// Adds 1, and keeps an exemplar of `labels` with the value 1.
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::Exemplars;
    /// let counter = Exemplars::new(IntCounter::new("jobs_total", "Jobs.")?);
    /// counter.inc_with_exemplar(&[("trace_id", "abc")]);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn inc_with_exemplar(&self, labels: &[(&str, &str)]) {
        self.inc_by_with_exemplar(1, labels);
    }

    /// Adds `v`, and keeps an exemplar of `labels` with the value `v`.
    ///
    /// ```
    /// use prometheus_component::prometheus::IntCounter;
    /// use prometheus_component::Exemplars;
    /// let bytes = Exemplars::new(IntCounter::new("sent_bytes_total", "Bytes sent.")?);
    /// bytes.inc_by_with_exemplar(512, &[("trace_id", "abc")]);
    /// assert_eq!(bytes.get(), 512);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn inc_by_with_exemplar(&self, v: u64, labels: &[(&str, &str)]) {
        self.metric.inc_by(v);
        if let Some(series) = self.exemplars.series() {
            series.record(labels, v as f64, || self.series_name());
        }
    }
}

impl Exemplars<Counter> {
    /// Adds 1, and keeps an exemplar of `labels` with the value 1.
    ///
    /// ```
    /// use prometheus_component::prometheus::Counter;
    /// use prometheus_component::Exemplars;
    /// let counter = Exemplars::new(Counter::new("jobs_total", "Jobs.")?);
    /// counter.inc_with_exemplar(&[("trace_id", "abc")]);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn inc_with_exemplar(&self, labels: &[(&str, &str)]) {
        self.inc_by_with_exemplar(1.0, labels);
    }

    /// Adds `v`, and keeps an exemplar of `labels` with the value `v`.
    ///
    /// ```
    /// use prometheus_component::prometheus::Counter;
    /// use prometheus_component::Exemplars;
    /// let spent = Exemplars::new(Counter::new("spent_euros_total", "Money spent.")?);
    /// spent.inc_by_with_exemplar(9.99, &[("trace_id", "abc")]);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn inc_by_with_exemplar(&self, v: f64, labels: &[(&str, &str)]) {
        self.metric.inc_by(v);
        if let Some(series) = self.exemplars.series() {
            series.record(labels, v, || self.series_name());
        }
    }
}

impl Exemplars<Histogram> {
    /// Observes `v`, and keeps an exemplar of `labels` with the value `v`
    /// on the bucket `v` falls in.
    ///
    /// ```
    /// use prometheus_component::prometheus::{Histogram, HistogramOpts};
    /// use prometheus_component::Exemplars;
    /// let latency = Exemplars::new(Histogram::with_opts(HistogramOpts::new("rpc_seconds", "RPC time."))?);
    /// latency.observe_with_exemplar(0.02, &[("trace_id", "abc")]);
    /// assert_eq!(latency.get_sample_count(), 1);
    /// # Ok::<(), prometheus_component::prometheus::Error>(())
    /// ```
    pub fn observe_with_exemplar(&self, v: f64, labels: &[(&str, &str)]) {
        self.metric.observe(v);
        if let Some(series) = self.exemplars.series() {
            series.record(labels, v, || self.series_name());
        }
    }
}

macro_rules! vec_children {
    ($($vec:ty => $child:ty, $cells:expr);* $(;)?) => {$(
        impl Exemplars<$vec> {
            /// The child with these label values, with the exemplar
            /// methods; see `with_label_values` on the wrapped `*Vec`,
            /// which panics on a wrong number of values as this does.
            pub fn with_label_values(&self, values: &[&str]) -> Exemplars<$child> {
                let child = self.metric.with_label_values(values);
                let children = self.children_store();
                let series = children.of(values, || ($cells)(&child));
                Exemplars {
                    exemplars: Store::Series(series),
                    metric: child,
                }
            }

            /// The child with these label values, or the `prometheus`
            /// crate's error for a wrong number of values.
            pub fn get_metric_with_label_values(
                &self,
                values: &[&str],
            ) -> prometheus::Result<Exemplars<$child>> {
                let child = self.metric.get_metric_with_label_values(values)?;
                let children = self.children_store();
                let series = children.of(values, || ($cells)(&child));
                Ok(Exemplars {
                    exemplars: Store::Series(series),
                    metric: child,
                })
            }

            /// Removes the child with these label values, and its
            /// exemplars.
            pub fn remove_label_values(&self, values: &[&str]) -> prometheus::Result<()> {
                self.metric.remove_label_values(values)?;
                self.children_store().remove(values);
                Ok(())
            }

            /// Removes every child, and their exemplars.
            pub fn reset(&self) {
                self.metric.reset();
                self.children_store().clear();
            }
        }
    )*};
}

vec_children!(
    IntCounterVec => IntCounter, counter_cells::<IntCounter>;
    CounterVec => Counter, counter_cells::<Counter>;
    HistogramVec => Histogram, histogram_cells;
);

impl<M: Collector> Exemplars<M> {
    /// The series' name, for the log record of a refused exemplar.
    fn series_name(&self) -> String {
        self.metric
            .desc()
            .first()
            .map_or_else(|| "?".to_owned(), |desc| desc.fq_name.clone())
    }
}

impl<M: Collector> Collector for Exemplars<M> {
    fn desc(&self) -> Vec<&Desc> {
        self.metric.desc()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        self.metric.collect()
    }
}

impl<M: Metric> Metric for Exemplars<M> {
    fn metric(&self) -> proto::Metric {
        self.metric.metric()
    }
}

impl<M> Exemplars<M> {
    /// The latest exemplar of cell `index` (0 for a counter; the bucket's
    /// index for a histogram).
    pub(crate) fn latest(&self, index: usize) -> Option<Exemplar> {
        self.exemplars
            .series()
            .and_then(|series| series.latest(index))
    }

    /// The latest exemplar of each cell, `+Inf`'s last for a histogram.
    pub(crate) fn latest_per_cell(&self) -> Vec<Option<Exemplar>> {
        let Some(series) = self.exemplars.series() else {
            return Vec::new();
        };
        (0..series.cell_count()).map(|i| series.latest(i)).collect()
    }
}
