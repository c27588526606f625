use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// Only `exponential` and `linear`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = quadratic(0.1, 2.0, 5))]
    pub latency_seconds: Histogram,
}

fn main() {}
