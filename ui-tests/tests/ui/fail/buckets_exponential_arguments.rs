use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// Start above 0, factor above 1, a count from 1 to 1000.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = exponential(0, 1, 0))]
    pub latency_seconds: Histogram,
}

fn main() {}
