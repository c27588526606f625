use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// 1e300 times 10, ten times over, is not a number an f64 holds.
#[derive(Metrics)]
#[metrics(component = "store")]
pub struct StoreMetrics {
    /// Object sizes.
    #[metric(buckets = exponential(1e300, 10, 10))]
    pub object_bytes: Histogram,
}

fn main() {}
