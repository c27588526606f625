use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// `__` label names are Prometheus's own.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["__name__"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
