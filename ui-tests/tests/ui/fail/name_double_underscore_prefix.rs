use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// `__` is Prometheus's own.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "__requests_total")]
    pub requests_total: IntCounter,
}

fn main() {}
