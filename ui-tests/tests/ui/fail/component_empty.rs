use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// An empty name.
#[derive(Metrics)]
#[metrics(component = "")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
