use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A typo in a key.
#[derive(Metrics)]
#[metrics(component = "http", namespase = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
