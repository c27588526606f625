use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// An empty list says nothing.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [])]
    pub requests_total: IntCounter,
}

fn main() {}
