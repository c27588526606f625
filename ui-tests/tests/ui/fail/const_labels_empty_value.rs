use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// An empty value is no label at all.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [("region", "")])]
    pub requests_total: IntCounter,
}

fn main() {}
