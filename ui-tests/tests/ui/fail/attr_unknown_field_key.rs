use metrics_runtime::prometheus::IntCounterVec;
use metrics_runtime::Metrics;

/// `label` for `labels`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(label = ["method"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
