use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// Three arguments, not two.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = exponential(0.1, 2.0))]
    pub latency_seconds: Histogram,
}

fn main() {}
