use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A dash cannot be part of a metric name.
#[derive(Metrics)]
#[metrics(component = "http-front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
