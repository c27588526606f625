use prometheus_component::prometheus::IntCounter;
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
    #[metric(labels = [method: String])]
    responses_total: Labeled<IntCounter, String>,
}

fn main() {}
