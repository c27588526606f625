use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// No `component = ...`.
#[derive(Metrics)]
#[metrics(namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
