use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Fields without names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics(IntCounter);

fn main() {}
