use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A word other libraries use.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    #[metric(description = "Requests received.")]
    pub requests_total: IntCounter,
}

fn main() {}
