use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// A label cannot be both variable and constant.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["region", "method"], const_labels = [("region", "eu")])]
    pub responses_total: IntCounterVec,
}

fn main() {}
