use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `#[metrics]` with no arguments.
#[derive(Metrics)]
#[metrics]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
