use metrics_runtime::prometheus::IntCounter;
use metrics_runtime::Metrics;

/// Fields without names.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics(IntCounter);

fn main() {}
