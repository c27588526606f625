use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

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
