use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// Bounds out of order, and a bound repeated.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = [0.1, 0.5, 0.25, 1.0, 1.0])]
    pub latency_seconds: Histogram,
}

fn main() {}
