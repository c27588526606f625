use prometheus_component::Metrics;

/// A type of one's own is not a metric type, whatever its name: one error,
/// on the type.
pub struct Counter;

#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests received.
    pub requests_total: Counter,
}

fn main() {}
