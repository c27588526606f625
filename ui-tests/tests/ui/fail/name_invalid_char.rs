use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A dash.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requests-total")]
    pub requests_total: IntCounter,
}

fn main() {}
