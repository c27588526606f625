use prometheus_component::Metrics;

/// A plain integer is not a metric: one error, on the type.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: u64,
}

fn main() {}
