use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// The namespace follows the same rules as the component name.
#[derive(Metrics)]
#[metrics(component = "http", namespace = "my-shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
