use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// `crate` takes a path.
#[derive(Metrics)]
#[metrics(component = "http", crate = "not a path")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
