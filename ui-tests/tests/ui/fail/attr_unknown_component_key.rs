use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A typo in a key.
#[derive(Metrics)]
#[metrics(component = "http", namespase = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
