use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// A label name must be a string literal.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["method", 200])]
    pub responses_total: IntCounterVec,
}

fn main() {}
