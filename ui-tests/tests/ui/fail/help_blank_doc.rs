use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A doc comment of white space only.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    ///
    ///
    pub requests_total: IntCounter,
}

fn main() {}
