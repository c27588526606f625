use metrics_runtime::Metrics;

/// Not a struct.
#[derive(Metrics)]
#[metrics(component = "http")]
pub enum HttpMetrics {
    Requests,
}

fn main() {}
