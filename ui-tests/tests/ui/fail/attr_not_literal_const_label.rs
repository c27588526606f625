use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

const REGION: &str = "eu";

/// A constant label's value must be a string literal.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(const_labels = [("region", REGION)])]
    pub requests_total: IntCounter,
}

fn main() {
    let _ = REGION;
}
