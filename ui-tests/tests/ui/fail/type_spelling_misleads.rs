use prometheus_component::prometheus::IntCounterVec as IntCounter;
use prometheus_component::Metrics;

/// A type named like a `prometheus` type is taken for it, and the
/// descriptor checks that it is: here it is a `*Vec` type in disguise.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
