use prometheus_component::{Metrics, NativeHistogram};

/// Each parameter out of range is its own error, on its literal.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(native(schema = 9, max_buckets = 0, zero_threshold = -1.0))]
    pub latency_seconds: NativeHistogram,
    /// Time to last byte.
    #[metric(native(schema = 2.5, max_buckets = 5000))]
    pub response_seconds: NativeHistogram,
}

fn main() {}
