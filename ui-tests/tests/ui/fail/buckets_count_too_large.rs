use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// Thousands of buckets are a cardinality accident.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = linear(0.0, 0.001, 5000))]
    pub latency_seconds: Histogram,
}

fn main() {}
