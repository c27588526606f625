use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// camelCase.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requestsTotal")]
    pub requests_total: IntCounter,
}

fn main() {}
