use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// The same key in two attributes.
#[derive(Metrics)]
#[metrics(component = "http")]
#[metrics(component = "front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
