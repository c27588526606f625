use prometheus_component::prometheus::IntGauge as IntCounter;
use prometheus_component::Metrics;

/// A gauge in disguise, taken for a counter by its name: the `_total` rule
/// is the counter's, and the second error says why.
#[derive(Metrics)]
#[metrics(component = "http")]
pub struct HttpMetrics {
    /// Requests in flight.
    pub in_flight: IntCounter,
}

fn main() {}
