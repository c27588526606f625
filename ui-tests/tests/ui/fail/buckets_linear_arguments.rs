use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// A width above 0 and a whole count.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = linear(0.1, -0.1, 2.5))]
    pub latency_seconds: Histogram,
}

fn main() {}
