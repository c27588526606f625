use metrics_runtime::prometheus::IntCounterVec;
use metrics_runtime::Metrics;

/// A label given twice.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["method", "class", "method"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
