use metrics_runtime::prometheus::IntCounterVec;
use metrics_runtime::Metrics;

/// An empty list.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = [])]
    pub responses_total: IntCounterVec,
}

fn main() {}
