use prometheus_component::Metrics;

/// Braces, but no metric.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {}

fn main() {}
