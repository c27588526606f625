use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// The field name is the metric name.
#[derive(Metrics)]
#[metrics(component = "http")]
#[allow(non_snake_case)]
pub struct HttpMetrics {
    /// Requests received.
    pub Requests_total: IntCounter,
}

fn main() {}
