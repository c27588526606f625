use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// One component is one fixed set of names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics<T> {
    /// Requests received.
    pub requests_total: IntCounter,
    /// Something generic.
    pub extra: T,
}

fn main() {}
