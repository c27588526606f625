use prometheus_component::prometheus::{Histogram, IntCounter, IntCounterVec};
use prometheus_component::Metrics;

/// Every mistake of one declaration shows in one compile.
#[derive(Metrics)]
#[metrics(component = "Http", namespase = "shop")]
pub struct HttpMetrics {
    pub requests_total: IntCounter,
    /// Responses sent.
    #[metric(labels = ["method", "method"])]
    pub responses_total: IntCounterVec,
    /// Time to first byte.
    #[metric(buckets = [0.5, 0.1])]
    pub latency_ms: Histogram,
}

fn main() {}
