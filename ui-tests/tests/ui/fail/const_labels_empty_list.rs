use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// An empty list says nothing.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [])]
    pub requests_total: IntCounter,
}

fn main() {}
