use prometheus_component::prometheus::IntCounterVec;
use prometheus_component::{LabelValue, Metrics};

#[derive(LabelValue)]
enum Method {
    Get,
    Post,
}

#[derive(LabelValue)]
enum Class {
    Success,
    Failure,
}

/// Responses.
#[derive(Metrics)]
#[metrics(component = "api")]
struct ApiMetrics {
    /// Responses sent.
    #[metric(labels = [method: Method, class: Class])]
    responses_total: IntCounterVec,
}

fn main() {}
