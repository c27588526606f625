use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `metric` for `metrics`: the component name would be lost.
#[derive(Metrics)]
#[metrics(component = "http")]
#[metric(namespace = "shop")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
