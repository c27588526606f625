use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `metrics` for `metric`: the field's settings would be lost.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metrics(name = "received_total")]
    pub requests_total: IntCounter,
}

fn main() {}
