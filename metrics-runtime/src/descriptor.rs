//! What a component declares about each of its metrics.

use std::fmt;

/// The Prometheus type of a metric, as it appears on its `# TYPE` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MetricType {
    /// A monotonically increasing value (`Counter`, `IntCounter` and their `*Vec`s).
    Counter,
    /// A value that goes up and down (`Gauge`, `IntGauge` and their `*Vec`s).
    Gauge,
    /// Observations counted into buckets (`Histogram`, `HistogramVec`).
    Histogram,
}

impl MetricType {
    /// The name Prometheus uses for this type: `counter`, `gauge` or `histogram`.
    ///
    /// ```
    /// assert_eq!(metrics_runtime::MetricType::Gauge.as_str(), "gauge");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            MetricType::Counter => "counter",
            MetricType::Gauge => "gauge",
            MetricType::Histogram => "histogram",
        }
    }
}

impl fmt::Display for MetricType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The declaration of one metric of a component: everything the derive
/// read from the field and its attributes, with names already composed.
///
/// ```
/// use metrics_runtime::prometheus::HistogramVec;
/// use metrics_runtime::{Metrics, MetricType};
///
/// /// Database access.
/// #[derive(Metrics)]
/// #[metrics(component = "db", namespace = "shop")]
/// struct DbMetrics {
///     /// Query time.
///     #[metric(labels = ["table"], buckets = [0.001, 0.01, 0.1])]
///     query_seconds: HistogramVec,
/// }
///
/// let d = &DbMetrics::descriptors()[0];
/// assert_eq!(d.name(), "shop_db_query_seconds");
/// assert_eq!(d.field(), "query_seconds");
/// assert_eq!(d.metric_type(), MetricType::Histogram);
/// assert_eq!(d.help(), "Query time.");
/// assert_eq!(d.labels(), ["table"]);
/// assert_eq!(d.buckets(), Some(&[0.001, 0.01, 0.1][..]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricDescriptor {
    field: &'static str,
    name: &'static str,
    help: &'static str,
    metric_type: MetricType,
    labels: &'static [&'static str],
    const_labels: &'static [(&'static str, &'static str)],
    buckets: Option<&'static [f64]>,
}

impl MetricDescriptor {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        field: &'static str,
        name: &'static str,
        help: &'static str,
        metric_type: MetricType,
        labels: &'static [&'static str],
        const_labels: &'static [(&'static str, &'static str)],
        buckets: Option<&'static [f64]>,
    ) -> Self {
        MetricDescriptor {
            field,
            name,
            help,
            metric_type,
            labels,
            const_labels,
            buckets,
        }
    }

    /// The Rust field that holds the metric.
    pub const fn field(&self) -> &'static str {
        self.field
    }

    /// The full metric name: `namespace_subsystem_name`, empty segments left out.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The HELP text.
    pub const fn help(&self) -> &'static str {
        self.help
    }

    /// The Prometheus type.
    pub const fn metric_type(&self) -> MetricType {
        self.metric_type
    }

    /// The variable label names, in declaration order (empty for metrics
    /// without labels).
    pub const fn labels(&self) -> &'static [&'static str] {
        self.labels
    }

    /// The constant labels, as `(name, value)` pairs.
    pub const fn const_labels(&self) -> &'static [(&'static str, &'static str)] {
        self.const_labels
    }

    /// The bucket upper bounds of a histogram (`None` for other types; the
    /// `prometheus` crate's default buckets where none were declared).
    pub const fn buckets(&self) -> Option<&'static [f64]> {
        self.buckets
    }
}
