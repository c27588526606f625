use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

/// A step of 1 is lost at 1e20: the bounds would repeat.
#[derive(Metrics)]
#[metrics(component = "store")]
pub struct StoreMetrics {
    /// Object sizes.
    #[metric(buckets = linear(1e20, 1, 5))]
    pub object_bytes: Histogram,
}

fn main() {}
