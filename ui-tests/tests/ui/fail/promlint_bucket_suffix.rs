use metrics_runtime::prometheus::Gauge;
use metrics_runtime::Metrics;

/// `_bucket` is a histogram's series.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Fill level of the token bucket.
    pub token_bucket: Gauge,
}

fn main() {}
