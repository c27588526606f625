use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// `:` is for recording rules.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requests:rate_total")]
    pub requests_total: IntCounter,
}

fn main() {}
