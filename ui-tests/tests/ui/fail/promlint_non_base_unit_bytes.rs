use prometheus_component::prometheus::IntGauge;
use prometheus_component::Metrics;

/// Bytes, not kilobytes.
#[derive(Metrics)]
#[metrics(component = "cache")]
pub struct CacheMetrics {
    /// Memory held.
    pub size_kilobytes: IntGauge,
}

fn main() {}
