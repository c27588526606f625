use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// No bucket at all.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = [])]
    pub latency_seconds: Histogram,
}

fn main() {}
