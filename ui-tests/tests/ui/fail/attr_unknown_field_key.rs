use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// `label` for `labels`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(label = ["method"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
