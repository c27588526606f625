use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A dash.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requests-total")]
    pub requests_total: IntCounter,
}

fn main() {}
