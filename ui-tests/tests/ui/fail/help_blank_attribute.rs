use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// A `help` of white space only.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    #[metric(help = "   ")]
    pub requests_total: IntCounter,
}

fn main() {}
