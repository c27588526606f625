use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// So does the subsystem.
#[derive(Metrics)]
#[metrics(component = "http", subsystem = "Front")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
