use prometheus_component::prometheus::Gauge;
use prometheus_component::Metrics;

/// `_bucket` is a histogram's series.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Fill level of the token bucket.
    pub token_bucket: Gauge,
}

fn main() {}
