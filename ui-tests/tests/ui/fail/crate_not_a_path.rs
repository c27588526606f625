use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// `crate` takes a path.
#[derive(Metrics)]
#[metrics(component = "http", crate = "not a path")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
