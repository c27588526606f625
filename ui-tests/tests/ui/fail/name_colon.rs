use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `:` is for recording rules.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requests:rate_total")]
    pub requests_total: IntCounter,
}

fn main() {}
