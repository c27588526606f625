use prometheus_component::Metrics;

/// A metric's type is a path; this one is a reference.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: &'static str,
}

fn main() {}
