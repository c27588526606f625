use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// The same constant label twice.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [("region", "eu"), ("region", "us")])]
    pub requests_total: IntCounter,
}

fn main() {}
