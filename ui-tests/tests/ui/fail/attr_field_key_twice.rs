use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// The same key twice in one attribute.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    #[metric(help = "Requests received.", help = "Requests.")]
    pub requests_total: IntCounter,
}

fn main() {}
