use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// The same key in two attributes.
#[derive(Metrics)]
#[metrics(component = "http")]
#[metrics(component = "front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
