use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `IntCounter` has no variable labels.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(labels = ["method"])]
    pub requests_total: IntCounter,
}

fn main() {}
