use prometheus_component::Metrics;

/// No fields at all.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics;

fn main() {}
