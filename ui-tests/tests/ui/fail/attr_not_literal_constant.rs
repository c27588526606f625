use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

const NAME: &str = "http";

/// A constant is not expanded inside an attribute.
#[derive(Metrics)]
#[metrics(component = NAME)]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {
    let _ = NAME;
}
