use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A doc comment of white space only.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    ///
    ///
    pub requests_total: IntCounter,
}

fn main() {}
