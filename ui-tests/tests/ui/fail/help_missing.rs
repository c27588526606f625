use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// No doc comment and no `help`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    pub requests_total: IntCounter,
}

fn main() {}
