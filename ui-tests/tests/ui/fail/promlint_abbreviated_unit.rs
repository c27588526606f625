use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// `ms` is an abbreviation.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    pub latency_ms: Histogram,
}

fn main() {}
