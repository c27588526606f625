use prometheus_component::prometheus::Gauge;
use prometheus_component::Metrics;

/// Only histograms have buckets.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte, last request.
    #[metric(buckets = [0.1, 1.0])]
    pub latency_seconds: Gauge,
}

fn main() {}
