use metrics_runtime::prometheus::IntCounter;
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
    #[metric(labels = [method: String])]
    responses_total: Labeled<IntCounter, String>,
}

fn main() {}
