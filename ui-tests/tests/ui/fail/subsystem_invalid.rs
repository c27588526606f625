use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// So does the subsystem.
#[derive(Metrics)]
#[metrics(component = "http", subsystem = "Front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
