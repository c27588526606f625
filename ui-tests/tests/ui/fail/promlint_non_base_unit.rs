use metrics_runtime::prometheus::Histogram;
use metrics_runtime::Metrics;

/// Seconds, not milliseconds.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    pub latency_milliseconds: Histogram,
}

fn main() {}
