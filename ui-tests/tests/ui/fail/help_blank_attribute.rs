use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A `help` of white space only.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    #[metric(help = "   ")]
    pub requests_total: IntCounter,
}

fn main() {}
