use prometheus_component::prometheus::IntCounter;
use prometheus_component::{LabelValue, Labeled, Metrics};

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
    #[metric(labels = [__method: Method, le: Class])]
    responses_total: Labeled<IntCounter, (Method, Class)>,
}

fn main() {}
