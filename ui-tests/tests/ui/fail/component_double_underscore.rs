use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// Segments are joined with `_`.
#[derive(Metrics)]
#[metrics(component = "http__front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
