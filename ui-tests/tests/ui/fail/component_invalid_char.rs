use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A dash cannot be part of a metric name.
#[derive(Metrics)]
#[metrics(component = "http-front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
