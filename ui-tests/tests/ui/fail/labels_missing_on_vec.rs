use metrics_runtime::prometheus::IntCounterVec;
use metrics_runtime::Metrics;

/// A `*Vec` needs its label names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    pub responses_total: IntCounterVec,
}

fn main() {}
