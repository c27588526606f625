use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// An empty name.
#[derive(Metrics)]
#[metrics(component = "")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
