use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// `#[metrics]` with no arguments.
#[derive(Metrics)]
#[metrics]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
