use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// The type is on the `# TYPE` line already.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_counter_total: IntCounter,
}

fn main() {}
