use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// `metrics` for `metric`: the field's settings would be lost.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metrics(name = "received_total")]
    pub requests_total: IntCounter,
}

fn main() {}
