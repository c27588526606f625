use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// One component is one fixed set of names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics<T> {
    /// Requests received.
    pub requests_total: IntCounter,
    /// Something generic.
    pub extra: T,
}

fn main() {}
