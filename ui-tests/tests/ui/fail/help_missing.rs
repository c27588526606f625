use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// No doc comment and no `help`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    pub requests_total: IntCounter,
}

fn main() {}
