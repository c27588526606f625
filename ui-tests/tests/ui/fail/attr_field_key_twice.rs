use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// The same key twice in one attribute.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    #[metric(help = "Requests received.", help = "Requests.")]
    pub requests_total: IntCounter,
}

fn main() {}
