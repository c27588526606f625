use metrics_runtime::prometheus::IntGauge;
use metrics_runtime::Metrics;

/// `_count` is a histogram's series.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Open connections.
    pub connection_count: IntGauge,
}

fn main() {}
