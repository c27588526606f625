use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// camelCase.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requestsTotal")]
    pub requests_total: IntCounter,
}

fn main() {}
