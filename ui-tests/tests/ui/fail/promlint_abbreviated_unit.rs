use metrics_runtime::prometheus::Histogram;
use metrics_runtime::Metrics;

/// `ms` is an abbreviation.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    pub latency_ms: Histogram,
}

fn main() {}
