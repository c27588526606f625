use prometheus_component::{Metrics, NativeHistogram};

/// A misspelt parameter gets a suggestion; a value must be a number.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(native(shema = 3, zero_threshold = "small"))]
    pub latency_seconds: NativeHistogram,
    /// Time to last byte.
    #[metric(native)]
    pub response_seconds: NativeHistogram,
}

fn main() {}
