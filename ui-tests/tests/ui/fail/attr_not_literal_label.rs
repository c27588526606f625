use metrics_runtime::prometheus::IntCounterVec;
use metrics_runtime::Metrics;

/// A label name must be a string literal.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["method", 200])]
    pub responses_total: IntCounterVec,
}

fn main() {}
