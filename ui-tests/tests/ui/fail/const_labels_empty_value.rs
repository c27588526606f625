use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// An empty value is no label at all.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [("region", "")])]
    pub requests_total: IntCounter,
}

fn main() {}
