use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

const NAME: &str = "http";

/// A constant is not expanded inside an attribute.
#[derive(Metrics)]
#[metrics(component = NAME)]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {
    let _ = NAME;
}
