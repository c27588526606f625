use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A counter's name must end in `_total`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests: IntCounter,
}

fn main() {}
