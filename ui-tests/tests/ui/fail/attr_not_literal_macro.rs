use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Nor is a macro call.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    #[metric(help = concat!("Requests", " received."))]
    pub requests_total: IntCounter,
}

fn main() {}
