use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// A where clause without parameters.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics
where
    IntCounter: Clone,
{
    /// Requests received.
    pub requests_total: IntCounter,
}

fn main() {}
