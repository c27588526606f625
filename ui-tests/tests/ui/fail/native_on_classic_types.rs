use prometheus_component::prometheus::{Gauge, Histogram};
use prometheus_component::Metrics;

type Latency = Histogram;

/// `native(..)` is for native histograms only, whatever the spelling.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(native(schema = 3))]
    pub latency_seconds: Histogram,
    /// Time to last byte.
    #[metric(native(schema = 3))]
    pub response_seconds: Latency,
    /// Requests in flight.
    #[metric(native())]
    pub in_flight: Gauge,
}

fn main() {}
