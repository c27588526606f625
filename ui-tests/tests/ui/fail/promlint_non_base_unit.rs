use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// Seconds, not milliseconds.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    pub latency_milliseconds: Histogram,
}

fn main() {}
