use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::{LabelValue, Labeled, Metrics};

#[derive(LabelValue)]
enum Method {
    Get,
    Post,
}

/// Responses.
#[derive(Metrics)]
#[metrics(component = "api")]
struct ApiMetrics {
    /// Responses sent.
    #[metric(labels = [method: Method])]
    responses_total: Labeled<IntCounterVec, Method>,
}

fn main() {}
