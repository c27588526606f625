use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// A `*Vec` needs its label names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    pub responses_total: IntCounterVec,
}

fn main() {}
