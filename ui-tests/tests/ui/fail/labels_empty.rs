use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// An empty list.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = [])]
    pub responses_total: IntCounterVec,
}

fn main() {}
