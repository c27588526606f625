use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// `metric` for `metrics`: the component name would be lost.
#[derive(Metrics)]
#[metrics(component = "http")]
#[metric(namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
