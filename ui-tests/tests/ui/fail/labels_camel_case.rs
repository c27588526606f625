use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::Metrics;

/// promlint wants snake_case label names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Responses sent.
    #[metric(labels = ["statusCode"])]
    pub responses_total: IntCounterVec,
}

fn main() {}
