use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// A literal too large for an `f64` is infinite.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = [0.1, 1e999])]
    pub latency_seconds: Histogram,
}

fn main() {}
