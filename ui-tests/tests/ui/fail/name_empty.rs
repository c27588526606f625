use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// An empty name.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "")]
    pub requests_total: IntCounter,
}

fn main() {}
