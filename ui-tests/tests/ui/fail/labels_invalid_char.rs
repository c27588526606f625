use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// A dash in a label name.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["status-class"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
