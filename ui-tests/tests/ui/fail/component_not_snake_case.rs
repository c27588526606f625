use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Upper case.
#[derive(Metrics)]
#[metrics(component = "HttpFront")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
