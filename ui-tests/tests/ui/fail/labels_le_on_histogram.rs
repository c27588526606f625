use prometheus_component::prometheus::HistogramVec;
use prometheus_component::Metrics;

/// `le` holds a histogram's bucket bounds.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Time to first byte.
    #[metric(labels = ["le"])]
    pub latency_seconds: HistogramVec,
}

fn main() {}
