use metrics_runtime::prometheus::IntGauge;
use metrics_runtime::Metrics;

/// Bytes, not kilobytes.
#[derive(Metrics)]
#[metrics(component = "cache")]
pub struct CacheMetrics {
    /// Memory held.
    pub size_kilobytes: IntGauge,
}

fn main() {}
