use prometheus_component::prometheus::IntCounter;
use prometheus_component::Metrics;

/// Also when the name is given with `name`.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    #[metric(name = "requests")]
    pub requests_total: IntCounter,
}

fn main() {}
