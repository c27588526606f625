//! The Prometheus type of a metric: what its `# TYPE` line says.

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
    /// assert_eq!(prometheus_component::MetricType::Gauge.as_str(), "gauge");
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
