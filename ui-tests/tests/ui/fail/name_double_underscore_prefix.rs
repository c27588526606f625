use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `__` is Prometheus's own.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "__requests_total")]
    pub requests_total: IntCounter,
}

fn main() {}
