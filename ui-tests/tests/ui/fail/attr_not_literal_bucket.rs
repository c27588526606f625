use prometheus_component::prometheus::Histogram;
use prometheus_component::Metrics;

const LIMIT: f64 = 1.0;

/// Buckets are computed at compile time, from literals.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(buckets = [0.1, LIMIT])]
    pub latency_seconds: Histogram,
}

fn main() {
    let _ = LIMIT;
}
