use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// A label name must not start with a digit.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["2xx"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
