use prometheus_component::prometheus::IntGauge;
use prometheus_component::Metrics;

/// `_count` is a histogram's series.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Open connections.
    pub connection_count: IntGauge,
}

fn main() {}
