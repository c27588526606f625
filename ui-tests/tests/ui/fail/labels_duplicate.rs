use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// A label given twice.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["method", "class", "method"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
