use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A counter's name must end in `_total`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests: IntCounter,
}

fn main() {}
