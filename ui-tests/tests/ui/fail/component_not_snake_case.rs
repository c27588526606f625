use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// Upper case.
#[derive(Metrics)]
#[metrics(component = "HttpFront")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
