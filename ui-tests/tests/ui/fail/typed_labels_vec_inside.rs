use metrics_runtime::prometheus::IntCounterVec;
use metrics_runtime::{LabelValue, Labeled, Metrics};

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
