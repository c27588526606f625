use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Two fields, one full name.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
    /// Requests received, again.
    #[metric(name = "requests_total")]
    pub received_total: IntCounter,
}

fn main() {}
