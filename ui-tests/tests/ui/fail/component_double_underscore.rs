use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Segments are joined with `_`.
#[derive(Metrics)]
#[metrics(component = "http__front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
