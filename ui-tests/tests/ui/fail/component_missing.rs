use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// No `component = ...`.
#[derive(Metrics)]
#[metrics(namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
