use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Constant label names follow the label rules.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [("__region", "eu")])]
    pub requests_total: IntCounter,
}

fn main() {}
